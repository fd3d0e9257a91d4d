"""Index pages: home, and one entry page per axis (/tinh/, /nam/, /su-kien/, /the/).

Each lists terms with their counts and links straight to every page of a listing, so
any article is at most three clicks from home: home → axis index → listing page → article.
Counts come from the grouped dicts (``len`` of a list), never by re-scanning articles.
"""

from __future__ import annotations

from .article import EVENT_TYPES, Article
from .display import event_label
from .gazetteer import current_units
from .pages import Page, lastmod_meta, page, page_links
from .render import count_label, entry, esc, link
from .taxonomy import (
    UNKNOWN_PROVINCE,
    Listings,
    Term,
    article_url,
    months_by_year,
    predecessors,
    province_term,
)

HOME_LATEST = 10
AXIS_PAGES = (
    ("tinh/", "Theo tỉnh, thành phố", "34 đơn vị từ 1/7/2025 và 63 tỉnh, thành trước đó"),
    ("nam/", "Theo thời gian", "Theo năm, tháng diễn ra sự kiện"),
    ("su-kien/", "Theo loại sự kiện", "Đại hội, hội nghị, sơ kết, tổng kết…"),
    ("the/", "Theo thẻ", "Các chủ đề được gắn thẻ"),
    ("thong-ke/", "Thống kê", "Biểu đồ số bài theo năm, tỉnh, loại sự kiện"),
    ("can-xem-lai/", "Cần xem lại", "Bài có thông tin biên tập viên cần kiểm tra"),
)


def term_item(term: Term, articles: list[Article] | None, url: str) -> str:
    """"Bến Tre — 3 bài, trang 1 2" with the name linked only if it has articles."""
    count = len(articles or ())
    name = link(url, term.url, term.label) if count else esc(term.label)
    pages = page_links(term.url, count, url) if count else ""
    return f"{name} <span class=\"na-count\">{esc(count_label(count))}</span>{pages}"


def home_page(listings: Listings, site_name: str, feed: str) -> Page:
    """Home: counts, an entry to each axis, and the latest articles."""
    articles = listings.articles
    provinces = sum(1 for t in listings.groups["province"] if t.kind == "current")
    years = [t.slug for t in listings.groups["year"] if t.slug.isdigit()]
    span = f" · từ năm {years[-1]} đến năm {years[0]}" if years else ""
    stats = f"{count_label(len(articles))} · {provinces} tỉnh, thành phố{span}"
    cards = "".join(f'<li>{link("", u, title)}<br><small>{esc(note)}</small></li>'
                    for u, title, note in AXIS_PAGES)
    latest = "".join(entry(a, article_url(a), "") for a in articles[:HOME_LATEST])
    return page(
        _meta(esc(site_name), listings),
        f"<h1>{esc(site_name)}</h1>",
        f'<p class="na-stats">{esc(stats)} · {link("", feed, "Nguồn tin Atom")}</p>',
        f'<nav class="na-axes" aria-label="Duyệt kho lưu trữ"><ul>{cards}</ul></nav>',
        f'<h2>Bài mới nhất</h2><div class="na-list">{latest or "<p>Chưa có bài nào.</p>"}</div>',
    )


def provinces_page(listings: Listings) -> Page:
    """/tinh/: the 34 current units, each with its merged pre-2025 provinces and counts."""
    url, groups = "tinh/", listings.groups["province"]
    rows = []
    for unit in current_units():
        term = province_term(unit, "current")
        merged = predecessors(unit)
        merged_html = "; ".join(term_item(m, groups.get(m), url) for m in merged)
        rows.append(f"<tr><td>{term_item(term, groups.get(term), url)}</td>"
                    f"<td>{merged_html or 'Không sáp nhập'}</td></tr>")
    unknown = term_item(UNKNOWN_PROVINCE, groups.get(UNKNOWN_PROVINCE), url)
    return page(
        _meta("Tỉnh, thành phố", listings),
        "<h1>Tỉnh, thành phố</h1>",
        "<p>Từ 1/7/2025 cả nước có 34 đơn vị hành chính cấp tỉnh. Mỗi đơn vị gồm các tỉnh, "
        "thành phố trước đó được sáp nhập vào; bài được xếp theo tên tỉnh như khi đăng.</p>",
        '<table class="na-units"><thead><tr><th>Đơn vị từ 1/7/2025</th>'
        f'<th>Gồm các tỉnh, thành trước 1/7/2025</th></tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table>",
        f"<p>Chưa xác định tỉnh, thành phố: {unknown}</p>",
    )


def years_page(listings: Listings) -> Page:
    """/nam/: every year (newest first) with its months; undated articles last."""
    url = "nam/"
    months = months_by_year(listings.groups["month"])
    items = []
    for term, articles in listings.groups["year"].items():
        chips = ", ".join(term_item(m, a, url) for m, a in months.get(term.slug, []))
        items.append(f"<li>{term_item(_titled(term), articles, url)}"
                     f"{f'<br><small>{chips}</small>' if chips else ''}</li>")
    return page(
        _meta("Theo thời gian", listings),
        "<h1>Theo thời gian</h1>",
        "<p>Bài được xếp theo ngày diễn ra sự kiện; nếu không rõ, theo ngày đăng.</p>",
        f'<ul class="na-years">{"".join(items) or "<li>Chưa có bài nào.</li>"}</ul>',
    )


def events_page(listings: Listings) -> Page:
    """/su-kien/: the eight event types with counts."""
    url, groups = "su-kien/", listings.groups["event_type"]
    terms = [Term("su-kien", slug, event_label(slug)) for slug in EVENT_TYPES]
    items = "".join(f"<li>{term_item(t, groups.get(t), url)}</li>" for t in terms)
    return page(_meta("Loại sự kiện", listings), "<h1>Loại sự kiện</h1>",
                f'<ul class="na-events">{items}</ul>')


def tags_page(listings: Listings) -> Page:
    """/the/: tags, most used first."""
    url = "the/"
    tags = sorted(listings.groups["tag"].items(), key=lambda item: (-len(item[1]), item[0].slug))
    items = "".join(f"<li>{term_item(t, a, url)}</li>" for t, a in tags)
    return page(_meta("Thẻ", listings), "<h1>Thẻ</h1>",
                f'<ul class="na-tags">{items or "<li>Chưa có thẻ nào.</li>"}</ul>')


def _meta(title: str, listings: Listings) -> dict[str, object]:
    """Page meta: escaped title, no table of contents, sitemap date of the newest article."""
    return {"title": title, "hide": ["toc"], **lastmod_meta(listings.articles)}


def _titled(term: Term) -> Term:
    """"năm 2017" → "Năm 2017" for a heading; same term (terms compare by slug)."""
    return Term(term.prefix, term.slug, term.label[:1].upper() + term.label[1:],
                term.kind, term.parent)

