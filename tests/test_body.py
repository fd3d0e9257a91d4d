"""The body format: escaping, figure lines, plain text (search) and ledes (listings, feeds)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.article.body import (
    _plain,
    escape_markdown,
    figure_line,
    has_figure_lines,
    lede,
    parse_figure,
    plain_text,
)

FIGURE = figure_line("Quang cảnh hội nghị", "T.N")


@pytest.mark.parametrize(("body", "expected"), [
    (f"{FIGURE}\n\nNgày 8-7, Văn phòng tổ chức hội nghị.", "Ngày 8-7, Văn phòng tổ chức hội nghị."),
    ("## Kết quả\n\nĐoạn đầu.\n\nĐoạn hai.", "Đoạn đầu."),
    ("**Văn phòng** _UBND_ tỉnh `x`", "Văn phòng UBND tỉnh x"),
    (escape_markdown("* 1. R&amp;D [x] {y} <b>"), "* 1. R&amp;D [x] {y} <b>"),
    ("\n\n", ""),
], ids=["skips-figure", "skips-heading", "drops-emphasis", "escapes-become-text", "empty"])
def test_lede(body: str, expected: str) -> None:
    assert lede(body) == expected


def test_long_lede_is_cut_at_a_word() -> None:
    text = lede("Đảng bộ Văn phòng " * 40, limit=50)
    assert text == "Đảng bộ Văn phòng Đảng bộ Văn phòng Đảng bộ Văn…"


@pytest.mark.parametrize(("caption", "credit"), [
    ("Quang cảnh hội nghị", "T.N"),
    ("Ảnh <b>đẹp</b> & R&amp;D", "T&N"),
    ("Chỉ chú thích", None),
    ("", "Thu Trang"),
], ids=["caption-and-credit", "markup-in-text", "no-credit", "credit-only"])
def test_figure_line_reads_back_as_written(caption: str, credit: str | None) -> None:
    line = figure_line(caption, credit)
    assert parse_figure(line) == (caption, credit or "")
    assert has_figure_lines(f"Đoạn.\n\n{line}")


@pytest.mark.parametrize(("line", "expected"), [
    ("Văn phòng <figure>", None),
    ('<figure class="caption"><figcaption>A</figcaption></figure> thêm', None),
], ids=["mention", "text-after"])
def test_only_a_whole_figure_line_is_a_figure(line: str, expected: None) -> None:
    assert parse_figure(line) is expected


@pytest.mark.parametrize(("body", "expected"), [
    (FIGURE, "Quang cảnh hội nghị Ảnh: T.N"),
    (figure_line("A < B", None), "A < B"),
    ("## Kết quả\n\nĐoạn **đầu**.", "Kết quả\n\nĐoạn đầu."),
    (escape_markdown("* 1. R&amp;D [x] <b>"), "* 1. R&amp;D [x] <b>"),
], ids=["figure-to-caption", "figure-escapes", "heading-and-emphasis", "escapes-become-text"])
def test_plain_text(body: str, expected: str) -> None:
    assert plain_text(body) == expected


def test_plain_text_has_no_markup_words() -> None:
    words = set(plain_text(f"{FIGURE}\n\nĐoạn.").replace(":", " ").split())
    assert not words & {"figure", "figcaption", "span", "class", "credit", "caption"}


@given(st.text(alphabet=st.sampled_from("aĐ ệ\u00a0#>*_`\\&;l<t.x"), max_size=40))
def test_plain_text_of_a_line_is_its_prose(line: str) -> None:
    """plain_text's shortcut for lines without markup characters changes nothing."""
    assert plain_text(line.replace("\n", " ")) == _plain(line.replace("\n", " "))
