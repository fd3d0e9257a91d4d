"""Pages of the archive site as (path, Markdown) pairs, for any site generator.

Foundation version: one page per article. Listings come with ``taxonomy``.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from .article import Article, load

ARTICLES_DIR = "articles"


def load_articles(articles_dir: Path) -> list[Article]:
    """Every ``*.md`` article directly under ``articles_dir`` (raw inputs live in ``raw/``)."""
    return [load(path) for path in sorted(articles_dir.glob("*.md"))]


def article_path(article: Article) -> str:
    year = article.timeline_date.year if article.timeline_date else "chua-ro"
    return f"bai-viet/{year}/{article.slug}.md"


def render_article(article: Article) -> str:
    return f"# {html.escape(article.title)}\n\n{html.escape(article.body, quote=False)}\n"


def render_pages(articles_dir: Path) -> Iterator[tuple[str, str]]:
    for article in load_articles(articles_dir):
        yield article_path(article), render_article(article)
