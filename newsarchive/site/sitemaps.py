"""Sitemaps of any size: an index of several sitemaps once the site outgrows one.

The sitemap protocol (sitemaps.org) allows at most 50,000 URLs and 50 MB per sitemap
file; search engines refuse a larger one whole. MkDocs writes one ``sitemap.xml`` of
every page (``overrides/sitemap.xml``), which a 100,000-article archive (~113,000 pages)
outgrows. :func:`split_sitemap` cuts it into ``sitemaps/<n>.xml`` files of at most
:data:`URLS_PER_SITEMAP` URLs and makes ``sitemap.xml`` their index, so ``robots.txt``
and search consoles keep one address whatever the archive's size.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape

from newsarchive.files import atomic_write

URLS_PER_SITEMAP = 50_000  # the protocol's limit per file
SHARDS = "sitemaps"  # folder of the pieces, beside sitemap.xml
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def split_sitemap(xml: str, site_url: str, limit: int = URLS_PER_SITEMAP) -> dict[str, str]:
    """Site-relative path → text of ``sitemap.xml`` (an index) and of each piece, or ``{}``
    when ``xml`` has at most ``limit`` URLs (or there is no ``site_url``: an index needs
    absolute addresses).

    >>> urls = "".join(f"<url><loc>https://vp.example/{n}/</loc></url>" for n in range(3))
    >>> files = split_sitemap(f'<urlset xmlns="{_NAMESPACE}">{urls}</urlset>',
    ...                       "https://vp.example/", limit=2)
    >>> sorted(files)
    ['sitemap.xml', 'sitemaps/1.xml', 'sitemaps/2.xml']
    >>> files["sitemaps/2.xml"].count("<url>"), "sitemaps/2.xml</loc>" in files["sitemap.xml"]
    (1, True)
    """
    entries = ["<url>" + part[:part.rindex("</url>") + len("</url>")]
               for part in xml.split("<url>")[1:]]
    if len(entries) <= limit or not site_url:
        return {}
    base = site_url if site_url.endswith("/") else site_url + "/"
    files: dict[str, str] = {}
    for number, start in enumerate(range(0, len(entries), limit), start=1):
        files[f"{SHARDS}/{number}.xml"] = (
            f'{_HEAD}<urlset xmlns="{_NAMESPACE}">\n'
            + "\n".join(entries[start:start + limit]) + "\n</urlset>\n")
    index = "".join(f"<sitemap><loc>{escape(base + path)}</loc></sitemap>\n" for path in files)
    files["sitemap.xml"] = f'{_HEAD}<sitemapindex xmlns="{_NAMESPACE}">\n{index}</sitemapindex>\n'
    return files


def write_sitemaps(site_dir: Path, site_url: str, limit: int = URLS_PER_SITEMAP) -> int:
    """Cut the built ``sitemap.xml`` into pieces under an index if it is over ``limit``
    URLs; remove pieces a larger site left (``mkdocs serve`` keeps its folder). Returns
    the number of pieces (0: the one sitemap fits).

    ``sitemap.xml.gz`` follows the index, as MkDocs makes it follow ``sitemap.xml``.
    """
    sitemap = site_dir / "sitemap.xml"
    files = split_sitemap(sitemap.read_text("utf-8"), site_url, limit) if sitemap.is_file() else {}
    for old in sorted((site_dir / SHARDS).glob("*.xml")):
        if f"{SHARDS}/{old.name}" not in files:
            old.unlink()
    for path, text in sorted(files.items()):  # the pieces before the index that names them
        if path != "sitemap.xml":
            atomic_write(site_dir / path, text)
    if files:
        index = files["sitemap.xml"].encode("utf-8")
        atomic_write(sitemap, index)
        atomic_write(site_dir / "sitemap.xml.gz", gzip.compress(index, mtime=0))
    return len(files) - 1 if files else 0
