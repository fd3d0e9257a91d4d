"""Strict builds of real and empty article folders."""

from pathlib import Path

from conftest import build_site


def test_empty_archive_builds(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    result = build_site(articles, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_project_archive_builds(project_site: Path) -> None:
    assert "Lưu trữ tin" in (project_site / "index.html").read_text("utf-8")
