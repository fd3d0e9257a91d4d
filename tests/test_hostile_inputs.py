"""Hostile and broken raw input: every input is accounted for, nothing crashes, no script runs.

Black-box over the real command line (scripts/ingest.py), the validator and a strict
build in headless Chromium, because that is where an editor meets these files.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from hostile_inputs import MARKUP_TITLE, write_corpus

from newsarchive.article.model import load

INGEST = ROOT / "scripts" / "ingest.py"
VALIDATE = ROOT / "scripts" / "validate.py"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory):
    """Run one ingest over the whole hostile corpus into a fresh articles folder."""
    work = tmp_path_factory.mktemp("hostile")
    inputs = write_corpus(work / "inbox")
    articles = work / "articles"
    articles.mkdir()
    result = subprocess.run(
        [sys.executable, str(INGEST), "--output-dir", str(articles), *[arg for _, arg in inputs]],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    return inputs, articles, result


def test_batch_goes_on_and_exit_code_reports_rejections(ingested) -> None:
    inputs, articles, result = ingested
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    expected_written = sum(1 for item, _ in inputs if item.outcome == "written")
    assert len(list(articles.glob("*.md"))) == expected_written


def test_every_input_gets_one_line_naming_it(ingested) -> None:
    inputs, _, result = ingested
    lines = result.stdout.splitlines()
    for item, _ in inputs:
        naming = [line for line in lines if item.name in line]
        assert naming, f"no line names {item.name}"


def test_rejections_and_duplicates_are_said(ingested) -> None:
    inputs, _, result = ingested
    for item, _ in inputs:
        line = next(line for line in result.stdout.splitlines() if item.name in line)
        if item.outcome == "rejected":
            assert re.search(r"reject|từ chối|lỗi|error", line, re.I), line
        if item.outcome == "duplicate":
            assert re.search(r"duplicate|trùng", line, re.I), line


def test_nothing_escapes_the_articles_folder(ingested) -> None:
    _, articles, _ = ingested
    outside = articles.parent
    assert sorted(p.name for p in outside.iterdir()) == ["articles", "inbox"]
    for path in articles.rglob("*"):
        assert path.resolve().is_relative_to(articles.resolve())


def test_written_articles_pass_the_validator_and_are_nfc(ingested) -> None:
    _, articles, _ = ingested
    result = subprocess.run([sys.executable, str(VALIDATE), *map(str, articles.glob("*.md"))],
                            capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    import unicodedata
    for path in articles.glob("*.md"):
        text = path.read_text("utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name


def test_markup_in_raw_text_is_kept_as_text(ingested) -> None:
    _, articles, _ = ingested
    [marked] = [a for a in map(load, articles.glob("*.md")) if "alert(1)" in a.title]
    assert marked.title == MARKUP_TITLE
    assert '&lt;script>alert("xss")&lt;/script>' in marked.body  # text in any Markdown …
    assert "<script" not in marked.body and "<img" not in marked.body  # … never a tag


@pytest.mark.browser
def test_no_input_script_runs_in_the_built_site(ingested, browser, tmp_path: Path) -> None:
    _, articles, _ = ingested
    site = tmp_path / "site"
    result = build_site(articles, site)
    assert result.returncode == 0, result.stderr
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    shown = ""
    for html in sorted(site.rglob("index.html")):
        page.goto(html.as_uri())
        assert page.locator("script:text('xss'), img[onerror], a[href^='javascript:']").count() == 0
        if page.locator("h1").first.inner_text() == MARKUP_TITLE:
            shown = page.locator("article").first.inner_text()
    context.close()
    assert dialogs == []
    assert '<script>alert("xss")</script>' in shown and "[liên kết](javascript:alert(3))" in shown
