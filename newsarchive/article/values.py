"""The values an article's fields hold: partial dates, sources, image captions, event types.

Apart from :mod:`newsarchive.article.model` so that the field checks
(:mod:`newsarchive.article.checks`) and the field table can share them without a cycle.
Sub-keys of ``source`` and ``images`` come from these dataclasses, so they are
written once: ``SOURCE_KEYS == ("name", "url", "syndicated_from")``.

Event types are listed once, here, with their Vietnamese labels, in display order
(``data/event_types.toml`` orders them by keyword priority and may name only these):

>>> EVENT_TYPES[:3], EVENT_TYPE_LABELS["tong-ket"]
(('dai-hoi', 'so-ket', 'tong-ket'), 'Tổng kết')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from functools import total_ordering
from typing import Any

EVENT_TYPE_LABELS = {
    "dai-hoi": "Đại hội",
    "so-ket": "Sơ kết",
    "tong-ket": "Tổng kết",
    "hoi-nghi": "Hội nghị",
    "khen-thuong": "Khen thưởng",
    "nhan-su": "Nhân sự",
    "chuyen-de": "Chuyên đề",
    "khac": "Khác",
}
EVENT_TYPES = tuple(EVENT_TYPE_LABELS)
DEFAULT_EVENT_TYPE = "khac"
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day.

    >>> PartialDate.parse("2012-01")
    PartialDate(year=2012, month=1, day=None)
    >>> str(PartialDate(2017, 8, 28))
    '2017-08-28'
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        try:
            date(self.year, self.month or 1, self.day or 1)  # raises ValueError if not real
        except OverflowError as error:  # "date: 99999999999999999999"
            raise ValueError(f"year {self.year} is out of range") from error

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Accept what YAML yields: ``date``, ``int`` year, or a ``YYYY[-MM[-DD]]`` string."""
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        match = _PARTIAL_DATE.match(str(value).strip())
        if not match:
            raise ValueError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> date:
        """The earliest day the partial date could mean (for sorting and comparing)."""
        return date(self.year, self.month or 1, self.day or 1)

    def to_yaml(self) -> date | str | int:
        """A full date dumps as a YAML date, a month as ``'YYYY-MM'``, a year as an int."""
        if self.day:
            return self.as_date()
        return f"{self.year:04d}-{self.month:02d}" if self.month else self.year

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        return str(self.to_yaml())


@dataclass(slots=True)
class Source:
    """Where the article was published; ``syndicated_from`` is the aggregator, if any."""

    name: str | None = None
    url: str | None = None
    syndicated_from: str | None = None


@dataclass(slots=True)
class Image:
    """A photo caption as printed, and the photo credit ("Ảnh: T.N" → ``T.N``)."""

    caption: str
    credit: str | None = None


SOURCE_KEYS = tuple(item.name for item in fields(Source))
IMAGE_KEYS = tuple(item.name for item in fields(Image))
