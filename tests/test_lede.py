"""Ledes: the first prose paragraph as plain text, as listings, feeds and search show it."""

from __future__ import annotations

import pytest

from newsarchive.article.body import lede
from newsarchive.clean.extract import escape_markdown, render_figure

FIGURE = render_figure("Quang cảnh hội nghị", "T.N")


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
