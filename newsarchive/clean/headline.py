"""Choose the headline among the lines at the top of a scraped page, on evidence.

A scraped page rarely starts with its headline. Above it sit language switchers,
"Skip to main content", hotlines, portal names, section labels, tickers that show
*another* article's headline, breadcrumbs ending in this one's, and a browser-title
line "<headline> - <site>". So every line near the top is a candidate, and each is
scored on what it looks like (length, separators, capitals, furniture words), what
follows it (a date stamp, the lead), and what it repeats (the page's address as a
slug, the lead's words, a breadcrumb, the saved page's own title). The best wins;
when it is not clearly ahead, the title is still written but flagged for review.
Weights and furniture words live in ``data/headline.toml``.

>>> choice = choose_headline(["Trang chủ | Tin tức", "Đại hội Chi bộ Văn phòng nhiệm kỳ 2025-2030",
...     "12/05/2025 08:15", "(GLO)- Sáng 11-5, Chi bộ Văn phòng tổ chức Đại hội nhiệm kỳ 2025-2030 "
...     "với sự tham dự của toàn thể đảng viên trong chi bộ và đại diện Đảng ủy."])
>>> choice.text, choice.sure
('Đại hội Chi bộ Văn phòng nhiệm kỳ 2025-2030', True)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import unquote, urlsplit

from newsarchive.clean import sources
from newsarchive.clean.dates import parse_stamp
from newsarchive.datafiles import toml_document
from newsarchive.errors import DataFileError
from newsarchive.text import fold, slugify

# Possessive runs, entered only at a run's first space: linear on any line.
_BREADCRUMB_SPLIT = re.compile(r"(?<!\s)\s++[>»›]\s++|^\s*+[>»›]\s*+")
_TITLE_SUFFIX = re.compile(r"(?<!\s)\s++[|–—-]\s++(?=[^|–—-]{2,80}$)")
_SEPARATORS = re.compile(r"\s[|>»›•]\s|^[•·>»]|\s[|]|[|]\s")
_DATELINE = re.compile(r"^\(?[A-ZĐ][\w.]{1,20}\)?\s*[-–.]+\s|^\([^)]{2,30}\)\s*[-–.]")
_DATE_OPENER = re.compile(r"^(?:sáng|chiều|tối|trưa|ngày|hôm)(?:\s+(?:nay|qua))?\s*\(?\d{1,2}"
                          r"\s*[/.\-]\s*\d{1,2}", re.IGNORECASE)
_SITE_TAIL = re.compile(r"(?i)\b(báo|cổng|trang|tạp chí|đài|online|điện tử|portal|news|"
                        r"truyền hình|\.vn|\.com|tỉnh ủy|tỉnh uỷ)\b|\.vn$|"
                        r"^(?=[0-9 .]*[A-ZĐ])[A-ZĐ0-9 .]{2,30}$")
_URL_ID = re.compile(r"(?:[-_.](?:post|p|c|a|d|n|t|ar|news|id)?\d{4,}|\.\w{2,5})+$")
_WORD = re.compile(r"\w+")
# Glued lines. A scraper's metadata prefix " date 2026-01-21 <headline>"; a stamp after
# the headline "<headline> 03/02/2026 11:32"; the lead run on after the headline
# "<headline> (BBNĐT) - Sáng 12-3, …". Each is searched, never matched from a lazy
# prefix, so the cost stays linear in the line's length.
_PREFIX_DATE = re.compile(r"^(?:date|ngày|published)?\s*+:?\s*+(\d{4}-\d{2}(?:-\d{2}"
                          r"(?:[ T]\d{2}:\d{2}(?::\d{2})?)?)?)\s++(?=\S)", re.IGNORECASE)
# A date glued to the text after it with no space: "15/03/2012Chiều hôm qua, …".
_GLUED_DATE = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4})(?=[^\W\d_])")
# A stamp with the byline after it on one line: "Thứ sáu, 10:15, 25/08/2023 Hồng Thái".
_LEADING_STAMP = re.compile(r"^(?:thứ\s+\w+|chủ\s+nhật)?[,\s]*(?:\d{1,2}:\d{2}[,\s]*)?"
                            r"\d{1,2}/\d{1,2}/\d{4}(?:[,\s-]*\d{1,2}:\d{2})?(?:\s*\(GMT\+7\))?\s+"
                            r"(?=[A-ZĐÀ-Ỹ])", re.IGNORECASE)
# A station's or paper's marker printed before the headline: "(TTV) Chánh Văn phòng …".
_MARKER_PREFIX = re.compile(r"^\([A-ZĐ][A-Za-zĐđ.]{1,12}\)\s*[-–]?\s*(?=\w)")
_TRAILING_STAMP = re.compile(r"\s((?:\d{1,2}:\d{2}\s*[-,|]?\s*)?\d{1,2}[/-]\d{1,2}[/-]\d{4}"
                             r"(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(?GMT\+7\)?)?)\s*$")
_LEAD_START = re.compile(r"\s(?=\([A-ZĐ][\w.]{1,20}\)\s*[-–.]|[A-Z][A-Za-z]{1,15}\.(?:vn|VN)\s*[-–]"
                         r"|(?:Sáng|Chiều|Tối|Trưa|Ngày|Hôm)\s+(?:nay\s+)?\(?\d{1,2}\s*[/.\-]\s*\d{1,2})")
SENTENCE_END = (".", "!", "?", "…", "\"", "”", ")")  # how a line of prose ends
# Where a scraper glued two things the page printed apart: the end of a tag attribute
# ('"> ', '" /> ' of a mangled <meta content="…">) or an aggregator's relative age
# ("3 giờ trước").
_GLUE_MARK = re.compile(r'"\s?/?>|\s(\d{1,2}\s(?:giây|phút|giờ|ngày)\strước)\s')


@dataclass(frozen=True, slots=True)
class Settings:
    """``data/headline.toml``: limits, signal weights and the furniture-word pattern."""

    window: int
    sure_margin: float
    sure_score: float
    weights: dict[str, float]
    chrome: frozenset[tuple[str, ...]]  # furniture phrases as folded word tuples
    longest: int


@cache
def settings() -> Settings:
    data = toml_document("headline.toml")
    try:
        limits, weights, phrases = data["limits"], data["weights"], data["chrome"]["words"]
    except KeyError as error:
        raise DataFileError(f"missing table {error}", "headline.toml") from error
    if not phrases:
        raise DataFileError("[chrome] words is empty", "headline.toml")
    folded = {fold(phrase) for phrase in phrases}
    chrome = frozenset(tuple(words(word)) for word in folded)
    return Settings(int(limits["window"]), float(limits["sure_margin"]),
                    float(limits["sure_score"]), {k: float(v) for k, v in weights.items()},
                    chrome, max(len(phrase) for phrase in chrome))


@dataclass(slots=True)
class Candidate:
    """A line (or a segment of one) that could be the headline, with its evidence."""

    text: str
    index: int  # the line the body starts after
    origin: str = "line"  # line | breadcrumb | browser-title | page-title
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, signal: str, factor: float = 1.0) -> None:
        weight = settings().weights[signal] * factor
        if weight:
            self.score += weight
            self.reasons.append(f"{signal} {weight:+.1f}")


@dataclass(frozen=True, slots=True)
class Choice:
    """The chosen headline (``None`` when no line qualifies) and why."""

    text: str | None
    index: int
    sure: bool
    ranking: tuple[Candidate, ...] = ()

    @property
    def rival(self) -> Candidate | None:
        """The best candidate on another line: a segment of the winner's own line is the
        same choice of where the article starts, so the margin is taken over this one."""
        return next((c for c in self.ranking[1:] if c.index != self.index), None)

    def explain(self) -> str:
        """One line for the run report: the winner's evidence and the rival's score."""
        if not self.ranking:
            return "no headline candidate"
        best, rival = self.ranking[0], self.rival
        why = f"{best.text[:60]!r} {best.score:.1f} ({', '.join(best.reasons)})"
        if rival is not None:
            why += f" over {rival.text[:40]!r} {rival.score:.1f}"
        return why


def scraper_date(line: str) -> tuple[str | None, str]:
    """The scraper's metadata date glued before a line, and the line without it.

    Our scraper prefixes the page's first line with " date YYYY-MM[-DD] " from the page's
    metadata: the publication date, whatever line it lands on.

    >>> scraper_date(" date 2019-01 Văn phòng UBND tỉnh tổng kết công tác năm 2018")
    ('2019-01', 'Văn phòng UBND tỉnh tổng kết công tác năm 2018')
    """
    prefix = _PREFIX_DATE.match(line.strip())
    if prefix and words(line.strip()[prefix.end():]):
        return prefix.group(1), line.strip()[prefix.end():]
    return None, line


def split_glued(line: str) -> list[str]:
    """A line the scraper glued together, as the lines the page printed.

    >>> split_glued("Hội nghị tổng kết công tác năm 2025 03/02/2026 11:32")
    ['Hội nghị tổng kết công tác năm 2025', '03/02/2026 11:32']
    >>> split_glued("15/03/2012Chiều hôm qua, UBND tỉnh tổ chức hội nghị")
    ['15/03/2012', 'Chiều hôm qua, UBND tỉnh tổ chức hội nghị']
    >>> split_glued('Tỉnh trao quà Tết cho hộ nghèo 3 giờ trước (TTXVN) - Ngày 2/2, tỉnh trao quà')
    ['Tỉnh trao quà Tết cho hộ nghèo', '3 giờ trước', '(TTXVN) - Ngày 2/2, tỉnh trao quà']
    """
    line = line.strip()
    if parse_stamp(line) is not None:
        return [line]
    if (">" in line or "trước" in line) and _GLUE_MARK.search(line):
        pieces = [piece for piece in _GLUE_MARK.split(line) if piece and piece.strip()]
        return [part for piece in pieces for part in _split_once(piece.strip())]
    return _split_once(line)


def _split_once(line: str) -> list[str]:
    """:func:`split_glued` once glue marks are cut: a stamp, a date or a lead glued on."""
    if parse_stamp(line) is not None:
        return [line]
    glued = _GLUED_DATE.match(line)
    if glued:
        return [glued.group(1), line[glued.end():].strip()]
    stamp = _TRAILING_STAMP.search(line)
    label = line[:stamp.start()].strip() if stamp else ""
    if stamp and words(label) and not (label.endswith(":") and len(words(label)) <= 3):
        # ("Ngày in: 03/05/2021" stays whole: a label's date is the label's, not a stamp)
        return [label, stamp.group(1).strip()]
    leading = _LEADING_STAMP.match(line)
    if leading and 1 <= len(words(line[leading.end():])) <= 8:
        return [leading.group(0).strip(), _undouble(line[leading.end():].strip())]
    if len(words(line)) > 25:
        lead = _LEAD_START.search(line)
        if lead and 5 <= len(words(line[:lead.start()])) <= 40:
            return [line[:lead.start()].strip(), line[lead.end():].strip()]
    return [line]


def _tidy(headline: str) -> str:
    """The headline without what the page hung on it: a leading bullet, an outlet's tag
    "(TTV) ", and trailing tokens with no letter or digit (a badge ' "*"')."""
    text = headline.lstrip("•·▪►*-– ").strip()
    if len(words(text)) > 5:
        text = _MARKER_PREFIX.sub("", text)
    tokens = text.split()
    while len(tokens) > 1 and not any(c.isalnum() for c in tokens[-1]) \
            and tokens[-1] not in ("?", "!", "…", "..."):
        tokens.pop()
    return " ".join(tokens) if tokens != text.split() else text


def _undouble(text: str) -> str:
    """A name the page printed twice in a row, once ("Hồng Thái Hồng Thái" → "Hồng Thái")."""
    parts = text.split()
    half = len(parts) // 2
    return " ".join(parts[:half]) if len(parts) % 2 == 0 and parts[:half] == parts[half:] \
        else text


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """The words (syllables) of ``text``; cached, as every line is measured many times."""
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """``fold`` for the lines of the page being read: each is scored against many
    candidates, and folding is most of a page's cleaning time."""
    return fold(text)


@lru_cache(maxsize=4096)
def _furniture(text: str) -> int:
    """How many furniture phrases ``text`` holds (word n-grams looked up in a set: linear
    in the line, where an alternation of sixty phrases is not)."""
    config = settings()
    tokens = words(_folded(text))
    return sum(tuple(tokens[i:i + n]) in config.chrome
               for i in range(len(tokens)) for n in range(1, config.longest + 1))


def has_furniture(text: str) -> bool:
    """Whether ``text`` holds a furniture phrase ("Cỡ chữ", "Đường dây nóng", "GMT")."""
    return _furniture(text) > 0


@lru_cache(maxsize=4096)
def is_paragraph(text: str) -> bool:
    """A line that reads as running text: long, ending like a sentence, no furniture."""
    count = len(words(text))  # syllables: a Vietnamese headline runs to 30 of them
    prose = count >= 50 or (count >= 30 and text.rstrip().endswith(SENTENCE_END))
    return prose and not _furniture(text)


def lead_marker(text: str) -> str | None:
    """The dateline marker opening a lead ("(KGO) - ", "BDK.VN - "), if any."""
    match = _DATELINE.match(text)
    return match.group(0) if match else None


@lru_cache(maxsize=4096)
def is_sentence(text: str) -> bool:
    """A shorter line that still reads as text (a short lead in a brief item)."""
    return (len(words(text)) >= 12 and text.rstrip().endswith(SENTENCE_END)
            and not _furniture(text))


# Path segments of listing pages (a tag, topic, search or keyword page of any site).
_LISTING_SEGMENTS = frozenset({"tag", "tags", "the", "chu-de", "chude", "topic", "topics",
                               "tim-kiem", "timkiem", "search", "keyword", "keywords", "tu-khoa"})


def slug_words(url: str | None) -> set[str]:
    """The words of an address's last path segment, ids and extensions dropped; none for
    a tag, topic or search page's address, whose last segment names the listing.

    >>> sorted(slug_words("https://baogialai.com.vn/so-ket-cong-tac-dang-post552585.html"))
    ['cong', 'dang', 'ket', 'so', 'tac']
    >>> slug_words("https://example.vn/tags/van-phong-ubnd-tinh-bac-ninh")
    set()
    """
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return set()
    segments = [s for s in path.split("/") if s]
    if not segments or len(segments[-1]) > 300:  # no headline's slug is longer
        return set()
    if any(fold(segment) in _LISTING_SEGMENTS for segment in segments[:-1]):
        return set()  # /tags/van-phong-ubnd-tinh: the slug names a tag, not this article
    tokens = [t for t in re.split(r"[-_+\s]+", _URL_ID.sub("", segments[-1].lower())) if t]
    tokens = [fold(t) for t in tokens if not (t.isdigit() and len(t) > 4)]
    return set(tokens) if len(tokens) >= 3 else set()


def _slug_fit(text: str, slug: set[str]) -> float:
    """F2 of the candidate's words against the slug's (recall counts double: slugs are
    often cut short, so every slug word should be in the headline)."""
    mine = set(slugify(text, max_length=400).split("-"))
    common = len(mine & slug)
    if not common:
        return 0.0
    precision, recall = common / len(mine), common / len(slug)
    return 5 * precision * recall / (4 * precision + recall)


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[tuple[str, str]]:
    tokens = words(_folded(text))
    return frozenset(zip(tokens, tokens[1:], strict=False))


def _segments(line: str, index: int) -> list[Candidate]:
    """Headline-sized pieces of a glued line: a breadcrumb's last segment and the head of
    a browser title "<headline> - <site>"."""
    found = []
    parts = [p for p in _BREADCRUMB_SPLIT.split(line) if p.strip()]
    if len(parts) >= 2 or (parts and _BREADCRUMB_SPLIT.match(line)):
        found.append(Candidate(parts[-1].strip(" .…"), index, "breadcrumb"))
    head = _without_site(line)
    if head != line:
        found.append(Candidate(head, index, "browser-title"))
    return [c for c in found if len(words(c.text)) >= 4]


def _without_site(line: str) -> str:
    """A browser title's head: "<headline> - <site>" → "<headline>" (else the line)."""
    match = _TITLE_SUFFIX.search(line)
    tail = line[match.end():] if match else ""
    if match and len(words(tail)) <= 10 and (_SITE_TAIL.search(tail) or is_publication(tail)):
        return line[:match.start()].strip()
    return line


def is_publication(name: str) -> bool:
    """Whether ``name`` is a registered outlet, by name ("Báo Gia Lai") or by the first
    label of its domain ("VnExpress" for vnexpress.net)."""
    compact = _folded(name).replace(" ", "")
    return sources.by_name(name) is not None or compact in sources.domain_labels()


def _score_shape(candidate: Candidate) -> None:
    text, count = candidate.text, len(words(candidate.text))
    if count < 4:
        candidate.add("too_short")
    elif count <= 6:
        candidate.add("short")
    elif count <= 45:
        candidate.add("good_length")
    if count > 60:
        candidate.add("too_long")
    if is_paragraph(text):
        candidate.add("reads_as_paragraph")
    if _SEPARATORS.search(text):
        candidate.add("separators")
    if candidate.origin == "line" and _without_site(text) != text:
        candidate.add("site_suffix")
    if count <= 6 and text.isupper():
        candidate.add("caps_label")
    if text.rstrip().endswith(":"):
        candidate.add("ends_with_colon")
    first = next((c for c in text if c.isalpha()), "")
    if first.islower():
        candidate.add("lowercase_start")
    digits = sum(map(str.isdigit, text))
    if digits and digits > 0.5 * sum(map(str.isalpha, text)):
        candidate.add("digits_heavy")
    if _DATELINE.match(text) or _DATE_OPENER.match(text):
        candidate.add("lead_opening")
    furniture = _furniture(text)
    if furniture:
        candidate.add("chrome_word", min(furniture, 2))


def _score_context(candidate: Candidate, lines: Sequence[str],
                   is_stamp: Callable[[str], bool]) -> None:
    """What follows the candidate's line: a stamp, the lead, and how far away it is."""
    after = list(lines[candidate.index + 1:candidate.index + 6])
    if after and is_stamp(after[0]):
        candidate.add("followed_by_stamp")
    elif len(after) > 1 and is_stamp(after[1]):
        candidate.add("followed_by_stamp", 0.5)
    lead_at = next((n for n, line in enumerate(after) if is_paragraph(line)), None)
    if lead_at is None or lead_at > 2:
        lead_at = next((n for n, line in enumerate(after) if is_sentence(line)), lead_at)
    if lead_at is not None and lead_at <= 2:
        candidate.add("followed_by_lead", 1.0 if is_paragraph(after[lead_at]) else 0.6)
        lead = after[lead_at]
        candidate.add("lead_overlap", _overlap(candidate.text, lead))
        if _DATELINE.match(lead):
            candidate.add("lead_marker_next")
    elif lead_at is not None:
        candidate.add("distance", min(lead_at - 2, 10))
    else:
        candidate.add("distance", 5)
    if _first_text(tuple(lines)) < candidate.index:
        candidate.add("after_text")


@lru_cache(maxsize=64)
def _first_text(lines: tuple[str, ...]) -> int:
    """Index of the first line that reads as text (len(lines) when none does)."""
    return next((n for n, line in enumerate(lines) if is_paragraph(line) or is_sentence(line)),
                len(lines))


def _overlap(text: str, lead: str) -> float:
    mine = _bigrams(text)
    return len(mine & _bigrams(lead)) / len(mine) if mine else 0.0


def _candidates(lines: Sequence[str], page_title: str | None,
                is_stamp: Callable[[str], bool]) -> list[Candidate]:
    found: list[Candidate] = []
    last = _first_text(tuple(lines)) + 4  # a headline heads the text; lines far below do not
    for index, line in enumerate(lines[:last]):
        if words(line) and not is_stamp(line):
            found.append(Candidate(line, index))
            found.extend(_segments(line, index))
    if page_title:
        found.append(Candidate(page_title, -1, "page-title"))
        found.extend(Candidate(c.text, -1, "page-title") for c in _segments(page_title, -1))
    return found


def _merge(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per text, after scoring: a text printed twice (a browser title, then
    the printed headline) keeps its best-placed occurrence, where the article starts, and
    gains for the repetition; a breadcrumb's cut-off last segment credits the full line
    it begins; the saved page's own title credits the line that equals it."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(" ".join(_folded(candidate.text).split()), []).append(candidate)
    merged = []
    for group in groups.values():
        placed = [c for c in group if c.index >= 0] or group
        best = max(placed, key=lambda c: (c.score, -c.index))
        if any(c.origin == "page-title" for c in group) and best.origin != "page-title":
            best.add("page_title")
        lines = sorted({c.index for c in placed})
        if len(lines) > 1 and lines[-1] - lines[0] > 1:  # not a caption's alt-text twin
            best.add("printed_twice")
        merged.append(best)
    for crumb in [c for c in merged if c.origin == "breadcrumb"]:
        start = " ".join(_folded(crumb.text).split())
        full = [c for c in merged if c is not crumb and c.origin != "breadcrumb"
                and " ".join(_folded(c.text).split()).startswith(start)]
        for candidate in full:
            candidate.add("named_by_breadcrumb")
        if full:
            merged.remove(crumb)
    return [c for c in merged if c.index >= 0]


def choose_headline(lines: Sequence[str], url: str | None = None, page_title: str | None = None,
                    is_stamp: Callable[[str], bool] = lambda _: False) -> Choice:
    """The headline among the first lines of ``lines`` (chrome already removed)."""
    config = settings()
    window = list(lines[:config.window])
    candidates = _candidates(window, page_title, is_stamp)
    slug = slug_words(url)
    for candidate in candidates:
        _score_shape(candidate)
        if candidate.index >= 0:
            _score_context(candidate, window, is_stamp)
        if slug:
            candidate.add("slug_match", _slug_fit(candidate.text, slug))
    candidates = _merge(candidates)
    ranking = tuple(sorted(candidates, key=lambda c: (-c.score, c.index)))
    if not ranking:
        return Choice(None, -1, False)
    best = ranking[0]
    rival = Choice(None, best.index, False, ranking).rival
    margin = best.score - rival.score if rival else float("inf")
    sure = margin >= config.sure_margin and best.score >= config.sure_score
    return Choice(_tidy(best.text), best.index, sure, ranking)
