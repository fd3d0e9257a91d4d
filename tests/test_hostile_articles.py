"""Hostile article files: the validator and the site read every byte alike (issue 14).

Each case is one file beside a good article. Whatever the validator accepts, the site
loads; whatever the site cannot load, the validator refuses with a message naming the
file and the line. Nothing may crash, hang (a FIFO) or reach a YAML parser unbounded
(libyaml's C loader crashes the process on deep nesting).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from newsarchive.article.validate import Validator
from newsarchive.errors import ArchiveError
from newsarchive.site.build import load_articles

TODAY = date(2026, 1, 1)
GOOD = "---\ntitle: Hội nghị tổng kết\ndate: 2021-04-20\n---\n\nNội dung bài.\n"


@dataclass(frozen=True)
class ArticleCase:
    """A file named ``name`` holding ``data`` (or a special ``kind``); ``says`` is the
    problem the validator owes it, empty when the file is valid and must be on the site."""

    id: str
    name: str
    data: bytes = b""
    says: str = ""
    kind: str = "file"  # "file", "symlink" (data: target), "dir", "fifo"
    line: int | None = None


def _header(*lines: str, body: str = "Nội dung.") -> bytes:
    return ("---\n" + "".join(f"{line}\n" for line in lines) + f"---\n\n{body}\n").encode()


C = ArticleCase
CASES = [
    C("bom", "bom.md", b"\xef\xbb\xbf" + _header("title: Có dấu BOM")),
    C("crlf", "crlf.md", _header("title: Dòng Windows").replace(b"\n", b"\r\n")),
    C("cr-only", "cr.md", _header("title: Dòng Mac cũ").replace(b"\n", b"\r")),
    C("bom-crlf", "bom-crlf.md", b"\xef\xbb\xbf" + _header("title: Cả hai").replace(
        b"\n", b"\r\n")),
    C("four-dashes", "bon-gach.md", _header("title: Bốn gạch").replace(b"---", b"----")),
    C("utf-16", "utf16.md", _header("title: Lưu UTF-16").decode().encode("utf-16"),
      "UTF-16", line=1),
    C("latin-1-byte", "latin1.md", _header("title: Caf\xe9".encode("latin-1").decode(
        "latin-1")).replace("é".encode(), b"\xe9"), "UTF-8", line=2),
    C("nul-byte", "nul.md", _header("title: Có NUL", body="Nội\x00dung"), "NUL", line=5),
    C("nested-60kb", "long-nest.md", _header("title: " + "[" * 30_000 + "]" * 30_000),
      "phần đầu bị từ chối", line=2),
    C("nested-deep", "deep.md", _header("title: x", "tags: " + "[" * 40 + "]" * 40),
      "lồng nhau quá sâu", line=3),
    C("indent-deep", "indent.md", _header("title: x", "tags:", *(
        " " * (2 * i) + "- " for i in range(1, 40))), "lồng nhau quá sâu"),
    C("dash-deep", "dashes.md", _header("title: x", "tags: ", "  " + "- " * 40 + "x"),
      "lồng nhau quá sâu"),
    C("spaces-60k", "spaces.md", _header("title: x" + " " * 60_000), "một dòng quá dài",
      line=2),
    C("spaces-3k", "spaces-3k.md", _header("title: Nhiều dấu cách" + " " * 3_000)),
    C("key-spaces", "key-spaces.md", _header("title: x", "a" + " " * 3_900), "YAML"),
    C("year-overflow", "nam.md", _header("title: x", "date: 99999999999999999999"), "date"),
    C("year-five-digits", "nam5.md", _header("title: x", "date: 10000-01-01"), "date"),
    C("impossible-day", "ngay.md", _header("title: x", "date: 2021-02-30"), "không có thật"),
    C("index-slug", "index.md", _header("title: Trang index"), "index"),
    C("page-slug", "page.md", _header("title: Trang page"), "page"),
    C("symlink", "lienket.md", b"/etc/passwd", "symbolic link", kind="symlink"),
    C("symlink-inside", "lienket2.md", b"good.md", "symbolic link", kind="symlink"),
    C("folder", "thu-muc.md", b"", "a folder", kind="dir"),
    C("fifo", "ong.md", b"", "named pipe", kind="fifo"),
    C("raw-parent", "raw-cha.md", _header("title: x", "raw: ../../etc/passwd"), "raw"),
    C("raw-absolute", "raw-tuyet-doi.md", _header("title: x", "raw: /etc/passwd"), "raw"),
    C("raw-sha-bad", "sha.md", _header("title: x", "raw_sha256: abc"), "raw_sha256"),
    C("ingest-sha-list", "sha2.md", _header("title: x", "ingest_sha256: [1, 2]"),
      "ingest_sha256"),
    C("alias-bomb", "bom-alias.md", _header(
        "title: x", "a: &a [x, x, x, x]", "b: &b [*a, *a, *a, *a]", "c: &c [*b, *b, *b, *b]",
        "tags: [*c, *c, *c, *c]"), "tags"),
    C("empty", "rong.md", b"", "tệp rỗng"),
    C("unclosed-yaml", "yaml.md", _header("title: [chưa đóng"), "YAML"),
    C("not-a-mapping", "list.md", _header("- title: x"), "khóa: giá trị"),
]


def _write(folder: Path, case: ArticleCase) -> Path:
    path = folder / case.name
    if case.kind == "symlink":
        path.symlink_to(case.data.decode())
    elif case.kind == "dir":
        path.mkdir()
    elif case.kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_bytes(case.data)
    return path


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_validator_and_site_agree(tmp_path: Path, case: ArticleCase) -> None:
    (tmp_path / "good.md").write_text(GOOD, "utf-8")
    path = _write(tmp_path, case)
    problems = Validator().check_archive(tmp_path, TODAY)
    skipped: list[ArchiveError] = []
    loaded = {article.slug for article in load_articles(tmp_path, skipped)}
    mine = [p for p in problems if p.path == str(path)]
    assert [p for p in problems if p.path != str(path)] == []  # the good one stays good
    if not case.says:
        assert mine == [] and path.stem in loaded and skipped == []
        return
    assert mine, f"the validator accepted {case.id}"
    assert any(case.says in f"{p.field}: {p.message}" for p in mine), mine
    if case.line is not None:
        assert mine[0].line == case.line, mine
    # Refused by the validator: the site either loads it too (a field-level problem the
    # strict build stops on first) or reports why it skipped it; never a silent drop.
    assert path.stem in loaded or any(str(path) in str(error) for error in skipped)


def test_hidden_files_are_neither_checked_nor_published(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD, "utf-8")
    (tmp_path / ".nhap.md").write_text("không phải bài viết", "utf-8")
    assert Validator().check_archive(tmp_path, TODAY) == []
    assert [a.slug for a in load_articles(tmp_path, [])] == ["good"]
