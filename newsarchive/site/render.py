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

from newsarchive.article.model import Article, PartialDate
from newsarchive.site.display import UNKNOWN, event_label, format_partial
from newsarchive.article.body import lede as body_lede
from newsarchive.site.taxonomy import OLD_SUFFIX, Term, name_terms

_NEUTRAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;",
            "{": "&#123;", "}": "&#125;"}
# An escaped backslash (kept), an entity reference (kept: it is text), or a markup
# character with or without its Markdown backslash (→ its entity).
_MARKUP = re.compile(r"\\\\|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
                     r"|\\?([&<>\[\]{}])")
_JSON_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
# A cleaner's figure line. The inner text is split in code (:func:`_figure_parts`): a
# lazy caption beside a lazy credit, as one pattern, is retried at every length.
_FIGURE_LINE = re.compile(
    r'^\s*+<figure class="caption"><figcaption>(?P<inner>.*)</figcaption></figure>\s*+$')
_CREDIT_OPEN, _CREDIT_CLOSE = '<span class="credit">Ảnh:', "</span>"


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


def _figure_parts(line: str) -> tuple[str, str] | None:
    """``(caption, credit)`` of a figure line (escaped as written), or ``None``.

    >>> _figure_parts('<figure class="caption"><figcaption>Hội nghị '
    ...               '<span class="credit">Ảnh: T.N</span></figcaption></figure>')
    ('Hội nghị ', ' T.N')
    """
    match = _FIGURE_LINE.match(line)
    if match is None:
        return None
    inner = match["inner"]
    opened = inner.find(_CREDIT_OPEN)
    if opened < 0 or not inner.endswith(_CREDIT_CLOSE) or \
            opened + len(_CREDIT_OPEN) > len(inner) - len(_CREDIT_CLOSE):
        return inner, ""
    return inner[:opened], inner[opened + len(_CREDIT_OPEN):-len(_CREDIT_CLOSE)]


def _safe_line(line: str) -> str:
    parts = _figure_parts(line)
    if parts is None:
        return _MARKUP.sub(_neutral, line)
    caption, credit = html.unescape(parts[0]), html.unescape(parts[1])
    return f"\n{figure(caption.strip(), credit.strip())}\n"


def _neutral(match: re.Match[str]) -> str:
    return _NEUTRAL[match[1]] if match[1] else match[0]


def has_figure_lines(markdown: str) -> bool:
    """Whether the body places its own figures (then the front-matter list is not repeated)."""
    return "<figure" in markdown and any(map(_FIGURE_LINE.match, markdown.split("\n")))


def figure(caption: str, credit: str | None) -> str:
    """A photo caption with its credit: "Quang cảnh (Ảnh: T.N)"; both escaped."""
    if caption and credit:
        text = f"{esc(caption)} (Ảnh: {esc(credit)})"
    else:
        text = f"Ảnh: {esc(credit)}" if credit else esc(caption or UNKNOWN)
    return f'<figure class="na-figure"><figcaption>{text}</figcaption></figure>'


def safe_json(data: Any) -> str:
    """JSON for a ``<script>`` element: no ``</script>``, ``<!--`` or entity can form."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_UNSAFE)


def front_matter(meta: dict[str, Any]) -> str:
    """MkDocs page meta as one JSON line (valid YAML, and far faster to dump)."""
    return f"---\n{json.dumps(meta, ensure_ascii=True)}\n---\n\n"


def href(from_url: str, to_url: str) -> str:
    """Relative link between two site URLs ("" is home), so the site works in a subfolder.

    >>> href("bai-viet/2017/dai-hoi/", "tinh/ben-tre/")
    '../../../tinh/ben-tre/'
    """
    return "../" * from_url.count("/") + to_url or "./"


def link(from_url: str, to_url: str, text: str) -> str:
    return f'<a href="{esc(href(from_url, to_url))}">{esc(text)}</a>'


def external_link(url: str | None, text: str) -> str:
    """A link only for http(s) URLs; anything else (``javascript:``) is shown as text."""
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" rel="noopener nofollow">{esc(text)}</a>'
    return esc(text)


def time_tag(when: PartialDate | None) -> str:
    if when is None:
        return f"<span>{esc(UNKNOWN)}</span>"
    return f'<time datetime="{esc(when)}">{esc(format_partial(when))}</time>'


def lede(article: Article) -> str:
    """The body's first paragraph as plain text (:func:`newsarchive.article.body.lede`)."""
    return _lede(article.packed_body if article.packed_body is not None else article.body)


@cache  # a lede shows in ~8 listings, a feed and the head; keyed small when packed
def _lede(body: bytes | str) -> str:
    return body_lede(zlib.decompress(body).decode() if isinstance(body, bytes) else body)


def clear_caches() -> None:
    """Forget ledes of a previous build (``mkdocs serve`` rebuilds in one process)."""
    _lede.cache_clear()
    _esc.cache_clear()


def province_html(article: Article, from_url: str, long: bool = True) -> str:
    """Each province as published, linked; "Bến Tre — nay thuộc Vĩnh Long" when merged."""
    parts = [_one_province(name, article, from_url, long) for name in article.provinces]
    return ", ".join(parts) or esc(UNKNOWN)


def _one_province(name: str, article: Article, from_url: str, long: bool) -> str:
    terms = name_terms(name, article)
    current, published = terms[0], terms[-1]
    if current.kind == "unknown":
        return f'{esc(name)} ({link(from_url, current.url, "chưa xác định")})'
    text = link(from_url, published.url, name)
    if long and published.kind == "old" and not published.slug.endswith(OLD_SUFFIX):
        text += f" — nay thuộc {link(from_url, current.url, current.label)}"
    return text


def event_html(article: Article, from_url: str) -> str:
    return link(from_url, f"su-kien/{article.event_type}/", event_label(article.event_type))


def entry(article: Article, url: str, from_url: str) -> str:
    """One listing entry: linked title, date, provinces, event type and lede."""
    return (
        f'<article class="na-entry"><h3>{link(from_url, url, article.title)}</h3>'
        f'<p class="na-entry__meta">{time_tag(article.timeline_date)} · '
        f'{province_html(article, from_url, long=False)} · {event_html(article, from_url)}</p>'
        f'<p class="na-entry__lede">{esc(lede(article))}</p></article>'
    )


def term_links(terms: list[Term], from_url: str) -> str:
    return ", ".join(link(from_url, term.url, term.label) for term in terms) or esc(UNKNOWN)


def count_label(count: int) -> str:
    return f"{count:,} bài".replace(",", ".")
