"""Article files checked against the front-matter contract, all problems at once.

Editors fix front matter by hand in git, so a mistake must come back as
``path:line: field: message`` — English field name (what they type), Vietnamese
message (what they read) — never as a traceback, and never one problem at a time.
The field rules live in :mod:`newsarchive.article.checks`; this module reads files
(YAML that keeps impossible dates as text, key lines), checks what spans files (the
``raw`` file exists, slugs are unique) and caches per file for ``mkdocs serve``. A
file that passes every check is finally built with
:func:`newsarchive.article.model.from_front_matter`, so "valid" means "the site can load it";
that article is handed to :attr:`Validator.keep` when set (the site's cache), so a build
parses each file once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from newsarchive.article.checks import FieldChecks, Header, Problem, brief, errors
from newsarchive.article.model import FIELDS, Article, from_front_matter
from newsarchive.errors import ArchiveError
from newsarchive.text import slugify

__all__ = ["Problem", "Validator", "check_raw", "check_slugs", "check_text", "errors",
           "shared_validator", "shown_path", "validate_archive", "validate_paths"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BOUNDARY = re.compile(r"^-{3,}\s*$")
# python-frontmatter's boundary, so the body is the one model.loads would give.
_FM_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
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


def shown_path(path: Path) -> Path:
    """``articles/x.md`` rather than ``/home/…/articles/x.md`` when under the working dir:
    messages name files the way an editor types them."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


# --- one file ---------------------------------------------------------------------------


def check_text(text: str, path: str, today: date) -> list[Problem]:
    """Every problem in one article's text (the ``raw`` file's existence is checked apart)."""
    return _inspect(text, path, today).problems


@dataclass(slots=True)
class _Inspection:
    """What reading one file found: its problems, ``raw`` and its line, the article if valid."""

    problems: list[Problem]
    raw: Any = None
    raw_line: int = 1
    article: Article | None = None


_EMPTY = "tệp rỗng; một bài viết cần phần đầu (front matter) giữa hai dòng '---' và nội dung bài"


def _inspect(text: str, path: str, today: date) -> _Inspection:
    text = text.lstrip("\ufeff")
    if not text.strip():
        return _Inspection([Problem(path, 1, "file", _EMPTY)])
    lines = text.splitlines()
    if not _BOUNDARY.match(lines[0]):
        return _Inspection([Problem(path, 1, "front_matter", "thiếu phần đầu (front matter): tệp "
                                                             "phải bắt đầu bằng một dòng '---'")])
    end = next((i for i in range(1, len(lines)) if _BOUNDARY.match(lines[i])), None)
    if end is None:
        return _Inspection([Problem(path, 1, "front_matter", "phần đầu chưa được đóng: thiếu dòng "
                                                             "'---' sau các khóa")])
    header_lines = lines[1:end]
    try:
        meta = yaml.load("\n".join(header_lines), Loader=_Loader)  # noqa: S506 - safe subclass
    except yaml.YAMLError as error:
        return _Inspection([_yaml_problem(path, error)])
    if not isinstance(meta, dict):
        message = "phần đầu phải là các dòng 'khóa: giá trị', ví dụ title: Hội nghị tổng kết"
        return _Inspection([Problem(path, 2, "front_matter", message)])
    header = Header(meta, header_lines)
    problems = FieldChecks(path, header, today, FIELDS).run()
    article = None
    if not errors(problems):  # warnings alone leave the article valid
        article, failures = _build(meta, _body(text), path)
        problems = problems + failures
    return _Inspection(problems, meta.get("raw"), header.line_of("raw"), article)


def _body(text: str) -> str:
    """The body after the front matter, exactly as ``frontmatter.loads`` gives it."""
    parts = _FM_BOUNDARY.split(text.strip(), 2)
    return parts[2].strip() if len(parts) == 3 else ""


def _yaml_problem(path: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 2 if mark is not None else 1  # 1-based, after the opening '---'
    detail = str(getattr(error, "problem", None) or "").strip() or "lỗi cú pháp"
    return Problem(path, line, "front_matter",
                   f"YAML không hợp lệ ({detail}); kiểm tra dấu hai chấm, dấu ngoặc kép và "
                   "thụt lề ở dòng này — văn bản có dấu ':' hoặc '#' cần đặt trong ngoặc kép")


def _build(meta: dict[str, Any], body: str, path: str) -> tuple[Article | None, list[Problem]]:
    """The Article, built from the checked fields; also a safety net: what passes the field
    checks must build one."""
    try:
        return from_front_matter(meta, body, path), []
    except ArchiveError as error:
        return None, [Problem(path, error.line or 1, "front_matter",
                              f"không đọc được bài viết: {error.message}")]


def check_raw(value: Any, line: int, path: str, articles_dir: Path) -> list[Problem]:
    """``raw`` must name an existing file inside ``articles_dir`` (e.g. ``raw/004_….txt``)."""
    if not isinstance(value, str) or not value:
        return []
    # Lexical, not resolve(): this runs for every article on every `mkdocs serve` rebuild.
    relative = os.path.normpath(value)
    if os.path.isabs(relative) or relative.split(os.sep, 1)[0] == os.pardir:
        return [Problem(path, line, "raw", f'"{brief(value)}" phải là đường dẫn bên trong thư mục '
                                           "bài viết, ví dụ raw/004_67a0f94a2f50c909.txt")]
    if not os.path.isfile(os.path.join(articles_dir, relative)):
        message = (f"không tìm thấy tệp gốc {brief(value)} (đường dẫn tính từ thư mục "
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


Keep = Callable[[Path, os.stat_result, Article], None]


class Validator:
    """Validates article files, parsing each file once per (path, mtime_ns, size).

    ``mkdocs serve`` rebuilds the whole site when one article is saved; with this cache
    the rebuild re-reads only the saved file. ``parsed`` counts files actually read.
    ``keep``, when set, receives each valid article parsed (path, its stat, the Article),
    so the build need not parse it again; the validator itself keeps no article.
    """

    def __init__(self, keep: Keep | None = None) -> None:
        self._cache: dict[str, tuple[tuple[int, int, date], list[Problem], Any, int]] = {}
        self.parsed = 0
        self.keep = keep

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
            found = self._read(path, today)
            if found.article is not None and self.keep is not None:
                self.keep(path, stat, found.article)
            cached = (key, found.problems, found.raw, found.raw_line)
            self._cache[shown] = cached
        _, problems, raw, raw_line = cached
        return problems + check_raw(raw, raw_line, shown, path.parent)

    def _read(self, path: Path, today: date) -> _Inspection:
        self.parsed += 1
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            return _Inspection([Problem(str(path), line, "file", (
                f"tệp không phải văn bản UTF-8 (byte lạ ở vị trí {error.start}); hãy lưu lại "
                "tệp với bảng mã UTF-8"))])
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
