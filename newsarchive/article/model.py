"""The Article model and its front-matter form.

An article is one Markdown file under ``articles/`` whose front matter has exactly
the keys in :data:`FIELD_ORDER`. Dates may be partial (``2012-01`` when the text
only says "đầu tháng 01/2012"), so they are :class:`PartialDate`, not ``date``.
Keys the model does not know are kept in ``Article.extra`` and written back, so an
editor's additions survive any round trip (the validator reports them separately).
"""

from __future__ import annotations

import os
import re
import stat
import zlib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import total_ordering
from pathlib import Path
from typing import Any

import yaml

from newsarchive.errors import ArticleError
from newsarchive.text import nfc

EVENT_TYPES = ("dai-hoi", "so-ket", "tong-ket", "hoi-nghi", "khen-thuong", "nhan-su",
               "chuyen-de", "khac")
FIELD_ORDER = ("title", "date", "event_date", "provinces", "event_type", "tags", "source",
               "authors", "images", "review", "raw", "raw_sha256", "ingest_sha256")
# Written by ingest, only when known (an editor's own article has neither): the hash of
# the raw text (NFC, whitespace collapsed; ``raw.content_key``) that identifies it in any
# clone, and the hash of this file as ingest wrote it with the ``ingest_sha256`` line left
# out, which tells ingest whether an editor has changed the file since.
PROVENANCE_FIELDS = ("raw_sha256", "ingest_sha256")
# Budgets checked before any YAML parser sees a header: libyaml's C loader recurses once
# per nesting level and crashes the process (no exception) on a 60 KB "[[[[…" line.
MAX_HEADER_BYTES = 64 * 1024
MAX_HEADER_LINE = 4_000
MAX_NESTING = 32
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_BOUNDARY = re.compile(r"^-{3,}[ \t]*$")


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
            date(self.year, self.month or 1, self.day or 1)  # ValueError if not a real day
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
    raw_sha256: str | None = None
    ingest_sha256: str | None = None
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
        data.update({key: getattr(self, key) for key in PROVENANCE_FIELDS if getattr(self, key)})
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
    """Parse an article file; raise :class:`ArticleError` naming the file and line.

    The same steps as the validator (:func:`split_front_matter`, :func:`header_problem`,
    :func:`parse_header`), so an article the validator accepts is one the site loads.
    """
    header, body, line = split_front_matter(text)
    if header is None:
        raise ArticleError(body, path, line)
    meta = parse_header(header, path)
    if not isinstance(meta, dict):
        raise ArticleError("front matter must be 'key: value' lines", path, 2)
    return from_front_matter(meta, body, path)


def split_front_matter(text: str) -> tuple[list[str] | None, str, int]:
    """``(header lines, body, 1)``, or ``(None, reason, line)`` when there is no header.

    A byte-order mark is dropped and ``\r\n``/``\r`` line ends count as ``\n``, in the
    loader and the validator alike (both call this).

    >>> split_front_matter("\\ufeff---\\r\\ntitle: x\\r\\n---\\r\\n\\r\\nBody\\r\\n")
    (['title: x'], 'Body', 1)
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, "empty file: an article needs front matter between two '---' lines", 1
    lines = text.split("\n")
    if not _BOUNDARY.match(lines[0]):
        return None, "no front matter: the file must start with a '---' line", 1
    end = next((i for i in range(1, len(lines)) if _BOUNDARY.match(lines[i])), None)
    if end is None:
        return None, "front matter not closed: no '---' line after the keys", 1
    return lines[1:end], "\n".join(lines[end + 1:]).strip(), 1


def header_problem(lines: list[str]) -> tuple[str, int] | None:
    """Why a header must not reach the YAML parser (too big, too long, too deep), and where.

    >>> header_problem(["title: " + "[" * 40 + "x" + "]" * 40])
    ('nested 40 levels deep; at most 32 are allowed', 2)
    """
    if sum(len(line) + 1 for line in lines) > MAX_HEADER_BYTES:
        return f"over {MAX_HEADER_BYTES // 1024} KB; front matter is a few short lines", 1
    for number, line in enumerate(lines, start=2):
        if len(line) > MAX_HEADER_LINE:
            return f"a line of {len(line):,} characters; at most {MAX_HEADER_LINE:,}", number
        depth = _nesting(line)
        if depth > MAX_NESTING:
            return f"nested {depth} levels deep; at most {MAX_NESTING} are allowed", number
    return None


def _nesting(line: str) -> int:
    """Upper bound on the YAML nesting one line opens: indentation, '- ' markers, brackets."""
    stripped = line.lstrip(" ")
    indent = (len(line) - len(stripped)) // 2
    dashes = 0
    while stripped.startswith(("- ", "? ")):
        stripped, dashes = stripped[2:].lstrip(" "), dashes + 1
    depth = deepest = 0
    for char in stripped:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return indent + dashes + deepest


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster


class HeaderLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps an impossible date ("2021-02-30") as text instead of raising.

    PyYAML builds ``datetime.date`` for anything shaped like a date and lets the
    ``ValueError`` escape; the validator wants to say which field holds it.
    """

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


HeaderLoader.add_constructor("tag:yaml.org,2002:timestamp", HeaderLoader.construct_yaml_timestamp)


def parse_header(lines: list[str], path: str | Path = "<string>") -> Any:
    """The YAML of a header, after :func:`header_problem`; errors name the file and line."""
    problem = header_problem(lines)
    if problem is not None:
        raise ArticleError(f"front matter refused: {problem[0]}", path, problem[1])
    try:
        return yaml.load("\n".join(lines), Loader=HeaderLoader)  # noqa: S506 - safe subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for '---'
        message = f"front matter is not valid YAML: {_yaml_problem(error)}"
        raise ArticleError(message, path, line) from error


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
            raw_sha256=_optional_text(known["raw_sha256"]),
            ingest_sha256=_optional_text(known["ingest_sha256"]),
            body=nfc(body),
            extra=extra,
            slug=Path(str(path)).stem,
        )
    except (TypeError, ValueError, AttributeError, OverflowError) as error:
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
    try:
        return None if value in (None, "") else PartialDate.parse(value)
    except ValueError as error:
        raise ValueError(f"front matter has an impossible date: {error}") from error


def _yaml_problem(error: yaml.YAMLError) -> str:
    return str(getattr(error, "problem", None) or error).strip()


def read_article_text(path: str | Path) -> str:
    """The text of an article file, refused unless it is a regular UTF-8 file without NULs.

    One rule for the loader and the validator: an article re-saved as UTF-16 by a Windows
    editor, or holding a NUL byte, is an error naming the file, never half-read.
    """
    from newsarchive.files import UnsafeFileError, read_regular

    try:
        data = read_regular(Path(path), MAX_ARTICLE_BYTES)
    except UnsafeFileError as error:
        raise ArticleError(f"not a regular file ({error.strerror})", path, 1) from error
    except ValueError as error:
        raise ArticleError(f"{error.args[0]:,} bytes; an article is at most "
                           f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MB", path, 1) from error
    except OSError as error:
        raise ArticleError(f"cannot read ({error.strerror})", path, 1) from error
    return decode_article(data, path)


MAX_ARTICLE_BYTES = 4 * 1024 * 1024


def decode_article(data: bytes, path: str | Path = "<string>") -> str:
    """UTF-8 (a BOM allowed) or :class:`ArticleError` saying which encoding and where."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError("saved as UTF-16; save the file again as UTF-8", path, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ArticleError(f"not UTF-8 text (unexpected byte at position {error.start}); "
                           "save the file again as UTF-8", path, line) from error
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleError("contains a NUL byte; remove it", path, text.count("\n", 0, nul) + 1)
    return text


def article_entries(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The article files of ``folder`` and the ``*.md`` entries that are not files.

    One listing for the validator and the site: ``*.md`` directly inside, not hidden;
    a symlink, a folder named ``x.md`` or a FIFO is returned apart with what it is, so
    the validator can refuse it instead of the site silently skipping it.
    """
    from newsarchive.files import file_kind

    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    if not folder.is_dir():
        return files, refused
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not entry.name.endswith(".md") or entry.name.startswith("."):
            continue
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISREG(mode):
            files.append(folder / entry.name)
        else:
            kind = "a symbolic link" if stat.S_ISLNK(mode) else file_kind(mode)
            refused.append((folder / entry.name, kind))
    return files, refused


def load(path: str | Path) -> Article:
    """Read one article file (UTF-8) into an :class:`Article`."""
    return loads(read_article_text(path), path)
