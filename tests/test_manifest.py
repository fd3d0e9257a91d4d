"""sources.csv: a batch's source addresses, and every way the file can be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.clean.manifest import MANIFEST, read_manifest


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("a.txt", "b.html"):
        (tmp_path / name).write_text("x", "utf-8")
    return tmp_path


def _write(folder: Path, text: str) -> None:
    (folder / MANIFEST).write_text(text, "utf-8")


def test_rows_give_each_file_its_address(folder: Path) -> None:
    _write(folder, "# from the scraper\nfile,url\na.txt,https://baoquangtri.vn/a-post1.html\n"
                   "b.html,http://quangtri.gov.vn/b\n")
    manifest = read_manifest(folder)
    assert manifest.urls == {"a.txt": "https://baoquangtri.vn/a-post1.html",
                             "b.html": "http://quangtri.gov.vn/b"}
    assert manifest.problems == []


def test_no_manifest_is_no_addresses(folder: Path) -> None:
    assert read_manifest(folder).urls == {}


@pytest.mark.parametrize(("rows", "says"), [
    pytest.param("a.txt,https://x.vn/1\na.txt,https://x.vn/2\n", ":3: a.txt is listed twice",
                 id="duplicate"),
    pytest.param("c.txt,https://x.vn/1\n", ":2: c.txt is not in", id="missing-file"),
    pytest.param("a.txt,ftp://x.vn/1\n", ":2: 'ftp://x.vn/1' is not an http(s) address",
                 id="scheme"),
    pytest.param("a.txt,https://[x/1\n", "is not an http(s) address", id="malformed-url"),
    pytest.param("../a.txt,https://x.vn/1\n", "is not a file name in this folder",
                 id="path-outside"),
    pytest.param("a.txt\n", "a row needs a file name and an address", id="short-row"),
])
def test_a_bad_row_is_named_and_the_rest_kept(folder: Path, rows: str, says: str) -> None:
    _write(folder, "file,url\n" + rows + "b.html,https://x.vn/b\n")
    manifest = read_manifest(folder)
    assert any(says in problem and MANIFEST in problem for problem in manifest.problems), \
        manifest.problems
    assert manifest.urls["b.html"] == "https://x.vn/b"


def test_a_wrong_header_is_one_message(folder: Path) -> None:
    _write(folder, "name,address\na.txt,https://x.vn/1\n")
    manifest = read_manifest(folder)
    assert manifest.urls == {} and len(manifest.problems) == 1
    assert "first row must be 'file,url'" in manifest.problems[0]


def test_ingest_gives_each_input_its_manifest_address(tmp_path: Path) -> None:
    """The address names the publication and the province the text never names."""
    from newsarchive.clean.ingest import ingest

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "trang.txt").write_text(
        "Văn phòng UBND tỉnh tổng kết công tác năm 2023\n\n"
        "Sáng 5-1, Văn phòng UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2023, triển "
        "khai nhiệm vụ năm 2024 với sự tham dự của lãnh đạo UBND tỉnh và các sở, ngành.\n\n"
        "Năm 2023, Văn phòng đã tham mưu ban hành nhiều văn bản quan trọng của tỉnh.\n",
        "utf-8")
    _write(inbox, "file,url\ntrang.txt,https://sotuphap.quangtri.gov.vn/tin/123\n"
                  "mat-tich.txt,https://x.vn/1\n")
    outcomes = ingest([inbox], tmp_path / "articles")
    by_status = {o.status: o for o in outcomes}
    assert "mat-tich.txt is not in" in by_status["rejected"].message
    assert by_status["rejected"].source.endswith(MANIFEST)
    assert by_status["written"].provinces == ("Quảng Trị",)
    article = Path(by_status["written"].article).read_text("utf-8")
    assert "https://sotuphap.quangtri.gov.vn/tin/123" in article
    assert [o.status for o in outcomes].count("skipped") == 0  # the manifest is not an input
