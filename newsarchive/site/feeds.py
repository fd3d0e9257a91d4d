"""Atom feeds (via feedgen) for the whole archive, each province and each event type.

A feed holds the newest :data:`FEED_SIZE` dated articles of its listing; undated ones
are left out because an Atom entry must say when it was updated. feedgen builds the
XML with lxml, so every value is escaped; control characters, which XML forbids
and scraped text sometimes carries, are dropped first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from feedgen.feed import FeedGenerator

from newsarchive.article.model import Article
from newsarchive.files import atomic_write
from newsarchive.site.render import lede
from newsarchive.site.taxonomy import article_url

FEED_SIZE = 50
_EMPTY_FEED_UPDATED = datetime(2000, 1, 1, tzinfo=UTC)  # a listing of undated articles only
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed: its file (``feeds/tinh/ben-tre.xml``), title, HTML page and articles."""

    path: str
    title: str
    page: str
    articles: tuple[Article, ...]


def feed_spec(path: str, title: str, page: str, articles: list[Article]) -> FeedSpec:
    """Keep only the newest dated articles (``articles`` is newest first)."""
    dated = (a for a in articles if a.date or a.timeline_date)
    return FeedSpec(path, title, page, tuple(islice(dated, FEED_SIZE)))


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def _when(article: Article) -> datetime:
    """The feed date of an article :func:`feed_spec` kept (so it has a date)."""
    when = article.date or article.timeline_date
    if when is None:
        raise ValueError(f"{article.slug}: an undated article has no place in a feed")
    day = when.as_date()
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def render_feed(spec: FeedSpec, site_url: str) -> bytes:
    """The Atom XML of one feed; ``site_url`` ends with ``/``."""
    generator = FeedGenerator()
    generator.id(site_url + spec.path)
    generator.title(_clean(spec.title))
    generator.link(href=site_url + spec.page, rel="alternate")
    generator.link(href=site_url + spec.path, rel="self")
    generator.language("vi")
    generator.updated(_when(spec.articles[0]) if spec.articles else _EMPTY_FEED_UPDATED)
    for article in spec.articles:
        url = site_url + article_url(article)
        item = generator.add_entry(order="append")
        item.id(url)
        item.title(_clean(article.title))
        item.link(href=url)
        item.updated(_when(article))
        item.summary(_clean(lede(article)) or None)
        for name in article.authors:
            item.author(name=_clean(name))
    return generator.atom_str(pretty=True)


def write_feeds(specs: list[FeedSpec], site_dir: Path, site_url: str) -> None:
    """Write every feed under ``site_dir`` atomically (temp file + ``os.replace``)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    for spec in specs:
        atomic_write(site_dir / spec.path, render_feed(spec, base))
