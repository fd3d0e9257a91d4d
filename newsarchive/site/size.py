"""How big a built site is, against a host's limit (GitHub Pages publishes at most 1 GB).

The deploy workflow runs this between the build and the upload: a site over the limit
then fails in seconds with the figures and the folders that weigh most, instead of
after a long upload whose deployment GitHub refuses.

>>> parse_size("1GB"), parse_size("1.5 MB"), parse_size("300KiB")
(1000000000, 1500000, 307200)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from newsarchive.errors import ArchiveError

# Decimal units as GitHub states its limits ("1 GB"), binary ones when spelt so: checking
# against 10^9 rather than 2^30 errs on the side of refusing.
_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}
# Read on stripped text, possessive: linear on any line (tests/test_regex_linear.py).
_SIZE = re.compile(r"([0-9]++(?:\.[0-9]++)?) *+([A-Za-z]*+)")
PAGES_LIMIT = "1GB"


class SiteTooLarge(ArchiveError):
    """The built site is larger than the host publishes."""


@dataclass(frozen=True, slots=True)
class SiteSize:
    """Bytes and files of a built site, and bytes under each top-level entry."""

    total: int
    files: int
    parts: dict[str, int]

    def largest(self, count: int = 5) -> list[tuple[str, int]]:
        return sorted(self.parts.items(), key=lambda item: (-item[1], item[0]))[:count]


def parse_size(text: str) -> int:
    """Bytes in "1GB", "900 MB", "1.5GiB" or a bare number; ValueError otherwise."""
    match = _SIZE.fullmatch(text.strip())
    unit = match[2].upper() if match else ""
    if not match or unit not in _UNITS:
        raise ValueError(f"not a size: {text!r} (e.g. 1GB, 900MB, 1GiB)")
    return int(float(match[1]) * _UNITS[unit])


def measure(site_dir: Path) -> SiteSize:
    """Sum the apparent size of every file (what the Pages artifact archives)."""
    total, files = 0, 0
    parts: dict[str, int] = {}
    for root, _, names in os.walk(site_dir):
        top = Path(root).relative_to(site_dir).parts
        for name in names:
            size = os.stat(os.path.join(root, name)).st_size
            key = top[0] + "/" if top else name
            parts[key] = parts.get(key, 0) + size
            total, files = total + size, files + 1
    return SiteSize(total, files, parts)


def check_size(site_dir: Path, limit: int) -> SiteSize:
    """The site's size; raises :class:`SiteTooLarge` naming the heaviest folders if over."""
    if not site_dir.is_dir():
        raise ArchiveError("no built site here (run `make build` first)", site_dir)
    size = measure(site_dir)
    if size.total > limit:
        heaviest = ", ".join(f"{name} {human(bytes_)}" for name, bytes_ in size.largest())
        raise SiteTooLarge(f"the built site is {human(size.total)} in {size.files:,} files, "
                           f"over the {human(limit)} limit; heaviest: {heaviest}", site_dir)
    return size


def human(count: int) -> str:
    """``human(1_234_000_000)`` → ``'1.23 GB'`` (decimal units, as GitHub states limits)."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if count >= factor:
            return f"{count / factor:.2f} {unit}"
    return f"{count} B"
