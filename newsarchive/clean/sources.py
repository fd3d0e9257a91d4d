"""Who published an article: domain, lead marker or footer → publication → province.

Seed 003 never names its province, but its lead starts "BDK.VN -": Báo Đồng Khởi, the
paper of Bến Tre. Seed 002 ends "Nguồn Pháp Luật VN: https://baophapluat.vn/…", an
aggregator's footer naming the original publication and its address. Provincial
papers merged with their provinces on 1 July 2025, so the province a paper covers
depends on the date (:func:`province_on`). Facts live in ``data/publications.csv``.

>>> by_lead("BDK.VN - Ngày 8-7-2021, Đảng ủy …").name
'Báo Đồng Khởi'
>>> by_url("https://vpubnd.laichau.gov.vn/tin/123").province
'Lai Châu'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from newsarchive.errors import DataFileError
from newsarchive.gazetteer import MERGER_DATE, lookup
from newsarchive.text import fold, nfc

_DATA_FILE = "publications.csv"
_KINDS = ("provincial", "national", "portal", "aggregator")
_FOOTER = re.compile(r"^Nguồn\s*(?::\s*)?(?P<name>[^:]{2,80}?)\s*:\s*(?P<url>https?://\S+)$",
                     re.IGNORECASE)
_FOLLOW = re.compile(r"theo dõi (?P<name>.{2,80}?) trên google ?news", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Publication:
    """One row of ``data/publications.csv``."""

    name: str
    kind: str
    province: str | None
    domain: str
    lead_markers: tuple[str, ...]
    names: tuple[str, ...]
    valid_from: date | None
    valid_until: date | None
    source: str


@dataclass(frozen=True, slots=True)
class Footer:
    """An aggregator footer "Nguồn <name>: <url>" (the line is not article text)."""

    name: str
    url: str
    publication: Publication | None


@cache
def publications() -> tuple[Publication, ...]:
    """Every publication, validated (kinds, provinces known to the gazetteer, dates)."""
    text = resources.files("newsarchive.data").joinpath(_DATA_FILE).read_text("utf-8")
    lines = text.splitlines(keepends=True)
    comments = sum(1 for line in lines if line.startswith("#"))
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    return tuple(_parse_row(row, number) for number, row in enumerate(rows, start=comments + 2))


def _parse_row(row: dict[str, str], number: int) -> Publication:
    try:
        if row["kind"] not in _KINDS:
            raise ValueError(f"kind must be one of {', '.join(_KINDS)}")
        province = nfc(row["province"]) or None
        if province and lookup(province) is None:
            raise ValueError(f"unknown province {province!r}")
        return Publication(
            nfc(row["name"]), row["kind"], province, row["domain"].lower(),
            _split(row["lead_markers"]), _split(row["names"]),
            _day(row["valid_from"]), _day(row["valid_until"]), row["source"])
    except (KeyError, ValueError, TypeError) as error:
        raise DataFileError(f"bad row: {error}", _DATA_FILE, number) from error


def _split(cell: str) -> tuple[str, ...]:
    return tuple(nfc(part.strip()) for part in (cell or "").split("|") if part.strip())


def _day(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell else None


def by_url(url: str) -> Publication | None:
    """The publication whose domain serves ``url`` (subdomains included)."""
    host = (urlsplit(url.strip()).hostname or "").lower().removeprefix("www.")
    for publication in publications():
        if host == publication.domain or host.endswith("." + publication.domain):
            return publication
    return None


def by_lead(lead: str) -> Publication | None:
    """The publication whose dateline marker opens ``lead`` ("(GLO)- …", "(SGGP).- …")."""
    start = " ".join(lead.split())[:40]
    for publication in publications():
        if any(start.startswith(marker) for marker in publication.lead_markers):
            return publication
    return None


def by_name(name: str) -> Publication | None:
    """The publication called ``name`` in chrome or a footer ("Pháp Luật VN")."""
    key = fold(" ".join(name.split()))
    for publication in publications():
        if key in {fold(n) for n in (publication.name, *publication.names)}:
            return publication
    return None


def parse_footer(line: str) -> Footer | None:
    """Read an aggregator footer; the URL decides the publication when it is known.

    >>> parse_footer("Nguồn Pháp Luật VN: https://baophapluat.vn/x.html").publication.name
    'Báo Pháp luật Việt Nam'
    """
    match = _FOOTER.match(line.strip())
    if not match:
        return None
    name, url = match["name"].strip(), match["url"].rstrip(".,;)")
    return Footer(name, url, by_url(url) or by_name(name))


def by_follow_widget(line: str) -> Publication | None:
    """The paper named by a "Theo dõi <paper> trên Google News" widget (seed 000)."""
    match = _FOLLOW.search(line)
    return by_name(match["name"]) if match else None


def province_on(publication: Publication, day: date | None) -> str | None:
    """The province a paper covered on ``day`` (its merged unit from 1 July 2025).

    >>> province_on(by_name("Báo Đồng Khởi"), date(2021, 7, 9))
    'Bến Tre'
    """
    if publication.province is None:
        return None
    unit = lookup(publication.province)
    if unit is None:
        return None
    return unit.successor if day and day >= MERGER_DATE else unit.name_on(day)
