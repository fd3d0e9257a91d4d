"""`python scripts/validate.py`: what an editor (and `make check`, pre-commit, CI) sees."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "broken_articles"
SCRIPT = ROOT / "scripts" / "validate.py"


def _run(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], cwd=cwd,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True,
                          check=False)


def _archive(tmp_path: Path, *names: str) -> Path:
    shutil.copytree(FIXTURES / "raw", tmp_path / "raw")
    for name in names:
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def test_valid_article_exits_zero(tmp_path: Path) -> None:
    result = _run("--today", "2026-11-21", _archive(tmp_path, "hop-le.md") / "hop-le.md")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "Đã kiểm tra 1 bài viết: không có lỗi.\n"


def test_prints_every_problem_of_every_file_and_exits_one(tmp_path: Path) -> None:
    archive = _archive(tmp_path, "hop-le.md", "loai-su-kien-la.md", "ngay-khong-co-that.md")
    result = _run("--today", "2026-11-21", archive)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f'{archive}/loai-su-kien-la.md:6: event_type: loại sự kiện "hop-bao" không hợp lệ; chọn '
        "một trong: dai-hoi, so-ket, tong-ket, hoi-nghi, khen-thuong, nhan-su, chuyen-de, khac",
        f"{archive}/ngay-khong-co-that.md:3: date: ngày 2021-02-30 không có thật; kiểm tra lại "
        "ngày và tháng",
        f"{archive}/ngay-khong-co-that.md:4: event_date: ngày phải có dạng YYYY, YYYY-MM hoặc "
        'YYYY-MM-DD (ví dụ 2021-04-20), không phải "20/4/2021"']
    assert result.stderr == "3 lỗi trong 2/3 tệp.\n"
    assert "Traceback" not in result.stderr


def test_default_is_the_articles_folder_shown_relative(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "articles", "rong.md")
    result = _run(cwd=tmp_path, env={"NEWSARCHIVE_ARTICLES": str(archive)})
    assert result.returncode == 1
    assert result.stdout == ("articles/rong.md:1: file: tệp rỗng; một bài viết cần phần đầu "
                             "(front matter) giữa hai dòng '---' và nội dung bài\n")


def test_dates_are_checked_against_today_by_default(tmp_path: Path) -> None:
    result = _run(_archive(tmp_path, "ngay-tuong-lai.md"))
    assert result.returncode == 1 and "2031-04-20 ở tương lai (hôm nay là " in result.stdout


def test_a_changed_file_is_compared_with_its_neighbours_slugs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    shutil.copy(FIXTURES / "trung-ten.md", tmp_path / "trung-ten.md")
    shutil.copy(FIXTURES / "trung-ten.md", tmp_path / "Trung-Ten.md")
    if len(list(tmp_path.glob("*.md"))) < 2:
        pytest.skip("case-insensitive filesystem")
    result = _run("--today", "2026-11-21", tmp_path / "trung-ten.md")
    assert result.stdout == (f"{tmp_path}/trung-ten.md:1: slug: tên tệp trùng với "
                             f"{tmp_path}/Trung-Ten.md (không phân biệt chữ hoa, chữ thường); "
                             "đổi tên một trong hai tệp\n")


@pytest.mark.parametrize("args", [["khong-co-tep.md"], ["--today", "hôm-nay"], ["--khong-co"]],
                         ids=["missing-path", "bad-today", "unknown-option"])
def test_usage_error_exits_two(args: list[str]) -> None:
    result = _run(*args)
    assert result.returncode == 2 and result.stderr.startswith("usage: validate.py")
    assert "Traceback" not in result.stderr


def test_help_documents_the_command() -> None:
    result = _run("--help")
    assert result.returncode == 0
    for text in ("path:line: field: message", "Exit status", "--today", "make check", "PATH"):
        assert text in result.stdout, text


def test_pre_commit_runs_the_validator_and_ruff_without_downloads() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {repo["repo"] for repo in config["repos"]} == {"local"}
    assert {hook["language"] for hook in hooks.values()} == {"system"}
    assert hooks["validate-articles"]["entry"] == ".venv/bin/python scripts/validate.py"
    assert hooks["ruff"]["entry"] == ".venv/bin/ruff check"


def _post_merger(archive: Path) -> Path:
    """hop-le.md published on 1 August 2025 but naming Bến Tre (merged into Vĩnh Long)."""
    path = archive / "hop-le.md"
    path.write_text(path.read_text("utf-8").replace("date: 2021-04-20", "date: 2025-08-01")
                    .replace("provinces: [Lai Châu]", "provinces: [Bến Tre]"), "utf-8")
    return path


def test_a_warning_is_printed_but_does_not_fail_the_check(tmp_path: Path) -> None:
    path = _post_merger(_archive(tmp_path, "hop-le.md"))
    result = _run("--today", "2026-11-21", path)
    assert result.returncode == 0
    assert result.stdout.startswith(f"{path}:5: provinces: cảnh báo: \"Bến Tre\" là tên tỉnh")
    assert result.stderr == "Đã kiểm tra 1 bài viết: không có lỗi (1 cảnh báo).\n"


def test_a_warning_does_not_stop_the_strict_build(tmp_path: Path) -> None:
    from conftest import build_site

    archive = _archive(tmp_path / "articles", "hop-le.md")
    _post_merger(archive)
    result = build_site(archive, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "bai-viet" / "2012" / "hop-le" / "index.html").is_file()
