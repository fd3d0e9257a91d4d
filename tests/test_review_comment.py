"""`newsarchive review`: the editors' pull-request comment, and the workflow that posts it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from newsarchive.commands.review import MARKER, main, md, review_comment

BROKEN = ROOT / "tests" / "fixtures" / "broken_articles"
TODAY = date(2026, 11, 21)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(BROKEN / "raw", folder / "raw")
    for name in ("hop-le.md", "loai-su-kien-la.md"):
        shutil.copy(BROKEN / name, folder / name)
    return folder


def _rows(comment: str) -> dict[str, str]:
    rows = [line.split(" | ") for line in comment.splitlines() if line.startswith("| ")]
    return {row[0].lstrip("| "): row[2].rstrip(" |") for row in rows[2:] if len(row) == 3}


def test_each_field_is_shown_and_review_fields_are_flagged(articles: Path) -> None:
    comment = review_comment([articles / "hop-le.md"], today=TODAY)
    assert comment.startswith(MARKER)
    assert f"`{(articles / 'hop-le.md').as_posix()}` — Hội nghị tổng kết" in comment
    flags = _rows(comment)
    assert flags["Ngày diễn ra sự kiện (`event_date`)"] == "⚠️ **cần kiểm tra**"
    assert flags["Tỉnh, thành phố (`provinces`)"] == ""
    assert "| Tỉnh, thành phố (`provinces`) | Lai Châu |" in comment
    assert "Cần kiểm tra (dưới `review:`): event\\_date." in comment


@pytest.mark.parametrize(("edit", "heading", "said"), [
    ("event_type: so ket", "**Lỗi phải sửa trước khi gộp:**", '(có phải "so-ket"?)'),
    ("date: 2025-08-01\nprovinces: [Bến Tre]", "**Cảnh báo:**", "nay thuộc Vĩnh Long"),
], ids=["error", "warning"])
def test_problems_are_listed_under_their_article(articles: Path, edit: str, heading: str,
                                                 said: str) -> None:
    path = articles / "hop-le.md"
    text = path.read_text("utf-8").replace("event_type: tong-ket\n", "")
    text = text.replace("date: 2021-04-20\n", "").replace("provinces: [Lai Châu]\n", "")
    path.write_text(text.replace("---\ntitle:", f"---\n{edit}\ntitle:", 1), "utf-8")
    comment = review_comment([path], today=TODAY)
    assert heading in comment and said in comment.split(heading, 1)[1]


def test_article_values_cannot_mention_link_or_inject(articles: Path) -> None:
    path = articles / "hop-le.md"
    hostile = "'@maintainers [x](javascript:alert(1)) <img src=x> | `code`'"
    path.write_text(path.read_text("utf-8").replace(
        "title: Hội nghị tổng kết công tác Đảng năm 2011", f"title: {hostile}"), "utf-8")
    comment = review_comment([path], today=TODAY)
    for raw in ("@maintainers", "[x", "<img", "`code"):
        assert not re.search(r"(?<!\\)" + re.escape(raw), comment), raw
    assert "\\@maintainers \\[x\\](javascript:alert(1)) \\<img src=x\\> \\| \\`code\\`" in comment


@pytest.mark.parametrize(("value", "expected"), [
    ("Hội nghị", "Hội nghị"), ("a_b*c", "a\\_b\\*c"), ("", "—"), ("x\n\ny", "x y"),
], ids=["plain", "emphasis", "empty", "newlines"])
def test_md_escapes_one_line(value: str, expected: str) -> None:
    assert md(value) == expected


def test_no_article_and_the_ingest_report(articles: Path) -> None:
    comment = review_comment([], "https://github.com/o/r/actions/runs/7",
                             ingest_report="x.txt: rejected: empty ~~~ file\n")
    assert "không thêm hay sửa bài viết nào" in comment
    assert "~~~\nx.txt: rejected: empty ～～～ file\n~~~" in comment
    assert "[lần chạy này](https://github.com/o/r/actions/runs/7)" in comment


def test_command_prints_the_comment_and_refuses_missing_files(articles: Path, capsys) -> None:
    assert main([str(articles / "loai-su-kien-la.md"), "--today", "2026-11-21"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(MARKER) and '"hop-bao" không hợp lệ' in out
    with pytest.raises(SystemExit) as exit_info:
        main([str(articles / "khong-co.md")])
    assert exit_info.value.code == 2


WORKFLOW = yaml.safe_load((ROOT / ".github/workflows/editor-pr.yml").read_text("utf-8"))


def test_the_editor_workflow_ingests_commits_comments_and_attaches_the_preview() -> None:
    assert WORKFLOW[True]["pull_request"]["paths"] == ["articles/**"]  # YAML reads "on" as True
    assert WORKFLOW["permissions"] == {"contents": "write", "pull-requests": "write"}
    steps = WORKFLOW["jobs"]["ingest"]["steps"]
    script = "\n".join(step.get("run", "") for step in steps)
    for needed in ("make ingest", "git commit", "git push origin", "newsarchive review",
                   "gh pr comment", "make build"):
        assert needed in script, needed
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["name"] == "preview-site"


def _step(name: str) -> str:
    steps = WORKFLOW["jobs"]["ingest"]["steps"]
    return next(step["run"] for step in steps if step.get("name") == name)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout


def test_the_workflow_steps_commit_the_article_and_post_the_comment(tmp_path: Path) -> None:
    """The workflow's own shell steps, run here on a branch with an uploaded raw text:
    ingest, commit and push to the branch, then the comment (``gh`` is a stand-in that
    records what it was asked to post)."""
    origin, repo = tmp_path / "origin.git", tmp_path / "repo"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(tmp_path, "clone", "-q", str(origin), str(repo))
    for key, value in (("user.name", "Biên tập"), ("user.email", "bt@example.org")):
        _git(repo, "config", key, value)
    (repo / "articles" / "raw").mkdir(parents=True)
    (repo / "articles" / "raw" / ".keep").write_text("")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "start")
    _git(repo, "push", "-q", "origin", "main")
    _git(repo, "checkout", "-qb", "them-bai")
    shutil.copy(ROOT / "articles" / "raw" / "004_67a0f94a2f50c909.txt", repo / "articles" / "raw")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "Upload 004")  # what GitHub's "Upload files" commits
    (repo / ".venv").symlink_to(ROOT / ".venv")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/gh.log\n'
                                f'cp "$5" {tmp_path}/posted.md 2>/dev/null || '
                                f'cp "$4" {tmp_path}/posted.md\n')
    (bin_dir / "gh").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "HEAD_REF": "them-bai",
           "BASE_REF": "main", "PR": "12", "GH_TOKEN": "x", "NO_MKDOCS_2_WARNING": "1",
           "RUN_URL": "https://github.com/o/r/actions/runs/3"}
    ingest = subprocess.run([str(ROOT / ".venv/bin/newsarchive"), "ingest", "articles/raw"],
                            cwd=repo, capture_output=True, text=True, check=False)
    (repo / "ingest.txt").write_text(ingest.stdout)
    for name in ("Commit the new articles to the branch", "Comment with the fields to check"):
        result = subprocess.run(["bash", "-e", "-c", _step(name)], cwd=repo, env=env,
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    pushed = _git(origin, "ls-tree", "-r", "--name-only", "them-bai", "articles")
    [article] = [line for line in pushed.splitlines() if line.endswith(".md")]
    posted = (tmp_path / "posted.md").read_text("utf-8")
    assert posted.startswith(MARKER) and f"`{article}`" in posted
    assert "⚠️ **cần kiểm tra**" in posted and "004_67a0f94a2f50c909.txt" in posted
    assert "pr comment 12 --edit-last --body-file review.md" in (tmp_path / "gh.log").read_text()


def test_the_guide_describes_the_browser_path_first() -> None:
    guide = (ROOT / "docs" / "huong-dan.md").read_text("utf-8")
    browser, terminal = guide.index("## Cách 1: chỉ cần trình duyệt"), guide.index("## Cách 2")
    assert browser < terminal < guide.index("make ingest")
    for step in ("Add file → Upload files", "Create pull request", "cần kiểm tra",
                 "preview-site", "✏️"):
        assert browser < guide.index(step) < terminal, step
