"""MkDocs hook: write the reader search index into the built site.

Thin adapter over :mod:`newsarchive.site.search`, which knows nothing about MkDocs. The
index goes to ``<site_dir>/search/``, where ``overrides/partials/search.html`` points
the header search box. Articles come from ``articles/`` beside mkdocs.yml, or
``$NEWSARCHIVE_ARTICLES`` (tests and benchmarks build other corpora with it).

Under ``mkdocs serve`` the index is written in a background thread, so an editor's
saved article reloads the browser without waiting for the index (seconds at 10k
articles), and only after ``IDLE_SECONDS`` without another save, so that the write does
not compete with the next preview rebuild; search catches up a moment later.
``mkdocs build`` builds it in a forked process from the moment the articles are loaded
(before the archive hook plans the site, which leaves the other core idle), beside the
page rendering (at 10,000 articles the index was half the build's time, run
after every page was written), into a temporary folder moved into the site at the end:
MkDocs empties ``site_dir`` before it writes pages. That process splits the index over
``$NEWSARCHIVE_WORKERS`` processes of its own (every core by default): alone, it was the
build's critical path on 2 cores. Under ``mkdocs serve`` it stays in one thread (a fork
from the server's threads could inherit a held lock). With ``NEWSARCHIVE_WORKERS=0`` (one
process, the reference build the tests compare with) it is written inline after the pages.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from multiprocessing.process import BaseProcess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from newsarchive.article.model import Article
from newsarchive.site.build import articles_dir, load_articles, loaded_articles
from newsarchive.site.prerender import build_workers, exit_with_parent
from newsarchive.site.search import build_index

INDEX_DIR = "search"
log = logging.getLogger("mkdocs.hooks.search")
_serving = threading.Event()
_writing = threading.Lock()  # one index write at a time, in build order
_pending: list[threading.Timer] = []  # serve: the index write waiting for a pause
IDLE_SECONDS = 5.0  # serve: seconds without a new save before the index is written
_background: list[tuple[BaseProcess, Path]] = []  # build: the index process, its folder


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


@event_priority(50)  # before the archive hook plans the site: ~3 s at 10k on one core
def on_files(files: Files, config: MkDocsConfig) -> Files:
    workers = build_workers()
    if _serving.is_set() or not workers:
        return files
    # The validation hook has just loaded every article into the site's cache, so this
    # costs a stat per file; the archive hook loads the same objects next and reports
    # the files that cannot be loaded. (Not ``loaded_articles``: that list is the archive
    # hook's, which has not loaded yet; a waiting one is a previous build's.)
    articles = load_articles(_articles_dir(config), skipped=[])
    temp = Path(tempfile.mkdtemp(prefix="newsarchive-search-"))
    process = multiprocessing.get_context("fork").Process(
        target=_write_beside, args=(articles, temp / INDEX_DIR, os.getpid(), workers),
        name="search index")
    process.start()
    _background.append((process, temp))
    return files


def _write_beside(articles: list[Article], out: Path, parent: int, workers: int) -> None:
    exit_with_parent(parent)  # a killed build leaves no index process behind
    _write(articles, out, workers)


def _finish_background(site_dir: Path) -> None:
    process, temp = _background.pop()
    try:
        waited = time.perf_counter()
        process.join()
        # Whether the index is still the build's critical path (``mkdocs build -v``).
        log.debug("waited %.1f s for the search index process", time.perf_counter() - waited)
        if process.exitcode != 0:
            raise PluginError(f"the search index process failed (exit {process.exitcode})")
        shutil.rmtree(site_dir / INDEX_DIR, ignore_errors=True)
        shutil.move(temp / INDEX_DIR, site_dir / INDEX_DIR)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def on_build_error(error: Exception) -> None:
    while _background:
        process, temp = _background.pop()
        process.terminate()
        process.join()
        shutil.rmtree(temp, ignore_errors=True)


def on_post_build(config: MkDocsConfig) -> None:
    if _background:
        _finish_background(Path(config.site_dir))
        return
    # The articles the archive hook built the pages from: a bad file is left out here
    # exactly as it is left out of the site.
    articles = loaded_articles(_articles_dir(config))
    out = Path(config.site_dir) / INDEX_DIR
    if _serving.is_set():
        timer = threading.Timer(IDLE_SECONDS, _write, args=(articles, out))
        timer.daemon = True
        _pending.append(timer)
        timer.start()
    else:
        _write(articles, out)


def _write(articles: list[Article], out: Path, workers: int = 0) -> None:
    with _writing:
        started = time.perf_counter()
        shutil.rmtree(out, ignore_errors=True)  # a stale shard would answer for a removed term
        build_index(articles, out, workers=workers)
        log.info("search index of %d articles written in %.1f s", len(articles),
                 time.perf_counter() - started)
