"""Interrupted runs: SIGKILL ingest and build at random points, run again, lose nothing.

The final output of an interrupted-then-resumed run must equal that of an
uninterrupted run, byte for byte, and no partial or temporary file may remain.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from benchmarks.corpus import write_raw
from newsarchive.files import LOCK_FILE

INGEST = [sys.executable, str(ROOT / "scripts" / "ingest.py")]
KILLS = 6


def _tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path → sha256 of every file under ``folder``."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(skip)
        and path.name != LOCK_FILE  # who held the lock last: runtime state, not output
    }


def _kill_after(command: list[str], delay: float, **kwargs) -> None:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               **kwargs)
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    write_raw(150, folder, seed=7)
    return folder


def _ingest(inbox: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INGEST, "--output-dir", str(out), str(inbox)],
                          capture_output=True, text=True, check=False, cwd=ROOT)


def test_killed_ingest_resumes_to_the_same_output(inbox: Path, tmp_path: Path) -> None:
    reference, resumed = tmp_path / "reference", tmp_path / "resumed"
    first = _ingest(inbox, reference)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    rng = random.Random(2024)
    for _ in range(KILLS):
        _kill_after([*INGEST, "--output-dir", str(resumed), str(inbox)],
                    rng.uniform(0.2, 2.0), cwd=ROOT)
    final = _ingest(inbox, resumed)
    assert final.returncode == 0, final.stdout[-2000:] + final.stderr[-2000:]
    assert _tree(resumed) == _tree(reference)


def test_killed_build_rebuilds_to_the_same_site(tmp_path: Path) -> None:
    from conftest import build_site

    articles = ROOT / "tests" / "fixtures" / "articles"
    reference, resumed = tmp_path / "reference", tmp_path / "resumed"
    assert build_site(articles, reference).returncode == 0
    env = {**os.environ, "NEWSARCHIVE_ARTICLES": str(articles), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(resumed)]
    rng = random.Random(7)
    for _ in range(3):
        _kill_after(command, rng.uniform(0.3, 2.5), cwd=ROOT, env=env)
    assert build_site(articles, resumed).returncode == 0
    # sitemap.xml.gz carries the gzip time stamp of its own run.
    assert _tree(resumed, skip=(".gz",)) == _tree(reference, skip=(".gz",))
