"""The Makefile's venv rules: a clear Python check first, a venv per interpreter, distclean.

A fake interpreter stands in for other Pythons: it runs the Makefile's ``-c`` snippets
with the real Python but reports the version given in ``$FAKE_VERSION``, and its
``-m venv DIR`` only makes the folder (no pip: these tests never install anything).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

FAKE = """#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then mkdir -p "$3/bin"; touch "$3/made-by-fake"; exit 0; fi
if [ "$1" = "-c" ]; then
  exec {python} -c "import sys
sys.version_info = tuple(int(p) for p in '$FAKE_VERSION'.split('.')) + ('final', 0)
sys.version, sys.executable = '$FAKE_VERSION (fake)', '$0'
$2"
fi
exit 3
"""


def _fake_python(tmp_path: Path) -> Path:
    fake = tmp_path / "python-fake"
    fake.write_text(FAKE.format(python=sys.executable))
    fake.chmod(0o755)
    return fake


def _make(tmp_path: Path, version: str, *targets: str) -> subprocess.CompletedProcess[str]:
    venv = tmp_path / "venv"
    env = {**os.environ, "FAKE_VERSION": version}
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT),
                           f"PYTHON={_fake_python(tmp_path)}", f"VENV={venv}", *targets],
                          env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("version", ["3.10.12", "3.8.10"], ids=["ubuntu-22.04", "older"])
def test_an_old_python_is_refused_before_any_venv_is_made(tmp_path: Path, version: str) -> None:
    result = _make(tmp_path, version, f"{tmp_path}/venv/.python")
    assert result.returncode != 0
    assert f"Python {version}" in result.stderr and "3.11" in result.stderr
    assert not (tmp_path / "venv").exists()


def test_a_missing_python_is_named(tmp_path: Path) -> None:
    result = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT),
                             "PYTHON=python3.99-nowhere", f"VENV={tmp_path}/venv",
                             f"{tmp_path}/venv/.python"],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "python3.99-nowhere" in result.stderr


def test_the_venv_is_rebuilt_only_when_the_interpreter_changes(tmp_path: Path) -> None:
    stamp = f"{tmp_path}/venv/.python"
    marker = tmp_path / "venv" / "made-by-fake"
    assert _make(tmp_path, "3.11.9", stamp).returncode == 0
    assert marker.exists() and "3.11.9" in Path(stamp).read_text()
    marker.unlink()
    again = _make(tmp_path, "3.11.9", stamp)
    assert again.returncode == 0 and not marker.exists(), "same interpreter: venv kept"
    newer = _make(tmp_path, "3.12.1", stamp)
    assert newer.returncode == 0 and marker.exists(), "another interpreter: venv rebuilt"
    assert "rebuilding" in newer.stdout and "3.12.1" in Path(stamp).read_text()


def test_distclean_removes_the_venv() -> None:
    dry = subprocess.run(["make", "-n", "-C", str(ROOT), "distclean"],
                         capture_output=True, text=True, check=True)
    assert "rm -rf .venv" in dry.stdout and "rm -rf site" in dry.stdout
