import unicodedata

import pytest

from newsarchive.text import fold, nfc, normalize_tones, slugify, unique_slug


@pytest.mark.parametrize(("a", "b"), [
    ("Đảng uỷ", "Đảng ủy"),
    ("Hoà Bình", "Hòa Bình"),
    ("hoa binh", "Hòa Bình"),
    ("dang bo van phong", "Đảng bộ Văn phòng"),
    ("DAI HOI", "Đại hội"),
    (unicodedata.normalize("NFD", "Đảng ủy"), "Đảng ủy"),
], ids=["uy-tone", "hoa-tone", "no-diacritics", "d-stroke", "case", "nfd"])
def test_fold_matches_spellings(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_different_words_apart() -> None:
    assert fold("Hà Nam") != fold("Hà Nội")


@pytest.mark.parametrize(("old", "new"), [
    ("uỷ", "ủy"), ("Hoà", "Hòa"), ("khoẻ", "khỏe"), ("Thanh Hoá", "Thanh Hóa"),
    ("quý", "quý"), ("thuỷ", "thủy"), ("hoàn", "hoàn"),
], ids=["uy", "hoa", "khoe", "thanh-hoa", "qu-untouched", "thuy", "closed-syllable"])
def test_normalize_tones_moves_old_style_marks(old: str, new: str) -> None:
    assert normalize_tones(old) == new


def test_nfc_composes() -> None:
    assert nfc(unicodedata.normalize("NFD", "Đảng")) == "Đảng"


@pytest.mark.parametrize(("text", "slug"), [
    ("Đảng bộ", "dang-bo"),
    ("Đắk Lắk", "dak-lak"),
    ("Sơ kết 6 tháng đầu năm 2024", "so-ket-6-thang-dau-nam-2024"),
    ("", "bai-viet"),
], ids=["d-stroke", "dak-lak", "sentence", "empty"])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_unique_slug_suffixes() -> None:
    taken: set[str] = set()
    slugs = [unique_slug("Đại hội", taken) for _ in range(3)]
    assert slugs == ["dai-hoi", "dai-hoi-2", "dai-hoi-3"]
