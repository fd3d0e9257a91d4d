"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI-Windows, Windows-1258 and mojibake.

Before Unicode, provincial offices typed in fonts such as ``.VnTime`` (TCVN3, the
national standard TCVN 5712:1993, "ABC") and ``VNI-Times`` (VNI). Their files are
single-byte: TCVN3 gives each lower-case toned letter one byte (``ả`` is 0xB6), VNI
writes a base letter followed by a mark byte (``ả`` is ``a`` + 0xFB). Decoded as any
Western code page both read as garbage (``Héi nghÞ``, ``Hoäi nghò``). A third kind of
garbage is UTF-8 read as Windows-1252 and saved again as UTF-8 ("ChÃ­nh trá»‹").

None of these can be told apart by its bytes alone, so every decoding *proves its case*:
:func:`vietnamese_score` counts the words that are common Vietnamese syllables *with
their diacritics* and the characters no Vietnamese text contains. The decoding that
reads as Vietnamese wins; when none does, the input is refused naming the best guess.

>>> decode_tcvn3("Héi nghÞ tæng kÕt".encode("latin-1"))
'Hội nghị tổng kết'
>>> decode_vni("Hoäi nghò toång keát".encode("cp1252"))
'Hội nghị tổng kết'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# TCVN3 (ABC): byte → letter, from TCVN 5712:1993 table VN3. Upper-case toned letters
# have no code (the ".VnTimeH" fonts draw the lower-case codes as capitals).
_TCVN3_LETTERS = (
    "àµ á¸ ả¶ ã· ạ¹ ă¨ ằ» ắ¾ ẳ¼ ẵ½ ặÆ â© ầÇ ấÊ ẩÈ ẫÉ ậË đ® èÌ éÐ ẻÎ ẽÏ ẹÑ êª ềÒ ếÕ ểÓ "
    "ễÔ ệÖ ì× íÝ ỉØ ĩÜ ịÞ òß óã ỏá õâ ọä ô« ồå ốè ổæ ỗç ộé ơ¬ ờê ớí ởë ỡì ợî ùï úó ủñ "
    "ũò ụô ư\xad ừõ ứø ửö ữ÷ ựù ỳú ýý ỷû ỹü ỵþ Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§")
TCVN3: dict[int, str] = {ord(pair[1]): pair[0] for pair in _TCVN3_LETTERS.split(" ")}

# VNI-Windows: a base letter followed by mark bytes (as Windows-1252 characters).
# Tone marks: ø grave, ù acute, û hook, õ tilde, ï dot; â circumflex on a/e/o; ê breve
# on a; circumflex or breve with a tone are one byte (à = â + grave, è = ê + grave…).
_VNI_TONES = {"ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HATS = {"â": "\u0302", "ê": "\u0306"}
_VNI_HAT_TONES = {"à": "\u0302\u0300", "á": "\u0302\u0301", "å": "\u0302\u0309",
                  "ã": "\u0302\u0303", "ä": "\u0302\u0323", "è": "\u0306\u0300",
                  "é": "\u0306\u0301", "ú": "\u0306\u0309", "ü": "\u0306\u0303",
                  "ë": "\u0306\u0323"}
# Letters that are one byte in VNI: ơ ư đ, and i/ỵ with their tones.
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ",
               "ò": "ị", "î": "ỵ"}
_VNI_MARKS = {**_VNI_TONES, **_VNI_HATS, **_VNI_HAT_TONES}
_VNI_MARK_CHARS = "".join(sorted({*_VNI_MARKS, *(c.upper() for c in _VNI_MARKS)}))
# One VNI letter: a base vowel or d/ơ/ư and its mark bytes; one pass, no backtracking.
_VNI_LETTER = re.compile(rf"([A-Za-z{''.join(_VNI_SINGLE)}{''.join(_VNI_SINGLE).upper()}])"
                         rf"([{_VNI_MARK_CHARS}]{{0,2}})")
_BASE_VOWELS = set("aeiouyAEIOUY")

# Syllables nearly every Vietnamese news text repeats, with their diacritics: a wrong
# decoding may produce Latin letters, but not these words (ASCII ones prove nothing).
_COMMON = frozenset(_WORDS := """
của và các những trong được năm ngày tỉnh đảng công người hội nghị văn phòng không đã để
với là có cho tại thực hiện cán bộ nhiệm vụ đồng chí tác kết tổng tổ chức quả nhân dân
này từ đến một về theo tháng đoàn kiểm lãnh đạo chỉ chính trị xây dựng phát triển
quản lý thành phố việc đó trên cơ quan sở ủy uỷ học thời điểm giải pháp tiếp tục
""".split())  # noqa: SIM905 - a word list reads best as text
_VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + tone).casefold()
    for base in "aăâeêioôơuưy" for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
) | frozenset("bcdđghklmnpqrstvxfjwz")
# The same letters as one character class: a word is checked in C, not letter by letter.
_VIETNAMESE_WORD = re.compile("[" + "".join(sorted(_VIETNAMESE_LETTERS)) + "]++")
_WORD = re.compile(r"[^\W\d_]+")
# Windows-1252's upper half, and those of its characters at home in Vietnamese text.
_CP1252_HIGH = frozenset(bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore"))
_AT_HOME = frozenset("\xa0«»°±·×÷§©®²³¹¼½¾¿¡“”‘’–—…•€™")
# Windows-1252's characters for the UTF-8 continuation bytes 0x80-0xBF (and the five
# bytes it leaves undefined, which Windows maps to the C1 controls).
_CONTINUATION = ("€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ"
                 + "".join(chr(c) for c in range(0xA0, 0xC0)))
# One damaged letter: a 2-byte lead (Â–ß) + 1 continuation, or a 3-byte lead (à–ï) + 2.
_MOJIBAKE = re.compile(rf"[\u00c2-\u00df][{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}")


@dataclass(frozen=True, slots=True)
class Score:
    """How Vietnamese a decoding reads: common toned syllables and foreign letters."""

    words: int
    common: int
    foreign: int

    @property
    def convincing(self) -> bool:
        """At least 3 common syllables, 1 in 8 words, and under 1 foreign letter in 100."""
        return (self.common >= 3 and self.common * 8 >= self.words
                and self.foreign * 100 <= max(self.words, 1))

    @property
    def rank(self) -> tuple[bool, float]:
        return self.convincing, (self.common - 5 * self.foreign) / max(self.words, 1)


def vietnamese_score(text: str) -> Score:
    """Score ``text`` (NFC) as Vietnamese.

    >>> vietnamese_score("Hội nghị tổng kết công tác năm 2016").convincing
    True
    >>> vietnamese_score("Hoäi nghò toång keát coâng taùc naêm 2016").convincing
    False
    """
    words = Counter(word.casefold() for word in _WORD.findall(unicodedata.normalize("NFC", text)))
    common = sum(n for word, n in words.items() if word in _COMMON)
    foreign = sum(n for word, n in words.items() if not word.isascii()
                  and not _VIETNAMESE_WORD.fullmatch(word))
    return Score(words.total(), common, foreign)


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes as text (NFC); bytes below 0x80 are ASCII."""
    return data.decode("latin-1").translate(TCVN3)


def _vni_letter(match: re.Match[str]) -> str:
    base, marks = match.group(1), match.group(2)
    single = _VNI_SINGLE.get(base.casefold())
    if single is not None:
        base = single.upper() if base.isupper() else single
    if not marks or (base not in _BASE_VOWELS and base.casefold() not in "ơư"):
        return base + marks
    combining = "".join(_VNI_MARKS.get(mark.casefold(), mark) for mark in marks)
    return unicodedata.normalize("NFC", base + combining)


def decode_vni(data: bytes) -> str:
    """VNI-Windows bytes as text (NFC), read as Windows-1252 and recombined letter by letter."""
    return _VNI_LETTER.sub(_vni_letter, data.decode("cp1252", errors="replace"))


def undo_mojibake(text: str) -> str | None:
    """UTF-8 that was read as Windows-1252 and saved again, put back; ``None`` if none found.

    Each damaged letter is a UTF-8 lead byte's character (``Ã``, ``á``) followed by one
    or two continuation bytes' characters (``­``, ``»‹``); only such runs are decoded,
    so a text damaged in one paragraph keeps its sound ones.

    >>> undo_mojibake("ChÃ­nh trá»‹ và Hội nghị")
    'Chính trị và Hội nghị'
    """
    repaired, count = _MOJIBAKE.subn(_undo_one, text)
    return repaired if count and repaired != text else None


def _undo_one(match: re.Match[str]) -> str:
    try:
        return match.group().encode("cp1252", errors="strict").decode("utf-8")
    except UnicodeError:
        return _latin_bytes(match.group()).decode("utf-8", errors="ignore") or match.group()


def _latin_bytes(text: str) -> bytes:
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            out.append(ord(char) & 0xFF)  # the five bytes Windows-1252 leaves undefined
    return bytes(out)


def looks_double_encoded(text: str) -> bool:
    """Whether some letter reads as UTF-8 bytes seen through Windows-1252 ("Ã­", "á»‹").

    >>> looks_double_encoded("Müller"), looks_double_encoded("trá»‹")
    (False, True)
    """
    return _MOJIBAKE.search(text) is not None


def mojibake_count(text: str) -> int:
    """How many letters look like UTF-8 read as Windows-1252 ("Ã­", "á»‹"), counting the
    stray pieces a partly damaged text leaves ("á?‹"): characters of the Windows-1252
    upper half that are neither Vietnamese letters nor common punctuation."""
    stray = sum(1 for char in text if char in _CP1252_HIGH and char not in _AT_HOME
                and char.casefold() not in _VIETNAMESE_LETTERS)
    return len(_MOJIBAKE.findall(text)) + stray


def legacy_in_unicode(text: str) -> list[tuple[str, str]]:
    """A Unicode text typed in a legacy font, as (encoding, repaired text) candidates."""
    if not all(ord(c) < 0x100 or c in "\u2018\u2019\u201c\u201d\u2013\u2014\u2026" for c in text):
        return []
    latin = text.encode("cp1252", errors="ignore") if not text.isascii() else b""
    return [("tcvn3", decode_tcvn3(latin)), ("vni", decode_vni(latin))] if latin else []
