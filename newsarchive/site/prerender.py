"""Generated pages rendered ahead of MkDocs, on every core, with one Markdown converter each.

MkDocs converts and writes pages one at a time in one process, and makes a new
Python-Markdown converter for every page. At 10,000 articles our page rendering and the
Markdown conversion of article bodies were about 13 s of a 46 s build (profile of
2026-11-21), all of it independent per page. :func:`prerender` runs it in worker
processes (forked, so they share the planned site without pickling it) while MkDocs goes
on with its own work; each worker keeps one converter and resets it between pages. The
hook then gives MkDocs an empty Markdown source for the page and puts the result in its
place, so the page MkDocs writes is the same, byte for byte, as when MkDocs converts the
body itself (a test compares the two builds).

Results come back in the order of the jobs, at most ``ahead`` chunks in flight, so a
fast worker never piles up a 100,000-page site in memory. The page HTML and its heavy
meta come back zlib-compressed by the worker, as the hook keeps them until MkDocs writes.

>>> convert = Converter(["toc"], {"toc": {"permalink": True}})
>>> html, toc = convert("## Hội nghị")
>>> html.startswith('<h2 id="hoi-nghi">Hội nghị<a class="headerlink"'), toc[0]["id"]
(True, 'hoi-nghi')
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any

import markdown  # type: ignore[import-untyped]

from newsarchive.site.pages import PageRenderer

HEAVY_META = ("head_html", "description")  # held compressed until the page is written
CHUNK = 64  # pages per task: enough to amortise the round trip, small enough to stream


@dataclass(frozen=True, slots=True)
class Rendered:
    """A page ready for MkDocs: light meta now, content and heavy meta packed for later."""

    meta: dict[str, Any]
    content: bytes  # zlib(before + converted body + after)
    heavy: bytes  # zlib(JSON of the HEAVY_META keys present)
    toc: list[dict[str, Any]]  # Python-Markdown's toc_tokens, for MkDocs' get_toc


class Converter:
    """One Python-Markdown converter with MkDocs' configured extensions, reset per page.

    MkDocs' own per-page additions (relative links, anchors, title extraction) change
    nothing in our bodies: :func:`newsarchive.site.render.safe_body` leaves them no link,
    image or raw HTML, and the page title comes from its meta.

    Most article bodies are paragraphs of plain prose, one line each; for those,
    :func:`plain_paragraphs` gives Python-Markdown's HTML without running it (0.8 ms a
    body, ~8 s of CPU at 10,000 articles). Anything else goes through Python-Markdown.
    """

    def __init__(self, extensions: Sequence[Any], configs: dict[str, Any]) -> None:
        self._md = markdown.Markdown(extensions=list(extensions), extension_configs=configs)

    def __call__(self, source: str) -> tuple[str, list[dict[str, Any]]]:
        html = plain_paragraphs(source)
        if html is not None:
            return html, []
        md = self._md.reset()
        html = md.convert(source)
        return html, list(getattr(md, "toc_tokens", []))


# A line Python-Markdown leaves as text: none of the characters that start inline markup,
# an escape, an entity or raw HTML, and no control character (tabs indent code; STX and
# ETX are Python-Markdown's own placeholders); possessive, so linear.
_PLAIN_LINE = re.compile(r"[^\\`*_{}\[\]<>&!#|~=\x00-\x1f\x7f]++")
# First characters that can open a block: a list ("-", "+", "1."), a quote, code, a heading.
_BLOCK_OPENERS = frozenset(" -+>#0123456789")
# A photo the archive did not save, as newsarchive.site.render.figure writes it (its text
# escaped): a raw HTML block, which Python-Markdown passes through as it stands.
_FIGURE = re.compile(r'<figure class="na-figure"><p class="na-figure__missing">[^<>\x00-\x1f\x7f]*+'
                     r"</p> <figcaption>[^<>\x00-\x1f\x7f]*+</figcaption></figure>")
_BLANK_LINES = re.compile(r"\n\n++")


def plain_paragraphs(source: str) -> str | None:
    """Python-Markdown's HTML for ``source`` if it is only paragraphs of plain text, one
    line each, and the archive's figure blocks, blank lines apart ("<p>…</p>" and the
    figures, joined by newlines); ``None`` for anything else, which the caller converts
    with Python-Markdown. A test holds the two equal wherever this answers, on generated
    bodies and on the seed articles.

    >>> plain_paragraphs("\\nĐại hội thành công.\\n\\nNhiệm kỳ 2025-2030: 9 người.\\n")
    '<p>Đại hội thành công.</p>\\n<p>Nhiệm kỳ 2025-2030: 9 người.</p>'
    >>> plain_paragraphs("- một mục") is None, plain_paragraphs("Chữ *đậm*") is None
    (True, True)
    """
    html = []
    for block in _BLANK_LINES.split(source.strip("\n")):
        if _FIGURE.fullmatch(block):
            html.append(block + "\n")  # Python-Markdown ends a raw block with a blank line
        elif (block and block[0] not in _BLOCK_OPENERS and block == block.strip()
              and "\n" not in block and _PLAIN_LINE.fullmatch(block)):
            html.append(f"<p>{block}</p>")
        else:
            return None
    return "\n".join(html).strip("\n")


def render_one(render: PageRenderer, convert: Converter) -> Rendered:
    """Render a planned page and convert its body as MkDocs would have read it."""
    page = render()
    html, toc = convert(source_of(page.body))
    meta = dict(page.meta)
    heavy = {key: meta.pop(key) for key in HEAVY_META if key in meta}
    content = f"{page.before}{html}{page.after}"
    return Rendered(meta, pack(content), pack(json.dumps(heavy, ensure_ascii=False)), toc)


def source_of(body: str) -> str:
    """The Markdown MkDocs reads for a page: a leading blank line means "no meta", so a
    body's first line "Ngày: 12/3" is never taken for MultiMarkdown meta."""
    return "\n" + body


def pack(text: str) -> bytes:
    return zlib.compress(text.encode(), 1)


def unpack(data: bytes) -> str:
    return zlib.decompress(data).decode()


# Set in the parent before the pool forks; the workers inherit them instead of unpickling.
_JOBS: Sequence[tuple[str, PageRenderer]] = ()
_CONVERTER: list[Converter] = []
_SETTINGS: tuple[Sequence[Any], dict[str, Any]] = ((), {})


def _render_chunk(start: int) -> list[tuple[str, Rendered]]:
    if not _CONVERTER:
        _CONVERTER.append(Converter(*_SETTINGS))
    convert = _CONVERTER[0]
    return [(src, render_one(render, convert)) for src, render in _JOBS[start:start + CHUNK]]


def prerender(jobs: Sequence[tuple[str, PageRenderer]], extensions: Sequence[Any],
              configs: dict[str, Any], workers: int, ahead: int = 8,
              ) -> Generator[tuple[str, Rendered], None, None]:
    """Each job's page, in order, rendered by ``workers`` forked processes.

    ``workers`` of 0 or 1 renders in this process with one shared converter (the same
    code, no pool). A failure in a worker is raised here, with the worker's traceback.
    """
    global _JOBS, _SETTINGS
    if workers <= 1 or len(jobs) <= CHUNK:
        convert = Converter(extensions, configs)
        yield from ((src, render_one(render, convert)) for src, render in jobs)
        return
    _JOBS, _SETTINGS = jobs, (extensions, configs)
    _CONVERTER.clear()
    last: list[tuple[str, Rendered]] = []
    try:
        with forked_pool(workers) as pool:
            starts = iter(range(0, len(jobs), CHUNK))
            pending: deque[Future[list[tuple[str, Rendered]]]] = deque(
                pool.submit(_render_chunk, start) for start in islice(starts, ahead * workers))
            while pending:
                chunk = pending.popleft().result()
                pending.extend(pool.submit(_render_chunk, s) for s in islice(starts, 1))
                if not pending:  # the pool is shut down before its last pages are used
                    last = chunk
                    break
                yield from chunk
    finally:
        _JOBS, _SETTINGS = (), ((), {})
    yield from last


def exit_with_parent(parent: int) -> None:
    """In a forked worker: exit as soon as ``parent`` is gone (killed mid-build), instead
    of waiting forever for work and keeping its output pipes open."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def forked_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes (they inherit the planned site instead of
    unpickling it), each exiting with this process (:func:`exit_with_parent`)."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=exit_with_parent, initargs=(os.getpid(),))


class Background:
    """Work handed to a pool while the caller goes on: :meth:`wait` for its results (a
    worker's error is raised there), :meth:`stop` to drop it. ``Background(None, [])`` is
    work already done in this process; ``forget`` clears what the workers inherited."""

    def __init__(self, pool: ProcessPoolExecutor | None, futures: Sequence[Future[Any]],
                 forget: Callable[[], None] = lambda: None) -> None:
        self._pool, self._futures, self._forget = pool, list(futures), forget

    def wait(self) -> list[Any]:
        try:
            return [future.result() for future in self._futures]
        finally:
            self.stop()

    def stop(self) -> None:
        if self._pool is not None:
            for future in self._futures:
                future.cancel()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._forget()


def build_workers() -> int:
    """Workers of a full build: :func:`worker_count` of ``$NEWSARCHIVE_WORKERS`` and the
    machine's cores (one rule for the pages, the listings and the search index)."""
    return worker_count(os.environ.get("NEWSARCHIVE_WORKERS"), os.cpu_count())


def worker_count(setting: str | None, cpus: int | None) -> int:
    """Workers for a full build: ``$NEWSARCHIVE_WORKERS`` if set, else every core.

    "0" keeps MkDocs converting each page itself (the reference the tests compare with).

    >>> worker_count(None, 2), worker_count("0", 2), worker_count("3", 2)
    (2, 0, 3)
    """
    if setting is not None and setting.strip():
        return max(0, int(setting))
    return cpus or 1
