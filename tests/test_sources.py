"""Publications: lead markers, domains, footers, the province a paper covers on a date."""

from __future__ import annotations

from datetime import date

import pytest

from newsarchive.clean.sources import (
    by_follow_widget,
    by_lead,
    by_name,
    by_url,
    parse_footer,
    province_by_host,
    province_on,
    publications,
)
from newsarchive.gazetteer import lookup


@pytest.mark.parametrize(("lead", "name"), [
    pytest.param("(GLO)- Sáng 12-7, Đảng ủy", "Báo Gia Lai", id="glo"),
    pytest.param("BDK.VN - Ngày 8-7-2021", "Báo Đồng Khởi", id="bdk"),
    pytest.param("(BTN) - Sáng 15-3", "Báo Tây Ninh", id="btn"),
    pytest.param("(SGGP).- Chiều 10-1", "Sài Gòn Giải Phóng", id="sggp"),
    pytest.param("(Báo Quảng Ngãi)- Sáng 11-9", "Báo Quảng Ngãi", id="quang-ngai"),
    pytest.param("TPO - Ngày 1/3", "Tiền Phong", id="tpo"),
    pytest.param("VTV.vn - Ngày 19/4", "VTV", id="vtv"),
    pytest.param("Kinhtedothi- Nhân dịp", "Kinh tế & Đô thị", id="ktdt"),
])
def test_lead_markers(lead: str, name: str) -> None:
    assert by_lead(lead).name == name


def test_text_without_marker_names_no_publication() -> None:
    assert by_lead("Đó là nhiệm vụ quan trọng được nêu tại Hội nghị") is None


@pytest.mark.parametrize(("url", "name"), [
    pytest.param("https://vpubnd.laichau.gov.vn/Hoat-dong/x", "Cổng thông tin điện tử Văn phòng "
                 "UBND tỉnh Lai Châu", id="portal-004"),
    pytest.param("https://www.baogialai.com.vn/x.html", "Báo Gia Lai", id="www"),
    pytest.param("https://baomoi.com/x.epi", "Báo Mới", id="aggregator"),
])
def test_domains(url: str, name: str) -> None:
    assert by_url(url).name == name


def test_unknown_domain() -> None:
    assert by_url("https://example.org/x") is None


def test_footer_names_original_publication_by_its_url() -> None:
    footer = parse_footer("Nguồn Pháp Luật VN: https://baophapluat.vn/dang-bo-post552585.html")
    assert footer.publication.name == "Báo Pháp luật Việt Nam"
    assert footer.url == "https://baophapluat.vn/dang-bo-post552585.html"


def test_follow_widget_names_paper() -> None:
    assert by_follow_widget("Theo dõi Báo Gia Lai trên Google News").name == "Báo Gia Lai"


@pytest.mark.parametrize(("paper", "day", "province"), [
    pytest.param("Báo Đồng Khởi", date(2021, 7, 9), "Bến Tre", id="before-merger"),
    pytest.param("Báo Đồng Khởi", None, "Bến Tre", id="undated"),
    pytest.param("Báo Gia Lai", date(2026, 1, 8), "Gia Lai", id="after-merger-same-name"),
    pytest.param("Báo Tây Ninh", date(2025, 7, 1), "Tây Ninh", id="merger-day"),
    pytest.param("Báo Ấp Bắc", date(2025, 8, 1), "Đồng Tháp", id="after-merger-renamed"),
    pytest.param("Báo Pháp luật Việt Nam", date(2025, 6, 22), None, id="national"),
])
def test_province_on(paper: str, day: date | None, province: str | None) -> None:
    assert province_on(by_name(paper), day) == province


def test_every_publication_province_is_in_the_gazetteer() -> None:
    for publication in publications():
        assert publication.province is None or lookup(publication.province) is not None


@pytest.mark.parametrize(("url", "province"), [
    pytest.param("https://sotuphap.quangtri.gov.vn/tin/1", "Quảng Trị", id="department-sub-site"),
    pytest.param("https://hdnd.laichau.gov.vn/x", "Lai Châu", id="council-sub-site"),
    pytest.param("https://baophuyen.vn/x.html", "Phú Yên", id="bao-prefix"),
    pytest.param("https://laichautv.vn/x", "Lai Châu", id="tv-suffix"),
    pytest.param("https://baria-vungtau.gov.vn/x", "Bà Rịa - Vũng Tàu", id="hyphenated"),
    pytest.param("https://vnexpress.net/x", None, id="national"),
    pytest.param("https://[x/bad", None, id="malformed"),
])
def test_hosts_named_after_a_province(url: str, province: str | None) -> None:
    assert province_by_host(url) == province


def test_the_longest_registered_domain_wins() -> None:
    assert by_url("https://vpubnd.laichau.gov.vn/tin/1").name == \
        "Cổng thông tin điện tử Văn phòng UBND tỉnh Lai Châu"
    assert by_url("https://www.laichau.gov.vn/tin/1").province == "Lai Châu"


def test_every_unit_has_a_newspaper_and_a_portal() -> None:
    kinds: dict[str, set[str]] = {}
    for publication in publications():
        if publication.province:
            kinds.setdefault(publication.province, set()).add(publication.kind)
    assert len(kinds) >= 63
    assert all({"provincial", "portal"} <= found for found in kinds.values()), [
        name for name, found in kinds.items() if not {"provincial", "portal"} <= found]


def test_markers_are_matched_longest_first() -> None:
    assert by_lead("(BBNĐT) - Ngày 10-2, Đảng bộ …").province == "Bắc Ninh"
