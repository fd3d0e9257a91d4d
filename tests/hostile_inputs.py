"""The adversarial corpus: raw inputs that scrapers and copy-paste really produce.

Written into a temporary folder by :func:`write_corpus` (a 50 MB file and a PNG do
not belong in git). Each input says what the ingest run must do with it: reject it
with a reason naming the file, or turn it into a safe article.
"""

from __future__ import annotations

import os
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
    outcome: str  # "rejected", "written", "duplicate" or "skipped"
    arg: str | None = None  # how the path is passed on the command line, if unusual
    says: str = ""  # a regex its report line must match (the reason, escaped names…)
    kind: str = "file"  # "fifo", "symlink" (data: its target), "dir" or "file"


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


# TCVN3 has no upper-case toned letters: the ".VnTimeH" fonts drew lower-case codes as
# capitals, so a typist's "Ảnh" is stored as "ảnh".
def to_tcvn3(text: str) -> bytes:
    """Encode like a ``.VnTime`` typist (the table under test, inverted)."""
    from newsarchive.clean.legacy import TCVN3

    codes = {letter: byte for byte, letter in TCVN3.items()}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char not in codes and char.lower() in codes and not char.isascii():
            char = char.lower()
        out += bytes([codes[char]]) if char in codes else char.encode("ascii")
    return bytes(out)


_VNI_TONE = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_HAT_TONE = {("\u0302", t): m for t, m in zip(_VNI_TONE, "àáåãä", strict=True)} | {
    ("\u0306", t): m for t, m in zip(_VNI_TONE, "èéúüë", strict=True)}
_VNI_I = {"\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_vni(text: str) -> bytes:
    """Encode like a ``VNI-Times`` typist: base letter, then mark bytes (Windows-1252)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        upper = base.isupper()
        hat = next((m for m in marks if m in "\u0302\u0306\u031b"), None)
        tone = next((m for m in marks if m in _VNI_TONE), None)
        if base in "đĐ":
            code = "ñ"
        elif hat == "\u031b":  # horn: ơ, ư are single bytes, the tone follows
            code = {"o": "ô", "u": "ö"}[base.lower()] + (_VNI_TONE[tone] if tone else "")
        elif base in "iI" and tone:
            code = _VNI_I[tone]
        elif base in "yY" and tone == "\u0323":
            code = "î"
        elif hat and tone:
            code = base + _VNI_HAT_TONE[(hat, tone)]
        elif hat:
            code = base + {"\u0302": "â", "\u0306": "ê"}[hat]
        elif tone:
            code = base + _VNI_TONE[tone]
        else:
            out.append(char)
            continue
        out.append(code.upper() if upper else code)
    return "".join(out).encode("cp1252")


def mojibake(text: str) -> bytes:
    """UTF-8 read as Windows-1252 and saved again as UTF-8 ("ChÃ­nh trá»‹")."""
    data = text.encode("utf-8")
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data).encode()


def _page(title: str, head: str = "", column: str = "") -> bytes:
    body = ("<p>(BTN) - Sáng 15-3-2023, Đảng ủy Văn phòng UBND tỉnh Tây Ninh tổ chức hội nghị "
            f"{title.lower()}.</p><p>Hội nghị đã thống nhất các nhiệm vụ trọng tâm.</p>")
    return (f'<html><head><meta property="og:title" content="{title}">{head}</head>'
            f"<body><article>{column}{body}</article></body></html>").encode()


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
        *_hostile_encodings(), *_hostile_budgets(), *_hostile_files(), *_hostile_pages(),
    ]


def _hostile_encodings() -> list[HostileInput]:
    h = HostileInput
    text = _article("Tổng kết công tác thi đua năm 2021", "tổng kết")
    late_nul = _article("Hội nghị có byte rỗng", body="Đảng bộ. " * 1200).encode() + b"\x00x\n"
    garbage = bytes(range(0x80, 0x100)) * 20 + b" cua va cac nhung trong duoc nam ngay tinh"
    broken = mojibake(_article("Hội nghị chữ hỏng")).replace("»".encode(), b"?")
    return [
        h("utf16-bom.txt", _article("Sơ kết quý II năm 2021").encode("utf-16"), "written"),
        h("utf16-be.txt", _article("Sơ kết quý III năm 2021").encode("utf-16-be"), "written"),
        h("tcvn3.txt", to_tcvn3(text), "written"),
        h("vni.txt", to_vni(_article("Đại hội Chi bộ nhiệm kỳ 2020-2025", "đại hội")), "written"),
        h("mojibake.txt", mojibake(_article("Chính trị: hội nghị cán bộ chủ chốt")), "written"),
        h("mojibake-broken.txt", broken, "rejected", says="decoded twice"),
        h("legacy-garbage.txt", garbage, "rejected", says=r"undecodable .*too few"),
        h("late-nul.txt", late_nul, "rejected", says=r"late-nul\.txt:\d+: rejected: .*NUL"),
        h("bom-crlf.txt", b"\xef\xbb\xbf" + _article("Hội nghị dòng Windows").replace(
            "\n", "\r\n").encode(), "written"),
    ]


def _hostile_budgets() -> list[HostileInput]:
    h = HostileInput
    crumbs = "Tin > " * 30 + "b" * 70  # exponential for the old breadcrumb pattern
    return [
        h("many-lines.txt", b"x\n" * 20_001, "rejected", says="20,000-line limit"),
        h("long-line.txt", _article("Dòng dài", body="a" * 20_001).encode(), "rejected",
          says=r"long-line\.txt:\d+: rejected: a line of 20,001"),
        h("breadcrumb-trap.txt", (crumbs + "\n" + _article("Hội nghị sau dòng bẫy")).encode(),
          "written"),
        h("spaces.txt", _article("Hội nghị nhiều dấu cách", body="Đảng bộ" + " " * 19_000
                                 + "họp.").encode(), "written"),
        h("index-headline.txt", _article("Index").encode(), "written"),
    ]


def _hostile_files() -> list[HostileInput]:
    h = HostileInput
    plain = _article("Hội nghị tên tệp lạ").encode()
    return [
        h("pipe.txt", b"", "rejected", kind="fifo", says="named pipe"),
        h("link.txt", b"/etc/passwd", "rejected", kind="symlink", says="symbolic link"),
        h("zero.txt", b"/dev/zero", "rejected", kind="symlink", says="symbolic link"),
        h("dev-zero", b"", "rejected", arg="/dev/zero", says="character device"),
        h("tin\nmoi.txt", plain, "written", says=r"tin\\nmoi\.txt →"),
        h("tab\tname.txt", _article("Tổng kết tên tệp có tab").encode(), "written",
          says=r"tab\\tname"),
        h("-rf.txt", _article("Hội nghị tên như tùy chọn").encode(), "written"),
        h("a" * 246 + ".txt", _article("Hội nghị tên tệp rất dài").encode(), "written"),
        h(".dot/inside.txt", _article("Hội nghị trong thư mục chấm").encode(), "written"),
        h("scan/.hidden.txt", plain, "skipped", arg="scan", says="hidden file"),
        h("scan/.hidden-dir/x.txt", plain, "skipped", arg="scan", says="hidden folder"),
        h("scan/notes.doc", b"notes", "skipped", arg="scan", says=r"not a \.txt or \.html"),
        h("scan/link.txt", b"../x.txt", "rejected", kind="symlink", arg="scan",
          says="symbolic link"),
    ]


def _hostile_pages() -> list[HostileInput]:
    h = HostileInput
    deep = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    return [
        h("og-url.html", _page("Hội nghị địa chỉ hỏng", '<meta property="og:url" '
                               'content="https://[x/tin">'), "written"),
        h("og-relative.html", _page("Hội nghị địa chỉ tương đối", '<meta property="og:url" '
                                    'content="/tin/123"><link rel="canonical" '
                                    'href="https://baotayninh.vn/tin/123">'), "written"),
        h("json-ld-deep.html", _page("Hội nghị JSON lồng sâu", deep), "written"),
        h("nested-divs.html", _page("Hội nghị thẻ lồng sâu", column="<div>" * 30_000),
          "written"),
        h("minified.html", _page("Hội nghị trang một dòng", column="<span>x</span>" * 3_000),
          "written"),
    ]


def write_corpus(folder: Path) -> list[tuple[HostileInput, str]]:
    """Write every input under ``folder``; return each with its command-line argument
    (folders given once, absolute paths as they are)."""
    (folder / "a" / "b").mkdir(parents=True, exist_ok=True)
    written = []
    for item in corpus():
        path = folder / item.name
        path.parent.mkdir(parents=True, exist_ok=True)
        if item.kind == "fifo":
            os.mkfifo(path)
        elif item.kind == "symlink":
            path.symlink_to(item.data.decode())
        elif not item.arg or not item.arg.startswith("/"):
            path.write_bytes(item.data)
        written.append((item, str(item.arg if item.arg and item.arg.startswith("/")
                                  else folder / (item.arg or item.name))))
    return written


def arguments(inputs: list[tuple[HostileInput, str]]) -> list[str]:
    """The command line's paths: each once, after ``--`` (a name may start with "-")."""
    return ["--", *dict.fromkeys(arg for _, arg in inputs)]
