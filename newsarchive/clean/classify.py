"""Event type and topical tags from keyword tables (``data/event_types.toml``, ``tags.toml``).

The headline decides first, then the lead: seed 003's headline says "Sơ kết", so a
"quyết định chuẩn y" further down does not make it a personnel story. Seed 004's
headline names no event, its lead does ("Hội nghị tổng kết" → ``tong-ket``, which
outranks ``hoi-nghi``). Matching folds case and tone placement ("Tổng kết" = "tổng
kết", "Hoà" = "hòa") but keeps diacritics.

>>> classify("Sơ kết công tác Đảng 6 tháng đầu năm 2024", "")
'so-ket'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsarchive.article.model import EVENT_TYPES
from newsarchive.datafiles import toml_document
from newsarchive.errors import DataFileError
from newsarchive.text import match_key


@dataclass(frozen=True, slots=True)
class KeywordRule:
    """An event type (or tag label) and the folded keywords that signal it."""

    key: str
    keywords: re.Pattern[str]
    body_markers: re.Pattern[str] | None = None


def _alternation(words: list[str], where: str, data_file: str) -> re.Pattern[str]:
    """One word-bounded regex for folded ``words``; an empty group is a data error."""
    if not words:
        raise DataFileError(f"{where}: empty keyword list", data_file)
    folded = sorted({match_key(word) for word in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, folded)) + r")(?!\w)")


@cache
def event_rules() -> tuple[KeywordRule, ...]:
    """Event-type rules in priority order; every key must be a known event type."""
    rules = []
    for number, entry in enumerate(toml_document("event_types.toml").get("type", []), start=1):
        where = f"[[type]] #{number}"
        if entry.get("key") not in EVENT_TYPES:
            raise DataFileError(f"{where}: unknown event type {entry.get('key')!r}",
                                "event_types.toml")
        markers = entry.get("body_markers")
        rules.append(KeywordRule(
            entry["key"], _alternation(entry.get("keywords", []), where, "event_types.toml"),
            _alternation(markers, where, "event_types.toml") if markers else None))
    return tuple(rules)


@cache
def tag_rules() -> tuple[tuple[KeywordRule, ...], int]:
    """Tag rules in file order and how many body hits make a tag apply."""
    data = toml_document("tags.toml")
    rules = tuple(KeywordRule(entry["label"], _alternation(
        entry.get("keywords", []), f"[[tag]] #{n}", "tags.toml"))
        for n, entry in enumerate(data.get("tag", []), start=1))
    return rules, int(data.get("min_body", 2))


def classify(headline: str, lead: str, body: str = "") -> str:
    """The event type: headline first, then lead, then body markers, else ``khac``."""
    for text in (headline, lead):
        folded = match_key(text)
        for rule in event_rules():
            if rule.keywords.search(folded):
                return rule.key
    folded_body = match_key(body)
    for rule in event_rules():
        if rule.body_markers and rule.body_markers.search(folded_body):
            return rule.key
    return "khac"


def tags_for(headline: str, lead: str, body: str) -> list[str]:
    """Tags whose keywords are in the headline or lead, or often enough in the body."""
    rules, min_body = tag_rules()
    top, folded_body = match_key(f"{headline} {lead}"), match_key(body)
    return [rule.key for rule in rules
            if rule.keywords.search(top) or len(rule.keywords.findall(folded_body)) >= min_body]
