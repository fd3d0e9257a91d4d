"""Saved HTML pages → the text shape the cleaner reads, plus what the page says of itself.

Two structures are supported: pages with JSON-LD ``NewsArticle`` (headline,
datePublished, author, publisher, url), and pages with only OpenGraph/``<meta>`` tags
(``og:title``, ``article:published_time``, ``og:url``, ``og:site_name``, ``author``).
The article column is the ``<article>`` element (or ``itemprop=articleBody``, or the
element holding most paragraphs); ``<h2>``–``<h4>`` inside it are sub-headings and
``<figcaption>`` texts are captions. Scripts, navigation, asides and share widgets are
dropped before any text is read, so no markup reaches the article.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from newsarchive.article.model import PartialDate
from newsarchive.clean import dates
from newsarchive.clean.bylines import split_caption
from newsarchive.clean.extract import Hints, Structure
from newsarchive.clean.headline import SENTENCE_END
from newsarchive.text import nfc

_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting"}
_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "template"]
_CHROME_CLASS = re.compile(r"share|social|related|comment|breadcrumb|banner|advert|\bads?\b|"
                           r"tags?-|menu|sidebar", re.IGNORECASE)
_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "p", "figure", "li", "blockquote"]
_MIN_DIV_PARAGRAPH = 60  # characters
_INLINE = frozenset({"a", "b", "strong", "i", "em", "span", "br", "u", "sup", "sub", "small"})
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
MAX_JSON_DEPTH = 64  # JSON-LD of a news page nests 3-5 levels


def json_depth(text: str) -> int:
    """The deepest ``[``/``{`` nesting of a JSON text, strings skipped; one linear pass.

    >>> json_depth('{"a": [1, {"b": "[[["}]}')
    3
    """
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def web_address(value: str | None, base: str | None = None) -> str | None:
    """``value`` as an absolute http(s) address (relative ones resolved against ``base``),
    or ``None`` when it is not one: a saved page's ``og:url`` can be "/tin/123" or
    "https://[x/…", and the validator accepts neither.

    >>> web_address("/tin/123", "https://baolaichau.vn/chinh-tri/")
    'https://baolaichau.vn/tin/123'
    >>> web_address("https://[x/tin") is None
    True
    """
    if not value:
        return None
    try:
        address = urljoin(base, value) if base else value
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or "." not in (parts.hostname or ""):
            return None
    except ValueError:
        return None
    return address if not any(c.isspace() for c in address) else None


def read_html(page: str) -> tuple[str, Structure, Hints]:
    """``(text, structure, hints)`` for a saved page; the text has one block per line."""
    soup = BeautifulSoup(page, "html.parser")
    hints = _hints_from_meta(soup).merged_with(_hints_from_json_ld(soup))  # JSON-LD wins
    if hints.date is None:
        hints.date = _printed_stamp(soup)
    column = _article_column(soup)
    for tag in column.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in column.find_all(class_=_CHROME_CLASS):
        if isinstance(tag, Tag) and not tag.decomposed:
            tag.decompose()
    lines, headings, captions = _blocks(column)
    if not lines:  # a page whose text sits in <div>/<br> rather than paragraphs
        lines = [nfc(" ".join(part.split())) for part in column.get_text("\n").splitlines()]
        lines = [line for line in lines if line]
    title = hints.title or _first_heading(soup)
    if title:
        lines.insert(0, title)
    return "\n".join(lines), Structure(frozenset(headings), tuple(captions)), hints


def _text(node: Tag) -> str:
    return nfc(" ".join(node.get_text(" ").split()))


def _hints_from_json_ld(soup: BeautifulSoup) -> Hints:
    for script in soup.find_all("script", type="application/ld+json"):
        source = script.string or ""
        if json_depth(source) > MAX_JSON_DEPTH:
            continue  # json.loads recurses once per level: 100,000 "[" end the process's stack
        try:
            data = json.loads(source)
        except (ValueError, RecursionError):
            continue
        item = _find_article(data)
        if item is not None:
            return Hints(url=_url_of(item), title=_str(item.get("headline")),
                         date=_day(item.get("datePublished")), authors=_names(item.get("author")),
                         site_name=_str((item.get("publisher") or {}).get("name")
                                        if isinstance(item.get("publisher"), dict) else None))
    return Hints()


def _find_article(data: Any) -> dict | None:
    if isinstance(data, list):
        return next((found for d in data if (found := _find_article(d)) is not None), None)
    if not isinstance(data, dict):
        return None
    kinds = data.get("@type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    if kinds & _ARTICLE_TYPES:
        return data
    return _find_article(data.get("@graph")) if "@graph" in data else None


def _url_of(item: dict) -> str | None:
    page = item.get("mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id")
    return web_address(_str(item.get("url"))) or web_address(_str(page))


def _names(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    names = [v.get("name") if isinstance(v, dict) else v for v in values]
    return [nfc(n.strip()) for n in names if isinstance(n, str) and n.strip()]


def _str(value: Any) -> str | None:
    return nfc(" ".join(value.split())) if isinstance(value, str) and value.strip() else None


def _day(value: Any) -> PartialDate | None:
    match = _ISO_DAY.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    try:
        return PartialDate(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _hints_from_meta(soup: BeautifulSoup) -> Hints:
    def meta(*keys: str) -> str | None:
        for key in keys:
            tag = (soup.find("meta", attrs={"property": key})
                   or soup.find("meta", attrs={"name": key}))
            if tag is not None and _str(tag.get("content")):
                return _str(tag.get("content"))
        return None

    author = meta("author", "article:author")
    link = soup.find("link", rel="canonical")
    canonical = web_address(_str(link.get("href"))) if isinstance(link, Tag) else None
    return Hints(url=web_address(meta("og:url"), canonical) or canonical, title=meta("og:title"),
                 date=_day(meta("article:published_time", "pubdate", "date")),
                 authors=[author] if author and not author.startswith("http") else [],
                 site_name=meta("og:site_name"))


_STAMP_CLASS = re.compile(r"date|time|publish|posted", re.IGNORECASE)
_WIDGET_CLASS = re.compile(r"now|today|current|clock|weather", re.IGNORECASE)


def _printed_stamp(soup: BeautifulSoup) -> PartialDate | None:
    """The publication stamp a page prints outside its article column: ``itemprop=
    datePublished``, a ``<time datetime>``, or an element classed as a date ("news-date":
    "Ngày đăng: 06/01/2017 | Lượt xem: 318"). Elements classed as today's date ("time-now")
    are the crawl-date widget and never count."""
    tag = soup.find(itemprop="datePublished")
    if isinstance(tag, Tag):
        found = _day(_str(tag.get("content")) or _str(tag.get("datetime")) or "")
        if found:
            return found
    for element in soup.find_all(["time", "span", "div", "p", "li"], limit=5000):
        classes = " ".join(element.get("class") or [])
        if element.name != "time" and not _STAMP_CLASS.search(classes):
            continue
        if _WIDGET_CLASS.search(classes):
            continue
        for part in _text(element).split("|")[:3]:
            stamp = dates.parse_stamp(part)
            if stamp is not None:
                return stamp
    return None


def _article_column(soup: BeautifulSoup) -> Tag:
    column = soup.find(None, {"itemprop": "articleBody"}) or soup.find("article")
    if isinstance(column, Tag):
        return column
    containers = [tag for tag in soup.find_all(["div", "section", "main"])]
    best = max(containers, key=lambda t: len(t.find_all("p", recursive=False)), default=None)
    return best if best is not None else (soup.body or soup)


def _blocks(column: Tag) -> tuple[list[str], list[str], list[tuple[str, str | None]]]:
    lines: list[str] = []
    headings: list[str] = []
    captions: list[tuple[str, str | None]] = []
    for node in column.find_all([*_BLOCK_TAGS, "div"]):
        if node.name == "div" and not _text_div(node):
            continue  # first: a cheap look at its children, not a walk up 30,000 ancestors
        if node.find_parent(["figure", "li", "blockquote"]) not in (None, column) and \
                node.name != "figure":
            continue
        if node.name == "figure":
            caption = node.find("figcaption")
            text = _text(caption) if caption else ""
            if text:
                split = split_caption(text)
                lines.append(split[0] if split else text)
                captions.append((lines[-1], split[1] if split else None))
            continue
        text = _text(node)
        if not text or node.name == "h1":
            continue
        if node.name in ("h2", "h3", "h4"):
            headings.append(text)
        lines.append(text)
    return lines, headings, captions


def _text_div(node: Tag) -> bool:
    """A ``<div>`` holding a paragraph itself: the sapo of many templates (``<div
    class="sapo">Sáng 27-4, …</div>``). Only text and inline tags of text two levels deep
    qualify, so checking every div of a page stays linear however deep they nest; short
    ones are meta lines."""
    for child in node.children:
        if isinstance(child, Tag) and (child.name not in _INLINE or any(
                isinstance(grandchild, Tag) and (grandchild.name not in _INLINE or
                                                 grandchild.find(True) is not None)
                for grandchild in child.children)):
            return False
    text = _text(node)
    return len(text) >= _MIN_DIV_PARAGRAPH and text.endswith(SENTENCE_END)


def _first_heading(soup: BeautifulSoup) -> str | None:
    h1 = soup.find("h1")
    return _text(h1) if isinstance(h1, Tag) else None
