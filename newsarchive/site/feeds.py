"""Atom feeds (via feedgen) for the whole archive, each province, event type, tag and year.

A feed holds the newest :data:`FEED_SIZE` articles of its listing that have a known
day: an Atom entry must say when it was updated as a full date-time (RFC 4287 §3.3),
and an article known only to the month ("2012-01") would need an invented day, which
the archive never writes. The day is the publication date's, else the event date's.
The feed names the archive as its author (RFC 4287 §4.1.1: a feed without one needs
an author in every entry, and many articles have none). feedgen builds the XML with
lxml, so every value is escaped; control characters, which XML forbids and scraped
text sometimes carries, are dropped first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path

from feedgen.feed import FeedGenerator

from newsarchive.article.model import Article
from newsarchive.files import atomic_write
from newsarchive.site.render import lede
from newsarchive.site.taxonomy import article_url

FEED_SIZE = 50
# Only the whole archive's feed can be empty (no article known to the day); every other
# listing then has none (newsarchive.site.build.feed_path).
_EMPTY_FEED_UPDATED = datetime(2000, 1, 1, tzinfo=UTC)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed: its file (``feeds/tinh/ben-tre.xml``), title, HTML page and articles."""

    path: str
    title: str
    page: str
    articles: tuple[Article, ...]
    author: str = ""


def feed_spec(path: str, title: str, page: str, articles: list[Article],
              author: str = "") -> FeedSpec:
    """Keep only the newest articles with a known day (``articles`` is newest first)."""
    dated = (a for a in articles if known_day(a) is not None)
    return FeedSpec(path, title, page, tuple(islice(dated, FEED_SIZE)), author)


def known_day(article: Article) -> date | None:
    """The publication day, else the event day; ``None`` when neither is known to the day.

    >>> from newsarchive.article.model import PartialDate
    >>> known_day(Article("x", date=PartialDate(2012, 1), event_date=PartialDate(2012, 1, 5)))
    datetime.date(2012, 1, 5)
    >>> known_day(Article("x", event_date=PartialDate(2012, 1))) is None
    True
    """
    for when in (article.date, article.event_date):
        if when is not None and when.day is not None:
            return when.as_date()
    return None


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def _when(article: Article) -> datetime:
    """The feed date of an article :func:`feed_spec` kept (so it has a known day)."""
    day = known_day(article)
    if day is None:  # feed_spec keeps only articles with a known day
        raise ValueError(f"{article.slug}: no known day for a feed entry")
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def render_feed(spec: FeedSpec, site_url: str) -> bytes:
    """The Atom XML of one feed; ``site_url`` ends with ``/``."""
    generator = FeedGenerator()
    generator.id(site_url + spec.path)
    generator.title(_clean(spec.title))
    generator.link(href=site_url + spec.page, rel="alternate")
    generator.link(href=site_url + spec.path, rel="self")
    generator.language("vi")
    if spec.author:
        generator.author(name=_clean(spec.author), uri=site_url)
    # The newest change among the entries: listings are ordered by event date, which is
    # not always the order of publication.
    generator.updated(max(map(_when, spec.articles), default=_EMPTY_FEED_UPDATED))
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
