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

import errno
import fcntl
import hashlib
import os
import secrets
import socket
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_path(target: Path) -> Path:
    """A fresh temporary name beside ``target``, owned by this process: its pid and a
    tag of this machine's name (``.1f0b1679.939-a3c2.tmp``), so a sweep can tell a dead
    writer here from a writer on another machine sharing the folder."""
    return target.with_name(f".{secrets.token_hex(4)}.{os.getpid()}-{HOST_TAG}{TEMP_SUFFIX}")


HOST_TAG = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:4]


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
    owner = _owner(temp)
    return owner[0] if owner else None


def _owner(temp: Path) -> tuple[int, str] | None:
    """(pid, machine tag) of a temporary name made by :func:`temp_path`."""
    parts = temp.name.split(".")
    if len(parts) != 4:
        return None
    pid, _, host = parts[2].partition("-")
    return (int(pid), host) if pid.isdigit() else None


# --- reading inputs that may be hostile --------------------------------------------------


class UnsafeFileError(OSError):
    """A path that must not be read as a file: a link, a folder, a device or a pipe."""


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def file_kind(mode: int) -> str:
    """What a non-regular file is, for a message: ``file_kind(stat.S_IFIFO)`` → a named pipe."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file, not a symlink, of at most ``limit`` bytes.

    Opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked with ``fstat`` on the open
    descriptor, so a FIFO cannot block the run, ``/dev/zero`` cannot fill memory and a
    link swapped in between a check and the open is still refused. Raises
    :class:`UnsafeFileError` (a link, a folder, a device…) or ``OSError``; a file over
    ``limit`` raises ``ValueError`` carrying its size.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeFileError(errno.ELOOP, "a symbolic link; links are not followed") from error
        raise
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafeFileError(errno.EINVAL, f"{file_kind(status.st_mode)}, not a file")
        if status.st_size > limit:
            raise ValueError(status.st_size)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(len(data))
    return data


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every link and ``..`` resolved, lies inside ``folder``.

    >>> is_inside(Path("/a/b/../../etc/passwd"), Path("/a"))
    False
    """
    return path.resolve().is_relative_to(folder.resolve())


# --- one writer at a time ----------------------------------------------------------------


LOCK_FILE = ".newsarchive.lock"


@contextmanager
def folder_lock(folder: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold an advisory ``flock`` on ``folder`` (its ``.newsarchive.lock``) for a block.

    Two ``make ingest`` runs over one archive would both find a slug free and both
    write it; under this lock the second waits. Before waiting it calls ``on_wait``
    with who holds the lock (``"pid 4242 since 2026-11-30T23:05:01"``), read from the
    lock file. The kernel drops the lock when the holder dies, so a killed run never
    leaves the archive locked.
    """
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW,
                         0o666 & ~_umask())
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip()
                        or "another process")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        holder = f"pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%S')}\n"
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, holder.encode(), 0)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def sweep_temp_files(folder: Path, stale_seconds: float = 600) -> list[Path]:
    """Remove temporary files of dead writers in ``folder``; return what was removed.

    A temporary file is garbage when its writer on this machine (the pid and machine tag
    in its name) is gone — a killed run's leftovers go at the next run — or, for a name
    from another machine sharing the folder (whose pid means nothing here) or an older
    name, when it is also older than ``stale_seconds``. A live pid, perhaps reused, keeps
    its file.
    """
    removed = []
    now = time.time()
    for temp in folder.glob(".*" + TEMP_SUFFIX):
        try:
            status = temp.lstat()
        except OSError:
            continue
        owner = _owner(temp)
        here_and_dead = owner is not None and owner[1] == HOST_TAG and not pid_alive(owner[0])
        if stat.S_ISREG(status.st_mode) and (here_and_dead or (
                now - status.st_mtime > stale_seconds and not pid_alive(owner_pid(temp)))):
            temp.unlink(missing_ok=True)
            removed.append(temp)
    return removed


def remove_dead_temps(folders: Iterable[Path]) -> None:
    """:func:`sweep_temp_files` over ``folders``: a build calls it for the folders it
    writes with :func:`atomic_write`, since MkDocs' cleaning of ``site_dir`` keeps dot
    files."""
    for folder in folders:
        sweep_temp_files(folder)


def pid_alive(pid: int | None) -> bool:
    """Whether process ``pid`` exists (``None`` and this process count as not alive)."""
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
