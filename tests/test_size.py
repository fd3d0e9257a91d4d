"""newsarchive sitesize: a built site over the host's limit fails before the upload."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from newsarchive.cli import main as cli
from newsarchive.site.size import SiteTooLarge, check_size, measure, parse_size


@pytest.mark.parametrize(("text", "expected"), [
    ("1GB", 10**9),
    ("1 GB", 10**9),
    ("900MB", 900 * 10**6),
    ("1.5GiB", int(1.5 * 2**30)),
    ("300kib", 300 * 1024),
    ("12345", 12345),
], ids=["gb", "spaced", "mb", "gib", "lower-case", "bytes"])
def test_parse_size(text: str, expected: int) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "GB", "1TBX", "-1GB", "1,5GB"],
                         ids=["empty", "no-number", "unknown-unit", "negative", "comma"])
def test_parse_size_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def _site(root: Path) -> Path:
    for relative, size in (("index.html", 100), ("bai-viet/2020/a/index.html", 3000),
                           ("bai-viet/2021/b/index.html", 2000), ("search/index.json", 500)):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    return root


# _site as GNU tar packs it: "./" and 6 more folders, a header per member, data in
# 512-byte blocks (100 → 512, 3000 → 3072), 1 KB end marker, padded to 10 KB records.
ARTIFACT = 20480


def test_measure_counts_the_pages_artifact_by_top_folder(tmp_path: Path) -> None:
    size = measure(_site(tmp_path))
    assert (size.total, size.content, size.files) == (ARTIFACT, 5600, 4)
    assert size.largest(2) == [("bai-viet/", 8704), ("search/", 1536)]


def _gnu_tar_size(site: Path) -> int:
    """The byte count of the archive upload-pages-artifact makes (its exact options)."""
    packed = subprocess.run(["tar", "--dereference", "--hard-dereference", "--directory",
                             str(site), "-cf", "-", "--exclude=.git", "--exclude=.github", "."],
                            check=True, capture_output=True)
    return len(packed.stdout)


@pytest.mark.skipif(shutil.which("tar") is None, reason="needs GNU tar")
def test_measure_equals_gnu_tar_on_long_names_links_and_excluded_folders(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    deep = site / "bai-viet" / "2020" / ("dai-hoi-dang-bo-van-phong-" * 4)  # names > 100 bytes
    deep.mkdir()
    (deep / "index.html").write_text("Đại hội " * 300, "utf-8")
    (site / "sitemap.xml").write_bytes(b"x" * 512)  # exactly one block
    (site / "empty.txt").write_bytes(b"")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref\n")
    (site / "linked.html").symlink_to(site / "index.html")  # --dereference: counted in full
    (site / "về.html").write_text("tiếng Việt", "utf-8")  # name length in bytes, not letters
    assert measure(site).total == _gnu_tar_size(site)


@pytest.mark.parametrize(("limit", "fits"), [(ARTIFACT, True), (ARTIFACT - 1, False),
                                             (10**9, True)],
                         ids=["exactly-the-limit", "one-byte-over", "pages-limit"])
def test_check_size(tmp_path: Path, limit: int, fits: bool) -> None:
    site = _site(tmp_path)
    if fits:
        assert check_size(site, limit).total == ARTIFACT
    else:
        with pytest.raises(SiteTooLarge, match="over the 20.48 KB limit; heaviest: bai-viet/"):
            check_size(site, limit)


@pytest.mark.parametrize(("args", "code", "says"), [
    (["--limit", "1GB"], 0, "20.48 KB as the Pages artifact (5.60 KB in 4 files)"),
    (["--limit", "5KB"], 1, "::error::"),
    (["--limit", "5KB"], 1, "over the 5.00 KB limit"),
], ids=["fits", "over-is-a-workflow-error", "over-says-by-how-much"])
def test_command(tmp_path: Path, capsys, args: list[str], code: int, says: str) -> None:
    assert cli(["sitesize", str(_site(tmp_path)), *args]) == code
    captured = capsys.readouterr()
    assert says in captured.out + captured.err


def test_command_without_a_site(tmp_path: Path, capsys) -> None:
    assert cli(["sitesize", str(tmp_path / "site")]) == 2
    assert "make build" in capsys.readouterr().err
