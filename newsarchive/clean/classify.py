"""Event type by weighted evidence, and topical tags, from keyword tables.

Every phrase of ``data/event_types.toml`` found in the headline, the lead or the body
adds its weight × the zone's weight to its type; the type with most points wins, and a
close call is flagged for review. So a headline "triển khai nhiệm vụ năm 2024" over a
lead "Hội nghị tổng kết công tác năm 2023" is a year-end review, and a "Kỳ họp" of a
People's Council is a meeting. Seed 003's headline says "Sơ kết", so a "quyết định
chuẩn y" further down does not make it a personnel story. Matching folds case and tone
placement ("Tổng kết" = "tổng kết", "Hoà" = "hòa") but keeps diacritics.

>>> classify("Sơ kết công tác Đảng 6 tháng đầu năm 2024", "")
'so-ket'
>>> verdict = classify_event("Văn phòng UBND tỉnh triển khai nhiệm vụ năm 2024",
...     "Sáng 5-1, Văn phòng UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2023.")
>>> verdict.key, verdict.sure
('tong-ket', True)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from newsarchive.article.model import EVENT_TYPES
from newsarchive.datafiles import toml_document
from newsarchive.errors import DataFileError
from newsarchive.text import match_key

_BODY_CHARS = 6000
# "Từ hội nghị tổng kết đến những việc làm cụ thể": a headline going from one thing to
# another tells a story that spans events (bounded, so the match stays linear).
_JOURNEY = re.compile(r"[Tt]ừ\s[^:]{3,80}?\sđến\s")
_QUOTES = ("“", '"', "«", "‘")


@dataclass(frozen=True, slots=True)
class TagTable:
    """``data/tags.toml``: one pattern over every keyword, the tags each keyword signals
    (in file order), and how many body hits make a tag apply."""

    pattern: re.Pattern[str]
    keywords: dict[str, tuple[str, ...]]
    labels: tuple[str, ...]
    min_body: int


@dataclass(frozen=True, slots=True)
class EventTable:
    """``data/event_types.toml``: one pattern over every phrase, each phrase's type and
    weight, and the scoring settings."""

    pattern: re.Pattern[str]
    phrases: dict[str, tuple[str, float]]
    scoring: dict[str, float]
    venues: frozenset[str]  # "hội nghị", "họp": where any event happens (see the data file)
    occasions: frozenset[str]  # phrases naming an event held at a meeting ("tổng kết")


@dataclass(frozen=True, slots=True)
class EventVerdict:
    """The winning type, whether it won clearly, and every type's points (for the report)."""

    key: str
    sure: bool
    points: tuple[tuple[str, float], ...]

    def explain(self) -> str:
        return ", ".join(f"{key} {value:.1f}" for key, value in self.points[:3])


def _alternation(words: list[str], where: str, data_file: str) -> re.Pattern[str]:
    """One word-bounded regex for folded ``words``; an empty group is a data error."""
    if not words:
        raise DataFileError(f"{where}: empty keyword list", data_file)
    folded = sorted({match_key(word) for word in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, folded)) + r")(?!\w)")


@lru_cache(maxsize=32)  # the body is keyed for the event type and again for tags
def _key(text: str) -> str:
    """:func:`match_key`: case and tone placement folded, other diacritics kept (fully
    folded, "Đảng bộ nhiệm kỳ" would match "bổ nhiệm", a real false hit)."""
    return match_key(text)


@cache
def event_table() -> EventTable:
    """Every phrase → (type, weight), validated: known types, no empty group, numbers."""
    data, phrases = toml_document("event_types.toml"), {}
    for number, entry in enumerate(data.get("type", []), start=1):
        where = f"[[type]] #{number}"
        if entry.get("key") not in EVENT_TYPES:
            raise DataFileError(f"{where}: unknown event type {entry.get('key')!r}",
                                "event_types.toml")
        if not entry.get("phrases"):
            raise DataFileError(f"{where}: empty phrases table", "event_types.toml")
        for phrase, weight in entry["phrases"].items():
            if not isinstance(weight, int | float) or phrase.strip() == "":
                raise DataFileError(f"{where}: bad phrase {phrase!r} = {weight!r}",
                                    "event_types.toml")
            phrases[_key(phrase)] = (entry["key"], float(weight))
    pattern = _alternation(list(phrases), "[[type]]", "event_types.toml")
    scoring = data["scoring"]
    venues = frozenset(_key(word) for word in scoring.get("venues", []))
    if not venues <= phrases.keys():
        unknown = sorted(venues - phrases.keys())
        raise DataFileError(f"[scoring] venues not among the phrases: {unknown}",
                            "event_types.toml")
    held = set(scoring.get("occasions", []))
    if not held <= set(EVENT_TYPES):
        raise DataFileError(f"[scoring] unknown occasions: {sorted(held - set(EVENT_TYPES))}",
                            "event_types.toml")
    numbers = {k: float(v) for k, v in scoring.items() if k not in ("venues", "occasions")}
    occasions = frozenset(phrase for phrase, (key, weight) in phrases.items()
                          if key in held and weight >= numbers["occasion_weight"])
    return EventTable(pattern, phrases, numbers, venues, occasions)


def event_rules() -> tuple[str, ...]:
    """The event types the table gives phrases for, in file order."""
    return tuple(dict.fromkeys(key for key, _ in event_table().phrases.values()))


@cache
def tag_table() -> TagTable:
    """The tags of ``data/tags.toml`` in file order, one pattern over all their keywords."""
    data = toml_document("tags.toml")
    keywords: dict[str, tuple[str, ...]] = {}
    labels = []
    for number, entry in enumerate(data.get("tag", []), start=1):
        words = entry.get("keywords", [])
        _alternation(words, f"[[tag]] #{number}", "tags.toml")  # validates the group
        labels.append(entry["label"])
        for word in words:
            keywords[_key(word)] = (*keywords.get(_key(word), ()), entry["label"])
    pattern = _alternation(list(keywords), "[[tag]]", "tags.toml")
    return TagTable(pattern, keywords, tuple(labels), int(data.get("min_body", 2)))


def classify_event(headline: str, lead: str, body: str = "",
                   lead_dated: bool | None = None) -> EventVerdict:
    """The event type on weighted evidence (see the module docstring).

    ``lead_dated`` says whether the lead dates an event ("Sáng 12-7, …"); ``None`` means
    unknown, and no prior applies.
    """
    table = event_table()
    points: dict[str, float] = dict.fromkeys(EVENT_TYPES, 0.0)
    settings = table.scoring
    # The body only hints, each phrase a few times: its first pages are evidence enough.
    # "Kỳ họp thứ nhất HĐND tỉnh: Kiện toàn các chức danh": the words before a colon set
    # the scene, the words after it say what the news is.
    kicker, colon, subject = headline.partition(": ")
    if not (colon and kicker.strip() and subject.strip()):
        kicker, subject = "", headline
    for text, zone, cap in ((kicker, "kicker", 1), (subject, "headline", 1), (lead, "lead", 1),
                            (body[:_BODY_CHARS], "body", int(settings["body_cap"]))):
        found = Counter(table.pattern.findall(_key(text)))
        # A meeting word beside another event's words is where that event happened.
        shared = not table.occasions.isdisjoint(found)
        for phrase, count in found.items():
            key, weight = table.phrases[phrase]
            if shared and phrase in table.venues:
                weight *= settings["venue_shared"]
            points[key] += weight * settings[zone] * min(count, cap)
    journey = _JOURNEY.match(subject) is not None
    quoted = headline.lstrip().startswith(_QUOTES)
    if journey:
        points["chuyen-de"] += settings["journey_headline"]
    if quoted:
        points["chuyen-de"] += settings["quoted_headline"]
    if lead_dated is False:
        points["chuyen-de"] += settings["undated_feature"]
    elif lead_dated:
        points["khac"] += settings["dated_event"]
    ranked = sorted(points.items(), key=lambda item: -item[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    sure = top >= settings["sure_score"] and top - second >= settings["sure_margin"]
    # The headline's shape disagrees: a story across events, or someone's words quoted.
    sure = sure and not ((journey or quoted) and best != "chuyen-de")
    return EventVerdict(best if top > 0 else "khac", sure and top > 0, tuple(ranked))


def classify(headline: str, lead: str, body: str = "") -> str:
    """The event type's key alone (see :func:`classify_event`)."""
    return classify_event(headline, lead, body).key


def tags_for(headline: str, lead: str, body: str) -> list[str]:
    """Tags whose keywords are in the headline or lead, or often enough in the body.

    As for event types, one place in the text counts once, for its longest keyword.
    """
    table = tag_table()
    found: set[str] = set()
    for keyword in table.pattern.findall(match_key(f"{headline} {lead}")):
        found.update(table.keywords[keyword])
    in_body: Counter[str] = Counter()
    for keyword, count in Counter(table.pattern.findall(_key(body))).items():
        for label in table.keywords[keyword]:
            in_body[label] += count
    found.update(label for label, count in in_body.items() if count >= table.min_body)
    return [label for label in table.labels if label in found]
