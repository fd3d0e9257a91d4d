import random
import unicodedata

import pytest

from newsarchive.text import _OLD_STYLE_TONE, fold, nfc, normalize_tones, slugify, unique_slug


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


# The fast paths of fold and normalize_tones (a table lookup, a cheap "nothing to move"
# check) must give what decomposing and stripping gives, on any mix of Vietnamese
# letters, loose combining marks and characters beyond Latin.
_MIX = ([chr(c) for c in (*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00))]
        + ["Ω", "ά", "ﬀ", "İ", "ẞ", "ǅ", "ᾈ", "中", "\u0345", "ŉ", "\u200b"])


def _strings(seed: int, count: int = 20000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_MIX) for _ in range(rng.randint(0, 6))) for _ in range(count)]


def test_fold_table_agrees_with_decomposition() -> None:
    def slow(text: str) -> str:
        decomposed = unicodedata.normalize("NFD", text.casefold())
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        return stripped.replace("đ", "d")
    assert [fold(t) for t in _strings(1)] == [slow(t) for t in _strings(1)]


def test_normalize_tones_shortcut_agrees_with_decomposition() -> None:
    vowels = list("oOuUaAeEyYqQ nh") + list("àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴậắ\u0301\u0323\u0302")
    rng = random.Random(2)
    texts = ["".join(rng.choice(vowels) for _ in range(rng.randint(1, 6))) for _ in range(20000)]
    for text in texts + [nfc(t) for t in texts]:
        slow = nfc(_OLD_STYLE_TONE.sub(r"\1\3\2", unicodedata.normalize("NFD", text)))
        assert normalize_tones(text) == slow, repr(text)
