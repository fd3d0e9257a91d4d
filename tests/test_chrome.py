"""Page chrome: every pattern group on the line shapes the seeds and fixtures show."""

from __future__ import annotations

import pytest

from newsarchive.clean.chrome import chrome_group, chrome_groups, line_key, strip_chrome
from newsarchive.clean.dates import is_date_line


@pytest.mark.parametrize(("line", "above"), [
    pytest.param("Chính trị", True, id="section-label-000"),
    pytest.param("Tin tức", True, id="section-label-000b"),
    pytest.param("Hoạt động", True, id="section-label-004"),
    pytest.param("Trang chủ > Chính trị > Xây dựng Đảng", True, id="breadcrumb"),
    pytest.param("Theo dõi Báo Gia Lai trên Google News", False, id="google-news-000"),
    pytest.param("Theo dõi Báo Tây Ninh trên google news", False, id="google-news-btn"),
    pytest.param("Chia sẻ bài viết", False, id="share-003"),
    pytest.param("BÌNH LUẬN", False, id="comments-003"),
    pytest.param("print   send mail", False, id="print-send-mail-004"),
    pytest.param("\u00a0print\u00a0 \u00a0send mail", False, id="print-send-mail-nbsp"),
    pytest.param("Facebook Zalo Twitter", False, id="share-buttons"),
    pytest.param(".", False, id="lone-dot-001"),
    pytest.param("Lượt xem: 1.234", False, id="view-count"),
])
def test_chrome_lines_are_claimed(line: str, above: bool) -> None:
    assert chrome_group(" ".join(line.split()), above_headline=above) is not None


@pytest.mark.parametrize("line", [
    pytest.param("Chính trị", id="label-inside-body"),
    pytest.param("Hoạt động của hệ thống chính trị ở cơ quan được giữ vững.",
                 id="starts-like-label"),
    pytest.param("Trao đổi với P.V, ông Huỳnh Kim Đồng cho biết.", id="body-sentence"),
])
def test_body_lines_are_not_chrome(line: str) -> None:
    assert chrome_group(line, above_headline=False) is None


@pytest.mark.parametrize("footer", ["Có thể bạn quan tâm", "Các tin đã đăng", "Tin liên quan",
                                    "Tin cùng chuyên mục"])
def test_related_footer_cuts_the_rest(footer: str) -> None:
    page = strip_chrome(["Tiêu đề bài", "Đoạn một.", footer, "Một bài khác", "Bài nữa"])
    assert [line.text for line in page.body] == ["Đoạn một."]


def test_seed_000_top_and_bottom() -> None:
    lines = ["Chính trị", "", "Tin tức", "", "Sơ kết công tác Đảng", "",
             "Theo dõi Báo Gia Lai trên Google News", "(GLO)- Sáng 12-7, …", "Có thể bạn quan tâm"]
    page = strip_chrome(lines)
    assert page.headline == "Sơ kết công tác Đảng"
    assert [line.text for line in page.body] == ["(GLO)- Sáng 12-7, …"]
    assert {reason for _, reason in page.removed} >= {"section labels and breadcrumbs",
                                                       "follow on Google News"}


def test_date_widget_above_headline_is_kept_apart() -> None:
    page = strip_chrome(["Hoạt động", "Thứ ba 20/4/2021", "Năm 2012, Đảng bộ …", "Nội dung."],
                        is_widget=is_date_line)
    assert page.headline == "Năm 2012, Đảng bộ …"
    assert page.above == ["Thứ ba 20/4/2021"]


def test_headline_repeated_is_dropped() -> None:
    page = strip_chrome([".", "Đảng bộ Văn phòng", "Thứ Hai, 28/08/2017", "Đảng bộ  Văn phòng",
                         "Nội dung."])
    assert [line.text for line in page.body] == ["Thứ Hai, 28/08/2017", "Nội dung."]


def test_consecutive_repeats_collapse_into_one_marked_line() -> None:
    lead = "Sáng 3-1, Đảng bộ Văn phòng tổng kết công tác năm và khen thưởng các cá nhân."
    page = strip_chrome(["Đảng bộ Văn phòng tổng kết công tác năm", lead,
                         "Khen thưởng các cá nhân.      Ảnh: T.N",
                         "Khen thưởng các cá nhân. Ảnh: T.N", "Đoạn sau."])
    assert [(line.text, line.repeated) for line in page.body] == [
        (lead, False), ("Khen thưởng các cá nhân. Ảnh: T.N", True), ("Đoạn sau.", False)]


def test_line_key_folds_tone_placement_and_spaces() -> None:
    assert line_key("Đảng  uỷ\u00a0") == line_key("đảng ủy")


def test_every_group_has_patterns() -> None:
    assert all(group.lines or group.patterns for group in chrome_groups())
