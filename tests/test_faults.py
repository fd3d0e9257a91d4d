"""Interrupted runs: SIGKILL ingest and build at chosen writes, run again, lose nothing.

The final output of an interrupted-then-resumed run must equal that of an
uninterrupted run, byte for byte, and no partial or temporary file may remain. Kills
are deterministic (tests/kill_at.py): each run dies at a given write — the first, some
in the middle, the last — never after a sleep that a busy machine would stretch.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_ARTICLES, ROOT

from benchmarks.corpus import write_raw
from newsarchive.files import LOCK_FILE

KILL_AT = [sys.executable, str(ROOT / "tests" / "kill_at.py")]
INGEST = [str(ROOT / "scripts" / "ingest.py")]
BUILD = ["-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
         str(ROOT / "mkdocs.yml")]


def _tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path → sha256 of every file under ``folder``."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(skip)
        and path.name != LOCK_FILE  # who held the lock last: runtime state, not output
    }


def _run(at_write: int, command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run ``command`` (a script path or ``-m module`` and its arguments), killed at its
    ``at_write``-th write (0: never)."""
    return subprocess.run([*KILL_AT, str(at_write), *command], capture_output=True, text=True,
                          check=False, cwd=ROOT, **kwargs)  # type: ignore[call-overload]


def _writes(result: subprocess.CompletedProcess[str]) -> int:
    """How many writes a run that was not killed made (its last stderr line)."""
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return int(result.stderr.strip().splitlines()[-1].removeprefix("writes: "))


def _killed_at(points: list[int], command: list[str], **kwargs: object) -> None:
    """One run per point, each killed at that write: the kill must have happened."""
    for point in points:
        result = _run(point, command, **kwargs)
        assert result.returncode == -signal.SIGKILL, (point, result.stderr[-2000:])


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    write_raw(60, folder, seed=7)  # 120 writes (article and raw copy): kills at 1, 2, 15, 30, 30
    return folder


def test_killed_ingest_resumes_to_the_same_output(inbox: Path, tmp_path: Path) -> None:
    reference, resumed = tmp_path / "reference", tmp_path / "resumed"
    total = _writes(_run(0, [*INGEST, "--output-dir", str(reference), str(inbox)]))
    # The first write, then points whose sum stays under the total, so every run dies:
    # each resumed run starts where the last one stopped.
    points = [1, 2, total // 8, total // 4, total // 4]
    _killed_at(points, [*INGEST, "--output-dir", str(resumed), str(inbox)])
    _writes(_run(0, [*INGEST, "--output-dir", str(resumed), str(inbox)]))
    assert _tree(resumed) == _tree(reference)


def test_killed_build_rebuilds_to_the_same_site(fixture_site_dir: Path, tmp_path: Path) -> None:
    counted, resumed = tmp_path / "counted", tmp_path / "resumed"
    env = {**os.environ, "NEWSARCHIVE_ARTICLES": str(FIXTURE_ARTICLES),
           "NO_MKDOCS_2_WARNING": "1"}
    total = _writes(_run(0, [*BUILD, "--site-dir", str(counted)], env=env))
    build = [*BUILD, "--site-dir", str(resumed)]
    # First page, a middle one, and the last write (the search index and feeds come last).
    _killed_at([1, total // 2, total], build, env=env)
    _writes(_run(0, build, env=env))
    # sitemap.xml.gz carries the gzip time stamp of its own run.
    assert _tree(resumed, skip=(".gz",)) == _tree(fixture_site_dir, skip=(".gz",))
