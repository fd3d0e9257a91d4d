"""Fragments and pages: escaping, Vietnamese dates and labels, links, article page parts."""

from __future__ import annotations

import json
import re

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.article.body import escape_markdown
from newsarchive.article.body import figure_line as render_figure
from newsarchive.article.model import Article, Image, PartialDate, Source
from newsarchive.site.display import event_label, format_partial
from newsarchive.site.pages import ArticleContext, article_page, head_html, pager
from newsarchive.site.render import (
    brief_entry,
    entry,
    esc,
    external_link,
    has_figure_lines,
    href,
    lede,
    province_html,
    safe_body,
    safe_json,
)

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.mark.parametrize(("value", "expected"), [
    (PartialDate(2017, 8, 28), "Thứ Hai, 28 tháng 8 năm 2017"),
    (PartialDate(2020, 6, 5), "Thứ Sáu, 5 tháng 6 năm 2020"),
    (PartialDate(2018, 12), "Tháng 12 năm 2018"),
    (PartialDate(1988), "Năm 1988"),
    (None, "Chưa xác định"),
], ids=["day", "another-day", "month", "year", "unknown"])
def test_dates_in_vietnamese(value, expected) -> None:
    assert format_partial(value) == expected


@pytest.mark.parametrize(("slug", "label"), [
    ("dai-hoi", "Đại hội"), ("so-ket", "Sơ kết"), ("khen-thuong", "Khen thưởng"),
    ("bogus", "Chưa xác định"),
], ids=["dai-hoi", "so-ket", "khen-thuong", "unknown"])
def test_event_labels(slug, label) -> None:
    assert event_label(slug) == label


@pytest.mark.parametrize(("body", "must_not_contain"), [
    ("<script>alert(1)</script>", "<script"),
    ("<img src=x onerror=alert(2)>", "<img"),
    ("[bấm](javascript:alert(3))", "[bấm]"),
    ("![x](javascript:alert(4))", "![x]"),
    ('Đoạn {: onclick="alert(5)" }', "{:"),
    ("[ref]: javascript:alert(6)", "[ref]"),
], ids=["script", "img", "link", "image", "attr-list", "reference"])
def test_safe_body_makes_markup_inert(body, must_not_contain) -> None:
    assert must_not_contain not in safe_body(body)


FIGURE = ('<figure class="caption"><figcaption>Quang cảnh hội nghị. '
          '<span class="credit">Ảnh: M.Đ</span></figcaption></figure>')


@pytest.mark.parametrize(("line", "caption"), [
    (FIGURE, "Quang cảnh hội nghị. (Ảnh: M.Đ)"),
    ('<figure class="caption"><figcaption>Quang cảnh</figcaption></figure>', "Quang cảnh"),
    ('<figure class="caption"><figcaption><span class="credit">Ảnh: T.N</span>'
     "</figcaption></figure>", "Ảnh: T.N"),
    ('<figure class="caption"><figcaption><script>alert(1)</script></figcaption></figure>',
     "<script>alert(1)</script>"),
], ids=["caption-and-credit", "caption-only", "credit-only", "crafted-markup-is-text"])
def test_cleaner_figure_lines_become_escaped_figures(line, caption) -> None:
    soup = BeautifulSoup(safe_body(f"Đoạn.\n\n{line}\n\nĐoạn sau."), "html.parser")
    assert [f.get_text() for f in soup.find_all("figcaption")] == [caption]
    assert soup.find("script") is None and has_figure_lines(line)


@pytest.mark.parametrize("body", [
    f"Chữ trước {FIGURE}", FIGURE.replace('class="caption"', 'class="x" onclick="alert(1)"'),
], ids=["not-a-whole-line", "other-attributes"])
def test_other_figure_markup_stays_text(body) -> None:
    assert "<figure" not in safe_body(body) and not has_figure_lines(body)


def test_figures_placed_in_the_body_are_not_listed_again() -> None:
    soup, _ = _article_soup(_ben_tre(body=f"Đoạn.\n\n{FIGURE}\n"))
    assert [f.get_text() for f in soup.find_all("figcaption")] == [
        "Quang cảnh hội nghị. (Ảnh: M.Đ)"]
    assert soup.select(".na-figures") == []


def test_safe_body_keeps_the_words() -> None:
    assert safe_body("A & B <b>") == "A &amp; B &lt;b&gt;"


def test_esc_escapes_quotes_and_joins_lines() -> None:
    assert esc('a"b\n<c>') == "a&quot;b &lt;c&gt;"


def test_safe_json_cannot_close_its_script_element() -> None:
    text = safe_json({"headline": "</script><!-- & -->"})
    assert "</" not in text and "<!--" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><!-- & -->"


@pytest.mark.parametrize(("start", "target", "expected"), [
    ("", "tinh/", "tinh/"),
    ("tinh/ben-tre/", "", "../../"),
    ("bai-viet/2017/x/", "tinh/ben-tre/", "../../../tinh/ben-tre/"),
    ("", "", "./"),
    ("nam/", "feeds/index.xml", "../feeds/index.xml"),
    ("bai-viet/2017/x/", "bai-viet/2017/y/", "../y/"),
    ("bai-viet/2017/x/", "bai-viet/2018/y/", "../../2018/y/"),
    ("tinh/ben-tre/page/2/", "tinh/ben-tre/", "../../"),
    ("tinh/", "tinh/", "./"),
], ids=["home-down", "up-to-home", "across", "home-self", "feed-file", "sibling",
        "cousin", "page-one", "self"])
def test_href_is_relative(start, target, expected) -> None:
    assert href(start, target) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://baogialai.com.vn/a", '<a href="https://baogialai.com.vn/a" rel="noopener nofollow">'),
    ("javascript:alert(1)", "Báo"),
    ('https://x.vn/?q="><script>', '<a href="https://x.vn/?q=&quot;&gt;&lt;script&gt;"'),
], ids=["https", "javascript-is-text", "quotes-escaped"])
def test_external_link(url, expected) -> None:
    assert external_link(url, "Báo").startswith(expected)


def test_lede_is_first_paragraph_without_markup() -> None:
    article = Article("t", body="# Tiêu đề phụ\n\n**Ngày 4-6**, Đại hội _đã_ bầu.\n\nĐoạn hai.")
    assert lede(article) == "Ngày 4-6, Đại hội đã bầu."
    long = Article("t", body=" ".join(["chữ"] * 200))
    assert lede(long).endswith("…") and len(lede(long)) <= 281


def _ben_tre(**changes) -> Article:
    fields = dict(title="Đại hội Chi bộ", date=PartialDate(2020, 6, 5),
                  event_date=PartialDate(2020, 6, 4), provinces=["Bến Tre"], event_type="dai-hoi",
                  tags=["Đảng bộ"], source=Source("Báo Đồng Khởi", "https://baodongkhoi.vn/a"),
                  authors=["Thanh Đồng"], images=[Image("Quang cảnh đại hội", "T.Đ")],
                  body="Ngày 4-6, đại hội.", slug="ben-tre-dai-hoi")
    fields.update(changes)
    return Article(**fields)


def test_province_html_says_where_a_merged_province_belongs_now() -> None:
    soup = BeautifulSoup(province_html(_ben_tre(), "bai-viet/2020/ben-tre-dai-hoi/"), "html.parser")
    assert soup.get_text() == "Bến Tre (nay thuộc Vĩnh Long)"
    assert [a["href"] for a in soup.find_all("a")] == ["../../../tinh/ben-tre/",
                                                       "../../../tinh/vinh-long/"]


@pytest.mark.parametrize(("provinces", "text"), [
    (["Hải Phòng", "Kiên Giang"], "Hải Phòng; Kiên Giang (nay thuộc An Giang)"),
    (["Kiên Giang", "Hải Phòng"], "Kiên Giang (nay thuộc An Giang); Hải Phòng"),
    (["Bến Tre", "Trà Vinh"], "Bến Tre (nay thuộc Vĩnh Long); Trà Vinh (nay thuộc Vĩnh Long)"),
    (["Hà Nội", "Cao Bằng"], "Hà Nội, Cao Bằng"),
], ids=["only-the-changed-one", "order-kept", "each-its-own-note", "none-changed"])
def test_multi_province_line_says_what_each_belongs_to_now(provinces, text) -> None:
    html = province_html(_ben_tre(provinces=provinces, date=PartialDate(2020, 6, 5)), "")
    assert BeautifulSoup(html, "html.parser").get_text() == text


@pytest.mark.parametrize(("provinces", "text"), [
    (["Hà Nội"], "Hà Nội"),
    (["Vĩnh Long"], "Vĩnh Long"),
    ([], "Chưa xác định"),
    (["Phú Khánh"], "Phú Khánh (chưa xác định)"),
], ids=["unchanged", "same-name-no-note", "none", "not-in-gazetteer"])
def test_province_html_without_merger_note(provinces, text) -> None:
    html = province_html(_ben_tre(provinces=provinces), "")
    assert BeautifulSoup(html, "html.parser").get_text() == text


def _article_soup(article: Article, context: ArticleContext | None = None) -> BeautifulSoup:
    page = article_page(article, context or ArticleContext())
    meta, body = page.markdown.split("\n---\n", 1)
    html = page.before + body + page.after
    return BeautifulSoup(html, "html.parser"), json.loads(meta.removeprefix("---\n"))


def test_article_page_facts() -> None:
    soup, meta = _article_soup(_ben_tre())
    facts = {dt.get_text(): dd.get_text() for dt, dd in
             zip(soup.select("dl.na-facts dt"), soup.select("dl.na-facts dd"), strict=True)}
    assert facts == {
        "Ngày đăng": "Thứ Sáu, 5 tháng 6 năm 2020",
        "Ngày diễn ra sự kiện": "Thứ Năm, 4 tháng 6 năm 2020",
        "Tỉnh, thành phố": "Bến Tre (nay thuộc Vĩnh Long)",
        "Loại sự kiện": "Đại hội", "Thẻ": "Đảng bộ", "Nguồn": "Báo Đồng Khởi",
        "Tác giả": "Thanh Đồng",
    }
    assert soup.select_one("figcaption").get_text() == "Quang cảnh đại hội (Ảnh: T.Đ)"
    assert soup.select_one("figure .na-figure__missing").get_text() == "Ảnh không được lưu"
    assert meta["lastmod"] == "2020-06-05" and meta["title"] == "Đại hội Chi bộ"


def test_article_page_says_chua_xac_dinh_for_every_unknown_field() -> None:
    bare = Article("Tin ngắn", body="Nội dung.", slug="tin-ngan")
    soup, meta = _article_soup(bare)
    values = [dd.get_text() for dd in soup.select("dl.na-facts dd")]
    assert values == ["Chưa xác định"] * 3 + ["Khác"] + ["Chưa xác định"] * 3
    assert "lastmod" not in meta


def test_article_page_escapes_everything_from_the_article() -> None:
    hostile = _ben_tre(title=HOSTILE, tags=[HOSTILE], authors=[HOSTILE], body=HOSTILE,
                       images=[Image(HOSTILE, HOSTILE)], source=Source(HOSTILE, "javascript:x"))
    page = article_page(hostile, ArticleContext(related=[hostile]))
    text = page.markdown + page.before + page.after
    assert not re.search(r"<script>alert|<img src=x", text)
    soup, meta = _article_soup(hostile)
    assert soup.select_one("h1").get_text() == HOSTILE
    assert meta["title"] == esc(HOSTILE)
    assert not soup.select("dl.na-facts a[href^=javascript]")


def test_article_page_links_neighbours_and_related() -> None:
    older, newer = _ben_tre(title="Cũ", slug="cu"), _ben_tre(title="Mới", slug="moi")
    soup, _ = _article_soup(_ben_tre(), ArticleContext(newer, older, [older]))
    around = soup.select_one("nav.na-around")
    assert "Bài trước: Cũ" in around.get_text() and "Bài sau: Mới" in around.get_text()
    assert [a["href"] for a in around.select("ul a")] == ["../cu/"]


def _head(article: Article, site_url: str = "https://vp.example/") -> tuple[dict, dict]:
    soup = BeautifulSoup(head_html(article, site_url), "html.parser")
    og = {m["property"]: m["content"] for m in soup.find_all("meta")}
    return og, json.loads(soup.find("script", type="application/ld+json").string)


def test_head_html_has_opengraph_and_news_article_json_ld() -> None:
    og, data = _head(_ben_tre(title=HOSTILE))
    assert og == {"article:published_time": "2020-06-05"}  # the section is in the JSON-LD
    assert data["@type"] == "NewsArticle" and data["headline"] == HOSTILE
    assert data["articleSection"] == "Đại hội"
    # said once each: description in the meta tags, tags as the page's links, language in <html>
    assert not {"description", "keywords", "inLanguage"} & data.keys()
    assert data["author"] == [{"@type": "Person", "name": "Thanh Đồng"}]
    assert data["url"] == "https://vp.example/bai-viet/2020/ben-tre-dai-hoi/"


@pytest.mark.parametrize(("dates", "published", "event"), [
    ({"date": PartialDate(2020, 6, 5), "event_date": PartialDate(2020, 6, 4)},
     "2020-06-05", "2020-06-04"),
    ({"date": None, "event_date": PartialDate(2020, 6, 4)}, "2020-06-04", "2020-06-04"),
    ({"date": None, "event_date": PartialDate(2012, 1)}, "2012-01", "2012-01"),
    ({"date": PartialDate(2012, 1), "event_date": None}, "2012-01", None),
], ids=["both", "event-date-only", "event-month-only", "published-month"])
def test_json_ld_dates_keep_their_precision(dates, published, event) -> None:
    og, data = _head(_ben_tre(**dates))
    assert (data["datePublished"], data["dateModified"]) == (published, published)
    assert data.get("contentReferenceTime") == event
    assert og.get("article:published_time") == (str(dates["date"]) if dates["date"] else None)


def test_brief_entry_shows_title_date_and_provinces_only() -> None:
    html = brief_entry(_ben_tre(), "bai-viet/2020/ben-tre-dai-hoi/", "nam/2020/")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.small.get_text() == "4/6/2020 · Bến Tre" and not soup.select("[class]")
    assert [a.get_text() for a in soup.find_all("a")] == ["Đại hội Chi bộ", "Bến Tre"]
    assert "Ngày 4-6, đại hội." not in soup.get_text(" ")


def test_entry_shows_date_provinces_event_and_lede() -> None:
    html = entry(_ben_tre(), "bai-viet/2020/ben-tre-dai-hoi/", "tinh/ben-tre/")
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    for part in ("Đại hội Chi bộ", "4/6/2020", "Bến Tre", "Đại hội",
                 "Ngày 4-6, đại hội."):
        assert part in text


@pytest.mark.parametrize(("number", "total", "links"), [
    (1, 1, []),
    (1, 3, ["2", "3", "Trang sau »"]),
    (5, 20, ["« Trang trước", "1", "2", "3", "4", "6", "7", "8", "20", "Trang sau »"]),
], ids=["single", "first-of-three", "middle-of-many"])
def test_pager(number, total, links) -> None:
    url = "tinh/x/" if number == 1 else f"tinh/x/page/{number}/"
    soup = BeautifulSoup(pager("tinh/x/", url, number, total), "html.parser")
    assert [a.get_text() for a in soup.find_all("a")] == links


# --- the body contract: the cleaner's Markdown, through safe_body and Python-Markdown
# configured as in mkdocs.yml, displays exactly the published text -------------------

_MARKDOWN = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc"])
_PUBLISHED = st.text(alphabet="amplgtăâđêôơưhịạ ĐỦ*_`[](){}<>&#;\\!-+=.:/x019\"'", min_size=1,
                     max_size=60).map(lambda s: " ".join(s.split())).filter(bool)


def displayed(body: str) -> str:
    html_out = _MARKDOWN.reset().convert(safe_body(body))
    return " ".join(BeautifulSoup(html_out, "html.parser").get_text().split())


@pytest.mark.parametrize("published", [
    "<script>alert(1)</script> [x](javascript:alert(1))",
    "Kinh tế & Đô thị; R&amp;D; &#60;b&#62;",
    "* Hội nghị {: onclick=x} \\ cuối",
    "1. Dùng mẫu chuẩn",
    "# Lưu ý",
], ids=["markup", "entities-as-published", "star-attr-backslash", "number", "hash"])
def test_cleaner_paragraph_displays_as_published(published: str) -> None:
    assert displayed(escape_markdown(published)) == published


@settings(max_examples=300, deadline=None)
@given(_PUBLISHED)
def test_any_cleaner_paragraph_displays_as_published(published: str) -> None:
    assert displayed(escape_markdown(published)) == published


def test_cleaner_figure_line_displays_its_caption_once() -> None:
    body = "Mở đầu.\n\n" + render_figure("Quang cảnh <b>hội nghị</b> & khách", "T&N")
    assert displayed(body) == ("Mở đầu. Ảnh không được lưu Quang cảnh <b>hội nghị</b> & "
                               "khách (Ảnh: T&N)")
