"""The header search in headless Chromium, over a site built from the search fixtures.

The browser client (docs/assets/search/) must return exactly what the reference
``newsarchive.search.query`` returns, in the same order, for every query and facet.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, build_site, serving
from test_search import QUERY_PAIR_IDS, QUERY_PAIRS, slugs, write_fixture_articles

from newsarchive.site.search import Filters, Layout, build_index, iter_articles, query

pytestmark = pytest.mark.browser
STATUS = ".na-search .md-search-result__meta"
INPUT = ".na-search .md-search__input"
RESULT_LINKS = ".na-search .md-search-result__link"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("search-site")
    result = build_site(write_fixture_articles(root / "articles"), root / "site")
    assert result.returncode == 0, result.stderr
    with serving(root / "site") as url:
        yield root / "site", url


def search(page, text: str) -> list[str]:
    """Type ``text`` in the header search; return the result slugs shown."""
    page.fill(INPUT, text)
    page.wait_for_function(
        "t => document.querySelector('.na-search .md-search-result__meta')"
        ".textContent.includes('“' + t + '”')", arg=text.strip())
    return shown(page)


def shown(page) -> list[str]:
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
    return [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]


@pytest.fixture
def opened(page, site):
    page.goto(site[1])
    page.keyboard.press("/")
    return page


def test_slash_focuses_search_and_escape_closes(opened) -> None:
    assert opened.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert opened.is_checked("#__search")
    opened.keyboard.press("Escape")
    assert not opened.is_checked("#__search")


@pytest.mark.parametrize(("left", "right"), QUERY_PAIRS, ids=QUERY_PAIR_IDS)
def test_query_pairs_show_the_same_articles(opened, site, left: str, right: str) -> None:
    first = search(opened, left)
    assert first
    assert search(opened, right) == first
    assert first == slugs(site[0] / "search", query(site[0] / "search", left))


def test_matches_are_marked_in_the_published_text(opened) -> None:
    search(opened, "hoa binh")
    marks = opened.eval_on_selector_all(".na-search mark", "ms => ms.map(m => m.textContent)")
    assert {"Hòa", "Hoà", "Bình"} <= set(marks)


@pytest.mark.parametrize(("facet", "value", "filters"), [
    ("province", "Hòa Bình", Filters(province="Hòa Bình")),
    ("unit", "Vĩnh Long", Filters(unit="Vĩnh Long")),
    ("year", "2021", Filters(year=2021)),
    ("type", "nhan-su", Filters(event_type="nhan-su")),
], ids=["province", "unit", "year", "event-type"])
def test_each_facet_filters(opened, site, facet: str, value: str, filters: Filters) -> None:
    everything = search(opened, "van phong")
    opened.select_option(f".na-search select[data-na-facet={facet}]", value)
    expected = slugs(site[0] / "search", query(site[0] / "search", "van phong", filters))
    opened.wait_for_function("n => document.querySelectorAll("
                             "'.na-search .md-search-result__item').length === n",
                             arg=len(expected))
    assert 0 < len(expected) < len(everything)
    assert shown(opened) == expected


def test_facets_combine(opened, site) -> None:
    search(opened, "van phong")
    opened.select_option(".na-search select[data-na-facet=province]", "Hòa Bình")
    opened.select_option(".na-search select[data-na-facet=year]", "2019")
    opened.wait_for_function("() => document.querySelectorAll("
                             "'.na-search .md-search-result__item').length === 1")
    assert shown(opened) == ["so-ket-hoa-binh-2019"]


def test_no_results_says_so_in_vietnamese(opened) -> None:
    assert search(opened, "xyzzy") == []
    assert opened.inner_text(STATUS).strip() == "Không tìm thấy kết quả cho “xyzzy”"


def test_markup_query_renders_as_text(opened) -> None:
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    text = "<img src=x onerror=alert(1)>"
    search(opened, text)
    assert text in opened.inner_text(STATUS)
    assert opened.locator(".na-search img").count() == 0
    opened.wait_for_timeout(200)  # give an injected onerror handler its chance to run
    assert dialogs == []


def test_arrow_down_moves_into_results(opened) -> None:
    search(opened, "dai hoi")
    opened.keyboard.press("ArrowDown")
    assert opened.evaluate("document.activeElement.classList.contains('md-search-result__link')")


def test_relevance_sort(opened, site) -> None:
    search(opened, "dang uy van phong")
    opened.select_option(".na-search select[data-na-sort]", "relevance")
    expected = slugs(site[0] / "search",
                     query(site[0] / "search", "dang uy van phong", sort="relevance"))
    opened.wait_for_function("s => document.querySelector('.na-search .md-search-result__link')"
                             "?.href.includes(s)", arg=expected[0])
    assert shown(opened) == expected


# The client over an index cut into blocks of 2 ids and chunks of 2 records (every list
# of more than one id spans blocks), in pages of 2, against the reference.
CROSS_QUERIES = ("dang bo", "Đảng uỷ văn phòng", "van phong", "hoa binh", "dai hoi", "xyzzy",
                 "bo dang", "chi bo")
CROSS_FILTERS = (Filters(), Filters(province="Hòa Bình"), Filters(year=2021),
                 Filters(unit="Phú Thọ", event_type="dai-hoi"))


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("tiny")
    articles = write_fixture_articles(root / "articles")
    build_index(iter_articles(articles), root / "web" / "search",
                Layout(block=2, inline=1, chunk=2, terms_per_shard=4))
    shutil.copy(ROOT / "docs" / "assets" / "search" / "search.js", root / "web" / "search.js")
    (root / "web" / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><script src="search.js"></script>', "utf-8")
    with serving(root / "web") as url:
        yield root / "web" / "search", url


@pytest.mark.parametrize("sort", ["date", "relevance"])
def test_client_matches_reference_over_tiny_blocks(page, tiny_index, sort: str) -> None:
    index_dir, url = tiny_index
    page.goto(url)
    for text in CROSS_QUERIES:
        for filters in CROSS_FILTERS:
            wanted = {"province": filters.province, "unit": filters.unit,
                      "year": filters.year, "type": filters.event_type}
            got = page.evaluate(
                """async ([text, filters, sort]) => {
                     const ns = window.NewsarchiveSearch;
                     const s = new ns.Search(new ns.Index(new URL("search/", location.href)),
                                             text, filters, sort, 2);
                     const pages = [];
                     while (!s.done) pages.push(await s.more());
                     return pages.flat();
                   }""", [text, wanted, sort])
            assert got == query(index_dir, text, filters, sort), (text, filters)


@pytest.mark.parametrize("word", ["constructor", "__proto__", "toString", "hasOwnProperty",
                                  "valueOf"])
def test_prototype_names_are_ordinary_words(opened, site, word: str) -> None:
    """A word that names a built-in of every JavaScript object finds what the index holds
    (nothing here), and the box never says the index failed to load."""
    assert search(opened, word) == slugs(site[0] / "search", query(site[0] / "search", word))
    status = opened.text_content(STATUS) or ""
    assert "lỗi" not in status.lower() and "không tải" not in status.lower(), status
