"""Bylines and photo captions: who wrote the article, who took the pictures.

A byline is the last line of the article, names only: "Thanh Nhật" (seed 001),
"Nguyên An - Khánh Thùy" (seed 002, two authors). A photo caption ends with a credit:
"… năm 2024. Ảnh: M.Đ" (seed 000), "… tỉnh. Ảnh Huy Dương" (seed 004). Photo credits
are never authors.

>>> parse_byline("Nguyên An - Khánh Thùy")
['Nguyên An', 'Khánh Thùy']
>>> split_caption("Đại biểu tham gia đóng góp ý kiến. Ảnh: Thiệu Phan")
('Đại biểu tham gia đóng góp ý kiến.', 'Thiệu Phan')
"""

from __future__ import annotations

import re

# "Ảnh:" at the start, after a sentence end, or after a run of spaces (seed 001 pads
# the caption with spaces before "Ảnh: T.N"); the credit is names or initials.
# Every pattern here runs in linear time (tests/test_regex_linear.py): no pattern starts
# with a bare \s* (retried at every position of a run of spaces), and the caption, whose
# end a single regex found by trying every length (hours on a long line), is found by
# one pass in :func:`_caption_end`.
_CREDIT_TAIL = re.compile(r"(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Ảnh và bài|Ảnh tư liệu)\s*+:?\s*+"
                          r"(?P<credit>[^():;]{1,40}?)\s*+\)?\s*+$")
_CAPTION_ENDS = ".!?…”\"')"
_PREFIX = re.compile(r"^(?:Bài(?:,| và)? ảnh|Bài|Tin(?:,| và)? ảnh|Tin|Nhóm phóng viên|"
                     r"Thực hiện|Nhóm thực hiện)\s*:\s*", re.IGNORECASE)
_NAME_SPLIT = re.compile(r" [-–—] | ?, ?| và ")  # on whitespace-collapsed text
_INITIALS = re.compile(r"^(?:[A-ZĐ][a-zđ]?\.){1,3}[A-ZĐ]?[a-zđ]?$")  # T.N, M.Đ, P.V
_ATTRIBUTION = re.compile(r"^(?:Theo|Nguồn)\b", re.IGNORECASE)
# "(thực hiện)", "(theo TTXVN)", "(TTXVN/Vietnam+)" after the names.
_ROLE = re.compile(r"\((?:thực hiện|ghi|tổng hợp|lược dịch|theo [^()]{1,30}|"
                   r"[A-ZĐ][\w+./ -]{1,30})\)\s*+$", re.IGNORECASE)
_SUFFIX = re.compile(r"/\s*+[A-ZĐ][\w.+ -]{1,30}$")  # "Huy Dương/TTXVN", "Y Phương/VOV-Tây Nguyên"
# "Theo Ngọc Hân/VOV.VN": a writer at another outlet, credited with the outlet.
_WRITER_AT = re.compile(r"^Theo\s++(?P<name>[^/,]{2,40}?)\s*+/\s*+[A-ZĐ][\w.+]{1,20}[,.]?$")
# "Lê Minh Trí - Văn phòng UBND tỉnh Bình Định", "Ngọc Hân – VP UBND tỉnh": a name, then
# the writer's office (an office word or an acronym such as VP, CĐVC, TTXVN). Only the
# first space of a run may start it, so a run of spaces is read once.
_AFFILIATION = re.compile(r"(?<!\s)\s++[-–—]\s++(?:(?:Văn phòng|Sở|Ban|UBND|Phòng|Trung tâm|"
                          r"Cổng|Báo|Đài|Công đoàn|Hội)\b|[A-ZĐ]{2,}\b).*+$")
# "Theo Minh Quân" over a line naming the paper: the writer, credited by the paper.
_BY = re.compile(r"^Theo\s++(?P<name>\S++(?:\s++\S++){1,3})$")
# Academic titles before a name ("ThS. ", "PGS.TS "): the name is the author.
_DEGREE = re.compile(r"^(?:(?:PGS|GS|TS|ThS|NCS|BS|KS|CN|LS)(?:\.\s*+|\s++))+(?=[A-ZĐÀ-Ỹ])")
_OUTLET = re.compile(r"^(?:Báo|Tạp chí|Đài|Cổng|Trang|TTXVN|VOV|VTV)\b")


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and not any(ch.isdigit() for ch in word) or bool(
        _INITIALS.match(word))


def looks_like_name(text: str, max_words: int = 5) -> bool:
    """Whether ``text`` is a person's name or initials ("Thiệu Phan", "T.N", "PV").

    >>> looks_like_name("Thanh Nhật"), looks_like_name("Quang cảnh hội nghị")
    (True, False)
    """
    words = _SUFFIX.sub("", text).split()  # the space before "/" goes with split()
    return (0 < len(words) <= max_words and len(text) <= 40
            and all(_is_name_word(word) for word in words))


def split_caption(line: str) -> tuple[str, str] | None:
    """``(caption, credit)`` when ``line`` ends with a photo credit; caption may be ''.

    >>> split_caption("Quang cảnh hội nghị. Ảnh: T.N")
    ('Quang cảnh hội nghị.', 'T.N')
    """
    found = _caption_match(line.strip())
    if found is None or not looks_like_name(found[1].rstrip(".")):
        return None
    return found[0].strip(), found[1].strip().rstrip(".")


def _caption_match(line: str) -> tuple[str, str] | None:
    """The caption and credit the credit pattern reads, in one pass over ``line``.

    The caption is the shortest start of the line that ends with a sentence end, a run
    of two spaces, a dash after a space, or just before " (", and is followed only by
    spaces and at most one "(" up to a credit marker ("Ảnh:") whose tail ends the line.
    """
    credits = {m.start(): m["credit"] for m in _credit_tails(line)}
    if not credits:
        return None
    after = _junk_ends(line)
    for end in _caption_ends(line):
        if after[end] in credits:
            return line[:end], credits[after[end]]
    return ("", credits[after[0]]) if after[0] in credits else None


def _credit_tails(line: str) -> list[re.Match[str]]:
    starts, at = [], line.find("Ảnh")
    while at >= 0:  # str.find, not a test at every index: this runs on every body line
        starts.append(at)
        at = line.find("Ảnh", at + 1)
    return [m for m in (_CREDIT_TAIL.match(line, i) for i in starts) if m is not None]


def _junk_ends(line: str) -> list[int]:
    """For each position, where the spaces (and one "(") starting there end."""
    next_solid = [len(line)] * (len(line) + 1)
    for i in range(len(line) - 1, -1, -1):
        next_solid[i] = next_solid[i + 1] if line[i].isspace() else i
    ends = []
    for i in range(len(line) + 1):
        k = next_solid[i]
        ends.append(next_solid[k + 1] if k < len(line) and line[k] == "(" else k)
    return ends


def _caption_ends(line: str) -> list[int]:
    """Where a caption may end, in the order the old single pattern tried them."""
    ends = []
    run_end = len(line)
    for i in range(len(line) - 1, -1, -1):  # the end of the run of spaces at i
        if not line[i].isspace():
            run_end = i
        ends.append(run_end)
    run_ends = ends[::-1]
    found = []
    for i, char in enumerate(line):
        following = line[i + 1:i + 2]
        if char in _CAPTION_ENDS:
            found.append(i + 1)
        if char.isspace() and following.isspace():
            found.append(run_ends[i])
        if char.isspace() and following in ("-", "–"):
            found.append(i + 2)
        if char.isspace() and following == "(":
            found.append(i)
    return found


def parse_byline(line: str) -> list[str] | None:
    """The authors a last line names, or ``None`` when it is not a byline.

    >>> parse_byline("ThS. Lê Hoàng Phúc"), parse_byline("PGS.TS Trần Văn A")
    (['Lê Hoàng Phúc'], ['Trần Văn A'])
    """
    text = _PREFIX.sub("", line.strip())
    text = _AFFILIATION.sub("", _ROLE.sub("", _DEGREE.sub("", text)).rstrip())
    writer = _WRITER_AT.match(text) or _BY.match(text)
    if writer and looks_like_name(writer["name"], max_words=4) \
            and not _OUTLET.match(writer["name"]):
        return [writer["name"]]
    if _ATTRIBUTION.match(text):
        return None  # "Theo TTXVN" credits a source, not a writer
    if not text or ":" in text or text[-1] in ".:;!?…\"”" and not _INITIALS.match(text.split()[-1]):
        return None
    names = [_SUFFIX.sub("", name).strip()
             for name in _NAME_SPLIT.split(" ".join(text.split())) if name.strip()]
    if not names or len(names) > 4 or not all(looks_like_name(n, max_words=4) for n in names):
        return None
    if any(_OUTLET.match(name) for name in names):
        return None  # "Báo Sơn La" credits the paper, not a writer
    if len(names) == 1 and len(names[0].split()) == 1 and not _INITIALS.match(names[0]) \
            and names[0] not in ("PV", "BTV", "CTV"):
        return None  # one plain word is a button ("Top"), not a name
    return names
