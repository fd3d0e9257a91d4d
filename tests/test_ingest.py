"""The ingest run: every seed and fixture field by field, golden files, and the rules
that keep editors' work safe (unchanged, updated, protected, duplicate, copied), decided
from the articles' own front matter (``raw_sha256``, ``ingest_sha256``), not hidden state."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from newsarchive.article.model import load
from newsarchive.clean.extract import Hints, build_article
from newsarchive.clean.html_page import read_html
from newsarchive.clean.ingest import ingest, seal
from newsarchive.clean.raw import read_raw
from newsarchive.files import LOCK_FILE, atomic_write

HERE = Path(__file__).parent
EXPECTED = json.loads((HERE / "fixtures" / "expected.json").read_text("utf-8"))
SNIPPETS = {k: v for k, v in json.loads((HERE / "fixtures" / "snippets.json").read_text(
    "utf-8")).items() if not k.startswith("_")}
FIELDS = ("title", "date", "event_date", "provinces", "event_type", "tags", "source", "authors",
          "images", "review")
SEED = ROOT / "articles" / "raw" / "004_67a0f94a2f50c909.txt"


def build(path: Path, url: str | None = None):
    raw = read_raw(path)
    hints, text, structure = Hints(url=url), raw.text, None
    if raw.is_html:
        text, structure, page = read_html(raw.text)
        hints = page.merged_with(hints)
    return build_article(text, hints, structure)


def _field(article, name: str):
    value = getattr(article, name)
    if name in ("date", "event_date"):
        return str(value) if value else None
    if name == "source":
        return {"name": value.name, "url": value.url, "syndicated_from": value.syndicated_from}
    if name == "images":
        return [[image.caption, image.credit] for image in value]
    return value


@pytest.fixture(scope="module")
def built() -> dict[str, object]:
    return {case["id"]: build(ROOT / case["path"], case["source_url"]) for case in EXPECTED}


@pytest.mark.parametrize("case", EXPECTED, ids=lambda case: case["id"])
@pytest.mark.parametrize("name", FIELDS)
def test_field(built, case: dict, name: str) -> None:
    assert _field(built[case["id"]], name) == case["expected"][name]


def _path_of(name: str) -> Path:
    return next(p for p in (ROOT / "articles" / "raw" / name, HERE / "fixtures" / "raw" / name)
                if p.exists())


@pytest.mark.parametrize("name", sorted(SNIPPETS), ids=lambda n: n[:3])
def test_with_and_without(name: str) -> None:
    body = build(_path_of(name)).body
    for snippet in SNIPPETS[name]["with"]:
        assert snippet in body, snippet
    for snippet in SNIPPETS[name]["without"]:
        assert snippet not in body, snippet


def test_fixture_count_and_html_structures() -> None:
    fixtures = sorted((HERE / "fixtures" / "raw").iterdir())
    assert len(fixtures) >= 15
    assert {p.suffix for p in fixtures} == {".txt", ".html"}


@pytest.mark.parametrize("golden", sorted((HERE / "golden").glob("*.txt")), ids=lambda p: p.stem)
def test_golden(golden: Path) -> None:
    """Regenerate with ``python tests/golden/regenerate.py`` and review the diff."""
    article = build(golden)
    article.raw = f"raw/{golden.name}"
    from newsarchive.article.model import dumps
    assert dumps(article) == golden.with_suffix(".md").read_text("utf-8")
    assert golden.with_suffix(".why.md").exists()


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in sorted((ROOT / "articles" / "raw").glob("*.txt"))[:3]:
        shutil.copy(seed, inbox / seed.name)
    return inbox, tmp_path / "articles"


def _statuses(outcomes) -> list[str]:
    return [outcome.status for outcome in outcomes]


def test_rerun_is_byte_identical(workspace) -> None:
    inbox, articles = workspace
    assert _statuses(ingest([inbox], articles)) == ["written"] * 3
    before = _contents(articles)
    assert _statuses(ingest([inbox], articles)) == ["unchanged"] * 3
    assert _contents(articles) == before


def _contents(articles: Path) -> dict[str, bytes]:
    """The archive's files; the lock file (who held it, when; gitignored) is not content."""
    return {p.name: p.read_bytes() for p in articles.iterdir()
            if p.is_file() and p.name != LOCK_FILE}


def test_inputs_are_copied_into_raw_and_raw_resolves(workspace) -> None:
    inbox, articles = workspace
    for outcome in ingest([inbox], articles):
        article = load(outcome.article)
        original = inbox / Path(article.raw).name
        assert (articles / article.raw).read_bytes() == original.read_bytes()


def test_edited_article_is_protected_unless_forced(workspace) -> None:
    inbox, articles = workspace
    first = ingest([inbox], articles)[0]
    edited = Path(first.article).read_text("utf-8").replace("event_type: so-ket",
                                                            "event_type: hoi-nghi")
    Path(first.article).write_text(edited, "utf-8")
    assert _statuses(ingest([inbox], articles)) == ["protected", "unchanged", "unchanged"]
    assert Path(first.article).read_text("utf-8") == edited
    assert _statuses(ingest([inbox], articles, force=True))[0] == "updated"
    assert "event_type: so-ket" in Path(first.article).read_text("utf-8")


def test_our_own_stale_output_is_updated(workspace) -> None:
    inbox, articles = workspace
    first = ingest([inbox], articles)[0]
    article = load(first.article)
    article.tags = ["thẻ cũ"]  # pretend an older version of the rules wrote this
    atomic_write(Path(first.article), seal(article))
    assert _statuses(ingest([inbox], articles))[0] == "updated"
    assert "thẻ cũ" not in Path(first.article).read_text("utf-8")


def test_a_renamed_article_is_still_the_same_article(workspace) -> None:
    inbox, articles = workspace
    first = ingest([inbox], articles)[0]
    renamed = articles / "ten-moi-hay-hon.md"
    Path(first.article).rename(renamed)
    outcomes = ingest([inbox], articles)
    assert (outcomes[0].status, outcomes[0].article) == ("unchanged", str(renamed))
    assert not Path(first.article).exists()


def test_a_fresh_clone_without_any_state_agrees(workspace, tmp_path: Path) -> None:
    inbox, articles = workspace
    ingest([inbox], articles)
    clone = tmp_path / "clone"
    shutil.copytree(articles, clone)  # what git carries: articles and raw/, nothing hidden
    for hidden in clone.glob(".*"):
        hidden.unlink()
    assert _statuses(ingest([clone / "raw"], clone)) == ["unchanged"] * 3
    assert len(list(clone.glob("*.md"))) == 3


def test_same_text_twice_is_a_duplicate(workspace, tmp_path: Path) -> None:
    inbox, articles = workspace
    copy = tmp_path / "again.txt"
    copy.write_text("  " + (inbox / sorted(p.name for p in inbox.iterdir())[0]).read_text(
        "utf-8").replace("\n", "\n\n"), "utf-8")
    outcomes = ingest([inbox, copy], articles)
    assert _statuses(outcomes) == ["written", "written", "written", "duplicate"]
    assert len(list(articles.glob("*.md"))) == 3
    assert _statuses(ingest([copy], articles)) == ["duplicate"]


def test_bad_inputs_are_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    shutil.copy(SEED, tmp_path / SEED.name)
    outcomes = ingest([tmp_path / "empty.txt", tmp_path / "image.txt", tmp_path / SEED.name,
                       tmp_path / "missing.txt"], tmp_path / "articles")
    assert _statuses(outcomes) == ["rejected", "rejected", "written", "rejected"]
    assert all(o.source in o.message for o in outcomes if o.status == "rejected")


def test_same_headline_gets_a_unique_slug(tmp_path: Path) -> None:
    text = SEED.read_text("utf-8")
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (tmp_path / "b.txt").write_text(text.replace("Nghiêm Đẳng", "Huy Dương"), "utf-8")
    names = sorted(Path(o.article).name for o in ingest([tmp_path], tmp_path / "articles")
                   if o.article)
    assert names[0].endswith("-2.md") or names[1].endswith("-2.md")
    assert names[0].removesuffix("-2.md") == names[1].removesuffix(".md") or \
        names[1].removesuffix("-2.md") == names[0].removesuffix(".md")


def test_long_titles_truncate_at_a_whole_word(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    outcome = ingest([tmp_path / SEED.name], tmp_path / "articles")[0]
    assert Path(outcome.article).name == \
        "nam-2012-dang-bo-van-phong-ubnd-tinh-quyet-tam-hoan-thanh-xuat-sac-nhiem-vu.md"


def test_killed_run_leftovers_are_adopted_not_duplicated(workspace) -> None:
    inbox, articles = workspace
    ingest([inbox], articles)
    stale = articles / ".abc12345.999999999.tmp"  # a killed run's: dead pid, an hour old
    stale.write_text("half", "utf-8")
    os.utime(stale, (1, 1))
    assert _statuses(ingest([inbox], articles)) == ["unchanged"] * 3
    assert sorted(p.name for p in articles.glob("*.md*")) == sorted(
        p.name for p in articles.glob("*.md"))
    assert not list(articles.glob(".*.tmp"))

