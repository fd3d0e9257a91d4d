"""The search index (newsarchive.search): folding, terms, coding, and reference queries.

``write_fixture_articles`` is shared with tests/test_search_browser.py, which checks that
the browser client returns exactly what :func:`newsarchive.search.query` returns.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.article.body import figure_line
from newsarchive.article.model import Article, PartialDate, Source, dumps
from newsarchive.site import bodies, search
from newsarchive.site.search import (
    Filters,
    Layout,
    Query,
    build_index,
    decode_ids,
    encode_ids,
    exact_terms,
    fnv1a,
    iter_articles,
    query,
    terms_of,
    tokenize,
)

# Issue 5's pairs: each side must find the same articles (here and in the browser).
QUERY_PAIRS = [("dang bo van phong", "Đảng bộ Văn phòng"), ("Đảng uỷ", "Đảng ủy"),
               ("hoa binh", "Hòa Bình"), ("Hoà Bình", "Hòa Bình"), ("dai hoi", "Đại hội")]
QUERY_PAIR_IDS = ["dang-bo-van-phong", "dang-uy", "hoa-binh", "hoa-binh-tone", "dai-hoi"]

# (slug, title, date, provinces, event type, body): spellings vary on purpose.
FIXTURES = (
    ("dai-hoi-hoa-binh-2020", "Đại hội Đảng bộ Văn phòng UBND tỉnh Hòa Bình nhiệm kỳ 2020-2025",
     "2020-06-15", ["Hòa Bình"], "dai-hoi",
     "Sáng 15/6, Đảng bộ Văn phòng UBND tỉnh Hòa Bình tổ chức Đại hội đại biểu lần thứ V. "
     "Đảng ủy Văn phòng đã lãnh đạo hoàn thành tốt nhiệm vụ chính trị."),
    ("so-ket-hoa-binh-2019", "Văn phòng UBND tỉnh Hoà Bình sơ kết công tác 6 tháng đầu năm",
     "2019-07-10", ["Hòa Bình"], "so-ket",
     "Chiều 10/7, Văn phòng UBND tỉnh Hoà Bình tổ chức hội nghị sơ kết. Đảng uỷ Văn phòng "
     "chỉ đạo các chi bộ bám sát chương trình công tác."),
    ("ben-tre-2021", "Đảng uỷ Văn phòng UBND tỉnh Bến Tre triển khai nhiệm vụ năm 2021",
     "2021-01-20", ["Bến Tre"], "hoi-nghi",
     "Đảng bộ Văn phòng UBND tỉnh Bến Tre hiện có 6 chi bộ trực thuộc với 80 đảng viên."),
    ("gia-lai-nhan-su", "Bổ nhiệm Phó Chánh Văn phòng UBND tỉnh Gia Lai",
     "2023-03-02", ["Gia Lai"], "nhan-su",
     "Chủ tịch UBND tỉnh trao quyết định bổ nhiệm cho cán bộ. Các đảng viên, công chức "
     "chúc mừng; bộ máy Văn phòng tiếp tục được kiện toàn."),
    ("kien-giang-tong-ket", "Văn phòng UBND tỉnh Kiên Giang tổng kết năm 2024",
     "2025-01-08", ["Kiên Giang"], "tong-ket",
     "Năm 2024, Văn phòng UBND tỉnh tham mưu hơn 900 văn bản. Đại hội chi bộ đã thành công."),
    ("lai-chau-chua-ro", "Hội nghị cán bộ, công chức Văn phòng UBND tỉnh Lai Châu",
     None, ["Lai Châu"], "hoi-nghi",
     "Hội nghị đánh giá công tác cải cách hành chính của Văn phòng."),
    ("hai-phong-khen-thuong", "Văn phòng UBND TP Hải Phòng đón nhận Huân chương Lao động",
     "2021-09-01", ["Hải Phòng"], "khen-thuong",
     "Đảng ủy, cơ quan Văn phòng UBND thành phố đón nhận Huân chương Lao động hạng Nhì."),
)
SLUGS_NEWEST_FIRST = ("kien-giang-tong-ket", "gia-lai-nhan-su", "hai-phong-khen-thuong",
                      "ben-tre-2021", "dai-hoi-hoa-binh-2020", "so-ket-hoa-binh-2019",
                      "lai-chau-chua-ro")


def write_fixture_articles(folder: Path) -> Path:
    """Write :data:`FIXTURES` as article files under ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for slug, title, day, provinces, event_type, body in FIXTURES:
        article = Article(title=title, date=PartialDate.parse(day) if day else None,
                          provinces=provinces, event_type=event_type,
                          source=Source("Báo Tin tức", f"https://example.vn/{slug}.html"),
                          body=body, slug=slug)
        (folder / f"{slug}.md").write_text(dumps(article), "utf-8")
    return folder


@pytest.fixture(scope="module", params=[Layout(), Layout(block=2, inline=1, chunk=2,
                                                         terms_per_shard=4)],
                ids=["default-layout", "tiny-blocks"])
def index_dir(request, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search")
    articles = write_fixture_articles(root / "articles")
    build_index(iter_articles(articles), root / "index", request.param)
    return root / "index"


def slugs(index_dir: Path, ids: list[int]) -> list[str]:
    chunk = json.loads((index_dir / "meta.json").read_text("utf-8"))["chunk"]
    return [json.loads((index_dir / "doc" / f"{i // chunk}.json").read_text("utf-8"))
            [i % chunk][2].rstrip("/").rsplit("/", 1)[1] for i in ids]


NFD = "NFD"


@pytest.mark.parametrize(("text", "expected"), [
    ("Đảng bộ", [("dang", False), ("bo", True)]),
    ("Đảng uỷ", [("dang", False), ("uy", True)]),
    ("ĐẢNG ỦY", [("dang", False), ("uy", True)]),
    (unicodedata.normalize(NFD, "Hoà Bình"), [("hoa", False), ("binh", True)]),
    ("Đảng bộ, Văn phòng", [("dang", False), ("bo", True), ("van", False), ("phong", True)]),
    ("UBND-tỉnh", [("ubnd", False), ("tinh", False)]),
    ("Đảng bộ\nVăn phòng", [("dang", False), ("bo", True), ("van", False), ("phong", True)]),
    ("<img src=x>", [("img", False), ("src", True), ("x", False)]),
    ("", []),
], ids=["nfc", "old-tone", "upper", "nfd", "comma-breaks-pair", "hyphen-breaks-pair",
        "line-break-ends-pair", "markup", "empty"])
def test_tokenize(text: str, expected: list[tuple[str, bool]]) -> None:
    assert tokenize(text) == expected


def test_terms_hold_syllables_and_adjacent_pairs() -> None:
    assert terms_of("Đảng bộ Văn phòng") == {"dang", "bo", "van", "phong", "dang bo", "bo van",
                                             "van phong"}


@pytest.mark.parametrize(("left", "right"), [
    ("Đảng uỷ", "Đảng ủy"),
    ("Hoà Bình", "Hòa Bình"),
    (unicodedata.normalize(NFD, "Đảng ủy"), "ĐẢNG ỦY"),
    ("dang bo", "DANG  BO"),
], ids=["tone-placement", "hoa-binh-tone", "nfd-upper", "folded-case"])
def test_query_spellings_parse_alike(left: str, right: str) -> None:
    assert Query.parse(left) == Query.parse(right)


@pytest.mark.parametrize(("folded", "accented"), [
    ("dang bo van phong", "Đảng bộ Văn phòng"),
    ("hoa binh", "Hòa Bình"),
    ("dai hoi", "Đại hội"),
], ids=["dang-bo-van-phong", "hoa-binh", "dai-hoi"])
def test_diacritics_typed_add_exact_terms(folded: str, accented: str) -> None:
    plain, exact = Query.parse(folded), Query.parse(accented)
    assert (plain.syllables, plain.pairs) == (exact.syllables, exact.pairs)
    assert not plain.accented and exact.accented


# "Bình Định" the province, and the same syllables elsewhere (issue 15).
NARROWING = (
    ("phe-binh-quy-dinh", "Hội nghị phê bình và tự phê bình", "2024-05-02",
     "Cán bộ nghiêm túc phê bình, thực hiện đúng quy định của Đảng."),
    ("binh-dinh-dai-hoi", "Đại hội Chi bộ Văn phòng UBND tỉnh Bình Định", "2020-05-02",
     "Văn phòng UBND tỉnh Bình Định tổ chức đại hội."),
    ("binh-dinh-khong-dau", "Van phong UBND tinh Binh Dinh so ket", "2019-05-02",
     "Ban tin khong dau: Binh Dinh so ket 6 thang."),
)


@pytest.fixture(scope="module")
def narrowing_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("narrowing") / "search"
    build_index([Article(title, date=PartialDate.parse(day), body=body, slug=slug)
                 for slug, title, day, body in NARROWING], out)
    return out


@pytest.mark.parametrize(("text", "sort", "expected"), [
    ("Bình Định", "date", ["binh-dinh-dai-hoi"]),
    ("bình định", "relevance", ["binh-dinh-dai-hoi"]),
    ("Bình", "date", ["phe-binh-quy-dinh", "binh-dinh-dai-hoi"]),
    ("binh dinh", "date", ["phe-binh-quy-dinh", "binh-dinh-dai-hoi", "binh-dinh-khong-dau"]),
    ("binh dinh", "relevance", ["binh-dinh-dai-hoi", "binh-dinh-khong-dau",
                                "phe-binh-quy-dinh"]),
], ids=["accented-narrows", "accented-lower-relevance", "one-accented-syllable",
        "folded-newest-first", "folded-relevance-pairs-first"])
def test_diacritics_typed_narrow_to_those_words(narrowing_index: Path, text: str, sort: str,
                                               expected: list[str]) -> None:
    assert slugs(narrowing_index, query(narrowing_index, text, sort=sort)) == expected


def test_accents_can_be_ignored(narrowing_index: Path) -> None:
    assert query(narrowing_index, "Bình Định", accents=False) == query(narrowing_index,
                                                                       "binh dinh")


@pytest.mark.parametrize(("term", "expected"), [
    ("", 0x811C9DC5), ("a", 0xE40C292C), ("foobar", 0xBF9CF968),
], ids=["empty", "a", "foobar"])
def test_fnv1a_matches_published_vectors(term: str, expected: int) -> None:
    assert fnv1a(term) == expected


_TEXT = st.lists(st.sampled_from([*"aàảăắđĐêệoòơờuưứyỳ \n\t,.-_/?\x00\u200b\u0301",
                                   "Hòa", "hoà", "Bình", "UBND", "tỉnh", "8-7", "x_y"])
                 ).map("".join)


@given(_TEXT, _TEXT)
def test_an_articles_terms_are_its_syllables_pairs_exact_and_title_terms(
        title: str, text: str) -> None:
    """The index's one-split collection (``_doc_terms``) against the plain functions it
    stands for: no pair across punctuation, a line break or an underscore."""
    expected = terms_of(text) | exact_terms(text) | {"t:" + t for t in terms_of(title)}
    assert search._doc_terms(Article(title), text) == expected


@given(st.lists(st.integers(min_value=0, max_value=2**31 - 1), unique=True))
def test_id_coding_round_trips(ids: list[int]) -> None:
    ids.sort()
    assert decode_ids(encode_ids(ids)) == ids


@given(st.integers(min_value=0, max_value=2**31 - 1_000_000),
       st.lists(st.integers(min_value=0, max_value=5_000), min_size=40, unique=True))
def test_dense_lists_are_bitmaps_that_round_trip(first: int, offsets: list[int]) -> None:
    """A term in most articles costs an eighth of a byte per article, not a byte."""
    ids = sorted(first + offset for offset in offsets)
    coded = encode_ids(ids)
    assert decode_ids(coded) == ids
    if ids[-1] - ids[0] < 4 * len(ids):  # denser than one id in four: a bitmap is smaller
        assert coded[0] == 0 and len(coded) <= (ids[-1] - ids[0]) // 8 + 7


@pytest.mark.parametrize(("left", "right"), QUERY_PAIRS, ids=QUERY_PAIR_IDS)
def test_query_pairs_find_the_same_articles(index_dir: Path, left: str, right: str) -> None:
    """Without diacritics, or ignoring them, both spellings find the same; typed with
    diacritics, a query finds a part of that (the articles with those exact words)."""
    found = query(index_dir, left, accents=False)
    assert found, left
    assert found == query(index_dir, right, accents=False)
    assert set(query(index_dir, right)) <= set(found) and query(index_dir, right)


@pytest.mark.parametrize(("text", "expected"), [
    ("hoa binh", ["dai-hoi-hoa-binh-2020", "so-ket-hoa-binh-2019"]),
    ("dang uy", ["hai-phong-khen-thuong", "ben-tre-2021", "dai-hoi-hoa-binh-2020",
                 "so-ket-hoa-binh-2019"]),
    # Strictly newest first, whether "Đảng bộ" is a word there or both syllables are apart.
    ("dang bo", ["gia-lai-nhan-su", "ben-tre-2021", "dai-hoi-hoa-binh-2020",
                 "so-ket-hoa-binh-2019"]),
    ("dai hoi", ["kien-giang-tong-ket", "dai-hoi-hoa-binh-2020"]),
    ("van phong", list(SLUGS_NEWEST_FIRST)),
    ("xyzzy", []),
    ("<img src=x onerror=alert(1)>", []),
    ("   ", []),
], ids=["hoa-binh", "dang-uy", "strictly-newest-first", "dai-hoi", "undated-last", "absent",
        "markup", "blank"])
def test_query_by_date(index_dir: Path, text: str, expected: list[str]) -> None:
    assert slugs(index_dir, query(index_dir, text)) == expected


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(province="Hòa Bình"), ["dai-hoi-hoa-binh-2020", "so-ket-hoa-binh-2019"]),
    (Filters(unit="Vĩnh Long"), ["ben-tre-2021"]),
    (Filters(unit="An Giang"), ["kien-giang-tong-ket"]),
    (Filters(year=2021), ["hai-phong-khen-thuong", "ben-tre-2021"]),
    (Filters(event_type="nhan-su"), ["gia-lai-nhan-su"]),
    (Filters(province="Hòa Bình", year=2019), ["so-ket-hoa-binh-2019"]),
    (Filters(unit="Phú Thọ", event_type="dai-hoi"), ["dai-hoi-hoa-binh-2020"]),
    (Filters(province="Hòa Bình", event_type="nhan-su"), []),
    (Filters(province="Atlantis"), []),
], ids=["province", "unit-ben-tre", "unit-kien-giang", "year", "event-type", "province+year",
        "unit+type", "empty-combination", "unknown-value"])
def test_facets_filter(index_dir: Path, filters: Filters, expected: list[str]) -> None:
    assert slugs(index_dir, query(index_dir, "van phong", filters)) == expected


def test_relevance_puts_adjacent_title_matches_first(index_dir: Path) -> None:
    ranked = slugs(index_dir, query(index_dir, "dang uy van phong", sort="relevance"))
    assert ranked[0] == "ben-tre-2021"  # the only title with "Đảng uỷ Văn phòng"
    assert set(ranked) == set(slugs(index_dir, query(index_dir, "dang uy van phong")))


def test_meta_lists_facets_and_contiguous_years(index_dir: Path) -> None:
    meta = json.loads((index_dir / "meta.json").read_text("utf-8"))
    assert meta["docs"] == len(FIXTURES)
    assert [row[0] for row in meta["years"]] == [2025, 2023, 2021, 2020, 2019, None]
    assert ["nhan-su", "Nhân sự", 1] in meta["facets"]["type"]
    assert ["Vĩnh Long", "Vĩnh Long", 1] in meta["facets"]["unit"]


def test_records_keep_published_text(index_dir: Path) -> None:
    titles = {json.dumps(row, ensure_ascii=False) for path in (index_dir / "doc").glob("*.json")
              for row in json.loads(path.read_text("utf-8"))}
    assert any("Văn phòng UBND tỉnh Hoà Bình sơ kết" in row for row in titles)
    assert any('"bai-viet/chua-ro/lai-chau-chua-ro/"' in row for row in titles)


def test_long_lists_are_also_written_whole(tmp_path: Path) -> None:
    """Relevance reads every block of a list: a list of several blocks is also one file,
    holding exactly the ids of its blocks; a one-block list is not written twice."""
    articles = write_fixture_articles(tmp_path / "articles")
    meta = build_index(iter_articles(articles), tmp_path / "index",
                       Layout(block=2, inline=1, chunk=2, terms_per_shard=4))
    whole, single = 0, 0
    for shard in range(meta["shards"]):
        entries = json.loads((tmp_path / "index" / "dict" / f"{shard:x}.json").read_text("utf-8"))
        for df, number, firsts in (entry for entry in entries.values() if len(entry) == 3):
            folder = tmp_path / "index" / "post" / f"{shard:x}"
            blocks = [i for k in range(len(firsts))
                      for i in decode_ids((folder / f"{number}.{k}.bin").read_bytes())]
            assert len(blocks) == df
            if len(firsts) == 1:
                single += 1
                assert not (folder / f"{number}.bin").exists()
                continue
            whole += 1
            assert decode_ids((folder / f"{number}.bin").read_bytes()) == blocks
    assert whole and single


def test_packed_articles_index_exactly_like_plain_ones(tmp_path: Path) -> None:
    """The site's cache holds bodies compressed (:mod:`newsarchive.site.bodies`); the index
    built from those articles must be the one built from the files."""
    articles = write_fixture_articles(tmp_path / "articles")
    build_index(iter_articles(articles), tmp_path / "plain")
    build_index([bodies.hold(article) for article in iter_articles(articles)], tmp_path / "packed")
    plain = {p.relative_to(tmp_path / "plain"): p.read_bytes()
             for p in (tmp_path / "plain").rglob("*") if p.is_file()}
    packed = {p.relative_to(tmp_path / "packed"): p.read_bytes()
              for p in (tmp_path / "packed").rglob("*") if p.is_file()}
    assert plain == packed
    assert any(row[6].startswith("Sáng 15/6, Đảng bộ Văn phòng UBND tỉnh Hòa Bình")
               for path in (tmp_path / "packed" / "doc").glob("*.json")
               for row in json.loads(path.read_text("utf-8")))


def _tree(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("layout", [Layout(block=2, inline=1, chunk=2, terms_per_shard=4),
                                    Layout()], ids=["tiny", "default"])
def test_index_written_by_worker_processes_is_the_serial_one(tmp_path: Path,
                                                             layout: Layout) -> None:
    """A build splits the index over forked workers (terms by ranges of ids, shards
    between writers); the files must be the very bytes of the one-process index."""
    articles = write_fixture_articles(tmp_path / "articles")
    serial = build_index(iter_articles(articles), tmp_path / "serial", layout)
    parallel = build_index([bodies.hold(a) for a in iter_articles(articles)],
                           tmp_path / "parallel", layout, workers=3)
    assert parallel == serial
    assert _tree(tmp_path / "parallel") == _tree(tmp_path / "serial")
    assert serial["docs"] == len(FIXTURES)


def _one_id_at_a_time(ids: list[int]) -> bytes:
    """encode_ids as first written, one Python statement per id: the reference coding."""
    def varints(values: list[int]) -> bytes:
        out = bytearray()
        for value in values:
            while value >= 0x80:
                out.append((value & 0x7F) | 0x80)
                value >>= 7
            out.append(value)
        return bytes(out)
    gaps = varints([b - a for a, b in zip([-1, *ids], ids, strict=False)])
    span = ids[-1] - ids[0] + 1 if ids else 0
    if not ids or (span + 7) // 8 + 4 >= len(gaps):
        return gaps
    bits = bytearray((span + 7) // 8)
    for doc_id in ids:
        offset = doc_id - ids[0]
        bits[offset >> 3] |= 1 << (offset & 7)
    return bytes([0]) + varints([ids[0]]) + bytes(bits)


@given(st.integers(min_value=0, max_value=2**31 - 1_000_000),
       st.lists(st.one_of(st.integers(0, 300), st.integers(0, 40_000), st.integers(0, 999_999)),
                unique=True))
def test_id_coding_is_the_reference_coding(first: int, offsets: list[int]) -> None:
    """The C-level coding writes the same bytes as one id at a time, for gaps of one,
    two and three varint bytes and for bitmaps."""
    ids = sorted(first + offset for offset in offsets)
    assert encode_ids(ids) == _one_id_at_a_time(ids)


def test_figure_markup_is_not_indexed_but_its_caption_is(tmp_path: Path) -> None:
    """Searching "figcaption" or "span class" found every article with a photo."""
    body = (figure_line("Quang cảnh hội nghị", "Thu Trang")
            + "\n\nSáng 8-7, Văn phòng tổ chức hội nghị **sơ kết**.")
    article = Article(title="Hội nghị sơ kết", date=PartialDate(2021, 7, 8), body=body,
                      slug="so-ket")
    build_index([article], tmp_path, Layout(block=2, inline=1, chunk=2))
    for markup in ("figcaption", "figure", "span", "class", "credit", "span class"):
        assert query(tmp_path, markup) == [], markup
    for words in ("quang cảnh", "Thu Trang", "sơ kết"):
        assert query(tmp_path, words) == [0], words
