"""Reading raw inputs: encodings decoded to NFC, bad files refused with the file named."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hostile_inputs import to_windows_1258

from newsarchive.clean.raw import MAX_BYTES, RawText, content_key, read_raw
from newsarchive.errors import RawInputError

FIXTURES = Path(__file__).parent / "fixtures" / "raw"
VIETNAMESE = "Đảng ủy Văn phòng UBND tỉnh Tây Ninh tổ chức hội nghị tổng kết công tác năm 2016."


@pytest.mark.parametrize(("data", "reason"), [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"  \n\t\n \xc2\xa0 \r\n", "whitespace", id="whitespace-and-nbsp"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(40), "PNG", id="png"),
    pytest.param(b"abc\x00def", "NUL", id="nul-bytes"),
    pytest.param(b"\xff\xfe\xfa\x81 Dang bo \xc3\x28\xa0\xa1", "undecodable", id="garbage"),
    pytest.param(b"x" * (MAX_BYTES + 1), "2 MB", id="over-2mb"),
])
def test_bad_input_is_refused_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(RawInputError) as caught:
        RawText.from_bytes(data, "inbox/bad.txt")
    assert "inbox/bad.txt" in str(caught.value)
    assert reason in str(caught.value)
    assert "rejected" in str(caught.value)


@pytest.mark.parametrize(("data", "encoding"), [
    pytest.param(VIETNAMESE.encode(), "utf-8", id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + VIETNAMESE.encode(), "utf-8", id="utf-8-bom"),
    pytest.param(unicodedata.normalize("NFD", VIETNAMESE).encode(), "utf-8", id="nfd"),
    pytest.param(to_windows_1258(VIETNAMESE), "cp1258", id="windows-1258"),
])
def test_encodings_become_nfc_text(data: bytes, encoding: str) -> None:
    raw = RawText.from_bytes(data, "x.txt")
    assert raw.text == VIETNAMESE
    assert raw.encoding == encoding


def test_windows_1258_fixture_file_is_read() -> None:
    raw = read_raw(FIXTURES / "f15_windows_1258_2017.txt")
    assert raw.encoding == "cp1258"
    assert "Văn phòng UBND tỉnh Tây Ninh tổng kết công tác năm 2016" in raw.text


def test_crlf_line_ends_become_newlines() -> None:
    raw = RawText.from_bytes("Dòng một\r\nDòng hai\rBa".encode(), "x")
    assert raw.text == "Dòng một\nDòng hai\nBa"


def test_missing_file_is_a_raw_input_error(tmp_path: Path) -> None:
    with pytest.raises(RawInputError, match="cannot read"):
        read_raw(tmp_path / "absent.txt")


@pytest.mark.parametrize(("name", "data", "is_html"), [
    pytest.param("page.html", b"<p>Xin chao</p>", True, id="html-suffix"),
    pytest.param("page.txt", b"<!DOCTYPE html><html><p>x</p></html>", True, id="doctype"),
    pytest.param("page.txt", b"Hoi nghi <b>so ket</b>", False, id="text-with-tags"),
])
def test_html_is_recognised(name: str, data: bytes, is_html: bool) -> None:
    assert RawText.from_bytes(data, name).is_html is is_html


def test_content_key_ignores_whitespace_and_normal_form() -> None:
    nfd = unicodedata.normalize("NFD", VIETNAMESE)
    assert content_key(VIETNAMESE) == content_key(f"  {nfd}\n\n")
    assert content_key(VIETNAMESE) != content_key(VIETNAMESE + " Thêm.")
