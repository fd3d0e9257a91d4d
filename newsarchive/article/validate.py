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
from newsarchive.article.model import (
    FIELDS,
    Article,
    HeaderLoader,
    article_entries,
    from_front_matter,
    header_problem,
    read_article_text,
    split_front_matter,
)
from newsarchive.errors import ArchiveError
from newsarchive.text import RESERVED_SLUGS, slugify

__all__ = ["Problem", "Validator", "check_raw", "check_slugs", "check_text", "errors",
           "shared_validator", "shown_path", "validate_archive", "validate_paths"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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




def _inspect(text: str, path: str, today: date) -> _Inspection:
    header_lines, body_or_reason, _ = split_front_matter(text)
    if header_lines is None:
        reason = body_or_reason
        field = "file" if reason.startswith("empty") else "front_matter"
        return _Inspection([Problem(path, 1, field, _SPLIT_MESSAGES.get(reason[:8], reason))])
    refused = header_problem(header_lines)
    if refused is not None:
        return _Inspection([Problem(path, refused[1], "front_matter", (
            f"phần đầu bị từ chối trước khi đọc: {_REFUSALS.get(refused[0][:6], refused[0])}"))])
    try:
        meta = yaml.load("\n".join(header_lines), Loader=HeaderLoader)  # noqa: S506
    except yaml.YAMLError as error:
        return _Inspection([_yaml_problem(path, error)])
    if not isinstance(meta, dict):
        message = "phần đầu phải là các dòng 'khóa: giá trị', ví dụ title: Hội nghị tổng kết"
        return _Inspection([Problem(path, 2, "front_matter", message)])
    header = Header(meta, header_lines)
    problems = FieldChecks(path, header, today, FIELDS).run()
    article = None
    if not errors(problems):  # warnings alone leave the article valid
        article, failures = _build(meta, body_or_reason, path)
        problems = problems + failures
    return _Inspection(problems, meta.get("raw"), header.line_of("raw"), article)


_SPLIT_MESSAGES = {
    "empty fi": "tệp rỗng; một bài viết cần phần đầu (front matter) giữa hai dòng '---' và "
                "nội dung bài",
    "no front": "thiếu phần đầu (front matter): tệp phải bắt đầu bằng một dòng '---'",
    "front ma": "phần đầu chưa được đóng: thiếu dòng '---' sau các khóa",
}
_REFUSALS = {"over 6": "dài quá 64 KB (phần đầu chỉ gồm vài dòng ngắn)",
             "a line": "một dòng quá dài", "nested": "lồng nhau quá sâu (quá nhiều ngoặc [ { "
                                                     "hoặc thụt lề)"}


def _file_problem(message: str) -> str:
    """The loader's reason in Vietnamese, for an editor."""
    if message.startswith("saved as UTF-16"):
        return "tệp được lưu dạng UTF-16; hãy lưu lại tệp với bảng mã UTF-8"
    if message.startswith("not UTF-8"):
        position = message.split("position ")[1].split(")")[0]
        return f"tệp không phải văn bản UTF-8 (byte lạ ở vị trí {position}); hãy lưu lại tệp " \
               "với bảng mã UTF-8"
    if message.startswith("contains a NUL"):
        return "tệp chứa byte NUL (ký tự rỗng); hãy xóa ký tự đó"
    if message.startswith("not a regular file"):
        return f"không phải tệp thường {message.removeprefix('not a regular file ')}"
    return f"không đọc được tệp: {message}"


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
    target = os.path.join(articles_dir, relative)
    if os.path.islink(target):
        return [Problem(path, line, "raw", f"tệp gốc {brief(value)} là liên kết tượng trưng "
                                           "(symbolic link); hãy thay bằng chính tệp đó")]
    if not os.path.isfile(target):
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
    # Deduplicated by their text, not as Paths: a Path hashes and compares through its
    # parsed parts, ~0.3 s for an archive of 10,000 files on every preview rebuild.
    for other in {str(other): other for other in [*paths, *siblings]}.values():
        owners.setdefault(other.stem.casefold(), []).append(other)
    problems = []
    for path in paths:
        if path.stem.casefold() in RESERVED_SLUGS:
            problems.append(Problem(str(path), 1, "slug", (
                f'tên tệp "{path.stem}" trùng với tên trang của hệ thống ('
                + ", ".join(sorted(RESERVED_SLUGS)) + f'); đổi tên, ví dụ "{path.stem}-1.md"')))
        elif not _SLUG.match(path.stem):
            problems.append(Problem(str(path), 1, "slug", (
                f'tên tệp "{path.stem}" chỉ được dùng chữ thường không dấu, số và dấu gạch '
                f'nối, ví dụ "{slugify(path.stem) or "tin-moi"}.md"')))
        for other in owners[path.stem.casefold()]:
            if str(other) != str(path) and other.resolve() != path.resolve():
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
        try:
            text = read_article_text(path)
        except ArchiveError as error:
            return _Inspection([Problem(str(path), error.line or 1, "file",
                                        _file_problem(error.message))])
        return _inspect(text, str(path), today)

    def check_paths(self, paths: Iterable[Path], today: date | None = None,
                    siblings: list[Path] | None = None) -> list[Problem]:
        """All problems of ``paths``; slugs are also compared with each file's neighbours
        (``siblings``, the ``*.md`` of their folders, in order, when the caller has them)."""
        paths = list(paths)
        if siblings is None:
            folders = {str(path.parent): path.parent for path in paths}.values()
            siblings = sorted({str(other): other for folder in folders
                               for other in folder.glob("*.md")}.values(),
                              key=lambda other: other.parts)  # as Paths sort
        problems = [problem for path in paths for problem in self.check_file(path, today)]
        problems += check_slugs(paths, siblings)
        return sorted(problems, key=lambda problem: (problem.path, problem.line))

    def check_archive(self, articles_dir: Path, today: date | None = None) -> list[Problem]:
        """All problems of every ``*.md`` directly under ``articles_dir`` (as the site sees
        them: :func:`article_entries`), and of every entry there the site cannot read."""
        paths, refused = article_entries(articles_dir)
        problems = [Problem(str(path), 1, "file", f"không phải tệp bài viết thường ({kind}); "
                                                  "xóa hoặc thay bằng một tệp .md")
                    for path, kind in refused]
        # Every *.md entry of the folder is a sibling (listed once, not globbed again).
        siblings = sorted([*paths, *(path for path, _ in refused)], key=str)
        return sorted(problems + self.check_paths(paths, today, siblings),
                      key=lambda problem: (problem.path, problem.line))


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
