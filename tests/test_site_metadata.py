"""The built fixture archive's metadata and navigation: titles, Open Graph, JSON-LD, feeds
advertised per page, robots.txt, sitemap dates, breadcrumbs and the editors' review list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

SITE = "http://127.0.0.1:8000/"
ARTICLE = "bai-viet/2020/ben-tre-dai-hoi-dang-bo-van-phong-2020/"
MONTH_ONLY = "bai-viet/2012/thua-thien-hue-bo-nhiem-2012/"


@pytest.fixture(scope="module")
def built(fixture_site_dir: Path) -> Path:
    """The fixture archive's site, built once per run (conftest)."""
    return fixture_site_dir


def head(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser").head


def og(site: Path, url: str) -> dict[str, str]:
    return {m["property"]: m["content"] for m in head(site, url).find_all("meta", property=True)}


def json_ld(site: Path, url: str) -> dict:
    return json.loads(head(site, url).find("script", type="application/ld+json").string)


def test_home_title_is_the_site_name_once(built: Path) -> None:
    assert head(built, "").title.get_text() == "Lưu trữ tin Văn phòng UBND tỉnh"
    assert head(built, "tinh").title.get_text() == (
        "Tỉnh, thành phố - Lưu trữ tin Văn phòng UBND tỉnh")


@pytest.mark.parametrize(("url", "kind", "title"), [
    ("", "website", "Lưu trữ tin Văn phòng UBND tỉnh"),
    ("tinh/ben-tre/", "website", "Bến Tre"),
    ("thong-ke/", "website", "Thống kê"),
    ("huong-dan/", "website", "Hướng dẫn biên tập"),
    (ARTICLE, "article", "Đại hội Đảng bộ Văn phòng UBND tỉnh Bến Tre lần thứ XII"),
], ids=["home", "listing", "stats", "guide", "article"])
def test_every_page_has_open_graph_with_an_image(built: Path, url: str, kind: str,
                                                 title: str) -> None:
    tags = og(built, url)
    assert tags["og:type"] == kind and tags["og:title"].startswith(title[:20])
    assert tags["og:url"] == SITE + url and tags["og:locale"] == "vi_VN" and tags["og:description"]
    assert tags["og:image"] == SITE + "assets/og.png"
    assert (built / "assets" / "og.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("url", "published", "event"), [
    (ARTICLE, "2020-06-05", "2020-06-04"),
    (MONTH_ONLY, "2012-01", None),
], ids=["day", "month-only"])
def test_json_ld_has_url_and_dates_at_their_precision(built: Path, url: str, published: str,
                                                      event: str | None) -> None:
    data = json_ld(built, url)
    assert data["url"] == SITE + url
    assert data["datePublished"] == data["dateModified"] == published
    assert data.get("contentReferenceTime") == event


@pytest.mark.parametrize(("url", "feed"), [
    ("tinh/ben-tre/", "feeds/tinh/ben-tre.xml"),
    ("su-kien/dai-hoi/", "feeds/su-kien/dai-hoi.xml"),
    ("the/dang-bo/", "feeds/the/dang-bo.xml"),
    ("nam/2020/", "feeds/nam/2020.xml"),
], ids=["province", "event-type", "tag", "year"])
def test_listing_pages_advertise_their_own_feed_first(built: Path, url: str, feed: str) -> None:
    links = head(built, url).select('link[type="application/atom+xml"]')
    depth = "../" * url.count("/")
    assert [link["href"] for link in links] == [depth + feed, depth + "feeds/index.xml"]
    assert (built / feed).is_file()


def test_robots_txt_points_to_the_sitemap(built: Path) -> None:
    assert (built / "robots.txt").read_text() == (
        f"User-agent: *\nAllow: /\nSitemap: {SITE}sitemap.xml\n")


def test_sitemap_never_invents_a_day_and_leaves_out_noindex_pages(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    entries = dict(re.findall(r"<loc>http://127.0.0.1:8000/([^<]*)</loc>\s*<lastmod>([^<]*)<",
                              sitemap))
    assert entries[MONTH_ONLY] == "2012-01"
    assert "can-xem-lai/" not in sitemap
    feeds = " ".join(p.read_text("utf-8") for p in (built / "feeds").rglob("*.xml"))
    assert "2012-01-01" not in feeds + sitemap


def test_review_page_is_for_editors_only(built: Path) -> None:
    home = (built / "index.html").read_text("utf-8")
    assert "can-xem-lai" not in home
    assert head(built, "can-xem-lai").find("meta", attrs={"name": "robots"})["content"] == "noindex"
    guide = (built / "huong-dan" / "index.html").read_text("utf-8")
    assert 'href="../can-xem-lai/"' in guide


def test_each_review_list_is_inside_its_own_article_and_names_the_file(built: Path) -> None:
    soup = BeautifulSoup((built / "can-xem-lai/index.html").read_text("utf-8"), "html.parser")
    entries = soup.select("article.na-entry")
    assert entries and all(e.select_one(".na-review") for e in entries)
    first = entries[0]
    slug = first.h3.a["href"].rstrip("/").rsplit("/", 1)[-1]
    assert f"articles/{slug}.md" in first.select_one(".na-review code").get_text()


@pytest.mark.parametrize(("url", "trail"), [
    (ARTICLE, ["Trang chủ", "Thời gian", "Năm 2020", "Tháng 6 năm 2020",
               "Đại hội Đảng bộ Văn phòng UBND tỉnh Bến Tre lần thứ XII, nhiệm kỳ 2020 - 2025"]),
    ("tinh/ben-tre/", ["Trang chủ", "Tỉnh, thành phố", "Bến Tre"]),
    ("nam/2018/12/", ["Trang chủ", "Thời gian", "Năm 2018", "Tháng 12 năm 2018"]),
    ("the/dang-bo/", ["Trang chủ", "Thẻ", "Thẻ: Đảng bộ"]),
], ids=["article", "province", "month", "tag"])
def test_breadcrumbs(built: Path, url: str, trail: list[str]) -> None:
    soup = BeautifulSoup((built / url / "index.html").read_text("utf-8"), "html.parser")
    crumbs = soup.select_one("nav.na-crumbs")
    assert [li.get_text() for li in crumbs.select("li")] == trail
    assert crumbs.select_one("a")["href"] == "../" * url.count("/")
