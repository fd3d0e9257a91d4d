"""The accuracy report (newsarchive.clean.accuracy) and the ratchet on the labelled corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from newsarchive.article.model import EVENT_TYPES
from newsarchive.clean.accuracy import FIELDS, load_corpus, regressions, score, tally, verdict
from newsarchive.gazetteer import canonical_names

CORPUS = ROOT / "tests" / "accuracy" / "corpus"
BASELINE = ROOT / "tests" / "accuracy" / "baseline.json"
CASES = load_corpus(CORPUS)


@pytest.mark.parametrize(("expected", "got", "flagged", "key", "result"), [
    pytest.param("Hội nghị", "Hội nghị", False, "title", "ok", id="same-unflagged"),
    pytest.param("Hội nghị", "Hội nghị", True, "title", "flagged", id="same-but-flagged"),
    pytest.param("Hội nghị", "Tin tức", False, "title", "wrong", id="different-unflagged"),
    pytest.param("Hội nghị", "Tin tức", True, "title", "flagged", id="different-flagged"),
    pytest.param(None, None, True, "date", "ok", id="honest-null"),
    pytest.param(None, "2024-01-02", False, "date", "wrong", id="invented-date"),
    pytest.param(["Gia Lai", "Kon Tum"], ["Kon Tum", "Gia Lai"], False, "provinces", "ok",
                 id="provinces-are-a-set"),
    pytest.param("Ho\u0300a Bi\u0300nh", "Hòa Bình", False, "title", "ok", id="nfc"),
])
def test_verdict(expected, got, flagged: bool, key: str, result: str) -> None:
    assert verdict(expected, got, flagged, key) == result


def test_regressions_name_the_field_and_direction() -> None:
    pinned = {"title": {"ok": 10, "wrong": 1, "flagged": 2}}
    assert regressions({"title": {"ok": 9, "wrong": 2, "flagged": 2}}, pinned) == [
        "title: ok 10 → 9", "title: wrong 1 → 2"]
    assert regressions({"title": {"ok": 11, "wrong": 0, "flagged": 2}}, pinned) == []


def test_corpus_is_large_and_varied_enough() -> None:
    assert len(CASES) >= 80
    assert len({case.structure for case in CASES}) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_labels_are_well_formed(case) -> None:
    """Each label names a type and provinces the archive knows, and quotes its headline."""
    expected = case.expected
    assert set(FIELDS) <= set(expected)
    assert expected["event_type"] in EVENT_TYPES
    assert set(expected["provinces"]) <= canonical_names()
    raw = case.raw.read_text("utf-8")
    assert expected["title"].rstrip(".") in raw.replace("&amp;", "&")


def test_accuracy_never_falls_below_the_pinned_counts() -> None:
    """The ratchet: `newsarchive accuracy --pin` raises the floor, nothing lowers it."""
    pinned = json.loads(BASELINE.read_text("utf-8"))
    counts = tally([score(case) for case in CASES])
    assert regressions(counts, pinned["counts"]) == []
    assert pinned["inputs"] == len(CASES)


def test_the_command_prints_the_table(capsys) -> None:
    from newsarchive.commands.accuracy import main

    assert main(["--corpus", str(CORPUS), "--baseline", str(BASELINE)]) == 0
    out = capsys.readouterr().out
    assert f"{len(CASES)} inputs" in out and "| title |" in out


def test_a_missing_corpus_is_a_usage_error(tmp_path: Path, capsys) -> None:
    from newsarchive.commands.accuracy import main

    assert main(["--corpus", str(tmp_path / "none")]) == 2
