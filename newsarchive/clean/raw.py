"""Read one raw input file into NFC text, or refuse it with a reason naming the file.

Scrapers and editors hand us whatever they saved: UTF-8 (with or without BOM),
Windows-1258 from old Vietnamese office software (base letters plus combining tone
marks), NFD text from macOS, and sometimes a PNG or an empty file renamed ``.txt``.

>>> RawText.from_bytes(b"(GLO)- S\\xc3\\xa1ng 12-7", "x.txt").text
'(GLO)- Sáng 12-7'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from newsarchive.errors import RawInputError
from newsarchive.text import fold, nfc

MAX_BYTES = 2 * 1024 * 1024
_MAGIC = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"%PDF": "a PDF file",
          b"PK\x03\x04": "a ZIP/Office file", b"GIF8": "a GIF image"}
# Words nearly every Vietnamese news text contains; a cp1258 decoding that yields none
# of them is a wrong guess (cp1258 maps almost every byte to *something*).
_VIETNAMESE_WORDS = re.compile(r"\b(cua|va|cac|nhung|trong|duoc|nam|ngay|tinh|dang|cong|nguoi|"
                               r"hoi|nghi|van|phong|khong|da|de|voi)\b")
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
        return cls(text, encoding, is_html)


def read_raw(path: Path) -> RawText:
    """Read and decode ``path``; every refusal is a :class:`RawInputError` with the path."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise RawInputError(f"rejected: {size:,} bytes is over the 2 MB limit", path)
        data = path.read_bytes()
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
    if b"\x00" in data[:8192]:
        raise RawInputError("rejected: binary file (NUL bytes), not text", name)


def _decode(data: bytes, name: str | Path) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1258", errors="replace")
    if "\ufffd" not in text and _VIETNAMESE_WORDS.search(fold(nfc(text))):
        return text, "cp1258"
    raise RawInputError("rejected: undecodable (neither UTF-8 nor Vietnamese Windows-1258)", name)


def _looks_like_page(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))
