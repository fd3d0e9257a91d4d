"""Every validator message, with its exact text, on hand-broken articles."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

from newsarchive.article.model import Article, PartialDate, Source, dumps
from newsarchive.article.validate import Problem, Validator, check_slugs, check_text, validate_paths
from newsarchive.errors import ArticleError

FIXTURES = ROOT / "tests" / "fixtures" / "broken_articles"
TODAY = date(2026, 11, 21)
KEYS = "title, date, event_date, provinces, event_type, tags, source, authors, images, review, raw"
GOOD = (FIXTURES / "hop-le.md").read_text("utf-8")


def _shown(problems: list[Problem]) -> list[str]:
    return [f"{p.line}: {p.field}: {p.message}" for p in problems]


def _edit(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


FIXTURE_CASES = {
    "hop-le.md": [],
    "yaml-sai.md": [
        "2: front_matter: YAML không hợp lệ (mapping values are not allowed in this context); "
        "kiểm tra dấu hai chấm, dấu ngoặc kép và thụt lề ở dòng này — văn bản có dấu ':' hoặc "
        "'#' cần đặt trong ngoặc kép"],
    "sai-kieu.md": [
        "2: title: tiêu đề phải là một đoạn văn bản không rỗng",
        "5: provinces: phải là một danh sách, ví dụ: [Lai Châu]",
        "7: tags: mục thứ 2 (2012) phải là thẻ dạng văn bản",
        "9: authors: phải là một danh sách, ví dụ: [Nghiêm Đẳng]",
        "10: images: ảnh thứ 1 phải có dạng {caption: …, credit: …}",
        f'12: review: "tinh" không phải tên trường; chọn trong: {KEYS}'],
    "loai-su-kien-la.md": [
        '6: event_type: loại sự kiện "hop-bao" không hợp lệ; chọn một trong: dai-hoi, so-ket, '
        "tong-ket, hoi-nghi, khen-thuong, nhan-su, chuyen-de, khac"],
    "khoa-la.md": [
        f'5: province: khóa không được hỗ trợ (có phải "provinces"?); các khóa hợp lệ: {KEYS}',
        f"14: ghi_chu: khóa không được hỗ trợ; các khóa hợp lệ: {KEYS}"],
    "khoa-lap.md": ["7: event_type: khóa bị lặp lại (đã có ở dòng 6); chỉ giữ một dòng"],
    "tinh-la.md": [
        '5: provinces: tỉnh, thành phố "Hoà Bình" không có trong danh mục; có phải "Hòa Bình"?',
        '5: provinces: tỉnh, thành phố "Sài Thành" không có trong danh mục; xem danh sách '
        "trong newsarchive/data/provinces.csv"],
    "ngay-tuong-lai.md": ["3: date: ngày 2031-04-20 ở tương lai (hôm nay là 2026-11-21)"],
    "ngay-khong-co-that.md": [
        "3: date: ngày 2021-02-30 không có thật; kiểm tra lại ngày và tháng",
        "4: event_date: ngày phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD (ví dụ 2021-04-20), "
        'không phải "20/4/2021"'],
    "nam-1917.md": ["4: event_date: năm 1917 sớm hơn 1945, năm sớm nhất kho lưu trữ nhận; "
                    "kiểm tra lại năm"],
    "thieu-tep-goc.md": ["13: raw: không tìm thấy tệp gốc raw/khong-co.txt (đường dẫn tính từ "
                         "thư mục broken_articles/)"],
    "nguon-sai.md": [
        '8: source.url: địa chỉ "baolaichau.vn/tin-tuc/hoi-nghi" phải bắt đầu bằng http:// '
        "hoặc https://",
        "8: source.ngay: khóa không được hỗ trợ; các khóa hợp lệ: name, url, syndicated_from"],
    "thieu-tieu-de.md": ["1: title: thiếu tiêu đề (khóa bắt buộc)"],
    "khong-co-phan-dau.md": ["1: front_matter: thiếu phần đầu (front matter): tệp phải bắt đầu "
                             "bằng một dòng '---'"],
    "phan-dau-chua-dong.md": ["1: front_matter: phần đầu chưa được đóng: thiếu dòng '---' sau "
                              "các khóa"],
    "rong.md": ["1: file: tệp rỗng; một bài viết cần phần đầu (front matter) giữa hai dòng "
                "'---' và nội dung bài"],
    "khong-phai-utf8.md": ["2: file: tệp không phải văn bản UTF-8 (byte lạ ở vị trí 30); hãy "
                           "lưu lại tệp với bảng mã UTF-8"],
    "Tin_Moi.md": ['1: slug: tên tệp "Tin_Moi" chỉ được dùng chữ thường không dấu, số và dấu '
                   'gạch nối, ví dụ "tin-moi.md"'],
}


@pytest.mark.parametrize(("name", "expected"), FIXTURE_CASES.items(), ids=FIXTURE_CASES.keys())
def test_hand_broken_fixture(name: str, expected: list[str]) -> None:
    assert _shown(Validator().check_paths([FIXTURES / name], TODAY)) == expected


def test_every_fixture_has_a_case() -> None:
    on_disk = {path.name for path in FIXTURES.glob("*.md")} - {"trung-ten.md"}
    assert on_disk == set(FIXTURE_CASES)


def test_duplicate_slug_names_the_other_file() -> None:
    first, second = FIXTURES / "trung-ten.md", FIXTURES / "dup" / "trung-ten.md"
    assert [str(p) for p in validate_paths([first, second], TODAY)] == [
        f"{second}:1: slug: tên tệp trùng với {first} (không phân biệt chữ hoa, chữ thường); "
        "đổi tên một trong hai tệp",
        f"{first}:1: slug: tên tệp trùng với {second} (không phân biệt chữ hoa, chữ thường); "
        "đổi tên một trong hai tệp"]


def test_duplicate_slug_ignores_case(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    first, second = tmp_path / "hoi-nghi.md", tmp_path / "a" / "Hoi-Nghi.md"
    problems = check_slugs([first, second])
    assert [p.message for p in problems if p.path == str(first)] == [
        f"tên tệp trùng với {second} (không phân biệt chữ hoa, chữ thường); đổi tên một trong "
        "hai tệp"]


def test_problem_prints_as_path_line_field_message() -> None:
    problem = Problem("articles/x.md", 6, "event_type", "loại sự kiện không hợp lệ")
    assert str(problem) == "articles/x.md:6: event_type: loại sự kiện không hợp lệ"


TEXT_CASES = {
    "whitespace-only": ("  \n\n", ["1: file: tệp rỗng; một bài viết cần phần đầu (front matter) "
                                   "giữa hai dòng '---' và nội dung bài"]),
    "not-a-mapping": ("---\n- một\n- hai\n---\n", [
        "2: front_matter: phần đầu phải là các dòng 'khóa: giá trị', ví dụ title: Hội nghị "
        "tổng kết"]),
    "empty-title": (_edit("title: Hội nghị tổng kết công tác Đảng năm 2011", 'title: " "'),
                    ["2: title: tiêu đề phải là một đoạn văn bản không rỗng"]),
    "event-type-number": (_edit("event_type: tong-ket", "event_type: 5"), [
        "6: event_type: loại sự kiện 5 không hợp lệ; chọn một trong: dai-hoi, so-ket, tong-ket, "
        "hoi-nghi, khen-thuong, nhan-su, chuyen-de, khac"]),
    "date-true": (_edit("date: 2021-04-20", "date: yes"), [
        '3: date: ngày phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD (ví dụ 2021-04-20), không '
        'phải "True"']),
    "month-13": (_edit("event_date: 2012-01", "event_date: 2012-13"),
                 ["4: event_date: ngày 2012-13 không có thật; kiểm tra lại ngày và tháng"]),
    "source-text": (_edit(
        "source: {name: Báo Lai Châu, url: 'https://baolaichau.vn/tin-tuc/hoi-nghi', "
        "syndicated_from: null}", "source: Báo Lai Châu"), [
        "8: source: nguồn phải gồm các khóa name, url, syndicated_from (ví dụ: {name: Báo Lai "
        "Châu, url: https://…, syndicated_from: null})"]),
    "source-name-list": (_edit("{name: Báo Lai Châu,", "{name: [Báo Lai Châu],"),
                         ["8: source.name: phải là văn bản hoặc null"]),
    "source-javascript-url": (_edit("'https://baolaichau.vn/tin-tuc/hoi-nghi'",
                                    "'javascript:alert(1)'"), [
        '8: source.url: địa chỉ "javascript:alert(1)" phải bắt đầu bằng http:// hoặc https://']),
    "images-text": (_edit("images:\n- {caption: Đảng bộ cơ sở Văn phòng UBND tỉnh, "
                          "credit: Huy Dương}", "images: ảnh hội nghị"),
                    ["10: images: ảnh phải là một danh sách, mỗi ảnh có caption và credit"]),
    "image-problems": (_edit("- {caption: Đảng bộ cơ sở Văn phòng UBND tỉnh, credit: Huy Dương}",
                             "- {caption: '', credit: 5, tac_gia: Huy Dương}"), [
        "10: images: ảnh thứ 1: khóa không được hỗ trợ; các khóa hợp lệ: caption, credit",
        "10: images: ảnh thứ 1: chú thích (caption) phải là văn bản không rỗng",
        "10: images: ảnh thứ 1: tác giả ảnh (credit) phải là văn bản hoặc null"]),
    "raw-number": (_edit("raw: raw/hop-le.txt", "raw: 4"), [
        "13: raw: đường dẫn tệp gốc phải là văn bản, ví dụ raw/004_67a0f94a2f50c909.txt"]),
    "empty-province": (_edit("provinces: [Lai Châu]", "provinces: [Lai Châu, '']"), [
        "5: provinces: mục thứ 2 ('') phải là tên tỉnh, thành phố dạng văn bản"]),
    "review-list-item": (_edit("review: [event_date]", "review: [[event_date]]"), [
        "12: review: mục thứ 1 (['event_date']) phải là tên trường dạng văn bản"]),
    "long-list-item": (_edit("tags: [Đảng bộ]", "tags: [[1, 2, 3, 4, 5, 6]]"), [
        "7: tags: mục thứ 1 ([1, 2, 3, 4, ...]) phải là thẻ dạng văn bản"]),
    "long-province": (_edit("provinces: [Lai Châu]", f"provinces: [{'Lai Châu ' * 20}]"), [
        '5: provinces: tỉnh, thành phố "Lai Châu Lai Châu Lai Châu Lai Châu Lai Châu Lai Châu '
        'Lai Châu Lai Châu Lai Châ…" không có trong danh mục; '
        "xem danh sách trong newsarchive/data/provinces.csv"]),
}


@pytest.mark.parametrize(("text", "expected"), TEXT_CASES.values(), ids=TEXT_CASES.keys())
def test_message(text: str, expected: list[str]) -> None:
    assert _shown(check_text(text, "articles/x.md", TODAY)) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("Hoà Bình", "Hòa Bình"),
    ("TP.HCM", "Hồ Chí Minh"),
    ("Hue", "Huế"),
    ("thừa thiên huế", "Thừa Thiên Huế"),
    ("Dak Lak", "Đắk Lắk"),
], ids=["tone-placement", "alias", "current-unit-folded", "lowercase", "no-diacritics"])
def test_province_near_miss_suggests_canonical_spelling(value: str, expected: str) -> None:
    text = _edit("provinces: [Lai Châu]", f"provinces: ['{value}']")
    assert [p.message for p in check_text(text, "x.md", TODAY)] == [
        f'tỉnh, thành phố "{value}" không có trong danh mục; có phải "{expected}"?']


@pytest.mark.parametrize("value", ["Lai Châu", "Bến Tre", "Vĩnh Long", "Thừa Thiên Huế", "Huế"],
                         ids=["old", "merged-away", "current", "before-rename", "after-rename"])
def test_old_and_current_names_are_valid(value: str) -> None:
    assert check_text(_edit("provinces: [Lai Châu]", f"provinces: [{value}]"), "x.md", TODAY) == []


@pytest.mark.parametrize("value", ["2026-11-21", "2026-11", "2026", "1945-01-01", "null"],
                         ids=["today", "this-month", "this-year", "floor", "unknown"])
def test_dates_accepted_at_the_edges(value: str) -> None:
    assert check_text(_edit("date: 2021-04-20", f"date: {value}"), "x.md", TODAY) == []


def test_a_dumped_article_is_valid() -> None:
    article = Article(title="Sơ kết 6 tháng: Văn phòng UBND tỉnh # 1", date=PartialDate(2024, 7),
                      provinces=["Gia Lai"], event_type="so-ket",
                      source=Source("Báo Gia Lai", "https://baogialai.com.vn/x.html"),
                      review=["source.url", "event_date"], body="Đoạn một.")
    assert check_text(dumps(article), "so-ket.md", TODAY) == []


def test_block_style_nested_key_has_its_own_line() -> None:
    text = _edit("source: {name: Báo Lai Châu, url: 'https://baolaichau.vn/tin-tuc/hoi-nghi', "
                 "syndicated_from: null}",
                 "source:\n  name: Báo Lai Châu\n  url: ftp://baolaichau.vn\n  "
                 "syndicated_from: null")
    assert _shown(check_text(text, "x.md", TODAY)) == [
        '10: source.url: địa chỉ "ftp://baolaichau.vn" phải bắt đầu bằng http:// hoặc https://']


def test_raw_outside_the_articles_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text(_edit("raw: raw/hop-le.txt", "raw: ../../etc/passwd"), "utf-8")
    assert _shown(validate_paths([tmp_path / "x.md"], TODAY)) == [
        '13: raw: "../../etc/passwd" phải là đường dẫn bên trong thư mục bài viết, ví dụ '
        "raw/004_67a0f94a2f50c909.txt"]


def _archive(tmp_path: Path, count: int) -> Path:
    (tmp_path / "raw").mkdir()
    shutil.copy(FIXTURES / "raw" / "hop-le.txt", tmp_path / "raw")
    for number in range(count):
        (tmp_path / f"bai-{number}.md").write_text(GOOD, "utf-8")
    return tmp_path


def test_cache_rereads_only_the_changed_file(tmp_path: Path) -> None:
    archive, validator = _archive(tmp_path, 5), Validator()
    assert validator.check_archive(archive, TODAY) == [] and validator.parsed == 5
    changed = archive / "bai-3.md"
    changed.write_text(GOOD.replace("tong-ket", "hop-bao"), "utf-8")
    os.utime(changed, ns=(1, 1))  # a new mtime even on coarse-timestamp filesystems
    assert [p.field for p in validator.check_archive(archive, TODAY)] == ["event_type"]
    assert validator.parsed == 6


def test_cache_still_notices_a_deleted_raw_file(tmp_path: Path) -> None:
    archive, validator = _archive(tmp_path, 2), Validator()
    assert validator.check_archive(archive, TODAY) == []
    (archive / "raw" / "hop-le.txt").unlink()
    assert [p.field for p in validator.check_archive(archive, TODAY)] == ["raw", "raw"]
    assert validator.parsed == 2


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    assert _shown(Validator().check_file(tmp_path / "mat-tich.md", TODAY)) == [
        "1: file: không tìm thấy hoặc không đọc được tệp"]


def test_what_the_model_refuses_is_reported_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Safety net: the field checks and Article must agree; if not, the model's word is shown."""
    def refuse(meta: dict, body: str, path: str) -> None:
        raise ArticleError("title: must be non-empty text", path)

    monkeypatch.setattr("newsarchive.article.validate.from_front_matter", refuse)
    assert _shown(check_text(GOOD, "x.md", TODAY)) == [
        "1: front_matter: không đọc được bài viết: title: must be non-empty text"]


def test_alias_bomb_gives_short_messages() -> None:
    """Nine levels of YAML aliases expand to 387 million items; the messages stay one line."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    text = "---\ntitle: x\n" + "\n".join(levels) + "\ntags: *a8\n---\n"
    problems = check_text(text, "x.md", TODAY)
    assert [p.field for p in problems][-9:] == ["tags"] * 9
    assert max(len(str(p)) for p in problems) < 300


@pytest.mark.parametrize(("value", "hint"), [
    ("so ket", ' (có phải "so-ket"?)'),
    ("Sơ kết", ' (có phải "so-ket"?)'),
    ("tongket", ' (có phải "tong-ket"?)'),
    ("hoi_nghi", ' (có phải "hoi-nghi"?)'),
    ("hop-bao", ""),
], ids=["space", "vietnamese-label", "no-hyphen", "underscore", "nothing-near"])
def test_event_type_near_miss_is_suggested(value: str, hint: str) -> None:
    text = _edit("event_type: tong-ket", f"event_type: {value}")
    assert _shown(check_text(text, "x.md", TODAY)) == [
        f'6: event_type: loại sự kiện "{value}" không hợp lệ{hint}; chọn một trong: dai-hoi, '
        "so-ket, tong-ket, hoi-nghi, khen-thuong, nhan-su, chuyen-de, khac"]


MERGED_AWAY = ('"Bến Tre" là tên tỉnh trước 1/7/2025 (nay thuộc Vĩnh Long), nhưng bài ghi ngày '
               '{day}; nếu bài nói về đơn vị hiện nay, ghi "Vĩnh Long"; nếu bài nói về tỉnh cũ, '
               "giữ nguyên")


@pytest.mark.parametrize(("province", "dates", "expected"), [
    ("Bến Tre", "date: 2025-07-01\nevent_date: null", [MERGED_AWAY.format(day="2025-07-01")]),
    ("Bến Tre", "date: null\nevent_date: 2025-08", [MERGED_AWAY.format(day="2025-08")]),
    ("Bến Tre", "date: 2026\nevent_date: null", [MERGED_AWAY.format(day="2026")]),
    ("Bến Tre", "date: 2025-06-30\nevent_date: 2025-07-02", []),
    ("Bến Tre", "date: 2025\nevent_date: null", []),
    ("Vĩnh Long", "date: 2025-07-01\nevent_date: null", []),
    ("Lai Châu", "date: 2025-09-01\nevent_date: null", []),
], ids=["on-merger-day", "event-month-after", "year-after", "published-before",
        "year-of-merger", "current-unit", "unchanged-unit"])
def test_pre_merger_province_after_the_merger_is_a_warning(
        province: str, dates: str, expected: list[str]) -> None:
    text = _edit("date: 2021-04-20\nevent_date: 2012-01", dates).replace(
        "provinces: [Lai Châu]", f"provinces: [{province}]")
    problems = check_text(text, "x.md", TODAY)
    assert [p.message for p in problems] == expected
    assert all(p.is_warning and "cảnh báo: " in str(p) for p in problems)
