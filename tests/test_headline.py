"""Headline selection on evidence (newsarchive.clean.headline): the shapes real pages take.

Each case is a page top in the shape of a real structure (see tests/accuracy/STRUCTURES.md),
written for this test; the headline must win, and clear cases must be sure.
"""

from __future__ import annotations

import pytest

from newsarchive.clean.dates import is_date_line
from newsarchive.clean.headline import choose_headline, scraper_date, slug_words, split_glued

LEAD = ("Sáng 12-3, Văn phòng UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2023, triển "
        "khai nhiệm vụ năm 2024 với sự tham dự của lãnh đạo UBND tỉnh và các sở, ngành.")
HEADLINE = "Văn phòng UBND tỉnh tổng kết công tác năm 2023"


def _choose(lines: list[str], url: str | None = None, title: str | None = None):
    return choose_headline(lines, url, title, is_date_line)


@pytest.mark.parametrize("top", [
    pytest.param([HEADLINE], id="first-line"),
    pytest.param(["Tiếng Việt | English", "Skip to main content", HEADLINE], id="switchers"),
    pytest.param(["Đường dây nóng: 0269 3822 222", "Cỡ chữ: A | A- | A+", HEADLINE],
                 id="hotline-font-size"),
    pytest.param(["Cổng thông tin điện tử tỉnh Gia Lai", "Trang chủ > Tin tức > Hoạt động",
                  HEADLINE], id="portal-name-breadcrumb"),
    pytest.param([f"{HEADLINE} - Báo Gia Lai điện tử", "Thời sự", HEADLINE], id="browser-title"),
    pytest.param(["BÁO GIA LAI.VN TRÊN GOOGLE NEWS", "TIN NỔI BẬT:", HEADLINE], id="caps-labels"),
])
def test_the_headline_wins_over_furniture(top: list[str]) -> None:
    choice = _choose([*top, "12/03/2024 10:15", LEAD])
    assert choice.text == HEADLINE and choice.sure, choice.explain()


def test_a_ticker_headline_loses_to_the_one_over_the_lead() -> None:
    ticker = "Khánh thành cầu vượt nối hai huyện phía Nam của tỉnh"
    choice = _choose(["Tin mới", ticker, "Thời sự - Chính trị", HEADLINE, "12/03/2024", LEAD])
    assert choice.text == HEADLINE, choice.explain()


def test_the_address_decides_between_two_headline_shaped_lines() -> None:
    other = "Khánh thành cầu vượt nối hai huyện phía Nam của tỉnh"
    url = "https://baogialai.com.vn/van-phong-ubnd-tinh-tong-ket-cong-tac-nam-2023-post1.html"
    choice = _choose([HEADLINE, other, LEAD], url)
    assert choice.text == HEADLINE and choice.sure


def test_a_close_call_is_flagged_not_hidden() -> None:
    choice = _choose(["Văn phòng UBND tỉnh làm việc với các sở ngành",
                      "Hội nghị bàn giải pháp cải cách hành chính năm nay", "Nội dung."])
    assert not choice.sure


def test_a_cut_breadcrumb_credits_the_full_headline_below() -> None:
    crumb = "> Tin tức - Sự kiện > Hoạt động > Văn phòng UBND tỉnh tổng kết công tác năm"
    choice = _choose([crumb, HEADLINE, LEAD])
    assert choice.text == HEADLINE
    assert any("named_by_breadcrumb" in reason for reason in choice.ranking[0].reasons)


def test_a_breadcrumb_alone_gives_its_last_segment() -> None:
    choice = _choose([f"Trang chủ > Tin tức > {HEADLINE}", LEAD])
    assert choice.text == HEADLINE


def test_the_saved_pages_own_title_counts() -> None:
    choice = _choose(["Khánh thành cầu vượt nối hai huyện", HEADLINE, LEAD],
                     title=f"{HEADLINE} | Cổng thông tin điện tử tỉnh")
    assert choice.text == HEADLINE


@pytest.mark.parametrize(("raw", "clean"), [
    pytest.param(f"(TTV) {HEADLINE}", HEADLINE, id="station-tag"),
    pytest.param(f"• {HEADLINE}", HEADLINE, id="bullet"),
    pytest.param(f'{HEADLINE} "*"', HEADLINE, id="badge"),
    pytest.param(f"{HEADLINE}.", f"{HEADLINE}.", id="full-stop-kept-as-printed"),
])
def test_what_pages_hang_on_a_headline_goes(raw: str, clean: str) -> None:
    assert _choose([raw, LEAD]).text == clean


def test_nothing_but_furniture_gives_no_sure_headline() -> None:
    assert not _choose(["Trang chủ", "Liên hệ", "Sơ đồ trang"]).sure


@pytest.mark.parametrize(("line", "pieces"), [
    pytest.param(f"{HEADLINE} 03/02/2024 11:32", [HEADLINE, "03/02/2024 11:32"],
                 id="stamp-after"),
    pytest.param("Chính trị 16-04-2024", ["Chính trị", "16-04-2024"], id="label-and-date"),
    pytest.param("15/03/2012Chiều hôm qua, UBND tỉnh họp",
                 ["15/03/2012", "Chiều hôm qua, UBND tỉnh họp"], id="date-glued-to-lead"),
    pytest.param("Thứ sáu, 10:15, 25/08/2023 Hồng Thái Hồng Thái",
                 ["Thứ sáu, 10:15, 25/08/2023", "Hồng Thái"], id="stamp-and-doubled-byline"),
    pytest.param(f"{HEADLINE} (BBNĐT) - {LEAD}", [HEADLINE, f"(BBNĐT) - {LEAD}"],
                 id="headline-and-lead-keeps-its-dateline"),
    pytest.param("Thứ năm, 11/12/2025 09:40 (GMT+7)", ["Thứ năm, 11/12/2025 09:40 (GMT+7)"],
                 id="a-stamp-stays-whole"),
])
def test_glued_lines_come_apart(line: str, pieces: list[str]) -> None:
    assert split_glued(line) == pieces


@pytest.mark.parametrize(("line", "found"), [
    pytest.param(f" date 2026-01-21 {HEADLINE}", ("2026-01-21", HEADLINE), id="day"),
    pytest.param(" date 2019-01 Theo dõi Báo Nghệ An trên",
                 ("2019-01", "Theo dõi Báo Nghệ An trên"), id="month-on-a-widget"),
    pytest.param(HEADLINE, (None, HEADLINE), id="none"),
])
def test_the_scrapers_date_prefix(line: str, found) -> None:
    assert scraper_date(line) == found


@pytest.mark.parametrize(("url", "slug"), [
    pytest.param("https://x.vn/so-ket-cong-tac-dang-post552585.html",
                 {"so", "ket", "cong", "tac", "dang"}, id="post-id"),
    pytest.param("https://x.vn/tin/21483907.epi", set(), id="numeric-only"),
    pytest.param("https://[x/bad", set(), id="malformed"),
    pytest.param("https://x.vn/" + "a-" * 400, set(), id="overlong"),
])
def test_slug_words(url: str, slug: set[str]) -> None:
    assert slug_words(url) == slug
