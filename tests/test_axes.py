"""The axis table (:data:`taxonomy.AXES`) drives every listing, index page, feed, breadcrumb
and home-page card: an axis added to the table alone, here a publication axis
("bao/"), gets all of them, and nothing else in the site changes but the home page's card.
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

from newsarchive.article.model import Article
from newsarchive.site import indexes
from newsarchive.site.build import SITE_NAME, build_site, load_articles, render_all
from newsarchive.site.feeds import FeedSpec, known_day
from newsarchive.site.pages import Page
from newsarchive.site.taxonomy import AXES, Axis, IndexPage, Term, build_listings
from newsarchive.text import slugify

FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def publication_terms(article: Article) -> list[Term]:
    name = article.source.name
    return [Term("bao", slugify(name), name)] if name else []


PUBLICATION = Axis("publication", "bao", "Báo, tạp chí", publication_terms, IndexPage(
    "list", "Báo, tạp chí", "Theo báo, tạp chí", "Các báo, cổng thông tin đã đăng bài",
    css="na-publications"))


@cache
def _site(with_publication: bool) -> tuple[dict[str, Page], dict[str, FeedSpec]]:
    """Every page by source path, and every feed by path, built with or without the axis."""
    axes = AXES + (PUBLICATION,) if with_publication else AXES
    built = build_site(load_articles(FIXTURES), axes=axes)
    return dict(render_all(built)), {spec.path: spec for spec in built.feeds}


def _html(src: str) -> BeautifulSoup:
    return BeautifulSoup(_site(True)[0][src].before, "html.parser")


def _by_publication() -> dict[str, list[Article]]:
    result: dict[str, list[Article]] = {}
    for article in load_articles(FIXTURES):
        if article.source.name:
            result.setdefault(article.source.name, []).append(article)
    return result


def test_an_added_axis_changes_no_other_page_or_feed_but_the_home_page() -> None:
    (before, feeds_before), (after, feeds_after) = _site(False), _site(True)
    assert set(before) <= set(after) and set(feeds_before) <= set(feeds_after)
    assert all(src.startswith("bao/") for src in set(after) - set(before))
    assert all(path.startswith("feeds/bao/") for path in set(feeds_after) - set(feeds_before))
    assert {src for src in before if before[src] != after[src]} == {"index.md"}
    assert all(feeds_before[path] == feeds_after[path] for path in feeds_before)


def test_an_added_axis_has_a_listing_per_term_with_its_articles_and_a_breadcrumb() -> None:
    for name, articles in _by_publication().items():
        soup = _html(f"bao/{slugify(name)}/index.md")
        assert soup.h1.get_text() == name  # escaped: one fixture's name is a <script> tag
        assert [a.get_text() for a in soup.select("nav.na-crumbs a")] == [
            "Trang chủ", "Báo, tạp chí"]
        assert soup.select("nav.na-crumbs a")[1]["href"] == "../"  # the axis index, one folder up
        titles = {item.a.get_text() for item in soup.select("ul.na-list > li")}
        assert titles == {article.title for article in articles}  # brief, as the table says
        assert not soup.select("article.na-entry")


def test_an_added_axis_has_an_index_page_listing_every_term_with_its_count() -> None:
    soup = _html("bao/index.md")
    assert soup.h1.get_text() == "Báo, tạp chí"
    items = soup.select("ul.na-publications > li")
    counts = {name: len(a) for name, a in _by_publication().items()}
    assert len(items) == len(counts)
    for item in items:
        name = item.a.get_text()
        assert item.a["href"] == f"{slugify(name)}/"
        assert item.select_one(".na-count").get_text() == f"{counts[name]} bài"


def test_an_added_axis_has_a_feed_per_term_linked_from_its_listing() -> None:
    """Every term with an article known to the day (an Atom entry needs one) has a feed;
    the others have none, and their listings do not advertise one."""
    pages, feeds = _site(True)
    by_name = _by_publication()
    dated = {name: articles for name, articles in by_name.items()
             if any(known_day(a) is not None for a in articles)}
    assert 0 < len(dated) < len(by_name)  # the fixtures have both kinds
    assert {path for path in feeds if path.startswith("feeds/bao/")} == {
        f"feeds/bao/{slugify(name)}.xml" for name in dated}
    for name in set(by_name) - set(dated):
        assert "feed" not in pages[f"bao/{slugify(name)}/index.md"].meta
    for name, articles in dated.items():
        spec = feeds[f"feeds/bao/{slugify(name)}.xml"]
        assert spec.title == f"{name} — {SITE_NAME}" and spec.page == f"bao/{slugify(name)}/"
        assert {a.slug for a in spec.articles} <= {a.slug for a in articles}
        assert pages[f"{spec.page}index.md"].meta["feed"] == spec.path


def test_an_added_axis_has_a_card_on_the_home_page() -> None:
    cards = _html("index.md").select("nav.na-axes > ul > li")
    assert [card.a["href"] for card in cards] == [
        "tinh/", "nam/", "su-kien/", "the/", "bao/", "thong-ke/"]
    assert cards[4].a.get_text() == "Theo báo, tạp chí"


@pytest.mark.parametrize("axis", AXES, ids=[axis.key for axis in AXES])
def test_each_axis_row_is_consistent(axis: Axis) -> None:
    keys = {other.key for other in AXES}
    if axis.index is not None:
        assert axis.index.layout in indexes.LAYOUTS
    assert axis.within in keys | {""} and axis.within != axis.key
    assert (axis.index is None) == bool(axis.within)  # a term within another is listed there
    listings = build_listings(load_articles(FIXTURES))
    assert all(term.prefix == axis.prefix for term in listings.groups[axis.key])


def test_axis_prefixes_are_distinct_and_kept_out_of_the_nav() -> None:
    own = [axis.prefix for axis in AXES if not axis.within]
    assert len(own) == len(set(own))
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = "\n".join(line for line in config.splitlines() if "!ENV" not in line)
    not_in_nav = yaml.safe_load(config)["not_in_nav"].split()
    assert {f"/{prefix}/" for prefix in own} <= set(not_in_nav)
