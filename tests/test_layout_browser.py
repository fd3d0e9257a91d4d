"""The project's pages in Chromium at a phone's width (390 px) and a laptop's (1366 px):
charts line up, table headers sit over their cells, counts do not wrap, nothing overflows,
breadcrumbs and the unsaved-picture box show, month labels start capitalised."""

from __future__ import annotations

import pytest
from conftest import page_in

pytestmark = pytest.mark.browser
WIDTHS = [390, 1366]
ARTICLE = ("bai-viet/2012/"
           "nam-2012-dang-bo-van-phong-ubnd-tinh-quyet-tam-hoan-thanh-xuat-sac-nhiem-vu/")


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized(browser_context, request):
    with page_in(browser_context(request.param, 900)) as page:
        yield page


def _open(page, base: str, path: str):
    page.goto(base + path)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("path", ["", "tinh/", "thong-ke/", ARTICLE, "can-xem-lai/", "nam/"],
                         ids=["home", "provinces", "stats", "article", "review", "years"])
def test_nothing_overflows_the_viewport(sized, serve_site: str, path: str) -> None:
    page = _open(sized, serve_site, path)
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_stats_bars_line_up_across_charts(sized, serve_site: str) -> None:
    page = _open(sized, serve_site, "thong-ke/")
    columns = page.eval_on_selector_all(
        "table.na-chart", """tables => tables.map(t => {
            const bar = t.querySelector("tbody td.na-chart__bar").getBoundingClientRect();
            return [Math.round(bar.left), Math.round(bar.right)];
        })""")
    assert len(columns) == 3 and len(set(map(tuple, columns))) == 1, columns


def test_province_table_headers_sit_over_their_cells(sized, serve_site: str) -> None:
    page = _open(sized, serve_site, "tinh/")
    offsets = page.evaluate("""() => {
        const table = document.querySelector("table.na-units");
        const heads = [...table.querySelectorAll("thead th")];
        const cells = [...table.querySelector("tbody tr").children];
        return heads.map((th, i) => {
            const range = document.createRange();
            range.selectNodeContents(th);
            return Math.abs(range.getBoundingClientRect().left
                            - cells[i].getBoundingClientRect().left
                            - parseFloat(getComputedStyle(cells[i]).paddingLeft));
        });
    }""")
    assert max(offsets) <= 1.5, offsets


def test_counts_never_wrap(sized, serve_site: str) -> None:
    page = _open(sized, serve_site, "tinh/")
    lines = page.eval_on_selector_all(
        ".na-units .na-count", "spans => spans.map(s => s.getClientRects().length)")
    assert lines and set(lines) == {1}


def test_article_has_breadcrumbs_and_a_box_for_the_unsaved_picture(sized, serve_site: str) -> None:
    page = _open(sized, serve_site, ARTICLE)
    crumbs = page.locator("nav.na-crumbs li").all_inner_texts()
    assert crumbs[:4] == ["Trang chủ", "Thời gian", "Năm 2012", "Tháng 1 năm 2012"]
    assert page.locator("nav.na-crumbs").bounding_box()["height"] < 60, "one or two lines"
    figure = page.locator("figure.na-figure").first
    assert figure.locator(".na-figure__missing").inner_text() == "Ảnh không được lưu"
    style = figure.evaluate("f => [getComputedStyle(f).borderTopStyle, "
                            "getComputedStyle(f.querySelector('figcaption')).fontStyle]")
    assert style == ["dashed", "normal"]


def test_month_labels_start_a_line_capitalised(sized, serve_site: str) -> None:
    page = _open(sized, serve_site, ARTICLE)
    facts = page.locator("dl.na-facts dd").all_inner_texts()
    assert "Tháng 1 năm 2012" in facts
    years = _open(sized, serve_site, "nam/").locator(".na-years small").all_inner_texts()
    assert years and all(line[:1].isupper() for line in years), years
