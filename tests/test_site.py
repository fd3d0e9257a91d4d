"""The built fixture archive: what its pages say (links, counts, dates, notes, escaping).

tests/fixtures/articles holds 13 hand-made articles: Bến Tre, Trà Vinh and the old Vĩnh
Long merged into Vĩnh Long; Thừa Thiên Huế renamed Huế; an article with no province;
one undated; month- and year-only dates; a title and body full of markup.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site

from newsarchive.article.model import Article, PartialDate, dumps
from newsarchive.article.model import load as load_article
from newsarchive.article.validate import Validator
from newsarchive.site import bodies, indexes
from newsarchive.site import build as site_module
from newsarchive.site.build import load_articles, render_all
from newsarchive.site.taxonomy import build_listings

FIXTURES = ROOT / "tests" / "fixtures" / "articles"


@pytest.fixture(scope="module")
def built(fixture_site_dir: Path) -> Path:
    return fixture_site_dir


def content(site_dir: Path, url: str) -> BeautifulSoup:
    """The main content of the page at a site URL ("" is home)."""
    html = (site_dir / url / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")


def text_of(site_dir: Path, url: str) -> str:
    """Visible text, whitespace collapsed, no space before punctuation."""
    return _words(content(site_dir, url))


def _words(element) -> str:
    return re.sub(r" ([.,;)])", r"\1", " ".join(element.get_text(" ").split()))


def entry_slugs(site_dir: Path, url: str) -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1]
            for a in content(site_dir, url).select(".na-entry h3 a, ul.na-list > li > a")]


def _content_links(site_dir: Path, url: str) -> list[str]:
    """Site URLs linked from a page's main content (not header, nav or footer), as a
    reader clicking in the page would reach them; ``url`` and results are relative to
    the site root ("" is home), without fragments."""
    base = f"http://site/{url}"
    links = [urljoin(base, a["href"]) for a in content(site_dir, url).select("a[href]")]
    return [urlsplit(link).path.lstrip("/") for link in links
            if link.startswith("http://site/")]


def _articles_within_three_clicks(site_dir: Path, axis: str) -> set[str]:
    """home → axis index → listing page → article, following only links on those pages."""
    assert axis in _content_links(site_dir, ""), f"home has no link to {axis}"
    listings = {u for u in _content_links(site_dir, axis) if u.startswith(axis) and u != axis}
    return {u for listing in sorted(listings) for u in _content_links(site_dir, listing)
            if u.startswith("bai-viet/")}


@pytest.mark.parametrize("axis", ["tinh/", "nam/", "su-kien/"], ids=["province", "time", "event"])
def test_every_article_is_three_clicks_from_home(built: Path, axis: str) -> None:
    """The link graph of the built HTML, as a reader clicks it (was a Chromium walk)."""
    reached = _articles_within_three_clicks(built, axis)
    assert len(reached) == len(list(FIXTURES.glob("*.md"))), sorted(reached)


def test_every_link_in_every_page_leads_to_a_page(built: Path) -> None:
    broken = []
    for page in built.rglob("*.html"):
        url = "http://site/" + page.relative_to(built).as_posix()
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for anchor in soup.find_all("a", href=True):
            target = urlsplit(urljoin(url, anchor["href"]))
            if target.netloc != "site":
                continue
            path = built / target.path.lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(built)} → {anchor['href']}")
    assert broken == []


def test_article_page_says_dates_provinces_and_merger(built: Path) -> None:
    text = text_of(built, "bai-viet/2020/ben-tre-dai-hoi-dang-bo-van-phong-2020")
    for part in ("Ngày đăng Thứ Sáu, 5 tháng 6 năm 2020",
                 "Ngày diễn ra sự kiện Thứ Năm, 4 tháng 6 năm 2020",
                 "Tỉnh, thành phố Bến Tre (nay thuộc Vĩnh Long)", "Loại sự kiện Đại hội",
                 "Nguồn Báo Đồng Khởi", "Tác giả Thanh Đồng"):
        assert part in text


def test_cleaner_figures_show_as_captions_in_place(built: Path) -> None:
    soup = content(built, "bai-viet/2017/gia-lai-dang-bo-van-phong-chu-trong-tham-muu")
    assert [f.get_text() for f in soup.find_all("figcaption")] == [
        "Ông Huỳnh Kim Đồng, Phó Chánh Văn phòng UBND tỉnh, phát biểu tại hội nghị. (Ảnh: N.N)"]
    assert "<figure" not in soup.get_text()
    hostile = content(built, "bai-viet/2024/binh-dinh-hoi-nghi-ma-doc")
    assert [f.get_text() for f in hostile.find_all("figcaption")] == [
        "<img src=x onerror=alert(16)> Giả chú thích (Ảnh: <script>alert(17)</script>)"]


def test_undated_article_says_chua_xac_dinh(built: Path) -> None:
    text = text_of(built, "bai-viet/chua-ro/cao-bang-chi-bo-chua-ro-ngay")
    assert "Ngày đăng Chưa xác định Ngày diễn ra sự kiện Chưa xác định" in text
    assert "Tác giả Chưa xác định" in text


def test_provinces_index_lists_the_34_units_and_their_merged_provinces(built: Path) -> None:
    rows = content(built, "tinh").select("table.na-units tbody tr")
    assert len(rows) == 34
    cells = {_words(r.td): _words(r.find_all("td")[1]) for r in rows}
    assert cells["Vĩnh Long 5 bài"] == ("Bến Tre 2 bài; Trà Vinh 2 bài; "
                                        "Vĩnh Long (trước 1/7/2025) 1 bài")
    assert cells["Cao Bằng 1 bài"] == "Không sáp nhập"
    assert cells["Huế 1 bài"] == "Thừa Thiên Huế 1 bài"
    assert "Chưa xác định tỉnh, thành phố: Chưa xác định 1 bài" in text_of(built, "tinh")


@pytest.mark.parametrize(("slug", "says", "articles"), [
    ("vinh-long", "sáp nhập từ: Bến Tre (2 bài), Trà Vinh (2 bài), Vĩnh Long (trước 1/7/2025) "
     "(1 bài). 5 bài",
     ["vinh-long-hoi-nghi-sau-hop-nhat-2025", "ben-tre-tra-vinh-phoi-hop-2023",
      "tra-vinh-so-ket-6-thang-2021", "ben-tre-dai-hoi-dang-bo-van-phong-2020",
      "vinh-long-tong-ket-2019"]),
    ("ben-tre", "Từ 1/7/2025, Bến Tre thuộc Vĩnh Long. 2 bài",
     ["ben-tre-tra-vinh-phoi-hop-2023", "ben-tre-dai-hoi-dang-bo-van-phong-2020"]),
    ("vinh-long-truoc-2025", "Từ 1/7/2025, Vĩnh Long (trước 1/7/2025) thuộc Vĩnh Long. 1 bài",
     ["vinh-long-tong-ket-2019"]),
    ("thua-thien-hue", "Từ 1/7/2025, Thừa Thiên Huế thuộc Huế. 1 bài",
     ["thua-thien-hue-bo-nhiem-2012"]),
    ("gia-lai", "sáp nhập từ: Bình Định (1 bài), Gia Lai (trước 1/7/2025) (1 bài). 2 bài",
     ["binh-dinh-hoi-nghi-ma-doc", "gia-lai-dang-bo-van-phong-chu-trong-tham-muu"]),
    ("cao-bang", "không sáp nhập ngày 1/7/2025. 1 bài", ["cao-bang-chi-bo-chua-ro-ngay"]),
    ("hue", "trước đây là: Thừa Thiên Huế (1 bài). 1 bài", ["thua-thien-hue-bo-nhiem-2012"]),
    ("chua-xac-dinh", "không có trong danh mục. 1 bài", ["hoi-nghi-chua-ro-tinh"]),
], ids=["current-gathers-merged", "old", "old-same-name", "renamed", "current-gia-lai",
        "unchanged", "renamed-current", "unknown"])
def test_province_pages(built: Path, slug: str, says: str, articles: list[str]) -> None:
    assert says in text_of(built, f"tinh/{slug}")
    assert entry_slugs(built, f"tinh/{slug}") == articles


@pytest.mark.parametrize(("url", "says", "articles"), [
    # a year lists its months, and as entries only what no month lists (1988: year only)
    ("nam/2016", "Năm 2016 Theo tháng Tháng 12 năm 2016 1 bài 1 bài", []),
    ("nam/2016/12", "Tháng 12 năm 2016 Thuộc năm 2016. 1 bài", ["ha-noi-tong-ket-2016"]),
    ("nam/2018/12", "Tháng 12 năm 2018 Thuộc năm 2018. 1 bài", ["ha-giang-khen-thuong-2018"]),
    ("nam/2012/01", "Tháng 1 năm 2012", ["thua-thien-hue-bo-nhiem-2012"]),
    ("nam/1988", "Năm 1988 1 bài", ["khanh-hoa-phu-khanh-1988"]),
    ("nam/chua-ro", "Chưa rõ ngày 1 bài", ["cao-bang-chi-bo-chua-ro-ngay"]),
    ("su-kien/hoi-nghi", "Hội nghị 3 bài", [
        "vinh-long-hoi-nghi-sau-hop-nhat-2025", "binh-dinh-hoi-nghi-ma-doc",
        "hoi-nghi-chua-ro-tinh"]),
    ("the/dang-bo", "Thẻ: Đảng bộ 3 bài", ["ben-tre-tra-vinh-phoi-hop-2023",
                                           "ben-tre-dai-hoi-dang-bo-van-phong-2020",
                                           "gia-lai-dang-bo-van-phong-chu-trong-tham-muu"]),
], ids=["year-by-event-date", "its-month", "month-of-partial-event-date", "month-only-date",
        "year-only", "undated-bucket", "event-type", "tag"])
def test_time_event_and_tag_listings(built: Path, url: str, says: str, articles) -> None:
    assert says in text_of(built, url)
    assert entry_slugs(built, url) == articles


def test_years_index_counts_and_months(built: Path) -> None:
    text = text_of(built, "nam")
    assert "Năm 2025 1 bài Tháng 9 năm 2025 1 bài" in text
    assert text.index("Năm 2025") < text.index("Năm 1988") < text.index("Chưa rõ ngày 1 bài")
    assert not (built / "nam" / "1988" / "01").exists()


def test_home_counts_and_axes(built: Path) -> None:
    soup = content(built, "")
    assert "13 bài · 7 tỉnh, thành phố · từ năm 1988 đến năm 2025" in text_of(built, "")
    assert [a["href"] for a in soup.select(".na-axes a")] == [
        "tinh/", "nam/", "su-kien/", "the/", "thong-ke/"]
    assert len(soup.select(".na-entry")) == 10


def test_review_page_lists_what_to_check(built: Path) -> None:
    soup = content(built, "can-xem-lai")
    checks = {e.find_parent("article").h3.get_text(): [li.get_text() for li in e.select("li")]
              for e in soup.select(".na-review")}
    assert len(checks) == 7
    assert checks["Hội nghị cán bộ, công chức, viên chức Văn phòng UBND tỉnh năm 2015"] == [
        "Tỉnh, thành phố", "Nguồn"]
    assert checks["Văn phòng UBND tỉnh Trà Vinh sơ kết công tác 6 tháng đầu năm 2021"] == [
        "Tác giả"]


def test_statistics_bars_are_sized_by_count(built: Path) -> None:
    charts = content(built, "thong-ke").select("table.na-chart")
    assert [c.caption.get_text() for c in charts] == [
        "Số bài theo năm", "Số bài theo tỉnh, thành phố (đơn vị từ 1/7/2025)",
        "Số bài theo loại sự kiện"]
    rows = {r.th.get_text(): (r.span["style"], r.select_one(".na-chart__count").get_text())
            for r in charts[1].select("tbody tr")}
    assert rows["Vĩnh Long"] == ("width:100.0%", "5")
    assert rows["Gia Lai"] == ("width:40.0%", "2")
    assert rows["Chưa xác định"] == ("width:20.0%", "1")
    assert len(rows) == 35


def test_no_markup_from_articles_reaches_any_page(built: Path) -> None:
    offenders = [p.relative_to(built).as_posix() for p in built.rglob("*.html")
                 if re.search(r"<script>alert|<img src=x|<div onclick",
                              p.read_text("utf-8"))]
    assert offenders == []
    text = text_of(built, "bai-viet/2024/binh-dinh-hoi-nghi-ma-doc")
    assert ("Văn bản có <script>alert(10)</script> và <img src=x onerror=alert(11)> giữa câu."
            in text)


def test_sitemap_lastmod_is_the_article_date(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    entries = dict(re.findall(r"<loc>http://127.0.0.1:8000/([^<]*)</loc>\s*<lastmod>([^<]*)<",
                              sitemap))
    assert entries["bai-viet/2020/ben-tre-dai-hoi-dang-bo-van-phong-2020/"] == "2020-06-05"
    assert entries["tinh/vinh-long/"] == "2025-09-10"
    assert entries[""] == entries["tinh/"] == "2025-09-10"  # home and indexes: newest article


def test_article_head_has_opengraph_and_json_ld(built: Path) -> None:
    html = (built / "bai-viet/2024/binh-dinh-hoi-nghi-ma-doc/index.html").read_text("utf-8")
    head = BeautifulSoup(html, "html.parser").head
    og = {m["property"]: m["content"] for m in head.find_all("meta", property=True)}
    assert og["og:url"] == "http://127.0.0.1:8000/bai-viet/2024/binh-dinh-hoi-nghi-ma-doc/"
    assert og["og:title"].startswith("<script>alert(1)</script>")
    assert "</script>" not in head.find("script", type="application/ld+json").string


@pytest.mark.parametrize(("url", "ledes", "sidebars"), [
    ("tinh/ben-tre/", False, False),
    ("nam/2018/12/", True, False),
    ("nam/2018/", False, False),
    ("the/dang-bo/", False, False),
    ("su-kien/dai-hoi/", False, False),
    ("bai-viet/2024/binh-dinh-hoi-nghi-ma-doc/", False, False),
    ("", True, True),
    ("tinh/", False, True),
], ids=["province", "month", "year", "tag", "event-type", "article", "home", "axis-index"])
def test_what_each_page_carries(built: Path, url: str, ledes: bool, sidebars: bool) -> None:
    """Full entries on a month's page (each article once), brief ones elsewhere; the
    site-section sidebar (and its drawer button) only where no breadcrumbs lead."""
    html = (built / url / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert bool(soup.select(".na-entry__lede")) == ledes
    assert bool(soup.select(".md-sidebar")) == sidebars
    assert bool(soup.select('label[for="__drawer"].md-header__button')) == sidebars
    assert "\n  " not in html  # no indentation


def test_vietnamese_404_page(built: Path) -> None:
    assert "Không tìm thấy trang (404)" in (built / "404.html").read_text("utf-8")


def test_theme_chrome_is_vietnamese(built: Path) -> None:
    html = (built / "index.html").read_text("utf-8")
    assert "Made with" not in html and "Trang được tạo bằng" in html


def _write_many(folder: Path, count: int) -> list[str]:
    first = date(2020, 1, 1)
    slugs = []
    for number in range(count):
        day = first + timedelta(days=number)
        slug = f"bai-{number:03d}"
        article = Article(f"Bài số {number}", date=PartialDate(day.year, day.month, day.day),
                          provinces=["Bến Tre"], event_type="hoi-nghi", slug=slug,
                          body=f"Nội dung bài {number}.")
        (folder / f"{slug}.md").write_text(dumps(article), "utf-8")
        slugs.append(slug)
    return slugs


@pytest.mark.build
def test_listings_paginate_at_50_newest_first(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    slugs = _write_many(folder, 120)
    result = build_site(folder, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = ["tinh/ben-tre", "tinh/ben-tre/page/2", "tinh/ben-tre/page/3"]
    seen = [entry_slugs(tmp_path / "site", url) for url in pages]
    assert [len(s) for s in seen] == [50, 50, 20]
    assert [s for page in seen for s in page] == slugs[::-1]
    assert not (tmp_path / "site" / "tinh/ben-tre/page/4").exists()
    assert "Trang 2/3" in text_of(tmp_path / "site", "tinh/ben-tre/page/2")
    assert "Bến Tre 120 bài trang 1 2 3" in text_of(tmp_path / "site", "tinh")


def test_parsed_articles_are_cached_by_path_mtime_and_size(tmp_path: Path, monkeypatch) -> None:
    _write_many(tmp_path, 5)
    calls: list[str] = []
    real_load = site_module.load
    monkeypatch.setattr(site_module, "load", lambda path: calls.append(path) or real_load(path))
    assert len(load_articles(tmp_path)) == 5 and len(calls) == 5
    assert len(load_articles(tmp_path)) == 5 and len(calls) == 5
    changed = tmp_path / "bai-002.md"
    changed.write_text(changed.read_text("utf-8").replace("Bài số 2", "Bài số hai"), "utf-8")
    (tmp_path / "bai-004.md").unlink()
    titles = sorted(a.title for a in load_articles(tmp_path))
    assert calls[5:] == [str(changed)]
    assert titles == ["Bài số 0", "Bài số 1", "Bài số 3", "Bài số hai"]


def test_a_build_parses_each_article_once(tmp_path: Path, monkeypatch) -> None:
    """The validator hands what it parsed to the site's cache: the build loads nothing."""
    _write_many(tmp_path, 4)
    monkeypatch.setattr(site_module, "_CACHE", {})
    monkeypatch.setattr(site_module, "shared_validator", lambda: Validator())
    monkeypatch.setattr(site_module, "load", lambda path: pytest.fail(f"parsed again: {path}"))
    assert site_module.check_archive(tmp_path) == []
    articles = load_articles(tmp_path)
    assert sorted(a.title for a in articles) == [f"Bài số {n}" for n in range(4)]
    assert all(a.body == "" and bodies.text(a).strip() for a in articles)  # held compressed
    plain = [load_article(path) for path in sorted(tmp_path.glob("*.md"))]
    assert [bodies.text(a) for a in articles] == [a.body for a in plain]


@pytest.mark.parametrize(("axis", "selector"), [
    ("province", "table.na-units tbody tr"),
    ("year", "ul.na-years > li"),
    ("tag", "ul.na-tags > li"),
], ids=["provinces", "years", "tags"])
def test_a_long_axis_index_runs_over_pages_each_item_once(axis, selector) -> None:
    listings = build_listings(load_articles(FIXTURES))
    index = indexes.axis_index(listings.axis(axis), listings)
    pages = indexes.index_pages(index, listings, budget=700)
    assert [url for url, _ in pages[:2]] == [index.url, f"{index.url}page/2/"]
    soups = [BeautifulSoup(page.before, "html.parser") for _, page in pages]
    assert sum(len(soup.select(selector)) for soup in soups) == len(index.items)
    assert all(soup.select_one("nav.na-pager") for soup in soups)
    assert all(len(page.before.encode()) < 700 + 2_000 for _, page in pages)


def test_home_links_every_page_of_a_long_axis_index(monkeypatch) -> None:
    monkeypatch.setattr(indexes, "INDEX_BUDGET", 700)
    pages = dict(render_all(site_module.build_site(load_articles(FIXTURES))))
    home = BeautifulSoup(pages["index.md"].before, "html.parser")
    linked = {a["href"] for a in home.select("nav.na-axes a")}
    axis_pages = {src.removesuffix("index.md") for src in pages
                  if src.startswith(("tinh/", "nam/", "su-kien/", "the/")) and "/page/" in src
                  and src.count("/") == 3}
    assert axis_pages and axis_pages <= linked
