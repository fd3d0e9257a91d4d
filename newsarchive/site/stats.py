"""/thong-ke/: bar charts drawn with HTML and CSS, readable without JavaScript.

Each chart is a table (label, bar, number), so the figures stay readable with CSS off
and to screen readers; the bar is a ``<span>`` whose width is its share of the largest
count in the chart.
"""

from __future__ import annotations

from newsarchive.gazetteer import current_units
from newsarchive.site.pages import Page, lastmod_meta, page
from newsarchive.site.render import count_label, esc, link
from newsarchive.site.taxonomy import UNKNOWN_PROVINCE, Listings, event_types, province_term

Row = tuple[str, str | None, int]  # label, URL (None: no page), count

URL = "thong-ke/"


def chart(caption: str, rows: list[Row]) -> str:
    """A bar chart as a table; widths are percentages of the largest count."""
    largest = max((count for _, _, count in rows), default=0) or 1
    body = "".join(
        f'<tr><th scope="row">{link(URL, u, label) if u and count else esc(label)}</th>'
        f'<td class="na-chart__bar"><span style="width:{100 * count / largest:.1f}%"></span></td>'
        f'<td class="na-chart__count">{count}</td></tr>'
        for label, u, count in rows)
    return (f'<table class="na-chart"><caption>{esc(caption)}</caption>'
            f'<thead><tr><th scope="col">Mục</th><th scope="col">Biểu đồ</th>'
            f'<th scope="col">Số bài</th></tr></thead><tbody>{body}</tbody></table>')


def year_rows(listings: Listings) -> list[Row]:
    """Oldest year first, as a timeline reads; undated last."""
    terms = list(listings.groups["year"].items())
    dated: list[Row] = [(t.slug, t.url, len(a)) for t, a in reversed(terms) if t.slug.isdigit()]
    return dated + [(t.label, t.url, len(a)) for t, a in terms if not t.slug.isdigit()]


def province_rows(listings: Listings) -> list[Row]:
    groups = listings.groups["province"]
    rows: list[Row] = []
    for unit in current_units():
        term = province_term(unit, "current")
        rows.append((unit, term.url, len(groups.get(term, ()))))
    unknown = len(groups.get(UNKNOWN_PROVINCE, ()))
    return rows + [(UNKNOWN_PROVINCE.label, UNKNOWN_PROVINCE.url, unknown)]


def event_rows(listings: Listings) -> list[Row]:
    groups = listings.groups["event_type"]
    return [(term.label, term.url, len(groups.get(term, ()))) for term in event_types()]


def stats_page(listings: Listings) -> Page:
    return page(
        {"title": "Thống kê", "hide": ["toc"], **lastmod_meta(listings.articles)},
        "<h1>Thống kê</h1>",
        f"<p>Tổng cộng {esc(count_label(len(listings.articles)))}.</p>",
        chart("Số bài theo năm", year_rows(listings)),
        chart("Số bài theo tỉnh, thành phố (đơn vị từ 1/7/2025)", province_rows(listings)),
        chart("Số bài theo loại sự kiện", event_rows(listings)),
    )
