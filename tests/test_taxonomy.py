"""Listings: terms per axis, one-pass grouping, order, pagination, neighbours, related."""

from __future__ import annotations

import pytest

from newsarchive.article.model import Article, PartialDate
from newsarchive.site.taxonomy import (
    UNKNOWN_PROVINCE,
    Term,
    article_url,
    build_listings,
    month_terms,
    neighbours,
    newest_first,
    page_url,
    paginate,
    predecessors,
    province_terms,
    related,
    tag_terms,
    year_terms,
)


def make(slug: str, when: str | None = None, provinces=(), event_type="khac", tags=(),
         event: str | None = None) -> Article:
    return Article(title=slug, date=PartialDate.parse(when) if when else None,
                   event_date=PartialDate.parse(event) if event else None,
                   provinces=list(provinces), event_type=event_type, tags=list(tags), slug=slug)


@pytest.mark.parametrize(("provinces", "when", "expected"), [
    (["Bến Tre"], "2020-06-05", ["vinh-long", "ben-tre"]),
    (["Vĩnh Long"], "2019-12-31", ["vinh-long", "vinh-long-truoc-2025"]),
    (["Vĩnh Long"], "2025-09-10", ["vinh-long"]),
    (["Cao Bằng"], "2019-01-01", ["cao-bang"]),
    (["Thừa Thiên Huế"], "2012-01", ["hue", "thua-thien-hue"]),
    (["TP.HCM"], "2024-01-01", ["ho-chi-minh", "ho-chi-minh-truoc-2025"]),
    (["Bến Tre", "Trà Vinh"], "2023-04-12", ["vinh-long", "ben-tre", "tra-vinh"]),
    ([], "2015-01-20", ["chua-xac-dinh"]),
    (["Phú Khánh"], "1988", ["chua-xac-dinh"]),
], ids=["merged-old", "same-name-before-merger", "same-name-after-merger", "unchanged-unit",
        "renamed", "alias", "two-old-into-one", "none", "not-in-gazetteer"])
def test_province_terms(provinces, when, expected) -> None:
    assert [t.slug for t in province_terms(make("a", when, provinces))] == expected


@pytest.mark.parametrize(("unit", "labels"), [
    ("Vĩnh Long", ["Vĩnh Long (trước 1/7/2025)", "Bến Tre", "Trà Vinh"]),
    ("Huế", ["Thừa Thiên Huế"]),
    ("Cao Bằng", []),
], ids=["merged", "renamed", "unchanged"])
def test_predecessors(unit, labels) -> None:
    assert sorted(t.label for t in predecessors(unit)) == sorted(labels)


def test_old_province_term_knows_its_current_unit() -> None:
    old = province_terms(make("a", "2020-06-05", ["Bến Tre"]))[1]
    assert (old.kind, old.label, old.parent, old.url) == ("old", "Bến Tre", "Vĩnh Long",
                                                          "tinh/ben-tre/")
    assert province_terms(make("b"))[0] is UNKNOWN_PROVINCE


@pytest.mark.parametrize(("when", "event", "year", "month"), [
    ("2017-01-03", "2016-12-30", "2016", "2016/12"),
    ("2019-01-08", "2018-12", "2018", "2018/12"),
    ("2012-01", None, "2012", "2012/01"),
    ("1988", None, "1988", None),
    (None, None, "chua-ro", None),
], ids=["event-date-wins", "partial-event-date", "month-only", "year-only", "undated"])
def test_time_terms(when, event, year, month) -> None:
    article = make("a", when, event=event)
    assert [t.slug for t in year_terms(article)] == [year]
    assert [t.slug for t in month_terms(article)] == ([month] if month else [])


def test_month_label_and_parent() -> None:
    (term,) = month_terms(make("a", "2017-08-28"))
    assert (term.label, term.parent, term.url) == ("tháng 8 năm 2017", "2017", "nam/2017/08/")


def test_tags_that_slugify_alike_are_one_term() -> None:
    terms = tag_terms(make("a", tags=["Đảng uỷ", "Đảng ủy", "Chi bộ"]))
    assert [t.slug for t in terms] == ["dang-uy", "chi-bo"]
    assert Term("the", "dang-uy", "Đảng uỷ") == Term("the", "dang-uy", "Đảng ủy")


def test_newest_first_puts_undated_last_and_breaks_ties_by_slug() -> None:
    articles = [make("old", "2001"), make("none"), make("b", "2020-05-01"),
                make("a", "2020-05-01"), make("month", "2020-06")]
    assert [a.slug for a in newest_first(articles)] == ["month", "b", "a", "old", "none"]


def test_listings_group_in_order_and_each_article_is_in_one_year() -> None:
    articles = [make(f"a{i}", f"{2010 + i % 3}-0{1 + i % 2}-15", ["Bến Tre"], tags=["x"])
                for i in range(12)] + [make("undated", provinces=["Hà Nội"])]
    listings = build_listings(articles)
    years = listings.groups["year"]
    assert sum(len(group) for group in years.values()) == len(articles)
    assert [t.slug for t in years] == ["2012", "2011", "2010", "chua-ro"]
    for group in years.values():
        assert group == newest_first(group)
    provinces = {t.slug: len(a) for t, a in listings.groups["province"].items()}
    assert provinces == {"vinh-long": 12, "ben-tre": 12, "ha-noi": 1}


@pytest.mark.parametrize(("count", "sizes"), [(0, [0]), (50, [50]), (51, [50, 1]),
                                              (120, [50, 50, 20])],
                         ids=["empty", "exactly-one-page", "one-over", "three-pages"])
def test_paginate(count, sizes) -> None:
    items = [make(str(i)) for i in range(count)]
    pages = paginate(items, 50)
    assert [len(p) for p in pages] == sizes
    assert [a for p in pages for a in p] == items


def test_page_urls_and_article_urls() -> None:
    assert page_url("tinh/ben-tre/", 1) == "tinh/ben-tre/"
    assert page_url("tinh/ben-tre/", 3) == "tinh/ben-tre/page/3/"
    assert article_url(make("x", "2017-01-03", event="2016-12-30")) == "bai-viet/2016/x/"
    assert article_url(make("y")) == "bai-viet/chua-ro/y/"


def test_neighbours_are_the_next_newer_and_older() -> None:
    ordered = newest_first([make("a", "2020"), make("b", "2019"), make("c", "2018")])
    links = neighbours(ordered)
    assert links["a"][0] is None and links["a"][1].slug == "b"
    assert (links["b"][0].slug, links["b"][1].slug) == ("a", "c")
    assert links["c"][1] is None


def test_related_prefers_same_unit_and_type_then_same_unit() -> None:
    articles = [make(f"d{i}", f"20{10 + i}", ["Bến Tre"], "dai-hoi") for i in range(6)]
    articles += [make("other-type", "2013-06", ["Trà Vinh"], "so-ket"),
                 make("elsewhere", "2013-06", ["Hà Nội"], "dai-hoi")]
    near = related(newest_first(articles), limit=4)
    assert [a.slug for a in near["d3"]] == ["d4", "d2", "d5", "d1"]
    assert "elsewhere" not in {a.slug for group in near.values() for a in group
                               if group is not near["elsewhere"]}
    assert [a.slug for a in near["other-type"]][:1] == ["d4"]
    assert all(article.slug not in {a.slug for a in near[article.slug]} for article in articles)
