"""The editor's steps in docs/huong-dan.md: ingest, fix a field, ingest again, check, build."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_site

SEED = ROOT / "articles" / "raw" / "004_67a0f94a2f50c909.txt"
GUIDE = (ROOT / "docs" / "huong-dan.md").read_text("utf-8")


def _run(script: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, check=False)


def _fix_province(article: Path) -> str:
    """The guide's example: seed 004 is from Lai Châu's portal; the text never says so."""
    text = article.read_text("utf-8")
    assert "\nprovinces: []\n" in text and re.search(r"\nreview: \[.*\bprovinces\b", text)
    text = text.replace("\nprovinces: []\n", "\nprovinces: [Lai Châu]\n")
    text = re.sub(r"(?m)^(review: \[.*)\bprovinces\b(, )?", r"\1", text).replace(", ]", "]")
    article.write_text(text, "utf-8")
    return text


def test_an_editors_fix_survives_ingest_and_reaches_the_site(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    first = _run("ingest.py", "--output-dir", articles, SEED)
    assert first.returncode == 0, first.stderr
    [article] = articles.glob("*.md")
    assert article.name in GUIDE
    header = article.read_text("utf-8").split("\n---\n", 1)[0] + "\n---\n"
    assert f"```yaml\n{header}```" in GUIDE, "the guide shows what ingest writes for seed 004"
    fixed = _fix_province(article)
    for line in ("provinces: [Lai Châu]", "review: [date, source]"):
        assert f"\n{line}\n" in fixed and f"```yaml\n{line}\n```" in GUIDE

    again = _run("ingest.py", "--output-dir", articles, SEED)
    assert again.returncode == 0, again.stderr
    assert "protected" in again.stdout + again.stderr
    assert article.read_text("utf-8") == fixed

    check = _run("validate.py", articles)
    assert (check.returncode, check.stdout) == (0, ""), check.stdout
    build = build_site(articles, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    page = next((tmp_path / "site").rglob(f"{article.stem}/index.html")).read_text("utf-8")
    assert "Lai Châu" in page
