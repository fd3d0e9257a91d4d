"""The adversarial corpus: raw inputs that scrapers and copy-paste really produce.

Written into a temporary folder by :func:`write_corpus` (a 50 MB file and a PNG do
not belong in git). Each input says what the ingest run must do with it: reject it
with a reason naming the file, or turn it into a safe article.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(64)

_TEMPLATE = """Chính trị

{headline}

Theo dõi Báo Tây Ninh trên Google News
(BTN) - Sáng 15-3-2023, Đảng ủy Văn phòng UBND tỉnh Tây Ninh tổ chức hội nghị {event}.

{body}

Quang cảnh hội nghị. Ảnh: T.H

Hội nghị đã thống nhất các nhiệm vụ, giải pháp trọng tâm trong thời gian tới.

Minh Anh
"""

MARKUP_TITLE = "Hội nghị <script>alert(1)</script> cán bộ"
HOSTILE_BODY = (
    'Đại biểu dán mã <script>alert("xss")</script> vào bài viết. '
    'Ảnh lỗi <img src=x onerror="alert(1)"> và liên kết <a href="javascript:alert(2)">bấm</a>. '
    "Cú pháp mẫu {{ config.site_name }} và {% raw %} không được chạy. "
    "Dòng **đậm** và [liên kết](javascript:alert(3)) chỉ là chữ."
)


@dataclass(frozen=True)
class HostileInput:
    """One raw input and the outcome the ingest run owes it."""

    name: str
    data: bytes
    outcome: str  # "rejected", "written" or "duplicate"
    arg: str | None = None  # how the path is passed on the command line, if unusual


def _article(headline: str, event: str = "sơ kết công tác Đảng", body: str = "") -> str:
    body = body or ("Văn phòng UBND tỉnh Tây Ninh đã hoàn thành tốt nhiệm vụ tham mưu, "
                    "tổng hợp trong năm qua.")
    return _TEMPLATE.format(headline=headline, event=event, body=body)


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_windows_1258(text: str) -> bytes:
    """Encode like Vietnamese Windows software: base letters plus combining tone marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:  # keep â/ê/ô/ơ/ư/ă precomposed, the tone separate
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in _TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def corpus() -> list[HostileInput]:
    """Every hostile input, in a fixed order."""
    h = HostileInput
    base = _article("Sơ kết công tác Đảng quý I năm 2023")
    huge = ("Đảng bộ Văn phòng UBND tỉnh. " * 1_550_000).encode()
    cp1258 = to_windows_1258(_article("Tổng kết công tác Văn phòng năm 2022", "tổng kết"))
    nfd = unicodedata.normalize("NFD", _article("Đại hội Chi bộ nhiệm kỳ 2022-2025", "đại hội"))
    markup = _article(MARKUP_TITLE, body=HOSTILE_BODY)
    yaml_like = _article('Khen thưởng: --- # "tập thể" xuất sắc năm 2023', "khen thưởng")
    same_title = _article("Sơ kết công tác Đảng quý I năm 2023",
                          body="Một bài khác cùng tiêu đề, về Chi bộ Tổng hợp của Văn phòng.")
    atlantis = (_article("Hội nghị của tỉnh Atlantis").replace("(BTN) - ", "")
                .replace("Báo Tây Ninh", "Báo Atlantis").replace("tỉnh Tây Ninh", "tỉnh Atlantis"))
    return [
        h("empty.txt", b"", "rejected"),
        h("whitespace.txt", b"  \n\t\n   \r\n", "rejected"),
        h("image.txt", _PNG, "rejected"),
        h("huge.txt", huge, "rejected"),
        h("invalid-utf8.txt", b"\xff\xfe\xfa\x00\x81 Dang bo \xc3\x28\xa0\xa1", "rejected"),
        h("windows-1258.txt", cp1258, "written"),
        h("nfd.txt", nfd.encode(), "written"),
        h("markup.txt", markup.encode(), "written"),
        h("yaml-headline.txt", yaml_like.encode(), "written"),
        h("long-headline.txt", _article("Sơ kết " + "rất dài " * 250).encode(), "written"),
        h("x.txt", _article("Hội nghị tổng kết thi đua năm 2022").encode(), "written",
          arg="a/b/../../x.txt"),
        h("original.txt", base.encode(), "written"),
        h("same-again.txt", base.encode(), "duplicate"),
        h("same-headline.txt", same_title.encode(), "written"),
        h("year-1900.txt", _article("Hội nghị năm 1900").replace("-2023", "-1900").encode(),
          "written"),
        h("future.txt", _article("Hội nghị năm 2031").replace("-2023", "-2031").encode(),
          "written"),
        h("unknown-province.txt", atlantis.encode(), "written"),
    ]


def write_corpus(folder: Path) -> list[tuple[HostileInput, str]]:
    """Write every input under ``folder``; return each with its command-line argument."""
    (folder / "a" / "b").mkdir(parents=True, exist_ok=True)
    written = []
    for item in corpus():
        (folder / item.name).write_bytes(item.data)
        written.append((item, str(folder / (item.arg or item.name))))
    return written
