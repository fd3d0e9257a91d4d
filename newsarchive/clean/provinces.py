"""Find the provinces an article is about, using the gazetteer's spellings.

Matching uses every spelling the gazetteer knows, longest first, on word boundaries,
case-sensitive (names are capitalised; "hòa bình" is peace, "Hòa Bình" the province)
and with tone placement normalised ("Hoà Bình" = "Hòa Bình"). A bare "Hồ Chí Minh" is
the person (seeds 001, 004): only "TP/Thành phố Hồ Chí Minh", "TP.HCM" are the city.
"Thái Bình Dương" is the Pacific, neither Thái Bình nor Bình Dương.

Not every mention is a subject. Seed 002 is about Hải Phòng and Kiên Giang; it names
An Giang only in "hợp nhất Kiên Giang và An Giang" and Hải Dương in "cán bộ từ tỉnh
Hải Dương". A province is a subject when the headline, the lead or a sub-heading names
it, when an office of it is named ("UBND tỉnh Kiên Giang"), or when it recurs.

>>> [unit.name for unit in named_provinces("", "Đoàn công tác tỉnh Hoà Bình", [], "").subjects]
['Hòa Bình']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from newsarchive.gazetteer import MERGER_DATE, Province, all_spellings
from newsarchive.text import normalize_tones

# Spellings that contain a province name but are something else; matched (longest
# first) so the shorter name inside them is consumed and ignored.
NOT_PROVINCES = ("Thái Bình Dương", "Hà Nội Mới")
# The unit's canonical name, but on its own in these texts it is the person.
PERSON_NAMES = frozenset({"Hồ Chí Minh"})
_OFFICE = re.compile(r"(?:UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân|Tỉnh ủy|Thành ủy|"
                     r"Văn phòng|Sở \w+|Công an|Báo)\s+(?:tỉnh|TP\.?|thành phố)\s*$")
_RECURRING = 3


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text naming a province."""

    unit: Province
    start: int
    office: bool  # preceded by "UBND tỉnh", "Văn phòng UBND TP" …


@cache
def _scanner() -> tuple[re.Pattern[str], dict[str, Province | None]]:
    table: dict[str, Province | None] = {normalize_tones(s): u for s, u in all_spellings().items()
                                         if s not in PERSON_NAMES}
    # "Thành phố Hồ Chí Minh" is written "thành phố Hồ Chí Minh" mid-sentence.
    table.update({"t" + s[1:]: u for s, u in list(table.items()) if s.startswith("Thành phố ")})
    table.update({normalize_tones(s): None for s in NOT_PROVINCES})
    alternatives = sorted(table, key=len, reverse=True)
    pattern = r"(?<![\w.])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![\w])"
    return re.compile(pattern), table


def mentions(text: str) -> list[Mention]:
    """Every province named in ``text``, in order.

    >>> [m.unit.name for m in mentions("phong cách Hồ Chí Minh, TP.HCM và Thái Bình Dương")]
    ['Hồ Chí Minh']
    """
    normalized = normalize_tones(text)
    pattern, table = _scanner()
    found = []
    for match in pattern.finditer(normalized):
        unit = table.get(match.group(0))
        if unit is not None:
            office = bool(_OFFICE.search(normalized[max(0, match.start() - 40):match.start()]))
            found.append(Mention(unit, match.start(), office))
    return found


@dataclass(frozen=True, slots=True)
class Named:
    """The provinces a text names: the subjects, in the order first named, and every unit
    named at all (a passing mention included)."""

    subjects: list[Province]
    units: list[Province]


def named_provinces(headline: str, lead: str, subheadings: list[str], body: str) -> Named:
    """Provinces the article is about and every one it names, from one scan of the text."""
    counts: Counter[str] = Counter()
    units: dict[str, Province] = {}
    prominent: set[str] = set()
    parts = [("headline", headline), ("lead", lead),
             *(("subheading", s) for s in subheadings), ("body", body)]
    for part, text in parts:
        for mention in mentions(text):
            name = mention.unit.name
            units.setdefault(name, mention.unit)
            counts[name] += 1
            if part != "body" or mention.office:
                prominent.add(name)
    subjects = [n for n in units if n in prominent or counts[n] >= _RECURRING]
    return Named([units[name] for name in subjects], list(units.values()))


def name_at(unit: Province, day: date | None) -> str:
    """The name an article of ``day`` uses: the old name before 1 July 2025, the
    merged unit's after; "Thừa Thiên Huế" becomes "Huế" on 1 January 2025."""
    if day is not None and day >= MERGER_DATE:
        return unit.successor
    return unit.name_on(day)
