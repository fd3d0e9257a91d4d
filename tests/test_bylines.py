"""Bylines and photo credits."""

from __future__ import annotations

import pytest

from newsarchive.clean.bylines import parse_byline, split_caption


@pytest.mark.parametrize(("line", "names"), [
    pytest.param("Thanh Nhật", ["Thanh Nhật"], id="seed-001"),
    pytest.param("Nguyên An - Khánh Thùy", ["Nguyên An", "Khánh Thùy"], id="seed-002-two"),
    pytest.param("Trương Hùng", ["Trương Hùng"], id="seed-003"),
    pytest.param("Nghiêm Đẳng", ["Nghiêm Đẳng"], id="seed-004"),
    pytest.param("VĂN MINH", ["VĂN MINH"], id="upper-case"),
    pytest.param("Thanh Hải (thực hiện)", ["Thanh Hải"], id="role-suffix"),
    pytest.param("Bài và ảnh: Hữu Hiệp", ["Hữu Hiệp"], id="prefix"),
    pytest.param("Minh Anh, Thu Hà", ["Minh Anh", "Thu Hà"], id="comma"),
])
def test_bylines(line: str, names: list[str]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize("line", [
    pytest.param("Ảnh: T.N", id="photo-credit"),
    pytest.param("Hội nghị thống nhất các nhiệm vụ.", id="sentence"),
    pytest.param("Hải Phòng: Nâng cao chất lượng", id="subheading"),
    pytest.param("Quang cảnh đại hội", id="caption-lower-case-words"),
    pytest.param("Nguồn Pháp Luật VN: https://baophapluat.vn/x", id="footer"),
    pytest.param("Theo TTXVN", id="attribution"),
])
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(("line", "caption", "credit"), [
    pytest.param("Đồng chí Nguyễn Quảng Hà chủ trì hội nghị. Ảnh: M.Đ",
                 "Đồng chí Nguyễn Quảng Hà chủ trì hội nghị.", "M.Đ", id="seed-000"),
    pytest.param("Khen thưởng các cá nhân có thành tích trong công tác.                  Ảnh: T.N",
                 "Khen thưởng các cá nhân có thành tích trong công tác.", "T.N", id="seed-001-pad"),
    pytest.param("Ảnh: T.N", "", "T.N", id="seed-001-bare"),
    pytest.param("Đảng bộ cơ sở Văn phòng UBND tỉnh. Ảnh Huy Dương",
                 "Đảng bộ cơ sở Văn phòng UBND tỉnh.", "Huy Dương", id="seed-004-no-colon"),
    pytest.param("Đại biểu tham gia đóng góp ý kiến. Ảnh: Thiệu Phan",
                 "Đại biểu tham gia đóng góp ý kiến.", "Thiệu Phan", id="seed-003"),
    pytest.param("Lãnh đạo tỉnh dự hội nghị (Ảnh: Việt Dũng)", "Lãnh đạo tỉnh dự hội nghị",
                 "Việt Dũng", id="parenthesised"),
])
def test_captions(line: str, caption: str, credit: str) -> None:
    assert split_caption(line) == (caption, credit)


@pytest.mark.parametrize("line", [
    pytest.param("Ảnh hưởng của dịch bệnh rất lớn.", id="anh-huong"),
    pytest.param("Quang cảnh Đại hội.", id="no-credit"),
    pytest.param("Triển lãm gồm 200 bức ảnh: tư liệu quý về Bác.", id="anh-in-sentence"),
])
def test_not_captions(line: str) -> None:
    assert split_caption(line) is None


@pytest.mark.parametrize(("line", "names"), [
    pytest.param("Theo Ngọc Hân/VOV.VN,", ["Ngọc Hân"], id="writer-at-another-outlet"),
    pytest.param("Lê Minh Trí - Văn phòng UBND tỉnh Bình Định", ["Lê Minh Trí"],
                 id="name-then-office"),
    pytest.param("Nguyễn Thành Đạt (TTXVN/Vietnam+)", ["Nguyễn Thành Đạt"], id="agency-in-parens"),
    pytest.param("Hồng Thái/VOV-Tây Nguyên", ["Hồng Thái"], id="agency-with-region"),
    pytest.param("Báo Sơn La", None, id="a-paper-is-not-a-writer"),
])
def test_bylines_in_more_shapes(line: str, names: list[str] | None) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(("line", "names"), [
    pytest.param("Thực hiện: Hải Quân - Thanh Hải", ["Hải Quân", "Thanh Hải"], id="thuc-hien"),
    pytest.param("Ngọc Hân – VP UBND tỉnh", ["Ngọc Hân"], id="office-acronym"),
    pytest.param("Theo Minh Quân", ["Minh Quân"], id="theo-writer"),
    pytest.param("Theo TTXVN", None, id="theo-agency"),
    pytest.param("Top", None, id="a-button"),
    pytest.param("PV", ["PV"], id="reporter-initials"),
])
def test_more_byline_shapes(line: str, names: list[str] | None) -> None:
    assert parse_byline(line) == names
