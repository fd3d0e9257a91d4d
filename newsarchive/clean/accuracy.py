"""How often the cleaner is right: a labelled corpus in, ok / wrong / flagged per field out.

A case is a raw input (``<id>.txt`` or ``<id>.html``) beside ``<id>.json``, which holds
its ``source_url`` and the values an editor would publish (``expected``). Each field of
each case gets one verdict:

- ``ok``: the cleaner wrote the expected value and did not flag it (an expected null
  written as null is ok too: saying "unknown" is the right answer there);
- ``flagged``: the field is listed under ``review:``, right or wrong — an editor will
  look, so nothing wrong is published silently;
- ``wrong``: a different value, unflagged — the failure that matters.

A rejected input counts as ``flagged`` on every field (nothing is published) and is
listed by name in the report.

>>> verdict("Hội nghị", "Hội nghị", flagged=False)
'ok'
>>> verdict(["Gia Lai"], ["Bình Định"], flagged=True)
'flagged'
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsarchive.article.model import Article
from newsarchive.clean.ingest import clean_raw
from newsarchive.clean.raw import read_raw
from newsarchive.errors import ArchiveError
from newsarchive.text import nfc

FIELDS = ("title", "date", "event_date", "provinces", "event_type", "authors")
VERDICTS = ("ok", "wrong", "flagged")


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled input."""

    id: str
    raw: Path
    source_url: str | None
    expected: dict[str, Any]
    structure: str


@dataclass(slots=True)
class CaseResult:
    """The verdict per field for one case, and what the cleaner wrote where it erred."""

    case: Case
    verdicts: dict[str, str]
    got: dict[str, Any] = field(default_factory=dict)
    rejected: str | None = None


def load_corpus(folder: Path) -> list[Case]:
    """Every ``<id>.json`` in ``folder`` with its raw input, sorted by id."""
    cases = []
    for label in sorted(folder.glob("*.json")):
        data = json.loads(label.read_text("utf-8"))
        raws = [p for p in label.parent.glob(label.stem + ".*") if p.suffix != ".json"]
        if len(raws) != 1:
            raise ArchiveError(f"expected one raw input beside the label, found {len(raws)}",
                               label)
        cases.append(Case(label.stem, raws[0], data.get("source_url"), data["expected"],
                          data.get("structure", "")))
    return cases


def normalise(key: str, value: Any) -> Any:
    """The comparable form of a field: NFC text, provinces as a set, dates as strings."""
    if value in (None, "", []):
        return None
    if key == "provinces":
        return frozenset(nfc(v) for v in value)
    if key == "authors":
        return tuple(nfc(v) for v in value)
    return nfc(str(value))


def verdict(expected: Any, got: Any, flagged: bool, key: str = "title") -> str:
    """``ok``, ``wrong`` or ``flagged`` for one field (see the module docstring)."""
    want, have = normalise(key, expected), normalise(key, got)
    if want is None and have is None:
        return "ok"
    if flagged:
        return "flagged"
    return "ok" if want == have else "wrong"


def _field_value(article: Article, key: str) -> Any:
    value = getattr(article, key)
    return str(value) if key in ("date", "event_date") and value is not None else value


def score(case: Case) -> CaseResult:
    """Clean one case and judge each field."""
    try:
        article = clean_raw(read_raw(case.raw), case.source_url, name=str(case.raw))
    except ArchiveError as error:
        return CaseResult(case, dict.fromkeys(FIELDS, "flagged"), rejected=str(error))
    verdicts, got = {}, {}
    for key in FIELDS:
        value = _field_value(article, key)
        verdicts[key] = verdict(case.expected.get(key), value, key in article.review, key)
        got[key] = value
    return CaseResult(case, verdicts, got)


def tally(results: list[CaseResult]) -> dict[str, dict[str, int]]:
    """``{field: {verdict: count}}`` over all results."""
    counts: dict[str, Counter[str]] = {key: Counter() for key in FIELDS}
    for result in results:
        for key, value in result.verdicts.items():
            counts[key][value] += 1
    return {key: {v: counts[key][v] for v in VERDICTS} for key in FIELDS}


def regressions(now: dict[str, dict[str, int]], pinned: dict[str, dict[str, int]]) -> list[str]:
    """Where ``now`` is worse than the pinned counts: fewer ok or more wrong in a field."""
    problems = []
    for key, before in pinned.items():
        after = now.get(key, {})
        if after.get("ok", 0) < before.get("ok", 0):
            problems.append(f"{key}: ok {before['ok']} → {after.get('ok', 0)}")
        if after.get("wrong", 0) > before.get("wrong", 0):
            problems.append(f"{key}: wrong {before['wrong']} → {after.get('wrong', 0)}")
    return problems
