"""MkDocs hook: write the reader search index into the built site.

Thin adapter over :mod:`newsarchive.search`, which knows nothing about MkDocs. The
index goes to ``<site_dir>/search/``, where ``overrides/partials/search.html`` points
the header search box. Articles come from ``articles/`` beside mkdocs.yml, or
``$NEWSARCHIVE_ARTICLES`` (tests and benchmarks build other corpora with it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from newsarchive.search import build_index
from newsarchive.site import ARTICLES_DIR, load_articles

INDEX_DIR = "search"


def _articles_dir(config: MkDocsConfig) -> Path:
    configured = os.environ.get("NEWSARCHIVE_ARTICLES")
    return Path(configured) if configured else Path(config.config_file_path).parent / ARTICLES_DIR


def on_post_build(config: MkDocsConfig) -> None:
    out = Path(config.site_dir) / INDEX_DIR
    shutil.rmtree(out, ignore_errors=True)  # a stale shard would answer for a removed term
    # load_articles is cached per process: the archive hook has parsed these files already,
    # and a bad file is skipped here exactly as it is skipped from the site.
    build_index(load_articles(_articles_dir(config)), out)
