"""The front-matter rules, one ``check_<field>`` per field, and the problems they find.

Each rule names the field an editor types (English) and says in Vietnamese what to do,
with the file line of the key, so a message can be acted on without reading code:

>>> str(Problem("articles/x.md", 6, "event_type", 'loại sự kiện "hop-bao" không hợp lệ; …'))
'articles/x.md:6: event_type: loại sự kiện "hop-bao" không hợp lệ; …'

Dates before :data:`EARLIEST_YEAR` are refused: the provincial People's Committees this
archive is about exist only since the Democratic Republic of Vietnam was founded in 1945,
so an earlier year is a typo ("1917" for "2017").
"""

from __future__ import annotations

import difflib
import re
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsarchive import gazetteer
from newsarchive.article.model import EVENT_TYPES, FIELD_ORDER, PROVENANCE_FIELDS, PartialDate
from newsarchive.text import fold

EARLIEST_YEAR = 1945
SOURCE_KEYS = ("name", "url", "syndicated_from")
IMAGE_KEYS = ("caption", "credit")
# Greedy up to the first ':' then trimmed in code: the lazy ``[^:#]*?\s*:`` this replaces
# retried the spaces at every position (60,000 spaces took 20 s).
_KEY_LINE = re.compile(r"^([^\s#:'\"-][^:#]*):(?:\s|$)")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
EDITOR_FIELDS = tuple(name for name in FIELD_ORDER if name not in PROVENANCE_FIELDS)
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


@dataclass(frozen=True, slots=True)
class Header:
    """The front matter of one file: parsed values and the line of each top-level key."""

    meta: dict[str, Any]
    lines: list[str]  # the YAML lines; lines[i] is file line i + 2

    def line_of(self, key: str, sub: str | None = None) -> int:
        """File line of ``key:`` (or of ``sub:`` inside it; the key's line if flow style)."""
        start = next((i for i, text in enumerate(self.lines) if top_key(text) == key), None)
        if start is None:
            return 1
        if sub is not None:
            for i in range(start + 1, len(self.lines)):
                text = self.lines[i]
                if top_key(text) is not None:
                    break
                if re.match(rf"^[\s-]+{re.escape(sub)}\s*:", text):
                    return i + 2
        return start + 2


def is_web_address(value: str) -> bool:
    """Whether ``source.url`` may hold ``value``: http(s), a host with a dot, no spaces.

    Ingest asks the same question before writing, so it never writes an address the
    validator refuses. ``is_web_address("/tin/123")`` is ``False``.
    """
    return bool(_URL.match(value)) and not any(c.isspace() for c in value)


def top_key(text: str) -> str | None:
    """The key a top-level front-matter line sets (``"title: x"`` → ``"title"``)."""
    match = _KEY_LINE.match(text)
    return match.group(1).rstrip() if match else None


class FieldChecks:
    """Collects the problems of one file; each ``check_<field>`` knows one field's rules."""

    def __init__(self, path: str, header: Header, today: date):
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
            key = top_key(text)
            if key is not None and key in seen:
                self.add(key, f"khóa bị lặp lại (đã có ở dòng {seen[key]}); chỉ giữ một dòng",
                         i + 2)
            elif key is not None:
                seen[key] = i + 2
        for key in self.header.meta:
            if key not in FIELD_ORDER:
                self.add(str(key), _unknown_key(str(key), EDITOR_FIELDS))

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
            shown = f'"{brief(value)}"' if isinstance(value, str) else brief(value)
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
            elif key == "url" and item and not is_web_address(item):
                self.add(field, f'địa chỉ "{brief(item)}" phải bắt đầu bằng http:// hoặc https://')

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
        allowed = set(EDITOR_FIELDS) | {f"source.{key}" for key in SOURCE_KEYS}
        for _, item in self.text_items("review", value, "tên trường"):
            if item not in allowed:
                self.add("review", f'"{brief(item)}" không phải tên trường; chọn trong: '
                                   + ", ".join(EDITOR_FIELDS))

    def check_raw(self, value: Any) -> None:
        if value is not None and not isinstance(value, str):
            self.add("raw", "đường dẫn tệp gốc phải là văn bản, ví dụ raw/004_67a0f94a2f50c909.txt")

    def check_raw_sha256(self, value: Any, name: str = "raw_sha256") -> None:
        if value is not None and not (isinstance(value, str) and _HEX64.match(value)):
            self.add(name, "mã băm do lệnh ingest ghi (64 ký tự 0-9a-f); đừng sửa dòng này — "
                           "xóa cả dòng nếu không chắc")

    def check_ingest_sha256(self, value: Any) -> None:
        self.check_raw_sha256(value, "ingest_sha256")

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
                shown = brief(item, quote=True)
                self.add(name, f"mục thứ {number} ({shown}) phải là {noun} dạng văn bản")


_EXAMPLES = {"provinces": "Lai Châu", "tags": "Đảng bộ, tổng kết", "authors": "Nghiêm Đẳng",
             "review": "provinces, event_date"}


_REPR = reprlib.Repr()  # keyword arguments only from Python 3.12
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring = 2, 4, 4, 60


def brief(value: Any, quote: bool = False) -> str:
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
    shown = brief(value)
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
    return f'tỉnh, thành phố "{brief(name)}" không có trong danh mục{hint}'


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
