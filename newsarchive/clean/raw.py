"""Read one raw input file into NFC text, or refuse it with a reason naming the file.

Scrapers and editors hand us whatever they saved: UTF-8 (with or without BOM),
Windows-1258 from old Vietnamese office software (base letters plus combining tone
marks), NFD text from macOS, and sometimes a PNG or an empty file renamed ``.txt``.

>>> RawText.from_bytes(b"(GLO)- S\\xc3\\xa1ng 12-7", "x.txt").text
'(GLO)- Sáng 12-7'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from newsarchive.clean.legacy import (
    decode_tcvn3,
    decode_vni,
    legacy_in_unicode,
    looks_double_encoded,
    mojibake_count,
    undo_mojibake,
    vietnamese_score,
)
from newsarchive.errors import RawInputError
from newsarchive.files import UnsafeFileError, read_regular
from newsarchive.text import nfc

# Budgets per input (README "Budgets"): a news article is a few kilobytes and a few
# hundred lines; anything far past these is a scraper's accident or an attack.
MAX_BYTES = 2 * 1024 * 1024  # a saved page with its scripts is rarely over 500 KB
MAX_LINES = 20_000  # the longest seed has ~60 lines
MAX_LINE_CHARS = 20_000  # a text line (a paragraph); saved HTML is measured after extraction
_MAGIC = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"%PDF": "a PDF file",
          b"PK\x03\x04": "a ZIP/Office file", b"GIF8": "a GIF image"}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True, slots=True)
class RawText:
    """A decoded raw input: NFC text with ``\\n`` line ends, and how it was encoded."""

    text: str
    encoding: str
    is_html: bool

    @classmethod
    def from_bytes(cls, data: bytes, name: str | Path) -> RawText:
        """Decode ``data`` or raise :class:`RawInputError` naming ``name``."""
        _check_bytes(data, name)
        text, encoding = _decode(data, name)
        text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip(" \t\n\u00a0\u200b\ufeff"):
            raise RawInputError("rejected: only whitespace, no text", name)
        is_html = str(name).lower().endswith(HTML_SUFFIXES) or _looks_like_page(text)
        _check_text(text, name, lines_too_long_ok=is_html)  # pages: after extraction
        return cls(text, encoding, is_html)


def read_raw(path: Path) -> RawText:
    """Read and decode ``path``; every refusal is a :class:`RawInputError` with the path.

    Only a regular file is read: a link, a folder named ``x.txt``, a FIFO or a device
    is refused without being opened for reading (see :func:`files.read_regular`).
    """
    try:
        data = read_regular(path, MAX_BYTES)
    except UnsafeFileError as error:
        raise RawInputError(f"rejected: {error.strerror}", path) from error
    except ValueError as error:
        raise RawInputError(f"rejected: {error.args[0]:,} bytes is over the 2 MB limit",
                            path) from error
    except OSError as error:
        raise RawInputError(f"rejected: cannot read ({error.strerror})", path) from error
    return RawText.from_bytes(data, path)


def content_key(text: str) -> str:
    """Hash under which two copies of one text compare equal (NFC, whitespace collapsed).

    >>> content_key("Sáng  12-7\\n") == content_key("Sáng 12-7")
    True
    """
    canonical = " ".join(nfc(text).replace("\u00a0", " ").split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_bytes(data: bytes, name: str | Path) -> None:
    if not data:
        raise RawInputError("rejected: empty file", name)
    if len(data) > MAX_BYTES:
        raise RawInputError(f"rejected: {len(data):,} bytes is over the 2 MB limit", name)
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise RawInputError(f"rejected: binary file ({kind}), not text", name)


def _check_text(text: str, name: str | Path, lines_too_long_ok: bool = False) -> None:
    """NUL characters anywhere, and the line budgets (:data:`MAX_LINES`, :data:`MAX_LINE_CHARS`)."""
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise RawInputError("rejected: binary file (NUL bytes), not text", name, line)
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise RawInputError(f"rejected: {lines:,} lines is over the {MAX_LINES:,}-line limit",
                            name)
    if not lines_too_long_ok:
        check_line_lengths(text, name)


def check_line_lengths(text: str, name: str | Path) -> None:
    """Refuse a line over :data:`MAX_LINE_CHARS`, naming its number."""
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise RawInputError(f"rejected: a line of {len(line):,} characters is over the "
                                f"{MAX_LINE_CHARS:,}-character limit", name, number)


def _decode(data: bytes, name: str | Path) -> tuple[str, str]:
    """The text and the encoding it was in; a guess must read as Vietnamese to win.

    UTF-16 (with a byte-order mark, or without one when every other byte is NUL) is
    decoded; valid UTF-8 is kept unless it is mojibake or text typed in a legacy font
    that reads as Vietnamese once repaired; other bytes are tried as Windows-1258,
    TCVN3 and VNI, and the most convincing wins (:mod:`newsarchive.clean.legacy`).
    """
    utf16 = _utf16(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if sum(1 for char in text if char > "\u2fff") * 10 > len(text) or not text:
            raise RawInputError("rejected: undecodable (starts like UTF-16, does not read as "
                                "UTF-16 text)", name)
        return text, "utf-16"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_legacy(data, name)
    return _repair_unicode(text, name)


def _utf16(data: bytes) -> str | None:
    if data.startswith(_UTF16_BOMS):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        return "utf-16-le" if odd > even * 4 else "utf-16-be" if even > odd * 4 else None
    return None


_SAMPLE = 3000  # characters read to tell Vietnamese from a legacy font's letters


def _repair_unicode(text: str, name: str | Path) -> tuple[str, str]:
    """UTF-8 text as is, or repaired when it is mojibake or legacy-font text."""
    if text.isascii():
        return text, "utf-8"
    if looks_double_encoded(text):
        repaired = undo_mojibake(text)
        if repaired is not None and not mojibake_count(repaired):
            return repaired, "utf-8, double-encoded"
        raise RawInputError(f"rejected: {mojibake_count(text)} letters look like UTF-8 "
                            "decoded twice (\"Ã­\", \"á»‹\") and could not be repaired", name)
    if vietnamese_score(text[:_SAMPLE]).convincing:  # a page's start is evidence enough
        return text, "utf-8"
    for encoding, repaired in legacy_in_unicode(text):
        if vietnamese_score(nfc(repaired)).convincing:
            return repaired, f"{encoding} typed as Unicode"
    return text, "utf-8"


_LEGACY = (("cp1258", lambda data: data.decode("cp1258", errors="replace")),
           ("tcvn3", decode_tcvn3), ("vni", decode_vni))


def _decode_legacy(data: bytes, name: str | Path) -> tuple[str, str]:
    """Not UTF-8: the legacy encoding whose decoding reads most like Vietnamese."""
    scored = []
    for encoding, decode in _LEGACY:
        text = decode(data)
        score = vietnamese_score(nfc(text))
        scored.append((score.rank, -text.count("\ufffd"), encoding, text, score))
    best = max(scored, key=lambda item: item[:2])
    _, _, encoding, text, score = best
    if score.convincing and "\ufffd" not in text:
        return text, encoding
    raise RawInputError(
        "rejected: undecodable (neither UTF-8 nor Vietnamese Windows-1258, TCVN3 or VNI; "
        f"best guess {encoding.upper()} gives {score.common} common Vietnamese words "
        f"of {score.words}, too few to trust)", name)


def _looks_like_page(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))
