"""The Article model and its front-matter form.

An article is one Markdown file under ``articles/`` whose front matter has exactly
the keys in :data:`FIELD_ORDER`. Dates may be partial (``2012-01`` when the text
only says "đầu tháng 01/2012"), so they are :class:`PartialDate`, not ``date``.
Keys the model does not know are kept in ``Article.extra`` and written back, so an
editor's additions survive any round trip (the validator reports them separately).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import total_ordering
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from newsarchive.errors import ArticleError
from newsarchive.text import nfc

EVENT_TYPES = ("dai-hoi", "so-ket", "tong-ket", "hoi-nghi", "khen-thuong", "nhan-su",
               "chuyen-de", "khac")
FIELD_ORDER = ("title", "date", "event_date", "provinces", "event_type", "tags", "source",
               "authors", "images", "review", "raw")
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
        date(self.year, self.month or 1, self.day or 1)  # raises ValueError if not real

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
        year, month, day = (int(part) if part else None for part in match.groups())
        return cls(year, month, day)

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


@dataclass(slots=True)
class Article:
    """One archived article: its front-matter fields, its Markdown body, and where it lives."""

    title: str
    date: PartialDate | None = None
    event_date: PartialDate | None = None
    provinces: list[str] = field(default_factory=list)
    event_type: str = "khac"
    tags: list[str] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    authors: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    raw: str | None = None
    body: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    slug: str = ""
    packed_body: bytes | None = field(default=None, repr=False, compare=False)

    def packed(self) -> Article:
        """This article with its body held zlib-compressed (``body`` empty).

        The site keeps every article in memory for a whole build: at 100k articles the
        bodies alone are ~0.7 GB as Python strings (Vietnamese text takes 2 bytes a
        character), about a fifth of that compressed. Read it with :meth:`full_body`.
        """
        return replace(self, body="", packed_body=zlib.compress(self.body.encode(), 1))

    def full_body(self) -> str:
        """The Markdown body, whether held as text or packed."""
        if self.packed_body is None:
            return self.body
        return zlib.decompress(self.packed_body).decode()

    @property
    def timeline_date(self) -> PartialDate | None:
        """The date the archive files the article under: the event's, else publication's."""
        return self.event_date or self.date

    def front_matter(self) -> dict[str, Any]:
        """Front matter in :data:`FIELD_ORDER`, then any unknown keys an editor added."""
        data: dict[str, Any] = {
            "title": self.title,
            "date": self.date.to_yaml() if self.date else None,
            "event_date": self.event_date.to_yaml() if self.event_date else None,
            "provinces": list(self.provinces),
            "event_type": self.event_type,
            "tags": list(self.tags),
            "source": {"name": self.source.name, "url": self.source.url,
                       "syndicated_from": self.source.syndicated_from},
            "authors": list(self.authors),
            "images": [{"caption": i.caption, "credit": i.credit} for i in self.images],
            "review": list(self.review),
            "raw": self.raw,
        }
        data.update(self.extra)
        return data


def dumps(article: Article) -> str:
    """The article as a Markdown file: YAML front matter, blank line, body, newline.

    Deterministic: the same article always gives the same bytes.
    """
    header = yaml.safe_dump(article.front_matter(), allow_unicode=True, sort_keys=False,
                            default_flow_style=None, width=100)
    return f"---\n{header}---\n\n{article.full_body().strip()}\n"


def loads(text: str, path: str | Path = "<string>") -> Article:
    """Parse an article file; raise :class:`ArticleError` naming the file and line."""
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for '---'
        message = f"front matter is not valid YAML: {_yaml_problem(error)}"
        raise ArticleError(message, path, line) from error
    except ValueError as error:  # PyYAML builds dates itself: "date: 2021-02-30" raises here
        raise ArticleError(f"front matter has an impossible date: {error}", path) from error
    if not text.lstrip("\ufeff").startswith("---"):
        raise ArticleError("no front matter: the file must start with a '---' line", path, 1)
    return from_front_matter(dict(post.metadata), post.content, path)


def _yaml_problem(error: yaml.YAMLError) -> str:
    return str(getattr(error, "problem", None) or error).strip()


def from_front_matter(meta: dict[str, Any], body: str, path: str | Path = "<string>") -> Article:
    """Build an Article from parsed front matter, coercing leniently.

    Type problems raise :class:`ArticleError`; *semantic* checks (known provinces,
    allowed event types, dates not in the future) belong to the validator, which
    reports every problem at once instead of stopping at the first.
    """
    known = {key: meta.get(key) for key in FIELD_ORDER}
    extra = {key: value for key, value in meta.items() if key not in FIELD_ORDER}
    try:
        source = known["source"] or {}
        return Article(
            title=nfc(_text(known["title"], "title")),
            date=_partial_date(known["date"]),
            event_date=_partial_date(known["event_date"]),
            provinces=_text_list(known["provinces"], "provinces"),
            event_type=_text(known["event_type"] or "khac", "event_type"),
            tags=_text_list(known["tags"], "tags"),
            source=Source(_optional_text(source.get("name")), _optional_text(source.get("url")),
                          _optional_text(source.get("syndicated_from"))),
            authors=_text_list(known["authors"], "authors"),
            images=[Image(nfc(str(i.get("caption") or "")), _optional_text(i.get("credit")))
                    for i in known["images"] or []],
            review=_text_list(known["review"], "review"),
            raw=_optional_text(known["raw"]),
            body=nfc(body),
            extra=extra,
            slug=Path(str(path)).stem,
        )
    except (TypeError, ValueError, AttributeError) as error:
        raise ArticleError(str(error), path) from error


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name}: must be non-empty text")
    return value


def _optional_text(value: Any) -> str | None:
    return nfc(str(value)) if value not in (None, "") else None


def _text_list(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{name}: must be a list")
    return [nfc(str(item)) for item in value]


def _partial_date(value: Any) -> PartialDate | None:
    return None if value in (None, "") else PartialDate.parse(value)


def load(path: str | Path) -> Article:
    """Read one article file (UTF-8) into an :class:`Article`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError("not valid UTF-8 text", path) from error
    return loads(text, path)
