"""HTML fragments of the archive's pages, every value escaped.

Pages are Markdown for MkDocs, but everything that comes from an article is written
here as escaped HTML (``esc``), or, for the body, as Markdown whose raw HTML and
link/attribute syntax has been neutralised (:func:`safe_body`). The rule for bodies:
``<``, ``>``, ``&``, ``[``, ``]``, ``{`` and ``}`` are always shown as text, whether
written bare or backslash-escaped as Markdown allows (the cleaner writes ``\\[``); an
entity reference (``&amp;``) is already text and kept. The one
exception is the cleaner's figure line, a whole line of exactly this form (the credit
span is optional)::

  <figure class="caption"><figcaption>Hội nghị. <span class="credit">Ảnh: T.N</span>
  </figcaption></figure>   ← on the same line as the rest

Its caption and credit are taken as text and written back escaped, so even a crafted
line yields nothing but a caption.

>>> safe_body("<script>alert(1)</script> [x](javascript:alert(1))")
'&lt;script&gt;alert(1)&lt;/script&gt; &#91;x&#93;(javascript:alert(1))'
"""

from __future__ import annotations

import html
import json
import re
import zlib
from functools import cache, lru_cache
from typing import Any

from newsarchive.article.body import has_figure_lines, parse_figure
from newsarchive.article.body import lede as body_lede
from newsarchive.article.model import Article, PartialDate
from newsarchive.site import bodies
from newsarchive.site.display import UNKNOWN, format_partial, format_short
from newsarchive.site.taxonomy import OLD_SUFFIX, Term, event_term, name_terms

__all__ = ["has_figure_lines"]  # with every public name below; pages import it from here

_NEUTRAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;",
            "{": "&#123;", "}": "&#125;"}
# An escaped backslash (kept), an entity reference (kept: it is text), or a markup
# character with or without its Markdown backslash (→ its entity).
_MARKUP = re.compile(r"\\\\|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
                     r"|\\?([&<>\[\]{}])")
_JSON_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def esc(value: object) -> str:
    """HTML-escape any value (quotes too, so it is safe in attributes); one line."""
    return _esc(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=1 << 17)  # titles, names and links repeat in every listing: 1.4M calls at 10k
def _esc(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


def safe_body(markdown: str) -> str:
    """The body with raw HTML, links, images and ``{: attr}`` lists made inert text,
    and the cleaner's figure lines rebuilt as escaped ``<figure>`` blocks."""
    return "\n".join(_safe_line(line) for line in markdown.split("\n"))


def _safe_line(line: str) -> str:
    parsed = parse_figure(line) if "<figure" in line else None
    if parsed is None:
        return _MARKUP.sub(_neutral, line)
    return f"\n{figure(*parsed)}\n"


def _neutral(match: re.Match[str]) -> str:
    return _NEUTRAL[match[1]] if match[1] else match[0]


def figure(caption: str, credit: str | None) -> str:
    """A photo the archive never saved, as a box that says so, with its caption and credit.

    The cleaner keeps captions, not image files, so every figure is a picture that is
    not there; without the box a caption reads as a stray italic line.
    ``figure("Quang cảnh", "T.N")`` shows "Ảnh không được lưu" above "Quang cảnh (Ảnh: T.N)".
    """
    if caption and credit:
        text = f"{esc(caption)} (Ảnh: {esc(credit)})"
    else:
        text = f"Ảnh: {esc(credit)}" if credit else esc(caption or UNKNOWN)
    return ('<figure class="na-figure"><p class="na-figure__missing">Ảnh không được lưu</p> '
            f"<figcaption>{text}</figcaption></figure>")


def safe_json(data: Any) -> str:
    """JSON for a ``<script>`` element: no ``</script>``, ``<!--`` or entity can form."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).translate(_JSON_UNSAFE)


def front_matter(meta: dict[str, Any]) -> str:
    """MkDocs page meta as one JSON line (valid YAML, and far faster to dump)."""
    return f"---\n{json.dumps(meta, ensure_ascii=True)}\n---\n\n"


def href(from_url: str, to_url: str) -> str:
    """Shortest relative link between two site URLs ("" is home), so the site works in a
    subfolder: up past the folders the two do not share, then down.

    Every byte of a link is paid once per link per page: a neighbour in the same year
    is ``../x/``, not ``../../../bai-viet/2017/x/`` (21 bytes × ~6 links × 100,000 pages).

    >>> href("bai-viet/2017/dai-hoi/", "tinh/ben-tre/")
    '../../../tinh/ben-tre/'
    >>> href("bai-viet/2017/dai-hoi/", "bai-viet/2017/so-ket/")
    '../so-ket/'
    >>> href("tinh/ben-tre/page/2/", "tinh/ben-tre/")
    '../../'
    """
    top = from_url.find("/") + 1
    if not top or not to_url.startswith(from_url[:top]):  # no folder shared: most links
        return "../" * from_url.count("/") + to_url or "./"
    start = from_url.split("/")[:-1]  # folders only: "a/b/" → ["a", "b"]; a file's name drops
    target = to_url.split("/")
    shared = 0
    while (shared < len(start) and shared < len(target) - 1
           and start[shared] == target[shared]):
        shared += 1
    return "../" * (len(start) - shared) + "/".join(target[shared:]) or "./"


def at_depth(from_url: str) -> str:
    """A URL as deep as ``from_url`` that shares no folder with any page ("_/_/"): links
    from it go up to the root and down. Listing entries link from it, so an entry's HTML
    depends on its listing's depth alone and one rendering serves every listing that
    deep (:class:`newsarchive.site.pages.EntryCache`).

    >>> href(at_depth("tinh/ben-tre/"), "tinh/ben-tre/")
    '../../tinh/ben-tre/'
    """
    return "_/" * from_url.count("/")


def link(from_url: str, to_url: str, text: str) -> str:
    return f'<a href="{esc(href(from_url, to_url))}">{esc(text)}</a>'


def external_link(url: str | None, text: str) -> str:
    """A link only for http(s) URLs; anything else (``javascript:``) is shown as text."""
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" rel="noopener nofollow">{esc(text)}</a>'
    return esc(text)


def time_tag(when: PartialDate | None, short: bool = False) -> str:
    """``<time>`` with the date in words, or in figures when ``short`` (listings)."""
    if when is None:
        return f"<span>{esc(UNKNOWN)}</span>"
    shown = format_short(when) if short else format_partial(when)
    return f'<time datetime="{esc(when)}">{esc(shown)}</time>'


def lede(article: Article) -> str:
    """The body's first paragraph as plain text (:func:`newsarchive.article.body.lede`)."""
    return _lede(bodies.key(article))


@cache  # a lede shows in ~8 listings, a feed and the head; keyed small when packed
def _lede(body: bytes | str) -> str:
    return body_lede(zlib.decompress(body).decode() if isinstance(body, bytes) else body)


SUMMARY_CHARS = 160  # what a search result or a shared link shows of a description


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """``text`` cut at a word before ``limit`` characters, for a page's description.

    >>> summary("Văn phòng UBND tỉnh họp", 12)
    'Văn phòng…'
    """
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:…") + "…"


def clear_caches() -> None:
    """Forget ledes of a previous build (``mkdocs serve`` rebuilds in one process)."""
    _lede.cache_clear()
    _esc.cache_clear()


def province_html(article: Article, from_url: str, long: bool = True) -> str:
    """Each province as published, linked, and what it belongs to now when that changed:
    "Bến Tre (nay thuộc Vĩnh Long)"; "Hải Phòng; Kiên Giang (nay thuộc An Giang)" — each
    note after its own province, separated by ";" so no note reads as the whole list's."""
    parts = [_one_province(name, article, from_url, long) for name in article.provinces]
    separator = "; " if long and any("nay thuộc" in part for part in parts) else ", "
    return separator.join(parts) or esc(UNKNOWN)


def _one_province(name: str, article: Article, from_url: str, long: bool) -> str:
    terms = name_terms(name, article)
    current, published = terms[0], terms[-1]
    if current.kind == "unknown":
        return f'{esc(name)} ({link(from_url, current.url, "chưa xác định")})'
    text = link(from_url, published.url, name)
    if long and published.kind == "old" and not published.slug.endswith(OLD_SUFFIX):
        text += f" (nay thuộc {link(from_url, current.url, current.label)})"
    return text


def event_html(article: Article, from_url: str) -> str:
    term = event_term(article.event_type)
    return link(from_url, term.url, term.label)


def entry(article: Article, url: str, from_url: str) -> str:
    """One listing entry: linked title, date (in figures), provinces, event type and lede."""
    from_url = at_depth(from_url)
    return (
        f'<article class="na-entry"><h3>{link(from_url, url, article.title)}</h3>'
        f'<p class="na-entry__meta">{time_tag(article.timeline_date, short=True)} · '
        f'{province_html(article, from_url, long=False)} · {event_html(article, from_url)}</p>'
        f'<p class="na-entry__lede">{esc(lede(article))}</p></article>'
    )


def brief_entry(article: Article, url: str, from_url: str) -> str:
    """A short listing entry: linked title, date and provinces, without lede or event type.

    For the axes where the reader scans titles (a province, a year, a tag, an event type):
    the same article is listed in full on its month's page, and a lede repeated in every
    listing made listings the second-largest part of the site (≈ 12 KB of 44 KB per
    article at 1,000 articles; a province's two listings, as published and as merged,
    held two).

    A bare list item (:func:`newsarchive.site.pages.listing_page` lists them in a
    ``ul.na-list``, styled there): the ``<article>``, heading and paragraph of a full entry
    were ~50 of its ~400 bytes, a class on each item 17 more.
    """
    from_url = at_depth(from_url)
    return (
        f"<li>{link(from_url, url, article.title)} "
        f"<small>{short_date(article.timeline_date)} · "
        f"{province_html(article, from_url, long=False)}</small></li>"
    )


def short_date(when: PartialDate | None) -> str:
    """A date in figures as plain text ("4/6/2020"), where a list shows many: a ``<time>``
    element's machine-readable copy is ~36 bytes that no reader sees, in ~7 listing
    entries and 4 related links of each of 100,000 articles. Article pages and month
    listings keep :func:`time_tag`.
    """
    return esc(format_short(when)) if when is not None else esc(UNKNOWN)


def term_links(terms: list[Term], from_url: str) -> str:
    return ", ".join(link(from_url, term.url, term.label) for term in terms) or esc(UNKNOWN)


def count_label(count: int) -> str:
    return f"{count:,} bài".replace(",", ".")
