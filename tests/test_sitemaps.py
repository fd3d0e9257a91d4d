"""Sitemaps past the protocol's 50,000 URLs: pieces under an index, nothing stale."""

from __future__ import annotations

import gzip
from pathlib import Path

from newsarchive.site.sitemaps import split_sitemap, write_sitemaps

SITE = "https://vp.example/"


def _sitemap(count: int) -> str:
    urls = "\n".join(f"<url><loc>{SITE}bai-viet/2020/a-{n}/</loc><lastmod>2020-0{n % 9 + 1}"
                     "</lastmod></url>" for n in range(count))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n')


def _locs(text: str) -> list[str]:
    return [part.split("</loc>")[0] for part in text.split("<loc>")[1:]]


def test_a_sitemap_within_the_limit_stays_whole() -> None:
    assert split_sitemap(_sitemap(3), SITE, limit=3) == {}


def test_an_index_needs_a_site_url() -> None:
    assert split_sitemap(_sitemap(5), "", limit=2) == {}


def test_pieces_keep_every_url_once_in_order_under_an_index(tmp_path: Path) -> None:
    whole = _sitemap(5)
    (tmp_path / "sitemap.xml").write_text(whole, "utf-8")
    assert write_sitemaps(tmp_path, SITE, limit=2) == 3
    index = (tmp_path / "sitemap.xml").read_text("utf-8")
    assert "<sitemapindex" in index and _locs(index) == [
        f"{SITE}sitemaps/{n}.xml" for n in (1, 2, 3)]
    pieces = [(tmp_path / "sitemaps" / f"{n}.xml").read_text("utf-8") for n in (1, 2, 3)]
    assert [piece.count("<url>") for piece in pieces] == [2, 2, 1]
    assert [loc for piece in pieces for loc in _locs(piece)] == _locs(whole)
    assert all(piece.startswith("<?xml") and "<urlset" in piece for piece in pieces)
    assert "<lastmod>2020-05</lastmod>" in pieces[2]  # entries are copied whole
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode() == index


def test_a_smaller_site_removes_the_pieces_it_no_longer_has(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(_sitemap(5), "utf-8")
    write_sitemaps(tmp_path, SITE, limit=2)
    (tmp_path / "sitemap.xml").write_text(_sitemap(3), "utf-8")  # the next build's
    assert write_sitemaps(tmp_path, SITE, limit=2) == 2
    assert sorted(p.name for p in (tmp_path / "sitemaps").iterdir()) == ["1.xml", "2.xml"]
    (tmp_path / "sitemap.xml").write_text(_sitemap(2), "utf-8")
    assert write_sitemaps(tmp_path, SITE, limit=2) == 0
    assert list((tmp_path / "sitemaps").iterdir()) == []
    assert (tmp_path / "sitemap.xml").read_text("utf-8") == _sitemap(2)
