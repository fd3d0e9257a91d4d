"""Run a command's Python entry point and SIGKILL it at its N-th file write (test_faults.py).

A kill at a chosen write, not after a chosen delay: the same run always dies at the same
point, whatever the machine's load. A write is an ``os.replace`` (the commit of every
atomic write: articles, raw copies, the ingest ledger, feeds, the search index; the kill
comes after the temporary file is written, before it is moved into place) or a page
MkDocs writes (``mkdocs.utils.write_file``, not atomic; the kill leaves half the page).
``N = 0`` kills nothing and reports how many writes the run made::

    python tests/kill_at.py 0 scripts/ingest.py --output-dir out inbox   # stderr: "writes: 412"
    python tests/kill_at.py 7 -m mkdocs build --site-dir site            # dies at write 7
"""

from __future__ import annotations

import atexit
import os
import runpy
import signal
import sys
from typing import Any

REPORT = "writes: "


class _Writes:
    def __init__(self, limit: int) -> None:
        self.limit, self.count = limit, 0

    def tick(self) -> bool:
        """Count one write; whether it is the one to die at."""
        self.count += 1
        return self.limit > 0 and self.count >= self.limit


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _patch(writes: _Writes) -> None:
    real_replace = os.replace

    def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if writes.tick():
            _die()
        real_replace(source, target, *args, **kwargs)

    os.replace = replace
    try:
        from mkdocs import utils
    except ImportError:  # a run that does not build the site
        return
    real_write = utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        if writes.tick():
            real_write(content[: len(content) // 2], output_path)
            _die()
        real_write(content, output_path)

    utils.write_file = write_file


def main() -> None:
    limit, target, *rest = sys.argv[1:]
    writes = _Writes(int(limit))
    _patch(writes)
    atexit.register(lambda: sys.stderr.write(f"{REPORT}{writes.count}\n"))
    if target == "-m":
        module, *rest = rest
        sys.argv = [module, *rest]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        sys.argv = [target, *rest]
        runpy.run_path(target, run_name="__main__")


if __name__ == "__main__":
    main()
