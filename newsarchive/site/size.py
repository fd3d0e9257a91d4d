"""How big a built site is, against a host's limit (GitHub Pages publishes at most 1 GB).

The deploy workflow runs this between the build and the upload: a site over the limit
then fails in seconds with the figures and the folders that weigh most, instead of
after a long upload whose deployment GitHub refuses.

What GitHub weighs is the artifact: ``actions/upload-pages-artifact`` packs the site
with GNU tar (``tar --dereference --hard-dereference -cf artifact.tar --exclude=.git
--exclude=.github .``) and ``actions/deploy-pages`` compares that file's size with
1 GB. A tar spends a 512-byte header on every file and folder, pads every file to
512 bytes and gives a path over 100 bytes a header and block(s) of its own: for a
site of small pages in one folder each, ~15 % more than the files' bytes, so
:func:`measure` counts the tar, not the files.

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
    """Bytes of a built site as the Pages artifact (``total``), of its files alone
    (``content``), its file count, and the artifact's bytes under each top-level entry."""

    total: int
    files: int
    parts: dict[str, int]
    content: int = 0

    def largest(self, count: int = 5) -> list[tuple[str, int]]:
        return sorted(self.parts.items(), key=lambda item: (-item[1], item[0]))[:count]


BLOCK = 512  # a tar header, and the unit file data is padded to
RECORD = 20 * BLOCK  # GNU tar's default blocking factor: the archive is padded to records
NAME_FIELD = 100  # longer member names get a GNU long-name entry (header + name blocks)
EXCLUDED = {".git", ".github"}  # upload-pages-artifact's --exclude


def tar_member(name: str, size: int = 0) -> int:
    """Bytes GNU tar spends on one member named ``name`` ("./a/", "./a/index.html")
    holding ``size`` bytes (0 for a folder).

    >>> tar_member("./index.html", 100), tar_member("./index.html", 513)
    (1024, 1536)
    >>> tar_member("./" + "a" * 99)  # 101 bytes: a long-name header and one block more
    1536
    """
    blocks = 1 + -(-size // BLOCK)
    encoded = len(name.encode("utf-8", "surrogateescape"))
    if encoded > NAME_FIELD:
        blocks += 1 + -(-(encoded + 1) // BLOCK)
    return blocks * BLOCK


def parse_size(text: str) -> int:
    """Bytes in "1GB", "900 MB", "1.5GiB" or a bare number; ValueError otherwise."""
    match = _SIZE.fullmatch(text.strip())
    unit = match[2].upper() if match else ""
    if not match or unit not in _UNITS:
        raise ValueError(f"not a size: {text!r} (e.g. 1GB, 900MB, 1GiB)")
    return int(float(match[1]) * _UNITS[unit])


def measure(site_dir: Path) -> SiteSize:
    """The size of the artifact GitHub Pages would be given for ``site_dir`` (see the
    module's docstring), with the bytes of the files alone beside it. Symbolic links are
    followed, as ``--dereference`` does."""
    total = tar_member("./")
    content = files = 0
    parts: dict[str, int] = {}
    for root, folders, names in os.walk(site_dir, followlinks=True):
        relative = Path(root).relative_to(site_dir).as_posix()
        prefix = "./" if relative == "." else f"./{relative}/"
        if relative == ".":
            folders[:] = [f for f in folders if f not in EXCLUDED]
            names = [n for n in names if n not in EXCLUDED]
        top = relative.split("/", 1)[0] + "/"  # the part everything here belongs to
        for name in folders:
            member = tar_member(f"{prefix}{name}/")
            key = f"{name}/" if relative == "." else top
            parts[key] = parts.get(key, 0) + member
            total += member
        for name in names:
            size = os.stat(os.path.join(root, name)).st_size
            member = tar_member(prefix + name, size)
            key = name if relative == "." else top
            parts[key] = parts.get(key, 0) + member
            total, content, files = total + member, content + size, files + 1
    total += 2 * BLOCK  # the end-of-archive marker
    return SiteSize(-(-total // RECORD) * RECORD, files, parts, content)


def check_size(site_dir: Path, limit: int) -> SiteSize:
    """The site's size; raises :class:`SiteTooLarge` naming the heaviest folders if over."""
    if not site_dir.is_dir():
        raise ArchiveError("no built site here (run `make build` first)", site_dir)
    size = measure(site_dir)
    if size.total > limit:
        heaviest = ", ".join(f"{name} {human(bytes_)}" for name, bytes_ in size.largest())
        raise SiteTooLarge(f"the built site is {human(size.total)} as the Pages artifact "
                           f"({human(size.content)} in {size.files:,} files), "
                           f"over the {human(limit)} limit; heaviest: {heaviest}", site_dir)
    return size


def human(count: int) -> str:
    """``human(1_234_000_000)`` → ``'1.23 GB'`` (decimal units, as GitHub states limits)."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if count >= factor:
            return f"{count / factor:.2f} {unit}"
    return f"{count} B"
