"""The Article model: the field table, and its front-matter form.

An article is one Markdown file under ``articles/`` whose front matter has exactly
the keys declared in :class:`Article` (:data:`FIELD_ORDER`). Dates may be partial
(``2012-01`` when the text only says "đầu tháng 01/2012"), so they are
:class:`PartialDate`, not ``date``. Keys the model does not know are kept in
``Article.extra`` and written back, so an editor's additions survive any round trip
(the validator reports them separately).

:class:`Article` is the one field table: each front-matter field is declared there
once (:func:`~newsarchive.article.fields.declared`: label, example, load, dump, check),
and key order, dumping, loading, validation and labels are derived from it:

>>> FIELD_ORDER[:3], FIELD_LABELS["event_date"]
(('title', 'date', 'event_date'), 'Ngày diễn ra sự kiện')
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newsarchive.article import fields as coders
from newsarchive.article.checks import FieldChecks
from newsarchive.article.fields import declared, labelled, labels_of, specs_of
from newsarchive.article.values import (
    EVENT_TYPE_LABELS,
    EVENT_TYPES,
    IMAGE_KEYS,
    SOURCE_KEYS,
    Image,
    PartialDate,
    Source,
)
from newsarchive.errors import ArticleError
from newsarchive.text import nfc

__all__ = ["EVENT_TYPES", "EVENT_TYPE_LABELS", "FIELDS", "FIELD_LABELS", "FIELD_ORDER",
           "IMAGE_KEYS", "PROVENANCE_FIELDS", "SOURCE_KEYS", "Article", "Image", "PartialDate",
           "Source", "article_entries", "dumps", "from_front_matter", "load", "loads",
           "parse_header", "split_front_matter"]

# Budgets checked before any YAML parser sees a header: libyaml's C loader recurses once
# per nesting level and crashes the process (no exception) on a 60 KB "[[[[…" line.
MAX_HEADER_BYTES = 64 * 1024
MAX_HEADER_LINE = 4_000
MAX_NESTING = 32
_BOUNDARY = re.compile(r"^-{3,}[ \t]*$")


@dataclass(slots=True)
class Article:
    """One archived article: its front-matter fields, its Markdown body, and where it lives.

    Every attribute up to ``raw`` is a front-matter key, in file order.
    """

    title: str = declared("Tiêu đề", "Hội nghị tổng kết", coders.required_text,
                          check=FieldChecks.check_title, required=True)
    date: PartialDate | None = declared(
        "Ngày đăng", "2021-04-20", coders.partial_date, dump=coders.dump_date,
        check=FieldChecks.check_date, default=None)
    event_date: PartialDate | None = declared(
        "Ngày diễn ra sự kiện", "2021-04-20", coders.partial_date, dump=coders.dump_date,
        check=FieldChecks.check_date, default=None)
    provinces: list[str] = declared(
        "Tỉnh, thành phố", "Lai Châu", coders.text_list, dump=coders.dump_list,
        check=FieldChecks.check_provinces, default_factory=list)
    event_type: str = declared("Loại sự kiện", "tong-ket", coders.event_type,
                               check=FieldChecks.check_event_type, default="khac")
    tags: list[str] = declared("Thẻ", "Đảng bộ, tổng kết", coders.text_list,
                               dump=coders.dump_list, check=FieldChecks.check_tags,
                               default_factory=list)
    source: Source = declared(
        "Nguồn", "{name: Báo Lai Châu, url: https://…, syndicated_from: null}", coders.source,
        dump=coders.dump_source, check=FieldChecks.check_source, default_factory=Source)
    authors: list[str] = declared("Tác giả", "Nghiêm Đẳng", coders.text_list,
                                  dump=coders.dump_list, check=FieldChecks.check_authors,
                                  default_factory=list)
    images: list[Image] = declared("Ảnh", "{caption: …, credit: …}", coders.images,
                                   dump=coders.dump_images, check=FieldChecks.check_images,
                                   default_factory=list)
    review: list[str] = declared("Cần xem lại", "provinces, event_date", coders.text_list,
                                 dump=coders.dump_list, check=FieldChecks.check_review,
                                 default_factory=list)
    raw: str | None = declared("Bản gốc", "raw/004_67a0f94a2f50c909.txt", coders.optional_text,
                               check=FieldChecks.check_raw, default=None)
    # Written by ingest, only when known (an editor's own article has neither): the hash
    # of the raw text (NFC, whitespace collapsed; ``raw.content_key``) that identifies it
    # in any clone, and the hash of this file as ingest wrote it with the
    # ``ingest_sha256`` line left out, which tells ingest whether an editor changed it.
    raw_sha256: str | None = declared(
        "Mã băm bản gốc", "3f1c…", coders.optional_text, check=FieldChecks.check_provenance,
        omit_empty=True, default=None)
    ingest_sha256: str | None = declared(
        "Mã băm khi nhập", "9a0b…", coders.optional_text, check=FieldChecks.check_provenance,
        omit_empty=True, default=None)
    body: str = labelled("Nội dung", default="")
    extra: dict[str, Any] = field(default_factory=dict)
    slug: str = ""

    @property
    def timeline_date(self) -> PartialDate | None:
        """The date the archive files the article under: the event's, else publication's."""
        return self.event_date or self.date

    def front_matter(self) -> dict[str, Any]:
        """Front matter in :data:`FIELD_ORDER`, then any unknown keys an editor added."""
        data = {spec.key: spec.dump(getattr(self, spec.key)) for spec in FIELDS
                if not (spec.omit_empty and getattr(self, spec.key) in (None, ""))}
        data.update(self.extra)
        return data


FIELDS = specs_of(Article)
FIELD_ORDER = tuple(spec.key for spec in FIELDS)
FIELD_LABELS = labels_of(Article)
PROVENANCE_FIELDS = tuple(spec.key for spec in FIELDS if spec.omit_empty)


def dumps(article: Article) -> str:
    """The article as a Markdown file: YAML front matter, blank line, body, newline.

    Deterministic: the same article always gives the same bytes.
    """
    header = yaml.dump(article.front_matter(), Dumper=_Dumper, allow_unicode=True,
                       sort_keys=False, default_flow_style=None, width=100)
    return f"---\n{header}---\n\n{article.body.strip()}\n"


# libyaml's emitter when PyYAML has it: the same bytes as the pure-Python SafeDumper on every
# article of the accuracy corpus and the seeds (tests/test_article.py checks), 5× faster.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
    extra = {key: value for key, value in meta.items() if key not in FIELD_ORDER}
    try:
        known = {spec.key: spec.load(meta.get(spec.key), spec.key) for spec in FIELDS}
        return Article(**known, body=nfc(body), extra=extra, slug=Path(str(path)).stem)
    except (TypeError, ValueError, AttributeError, OverflowError) as error:
        raise ArticleError(str(error), path) from error


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


def article_entries(folder: Path, statuses: list[os.stat_result] | None = None,
                    ) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The article files of ``folder`` and the ``*.md`` entries that are not files.

    One listing for the validator and the site: ``*.md`` directly inside, not hidden;
    a symlink, a folder named ``x.md`` or a FIFO is returned apart with what it is, so
    the validator can refuse it instead of the site silently skipping it. ``statuses``,
    when given, receives each article file's status from the listing, in order (a
    regular file's own, as ``os.stat`` gives it), so the caller need not stat it again.
    """
    from newsarchive.files import file_kind

    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    if not folder.is_dir():
        return files, refused
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not entry.name.endswith(".md") or entry.name.startswith("."):
            continue
        status = entry.stat(follow_symlinks=False)
        mode = status.st_mode
        if stat.S_ISREG(mode):
            files.append(folder / entry.name)
            if statuses is not None:
                statuses.append(status)
        else:
            kind = "a symbolic link" if stat.S_ISLNK(mode) else file_kind(mode)
            refused.append((folder / entry.name, kind))
    return files, refused


def load(path: str | Path) -> Article:
    """Read one article file (UTF-8) into an :class:`Article`."""
    return loads(read_article_text(path), path)
