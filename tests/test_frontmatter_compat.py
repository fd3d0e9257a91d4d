"""Articles stay in python-frontmatter's format, so editors' tools can read them.

The archive reads front matter itself (one reading shared by the loader and the validator,
with budgets checked before YAML is parsed: newsarchive.article.model), so
python-frontmatter is a test dependency only. This test keeps the promise that any
article the archive writes or accepts is a plain python-frontmatter document with the
same header and body.
"""

from __future__ import annotations

from pathlib import Path

import frontmatter  # type: ignore[import-untyped]
import pytest

from newsarchive.article.model import dumps, load, parse_header, split_front_matter

ARTICLES = sorted((Path(__file__).resolve().parents[1] / "articles").glob("*.md"))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem[:40] for p in ARTICLES])
def test_committed_articles_read_the_same_with_python_frontmatter(path: Path) -> None:
    text = path.read_text("utf-8")
    lines, body, _ = split_front_matter(text)
    assert lines is not None
    post = frontmatter.loads(text)
    assert post.metadata == parse_header(lines, path)
    assert post.content.strip() == body.strip()


def test_what_the_archive_writes_reads_back_with_python_frontmatter() -> None:
    article = load(ARTICLES[0])
    post = frontmatter.loads(dumps(article))
    assert post.metadata["title"] == article.title
    assert post.content.strip() == article.body.strip()
