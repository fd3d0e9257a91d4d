"""Raw text → Article: body shape, escaping, and the rules that set review flags."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.article.body import escape_markdown
from newsarchive.article.body import figure_line as render_figure
from newsarchive.article.model import dumps, loads
from newsarchive.article.validate import check_text, errors
from newsarchive.clean.extract import Hints, build_article, parse
from newsarchive.errors import RawInputError

SEEDS = sorted((Path(__file__).parent.parent / "articles" / "raw").glob("*.txt"))


def _article(lead: str, *paragraphs: str, headline: str = "Hội nghị sơ kết công tác năm 2023",
             stamp: str = "") -> str:
    return "\n\n".join(filter(None, [headline, stamp, lead, *paragraphs, "Minh Anh"]))


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("* Hội nghị sơ kết", "\\* Hội nghị sơ kết", id="seed-000-star-not-list"),
    pytest.param("- Thưa ông,", "\\- Thưa ông,", id="dash-not-list"),
    pytest.param("1. Dùng mẫu chuẩn", "1\\. Dùng mẫu chuẩn", id="number-not-list"),
    pytest.param("# Lưu ý", "\\# Lưu ý", id="hash-not-heading"),
    pytest.param("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>", id="tag"),
    pytest.param("a < b > c", "a < b > c", id="comparison-as-published"),
    pytest.param("**đậm** và [liên kết](x)", "\\*\\*đậm\\*\\* và \\[liên kết\\](x)", id="inline"),
    pytest.param("Kinh tế & Đô thị", "Kinh tế & Đô thị", id="ampersand-as-published"),
    pytest.param("R&amp;D &#60;", "R&amp;amp;D &amp;#60;", id="entity-like"),
    pytest.param("> trích dẫn", "\\> trích dẫn", id="quote"),
    pytest.param("C:\\Tài liệu {x}", "C:\\\\Tài liệu \\{x\\}", id="backslash-braces"),
])
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_figure_escapes_caption_and_credit() -> None:
    figure = render_figure("Ảnh <b>đẹp</b>", "T&N")
    assert "<b>" not in figure and "&lt;b&gt;" in figure and "Ảnh: T&amp;N" in figure


def test_title_is_stored_as_published() -> None:
    text = _article("Ngày 8-7-2021, Văn phòng tổ chức hội nghị sơ kết.",
                    headline="Hội nghị <script>alert(1)</script> & sơ kết")
    assert build_article(text).title == "Hội nghị <script>alert(1)</script> & sơ kết"


def test_subheadings_become_headings_and_sentences_stay_paragraphs() -> None:
    text = _article("Ngày 22/6/2025, Đảng bộ tổ chức Đại hội.",
                    "Hải Phòng: Nâng cao chất lượng, hiệu quả công tác tham mưu, phục vụ",
                    "Trong 5 năm qua, Đảng bộ đã thực hiện nghiêm nguyên tắc.")
    body = build_article(text).body
    assert "\n## Hải Phòng: Nâng cao chất lượng, hiệu quả công tác tham mưu, phục vụ\n" in body
    assert "\nTrong 5 năm qua, Đảng bộ đã thực hiện nghiêm nguyên tắc." in body


def test_repeated_caption_is_one_figure_and_one_image() -> None:
    text = _article("Ngày 22/6/2025, Đảng bộ tổ chức Đại hội.", "Quang cảnh Đại hội.",
                    "Quang cảnh Đại hội.", "Đại hội thành công.")
    article = build_article(text)
    assert article.body.count("Quang cảnh Đại hội.") == 1
    assert [(i.caption, i.credit) for i in article.images] == [("Quang cảnh Đại hội.", None)]


def test_credit_only_photo_stays_in_body_not_in_images() -> None:
    """Seed 001 prints a bare "Ảnh: T.N" twice: one figure; no caption, so no image entry
    (the validator requires a caption and the credit is still shown in the body)."""
    text = _article("Ngày 2/3/2023, hội nghị.", "Ảnh: T.N", "Ảnh: T.N", "Đoạn sau.")
    article = build_article(text)
    assert article.body.count("Ảnh: T.N") == 1
    assert article.images == []


@pytest.mark.parametrize(("stamp", "lead", "date", "review"), [
    pytest.param("05/06/2019 - 08:00", "diễn ra cuối tháng 12/2012.", None, True,
                 id="printed-date-contradicts-text-years"),
    pytest.param("09/07/2021 - 12:07", "Ngày 8-7-2021, Đảng ủy họp.", "2021-07-09", False,
                 id="consistent"),
    pytest.param("09/07/2031 - 12:07", "Ngày 8-7-2031, Đảng ủy họp.", None, True, id="future"),
    pytest.param("09/07/1900 - 12:07", "Ngày 8-7-1900, Đảng ủy họp.", None, True, id="too-old"),
])
def test_publication_date_rules(stamp: str, lead: str, date: str | None, review: bool) -> None:
    article = build_article(_article(lead, stamp=stamp, headline="Văn phòng đẩy mạnh cải cách"))
    assert (str(article.date) if article.date else None) == date
    assert ("date" in article.review) is review


def test_event_year_from_publication_date_of_next_year() -> None:
    """A "Ngày 30-12" lead under a 2 January stamp happened the year before."""
    article = build_article(_article("Ngày 30-12, Văn phòng họp.", stamp="02/01/2024 - 08:00"))
    assert str(article.event_date) == "2023-12-30"


def test_only_chrome_is_rejected() -> None:
    with pytest.raises(RawInputError, match="no article text"):
        parse("Chính trị\n\nChia sẻ bài viết\n.\n", name="x.txt")


def test_source_url_reveals_publication_and_province() -> None:
    text = _article("Đó là nhiệm vụ được nêu tại Hội nghị tổng kết diễn ra đầu tháng 01/2012.")
    article = build_article(text, Hints(url="https://vpubnd.laichau.gov.vn/x"))
    assert article.provinces == ["Lai Châu"]
    assert article.source.name == "Cổng thông tin điện tử Văn phòng UBND tỉnh Lai Châu"


def _plain(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", body.replace("\\", "")))


def _sentences(seed: Path) -> list[str]:
    parsed = parse(seed.read_text("utf-8"))
    return [s.strip() for b in parsed.blocks for s in re.split(r"(?<=[.!?])\s+", b.text)
            if len(s.strip()) > 20]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_no_body_sentence_of_a_seed_is_lost(seed: Path) -> None:
    body = " ".join(_plain(build_article(seed.read_text("utf-8")).body).split())
    for sentence in _sentences(seed):
        assert " ".join(sentence.split()) in body


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_cleaning_never_raises_on_arbitrary_text(text: str) -> None:
    try:
        article = build_article(text)
    except RawInputError:
        return  # nothing but chrome: a typed refusal, as the CLI reports it
    assert "<script" not in article.body.lower()


@settings(max_examples=40, deadline=None)
@given(seed=st.sampled_from(SEEDS), pad=st.sampled_from(["", " ", "\u00a0", "\n", "  \n\n"]))
def test_whitespace_noise_loses_no_seed_sentence(seed: Path, pad: str) -> None:
    noisy = "\n".join(pad + line + pad for line in seed.read_text("utf-8").splitlines())
    body = " ".join(_plain(build_article(noisy).body).split())
    for sentence in _sentences(seed):
        assert " ".join(sentence.split()) in body


# --- properties over raw texts made of the pieces real pages are made of -------------

_SEED_LINES = sorted({line.strip() for seed in SEEDS for line in seed.read_text("utf-8")
                      .splitlines() if line.strip()})
_PIECES = st.one_of(
    st.sampled_from(_SEED_LINES),
    st.sampled_from(["Chính trị", "Theo dõi Báo Gia Lai trên Google News", "Chia sẻ bài viết",
                     "BÌNH LUẬN", ".", "Thứ ba 20/4/2021", "Cập nhật: 20:45, 07/10/2018 (GMT+7)",
                     "Ngày 22/6", "Sáng 12-7", "Ảnh: T.N", "Nguyên An - Khánh Thùy",
                     "Nguồn Pháp Luật VN: https://baophapluat.vn/x.html", "(GLO)- Sáng 12-7,",
                     "<script>alert(1)</script>", "[x](javascript:alert(1))", "{{ jinja }}",
                     "Ngày 31/2/2024", "năm 1900", "tỉnh Atlantis", "TP.HCM", "BR-VT"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80),
)
_RAW_TEXTS = st.lists(_PIECES, min_size=1, max_size=25).map("\n".join)


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_RAW_TEXTS)
def test_every_article_the_cleaner_makes_passes_the_validator_and_is_stable(text: str) -> None:
    try:
        article = build_article(text)
    except RawInputError:
        return  # refused with a reason, which the ledger reports
    article.raw = "raw/x.txt"
    written = dumps(article)
    problems = check_text(written, "x.md", date(2026, 11, 21))
    assert errors(problems) == []  # never a value the validator refuses
    assert {p.field.split(".")[0] for p in problems} <= set(article.review)  # warned: flagged
    assert dumps(loads(written, "x.md")) == written  # what it writes reads back the same
    again = build_article(text)
    again.raw = "raw/x.txt"
    assert dumps(again) == written  # the same input, the same bytes


def test_a_list_of_headlines_under_a_label_ending_the_page_is_not_the_article() -> None:
    text = ("Ba tỉnh kiện toàn lãnh đạo Văn phòng UBND tỉnh\n\n"
            "Trong tuần, ba tỉnh miền núi đã công bố quyết định bổ nhiệm Chánh Văn phòng.\n\n"
            "THU HÀ\n\nĐọc nhiều\n"
            "Quảng Ninh khánh thành trung tâm hành chính công mới\n"
            "Hà Tĩnh tổng kết mười năm xây dựng nông thôn mới\n")
    article = build_article(text)
    assert article.authors == ["THU HÀ"]
    assert "Quảng Ninh" not in article.body and "Quảng Ninh" not in article.provinces


def test_a_byline_over_related_headlines_stays_the_byline() -> None:
    text = ("Ba tỉnh kiện toàn lãnh đạo Văn phòng UBND tỉnh\n\n"
            "Trong tuần, ba tỉnh miền núi đã công bố quyết định bổ nhiệm Chánh Văn phòng.\n\n"
            "THU HÀ\n"
            "Quảng Ninh khánh thành trung tâm hành chính công mới\n"
            "Hà Tĩnh tổng kết mười năm xây dựng nông thôn mới\n")
    assert build_article(text).authors == ["THU HÀ"]


def test_a_provincial_paper_on_another_province_is_flagged_not_credited_home() -> None:
    """The Sài Gòn Giải Phóng page about Lâm Đồng never names Hồ Chí Minh: the
    publisher's city is not published as a subject, and the provinces go to review."""
    text = ("Lâm Đồng khánh thành kho lưu trữ chuyên dụng\n\n"
            "Sáng 10/11, UBND tỉnh Lâm Đồng khánh thành kho lưu trữ chuyên dụng của tỉnh.\n")
    article = build_article(text, Hints(url="https://www.sggp.org.vn/lam-dong-kho-luu-tru-post1.html"))
    assert article.provinces == ["Lâm Đồng"] and "provinces" in article.review


def test_a_round_up_of_several_days_gets_no_event_day() -> None:
    text = ("Nhân sự mới ở hai tỉnh miền núi\n\n"
            "(PV) - Hai tỉnh vừa kiện toàn lãnh đạo Văn phòng UBND tỉnh.\n\n"
            "Chiều 13/3/2024, UBND tỉnh Lai Châu công bố quyết định bổ nhiệm Chánh Văn phòng.\n\n"
            "Sáng 14/3/2024, UBND tỉnh Cao Bằng trao quyết định điều động Phó Chánh Văn phòng.\n")
    article = build_article(text)
    assert article.event_date is None and "event_date" in article.review


def test_a_later_paragraph_opening_with_the_day_dates_the_event() -> None:
    text = ("Đảng bộ Văn phòng tổ chức đại hội\n\n"
            "(PV) - Đảng bộ Văn phòng UBND tỉnh vừa tổ chức đại hội nhiệm kỳ mới.\n\n"
            "Ngày 22/6/2020, đại hội đã bầu Ban Chấp hành khóa mới gồm 9 đồng chí.\n")
    assert str(build_article(text).event_date) == "2020-06-22"


@pytest.mark.parametrize("headline", [
    "UBND thành phố tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024",
    "UBND thành phố tổng kết công tác năm 2023",
], ids=["both-years", "reviewed-year-only"])
def test_an_undated_year_end_review_is_held_early_the_next_year(headline: str) -> None:
    text = f"{headline}\n\nSáng 10/1, UBND thành phố tổ chức hội nghị tổng kết công tác năm 2023.\n"
    assert str(build_article(text).event_date) == "2024-01-10"


def test_a_printed_day_refines_the_scrapers_month() -> None:
    text = (" date 2025-07 Tỉnh giao nhiệm vụ Chánh Văn phòng 03/07/2025 14:32\n\n"
            "Chiều 2/7, UBND tỉnh tổ chức hội nghị công bố quyết định về công tác cán bộ.\n")
    assert str(build_article(text).date) == "2025-07-03"


def test_a_paragraph_opening_with_a_time_of_day_and_date_dates_the_event() -> None:
    text = ("Đoàn Văn phòng ra quân tình nguyện hè 2019\n\n"
            "Căn cứ kế hoạch của Ban Chấp hành Đoàn, đoàn viên tham gia chiến dịch tình nguyện.\n\n"
            "Sáng ngày 2/6, Đoàn Văn phòng UBND tỉnh tổ chức lễ ra quân chiến dịch hè.\n")
    assert str(build_article(text).event_date) == "2019-06-02"


@pytest.mark.parametrize(("line", "authors"), [
    ("Gia Lai", []), ("SỰ KIỆN", []), ("ThS. Lê Hoàng Phúc", ["Lê Hoàng Phúc"]),
], ids=["a-place-is-nobody", "a-section-label-is-nobody", "academic-title-dropped"])
def test_what_a_last_line_names(line: str, authors: list[str]) -> None:
    text = ("Huyện tổ chức hội nghị triển khai nhiệm vụ năm mới\n\n"
            "Sáng 3/1/2024, UBND huyện tổ chức hội nghị triển khai nhiệm vụ năm 2024.\n\n"
            f"{line}\n")
    assert build_article(text).authors == authors


def test_a_print_date_is_not_the_publication_date() -> None:
    text = ("CỔNG THÔNG TIN ĐIỆN TỬ BAN DÂN TỘC TỈNH\nNgày in: 03/05/2021\n\n"
            "Ban Dân tộc tỉnh kỷ niệm 75 năm ngày thành lập\n\n"
            "Sáng 28/4, Ban Dân tộc tỉnh tổ chức lễ kỷ niệm 75 năm ngày thành lập.\n")
    article = build_article(text)
    assert article.date is None and "date" in article.review
