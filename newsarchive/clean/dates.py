"""Vietnamese dates: the publication stamp, the event date, and the crawl widget.

Three kinds of date appear in a scraped article and only two of them matter:

* a publication stamp on its own line under the headline: "Thứ Hai, 28/08/2017, 05:20
  [GMT+7]" (seed 001), "09/07/2021 - 12:07" (seed 003), "Cập nhật: 20:45, 07/10/2018
  (GMT+7)" (Báo Ấp Bắc);
* the event date in the lead: "Sáng 12-7" (seed 000), "Ngày 8-7-2021" (seed 003),
  "Ngày 22/6" (seed 002), "đầu tháng 01/2012" (seed 004, month precision);
* a weekday date widget *above* the headline is the day the page was crawled (seed 004
  shows "Thứ ba 20/4/2021" over an article about January 2012), never the publication.

>>> parse_stamp("Thứ Hai, 28/08/2017, 05:20 [GMT+7]")
PartialDate(year=2017, month=8, day=28)
>>> find_event_date("(GLO)- Sáng 12-7, Đảng ủy …", year=2024).value
PartialDate(year=2024, month=7, day=12)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newsarchive.article.model import PartialDate

_FLAGS = re.IGNORECASE
# Linear-time patterns (tests/test_regex_linear.py): none opens with a bare \s*, and an
# optional mark between two \s* is written \s*(?:X\s*)? so a run of spaces is read once.
_GMT = re.compile(r"(?:[(\[]\s*)?GMT\s*\+\s*0?7(?::00)?\s*[)\]]?", _FLAGS)
_LABEL = re.compile(r"^(cập nhật lúc|cập nhật|ngày cập nhật|ngày đăng|đăng ngày|đăng lúc|"
                    r"thời gian đăng|xuất bản|ngày)\s*(?::\s*)?", _FLAGS)
_WEEKDAY = re.compile(r"^(thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|t[2-7]|cn)\b"
                      r"\s*(?:[,\-–]\s*)?", _FLAGS)
_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?\s*(sa|ch|am|pm)?\b", _FLAGS)
_FILLER = re.compile(r"\b(lúc|ngày)\b", _FLAGS)
_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T[\d:.+\-Z]*)?")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")  # a scraper's month-only metadata, "2019-01"

# Lead event dates, most specific first. "Sáng 12-7", "Ngày 8-7-2021", "chiều nay (22/6)".
TIMES_OF_DAY = ("sáng", "chiều", "tối", "trưa", "đêm")  # what a lead's date may follow
_TIME_OF_DAY = rf"(?:{'|'.join(TIMES_OF_DAY)}|ngày|hôm)(?:\s+(?:nay|qua|mai))?\s*(?:\(\s*)?"
_DAY_MONTH = re.compile(rf"(?<!\w){_TIME_OF_DAY}(\d{{1,2}})\s*[/\-.]\s*(\d{{1,2}})"
                        r"(?:\s*[/\-.]\s*(\d{4}))?(?![\d/])", _FLAGS)
# "Từ ngày 16 đến 19/6": a range dates its event by its first day.
_RANGE = re.compile(r"(?<!\w)từ\s+ngày\s+(\d{1,2})\s*(?:đến|-|–)\s*(?:ngày\s+)?\d{1,2}\s*[/\-.]\s*"
                    r"(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?(?![\d/])", _FLAGS)
_DAY_MONTH_WORDS = re.compile(r"(?<!\w)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?",
                              _FLAGS)
_MONTH = re.compile(r"(?<!\w)(?:(?:đầu|giữa|cuối|trong|vào)\s+)?tháng\s+(\d{1,2})\s*"
                    r"(?:/|(?<=\s)năm(?=\s))\s*(\d{4})(?!\d)", _FLAGS)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_DOCUMENT_REF = re.compile(r"(số\s+\S+|/[A-ZĐ]{2,}[\w\-]*)(?:\s+ngày(?:\s+\d{1,2})?)?\s*$")
# "Ngày 4/11, Sở Nội vụ cho biết …": the day the news was told, not the event's.
_REPORTED = re.compile(r"\scho biết\b", _FLAGS)
# "có hiệu lực từ ngày 1/7/2025", "kể từ ngày 15/1": when a decision takes effect, not the event.
_EFFECTIVE = re.compile(r"(?:hiệu lực|kể từ)[^.;:]{0,20}$", _FLAGS)
_TERM = re.compile(r"nhiệm\s+kỳ\s+(20\d\d)\s*[-–]\s*(20\d\d)", _FLAGS)


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event date found in text; ``inferred`` when its year was not printed with it."""

    value: PartialDate | None
    inferred: bool = False
    phrase: str = ""


@lru_cache(maxsize=4096)
def parse_stamp(line: str) -> PartialDate | None:
    """The date of a line that holds only a date stamp (weekday, time, GMT allowed).

    >>> parse_stamp("09/07/2021 - 12:07")
    PartialDate(year=2021, month=7, day=9)
    >>> parse_stamp("Ngày 8-7-2021, Đảng ủy tổ chức hội nghị") is None
    True
    """
    rest = _WEEKDAY.sub("", _LABEL.sub("", _GMT.sub(" ", line.strip(" •·-–()[]"))))
    rest = _FILLER.sub(" ", _TIME.sub(" ", rest)).strip(" ,-–|'\"’")
    match = _DMY.fullmatch(rest) or _ISO.fullmatch(rest)
    if not match:
        only_month = _ISO_MONTH.fullmatch(rest)
        return _partial(int(only_month[1]), int(only_month[2]), None) if only_month else None
    first, second, third = (int(part) for part in match.groups())
    day, month, year = (first, second, third) if match.re is _DMY else (third, second, first)
    return _partial(year, month, day)


def is_date_line(line: str) -> bool:
    """Whether a line is only a date (a stamp or a widget): never body text."""
    return parse_stamp(line) is not None


def years_in(text: str) -> list[int]:
    """Four-digit years 1950–2099 printed in ``text``, in order."""
    return [int(year) for year in _YEAR.findall(text)]


def find_event_date(text: str, year: int | None = None) -> EventDate:
    """The first event date in ``text`` (a lead); ``year`` fills a missing year.

    >>> find_event_date("diễn ra đầu tháng 01/2012.").value
    PartialDate(year=2012, month=1, day=None)
    >>> find_event_date("Ngày 22/6, Đảng bộ …").value is None
    True
    """
    found = sorted((m.start(), m) for rx in (_RANGE, _DAY_MONTH, _DAY_MONTH_WORDS, _MONTH)
                   for m in rx.finditer(text))
    for _, match in found:
        before = text[max(0, match.start() - 40):match.start()]
        if _DOCUMENT_REF.search(before) or _EFFECTIVE.search(before) or \
                _reported(text[match.end():match.end() + 100]):
            continue  # "Kết luận số 01-KL/TW ngày 18/5/2021" dates a document, not the event
        result = _event_from_match(match, year)
        if result is not None:
            return result
    return EventDate(None)


def _reported(after: str) -> bool:
    """Whether the clause after a date says who told the news ("…, Sở cho biết")."""
    told = _REPORTED.search(after)
    return told is not None and not any(mark in after[:told.start()] for mark in ".;")


def _event_from_match(match: re.Match[str], year: int | None) -> EventDate | None:
    groups = match.groups()
    if match.re is _MONTH:
        value = _partial(int(groups[1]), int(groups[0]), None)
        return EventDate(value, False, match.group(0)) if value else None
    day, month, printed_year = int(groups[0]), int(groups[1]), groups[2]
    known_year = int(printed_year) if printed_year else year
    if known_year is None:
        return EventDate(None, True, match.group(0)) if _partial(2000, month, day) else None
    value = _partial(known_year, month, day)
    return EventDate(value, printed_year is None, match.group(0)) if value else None


_RELATIVE = re.compile(rf"^\W*(?:\([^)]{{1,30}}\)\s*[-–.]*\s*)?({'|'.join(TIMES_OF_DAY)}|hôm)\s+"
                       r"(?:hôm\s+)?(nay|qua)\b", _FLAGS)


def relative_day(lead: str, published: PartialDate | None) -> PartialDate | None:
    """"Chiều hôm qua, …" / "Sáng nay, …" opening a lead, counted from a dated stamp.

    >>> relative_day("Chiều hôm qua, UBND tỉnh họp", PartialDate(2012, 3, 15))
    PartialDate(year=2012, month=3, day=14)
    """
    match = _RELATIVE.match(lead[:60])
    if match is None or published is None or published.day is None:
        return None
    if re.match(r"\s*(?:\(|ngày\s+)?\d", lead[match.end():], _FLAGS):
        return None  # "Hôm nay 15/5/2020, …": the printed date says which day
    day = published.as_date() - timedelta(days=1 if match.group(2).lower() == "qua" else 0)
    return PartialDate(day.year, day.month, day.day)


def latest_day(value: PartialDate) -> date:
    """The last day a partial date could mean ("2019-01" → 31 January 2019)."""
    if value.day:
        return value.as_date()
    month = value.month or 12
    return date(value.year, month, calendar.monthrange(value.year, month)[1])


def term_start_year(text: str) -> int | None:
    """First year of the term a congress elects ("Đại hội … nhiệm kỳ 2025-2030" → 2025).

    A Party congress for term X–Y is held in year X, so the term dates a congress
    whose own date lacks a year (seed 002 "Ngày 22/6").
    """
    match = _TERM.search(text)
    return int(match.group(1)) if match else None


def _partial(year: int, month: int, day: int | None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None
