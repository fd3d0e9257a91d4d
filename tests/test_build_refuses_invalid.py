"""`mkdocs build` refuses invalid articles with the validator's own lines, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_site

FIXTURES = ROOT / "tests" / "fixtures" / "broken_articles"


def _archive(tmp_path: Path, *names: str) -> Path:
    articles = tmp_path / "articles"
    shutil.copytree(FIXTURES / "raw", articles / "raw")
    for name in names:
        shutil.copy(FIXTURES / name, articles / name)
    return articles


def test_strict_build_fails_with_the_validator_message(tmp_path: Path) -> None:
    articles = _archive(tmp_path, "hop-le.md", "loai-su-kien-la.md", "yaml-sai.md")
    result = build_site(articles, tmp_path / "site")
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), str(articles)],
                           capture_output=True, text=True, check=False)
    assert result.returncode == 1 and check.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = check.stdout.splitlines()
    assert lines[0].startswith(f"{articles}/loai-su-kien-la.md:6: event_type: loại sự kiện")
    assert len(lines) == 2
    for line in lines:
        assert line in result.stderr.splitlines()
    assert "Aborted with a BuildError!" in result.stdout + result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_every_hand_broken_article_is_reported_by_the_build(tmp_path: Path) -> None:
    """The whole broken corpus at once: one clean abort listing every problem."""
    names = [path.name for path in FIXTURES.glob("*.md")]
    articles = _archive(tmp_path, *names)
    result = build_site(articles, tmp_path / "site")
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), str(articles)],
                           capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    lines = check.stdout.splitlines()
    assert len(lines) >= len(names) - 1  # every broken file (not hop-le.md) has a problem
    assert f"Bài viết chưa hợp lệ ({len(lines)} lỗi); sửa rồi chạy lại (kiểm tra riêng: " \
           "make check):" in output
    assert [line for line in output.splitlines() if line in lines] == lines


def test_strict_build_of_valid_articles_succeeds_with_the_guide(tmp_path: Path) -> None:
    result = build_site(_archive(tmp_path, "hop-le.md"), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    guide = (tmp_path / "site" / "huong-dan" / "index.html").read_text("utf-8")
    for text in ("make ingest", "--source-url", "provinces: [Lai Châu]", "make serve",
                 "make check", "pull request"):
        assert text in guide, text


def test_validation_hook_runs_before_every_other_hook() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    hooks = config.split("\nhooks:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert hooks[0] == "  - hooks/validate.py"
