"""Reader search: a static, sharded index of folded syllables and syllable pairs.

Why not lunr or Pagefind: in this archive every syllable is a word and "đảng",
"bộ", "văn", "phòng" occur in nearly every article, so word-position indexes ship
megabytes per query (see benchmarks/results/search-*.md). This index keeps only
*which documents* hold a term, never positions, of each article's whole text
(:func:`indexed_text`):

* terms are folded syllables (``fold``: case, diacritics, ``đ → d``) and adjacent
  syllable pairs ("dang bo"), so adjacency is a term lookup, not a phrase scan;
  title terms are indexed again under ``t:`` for relevance;
* the same syllables and pairs with their diacritics (lower case, tone marks placed
  alike: "hoà" is "hòa") are indexed again under ``=`` when they carry any
  ("=bình định"), so that a query typed with diacritics can ask for exactly those
  words: "Bình Định" must not find an article that only says "phê bình … quy định";
* documents are numbered newest first, so a postings list in id order is in date
  order and its first block holds the newest matches;
* postings are delta + LEB128 varint coded, split into blocks (:class:`Layout`);
  a list of several blocks is also written whole, for relevance order, which reads
  every id (one request per term, not one per block: 14 terms × 49 blocks at 100k);
  the term dictionary is split into shards by FNV-1a hash, and short lists live
  inside the dictionary entry (one request for rare terms);
* document records come in chunks by id; a year is a range of ids;
  other facets are id lists fetched only when a reader picks them.

Layout under the output folder::

    meta.json                       sizes, facet values, year ranges
    dict/<shard>.json               term -> [df, inline b64] | [df, n, [first ids]]
    post/<shard>/<n>.<k>.bin        block k of the n-th long list in that shard
    post/<shard>/<n>.bin            the whole list, when it has more than one block
    facet/<axis>/<i>.bin            ids of facet value i
    doc/<chunk>.json                [title, date label, url, provinces, units, type, lede]

:func:`query` is the reference implementation of what ``docs/assets/search/search.js``
does, used by tests to cross-check the browser.
"""

from __future__ import annotations

import base64
import json
import re
from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import chain, repeat
from operator import sub
from pathlib import Path

from newsarchive.article.body import lede, plain_text
from newsarchive.article.model import Article, load
from newsarchive.files import atomic_write
from newsarchive.gazetteer import current_unit
from newsarchive.site import bodies
from newsarchive.site.display import event_label, format_partial
from newsarchive.site.prerender import Background, forked_pool
from newsarchive.site.render import summary
from newsarchive.site.taxonomy import article_url, newest_first
from newsarchive.text import fold, nfc, normalize_tones

__all__ = ["Filters", "IndexReader", "Layout", "Query", "build_index", "exact_key",
           "exact_terms", "fnv1a", "iter_articles", "query", "terms_of", "tokenize"]



@dataclass(frozen=True, slots=True)
class Layout:
    """How the index is cut into files; the defaults were chosen by benchmarks/search_bench.py.

    Tests use tiny values (``Layout(block=2, inline=1, chunk=2)``) to exercise every path.
    """

    # ids per postings block, newest first. A list coded as a bitmap takes at most one bit
    # per document (12.5 kB at 100,000), so one block per list until a million: blocks of
    # 2,048 saved a first page a few kB per term, but each list of several blocks was also
    # written whole, and at 100k the 73,000 block files (a 512-byte tar header each, on
    # top of their bytes) weighed 110 MB of the Pages artifact (size-2-2026-12-01.md).
    block: int = 1 << 20
    inline: int = 24  # lists this short are stored in the dictionary entry itself
    chunk: int = 10  # records per chunk: a rare term's 10 newest hits are 10 chunks apart
    terms_per_shard: int = 256  # dictionary shards hold about this many terms


_SYLLABLE = re.compile(r"[^\W_]+")
# Pairs form across spaces only: punctuation, symbols, "_" and line breaks end a phrase.
_BREAK = re.compile(r"[^\w\s\u0300-\u036f]|_|\n")


@lru_cache(maxsize=1 << 18)
def _fold_word(word: str) -> tuple[str, ...]:
    """Folded syllables of one word, cached: an archive reuses a few thousand syllables."""
    return tuple(_SYLLABLE.findall(fold(word)))


def phrases(text: str) -> list[list[str]]:
    """Folded syllables of ``text`` in runs separated only by whitespace.

    >>> phrases("Đảng bộ, Văn phòng UBND-tỉnh")
    [['dang', 'bo'], ['van', 'phong', 'ubnd'], ['tinh']]
    """
    runs = []
    for run in _BREAK.split(nfc(text)):
        syllables = [syllable for word in run.split() for syllable in _fold_word(word)]
        if syllables:
            runs.append(syllables)
    return runs


@lru_cache(maxsize=1 << 18)
def _exact_word(word: str) -> tuple[str, ...]:
    """Syllables of one word as typed, lower case, tone marks placed the new way."""
    return tuple(_SYLLABLE.findall(normalize_tones(word).lower()))


def exact_key(term: str) -> str:
    """The index key of a syllable or pair with its diacritics: ``=bình định``; a term
    without any ("ubnd") is its folded key, the same articles either way.

    >>> exact_key("bình định"), exact_key("ubnd")
    ('=bình định', 'ubnd')
    """
    return term if fold(term) == term else "=" + term


_cached_exact_key = lru_cache(maxsize=1 << 18)(exact_key)  # syllables and common pairs


def exact_terms(text: str) -> set[str]:
    """Index keys of the syllables and adjacent pairs of ``text`` with their diacritics.

    >>> sorted(exact_terms("Hoà Bình"))
    ['=bình', '=hòa', '=hòa bình']
    """
    terms: set[str] = set()
    for run in _BREAK.split(nfc(text)):
        words = [syllable for word in run.split() for syllable in _exact_word(word)]
        terms.update(words)
        terms.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    # Each distinct term keyed once, through a cache: folding every word and pair of the
    # text was 14.6 million fold() calls at 10,000 articles, the index's largest cost.
    return {_cached_exact_key(term) for term in terms}


def tokenize(text: str) -> list[tuple[str, bool]]:
    """Folded syllables of ``text``, each with whether it follows the previous one
    across whitespace only (a pair "dang bo" is not formed across punctuation).

    >>> tokenize("Đảng bộ, Văn phòng")
    [('dang', False), ('bo', True), ('van', False), ('phong', True)]
    """
    return [(syllable, i > 0) for run in phrases(text) for i, syllable in enumerate(run)]


def terms_of(text: str) -> set[str]:
    """Syllables and adjacent pairs: ``terms_of("Đảng bộ")`` → {"dang", "bo", "dang bo"}."""
    terms: set[str] = set()
    for run in phrases(text):
        terms.update(run)
        terms.update(f"{a} {b}" for a, b in zip(run, run[1:], strict=False))
    return terms


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: folded syllables and adjacent pairs, and the exact-diacritic keys.

    >>> Query.parse("Đảng  bộ văn phòng").pairs
    ('dang bo', 'bo van', 'van phong')
    >>> Query.parse("Bình Định").exact
    ('=bình', '=định', '=bình định')
    >>> Query.parse("binh dinh").accented
    False
    """

    syllables: tuple[str, ...]
    pairs: tuple[str, ...]
    exact: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Query:
        words = [syllable for syllable, _ in tokenize(text)]
        pairs = tuple(dict.fromkeys(f"{a} {b}" for a, b in zip(words, words[1:], strict=False)))
        typed = [s for run in _BREAK.split(nfc(text)) for word in run.split()
                 for s in _exact_word(word)]
        exact = [exact_key(w) for w in typed]
        exact += [exact_key(f"{a} {b}") for a, b in zip(typed, typed[1:], strict=False)]
        return cls(tuple(dict.fromkeys(words)), pairs, tuple(dict.fromkeys(exact)))

    @property
    def accented(self) -> bool:
        """Typed with diacritics: then only articles with those exact words match."""
        return any(key.startswith("=") for key in self.exact)


def fnv1a(term: str) -> int:
    """32-bit FNV-1a of the UTF-8 term; the JS client computes the same shard."""
    value = 0x811C9DC5
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


# --- encoding -------------------------------------------------------------------------

BITMAP = 0  # first byte of a bitmap-coded list; a gap list never starts with 0 (gaps ≥ 1)


def encode_ids(ids: Iterable[int]) -> bytes:
    """Ascending ids as LEB128 varints of their gaps (the first gap is from -1), or, when
    smaller, as a bitmap: byte 0, the first id as a varint, then one bit per id from it.

    A term in nearly every lead ("dang", "van phong") costs a byte per article as gaps and
    an eighth of one as a bitmap: relevance order reads a dozen such lists whole, 1.17 MB
    at 100,000 articles as gaps.

    Both codings are made by C-level loops (``map``, ``bytes``, ``int``), not a Python
    statement per id: at 10,000 articles the index codes 14 million ids, and coding them
    one at a time was 8 s of its 36 (``_varints_slow`` is that reference, for the rare
    gap too large for the table).

    >>> encode_ids([3, 4, 10]).hex(), encode_ids(range(100, 200)).hex()[:8]
    ('040106', '0064ffff')
    """
    ids = list(ids)
    if not ids:
        return b""
    gaps = _varints([ids[0] + 1, *map(sub, ids[1:], ids)])
    span = ids[-1] - ids[0] + 1
    if (span + 7) // 8 + 4 >= len(gaps):
        return gaps
    flags = bytearray(span)  # flags[offset] = 1 for each id, offset from the first
    deque(map(flags.__setitem__, map(sub, ids, repeat(ids[0])), repeat(1)), maxlen=0)
    # Bit (offset & 7) of byte (offset >> 3) is bit ``offset`` of a little-endian integer,
    # whose binary digits, most significant first, are the flags reversed.
    bits = int(flags.translate(_DIGITS)[::-1], 2).to_bytes((span + 7) // 8, "little")
    return bytes([BITMAP]) + _varints([ids[0]]) + bits


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_VARINT = tuple(bytes(_varint) for _varint in (
    [value] if value < 0x80 else [(value & 0x7F) | 0x80, value >> 7]
    for value in range(1 << 14)))  # every one- and two-byte varint


def _varints(values: list[int]) -> bytes:
    """LEB128 varints of ``values``: gaps of a list of articles are small, so nearly always
    one ``bytes()`` (all under 128) or a join of table entries (all under 16384)."""
    if not values:
        return b""
    largest = max(values)
    if largest < 0x80:
        return bytes(values)
    if largest < len(_VARINT):
        return b"".join(map(_VARINT.__getitem__, values))
    return _varints_slow(values)


def _varints_slow(values: Iterable[int]) -> bytes:
    out = bytearray()
    for value in values:
        while value >= 0x80:
            out.append((value & 0x7F) | 0x80)
            value >>= 7
        out.append(value)
    return bytes(out)


def decode_ids(data: bytes) -> list[int]:
    if data[:1] == bytes([BITMAP]):
        first, start = _varint_at(data, 1)
        return [first + 8 * (k - start) + bit for k in range(start, len(data))
                for bit in range(8) if data[k] >> bit & 1]
    ids: list[int] = []
    previous, gap, shift = -1, 0, 0
    for byte in data:
        gap |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        previous += gap
        ids.append(previous)
        gap, shift = 0, 0
    return ids


def _varint_at(data: bytes, index: int) -> tuple[int, int]:
    """The varint starting at ``data[index]`` and the index after it."""
    value, shift = 0, 0
    while data[index] & 0x80:
        value |= (data[index] & 0x7F) << shift
        shift, index = shift + 7, index + 1
    return value | data[index] << shift, index + 1


# --- documents ------------------------------------------------------------------------


def indexed_text(article: Article, body: str) -> str:
    """What a query is matched against: headline, tags and the whole body as plain text.

    The whole body, though a lead-only index is 1.8 KB per article smaller (of the ~18 KB
    an article weighs at 100,000 articles; benchmarks/results/size-2026-12-01.md): the
    names of officials, units and places an archive's reader looks for are mostly further
    down. Figure lines give their caption and credit, never their markup ("figcaption").

    >>> from newsarchive.article.model import Article
    >>> indexed_text(Article("Hội nghị", tags=["cải cách"]), "Sáng 8-7, họp.\\n\\nĐoạn hai.")
    'Hội nghị\\ncải cách\\nSáng 8-7, họp.\\n\\nĐoạn hai.'
    """
    return "\n".join([article.title, *article.tags, plain_text(body)])


def _record(article: Article, body: str) -> list:
    """What a result shows; the lede is the listings' own (``lede`` keeps no cache, so a
    streamed build keeps no body alive)."""
    units = sorted({u for u in map(current_unit, article.provinces) if u})
    when = article.timeline_date
    return [article.title, format_partial(when) if when else "", article_url(article),
            article.provinces, units, article.event_type,
            summary(lede(body))]


# --- building -------------------------------------------------------------------------
#
# Articles are numbered newest first before any term is collected, so every term's ids
# come out ascending, with nothing to renumber. With ``workers`` (``build_index``), forked
# processes collect the terms of consecutive ranges of ids (a term's ids from the ranges,
# concatenated in range order, are its ids from one pass), then others code and write
# disjoint sets of dictionary shards (a term's shard is its FNV hash, so shards are
# independent). The files are the same bytes either way (tests/test_search.py); at 10,000
# articles the index was ~25 s of one core and, on 2 cores, the build's critical path.


def _docs(articles: Iterable[Article]) -> tuple[list[Article], list[Article]]:
    """The articles in id order (newest first), and those of them whose bodies this index
    holds compressed (:func:`bodies.hold`) while it runs: a stream's (``iter_articles`` at
    100k: a fifth of the bodies' memory). The site's cache holds its own already."""
    if isinstance(articles, list):
        return newest_first(articles), []
    held = [bodies.hold(article) for article in articles]
    return newest_first(held), held


_RUN_END = "\x00"  # a word of its own where a run ends: never a syllable's character


@lru_cache(maxsize=1 << 18)
def _fold_token(word: str) -> tuple[str, ...]:
    return (word,) if word == _RUN_END else _fold_word(word)


@lru_cache(maxsize=1 << 18)
def _exact_token(word: str) -> tuple[str, ...]:
    return (word,) if word == _RUN_END else _exact_word(word)


def _syllables_and_pairs(tokens: list[str]) -> Iterator[str]:
    """The syllables of ``tokens`` and their adjacent pairs, none across a run's end.

    A syllable is word characters only, all printable, so a pair is printable exactly
    when it has no ``_RUN_END``: ``str.isprintable`` drops the pairs across a run's end
    in C, with no Python step per run, pair or syllable.
    """
    pairs = map(" ".join, zip(tokens, tokens[1:], strict=False))
    return chain(tokens, filter(str.isprintable, pairs))


def _doc_terms(article: Article, text: str) -> set[str]:
    """``terms_of(text) | exact_terms(text) | {"t:" + t for t in terms_of(title)}``
    (a test checks it), from one split of the text, every per-word and per-pair step a
    C-level ``map``: the index makes ~1,600 terms of each article, and a Python statement
    per syllable, pair or run (a hundred runs an article) was most of its time."""
    words = _BREAK.sub(f" {_RUN_END} ", nfc(text)).split()
    terms = set(_syllables_and_pairs(list(chain.from_iterable(map(_fold_token, words)))))
    exact = set(_syllables_and_pairs(list(chain.from_iterable(map(_exact_token, words)))))
    terms.update(map(_cached_exact_key, exact))
    terms.discard(_RUN_END)
    terms.update(map("t:".__add__, terms_of(article.title)))
    return terms


Postings = dict[str, array]  # term → its ids, ascending


def _collect_range(docs: list[Article], start: int, end: int) -> tuple[Postings, list[list]]:
    """Postings and records of the articles with ids ``start`` to ``end - 1``."""
    postings: defaultdict[str, array] = defaultdict(partial(array, "i"))
    records: list[list] = []
    for doc_id in range(start, end):
        article = docs[doc_id]
        body = bodies.text(article)  # decompressed once when held compressed
        terms = _doc_terms(article, indexed_text(article, body))
        # postings[term].append(doc_id) for every term, without a Python loop.
        deque(map(array.append, map(postings.__getitem__, terms), repeat(doc_id)), maxlen=0)
        records.append(_record(article, body))
    return dict(postings), records


# Set in the parent before a pool forks; the workers inherit them instead of unpickling.
_FORKED_DOCS: list[list[Article]] = []
_FORKED_SHARDS: list[tuple[list[list[str]], Postings, Path, Layout]] = []


def _collect_forked(bounds: tuple[int, int]) -> tuple[Postings, list[list]]:
    return _collect_range(_FORKED_DOCS[0], *bounds)


def _collect(docs: list[Article], workers: int) -> tuple[Postings, list[list]]:
    """Every term's ids and every record (by id), in ``workers`` processes if more than 1."""
    count = len(docs)
    if workers <= 1:
        return _collect_range(docs, 0, count)
    parts = 2 * workers  # a part or two more than the cores: a slow part does not hold the rest
    bounds = [(count * k // parts, count * (k + 1) // parts) for k in range(parts)]
    _FORKED_DOCS[:] = [docs]
    try:
        with forked_pool(workers) as pool:
            results = pool.map(_collect_forked, bounds)
            postings, records = next(results)
            for more, more_records in results:  # in id order: concatenation keeps ids ascending
                for term, ids in more.items():
                    listed = postings.get(term)
                    if listed is None:
                        postings[term] = ids
                    else:
                        listed.extend(ids)
                records.extend(more_records)
    finally:
        _FORKED_DOCS.clear()
    return postings, records


def _write(path: Path, data: bytes | str) -> None:
    atomic_write(path, data)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_shard(shard: int, terms: list[str], postings: Postings, out: Path,
                 layout: Layout) -> None:
    """One dictionary shard and its postings files; ``terms`` in sorted order (a long
    list's number is its rank among the shard's long lists)."""
    entries: dict[str, list] = {}
    long_lists = 0
    for term in terms:
        ids = postings.pop(term)  # freed once written
        if len(ids) <= layout.inline:
            entries[term] = [len(ids), base64.b64encode(encode_ids(ids)).decode("ascii")]
            continue
        number = long_lists
        long_lists += 1
        blocks = [ids[i:i + layout.block] for i in range(0, len(ids), layout.block)]
        for k, block in enumerate(blocks):
            _write(out / "post" / f"{shard:x}" / f"{number}.{k}.bin", encode_ids(block))
        if len(blocks) > 1:
            _write(out / "post" / f"{shard:x}" / f"{number}.bin", encode_ids(ids))
        entries[term] = [len(ids), number, [block[0] for block in blocks]]
    _write(out / "dict" / f"{shard:x}.json", _json(entries))


def _write_shards_forked(shards: list[int]) -> None:
    by_shard, postings, out, layout = _FORKED_SHARDS[0]
    for shard in shards:
        _write_shard(shard, by_shard[shard], postings, out, layout)


def _shard_count(postings: Postings, layout: Layout) -> int:
    shards_count = 1
    while shards_count * layout.terms_per_shard < len(postings):
        shards_count *= 2
    return shards_count


def _write_postings(postings: Postings, out: Path, layout: Layout, workers: int,
                    shards_count: int) -> Background:
    """Start writing every shard; with ``workers`` > 1 in a pool, while the caller writes
    the records and facets."""
    by_shard: list[list[str]] = [[] for _ in range(shards_count)]
    for term in sorted(postings):
        by_shard[fnv1a(term) % shards_count].append(term)
    if workers <= 1 or shards_count == 1:
        for shard, terms in enumerate(by_shard):
            _write_shard(shard, terms, postings, out, layout)
        return Background(None, [])
    _FORKED_SHARDS[:] = [(by_shard, postings, out, layout)]
    pool = forked_pool(workers)
    parts = min(shards_count, 4 * workers)
    futures = [pool.submit(_write_shards_forked, list(range(k, shards_count, parts)))
               for k in range(parts)]
    return Background(pool, futures, _FORKED_SHARDS.clear)


def _facets(records: list[list], out: Path) -> dict[str, list]:
    axes: dict[str, dict[str, list[int]]] = {"province": {}, "unit": {}, "type": {}}
    for doc_id, (_, _, _, provinces, units, event_type, _) in enumerate(records):
        for axis, values in (("province", provinces), ("unit", units), ("type", [event_type])):
            for value in dict.fromkeys(values):
                axes[axis].setdefault(value, []).append(doc_id)
    described: dict[str, list] = {}
    for axis, values in axes.items():
        names = sorted(values, key=lambda v: (fold(v), v))
        for i, name in enumerate(names):
            _write(out / "facet" / axis / f"{i}.bin", encode_ids(values[name]))
        described[axis] = [[name, event_label(name) if axis == "type" else name,
                            len(values[name])] for name in names]
    return described


def _years(records: list[list]) -> list[list]:
    """[year, first id, last id] per year; ids of one year are contiguous, newest first."""
    years: list[list] = []
    for doc_id, record in enumerate(records):
        year = _year_of(record[2])
        if years and years[-1][0] == year:
            years[-1][2] = doc_id
        else:
            years.append([year, doc_id, doc_id])
    return years


def _year_of(url: str) -> int | None:
    part = url.split("/")[1]
    return int(part) if part.isdigit() else None


def build_index(articles: Iterable[Article], out: Path, layout: Layout = Layout(),
                workers: int = 0) -> dict:
    """Write the index for ``articles`` under ``out``; return what meta.json says.

    ``workers`` > 1 collects terms and writes postings in that many forked processes
    (``$NEWSARCHIVE_WORKERS`` in a build, hooks/search.py); the files are the same.

    >>> build_index(load_articles(Path("articles")), Path("site/search"))["docs"]  # doctest: +SKIP
    5
    """
    docs, held = _docs(articles)
    try:
        postings, records = _collect(docs, workers)
    finally:
        bodies.release(held)
    out.mkdir(parents=True, exist_ok=True)
    shards_count = _shard_count(postings, layout)
    writing = _write_postings(postings, out, layout, workers, shards_count)
    try:
        meta = {"version": 1, "docs": len(records), "block": layout.block,
                "chunk": layout.chunk, "facets": _facets(records, out), "years": _years(records)}
        for start in range(0, len(records), layout.chunk):
            _write(out / "doc" / f"{start // layout.chunk}.json",
                   _json(records[start:start + layout.chunk]))
    finally:
        writing.wait()
    meta["shards"] = shards_count
    _write(out / "meta.json", _json(meta))
    return meta


def iter_articles(articles_dir: Path) -> Iterator[Article]:
    """Articles directly under ``articles_dir``, loaded one at a time."""
    for path in sorted(articles_dir.glob("*.md")):
        yield load(path)


# --- querying (reference for the browser client) --------------------------------------

@dataclass(frozen=True, slots=True)
class Filters:
    """Facet choices, combinable: province as published, current unit, year, event type."""

    province: str | None = None
    unit: str | None = None
    year: int | None = None
    event_type: str | None = None


class IndexReader:
    """Reads a built index folder the way the client fetches it, minus the laziness."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.meta = json.loads((root / "meta.json").read_text("utf-8"))

    def postings(self, term: str) -> list[int]:
        shard = fnv1a(term) % self.meta["shards"]
        entries = json.loads((self.root / "dict" / f"{shard:x}.json").read_text("utf-8"))
        entry = entries.get(term)
        if entry is None:
            return []
        if len(entry) == 2:
            return decode_ids(base64.b64decode(entry[1]))
        return [doc_id for k in range(len(entry[2])) for doc_id in decode_ids(
            (self.root / "post" / f"{shard:x}" / f"{entry[1]}.{k}.bin").read_bytes())]

    def facet(self, axis: str, value: str) -> list[int]:
        names = [row[0] for row in self.meta["facets"][axis]]
        if value not in names:
            return []
        return decode_ids((self.root / "facet" / axis / f"{names.index(value)}.bin").read_bytes())

    def allowed(self, filters: Filters) -> set[int] | None:
        allowed: set[int] | None = None
        for axis, value in (("province", filters.province), ("unit", filters.unit),
                            ("type", filters.event_type)):
            if value is not None:
                ids = set(self.facet(axis, value))
                allowed = ids if allowed is None else allowed & ids
        if filters.year is not None:
            ids = {i for y, first, last in self.meta["years"] if y == filters.year
                   for i in range(first, last + 1)}
            allowed = ids if allowed is None else allowed & ids
        return allowed

    def record(self, doc_id: int) -> list:
        chunk = doc_id // self.meta["chunk"]
        rows = json.loads((self.root / "doc" / f"{chunk}.json").read_text("utf-8"))
        return rows[doc_id % self.meta["chunk"]]


def query(root: Path, text: str, filters: Filters = Filters(), sort: str = "date",
          accents: bool = True) -> list[int]:
    """Ids of the matching articles, in the client's order.

    A query typed without diacritics matches every article holding each of its folded
    syllables ("binh dinh": "Bình Định", "bình định", "phê bình … quy định"). Typed with
    them ("Bình Định"), it matches only articles holding those words with those
    diacritics, side by side as typed (tone placement and case aside); ``accents=False``
    ignores them (the client's fallback when nothing matches exactly).

    Date order is strictly newest first. Relevance: 3 per query pair found in the
    article, 2 more per pair in the title, 1 per syllable in the title; ties newest first.
    ``query(p, "dang bo")`` and ``query(p, "Đảng bộ", accents=False)`` are the same list.
    """
    reader = IndexReader(root)
    parsed = Query.parse(text)
    if not parsed.syllables:
        return []
    allowed = reader.allowed(filters)
    required = parsed.exact if accents and parsed.accented else parsed.syllables
    matched = _every(reader, required, allowed)
    if sort != "relevance":
        return sorted(matched)
    score = dict.fromkeys(matched, 0)
    weighted = [(3, p) for p in parsed.pairs] + [(2, "t:" + p) for p in parsed.pairs]
    weighted += [(1, "t:" + s) for s in parsed.syllables]
    for weight, term in weighted:
        for doc_id in reader.postings(term):
            if doc_id in score:
                score[doc_id] += weight
    return sorted(score, key=lambda doc_id: (-score[doc_id], doc_id))


def _every(reader: IndexReader, terms: Iterable[str], within: set[int] | None) -> set[int]:
    """Ids holding every term, within ``within`` when given."""
    matched = within
    for term in terms:
        ids = set(reader.postings(term))
        matched = ids if matched is None else matched & ids
    return matched if matched is not None else set()
