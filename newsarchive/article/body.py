"""The body's Markdown format, written and read in one place.

A body is Markdown as the cleaner writes it (:func:`escape_markdown`): published text
with backslash escapes (``\\*``), ``##`` sub-headings, and one figure line per photo
caption (:func:`figure_line`), on one line (wrapped here)::

  <figure class="caption"><figcaption>Hội nghị. <span class="credit">Ảnh: T.N</span>
  </figcaption></figure>

The site reads it back through :func:`parse_figure` (the renderer rebuilds the figure
escaped), :func:`lede` (listings, feeds, page heads, search results) and
:func:`plain_text` (the search index), so the figure's markup is never text:

>>> plain_text(figure_line("Quang cảnh", "T.N") + "\\n\\n\\\\* Ngày 8-7, **Văn phòng** họp.")
'Quang cảnh Ảnh: T.N\\n\\n* Ngày 8-7, Văn phòng họp.'
>>> lede(figure_line("Ảnh", None) + "\\n\\n\\\\* Ngày 8-7, **Văn phòng** tổ chức hội nghị.")
'* Ngày 8-7, Văn phòng tổ chức hội nghị.'
"""

from __future__ import annotations

import html
import re

# About 40 words: enough to tell articles apart in a listing, and 50 entries a page stay
# under 60 KB of HTML at 100k articles (280 gave a 61.3 KB year page); search results
# show the same length.
LEDE_CHARS = 220
CREDIT_PREFIX = "Ảnh:"
_SKIPPED = ("#", "!", "|", "<figure")
_EMPHASIS = re.compile(r"(?<!\\)[*_`]+")  # marks, not escaped characters
_BLOCK_MARK = re.compile(r"^[ \t]*[#>]+", re.M)  # heading and quote marks (\s would
# run on over the next lines' breaks from every line start: quadratic on blank lines)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>&])")
_PLAIN_UNSAFE = re.compile(r"[#>*_`\\&]")  # a line without these is already plain text
_LINE_START_SPECIAL = re.compile(r"^([#>+\-*]|\d+(?=[.)]))")
# Markdown's emphasis, code, link and attribute characters (backslash-escaped); a "<"
# that could open a tag and an "&" that would start an entity reference (as entities).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}])")
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_FIGURE_LINE = re.compile(
    r'^\s*<figure class="caption"><figcaption>(?P<caption>.*?)\s*'
    r'(?:<span class="credit">Ảnh:\s*(?P<credit>.*?)</span>)?</figcaption></figure>\s*$')


# --- writing (the cleaner) -------------------------------------------------------------


def escape_markdown(text: str) -> str:
    """Published text as Markdown that any renderer displays as exactly that text.

    Backslashes before emphasis, code, link and attribute characters and before a
    line-opening list, quote or heading marker; ``&lt;`` for a ``<`` that could open a
    tag, ``&amp;`` for an ``&`` that would read as an entity. Everything else stays as
    published, so "Kinh tế & Đô thị" or "a < b" read as printed in the file.

    >>> escape_markdown("* Hội nghị <b>sơ kết</b> & R&amp;D")
    '\\\\* Hội nghị &lt;b>sơ kết&lt;/b> & R&amp;amp;D'
    """
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text)
    escaped = _TAG_OPEN.sub("&lt;", _ENTITY_START.sub("&amp;", escaped))
    return _LINE_START_SPECIAL.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit()
                                   else "\\" + m.group(1), escaped, count=1)


def figure_line(caption: str, credit: str | None) -> str:
    """A caption as an image-less figure line; every piece of text HTML-escaped."""
    parts = [html.escape(caption)] if caption else []
    if credit:
        parts.append(f'<span class="credit">{CREDIT_PREFIX} {html.escape(credit)}</span>')
    return f"<figure class=\"caption\"><figcaption>{' '.join(parts)}</figcaption></figure>"


# --- reading (the site) ----------------------------------------------------------------


def parse_figure(line: str) -> tuple[str, str] | None:
    """Caption and credit ("" if none) of a figure line, unescaped; ``None`` for any other
    line. Only a whole line of exactly :func:`figure_line`'s form is a figure.

    >>> parse_figure(figure_line("A & B", "T.N"))
    ('A & B', 'T.N')
    """
    match = _FIGURE_LINE.match(line)
    if match is None:
        return None
    return html.unescape(match["caption"]), html.unescape(match["credit"] or "")


def has_figure_lines(markdown: str) -> bool:
    """Whether the body places its own figures (then the front-matter list is not repeated)."""
    return "<figure" in markdown and any(map(_FIGURE_LINE.match, markdown.split("\n")))


def _plain(markdown: str) -> str:
    """Markdown prose as text: block and emphasis marks, backslashes and entities gone."""
    text = _ESCAPE.sub(r"\1", _EMPHASIS.sub("", _BLOCK_MARK.sub(" ", markdown)))
    text = html.unescape(text)  # "&lt;b>" is the cleaner's "<b>"
    return " ".join(text.split())


def plain_text(body: str) -> str:
    """The words a reader sees, line by line: figure lines become their caption and
    credit, every other line as :func:`_plain` gives it. For the search index, which
    would otherwise index "figcaption", "span" and "class" in every article with a photo.
    """
    lines = []
    for line in body.split("\n"):
        figure = parse_figure(line) if "<figure" in line else None
        if figure is None and not _PLAIN_UNSAFE.search(line):
            lines.append(" ".join(line.split()))  # what _plain gives, ~4x sooner
        elif figure is None:
            lines.append(_plain(line))
        else:
            caption, credit = figure
            lines.append(f"{caption} {CREDIT_PREFIX} {credit}".strip() if credit else caption)
    return "\n".join(lines)


def lede(body: str, limit: int = LEDE_CHARS) -> str:
    """The first paragraph that is prose, cut at a word near ``limit`` characters.

    Headings, figures, images and tables are skipped; every word is kept.
    """
    for paragraph in body.split("\n\n", 8)[:8]:
        if not paragraph.strip() or paragraph.lstrip().startswith(_SKIPPED):
            continue
        text = _plain(paragraph)
        if text:
            return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
    return ""
