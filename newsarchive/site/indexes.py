"""Index pages: home, and an index per axis with an :class:`IndexPage` (``tinh/``, ``nam/``…).

Each lists terms with their counts and links straight to every page of a listing, so
any article is at most three clicks from home: home → axis index → listing page → article.
A large archive's axis index runs over several pages (``nam/page/2/``), each linked from
home, so the rule holds and no page passes 60 KB. Counts come from the grouped dicts
(``len`` of a list), never by re-scanning articles. How an index lists its terms is
its axis's ``index.layout``, a key of :data:`LAYOUTS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsarchive.article.model import Article
from newsarchive.gazetteer import current_units
from newsarchive.site.pages import Page, lastmod_meta, page, page_links, pager
from newsarchive.site.render import count_label, entry, esc, link
from newsarchive.site.taxonomy import (
    UNKNOWN_PROVINCE,
    Axis,
    IndexPage,
    Listings,
    Term,
    article_url,
    months_by_year,
    page_url,
    predecessors,
    province_term,
)

HOME_LATEST = 10
# After the axes' cards; not the review list (can-xem-lai/): it is for editors, linked
# from the guide.
STATS_CARD = ("thong-ke/", "Thống kê", "Biểu đồ số bài theo năm, tỉnh, loại sự kiện")


def term_item(term: Term, articles: list[Article] | None, url: str) -> str:
    """"Bến Tre — 3 bài, trang 1 2" with the name linked only if it has articles."""
    count = len(articles or ())
    name = link(url, term.url, term.label) if count else esc(term.label)
    pages = page_links(term.url, count, url) if count else ""
    return f"{name} <span class=\"na-count\">{esc(count_label(count))}</span>{pages}"


def home_page(listings: Listings, site_name: str, feed: str,
              index_pages: dict[str, int] | None = None, notice: str = "") -> Page:
    """Home: counts, an entry to each axis (and each of its index pages), the latest articles.

    ``notice`` is HTML put first (the preview's list of invalid articles).
    """
    articles = listings.articles
    provinces = sum(1 for t in listings.groups["province"] if t.kind == "current")
    years = [t.slug for t in listings.groups["year"] if t.slug.isdigit()]
    span = f" · từ năm {years[-1]} đến năm {years[0]}" if years else ""
    stats = f"{count_label(len(articles))} · {provinces} tỉnh, thành phố{span}"
    pages = index_pages or {}
    cards = "".join(f'<li>{link("", u, title)}{_index_links(u, pages.get(u, 1))}'
                    f'<br><small>{esc(note)}</small></li>' for u, title, note in _cards(listings))
    latest = "".join(entry(a, article_url(a), "") for a in articles[:HOME_LATEST])
    return page(
        _meta(site_name, listings),
        notice,
        f"<h1>{esc(site_name)}</h1>",
        f'<p class="na-stats">{esc(stats)} · {link("", feed, "Nguồn tin Atom")}</p>',
        f'<nav class="na-axes" aria-label="Duyệt kho lưu trữ"><ul>{cards}</ul></nav>',
        f'<h2>Bài mới nhất</h2><div class="na-list">{latest or "<p>Chưa có bài nào.</p>"}</div>',
    )


def _cards(listings: Listings) -> list[tuple[str, str, str]]:
    """(URL, title, note) of each axis index, then of the statistics page."""
    indexed = [(axis.url, axis.index) for axis in listings.axes if axis.index is not None]
    return [(url, index.card, index.note) for url, index in indexed] + [STATS_CARD]


def _index_links(base: str, total: int) -> str:
    """Links to every page of a long axis index, so an article stays three clicks away."""
    if total <= 1:
        return ""
    links = " ".join(link("", page_url(base, n), str(n)) for n in range(1, total + 1))
    return f' <span class="na-pages">trang {links}</span>'


Item = Callable[[str], str]  # page URL → one row or list item, its links relative to that page


@dataclass(frozen=True, slots=True)
class AxisIndex:
    """An axis index (``tinh/``): heading, intro, items inside a container, a closing note.

    At 100,000 articles an axis has thousands of listing pages, and linking each of them
    takes ~180 KB, so :func:`index_pages` splits the items over as many pages as needed.
    """

    url: str
    title: str
    intro: str
    items: list[Item]
    container: tuple[str, str]  # opening and closing HTML around the items
    empty: str = ""
    note: Item | None = None  # after the items, on every page


INDEX_BUDGET = 36_000  # bytes of items per index page: with Material's ~13 KB it stays < 60 KB


def index_pages(index: AxisIndex, listings: Listings,
                budget: int | None = None) -> list[tuple[str, Page]]:
    """(URL, page) of each page of an axis index: one page unless the items outgrow
    ``budget`` bytes (:data:`INDEX_BUDGET`)."""
    chunks = _split(index.items, index.url, budget or INDEX_BUDGET)
    result = []
    for number, chunk in enumerate(chunks, start=1):
        url = page_url(index.url, number)
        title = index.title if number == 1 else f"{index.title} — trang {number}"
        items = "".join(item(url) for item in chunk) or index.empty
        note = index.note(url) if index.note else ""
        result.append((url, page(_meta(title, listings), f"<h1>{esc(title)}</h1>", index.intro,
                                 f"{index.container[0]}{items}{index.container[1]}", note,
                                 pager(index.url, url, number, len(chunks)))))
    return result


def _split(items: list[Item], url: str, budget: int) -> list[list[Item]]:
    """Consecutive items, at most ``budget`` bytes a page (as rendered on the first page)."""
    chunks: list[list[Item]] = [[]]
    size = 0
    for item in items:
        length = len(item(url).encode())
        if chunks[-1] and size + length > budget:
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += length
    return chunks


def axis_index(axis: Axis, listings: Listings) -> AxisIndex:
    """The index page of ``axis`` (one with an ``index``), laid out by :data:`LAYOUTS`."""
    if axis.index is None:
        raise ValueError(f"axis {axis.key!r} has no index page")
    return LAYOUTS[axis.index.layout](axis, axis.index, listings)


def units_index(axis: Axis, index: IndexPage, listings: Listings) -> AxisIndex:
    """"units": the 34 current units, each with its merged pre-2025 provinces and counts."""
    groups = listings.groups[axis.key]

    def row(unit: str) -> Item:
        term, merged = province_term(unit, "current"), predecessors(unit)
        return lambda url: (
            f"<tr><td>{term_item(term, groups.get(term), url)}</td><td>"
            f"{'; '.join(term_item(m, groups.get(m), url) for m in merged) or 'Không sáp nhập'}"
            "</td></tr>")

    def unknown(url: str) -> str:
        item = term_item(UNKNOWN_PROVINCE, groups.get(UNKNOWN_PROVINCE), url)
        return f"<p>Chưa xác định tỉnh, thành phố: {item}</p>"

    return AxisIndex(
        axis.url, index.title, _about(index),
        [row(unit) for unit in current_units()],
        (f'<table class="{esc(index.css)}"><thead><tr><th>Đơn vị từ 1/7/2025</th>'
         "<th>Gồm các tỉnh, thành trước 1/7/2025</th></tr></thead><tbody>", "</tbody></table>"),
        note=unknown)


def timeline_index(axis: Axis, index: IndexPage, listings: Listings) -> AxisIndex:
    """"timeline": every term (year, newest first) with the terms within it (its months)."""
    inner = [months_by_year(listings.groups[a.key]) for a in listings.within(axis)]

    def year(term: Term, articles: list[Article]) -> Item:
        def item(url: str) -> str:
            # The first month starts a line: "Tháng 9 năm 2025, tháng 8 năm 2025".
            chips = ", ".join(term_item(titled(m) if i == 0 else m, a, url)
                              for children in inner
                              for i, (m, a) in enumerate(children.get(term.slug, [])))
            return (f"<li>{term_item(titled(term), articles, url)}"
                    f"{f'<br><small>{chips}</small>' if chips else ''}</li>")
        return item

    return AxisIndex(
        axis.url, index.title, _about(index),
        [year(t, a) for t, a in listings.groups[axis.key].items()],
        (f'<ul class="{esc(index.css)}">', "</ul>"), "<li>Chưa có bài nào.</li>")


def terms_index(axis: Axis, index: IndexPage, listings: Listings) -> AxisIndex:
    """"list": the axis's ``known`` terms in order (event types), else its terms most used
    first (tags), each with its count."""
    groups = listings.groups[axis.key]
    if index.known is not None:
        listed = [(term, groups.get(term)) for term in index.known()]
    else:
        ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0].slug))
        listed = [(term, articles) for term, articles in ranked]
    return AxisIndex(axis.url, index.title, _about(index), [_listed(t, a) for t, a in listed],
                     (f'<ul class="{esc(index.css)}">', "</ul>"),
                     f"<li>Chưa có {esc(axis.label.lower())} nào.</li>")


LAYOUTS: dict[str, Callable[[Axis, IndexPage, Listings], AxisIndex]] = {
    "units": units_index, "timeline": timeline_index, "list": terms_index}


def _about(index: IndexPage) -> str:
    return f"<p>{esc(index.about)}</p>" if index.about else ""


def _listed(term: Term, articles: list[Article] | None) -> Item:
    return lambda url: f"<li>{term_item(term, articles, url)}</li>"


def _meta(title: str, listings: Listings) -> dict[str, object]:
    """Page meta: escaped title, no table of contents, sitemap date of the newest article."""
    return {"title": esc(title), "hide": ["toc"], **lastmod_meta(listings.articles)}


def titled(term: Term) -> Term:
    """"năm 2017" → "Năm 2017" for a heading; same term (terms compare by slug)."""
    return Term(term.prefix, term.slug, term.label[:1].upper() + term.label[1:],
                term.kind, term.parent)
