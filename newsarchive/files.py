"""Writing files so that a reader never sees half of one, with ordinary permissions.

One rule for every file the archive writes (articles, raw copies, the ingest ledger,
feeds, the search index): write a temporary file in the same folder, flush it, then
``os.replace`` it over the target, so a crash, a full disk or a kill leaves the old file
or the new one. ``tempfile.mkstemp`` creates files with mode 0600, which a web server
running as another user cannot read; the finished file gets the mode an ordinary
``open()`` would give (0666 less the umask). Temporary names are short
(``.<8 hex>.<pid>.tmp``) so a target name near the 255-byte limit still has room.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(folder / "a.txt", "xin chào")
>>> (folder / "a.txt").read_text("utf-8")
'xin chào'
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_path(target: Path) -> Path:
    """A fresh temporary name beside ``target``, owned by this process (pid in the name)."""
    return target.with_name(f".{secrets.token_hex(4)}.{os.getpid()}{TEMP_SUFFIX}")


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends) to ``path`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = temp_path(path)
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~_umask())
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def owner_pid(temp: Path) -> int | None:
    """The process id in a temporary name made by :func:`temp_path`, else ``None``."""
    parts = temp.name.split(".")
    return int(parts[2]) if len(parts) == 4 and parts[2].isdigit() else None


def remove_dead_temps(folders: Iterable[Path]) -> None:
    """Delete the temporary files a killed run left in ``folders``: garbage, as the real
    file was replaced whole or not at all. Those of a run still alive (its pid in the
    name) are left to it. A build calls this for the folders it writes with
    :func:`atomic_write`, since MkDocs' cleaning of ``site_dir`` keeps dot files."""
    for folder in folders:
        for temp in folder.glob(".*" + TEMP_SUFFIX):
            if not alive(owner_pid(temp)):
                temp.unlink(missing_ok=True)


def alive(pid: int | None) -> bool:
    """Whether another process with this id is running (``None`` and this one: no)."""
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
