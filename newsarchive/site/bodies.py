"""The site cache's article bodies, held zlib-compressed while a build runs.

The site keeps every article in memory for a whole build (and, under ``mkdocs serve``,
between builds): at 100k articles the bodies alone are ~0.7 GB as Python strings
(Vietnamese text takes 2 bytes a character), about a fifth of that compressed (peak RSS
1.99 GB instead of 2.49). The model knows nothing of this: :func:`hold` gives the cache an
article whose body lives here, and the site reads every body through :func:`text`, which
is the article's own body for an article that was never held (tests, other callers):

>>> from newsarchive.article.model import Article
>>> held = hold(Article("Hội nghị", body="Ngày 8-7, Văn phòng họp."))
>>> text(held), held.body
('Ngày 8-7, Văn phòng họp.', '')
>>> release_all_but([])
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import replace

from newsarchive.article.model import Article

_HELD: dict[int, tuple[Article, bytes]] = {}  # id(held article) → (it, compressed body)


def hold(article: Article) -> Article:
    """The article as the cache keeps it: the same fields, its body held here compressed."""
    held = replace(article, body="")
    _HELD[id(held)] = (held, zlib.compress(article.body.encode(), 1))
    return held


def _entry(article: Article) -> bytes | None:
    hit = _HELD.get(id(article))
    return hit[1] if hit is not None and hit[0] is article else None


def text(article: Article) -> str:
    """The article's Markdown body, decompressed if the cache holds it."""
    packed = _entry(article)
    return article.body if packed is None else zlib.decompress(packed).decode()


def key(article: Article) -> bytes | str:
    """A small hashable stand-in for the body (the compressed bytes when held), for caches
    keyed by body such as the ledes."""
    packed = _entry(article)
    return article.body if packed is None else packed


def release_all_but(articles: Iterable[Article]) -> None:
    """Forget the bodies of articles the cache no longer holds (changed or deleted files)."""
    keep = {id(article) for article in articles}
    for stale in _HELD.keys() - keep:
        del _HELD[stale]


def release(articles: Iterable[Article]) -> None:
    """Forget the bodies of ``articles``, held for one pass (the search index over a stream)."""
    for article in articles:
        if _entry(article) is not None:
            del _HELD[id(article)]
