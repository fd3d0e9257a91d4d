"""Article pages written whole by the archive, in worker processes: MkDocs never sees them.

At 10,000 articles MkDocs' per-page pipeline (a ``File`` and a ``Page`` object, its
events, a Markdown converter, a Jinja render of the theme template and the write) cost
more than the pages' own rendering (profile in benchmarks/results/build-speed-2026-12-01.md),
all of it in MkDocs' one process. An article page needs none of it: it is in no nav, no
other page links to it through MkDocs, and its template (``overrides/archive.html``)
reads only the page's ``url``, ``meta``, ``content`` and ``canonical_url``. So the hook
keeps article pages out of MkDocs' files and, once MkDocs has its theme environment and
navigation (``on_env``), hands :func:`write_pages` a :data:`PageLayout` built from them:
MkDocs' own template and context, rendered for a :class:`PageView` with the same names
as MkDocs' ``Page``. Forked workers (which inherit the planned site and the compiled
template) render, convert, lay out and write each page while MkDocs writes the rest.
The pages are the same, byte for byte, as when MkDocs wrote them (tests compare builds).

>>> page_address("bai-viet/2017/hoi-nghi.md", "https://vp.example/")
('bai-viet/2017/hoi-nghi/', 'bai-viet/2017/hoi-nghi/index.html', 'https://vp.example/bai-viet/2017/hoi-nghi/')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsarchive.files import atomic_write
from newsarchive.site.pages import Page, PageRenderer
from newsarchive.site.prerender import CHUNK, Background, Converter, forked_pool, source_of


@dataclass(frozen=True, slots=True)
class PageView:
    """A page as a theme template reads it, under the names of MkDocs' ``Page``."""

    url: str
    meta: dict[str, Any]
    content: str
    canonical_url: str | None
    abs_url: str | None
    active: bool = True  # MkDocs marks the page being written active


# A page → its finished HTML (the theme template, then post-processing).
PageLayout = Callable[[PageView], str]


def page_address(src_uri: str, site_url: str) -> tuple[str, str, str | None]:
    """(URL, file in the site, canonical URL) of a generated page, as MkDocs' directory
    URLs give them: ``a/b.md`` → ``a/b/`` in ``a/b/index.html``.

    A generated page's URL is a relative path of slugs ([a-z0-9-], never "..", a scheme
    or a query), so the canonical URL is the base and the path joined, what urljoin gives
    at a tenth of its cost (10,000 calls were ~0.15 s of every preview rebuild at 10k).
    """
    stem = src_uri.removesuffix(".md")
    url = "" if stem == "index" else stem.removesuffix("/index") + "/"
    base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    return url, f"{url}index.html", base + url if base else None


def sitemap_entries(dates: dict[str, str], site_url: str, today: str,
                    ) -> list[tuple[str, str]]:
    """(canonical URL, lastmod) of each page of ``dates`` (src path → its date), as MkDocs
    lists its own pages: none without a site URL, ``today`` (the build date) when undated.

    >>> for entry in sitemap_entries({"bai-viet/2017/a.md": "2017-08", "bai-viet/chua-ro/b.md": ""},
    ...                              "https://vp.example/", "2026-12-01"):
    ...     print(*entry)
    https://vp.example/bai-viet/2017/a/ 2017-08
    https://vp.example/bai-viet/chua-ro/b/ 2026-12-01
    """
    if not site_url:
        return []
    return [(str(page_address(src_uri, site_url)[2]), lastmod or today)
            for src_uri, lastmod in dates.items()]


@cache
def _site_path(site_url: str) -> str:
    """The path part of the site's URL ("/repo/" under a GitHub Pages project), for a
    page's ``abs_url`` without parsing each page's own URL."""
    path = urlsplit(site_url).path
    return path if path.endswith("/") else path + "/"


@dataclass(frozen=True, slots=True)
class Target:
    """Where and how pages are written: the layout, the site, MkDocs' Markdown settings."""

    layout: PageLayout
    site_dir: str
    site_url: str
    extensions: Sequence[Any]
    configs: dict[str, Any]


def write_page(src_uri: str, page: Page, convert: Converter, target: Target) -> None:
    """Convert ``page``'s body, lay it out and write it where MkDocs would have."""
    html, _ = convert(source_of(page.body))
    url, dest, canonical = page_address(src_uri, target.site_url)
    view = PageView(url, dict(page.meta), f"{page.before}{html}{page.after}", canonical,
                    _site_path(target.site_url) + url if canonical else None)
    output = target.layout(view)
    if output.strip():  # the project's one writer: whole or not at all, modes from the umask
        atomic_write(Path(target.site_dir, dest),
                     output.encode("utf-8", errors="xmlcharrefreplace"))


# Set in the parent before the pool forks; the workers inherit them instead of unpickling.
_JOBS: Sequence[tuple[str, PageRenderer]] = ()
_TARGET: list[Target] = []
_CONVERTER: list[Converter] = []


def _write_chunk(start: int) -> int:
    target = _TARGET[0]
    if not _CONVERTER:
        _CONVERTER.append(Converter(target.extensions, target.configs))
    for src_uri, render in _JOBS[start:start + CHUNK]:
        write_page(src_uri, render(), _CONVERTER[0], target)
    return min(CHUNK, len(_JOBS) - start)


def write_pages(jobs: Sequence[tuple[str, PageRenderer]], target: Target, workers: int,
                ) -> Background:
    """Start writing each job's page with ``workers`` forked processes; 0 or 1 (or few
    pages) writes them all here before returning, with one converter."""
    global _JOBS
    if workers <= 1 or len(jobs) <= CHUNK:
        convert = Converter(target.extensions, target.configs)
        for src_uri, render in jobs:
            write_page(src_uri, render(), convert, target)
        return Background(None, [])
    _JOBS = jobs
    _TARGET[:] = [target]
    _CONVERTER.clear()
    pool = forked_pool(workers)
    return Background(pool, [pool.submit(_write_chunk, start)
                             for start in range(0, len(jobs), CHUNK)], _forget)


def _forget() -> None:
    global _JOBS
    _JOBS = ()
    _TARGET.clear()
