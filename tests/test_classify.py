"""Event types and tags from the keyword tables."""

from __future__ import annotations

import pytest

from newsarchive.article.model import EVENT_TYPES
from newsarchive.clean.classify import classify, classify_event, event_rules, tag_table, tags_for


@pytest.mark.parametrize(("headline", "lead", "body", "expected"), [
    pytest.param("Sơ kết tình hình thực hiện Nghị quyết 6 tháng đầu năm 2021",
                 "Ngày 8-7-2021, Đảng ủy tổ chức hội nghị sơ kết",
                 "trao quyết định chuẩn y Bí thư Đảng ủy", "so-ket", id="seed-003-headline-wins"),
    pytest.param("Năm 2012, Đảng bộ Văn phòng UBND tỉnh quyết tâm hoàn thành",
                 "nêu tại Hội nghị tổng kết công tác Đảng năm 2011", "", "tong-ket",
                 id="seed-004-lead-tong-ket-over-hoi-nghi"),
    pytest.param("Đảng bộ Văn phòng UBND các tỉnh, thành sẵn sàng bứt phá",
                 "Đại hội Đảng bộ Văn phòng UBND TP Hải Phòng", "", "dai-hoi", id="seed-002"),
    pytest.param("Đảng bộ Văn phòng UBND tỉnh: Chú trọng lãnh đạo", "(GLO)- Những năm qua",
                 "Trao đổi với P.V, ông Huỳnh Kim Đồng cho biết", "chuyen-de", id="seed-001"),
    pytest.param("Văn phòng UBND TPHCM đón nhận Huân chương Lao động hạng Nhì",
                 "tổng kết công tác năm 2018", "", "khen-thuong", id="khen-thuong"),
    pytest.param("Hoà Bình bổ nhiệm Chánh Văn phòng UBND tỉnh", "", "", "nhan-su", id="nhan-su"),
    pytest.param("Giao ban Văn phòng UBND các tỉnh", "tổ chức hội nghị giao ban", "", "hoi-nghi",
                 id="hoi-nghi"),
    pytest.param("Phỏng vấn Chánh Văn phòng UBND TP Hà Nội", "", "", "chuyen-de", id="phong-van"),
    pytest.param("Văn phòng UBND tỉnh ra quân vệ sinh môi trường", "trồng cây xanh", "", "khac",
                 id="khac"),
    pytest.param("SƠ KẾT CÔNG TÁC QUÝ I", "", "", "so-ket", id="upper-case"),
])
def test_classify(headline: str, lead: str, body: str, expected: str) -> None:
    assert classify(headline, lead, body) == expected


def test_diacritics_are_kept_when_matching() -> None:
    """Fully folded, "Đảng bộ nhiệm kỳ" would contain "bo nhiem" (bổ nhiệm)."""
    assert classify("Đảng bộ nhiệm kỳ mới", "", "") != "nhan-su"


def test_tags() -> None:
    body = "chuyển đổi số; chữ ký số; trợ lý ảo"
    assert tags_for("Hội nghị", "cải cách hành chính", body) == ["Cải cách hành chính",
                                                                 "Chuyển đổi số"]


def test_tables_are_valid() -> None:
    assert sorted(event_rules()) == sorted(EVENT_TYPES)
    assert tag_table().labels


@pytest.mark.parametrize(("headline", "lead", "expected"), [
    pytest.param("Văn phòng UBND tỉnh triển khai nhiệm vụ năm 2024",
                 "Sáng 5-1, Văn phòng tổ chức hội nghị tổng kết công tác năm 2023.", "tong-ket",
                 id="review-under-a-plan-headline"),
    pytest.param("Khai mạc Kỳ họp thứ Chín HĐND tỉnh khóa XI",
                 "Sáng 8-12, HĐND tỉnh khai mạc kỳ họp thường lệ cuối năm.", "hoi-nghi",
                 id="council-session-is-a-meeting"),
    pytest.param("Văn phòng UBND tỉnh đón nhận Cờ thi đua của Chính phủ",
                 "Chiều 28-8, Văn phòng UBND tỉnh tổ chức lễ đón nhận.", "khen-thuong",
                 id="emulation-flag"),
    pytest.param("Đồng chí Lê Văn A được bầu giữ chức Phó Chủ tịch UBND tỉnh",
                 "Sáng 9-2, tại kỳ họp thứ Tư, HĐND tỉnh đã bầu bổ sung.", "nhan-su",
                 id="elected-to-a-post-at-a-session"),
    pytest.param("Phó Chánh Văn phòng UBND tỉnh nghỉ hưu trước tuổi", "", "nhan-su",
                 id="early-retirement"),
    pytest.param("Văn phòng UBND tỉnh trao tặng nhà đại đoàn kết cho hộ nghèo",
                 "Ngày 3-6, đoàn công tác đã trao nhà.", "khac", id="charity-is-not-an-award"),
    pytest.param("Những người giữ nhịp ở Văn phòng UBND tỉnh",
                 "Khi thành phố đã lên đèn, phòng tổng hợp vẫn sáng.", "chuyen-de",
                 id="undated-feature"),
    pytest.param("Văn phòng Tỉnh ủy bàn nhiệm vụ quý IV",
                 "Chiều 8/10, Văn phòng Tỉnh ủy tổ chức hội nghị đánh giá kết quả công tác "
                 "9 tháng, bàn nhiệm vụ những tháng cuối năm.", "so-ket",
                 id="nine-month-review-held-at-a-meeting"),
    pytest.param("Những mốc son qua các kỳ Đại hội Đảng bộ huyện",
                 "Hơn sáu mươi năm, Đảng bộ huyện đã trải qua mười bốn kỳ đại hội.", "chuyen-de",
                 id="look-back-over-congresses"),
    pytest.param("Văn phòng HĐND tỉnh: những đêm trắng sau mỗi kỳ họp",
                 "Khi kỳ họp bế mạc, phòng tổng hợp mới bắt đầu phần việc của mình.",
                 "chuyen-de", id="habitual-not-one-session"),
    pytest.param("Lãnh đạo tỉnh dâng hương nhân kỷ niệm ngày thành lập Đảng",
                 "Sáng 2/2, đoàn đại biểu lãnh đạo tỉnh dâng hương tại tượng đài.", "khac",
                 id="a-rite-on-an-anniversary-is-not-an-award"),
    pytest.param("Ông Trần Văn B làm Phó Chủ tịch UBND tỉnh",
                 "Chiều 5/9, Tỉnh ủy tổ chức hội nghị công bố quyết định về công tác cán bộ.",
                 "nhan-su", id="personnel-announced-at-a-meeting"),
    pytest.param("Kỳ họp thứ nhất HĐND huyện khóa mới: Bầu bổ sung và kiện toàn các chức danh",
                 "Sáng 3/7, HĐND huyện bầu Chủ tịch, Phó Chủ tịch HĐND và UBND huyện.",
                 "nhan-su", id="the-news-is-after-the-colon"),
    pytest.param("Khai mạc Đại hội Thể dục thể thao huyện lần thứ VII",
                 "Sáng 12/5, huyện khai mạc đại hội với 1.200 vận động viên.", "khac",
                 id="sports-games-called-dai-hoi"),
    pytest.param("Ban Chấp hành Đảng bộ huyện cho ý kiến văn kiện trình Đại hội",
                 "Chiều 3/4, Ban Chấp hành Đảng bộ huyện họp cho ý kiến dự thảo văn kiện.",
                 "hoi-nghi", id="a-meeting-preparing-a-congress"),
    pytest.param("Huyện tôn vinh 85 điển hình tiên tiến",
                 "Sáng 9/6, huyện tổ chức hội nghị tôn vinh các điển hình tiên tiến.",
                 "khen-thuong", id="honouring-model-workers"),
])
def test_classify_on_weighted_evidence(headline: str, lead: str, expected: str) -> None:
    assert classify(headline, lead, "") == expected


def test_a_clear_winner_is_sure_and_a_tie_is_flagged() -> None:
    clear = classify_event("Đại hội Đảng bộ Văn phòng nhiệm kỳ 2025 - 2030",
                           "Ngày 20-6, Đảng bộ tổ chức đại hội.", "", lead_dated=True)
    assert (clear.key, clear.sure) == ("dai-hoi", True)
    tie = classify_event("Văn phòng UBND tỉnh với công tác tham mưu", "", "", lead_dated=None)
    assert not tie.sure


def test_the_longest_phrase_wins_at_one_place() -> None:
    """"Hội nghị tổng kết" counts for tong-ket, not also for hoi-nghi."""
    points = dict(classify_event("", "Hội nghị tổng kết", "").points)
    assert points["hoi-nghi"] == 0 and points["tong-ket"] > 0


def test_a_meeting_word_is_the_venue_when_another_event_is_named() -> None:
    """"Tổ chức hội nghị đánh giá kết quả công tác năm" is a review held at a meeting: beside
    a phrase that names a review, "hội nghị" counts half."""
    alone = dict(classify_event("", "Sáng 3/1, Văn phòng tổ chức hội nghị.", "").points)
    beside = dict(classify_event("", "Sáng 3/1, Văn phòng tổ chức hội nghị đánh giá kết "
                                     "quả công tác năm 2025.", "").points)
    assert beside["hoi-nghi"] == alone["hoi-nghi"] / 2
    assert beside["tong-ket"] > beside["hoi-nghi"]


def test_a_headline_from_one_thing_to_another_doubts_an_event_type() -> None:
    """"Từ hội nghị tổng kết đến …" tells a story across events: however much the body
    speaks of the review, the type is not published unflagged."""
    verdict = classify_event("Từ hội nghị tổng kết đến những việc làm cụ thể",
                             "Hội nghị tổng kết năm 2023 đã khép lại từ tháng Giêng.",
                             "Hội nghị tổng kết đánh giá kết quả công tác năm. " * 4,
                             lead_dated=False)
    assert not verdict.sure


def test_a_quoted_headline_doubts_an_event_type() -> None:
    """An interview is often headlined with the interviewee's words about an event."""
    verdict = classify_event("“Đại hội lần này phải là đại hội của đổi mới”",
                             "Trao đổi với phóng viên, đồng chí Bí thư cho biết đại hội sắp tới.",
                             "Đại hội sẽ bầu Ban Chấp hành khóa mới. " * 3, lead_dated=False)
    assert not verdict.sure
