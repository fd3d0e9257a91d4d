"""Source addresses for a whole batch: one ``sources.csv`` beside the raw files.

A scraper saving a thousand pages knows each page's address; the cleaner needs it (the
address names the publication and often the province, and its slug confirms the
headline). ``--source-url`` gives it for one file; for a folder, ``sources.csv`` lists
``file,url`` rows, ``#`` lines being comments::

    # file,url
    file,url
    trang-001.txt,https://baoquangtri.vn/van-phong-ubnd-tinh-tong-ket-post1.html

A saved HTML page's own canonical address still counts; the manifest's row (or
``--source-url``) wins over it. A row naming a file that is not there, a duplicate file or
an address that is not http(s) is an error naming ``sources.csv`` and its line, and the
inputs the manifest covers are still ingested (without that row's address).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("x", "utf-8")
>>> _ = (folder / MANIFEST).write_text("file,url\\na.txt,https://baoquangtri.vn/x.html\\n")
>>> read_manifest(folder).urls
{'a.txt': 'https://baoquangtri.vn/x.html'}
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.article.checks import is_web_address
from newsarchive.files import read_regular

MANIFEST = "sources.csv"
MAX_BYTES = 4 * 1024 * 1024  # a manifest of a 100,000-page batch is about 10 MB; 4 MB per folder


@dataclass(slots=True)
class Manifest:
    """A folder's addresses by file name, and what was wrong with the file (``path:line:``)."""

    urls: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_manifest(folder: Path) -> Manifest:
    """The manifest of ``folder`` (empty when it has none)."""
    path = folder / MANIFEST
    manifest = Manifest()
    if not path.exists() and not path.is_symlink():
        return manifest
    try:  # the one safe reader: a link, a pipe or a device is refused, the size bounded
        text = read_regular(path, MAX_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:  # before ValueError: a decode error is one
        manifest.problems.append(f"{path}: unreadable ({error})")
        return manifest
    except ValueError:  # read_regular: over the size limit
        manifest.problems.append(f"{path}: over {MAX_BYTES // (1024 * 1024)} MB, not read")
        return manifest
    _read_rows(path, text, manifest)
    return manifest


def _read_rows(path: Path, text: str, manifest: Manifest) -> None:
    lines = [(n, line) for n, line in enumerate(io.StringIO(text), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return
    header = [cell.strip().lower() for cell in next(csv.reader([lines[0][1]]))]
    if header[:2] != ["file", "url"]:
        manifest.problems.append(f"{path}:{lines[0][0]}: the first row must be 'file,url'")
        return
    for number, line in lines[1:]:
        problem = _add_row(manifest, next(csv.reader([line]), []), path.parent)
        if problem:
            manifest.problems.append(f"{path}:{number}: {problem}")


def _add_row(manifest: Manifest, cells: list[str], folder: Path) -> str | None:
    if len(cells) < 2:
        return "a row needs a file name and an address"
    name, url = cells[0].strip(), cells[1].strip()
    if "/" in name or "\\" in name or name in ("", ".", ".."):
        return f"{name!r} is not a file name in this folder"
    if name in manifest.urls:
        return f"{name} is listed twice"
    if not is_web_address(url):
        return f"{url!r} is not an http(s) address"
    if not (folder / name).is_file():
        return f"{name} is not in {folder}"
    manifest.urls[name] = url
    return None


