"""Saved HTML pages: JSON-LD NewsArticle and OpenGraph-only structures."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.article.model import PartialDate
from newsarchive.clean.extract import build_article
from newsarchive.clean.html_page import read_html

FIXTURES = Path(__file__).parent / "fixtures" / "raw"


def _read(name: str):
    return read_html((FIXTURES / name).read_text("utf-8"))


def test_json_ld_news_article_in_graph() -> None:
    _, _, hints = _read("f17_jsonld_tayninh_2024.html")
    assert hints.title == "Chi bộ Tổng hợp Văn phòng UBND tỉnh Đại hội nhiệm kỳ 2024-2027"
    assert hints.date == PartialDate(2024, 5, 22)
    assert hints.authors == ["Thanh Tâm"]
    assert hints.url == "https://baotayninh.vn/chi-bo-tong-hop-van-phong-ubnd-tinh-dai-hoi-a175001.html"
    assert hints.site_name == "Báo Tây Ninh"


def test_page_without_paragraph_tags_still_gives_its_text() -> None:
    page = ("<html><head><title>x</title></head><body><nav>Trang chủ</nav><div>"
            "Hội nghị sơ kết<br>Ngày 2/3/2023, Văn phòng họp.<br>Minh Anh</div></body></html>")
    text, _, _ = read_html(page)
    assert text.splitlines() == ["Hội nghị sơ kết", "Ngày 2/3/2023, Văn phòng họp.", "Minh Anh"]


def test_open_graph_only() -> None:
    _, _, hints = _read("f18_opengraph_sggp_2023.html")
    assert hints.title == "Văn phòng UBND TP.HCM tổng kết công tác năm 2022"
    assert hints.date == PartialDate(2023, 1, 6)
    assert hints.authors == ["Thu Hương"]
    assert hints.site_name == "Báo Sài Gòn Giải Phóng"


@pytest.mark.parametrize(("name", "kept", "gone"), [
    pytest.param("f17_jsonld_tayninh_2024.html",
                 ["(BTN) - Sáng 21-5, Chi bộ Tổng hợp", "tổng hợp & kết nạp 2 đảng viên mới"],
                 ["Trang chủ", "Chia sẻ Facebook Zalo", "Tin liên quan", "Đọc nhiều nhất",
                  "quảng cáo", "Cơ quan của Đảng bộ tỉnh"], id="json-ld"),
    pytest.param("f18_opengraph_sggp_2023.html",
                 ["(SGGP).- Chiều 6-1", "Trung tâm điều hành thông minh"],
                 ["Thời sự | Chính trị", "Facebook Zalo"], id="open-graph"),
])
def test_article_column_only(name: str, kept: list[str], gone: list[str]) -> None:
    text, _, _ = _read(name)
    for snippet in kept:
        assert snippet in text
    for snippet in gone:
        assert snippet not in text


@pytest.mark.parametrize(("name", "heading", "caption"), [
    pytest.param("f17_jsonld_tayninh_2024.html", "Phương hướng nhiệm kỳ mới",
                 ("Quang cảnh Đại hội.", "T.T"), id="h2-figcaption"),
    pytest.param("f18_opengraph_sggp_2023.html", "Đẩy mạnh chuyển đổi số",
                 ("Lãnh đạo Văn phòng phát biểu tại hội nghị.", "Việt Dũng"), id="h3-figcaption"),
])
def test_headings_and_captions_come_from_markup(name: str, heading: str,
                                                caption: tuple[str, str]) -> None:
    text, structure, hints = _read(name)
    article = build_article(text, hints, structure)
    assert f"\n## {heading}\n" in article.body
    assert [(i.caption, i.credit) for i in article.images] == [caption]


@pytest.mark.parametrize(("stamp_html", "expected"), [
    pytest.param('<meta itemprop="datePublished" content="2025-12-10T14:05:00+07:00">',
                 PartialDate(2025, 12, 10), id="itemprop"),
    pytest.param('<p class="news-date">Ngày đăng: 06/01/2017 | Lượt xem: 318</p>',
                 PartialDate(2017, 1, 6), id="classed-date-with-counter"),
    pytest.param('<span class="time-now">Thứ năm, 11/12/2025</span>', None,
                 id="today-widget-is-not-the-date"),
])
def test_a_stamp_printed_outside_the_column(stamp_html: str, expected) -> None:
    page = (f"<html><head><title>Hội nghị tổng kết</title></head><body>{stamp_html}"
            "<article><h1>Hội nghị tổng kết công tác năm</h1><p>Sáng 5-1, Văn phòng tổ chức "
            "hội nghị tổng kết công tác năm với đông đủ cán bộ, công chức.</p></article>"
            "</body></html>")
    assert read_html(page)[2].date == expected


def test_a_sapo_in_a_div_is_the_lead_and_a_short_meta_div_is_not() -> None:
    page = ("<html><body><article><h1>Huyện khánh thành cầu mới</h1>"
            "<div class='meta'>Báo tỉnh <time>28/04/2021 09:15</time></div>"
            "<div class='sapo'>Sáng 27-4, UBND huyện tổ chức lễ khánh thành cây cầu bắc qua "
            "sông, nối hai xã vùng sâu.</div>"
            "<p>Công trình khởi công từ tháng 3/2020, dài 120 m, vốn ngân sách tỉnh.</p>"
            "</article></body></html>")
    text, structure, hints = read_html(page)
    assert text.split("\n")[1].startswith("Sáng 27-4") and "09:15" not in text
    article = build_article(text, hints, structure)
    assert str(article.event_date) == "2021-04-27"
