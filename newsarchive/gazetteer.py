"""Provincial-level units: the 63 before 1 July 2025, the 34 since, and their aliases.

Articles name provinces as they were called when published ("Bến Tre" in 2021);
readers also browse by the unit a province belongs to since the merger ("Vĩnh Long").
Both views come from one table, ``data/provinces.csv``, loaded once.

>>> current_unit("Bến Tre")
'Vĩnh Long'
>>> lookup("TP.HCM").name
'Hồ Chí Minh'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from newsarchive.datafiles import csv_rows
from newsarchive.errors import DataFileError
from newsarchive.text import fold, match_key, nfc

MERGER_DATE = date(2025, 7, 1)
_DATA_FILE = "provinces.csv"


@dataclass(frozen=True, slots=True)
class Province:
    """One pre-2025 unit. ``successor`` is the unit it belongs to since 1 July 2025."""

    name: str
    kind: str
    successor: str
    renamed_to: str | None
    renamed_on: date | None
    aliases: tuple[str, ...]
    source: str

    def name_on(self, day: date | None) -> str:
        """The unit's name on ``day`` ("Thừa Thiên Huế" in 2024, "Huế" from 2025)."""
        if day is None or self.renamed_on is None or day < self.renamed_on:
            return self.name
        return self.renamed_to or self.name


@cache
def provinces() -> dict[str, Province]:
    """The 63 pre-2025 units by name, in the table's (north-to-south) order."""
    units: dict[str, Province] = {}
    for row_number, row in csv_rows(_DATA_FILE):
        unit = _parse_row(row, row_number)
        units[unit.name] = unit
    if len(units) != 63:
        raise DataFileError(f"expected 63 units, found {len(units)}", _DATA_FILE)
    return units


def _parse_row(row: dict[str, str], row_number: int) -> Province:
    try:
        renamed_to, renamed_on = None, None
        if row["renamed"]:
            new_name, _, day = row["renamed"].partition("@")
            renamed_to, renamed_on = nfc(new_name), date.fromisoformat(day)
        aliases = tuple(nfc(a.strip()) for a in row["aliases"].split("|") if a.strip())
        return Province(nfc(row["name"]), row["kind"], nfc(row["successor"]),
                        renamed_to, renamed_on, aliases, row["source"])
    except (KeyError, ValueError, AttributeError) as error:
        raise DataFileError(f"bad row: {error}", _DATA_FILE, row_number) from error


@cache
def current_units() -> dict[str, tuple[str, ...]]:
    """The 34 units since 1 July 2025, each with the pre-2025 units merged into it."""
    merged: dict[str, list[str]] = {}
    for unit in provinces().values():
        merged.setdefault(unit.successor, []).append(unit.name)
    if len(merged) != 34:
        raise DataFileError(f"expected 34 current units, found {len(merged)}", _DATA_FILE)
    return {name: tuple(members) for name, members in merged.items()}


@cache
def _index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for unit in provinces().values():
        for spelling in (unit.name, unit.renamed_to, *unit.aliases):
            if spelling:
                index[match_key(spelling)] = unit
    return index


@cache
def _folded_index() -> dict[str, Province]:
    return {fold(key): unit for key, unit in _index().items()}


def lookup(name: str) -> Province | None:
    """The pre-2025 unit a spelling refers to, or ``None``.

    Exact spellings (tone placement and case folded) win; a fully folded match
    ("Dak Lak") is accepted only when it is unambiguous, as it always is here.
    """
    return _index().get(match_key(name)) or _folded_index().get(fold(name))


def current_unit(name: str) -> str | None:
    """The unit since 1 July 2025 that ``name`` (old or current, any alias) belongs to."""
    if name in current_units():
        return name
    unit = lookup(name)
    return unit.successor if unit else None


def canonical_names() -> frozenset[str]:
    """Every name valid in an article's ``provinces`` list (old names, current names)."""
    names = set(provinces()) | set(current_units())
    names.update(u.renamed_to for u in provinces().values() if u.renamed_to)
    return frozenset(names)


def all_spellings() -> dict[str, Province]:
    """Every known spelling (names, renames, aliases) → unit, for text scanning."""
    spellings: dict[str, Province] = {}
    for unit in provinces().values():
        for spelling in (unit.name, unit.renamed_to, *unit.aliases):
            if spelling:
                spellings[spelling] = unit
    return spellings
