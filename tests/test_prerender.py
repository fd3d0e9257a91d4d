"""Pre-rendering on every core gives the pages MkDocs' own conversion gives, byte for byte."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from functools import partial
from pathlib import Path

import markdown
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import write_articles
from newsarchive.site.pages import Page
from newsarchive.site.prerender import (
    CHUNK,
    Converter,
    plain_paragraphs,
    prerender,
    source_of,
    unpack,
    worker_count,
)
from newsarchive.site.render import figure, safe_body

EXTENSIONS = ["attr_list", "md_in_html", "toc"]
CONFIGS = {"toc": {"permalink": True}}
BODIES = {
    "paragraphs": "Ngày 8-7, Văn phòng họp.\n\nHội nghị tổng kết.",
    "headings": "## Hải Phòng\n\nĐại hội.\n\n## Kiên Giang: đột phá\n\nBầu.",
    "same-heading-twice": "## Kết quả\n\nMột.\n\n## Kết quả\n\nHai.",
    "figure": '<figure class="na-figure"><figcaption>Quang cảnh</figcaption></figure>',
    "list": "- một\n- hai\n\n1. ba",
    "empty": "",
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_a_reused_converter_equals_a_fresh_one(body: str) -> None:
    reused = Converter(EXTENSIONS, CONFIGS)
    for other in BODIES.values():  # state left by earlier pages must not leak
        reused(other)
    fresh = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    assert reused(body) == (fresh.convert(body), fresh.toc_tokens)


def _markdown(source: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(source)


# Prose as the cleaner leaves it, and every character Markdown might read as markup:
# Vietnamese letters in both tone placements, digits, punctuation, quotes, spaces of
# several kinds, markup and control characters, blank lines.
_PROSE = st.text(st.sampled_from(list(
    "aăâeêioôơuưy đĐ ảáạãàỷủụ HộiNghịỦY 0123456789 .,;:?()%/'\"“”‘’–—…-+=#*_`~|!<>&[]{}\\"
    "\t\u00a0\u3000\x02\x03\n")), max_size=80)
# The same without markup, so that most examples take the fast path.
_PLAIN_PROSE = st.text(st.sampled_from(list(
    "aăâeêioôơuưy đĐ ảáạãàỷủụ HộiNghịỦY 0123456789 .,;:?()%/'\"“”‘’–—…-+\u00a0")), max_size=80)


# The archive's figure blocks, with any caption and credit (escaped by render.figure).
_FIGURES = st.builds(lambda caption, credit: f"\n{figure(caption, credit)}\n",
                     _PROSE, st.one_of(st.none(), _PROSE))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_PROSE, _PLAIN_PROSE, _FIGURES), max_size=6),
       st.sampled_from(["\n\n", "\n\n\n"]))
def test_plain_paragraphs_are_what_markdown_makes_whenever_they_answer(
        blocks: list[str], gap: str) -> None:
    source = source_of(gap.join(blocks))
    html = plain_paragraphs(source)
    if html is not None:
        assert html == _markdown(source)


def test_plain_paragraphs_answer_for_the_corpus_and_equal_markdown(tmp_path: Path) -> None:
    """Real bodies (the seed articles, and the benchmark corpus built from their
    paragraphs): the fast path must answer for most and be exact for all it answers."""
    from newsarchive.article.model import load
    from newsarchive.site import bodies
    write_articles(60, tmp_path)
    answered = 0
    for path in [*sorted(tmp_path.glob("*.md")), *sorted((ROOT / "articles").glob("*.md"))]:
        source = source_of(safe_body(bodies.text(load(path)).strip()) + "\n")
        html = plain_paragraphs(source)
        if html is not None:
            answered += 1
            assert html == _markdown(source), path.name
    assert answered >= 30  # the fast path is the common case, not an exception


@pytest.mark.parametrize("body", ["- một", "1. hai", "# Ba", "> bốn", "    năm", "sáu  ",
                                  "bảy\nchín", "a & b", "a <b> c", "**đậm**", "\x03", ""],
                         ids=["list", "ordered", "heading", "quote", "code", "break", "two-lines",
                              "entity", "html", "emphasis", "placeholder", "empty"])
def test_plain_paragraphs_leave_markup_to_markdown(body: str) -> None:
    assert plain_paragraphs(source_of(body)) is None


@pytest.mark.parametrize(("setting", "cpus", "expected"), [
    (None, 2, 2), (None, None, 1), ("", 4, 4), ("0", 2, 0), ("1", 2, 1), ("8", 2, 8),
], ids=["every-core", "unknown-cores", "empty", "mkdocs-converts", "one", "more-than-cores"])
def test_worker_count(setting: str | None, cpus: int | None, expected: int) -> None:
    assert worker_count(setting, cpus) == expected


def _jobs(count: int) -> list[tuple[str, partial[Page]]]:
    return [(f"p{i}/index.md", partial(Page, {"title": f"Trang {i}", "description": "d"},
                                       f"## Mục {i}\n\nThân {i}.", f"<h1>{i}</h1>", "<nav/>"))
             for i in range(count)]


@pytest.mark.parametrize(("workers", "ahead"), [(0, 8), (1, 8), (2, 8), (3, 8), (2, 1)],
                         ids=["0-workers", "1-worker", "2-workers", "3-workers",
                              "more-chunks-than-in-flight"])
def test_prerender_keeps_order_and_output(workers: int, ahead: int) -> None:
    jobs = _jobs(CHUNK * 5 + 5)  # several chunks and a short last one
    expected = list(prerender(jobs, EXTENSIONS, CONFIGS, 0))
    got = list(prerender(jobs, EXTENSIONS, CONFIGS, workers, ahead))
    assert [src for src, _ in got] == [src for src, _ in jobs]
    assert got == expected
    first = got[0][1]
    assert first.meta == {"title": "Trang 0"} and "description" in unpack(first.heavy)
    assert unpack(first.content).startswith("<h1>0</h1><h2 id=")


def _build(articles: Path, site: Path, workers: str) -> None:
    env = {**os.environ, "NEWSARCHIVE_ARTICLES": str(articles), "NO_MKDOCS_2_WARNING": "1",
           "NEWSARCHIVE_WORKERS": workers}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
         str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): gzip.decompress(path.read_bytes())
            if path.suffix == ".gz" else path.read_bytes()
            for path in site.rglob("*") if path.is_file()}


@pytest.mark.build
def test_parallel_build_is_byte_for_byte_mkdocs_own(tmp_path: Path) -> None:
    """70 articles (~270 pages: over four chunks, so each worker renders two or more and
    the last chunk is short) built with MkDocs converting each page and with two workers
    pre-rendering: every file the same."""
    write_articles(70, tmp_path / "articles")
    _build(tmp_path / "articles", tmp_path / "mkdocs", "0")
    _build(tmp_path / "articles", tmp_path / "parallel", "2")
    reference, parallel = _files(tmp_path / "mkdocs"), _files(tmp_path / "parallel")
    assert sum(name.endswith(".html") for name in parallel) > 4 * CHUNK
    assert sorted(parallel) == sorted(reference)
    assert [name for name in reference if parallel[name] != reference[name]] == []
