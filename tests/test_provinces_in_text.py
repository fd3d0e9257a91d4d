"""Province mentions and the provinces an article is about."""

from __future__ import annotations

from datetime import date

import pytest

from newsarchive.clean.provinces import mentions, name_at, named_provinces
from newsarchive.gazetteer import lookup


@pytest.mark.parametrize(("text", "names"), [
    pytest.param("học tập và làm theo phong cách Hồ Chí Minh", [], id="person-001"),
    pytest.param("tấm gương, đạo đức Hồ Chí Minh", [], id="person-004"),
    pytest.param("UBND TP.HCM và TPHCM, Thành phố Hồ Chí Minh", ["Hồ Chí Minh"] * 3, id="city"),
    pytest.param("từ bờ Thái Bình Dương", [], id="pacific"),
    pytest.param("UBND thành phố Hồ Chí Minh", ["Hồ Chí Minh"], id="city-lower-case-prefix"),
    pytest.param("tỉnh Thái Bình và tỉnh Bình Dương", ["Thái Bình", "Bình Dương"], id="both"),
    pytest.param("TT-Huế, BR-VT, Đắc Lắc, Hoà Bình", ["Thừa Thiên Huế", "Bà Rịa - Vũng Tàu",
                                                    "Đắk Lắk", "Hòa Bình"], id="aliases"),
    pytest.param("nền hòa bình của dân tộc", [], id="peace-lower-case"),
    pytest.param("tỉnh Thừa Thiên Huế", ["Thừa Thiên Huế"], id="longest-first"),
])
def test_mentions(text: str, names: list[str]) -> None:
    assert [m.unit.name for m in mentions(text)] == names


def test_seed_002_subjects_not_passing_mentions() -> None:
    lead = ("Đại hội Đảng bộ Văn phòng UBND TP Hải Phòng và Đại hội Đảng bộ Văn phòng UBND "
            "tỉnh Kiên Giang mới diễn ra thành công")
    body = ("quan tâm tới các cán bộ từ tỉnh Hải Dương sau sáp nhập. Chủ tịch UBND tỉnh Kiên "
            "Giang nhấn mạnh, trong bối cảnh hợp nhất Kiên Giang và An Giang")
    found = named_provinces("Đảng bộ Văn phòng UBND các tỉnh, thành", lead, [], body).subjects
    assert [unit.name for unit in found] == ["Hải Phòng", "Kiên Giang"]


def test_office_mention_in_body_makes_a_subject() -> None:
    found = named_provinces("Hội nghị giao ban", "", [],
                            "Văn phòng UBND tỉnh Điện Biên đề ra").subjects
    assert [unit.name for unit in found] == ["Điện Biên"]


def test_recurring_mention_makes_a_subject() -> None:
    body = "Lai Châu. Lai Châu. Lai Châu."
    assert [unit.name for unit in named_provinces("", "", [], body).subjects] == ["Lai Châu"]


@pytest.mark.parametrize(("name", "day", "expected"), [
    pytest.param("Thừa Thiên Huế", date(2024, 4, 20), "Thừa Thiên Huế", id="before-rename"),
    pytest.param("Thừa Thiên Huế", date(2025, 3, 20), "Huế", id="after-rename"),
    pytest.param("Kon Tum", date(2025, 9, 12), "Quảng Ngãi", id="after-merger"),
    pytest.param("Bến Tre", None, "Bến Tre", id="undated"),
])
def test_name_at(name: str, day: date | None, expected: str) -> None:
    assert name_at(lookup(name), day) == expected
