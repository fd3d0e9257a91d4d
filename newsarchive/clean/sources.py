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

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from urllib.parse import urlsplit

from newsarchive.datafiles import csv_rows
from newsarchive.errors import DataFileError
from newsarchive.gazetteer import MERGER_DATE, all_spellings, lookup
from newsarchive.text import fold, nfc

_DATA_FILE = "publications.csv"
_KINDS = ("provincial", "portal", "party", "broadcaster", "national", "aggregator")
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
    return tuple(_parse_row(row, number) for number, row in csv_rows(_DATA_FILE))


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
    labels = host_of(url).split(".")
    domains = _domains()
    # The host, then each parent domain: the longest registered one wins, so a sub-site's
    # row beats its portal's (vpubnd.laichau.gov.vn before laichau.gov.vn).
    return next((domains[d] for d in (".".join(labels[i:]) for i in range(len(labels)))
                 if d in domains), None)


@cache
def _domains() -> dict[str, Publication]:
    """Domain → publication, the first row for a domain winning, as in the table."""
    index: dict[str, Publication] = {}
    for publication in publications():
        index.setdefault(publication.domain, publication)
    return index


# Outlets name their host after the province: <x>.gov.vn and its sub-sites, bao<x>.vn,
# <x>.dcs.vn, tinhuy<x>…, <x>tv.vn, ptth<x>…. The affixes an outlet adds to <x>:
_HOST_PREFIXES = ("bao", "tinhuy", "thanhuy", "ptth", "truyenhinh", "dangbo", "cong", "hdnd",
                  "dbnd", "vpubnd", "ubnd", "")
_HOST_SUFFIXES = ("tv", "online", "dientu", "news", "")
_PUBLIC_SUFFIXES = ("gov", "dcs", "org", "com", "net", "edu", "vn", "www")


def province_by_host(url: str) -> str | None:
    """The pre-2025 province an unregistered outlet's host is named after, if exactly one.

    The registry cannot list every department's sub-site; the naming rule can.

    >>> province_by_host("https://sotuphap.quangtri.gov.vn/tin/123")
    'Quảng Trị'
    >>> province_by_host("https://baophuyen.vn/x.html"), province_by_host("https://example.vn")
    ('Phú Yên', None)
    """
    labels = [label for label in host_of(url).split(".") if label not in _PUBLIC_SUFFIXES]
    keys = _host_keys()
    found = {keys[core] for label in labels for core in _cores(label) if core in keys}
    return found.pop() if len(found) == 1 else None


def _cores(label: str) -> set[str]:
    label = label.replace("-", "")
    return {label.removeprefix(prefix).removesuffix(suffix)
            for prefix in _HOST_PREFIXES if label.startswith(prefix)
            for suffix in _HOST_SUFFIXES if label.endswith(suffix)}


@cache
def _host_keys() -> dict[str, str]:
    """Folded, space-free spellings of every province ("thuathienhue", "bariavungtau")."""
    return {fold(spelling).replace(" ", "").replace("-", "").replace(".", ""): unit.name
            for spelling, unit in all_spellings().items()
            if len(fold(spelling).replace(" ", "")) >= 4}


@cache
def domain_labels() -> frozenset[str]:
    """The first label of every registered domain ("vnexpress", "baogialai")."""
    return frozenset(p.domain.split(".")[0] for p in publications())


def host_of(url: str) -> str:
    """The lower-case host of ``url`` without "www.", or "" when it has none (or is
    malformed: "https://[x/…" raises in urllib)."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def by_lead(lead: str) -> Publication | None:
    """The publication whose dateline marker opens ``lead`` ("(GLO)- …", "(SGGP).- …")."""
    start = " ".join(lead[:80].split())[:40]
    return next((publication for marker, publication in _markers() if start.startswith(marker)),
                None)


@cache
def _markers() -> tuple[tuple[str, Publication], ...]:
    """Every lead marker with its publication, longest first (so "(BBNĐT)" is not read
    as a shorter marker it begins with)."""
    pairs = [(marker, p) for p in publications() for marker in p.lead_markers]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@cache
def _names() -> dict[str, Publication]:
    """Folded name → publication; the first row naming it wins, as in the table."""
    index: dict[str, Publication] = {}
    for publication in publications():
        for name in (publication.name, *publication.names):
            index.setdefault(fold(" ".join(name.split())), publication)
    return index


def by_name(name: str) -> Publication | None:
    """The publication called ``name`` in chrome or a footer ("Pháp Luật VN")."""
    return _names().get(fold(" ".join(name.split())))


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
