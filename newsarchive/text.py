"""Vietnamese text primitives: NFC storage, folding for matching, ASCII slugs.

The archive stores and displays text exactly as published (in NFC). Folding is only
ever used to *compare* text: search, the gazetteer and duplicate detection. Two
published spellings of the same word must fold to the same key:

* tone-mark placement: the old style puts the tone on the second vowel of
  ``oa``/``oe``/``uy`` ("hoà", "uỷ"), the new style on the first ("hòa", "ủy");
* case and diacritics, including ``đ``, which Unicode does not decompose.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from slugify import slugify as _slugify

__all__ = ["RESERVED_SLUGS", "nfc", "normalize_tones", "fold", "match_key", "slugify",
           "unique_slug"]

# Article slugs that would collide with a listing's own files: ``bai-viet/<year>/index``
# is written to ``bai-viet/<year>/index.html``, the year's page, while links say ``…/index/``.
RESERVED_SLUGS = frozenset({"index", "page"})

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
# Old-style placement in NFD: o/u, then a/e/y carrying the tone, at the end of a
# syllable. "qu" is a consonant, so "quý" is already correct and is left alone.
_OLD_STYLE_TONE = re.compile(
    rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![\w\u0300-\u036f])"
)

# The same places seen in NFC text: o/u before a precomposed a/e/y carrying one of the
# five tones, ending the word. Every match of the pattern above is one of these, and most
# texts have none ("hoàn", "toàn" go on with a consonant), which is cheap to see.
_MAYBE_OLD_STYLE = re.compile("(?<![qQ])[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?!\\w)")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


def normalize_tones(text: str) -> str:
    """Move old-style tone marks to the first vowel, keeping every other mark.

    >>> normalize_tones("Đảng uỷ Hoà Bình") == "Đảng ủy Hòa Bình"
    True

    Used for display-independent comparison when diacritics still matter (the
    gazetteer must not confuse "Hà Nam" with "Hà Nậm"); never for stored text.
    """
    if unicodedata.is_normalized("NFC", text) and not _MAYBE_OLD_STYLE.search(text):
        return text  # nothing to move: most text, and the whole text of most articles
    decomposed = unicodedata.normalize("NFD", text)
    return nfc(_OLD_STYLE_TONE.sub(r"\1\3\2", decomposed))


def fold(text: str) -> str:
    """Fold case, diacritics and ``đ`` for accent-insensitive matching.

    >>> fold("Đảng uỷ") == fold("dang ủy") == "dang uy"
    True
    """
    folded = text.casefold()
    if _BEYOND_LATIN.search(folded):
        return _fold_slowly(folded)
    return folded.translate(_latin_fold_table())


def _fold_slowly(folded: str) -> str:
    decomposed = unicodedata.normalize("NFD", folded)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "d")


# Decomposing and stripping works character by character, so for the Latin letters
# Vietnamese is written in (and loose combining marks) it is one table lookup each;
# text with anything else takes the long way.
_LATIN = "\u0000-\u024f\u0300-\u036f\u1e00-\u1eff"
_BEYOND_LATIN = re.compile(f"[^{_LATIN}]")


@cache
def _latin_fold_table() -> dict[int, str]:
    ranges = ((0, 0x250), (0x300, 0x370), (0x1E00, 0x1F00))
    return {code: folded for start, end in ranges for code in range(start, end)
            if (folded := _fold_slowly(chr(code))) != chr(code)}


def match_key(text: str) -> str:
    """Key under which two spellings compare equal when diacritics still matter: case,
    tone placement, dash and spacing folded, every other mark kept.

    >>> match_key("Đảng  uỷ Hoà–Bình") == match_key("đảng ủy hòa-bình")
    True
    >>> match_key("bộ nhiệm") == match_key("bổ nhiệm")
    False

    The gazetteer ("Hà Nam" is not "Hà Nậm"), the keyword tables ("Đảng bộ nhiệm kỳ" must
    not match "bổ nhiệm", a real false hit when fully folded) and repeated-line detection
    compare with it; :func:`fold` is for accent-insensitive matching.
    """
    return " ".join(normalize_tones(nfc(text)).casefold().replace("–", "-").split())


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug with ``Đ → d`` ("Đảng bộ" → "dang-bo", never "ang-bo").

    Truncated here at the last whole word: python-slugify 9.2's own ``word_boundary``
    drops words from the middle ("…nhiem-vu-chinh-tri-duoc-giao" → "…nhiem-vu-tri").
    """
    slug = _slugify(nfc(text)) or "bai-viet"
    if len(slug) <= max_length:
        return slug
    head = slug[:max_length + 1]
    return head.rsplit("-", 1)[0] if "-" in head else slug[:max_length]


def unique_slug(text: str, taken: set[str]) -> str:
    """Slug for ``text`` not yet in ``taken``, suffixed ``-2``, ``-3``… if needed.

    The chosen slug is added to ``taken`` so a caller can loop over a batch.
    """
    base = slugify(text)
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    taken.add(slug)
    return slug
