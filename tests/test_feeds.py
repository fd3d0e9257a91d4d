"""Atom feeds: what goes in, in which order, escaped by feedgen, written where."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from newsarchive.article.model import Article, PartialDate
from newsarchive.site.build import build_site, load_articles
from newsarchive.site.feeds import FEED_SIZE, FeedSpec, feed_spec, render_feed, write_feeds
from newsarchive.site.taxonomy import newest_first

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/luu-tru/"
FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def parse(xml: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(xml)


def titles(feed: ElementTree.Element) -> list[str]:
    return [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]


def dated(slug: str, year: int, title: str | None = None) -> Article:
    return Article(title or slug, date=PartialDate(year, 5, 1), slug=slug,
                   authors=["Thanh Đồng"], body=f"Mở đầu {slug}.")


def test_feed_keeps_the_newest_dated_articles_only() -> None:
    articles = newest_first([dated(f"a{y}", y) for y in range(1950, 2020)]
                            + [Article("Không ngày", slug="undated")])
    spec = feed_spec("feeds/index.xml", "Lưu trữ", "", articles)
    assert len(spec.articles) == FEED_SIZE
    assert spec.articles[0].slug == "a2019" and "undated" not in {a.slug for a in spec.articles}


def test_feed_entries_have_absolute_links_dates_and_summaries() -> None:
    spec = FeedSpec("feeds/tinh/ben-tre.xml", "Bến Tre", "tinh/ben-tre/", (dated("b", 2020),))
    feed = parse(render_feed(spec, SITE))
    assert feed.findtext(f"{ATOM}title") == "Bến Tre"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"alternate": SITE + "tinh/ben-tre/", "self": SITE + "feeds/tinh/ben-tre.xml"}
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == SITE + "bai-viet/2020/b/"
    assert entry.findtext(f"{ATOM}updated").startswith("2020-05-01")
    assert entry.findtext(f"{ATOM}summary") == "Mở đầu b."
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Thanh Đồng"


@pytest.mark.parametrize("title", [
    "<script>alert(1)</script> & “nhiệm vụ”",
    "Tiêu đề có ký tự điều khiển\x07\x1b",
], ids=["markup", "control-characters"])
def test_titles_survive_as_text(title: str) -> None:
    spec = FeedSpec("feeds/index.xml", "Lưu trữ", "", (dated("x", 2020, title),))
    xml = render_feed(spec, SITE)
    assert b"<script>" not in xml
    assert titles(parse(xml)) == [title.replace("\x07", "").replace("\x1b", "")]


def test_empty_feed_is_valid() -> None:
    feed = parse(render_feed(FeedSpec("feeds/tinh/x.xml", "X", "tinh/x/", ()), SITE))
    assert titles(feed) == []


def test_site_has_a_feed_for_the_archive_each_province_and_each_event_type(tmp_path) -> None:
    site = build_site(load_articles(FIXTURES))
    write_feeds(site.feeds, tmp_path, SITE.rstrip("/"))
    everything = parse((tmp_path / "feeds/index.xml").read_bytes())
    # 13 fixtures: one undated, one known to the year (1988), one to the month (2012-01)
    assert len(titles(everything)) == 10
    vinh_long = titles(parse((tmp_path / "feeds/tinh/vinh-long.xml").read_bytes()))
    assert vinh_long[0] == "Văn phòng UBND tỉnh Vĩnh Long (mới) triển khai nhiệm vụ sau hợp nhất"
    assert len(vinh_long) == 5
    assert len(titles(parse((tmp_path / "feeds/su-kien/hoi-nghi.xml").read_bytes()))) == 3
    assert (tmp_path / "feeds/tinh/chua-xac-dinh.xml").is_file()
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize(("dates", "kept", "updated"), [
    ({"date": PartialDate(2012, 1, 5)}, True, "2012-01-05"),
    ({"date": PartialDate(2012, 1), "event_date": PartialDate(2011, 12, 30)}, True, "2011-12-30"),
    ({"date": PartialDate(2012, 1)}, False, None),
    ({"event_date": PartialDate(2012)}, False, None),
], ids=["day", "month-published-day-event", "month-only", "year-only"])
def test_a_partial_date_never_becomes_an_invented_day(dates, kept, updated) -> None:
    article = Article("Tin", slug="tin", body="Mở đầu.", **dates)
    spec = feed_spec("feeds/index.xml", "Lưu trữ", "", [article])
    assert bool(spec.articles) is kept
    if kept:
        entry = parse(render_feed(spec, SITE)).find(f"{ATOM}entry")
        assert entry.findtext(f"{ATOM}updated").startswith(updated)


def test_feed_names_the_archive_as_author_and_its_newest_entry_as_updated() -> None:
    older_event_newer_post = Article("b", date=PartialDate(2021, 3, 2),
                                     event_date=PartialDate(2020, 1, 1), slug="b")
    spec = feed_spec("feeds/index.xml", "Lưu trữ", "", [dated("a", 2020),
                                                       older_event_newer_post], "Lưu trữ tin")
    feed = parse(render_feed(spec, SITE))
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Lưu trữ tin"
    assert feed.findtext(f"{ATOM}updated").startswith("2021-03-02")


def test_tags_and_years_have_feeds_too(tmp_path) -> None:
    site = build_site(load_articles(FIXTURES))
    write_feeds(site.feeds, tmp_path, SITE)
    assert titles(parse((tmp_path / "feeds/nam/2017.xml").read_bytes()))
    tags = sorted(p.name for p in (tmp_path / "feeds/the").glob("*.xml"))
    assert "dang-bo.xml" in tags
    assert not (tmp_path / "feeds/nam/chua-ro.xml").exists()


def test_a_listing_without_a_day_to_date_an_entry_has_no_feed(tmp_path) -> None:
    """1988 and 2012 hold only articles known to the year or the month: a feed of them
    would be empty and need an invented ``updated``, so there is none, and their pages
    advertise only the archive's feed."""
    site = build_site(load_articles(FIXTURES))
    write_feeds(site.feeds, tmp_path, SITE)
    assert not (tmp_path / "feeds/nam/1988.xml").exists()
    assert not (tmp_path / "feeds/nam/2012.xml").exists()
    assert (tmp_path / "feeds/nam/2015.xml").exists()
    pages = dict(site.pages)
    assert "feeds/nam/2012.xml" not in str(pages["nam/2012/index.md"]())
    assert "feeds/nam/2015.xml" in str(pages["nam/2015/index.md"]())
    for path in tmp_path.rglob("*.xml"):
        assert b"2000-01-01" not in path.read_bytes(), path


def test_every_feed_has_what_rfc_4287_requires(tmp_path) -> None:
    """§4.1.1: a feed has one id, title and updated, and an author unless every entry has
    one; §4.1.2: each entry has one id, title and updated; dates are RFC 3339 date-times."""
    site = build_site(load_articles(FIXTURES))
    write_feeds(site.feeds, tmp_path, SITE)
    date_time = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
    paths = sorted(tmp_path.rglob("*.xml"))
    assert len(paths) > 10
    for path in paths:
        feed = parse(path.read_bytes())
        for element in ("id", "title", "updated"):
            assert len(feed.findall(f"{ATOM}{element}")) == 1, (path, element)
        assert feed.find(f"{ATOM}author/{ATOM}name") is not None, path
        assert date_time.match(feed.findtext(f"{ATOM}updated")), path
        for entry in feed.iter(f"{ATOM}entry"):
            for element in ("id", "title", "updated"):
                assert len(entry.findall(f"{ATOM}{element}")) == 1, (path, element)
            assert date_time.match(entry.findtext(f"{ATOM}updated")), path
