"""newsarchive.files: atomic writes with ordinary modes and short temporary names."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newsarchive.files import HOST_TAG, atomic_write, owner_pid, remove_dead_temps, temp_path


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    atomic_write(tmp_path / "a.md", "một\n")
    atomic_write(tmp_path / "a.md", "hai\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
    assert (tmp_path / "a.md").read_text("utf-8") == "hai\n"


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077], ids=oct)
def test_written_files_follow_the_umask(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        atomic_write(tmp_path / "feed.xml", b"<feed/>")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "feed.xml").stat().st_mode) == 0o666 & ~umask


def test_a_name_at_the_length_limit_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("a" * 251 + ".md")
    atomic_write(target, "x")
    assert target.read_text() == "x"


def test_temporary_names_carry_their_owner() -> None:
    assert owner_pid(temp_path(Path("/x/bai.md"))) == os.getpid()
    assert owner_pid(Path("/x/.bai.md.tmp")) is None


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("cũ", "utf-8")
    with pytest.raises(TypeError):
        atomic_write(target, 123)  # type: ignore[arg-type]
    assert target.read_text("utf-8") == "cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


@pytest.mark.parametrize(("name", "kept"), [
    (f".0a1b2c3d.999999999-{HOST_TAG}.tmp", False),
    (f".0a1b2c3d.{os.getppid()}-{HOST_TAG}.tmp", True),
    (".0a1b2c3d.999999999-zzzz.tmp", True),
    (".0a1b2c3d.notapid.tmp", True),
    ("robots.txt", True),
    ("0a1b2c3d.999999999.tmp", True),
], ids=["dead-owner-here", "live-owner", "fresh-from-another-machine", "fresh-no-pid",
        "a-real-file", "not-a-dot-file"])
def test_remove_dead_temps(tmp_path, name: str, kept: bool) -> None:
    (tmp_path / name).write_text("x")
    remove_dead_temps([tmp_path])
    assert (tmp_path / name).exists() == kept
