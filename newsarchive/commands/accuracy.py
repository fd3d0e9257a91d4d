"""Run the cleaner over a labelled corpus and print ok / wrong / flagged for each field.

Example:
    newsarchive accuracy                       # tests/accuracy/corpus (this is `make accuracy`)
    newsarchive accuracy --details wrong       # every wrong value beside the expected one
    newsarchive accuracy --pin                 # record today's counts as the floor

ok: the expected value, unflagged. flagged: listed under review: (right or wrong), or
the input was rejected. wrong: another value, unflagged. The pinned counts
(tests/accuracy/baseline.json) are a ratchet: exit status 1 when a field has fewer ok
or more wrong than pinned; --pin refuses to lower a floor without --allow-regression.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsarchive.clean.accuracy import (
    FIELDS,
    VERDICTS,
    CaseResult,
    load_corpus,
    regressions,
    score,
    tally,
)
from newsarchive.files import atomic_write


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("tests/accuracy/corpus"),
                        metavar="DIR", help="labelled inputs (default: tests/accuracy/corpus)")
    parser.add_argument("--baseline", type=Path, default=Path("tests/accuracy/baseline.json"),
                        metavar="FILE",
                        help="pinned counts (default: tests/accuracy/baseline.json)")
    parser.add_argument("--details", choices=("wrong", "flagged", "all"),
                        help="list the cases with that verdict, field by field")
    parser.add_argument("--pin", action="store_true", help="write today's counts as the floor")
    parser.add_argument("--allow-regression", action="store_true",
                        help="with --pin: accept a lower floor")
    return parser


def table(counts: dict[str, dict[str, int]], cases: int) -> str:
    """The counts as a Markdown table with percentages."""
    lines = ["| field | " + " | ".join(VERDICTS) + " |", "|---|" + "---:|" * len(VERDICTS)]
    for key in FIELDS:
        cells = [f"{counts[key][v]} ({100 * counts[key][v] / max(cases, 1):.0f} %)"
                 for v in VERDICTS]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def details(results: list[CaseResult], wanted: str) -> list[str]:
    lines = []
    for result in results:
        if result.rejected and wanted in ("flagged", "all"):
            lines.append(f"{result.case.raw}: rejected: {result.rejected}")
            continue
        for key, value in result.verdicts.items():
            if wanted in (value, "all"):
                lines.append(f"{result.case.raw}: {key}: {value}: got "
                             f"{result.got.get(key)!r}, expected {result.case.expected.get(key)!r}")
    return lines


def main(argv: list[str] | None = None, prog: str = "newsarchive accuracy") -> int:
    args = _parser(prog).parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such folder", file=sys.stderr)
        return 2
    results = [score(case) for case in load_corpus(args.corpus)]
    counts = tally(results)
    structures = len({r.case.structure for r in results if r.case.structure})
    print(f"{len(results)} inputs, {structures} page structures ({args.corpus})\n")
    print(table(counts, len(results)))
    rejected = [r for r in results if r.rejected]
    if rejected:
        print(f"\n{len(rejected)} rejected: " + ", ".join(r.case.id for r in rejected))
    if args.details:
        print("\n" + "\n".join(details(results, args.details)))
    try:
        pinned = json.loads(args.baseline.read_text("utf-8")) if args.baseline.exists() else {}
        floor = pinned.get("counts", {}) if isinstance(pinned, dict) else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        floor, pinned = None, error
    if not isinstance(floor, dict):
        print(f"\n{args.baseline}: not a pinned-counts file ({pinned}); "
              "pin one with --pin --baseline FILE", file=sys.stderr)
        return 2
    worse = regressions(counts, floor)
    if args.pin and (not worse or args.allow_regression):
        record = {"inputs": len(results), "counts": counts}
        atomic_write(args.baseline, json.dumps(record, indent=1, ensure_ascii=False) + "\n")
        print(f"\npinned in {args.baseline}")
        return 0
    if worse:
        print("\nbelow the pinned counts: " + "; ".join(worse), file=sys.stderr)
        return 1
    return 0
