"""Vietnamese display strings: dates via Babel ``vi``, event-type labels, "unknown".

Dates in the archive may be partial, so each precision has its own pattern:

>>> format_partial(PartialDate(2017, 8, 28))
'Thứ Hai, 28 tháng 8 năm 2017'
>>> format_partial(PartialDate(2017, 8))
'Tháng 8 năm 2017'
>>> format_partial(None)
'Chưa xác định'
"""

from __future__ import annotations

from datetime import date
from functools import cache

from babel.dates import format_date

from newsarchive.article.model import EVENT_TYPE_LABELS, PartialDate

UNKNOWN = "Chưa xác định"
UNDATED = "Chưa rõ ngày"

_DAY = "EEEE, d 'tháng' M 'năm' y"
_MONTH = "'tháng' M 'năm' y"


def format_day(day: date) -> str:
    """A full date as Vietnamese readers write it: "Thứ Hai, 28 tháng 8 năm 2017"."""
    return format_date(day, _DAY, locale="vi")


def format_month(year: int, month: int) -> str:
    """A month heading: ``format_month(2017, 8)`` → "tháng 8 năm 2017"."""
    return format_date(date(year, month, 1), _MONTH, locale="vi")


def format_year(year: int) -> str:
    """A year heading: ``format_year(2017)`` → "năm 2017"."""
    return f"năm {year}"


@cache  # Babel re-parses its pattern on every call; an archive has a few thousand dates
def format_partial(value: PartialDate | None) -> str:
    """A partial date at its own precision, or "Chưa xác định" when unknown.

    Capitalised, as it starts a line wherever it is shown (facts, listing entries,
    search results): "Tháng 1 năm 2012", "Năm 2012", like "Thứ Hai, …" for a day.
    """
    if value is None:
        return UNKNOWN
    if value.day:
        return format_day(value.as_date())
    text = format_month(value.year, value.month) if value.month else format_year(value.year)
    return text[:1].upper() + text[1:]


def format_short(value: PartialDate | None) -> str:
    """A partial date in figures, as a listing line or a related article shows it
    ("6/2/2019", "Tháng 1/2012", "Năm 2012"): it repeats in up to ten listings per
    article, where the long form ("Thứ Tư, 6 tháng 2 năm 2019") is on the article page.

    >>> format_short(PartialDate(2019, 2, 6)), format_short(PartialDate(2012, 1))
    ('6/2/2019', 'Tháng 1/2012')
    """
    if value is None:
        return UNKNOWN
    if value.day:
        return f"{value.day}/{value.month}/{value.year}"
    return f"Tháng {value.month}/{value.year}" if value.month else f"Năm {value.year}"


def event_label(event_type: str | None) -> str:
    """Vietnamese label of an event type slug; unknown slugs show "Chưa xác định"."""
    return EVENT_TYPE_LABELS.get(event_type or "", UNKNOWN)
