"""The archive's pages for MkDocs: one function per kind of page, each giving a :class:`Page`.

A page is its meta (title escaped, since Material prints ``page.meta.title`` unescaped)
plus, for an article, its neutralised Markdown body; the rest is escaped HTML from
:mod:`render`. Listings come in pages of at most :data:`PAGE_SIZE` entries
(``…/page/2/``), each rendered only when asked for (:func:`listing_pages`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from newsarchive.article.model import FIELD_LABELS, Article
from newsarchive.site import bodies
from newsarchive.site.display import UNKNOWN, event_label
from newsarchive.site.render import (
    brief_entry,
    count_label,
    entry,
    esc,
    event_html,
    external_link,
    figure,
    front_matter,
    has_figure_lines,
    lede,
    link,
    province_html,
    safe_body,
    safe_json,
    short_date,
    summary,
    term_links,
    time_tag,
)
from newsarchive.site.taxonomy import (
    YEAR,
    article_url,
    month_terms,
    page_url,
    paginate,
    tag_terms,
    year_terms,
)

PAGE_SIZE = 50
# Articles and listings (nearly every page of the site): breadcrumbs and the header lead
# where Material's sidebars would, in overrides/archive.html, a template without the
# theme chrome that such a page does not use.
SLIM = {"template": "archive.html"}


@dataclass(frozen=True, slots=True)
class Page:
    """A generated page: meta, a Markdown body, and escaped HTML placed around its output.

    Only an article's body is Markdown. Everything else is HTML built here, which the
    hook puts around the converted body (``on_page_content``): fed through Markdown,
    thousands of raw tags per listing page were re-parsed by Python-Markdown, the
    build's hot spot. The meta is handed over as a dict, not as front matter, which
    MkDocs would parse with pure-Python YAML for every page (8 % of a 10k build).
    """

    meta: dict[str, Any]
    body: str = ""
    before: str = ""
    after: str = ""

    @property
    def markdown(self) -> str:
        """The page as one Markdown file (front matter + body), e.g. for another generator."""
        return front_matter(self.meta) + self.body


PageRenderer = Callable[[], Page]  # renders one page when it is needed, then it can be freed


def page(meta: dict[str, object], *blocks: str) -> Page:
    """A page made only of HTML blocks (listings, indexes, statistics)."""
    return Page(meta, "", "".join(blocks))


Intro = Callable[[str], str]  # page URL → HTML, so its links are relative to that page
EntryRenderer = Callable[[Article, str], str]  # (article, page URL) → HTML


def plain_entry(article: Article, from_url: str) -> str:
    return entry(article, article_url(article), from_url)


def brief_plain_entry(article: Article, from_url: str) -> str:
    return brief_entry(article, article_url(article), from_url)


@dataclass(slots=True)
class Listing:
    """A paginated listing: where it lives, its heading, and what is shown above entries."""

    url: str
    title: str
    articles: list[Article]
    intro: Intro | None = None
    feed: str | None = None
    render_entry: EntryRenderer = plain_entry
    crumbs: list[tuple[str, str]] = field(default_factory=list)  # (URL, label) above it
    meta: dict[str, str] = field(default_factory=dict)  # e.g. {"robots": "noindex"}
    # The articles shown as entries, when not all of ``articles`` (which the count and the
    # sitemap date still follow): a year shows only those its months do not list.
    shown: list[Article] | None = None

    @property
    def entries(self) -> list[Article]:
        return self.articles if self.shown is None else self.shown


def listing_pages(listing: Listing, page_size: int = PAGE_SIZE,
                  ) -> Iterator[tuple[str, PageRenderer]]:
    """(URL, renderer) of each page of a listing, newest first as given.

    Pages are rendered on demand: a 100,000-article archive has ~15,000 listing pages of
    up to 50 entries, far too much HTML to hold at once.
    """
    chunks = paginate(listing.entries, page_size)
    for number, chunk in enumerate(chunks, start=1):
        url = page_url(listing.url, number)
        yield url, partial(listing_page, listing, chunk, number, len(chunks))


def listing_page(listing: Listing, chunk: list[Article], number: int, total: int) -> Page:
    """Page ``number`` of ``total`` of a listing, showing the articles of ``chunk``."""
    url = page_url(listing.url, number)
    title = listing.title if number == 1 else f"{listing.title} — trang {number}"
    entries = "".join([listing.render_entry(a, url) for a in chunk])
    feed = {"feed": listing.feed, "feed_title": esc(f"{listing.title} (Atom)")} \
        if listing.feed else {}
    return page(
        {"title": esc(title), **SLIM, **lastmod_meta(listing.articles), **feed,
         **listing.meta},
        breadcrumbs(url, listing.crumbs, listing.title),
        f'<h1>{esc(title)}</h1>',
        f'<div class="na-intro">{_intro(listing, url)}</div>',
        _entry_list(entries, listed_within=listing.shown is not None),
        pager(listing.url, url, number, total),
    )


class EntryCache:
    """Listing entries kept between rebuilds of one process (``mkdocs serve``).

    An article shows in about seven listings, and its entry's HTML depends only on the
    article and on how deep the listing's URL is (links are relative). An entry is
    reused while the article is the very same object, which the article cache keeps
    until its file changes: ``EntryCache()(article, "tinh/ben-tre/")``; one cache per
    kind of entry (``EntryCache(brief_plain_entry)``).
    """

    def __init__(self, render: EntryRenderer = plain_entry) -> None:
        self._render = render
        self._html: dict[tuple[str, int], tuple[Article, str]] = {}

    def __call__(self, article: Article, from_url: str) -> str:
        key = (article.slug, from_url.count("/"))
        hit = self._html.get(key)
        if hit is not None and hit[0] is article:
            return hit[1]
        html = self._render(article, from_url)
        self._html[key] = (article, html)
        return html

    def keep_only(self, slugs: set[str]) -> None:
        """Forget the entries of deleted articles."""
        self._html = {key: hit for key, hit in self._html.items() if key[0] in slugs}


def lastmod_meta(articles: list[Article]) -> dict[str, str]:
    """Sitemap date of a page: its newest article's (MkDocs would say "built today"), at
    the precision the article gives: "2012-01" stays a month (W3C Datetime allows it),
    never an invented "2012-01-01"."""
    for article in articles:
        when = article.date or article.timeline_date
        if when is not None:
            return {"lastmod": str(when)}
    return {}


def _intro(listing: Listing, url: str) -> str:
    intro = listing.intro(url) if listing.intro else ""
    count = f'<span class="na-count">{esc(count_label(len(listing.articles)))}</span>'
    feed = f' · {link(url, listing.feed, "Nguồn tin Atom")}' if listing.feed else ""
    return f"{intro}<p>{count}{feed}</p>"


def _entry_list(entries: str, listed_within: bool = False) -> str:
    """The entries in their container: brief entries are list items (``brief_entry``).
    Nothing when the listing's intro lists them all (a year through its months)."""
    if not entries and listed_within:
        return ""
    if entries.startswith("<li"):
        return f'<ul class="na-list">{entries}</ul>'
    return f'<div class="na-list">{entries or _empty()}</div>'


def _empty() -> str:
    return "<p>Chưa có bài nào.</p>"


def pager(base: str, url: str, number: int, total: int) -> str:
    """"Trang 2/7" with previous/next and the pages nearby (first and last always)."""
    if total <= 1:
        return ""
    shown = sorted({1, total, *range(max(1, number - 3), min(total, number + 3) + 1)})
    items = []
    for n in shown:
        items.append(f'<span aria-current="page">{n}</span>' if n == number
                     else link(url, page_url(base, n), str(n)))
    prev = link(url, page_url(base, number - 1), "« Trang trước") if number > 1 else ""
    after = link(url, page_url(base, number + 1), "Trang sau »") if number < total else ""
    return (f'<nav class="na-pager" aria-label="Phân trang"><span>Trang {number}/{total}</span> '
            f'{prev} {" ".join(items)} {after}</nav>')


def page_links(base: str, count: int, from_url: str, page_size: int = PAGE_SIZE) -> str:
    """Direct links to every page of a listing, so any article is three clicks from home."""
    total = max(1, -(-count // page_size))
    if total == 1:
        return ""
    links = " ".join(link(from_url, page_url(base, n), str(n)) for n in range(1, total + 1))
    return f' <span class="na-pages">trang {links}</span>'


@dataclass(slots=True)
class ArticleContext:
    """What an article page shows besides the article: its neighbours in time, related."""

    newer: Article | None = None
    older: Article | None = None
    related: list[Article] = field(default_factory=list)
    site_url: str = ""  # absolute base for the JSON-LD url ("https://…/"), "" if unknown


def article_page(article: Article, context: ArticleContext) -> Page:
    """One article: headline, facts, body, figures, previous/next and related articles."""
    url = article_url(article)
    meta = {"title": esc(article.title), "description": esc(summary(lede(article))),
            "head_html": head_html(article, context.site_url), **SLIM,
            "og_type": "article"}
    meta.update(lastmod_meta([article]))
    body = bodies.text(article)  # decompressed once per page
    return Page(meta, safe_body(body.strip()) + "\n",
                breadcrumbs(url, timeline_crumbs(article), article.title)
                + f'<h1 class="na-headline">{esc(article.title)}</h1>{facts(article, url)}',
                figures(article, body) + around(context, url))


def timeline_crumbs(article: Article) -> list[tuple[str, str]]:
    """Where an article sits in time: Thời gian › Năm 2017 › Tháng 8 năm 2017."""
    terms = [*year_terms(article), *month_terms(article)]
    return [YEAR.crumb] + [(t.url, capitalised(t.label)) for t in terms]


def facts(article: Article, url: str) -> str:
    """The article's front matter as a definition list; "Chưa xác định" for any gap."""
    source = article.source
    source_html = external_link(source.url, source.name or source.url or UNKNOWN)
    if source.syndicated_from:
        source_html += f" (qua {esc(source.syndicated_from)})"
    rows = [
        ("date", time_tag(article.date)),
        ("event_date", time_tag(article.event_date)),
        ("provinces", province_html(article, url)),
        ("event_type", event_html(article, url)),
        ("tags", term_links(tag_terms(article), url)),
        ("source", source_html),
        ("authors", esc(", ".join(article.authors) or UNKNOWN)),
    ]
    items = "".join(f"<dt>{esc(FIELD_LABELS[key])}</dt><dd>{value}</dd>" for key, value in rows)
    return f'<dl class="na-facts">{items}</dl>'


def figures(article: Article, body: str) -> str:
    """Captions of the article's photos (the archive keeps captions, not image files),
    unless the body already shows them in place."""
    if not article.images or has_figure_lines(body):
        return ""
    items = "".join(figure(image.caption, image.credit) for image in article.images)
    return f'<section class="na-figures"><h2>Ảnh trong bài</h2>{items}</section>'


def around(context: ArticleContext, url: str) -> str:
    """Links to the newer and older article in time, then the related ones."""
    def side(article: Article | None, label: str) -> str:
        if article is None:
            return f"<p>{esc(label)}: không có</p>"
        return f"<p>{esc(label)}: {link(url, article_url(article), article.title)}</p>"
    related = "".join(f"<li>{link(url, article_url(a), a.title)} — "
                      f"{short_date(a.timeline_date)}</li>" for a in context.related)
    related_html = f"<h2>Bài liên quan</h2><ul>{related}</ul>" if related else ""
    return (f'<nav class="na-around" aria-label="Bài khác">{side(context.older, "Bài trước")}'
            f'{side(context.newer, "Bài sau")}{related_html}</nav>')


def head_html(article: Article, site_url: str = "") -> str:
    """An article's ``article:*`` Open Graph tags and schema.org NewsArticle JSON-LD.

    The generic Open Graph tags (title, description, image, URL) come from
    overrides/main.html, for every page alike. Dates keep their precision ("2012-01"
    is ISO 8601 as it stands). ``datePublished`` is the publication date, or the event
    date when only that is known (then the two are the same day by the archive's own
    filing rule, :attr:`Article.timeline_date`); ``contentReferenceTime`` always says
    when the event took place. The archive does not track later corrections of the
    story, so ``dateModified`` is ``datePublished``.

    Each fact is said once, and only where a reader's tools use it: the section as JSON-LD
    ``articleSection`` (not also ``article:section``), the description in the page's own
    meta and Open Graph tags, the address as ``url`` (``mainEntityOfPage`` is the page's
    canonical link), the language in ``<html lang>``; the tags are the page's own links
    (search engines ignore ``keywords``). Each such byte is paid 100,000 times.
    """
    published = article.date or article.event_date
    og = [("article:published_time", str(article.date))] if article.date else []
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "articleSection": event_label(article.event_type),
        "author": [{"@type": "Person", "name": name} for name in article.authors]}
    if site_url:
        data["url"] = site_url + article_url(article)
    if published:
        data["datePublished"] = data["dateModified"] = str(published)
    if article.event_date:
        data["contentReferenceTime"] = str(article.event_date)
    if article.source.name:
        data["publisher"] = {"@type": "Organization", "name": article.source.name}
    tags = "".join(f'<meta property="{esc(k)}" content="{esc(v)}">' for k, v in og)
    return f'{tags}<script type="application/ld+json">{safe_json(data)}</script>'


def breadcrumbs(from_url: str, trail: list[tuple[str, str]], current: str) -> str:
    """"Trang chủ › Tỉnh, thành phố › Bến Tre": where a page sits, each step linked."""
    steps = [("", "Trang chủ"), *trail]
    items = "".join(f"<li>{link(from_url, url, label)}</li>" for url, label in steps)
    return (f'<nav class="na-crumbs" aria-label="Đường dẫn"><ol>{items}'
            f'<li aria-current="page">{esc(current)}</li></ol></nav>')


def capitalised(label: str) -> str:
    """A label that starts a line: "tháng 1 năm 2012" → "Tháng 1 năm 2012"."""
    return label[:1].upper() + label[1:]


def review_entry(article: Article, from_url: str) -> str:
    """A listing entry with, inside it, what the editor should check and in which file
    ("provinces" → "Tỉnh, thành phố"; file ``articles/<slug>.md``)."""
    checks = "".join(f"<li>{esc(_review_label(item))}</li>" for item in article.review)
    review = (f'<div class="na-review"><p>Sửa trong tệp <code>{esc(article_file(article))}'
              f"</code>. <strong>Cần kiểm tra:</strong></p><ul>{checks}</ul></div>")
    entry_html = plain_entry(article, from_url)
    return entry_html.replace("</article>", review + "</article>", 1) if entry_html.endswith(
        "</article>") else entry_html + review


def article_file(article: Article) -> str:
    """The file an editor opens to fix an article: ``articles/<slug>.md``."""
    return f"articles/{article.slug}.md"


def _review_label(item: str) -> str:
    name, sep, rest = item.partition(":")
    label = FIELD_LABELS.get(name.strip())
    return f"{label}{sep}{rest}" if label else item
