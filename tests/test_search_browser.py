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
    """Each spelling shows what the reference finds; typed with diacritics, a part of it."""
    first = search(opened, left)
    assert first
    assert first == slugs(site[0] / "search", query(site[0] / "search", left))
    second = search(opened, right)
    assert second == slugs(site[0] / "search", query(site[0] / "search", right))
    assert second and set(second) <= set(first)


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


def test_newest_first_is_strictly_by_date(opened) -> None:
    # "Đảng bộ" as a word in some, both syllables apart in gia-lai-nhan-su (the newest).
    assert search(opened, "dang bo") == ["gia-lai-nhan-su", "ben-tre-2021",
                                         "dai-hoi-hoa-binh-2020", "so-ket-hoa-binh-2019"]
    assert "mới nhất trước" in opened.inner_text(STATUS)


@pytest.mark.parametrize(("text", "expected", "said"), [
    ("Đảng bộ", ["ben-tre-2021", "dai-hoi-hoa-binh-2020"], "có đúng “Đảng bộ” (có dấu"),
    ("Đang bô", ["gia-lai-nhan-su", "ben-tre-2021", "dai-hoi-hoa-binh-2020",
                 "so-ket-hoa-binh-2019"], "Không có bài nào có đúng “Đang bô” (có dấu)"),
], ids=["narrowed-to-the-exact-words", "nothing-exact-falls-back-and-says-so"])
def test_diacritics_typed_narrow_and_the_status_says_so(opened, text: str, expected: list[str],
                                                        said: str) -> None:
    assert search(opened, text) == expected
    assert said in opened.inner_text(STATUS)


def test_search_lives_in_the_url_and_restores_on_load(opened, site) -> None:
    opened.select_option('select[data-na-facet="province"]', "Hòa Bình")
    opened.select_option("select[data-na-sort]", "relevance")
    found = search(opened, "van phong")
    params = opened.evaluate("Object.fromEntries(new URL(location.href).searchParams)")
    assert params == {"q": "van phong", "sort": "relevance", "province": "Hòa Bình"}
    shared = opened.url
    fresh = opened.context.new_page()
    fresh.goto(shared)
    fresh.wait_for_function("document.querySelector('.na-search').dataset.naState")
    assert fresh.is_checked("#__search")
    assert fresh.input_value(INPUT) == "van phong"
    assert fresh.input_value('select[data-na-facet="province"]') == "Hòa Bình"
    assert fresh.input_value("select[data-na-sort]") == "relevance"
    assert shown(fresh) == found


@pytest.fixture(scope="module")
def narrowing_web(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """The client over an index of "Bình Định" and "phê bình … quy định" (test_search)."""
    from test_search import NARROWING

    from newsarchive.article.model import Article, PartialDate

    root = tmp_path_factory.mktemp("narrowing-web")
    build_index([Article(title, date=PartialDate.parse(day), body=body, slug=slug)
                 for slug, title, day, body in NARROWING], root / "search")
    shutil.copy(ROOT / "docs" / "assets" / "search" / "search.js", root / "search.js")
    (root / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><script src="search.js"></script>', "utf-8")
    with serving(root) as url:
        yield root / "search", url


@pytest.mark.parametrize("text", ["Bình Định", "BÌNH ĐỊNH", "binh dinh", "Bình", "bình định"],
                         ids=["accented", "accented-upper", "folded", "one-syllable", "lower"])
@pytest.mark.parametrize("sort", ["date", "relevance"])
def test_client_narrows_to_the_words_typed_with_diacritics(page, narrowing_web, text: str,
                                                           sort: str) -> None:
    index_dir, url = narrowing_web
    page.goto(url)
    got = page.evaluate(
        """async ([text, sort]) => {
             const ns = window.NewsarchiveSearch;
             const s = new ns.Search(new ns.Index(new URL("search/", location.href)), text,
                                     {}, sort);
             const pages = [];
             while (!s.done) pages.push(await s.more());
             return pages.flat();
           }""", [text, sort])
    assert got == query(index_dir, text, sort=sort)
    if text != "binh dinh" and text != "Bình":
        assert slugs(index_dir, got) == ["binh-dinh-dai-hoi"]


@pytest.mark.parametrize("word", ["constructor", "__proto__", "toString", "hasOwnProperty",
                                  "valueOf"])
def test_prototype_names_are_ordinary_words(opened, site, word: str) -> None:
    """A word that names a built-in of every JavaScript object finds what the index holds
    (nothing here), and the box never says the index failed to load."""
    assert search(opened, word) == slugs(site[0] / "search", query(site[0] / "search", word))
    status = opened.text_content(STATUS) or ""
    assert "lỗi" not in status.lower() and "không tải" not in status.lower(), status
