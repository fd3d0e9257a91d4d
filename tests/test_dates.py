"""Dates: publication stamps, lead event dates, the crawl widget, year inference."""

from __future__ import annotations

import pytest

from newsarchive.article.model import PartialDate
from newsarchive.clean.dates import (
    find_event_date,
    is_date_line,
    latest_day,
    parse_stamp,
    relative_day,
    term_start_year,
)


@pytest.mark.parametrize(("line", "expected"), [
    pytest.param("Thứ Hai, 28/08/2017, 05:20 [GMT+7]", "2017-08-28", id="seed-001"),
    pytest.param("09/07/2021 - 12:07", "2021-07-09", id="seed-003"),
    pytest.param("Thứ ba 20/4/2021", "2021-04-20", id="seed-004-widget-shape"),
    pytest.param("Cập nhật: 20:45, 07/10/2018 (GMT+7)", "2018-10-07", id="ap-bac-updated"),
    pytest.param("Thứ Ba, 26/03/2024, 21:10 (GMT+7)", "2024-03-26", id="ap-bac"),
    pytest.param("Thứ Năm, 16/03/2023 | 10:15", "2023-03-16", id="pipe"),
    pytest.param("02/03/2022 14:10 GMT+7", "2022-03-02", id="gmt-no-brackets"),
    pytest.param("Chủ nhật, 5/1/2020", "2020-01-05", id="sunday"),
])
def test_stamps(line: str, expected: str) -> None:
    assert parse_stamp(line) == PartialDate.parse(expected)
    assert is_date_line(line)


@pytest.mark.parametrize("line", [
    pytest.param("Ngày 8-7-2021, Đảng ủy Văn phòng UBND tỉnh đã tổ chức hội nghị", id="lead"),
    pytest.param("31/02/2021", id="impossible-day"),
    pytest.param("Năm 2012", id="year-only"),
])
def test_not_stamps(line: str) -> None:
    assert parse_stamp(line) is None


@pytest.mark.parametrize(("text", "year", "expected", "inferred"), [
    pytest.param("(GLO)- Sáng 12-7, Đảng ủy Văn phòng", 2024, "2024-07-12", True, id="seed-000"),
    pytest.param("BDK.VN - Ngày 8-7-2021, Đảng ủy", None, "2021-07-08", False, id="seed-003"),
    pytest.param("diễn ra đầu tháng 01/2012.", None, "2012-01", False, id="seed-004-month"),
    pytest.param("Ngày 22/6, Đảng bộ", 2025, "2025-06-22", True, id="seed-002-with-year"),
    pytest.param("Chiều 10-1, Văn phòng", 2019, "2019-01-10", True, id="chieu"),
    pytest.param("VTV.vn - Chiều 19/3, Văn phòng", 2025, "2025-03-19", True, id="slash"),
    pytest.param("ngày 8 tháng 7 năm 2021, hội nghị", None, "2021-07-08", False, id="words"),
    pytest.param("cuối tháng 12/2012, Văn phòng", None, "2012-12", False, id="cuoi-thang"),
])
def test_event_dates(text: str, year: int | None, expected: str, inferred: bool) -> None:
    found = find_event_date(text, year)
    assert found.value == PartialDate.parse(expected)
    assert found.inferred is inferred


def test_day_without_year_and_no_hint_is_unknown_but_noticed() -> None:
    found = find_event_date("Ngày 22/6, Đảng bộ Văn phòng UBND TP Hải Phòng")
    assert found.value is None
    assert found.phrase == "Ngày 22/6"


def test_document_dates_are_not_event_dates() -> None:
    text = "thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị"
    assert find_event_date(text).value is None


@pytest.mark.parametrize(("text", "year"), [
    pytest.param("Đại hội nhiệm kỳ 2025-2030", 2025, id="seed-002"),
    pytest.param("nhiệm kỳ 2020 – 2025", 2020, id="en-dash"),
    pytest.param("Đại hội Đảng bộ", None, id="none"),
])
def test_term_start_year(text: str, year: int | None) -> None:
    assert term_start_year(text) == year


@pytest.mark.parametrize(("line", "expected"), [
    pytest.param("• Thời gian đăng: 19/05/2020 03:15:42 PM", PartialDate(2020, 5, 19),
                 id="bulleted-label-seconds-pm"),
    pytest.param("(18/05/2020)", PartialDate(2020, 5, 18), id="parenthesised"),
    pytest.param("08:30 21/10/2014", PartialDate(2014, 10, 21), id="time-first"),
    pytest.param("Thứ tư, 14/01/2026 - 16:35'", PartialDate(2026, 1, 14), id="stray-quote"),
    pytest.param("2019-01", PartialDate(2019, 1), id="month-metadata"),
])
def test_stamps_in_more_shapes(line: str, expected: PartialDate) -> None:
    assert parse_stamp(line) == expected


@pytest.mark.parametrize(("lead", "stamp", "expected"), [
    pytest.param("Chiều hôm qua, UBND tỉnh họp", PartialDate(2012, 3, 15),
                 PartialDate(2012, 3, 14), id="yesterday"),
    pytest.param("(QTO) – Sáng nay, HĐND tỉnh khai mạc", PartialDate(2020, 5, 18),
                 PartialDate(2020, 5, 18), id="today-after-a-dateline"),
    pytest.param("Hôm nay 15/5/2020, HĐND tỉnh họp", PartialDate(2020, 5, 18), None,
                 id="a-printed-date-wins"),
    pytest.param("Chiều hôm qua, UBND tỉnh họp", PartialDate(2012, 3), None,
                 id="needs-a-day-stamp"),
])
def test_relative_days(lead: str, stamp: PartialDate, expected: PartialDate | None) -> None:
    assert relative_day(lead, stamp) == expected


def test_a_range_dates_its_event_by_its_first_day() -> None:
    assert find_event_date("Từ ngày 16 đến 19/6, đoàn kiểm tra", 2014).value == \
        PartialDate(2014, 6, 16)


def test_latest_day_of_a_partial_date() -> None:
    assert latest_day(PartialDate(2024, 2)).isoformat() == "2024-02-29"
    assert latest_day(PartialDate(2019)).isoformat() == "2019-12-31"


@pytest.mark.parametrize("lead", [
    "Thủ tướng đã ký quyết định chỉ định, có hiệu lực từ ngày 1/7/2025.",
    "Quy chế được áp dụng kể từ ngày 15/1/2024 trên địa bàn tỉnh.",
], ids=["takes-effect", "applies-from"])
def test_the_day_a_decision_takes_effect_is_not_the_event(lead: str) -> None:
    assert find_event_date(lead).value is None


@pytest.mark.parametrize("lead", [
    "Ngày 4/11, Văn phòng UBND tỉnh cho biết tỉnh vừa trao quyết định bổ nhiệm 9 cán bộ.",
    "Căn cứ Kế hoạch số 19-KH/ĐTN ngày 20 tháng 5 năm 2019 của Ban Chấp hành Đoàn.",
], ids=["day-the-news-was-told", "plan-dated-in-words"])
def test_dates_that_are_not_the_events(lead: str) -> None:
    assert find_event_date(lead, 2019).value is None
