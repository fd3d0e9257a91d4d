"""Strip page chrome from scraped text; report what was removed and why.

A scraped page is a column of lines: section labels and a date widget above the
headline, the headline, the article, then share buttons and related links. The
patterns live in ``data/chrome.toml`` (groups in priority order); this module only
applies them. Seed 000 starts ``Chính trị / Tin tức / <headline> / Theo dõi Báo Gia
Lai trên Google News`` and ends ``Có thể bạn quan tâm``: all chrome.

>>> page = strip_chrome(["Chính trị", "Sơ kết 6 tháng", "Nội dung.", "Có thể bạn quan tâm", "x"])
>>> page.headline, [line.text for line in page.body]
('Sơ kết 6 tháng', ['Nội dung.'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from newsarchive.clean.bylines import parse_byline
from newsarchive.clean.headline import (
    Choice,
    choose_headline,
    scraper_date,
    settings,
    split_glued,
)
from newsarchive.datafiles import toml_document
from newsarchive.errors import DataFileError
from newsarchive.text import fold, match_key

_DATA_FILE = "chrome.toml"
_LONGEST_CHROME_LINE = 100  # whole-line chrome is short; longer lines only meet patterns
_SPACES = re.compile(r"[\s\u00a0\u200b\u200c\u200d\ufeff]+")


@dataclass(frozen=True, slots=True)
class ChromeGroup:
    """One named group of chrome lines (see ``data/chrome.toml``)."""

    name: str
    action: str  # "cut" (this line and the rest) or "drop" (this line)
    before_headline_only: bool
    lines: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]

    def matches(self, line: str, key: str | None) -> bool:
        return key in self.lines or any(p.fullmatch(line) for p in self.patterns)


@dataclass(frozen=True, slots=True)
class Line:
    """A body line; ``repeated`` when the page printed it twice in a row (a caption)."""

    text: str
    repeated: bool = False


@dataclass(slots=True)
class Page:
    """A scraped page split into its parts. ``above`` are non-chrome lines before the
    headline that the caller must classify (date widgets); ``removed`` says why each
    chrome line went, for the run report and for tests."""

    headline: str | None
    above: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    choice: Choice | None = None
    stamp_above: str | None = None  # a date line right above the headline
    meta_date: str | None = None  # the scraper's metadata date (see headline.scraper_date)


def collapse(line: str) -> str:
    """Trim and collapse whitespace, including no-break and zero-width spaces."""
    if line.isprintable() and "  " not in line:
        return line.strip(" ")  # only single ASCII spaces: most lines, nothing to collapse
    return _SPACES.sub(" ", line).strip()


def line_key(line: str) -> str:
    """Comparison key of a line: folded, tone placement normalised, spaces collapsed."""
    return fold(collapse(line))  # tone placement goes with the diacritics


@cache
def chrome_groups() -> tuple[ChromeGroup, ...]:
    """The groups of ``data/chrome.toml`` in priority order, validated."""
    try:
        groups = toml_document(_DATA_FILE)["group"]
    except KeyError as error:
        raise DataFileError(f"not a list of [[group]] tables: {error}", _DATA_FILE) from error
    return tuple(_parse_group(group, number) for number, group in enumerate(groups, start=1))


def _parse_group(group: dict, number: int) -> ChromeGroup:
    where = f"[[group]] #{number}"
    if group.get("action") not in ("cut", "drop"):
        raise DataFileError(f"{where}: action must be 'cut' or 'drop'", _DATA_FILE)
    lines, patterns = group.get("lines", []), group.get("patterns", [])
    if not lines and not patterns:
        raise DataFileError(f"{where}: a group needs lines or patterns", _DATA_FILE)
    try:
        compiled = tuple(re.compile(p) for p in patterns)
    except re.error as error:
        raise DataFileError(f"{where}: bad pattern: {error}", _DATA_FILE) from error
    return ChromeGroup(group.get("name", where), group["action"],
                       group.get("where") == "before-headline",
                       frozenset(line_key(line) for line in lines), compiled)


def chrome_group(line: str, above_headline: bool) -> ChromeGroup | None:
    """The first group that claims ``line`` (a collapsed line), or ``None``."""
    key = line_key(line) if len(line) <= _LONGEST_CHROME_LINE else None
    for group in chrome_groups():
        if group.before_headline_only and not above_headline:
            continue
        if group.matches(line, key):
            return group
    return None


def strip_chrome(lines: Iterable[str], is_widget: Callable[[str], bool] = lambda _: False,
                 url: str | None = None, page_title: str | None = None) -> Page:
    """Split ``lines`` into headline and body, dropping chrome.

    The headline is chosen on evidence among the non-chrome lines at the top
    (:func:`headline.choose_headline`, which ``url`` and a saved page's ``page_title``
    inform); everything above it is furniture. ``is_widget`` recognises date lines: one
    above the headline is kept in ``page.above`` (the crawl-date widget, never the date).
    """
    window = settings().window
    top: list[tuple[int, str]] = []  # (position in ``expanded``, line) of non-chrome lines
    expanded: list[str] = []
    groups: dict[int, ChromeGroup] = {}  # position → the chrome group of a top line
    meta_date = None
    for line in filter(None, map(collapse, lines)):
        in_window = len(top) < window
        if in_window:
            found, line = scraper_date(line)
            meta_date = meta_date or found
        for piece in split_glued(line) if in_window else [line]:
            expanded.append(piece)
            group = chrome_group(piece, True) if len(top) < window else None
            if group is not None:
                groups[len(expanded) - 1] = group
            elif len(top) < window:
                top.append((len(expanded) - 1, piece))
    choice = choose_headline([line for _, line in top], url, page_title, is_widget)
    page = Page(headline=choice.text, choice=choice, meta_date=meta_date)
    if choice.text is None:
        return page
    start = top[choice.index][0]
    if choice.index > 0 and is_widget(top[choice.index - 1][1]):
        page.stamp_above = top[choice.index - 1][1]
    for position, line in enumerate(expanded[:start]):
        group = groups.get(position)
        if is_widget(line):
            page.above.append(line)
        else:
            page.removed.append((line, group.name if group else "above the headline"))
    if expanded[start] != choice.text:
        page.removed.append((expanded[start], "around the headline"))
    _read_body(page, expanded[start + 1:])
    return page


def _read_body(page: Page, lines: list[str]) -> None:
    listed = _related_list(lines)
    if listed is not None:
        page.removed.extend((line, "related headlines under a label, ending the page")
                            for line in lines[listed:])
        lines = lines[:listed]
    for line in lines:
        group = chrome_group(line, above_headline=False)
        if group is not None and group.action == "cut":
            page.removed.append((line, f"{group.name} (and everything after)"))
            break
        if group is not None:
            page.removed.append((line, group.name))
        else:
            _add_body_line(page, line)


_CLOSING = (".", "!", ";", "…", ",")


def _related_list(lines: list[str]) -> int | None:
    """Where a related-articles box the page ends with begins, whatever its label says
    ("Tin nóng", "Đọc thêm", "Cùng chuyên mục"…): a short label line, then at least two
    headline-shaped lines (a few words, none ending a sentence) up to the end. An article
    ends with a sentence or a byline, never with two bare headlines in a row."""
    first = len(lines)
    while first > 0 and _headline_shaped(lines[first - 1]):
        first -= 1
    if len(lines) - first < 2 or first == 0:
        return None
    label = lines[first - 1]
    words = label.rstrip(":").split()
    if (1 <= len(words) <= 4 and not label.rstrip(":").endswith(_CLOSING)
            and not any(char.isdigit() or char in "()" for char in label)
            and parse_byline(label) is None):  # "PHƯƠNG LINH" over a list signs the article
        return first - 1
    return None


def _headline_shaped(line: str) -> bool:
    words = line.split()
    return (5 <= len(words) <= 30 and line[0].isupper() and not line.endswith(_CLOSING)
            and not line.startswith(("-", "+", "*", "•", ">")))


def _same_line(a: str, b: str) -> bool:
    """:func:`match_key` equality, computed only when it can hold: tone placement, case and
    dashes never change a line's length in NFC once spaces are collapsed, so lines of
    other lengths differ.

    >>> _same_line("Đảng  uỷ Hoà", "đảng ủy hòa"), _same_line("Đảng ủy", "Đảng bộ")
    (True, False)
    """
    a, b = " ".join(a.split()), " ".join(b.split())
    return len(a) == len(b) and match_key(a) == match_key(b)


def _add_body_line(page: Page, line: str) -> None:
    if _same_line(line, page.headline or ""):
        page.removed.append((line, "headline repeated"))
    elif page.body and _same_line(line, page.body[-1].text):
        page.removed.append((line, "repeated on consecutive lines"))
        page.body[-1] = Line(page.body[-1].text, repeated=True)
    else:
        page.body.append(Line(line))
