"""scripts/ingest.py over the real command line: help, lines, totals, exit codes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

INGEST = ROOT / "scripts" / "ingest.py"
SEED_004 = ROOT / "articles" / "raw" / "004_67a0f94a2f50c909.txt"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(INGEST), *args], capture_output=True, text=True,
                          check=False, cwd=cwd)


def test_help_documents_every_option() -> None:
    result = run("--help")
    assert result.returncode == 0
    for option in ("--source-url", "--output-dir", "--force", "PATH", "protected", "duplicate",
                   "Exit status"):
        assert option in result.stdout


@pytest.mark.parametrize("args", [pytest.param([], id="no-path"),
                                  pytest.param(["--bogus", "x"], id="unknown-option")])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).returncode == 2


def test_seed_004_without_and_with_source_url(tmp_path: Path) -> None:
    shutil.copy(SEED_004, tmp_path / SEED_004.name)
    plain = run("--output-dir", str(tmp_path / "a"), str(tmp_path / SEED_004.name))
    assert plain.returncode == 0
    assert "province unknown" in plain.stdout and "review: date, provinces, source" in plain.stdout
    url = "https://vpubnd.laichau.gov.vn/Hoat-dong/nam-2012"
    given = run("--source-url", url, "--output-dir", str(tmp_path / "b"),
                str(tmp_path / SEED_004.name))
    assert "province unknown" not in given.stdout
    article = next((tmp_path / "b").glob("*.md")).read_text("utf-8")
    assert "provinces: [Lai Châu]" in article and url in article


def test_totals_add_up_and_rejection_exits_1(tmp_path: Path) -> None:
    for seed in sorted((ROOT / "articles" / "raw").glob("*.txt"))[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "copy.txt").write_bytes(SEED_004.read_bytes())
    (tmp_path / "same.txt").write_bytes(SEED_004.read_bytes())
    result = run("--output-dir", str(tmp_path / "out"), str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 6  # five inputs, one summary
    counts = dict((name, int(n)) for n, name in re.findall(r"(\d+) (\w+)", lines[-1]))
    assert counts["inputs"] == 5
    assert counts["written"] == 3 and counts["duplicate"] == 1 and counts["rejected"] == 1
    assert sum(v for k, v in counts.items() if k != "inputs") == 5
    assert any("empty.txt" in line and "rejected" in line for line in lines)


def test_make_ingest_output_is_committed_and_reproducible(tmp_path: Path) -> None:
    """Running the ingest over articles/raw reproduces the committed seed articles."""
    shutil.copytree(ROOT / "articles" / "raw", tmp_path / "raw")
    result = run("--output-dir", str(tmp_path), str(tmp_path / "raw"))
    assert result.returncode == 0, result.stdout
    for made in tmp_path.glob("*.md"):
        committed = ROOT / "articles" / made.name
        if committed.exists():  # an editor may since have edited or renamed it
            assert "protected" in result.stdout or made.read_bytes() == committed.read_bytes()
