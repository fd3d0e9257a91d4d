"""MkDocs hook: write the reader search index into the built site.

Thin adapter over :mod:`newsarchive.site.search`, which knows nothing about MkDocs. The
index goes to ``<site_dir>/search/``, where ``overrides/partials/search.html`` points
the header search box. Articles come from ``articles/`` beside mkdocs.yml, or
``$NEWSARCHIVE_ARTICLES`` (tests and benchmarks build other corpora with it).

Under ``mkdocs serve`` the index is written in a background thread, so an editor's
saved article reloads the browser without waiting for the index (seconds at 10k
articles), and only after ``IDLE_SECONDS`` without another save, so that the write does
not compete with the next preview rebuild; search catches up a moment later.
``mkdocs build`` writes it inline.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from newsarchive.article.model import Article
from newsarchive.site.build import articles_dir, load_articles
from newsarchive.site.search import build_index

INDEX_DIR = "search"
log = logging.getLogger("mkdocs.hooks.search")
_serving = threading.Event()
_writing = threading.Lock()  # one index write at a time, in build order
_pending: list[threading.Timer] = []  # serve: the index write waiting for a pause
IDLE_SECONDS = 5.0  # serve: seconds without a new save before the index is written


def _articles_dir(config: MkDocsConfig) -> Path:
    return articles_dir(Path(config.config_file_path).parent)


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        _serving.set()


def on_pre_build(config: MkDocsConfig) -> None:
    # A new save supersedes an index write that has not started: while an editor keeps
    # saving, the index (seconds of CPU at 10k articles) does not slow each preview rebuild.
    for timer in _pending:
        timer.cancel()
    _pending.clear()


def on_post_build(config: MkDocsConfig) -> None:
    # load_articles is cached per process: the archive hook has parsed these files already,
    # and a bad file is skipped here exactly as it is skipped from the site.
    articles = load_articles(_articles_dir(config))
    out = Path(config.site_dir) / INDEX_DIR
    if _serving.is_set():
        timer = threading.Timer(IDLE_SECONDS, _write, args=(articles, out))
        timer.daemon = True
        _pending.append(timer)
        timer.start()
    else:
        _write(articles, out)


def _write(articles: list[Article], out: Path) -> None:
    with _writing:
        started = time.perf_counter()
        shutil.rmtree(out, ignore_errors=True)  # a stale shard would answer for a removed term
        build_index(articles, out)
        log.info("search index of %d articles written in %.1f s", len(articles),
                 time.perf_counter() - started)
