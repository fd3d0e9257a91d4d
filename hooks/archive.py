"""MkDocs hooks: hand the archive's generated pages and feeds to MkDocs.

Thin adapter: everything about articles lives in ``newsarchive``; this file only
turns its plain data into ``File.generated`` pages (never in the nav), puts each
page's pre-rendered, escaped HTML around its converted Markdown, sets the sitemap
``lastmod`` from the page's own date, and writes the feeds after the build. The
articles folder is ``articles/`` beside mkdocs.yml, or ``$NEWSARCHIVE_ARTICLES``
(tests and benchmarks build other corpora with it).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from newsarchive.feeds import FeedSpec, write_feeds
from newsarchive.pages import Page as GeneratedPage
from newsarchive.site import ARTICLES_DIR, build_site, load_articles

_feeds: list[FeedSpec] = []  # written after the build
_html: dict[str, GeneratedPage] = {}  # src_uri → page, until on_page_content uses it


def _articles_dir(config: MkDocsConfig) -> Path:
    configured = os.environ.get("NEWSARCHIVE_ARTICLES")
    return Path(configured) if configured else Path(config.config_file_path).parent / ARTICLES_DIR


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = build_site(load_articles(_articles_dir(config)), config.site_name)
    _feeds[:] = site.feeds
    _html.clear()
    _html.update(site.pages)
    for src_uri, generated in site.pages:
        files.append(File.generated(config, src_uri, content=generated.markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs gives every page the build date; an article's sitemap lastmod is its own date.
    if page.meta.get("lastmod"):
        page.update_date = str(page.meta["lastmod"])
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _html.pop(page.file.src_uri, None)  # freed once used: ~10,000 pages
    return html if generated is None else f"{generated.before}{html}{generated.after}"


def on_post_build(config: MkDocsConfig) -> None:
    write_feeds(_feeds, Path(config.site_dir), config.site_url or "/")
    _feeds.clear()
    _html.clear()
