"""Schema checks on article files, reported all at once as sentences an editor can act on.

Editors fix front matter by hand in git, so a mistake must come back as
``path:line: field: message`` — English field name (what they type), Vietnamese
message (what they read) — never as a traceback, and never one problem at a time:

>>> str(Problem("articles/x.md", 6, "event_type", 'loại sự kiện "hop-bao" không hợp lệ; …'))
'articles/x.md:6: event_type: loại sự kiện "hop-bao" không hợp lệ; …'

The field rules are the front-matter contract of :mod:`newsarchive.article`; values are
parsed with its :class:`~newsarchive.article.PartialDate`, and a file that passes every
check is finally built with :func:`newsarchive.article.from_front_matter`, so "valid" here
means "the site can load it". Dates before :data:`EARLIEST_YEAR` are refused: the
provincial People's Committees this archive is about exist only since the Democratic
Republic of Vietnam was founded in 1945, so an earlier year is a typo ("1917" for "2017").
"""

from __future__ import annotations

import difflib
import os
import re
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from . import gazetteer
from .article import EVENT_TYPES, FIELD_ORDER, PartialDate, from_front_matter
from .errors import ArchiveError
from .text import fold, slugify

EARLIEST_YEAR = 1945
SOURCE_KEYS = ("name", "url", "syndicated_from")
IMAGE_KEYS = ("caption", "credit")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BOUNDARY = re.compile(r"^-{3,}\s*$")
_KEY_LINE = re.compile(r"^([^\s#:'\"-][^:#]*?)\s*:(?:\s|$)")
_DATE_SHAPE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+", re.I)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one article file, where an editor will find it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps an impossible date ("2021-02-30") as text instead of raising.

    PyYAML builds ``datetime.date`` for anything shaped like a date and lets the
    ``ValueError`` escape; the validator wants to say which field holds it.
    """

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


@dataclass(frozen=True, slots=True)
class _Header:
    """The front matter of one file: parsed values and the line of each top-level key."""

    meta: dict[str, Any]
    lines: list[str]  # the YAML lines; lines[i] is file line i + 2

    def line_of(self, key: str, sub: str | None = None) -> int:
        """File line of ``key:`` (or of ``sub:`` inside it; the key's line if flow style)."""
        start = next((i for i, text in enumerate(self.lines) if _top_key(text) == key), None)
        if start is None:
            return 1
        if sub is not None:
            for i in range(start + 1, len(self.lines)):
                text = self.lines[i]
                if _top_key(text) is not None:
                    break
                if re.match(rf"^[\s-]+{re.escape(sub)}\s*:", text):
                    return i + 2
        return start + 2


def _top_key(text: str) -> str | None:
    match = _KEY_LINE.match(text)
    return match.group(1) if match else None


class _Checks:
    """Collects the problems of one file; each ``check_<field>`` knows one field's rules."""

    def __init__(self, path: str, header: _Header, today: date):
        self.path, self.header, self.today = path, header, today
        self.problems: list[Problem] = []

    def add(self, field: str, message: str, line: int | None = None) -> None:
        top, _, sub = field.partition(".")
        where = line if line is not None else self.header.line_of(top, sub or None)
        self.problems.append(Problem(self.path, where, field, message))

    def run(self) -> list[Problem]:
        meta = self.header.meta
        self.check_keys()
        for name in FIELD_ORDER:
            if name in meta or name == "title":
                getattr(self, f"check_{name}")(meta.get(name))
        return self.problems

    def check_keys(self) -> None:
        seen: dict[str, int] = {}
        for i, text in enumerate(self.header.lines):
            key = _top_key(text)
            if key is not None and key in seen:
                self.add(key, f"khóa bị lặp lại (đã có ở dòng {seen[key]}); chỉ giữ một dòng",
                         i + 2)
            elif key is not None:
                seen[key] = i + 2
        for key in self.header.meta:
            if key not in FIELD_ORDER:
                self.add(str(key), _unknown_key(str(key), FIELD_ORDER))

    def check_title(self, value: Any) -> None:
        if "title" not in self.header.meta:
            self.add("title", "thiếu tiêu đề (khóa bắt buộc)", 1)
        elif not isinstance(value, str) or not value.strip():
            self.add("title", "tiêu đề phải là một đoạn văn bản không rỗng")

    def check_date(self, value: Any, name: str = "date") -> None:
        if value in (None, ""):
            return
        message = _date_problem(value, self.today)
        if message:
            self.add(name, message)

    def check_event_date(self, value: Any) -> None:
        self.check_date(value, "event_date")

    def check_provinces(self, value: Any) -> None:
        for _, item in self.text_items("provinces", value, "tên tỉnh, thành phố"):
            if item not in gazetteer.canonical_names():
                self.add("provinces", _province_problem(item))

    def check_event_type(self, value: Any) -> None:
        if value is None:
            return
        if value not in EVENT_TYPES:
            shown = f'"{_brief(value)}"' if isinstance(value, str) else _brief(value)
            self.add("event_type", f"loại sự kiện {shown} không hợp lệ; chọn một trong: "
                                   + ", ".join(EVENT_TYPES))

    def check_tags(self, value: Any) -> None:
        list(self.text_items("tags", value, "thẻ"))

    def check_authors(self, value: Any) -> None:
        list(self.text_items("authors", value, "tên tác giả"))

    def check_source(self, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.add("source", "nguồn phải gồm các khóa name, url, syndicated_from (ví dụ: "
                               "{name: Báo Lai Châu, url: https://…, syndicated_from: null})")
            return
        for key, item in value.items():
            field = f"source.{key}"
            if key not in SOURCE_KEYS:
                self.add(field, _unknown_key(str(key), SOURCE_KEYS))
            elif item is not None and not isinstance(item, str):
                self.add(field, "phải là văn bản hoặc null")
            elif key == "url" and item and not _URL.match(item):
                self.add(field, f'địa chỉ "{_brief(item)}" phải bắt đầu bằng http:// hoặc https://')

    def check_images(self, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            self.add("images", "ảnh phải là một danh sách, mỗi ảnh có caption và credit")
            return
        for number, image in enumerate(value, start=1):
            if not isinstance(image, dict):
                self.add("images", f"ảnh thứ {number} phải có dạng {{caption: …, credit: …}}")
                continue
            for key in image:
                if key not in IMAGE_KEYS:
                    self.add("images", f"ảnh thứ {number}: "
                                       + _unknown_key(str(key), IMAGE_KEYS))
            caption, credit = image.get("caption"), image.get("credit")
            if not isinstance(caption, str) or not caption.strip():
                self.add("images", f"ảnh thứ {number}: chú thích (caption) phải là văn bản "
                                   "không rỗng")
            if credit is not None and not isinstance(credit, str):
                self.add("images", f"ảnh thứ {number}: tác giả ảnh (credit) phải là văn bản "
                                   "hoặc null")

    def check_review(self, value: Any) -> None:
        allowed = set(FIELD_ORDER) | {f"source.{key}" for key in SOURCE_KEYS}
        for _, item in self.text_items("review", value, "tên trường"):
            if item not in allowed:
                self.add("review", f'"{_brief(item)}" không phải tên trường; chọn trong: '
                                   + ", ".join(FIELD_ORDER))

    def check_raw(self, value: Any) -> None:
        if value is not None and not isinstance(value, str):
            self.add("raw", "đường dẫn tệp gốc phải là văn bản, ví dụ raw/004_67a0f94a2f50c909.txt")

    def text_items(self, name: str, value: Any, noun: str) -> Iterable[tuple[int, str]]:
        """The text items of a list field; reports a non-list and every non-text item."""
        if value is None:
            return
        if not isinstance(value, list):
            self.add(name, f"phải là một danh sách, ví dụ: [{_EXAMPLES[name]}]")
            return
        for number, item in enumerate(value, start=1):
            if isinstance(item, str) and item.strip():
                yield number, item
            else:
                shown = _brief(item, quote=True)
                self.add(name, f"mục thứ {number} ({shown}) phải là {noun} dạng văn bản")


_EXAMPLES = {"provinces": "Lai Châu", "tags": "Đảng bộ, tổng kết", "authors": "Nghiêm Đẳng",
             "review": "provinces, event_date"}


_REPR = reprlib.Repr()  # keyword arguments only from Python 3.12
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring = 2, 4, 4, 60


def _brief(value: Any, quote: bool = False) -> str:
    """A value as an editor would recognise it, cut short (``[[1, 2, 3, 4, ...]]``).

    A hostile front matter can nest aliases into millions of items; a message must not.
    """
    if isinstance(value, str) and not quote:
        return value if len(value) <= 80 else value[:79] + "…"
    return _REPR.repr(value)


def _unknown_key(key: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    near = difflib.get_close_matches(fold(key).replace("-", "_"), allowed, n=1, cutoff=0.75)
    hint = f' (có phải "{near[0]}"?)' if near else ""
    return f"khóa không được hỗ trợ{hint}; các khóa hợp lệ: " + ", ".join(allowed)


def _date_problem(value: Any, today: date) -> str | None:
    """Why a ``date``/``event_date`` value is unacceptable, or ``None`` if it is fine."""
    shown = _brief(value)
    try:
        if isinstance(value, bool):
            raise TypeError
        parsed = PartialDate.parse(value)
    except (TypeError, ValueError):
        if _DATE_SHAPE.match(shown.strip()):
            return f"ngày {shown} không có thật; kiểm tra lại ngày và tháng"
        return (f'ngày phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD (ví dụ 2021-04-20), '
                f'không phải "{shown}"')
    if parsed.year < EARLIEST_YEAR:
        return (f"năm {parsed.year} sớm hơn {EARLIEST_YEAR}, năm sớm nhất kho lưu trữ nhận; "
                "kiểm tra lại năm")
    if parsed.as_date() > today:
        return f"ngày {parsed} ở tương lai (hôm nay là {today.isoformat()})"
    return None


def _province_problem(name: str) -> str:
    suggestion = _province_suggestion(name)
    hint = f'; có phải "{suggestion}"?' if suggestion else (
        "; xem danh sách trong newsarchive/data/provinces.csv")
    return f'tỉnh, thành phố "{_brief(name)}" không có trong danh mục{hint}'


def _province_suggestion(name: str) -> str | None:
    """The canonical spelling of a near miss: "Hoà Bình" → "Hòa Bình", "TP.HCM" → "Hồ Chí Minh"."""
    for canonical in gazetteer.current_units():
        if fold(canonical) == fold(name):
            return canonical
    unit = gazetteer.lookup(name)
    if unit is None:
        return None
    if unit.renamed_to and fold(unit.renamed_to) == fold(name):
        return unit.renamed_to
    return unit.name


# --- one file ---------------------------------------------------------------------------


def check_text(text: str, path: str, today: date) -> list[Problem]:
    """Every problem in one article's text (the ``raw`` file's existence is checked apart)."""
    return _inspect(text, path, today)[0]


_Inspection = tuple[list[Problem], Any, int]  # problems, the raw value, the line of raw:


def _inspect(text: str, path: str, today: date) -> _Inspection:
    text = text.lstrip("\ufeff")
    if not text.strip():
        return [Problem(path, 1, "file", "tệp rỗng; một bài viết cần phần đầu (front matter) "
                                         "giữa hai dòng '---' và nội dung bài")], None, 1
    lines = text.splitlines()
    if not _BOUNDARY.match(lines[0]):
        return [Problem(path, 1, "front_matter", "thiếu phần đầu (front matter): tệp phải bắt "
                                                 "đầu bằng một dòng '---'")], None, 1
    end = next((i for i in range(1, len(lines)) if _BOUNDARY.match(lines[i])), None)
    if end is None:
        return [Problem(path, 1, "front_matter", "phần đầu chưa được đóng: thiếu dòng '---' "
                                                 "sau các khóa")], None, 1
    header_lines = lines[1:end]
    try:
        meta = yaml.load("\n".join(header_lines), Loader=_Loader)  # noqa: S506 - safe subclass
    except yaml.YAMLError as error:
        return [_yaml_problem(path, error)], None, 1
    if not isinstance(meta, dict):
        message = "phần đầu phải là các dòng 'khóa: giá trị', ví dụ title: Hội nghị tổng kết"
        return [Problem(path, 2, "front_matter", message)], None, 1
    header = _Header(meta, header_lines)
    problems = _Checks(path, header, today).run()
    problems = problems or _model_problem(meta, path)
    return problems, meta.get("raw"), header.line_of("raw")


def _yaml_problem(path: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 2 if mark is not None else 1  # 1-based, after the opening '---'
    detail = str(getattr(error, "problem", None) or "").strip() or "lỗi cú pháp"
    return Problem(path, line, "front_matter",
                   f"YAML không hợp lệ ({detail}); kiểm tra dấu hai chấm, dấu ngoặc kép và "
                   "thụt lề ở dòng này — văn bản có dấu ':' hoặc '#' cần đặt trong ngoặc kép")


def _model_problem(meta: dict[str, Any], path: str) -> list[Problem]:
    """Safety net: what passes the field checks must also build an Article."""
    try:
        from_front_matter(meta, "", path)
    except ArchiveError as error:
        return [Problem(path, error.line or 1, "front_matter",
                        f"không đọc được bài viết: {error.message}")]
    return []


def check_raw(value: Any, line: int, path: str, articles_dir: Path) -> list[Problem]:
    """``raw`` must name an existing file inside ``articles_dir`` (e.g. ``raw/004_….txt``)."""
    if not isinstance(value, str) or not value:
        return []
    # Lexical, not resolve(): this runs for every article on every `mkdocs serve` rebuild.
    relative = os.path.normpath(value)
    if os.path.isabs(relative) or relative.split(os.sep, 1)[0] == os.pardir:
        return [Problem(path, line, "raw", f'"{_brief(value)}" phải là đường dẫn bên trong thư mục '
                                           "bài viết, ví dụ raw/004_67a0f94a2f50c909.txt")]
    if not os.path.isfile(os.path.join(articles_dir, relative)):
        message = (f"không tìm thấy tệp gốc {_brief(value)} (đường dẫn tính từ thư mục "
                   f"{articles_dir.name}/)")
        return [Problem(path, line, "raw", message)]
    return []


# --- the archive ------------------------------------------------------------------------


def check_slugs(paths: Iterable[Path], siblings: Iterable[Path] = ()) -> list[Problem]:
    """File stems are URLs: ASCII ``[a-z0-9-]`` and unique, ignoring case.

    ``siblings`` are the other articles a stem must not repeat (the rest of the archive
    when only changed files are checked, as pre-commit does).
    """
    paths = list(paths)
    owners: dict[str, list[Path]] = {}
    for other in dict.fromkeys([*paths, *siblings]):
        owners.setdefault(other.stem.casefold(), []).append(other)
    problems = []
    for path in paths:
        if not _SLUG.match(path.stem):
            problems.append(Problem(str(path), 1, "slug", (
                f'tên tệp "{path.stem}" chỉ được dùng chữ thường không dấu, số và dấu gạch '
                f'nối, ví dụ "{slugify(path.stem) or "tin-moi"}.md"')))
        for other in owners[path.stem.casefold()]:
            if other != path and other.resolve() != path.resolve():
                problems.append(Problem(str(path), 1, "slug", (
                    f"tên tệp trùng với {other} (không phân biệt chữ hoa, chữ thường); "
                    "đổi tên một trong hai tệp")))
    return problems


class Validator:
    """Validates article files, parsing each file once per (path, mtime_ns, size).

    ``mkdocs serve`` rebuilds the whole site when one article is saved; with this cache
    the rebuild re-reads only the saved file. ``parsed`` counts files actually read.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[tuple[int, int, date], list[Problem], Any, int]] = {}
        self.parsed = 0

    def check_file(self, path: Path, today: date | None = None) -> list[Problem]:
        """Every problem of one file, ``raw`` included (resolved beside the file)."""
        today = today or date.today()
        shown = str(path)
        try:
            stat = path.stat()
        except OSError:
            return [Problem(shown, 1, "file", "không tìm thấy hoặc không đọc được tệp")]
        key = (stat.st_mtime_ns, stat.st_size, today)
        cached = self._cache.get(shown)
        if cached is None or cached[0] != key:
            cached = (key, *self._read(path, today))
            self._cache[shown] = cached
        _, problems, raw, raw_line = cached
        return problems + check_raw(raw, raw_line, shown, path.parent)

    def _read(self, path: Path, today: date) -> tuple[list[Problem], Any, int]:
        self.parsed += 1
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            return [Problem(str(path), line, "file", (
                f"tệp không phải văn bản UTF-8 (byte lạ ở vị trí {error.start}); hãy lưu lại "
                "tệp với bảng mã UTF-8"))], None, 1
        return _inspect(text, str(path), today)

    def check_paths(self, paths: Iterable[Path], today: date | None = None) -> list[Problem]:
        """All problems of ``paths``; slugs are also compared with each file's neighbours."""
        paths = list(paths)
        folders = {path.parent for path in paths}
        siblings = {other for folder in folders for other in folder.glob("*.md")}
        problems = [problem for path in paths for problem in self.check_file(path, today)]
        problems += check_slugs(paths, sorted(siblings))
        return sorted(problems, key=lambda problem: (problem.path, problem.line))

    def check_archive(self, articles_dir: Path, today: date | None = None) -> list[Problem]:
        """All problems of every ``*.md`` directly under ``articles_dir``."""
        return self.check_paths(sorted(articles_dir.glob("*.md")), today)


@cache
def shared_validator() -> Validator:
    """The process's validator, so its cache outlives one ``mkdocs serve`` rebuild."""
    return Validator()


def validate_paths(paths: Iterable[Path], today: date | None = None) -> list[Problem]:
    """Problems in the given article files, with a fresh (uncached) validator."""
    return Validator().check_paths(paths, today)


def validate_archive(articles_dir: Path, today: date | None = None) -> list[Problem]:
    """Problems in every article of an archive folder, with a fresh validator."""
    return Validator().check_archive(articles_dir, today)
