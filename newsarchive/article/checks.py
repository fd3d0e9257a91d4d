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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from newsarchive import gazetteer
from newsarchive.article.values import EVENT_TYPES, IMAGE_KEYS, SOURCE_KEYS, PartialDate
from newsarchive.text import fold

if TYPE_CHECKING:
    from newsarchive.article.fields import FieldSpec

EARLIEST_YEAR = 1945
# Greedy up to the first ':' then trimmed in code: the lazy ``[^:#]*?\s*:`` this replaces
# retried the spaces at every position (60,000 spaces took 20 s).
_KEY_LINE = re.compile(r"^([^\s#:'\"-][^:#]*):(?:\s|$)")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_DATE_SHAPE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+", re.I)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one article file, where an editor will find it."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"  # or "warning": printed, but the article is still published

    def __str__(self) -> str:
        prefix = "cảnh báo: " if self.is_warning else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a build (warnings do not)."""
    return [problem for problem in problems if not problem.is_warning]


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
    """Collects the problems of one file; each ``check_<field>`` knows one field's rules.

    ``fields`` is the field table (:data:`newsarchive.article.model.FIELDS`); each entry
    names the check that runs on its value, so the keys are known from there.
    """

    def __init__(self, path: str, header: Header, today: date, fields: Sequence[FieldSpec]):
        self.path, self.header, self.today = path, header, today
        self.fields = tuple(fields)
        self.keys = tuple(spec.key for spec in self.fields)
        # What editors write; ingest's provenance hashes are not offered in messages.
        self.editor_keys = tuple(spec.key for spec in self.fields if not spec.omit_empty)
        self.problems: list[Problem] = []

    def add(self, field: str, message: str, line: int | None = None,
            severity: str = "error") -> None:
        top, _, sub = field.partition(".")
        where = line if line is not None else self.header.line_of(top, sub or None)
        self.problems.append(Problem(self.path, where, field, message, severity))

    def run(self) -> list[Problem]:
        meta = self.header.meta
        self.check_keys()
        for spec in self.fields:
            if spec.key in meta or spec.required:
                spec.check(self, spec, meta.get(spec.key))
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
            if key not in self.keys:
                self.add(str(key), _unknown_key(str(key), self.editor_keys))

    def check_title(self, spec: FieldSpec, value: Any) -> None:
        if spec.key not in self.header.meta:
            self.add(spec.key, "thiếu tiêu đề (khóa bắt buộc)", 1)
        elif not isinstance(value, str) or not value.strip():
            self.add(spec.key, "tiêu đề phải là một đoạn văn bản không rỗng")

    def check_date(self, spec: FieldSpec, value: Any) -> None:
        if value in (None, ""):
            return
        message = _date_problem(value, self.today, spec.example)
        if message:
            self.add(spec.key, message)

    def check_provinces(self, spec: FieldSpec, value: Any) -> None:
        for _, item in self.text_items(spec, value, "tên tỉnh, thành phố"):
            if item not in gazetteer.canonical_names():
                self.add(spec.key, _province_problem(item))
            elif (dated := self.dated_after_merger()) and item not in gazetteer.current_units():
                self.add(spec.key, _merged_away(item, dated), severity="warning")

    def dated_after_merger(self) -> str | None:
        """The article's date (publication, else event) when on or after 1 July 2025.

        A warning, not an error: ``provinces`` records the province as the article names
        it, and a piece from July 2025 may still name the old one (a hand-over, "nguyên
        tỉnh Bến Tre"); the site files it under both. Usually, though, it is a wrong date
        or a stale name, so an editor should look.
        """
        meta = self.header.meta
        for key in ("date", "event_date"):
            value = meta.get(key)
            if value in (None, "") or _date_problem(value, self.today, ""):
                continue
            parsed = PartialDate.parse(value)  # its earliest day: "2025" may be before July
            return str(parsed) if parsed.as_date() >= gazetteer.MERGER_DATE else None
        return None

    def check_event_type(self, spec: FieldSpec, value: Any) -> None:
        if value is None:
            return
        if value not in EVENT_TYPES:
            shown = f'"{brief(value)}"' if isinstance(value, str) else brief(value)
            self.add(spec.key, f"loại sự kiện {shown} không hợp lệ{_event_hint(value)}; "
                               "chọn một trong: " + ", ".join(EVENT_TYPES))

    def check_tags(self, spec: FieldSpec, value: Any) -> None:
        list(self.text_items(spec, value, "thẻ"))

    def check_authors(self, spec: FieldSpec, value: Any) -> None:
        list(self.text_items(spec, value, "tên tác giả"))

    def check_source(self, spec: FieldSpec, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.add(spec.key, f"nguồn phải gồm các khóa {', '.join(SOURCE_KEYS)} (ví dụ: "
                               f"{spec.example})")
            return
        for key, item in value.items():
            field = f"source.{key}"
            if key not in SOURCE_KEYS:
                self.add(field, _unknown_key(str(key), SOURCE_KEYS))
            elif item is not None and not isinstance(item, str):
                self.add(field, "phải là văn bản hoặc null")
            elif key == "url" and item and not is_web_address(item):
                self.add(field, f'địa chỉ "{brief(item)}" phải bắt đầu bằng http:// hoặc https://')

    def check_images(self, spec: FieldSpec, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            self.add(spec.key, "ảnh phải là một danh sách, mỗi ảnh có caption và credit")
            return
        for number, image in enumerate(value, start=1):
            if not isinstance(image, dict):
                self.add(spec.key, f"ảnh thứ {number} phải có dạng {spec.example}")
                continue
            for key in image:
                if key not in IMAGE_KEYS:
                    self.add(spec.key, f"ảnh thứ {number}: "
                                       + _unknown_key(str(key), IMAGE_KEYS))
            caption, credit = image.get("caption"), image.get("credit")
            if not isinstance(caption, str) or not caption.strip():
                self.add(spec.key, f"ảnh thứ {number}: chú thích (caption) phải là văn bản "
                                   "không rỗng")
            if credit is not None and not isinstance(credit, str):
                self.add(spec.key, f"ảnh thứ {number}: tác giả ảnh (credit) phải là văn bản "
                                   "hoặc null")

    def check_review(self, spec: FieldSpec, value: Any) -> None:
        allowed = set(self.editor_keys) | {f"source.{key}" for key in SOURCE_KEYS}
        for _, item in self.text_items(spec, value, "tên trường"):
            if item not in allowed:
                self.add(spec.key, f'"{brief(item)}" không phải tên trường; chọn trong: '
                                   + ", ".join(self.editor_keys))

    def check_raw(self, spec: FieldSpec, value: Any) -> None:
        if value is not None and not isinstance(value, str):
            self.add(spec.key, f"đường dẫn tệp gốc phải là văn bản, ví dụ {spec.example}")

    def check_provenance(self, spec: FieldSpec, value: Any) -> None:
        if value is not None and not (isinstance(value, str) and _HEX64.match(value)):
            self.add(spec.key, "mã băm do lệnh ingest ghi (64 ký tự 0-9a-f); đừng sửa dòng "
                               "này — xóa cả dòng nếu không chắc")

    def text_items(self, spec: FieldSpec, value: Any, noun: str) -> Iterable[tuple[int, str]]:
        """The text items of a list field; reports a non-list and every non-text item."""
        if value is None:
            return
        if not isinstance(value, list):
            self.add(spec.key, f"phải là một danh sách, ví dụ: [{spec.example}]")
            return
        for number, item in enumerate(value, start=1):
            if isinstance(item, str) and item.strip():
                yield number, item
            else:
                shown = brief(item, quote=True)
                self.add(spec.key, f"mục thứ {number} ({shown}) phải là {noun} dạng văn bản")


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


def _event_hint(value: Any) -> str:
    """' (có phải "so-ket"?)' for "so ket", "Sơ kết" or "soket"; "" when nothing is near."""
    if not isinstance(value, str):
        return ""
    typed = re.sub(r"[\s_]+", "-", fold(value).strip())
    near = difflib.get_close_matches(typed, EVENT_TYPES, n=1, cutoff=0.75)
    return f' (có phải "{near[0]}"?)' if near else ""


def _merged_away(name: str, dated: str) -> str:
    """Why an old province on a post-merger article deserves a look, and what to write."""
    unit = gazetteer.current_unit(name)
    return (f'"{brief(name)}" là tên tỉnh trước 1/7/2025 (nay thuộc {unit}), nhưng bài ghi ngày '
            f"{dated}; nếu bài nói về đơn vị hiện nay, ghi \"{unit}\"; nếu bài nói về tỉnh "
            "cũ, giữ nguyên")


def _date_problem(value: Any, today: date, example: str) -> str | None:
    """Why a ``date``/``event_date`` value is unacceptable, or ``None`` if it is fine."""
    shown = brief(value)
    try:
        if isinstance(value, bool):
            raise TypeError
        parsed = PartialDate.parse(value)
    except (TypeError, ValueError):
        if _DATE_SHAPE.match(shown.strip()):
            return f"ngày {shown} không có thật; kiểm tra lại ngày và tháng"
        return (f'ngày phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD (ví dụ {example}), '
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
