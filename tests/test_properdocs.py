"""ProperDocs, the maintained MkDocs 1.x fork, builds the very same site as MkDocs 1.6.1.

MkDocs 1.x is unmaintained and Material for MkDocs reaches end of life on 5 May 2027;
ProperDocs (installed apart, ``make .venv-properdocs/.installed``) is the exit that keeps
mkdocs.yml and the hooks. Byte for byte, with two normalisations: the
``<meta name="generator">`` line, which names the generator and its version, and
``sitemap.xml.gz``, compared decompressed (the gzip header stamps its own time).
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE_ARTICLES, ROOT

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-[^"]*">')
NORMALISED = b'<meta name="generator" content="(generator)">'


def _normalised(site: Path) -> dict[str, bytes]:
    """Every file of a built site, generator line and gzip time stamp taken out."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            data = gzip.decompress(data) if path.suffix == ".gz" else data
            files[str(path.relative_to(site))] = GENERATOR.sub(NORMALISED, data)
    return files


@pytest.mark.skipif(not PROPERDOCS.exists(), reason="no .venv-properdocs (make test makes it)")
def test_properdocs_builds_the_same_site(fixture_site_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NEWSARCHIVE_ARTICLES": str(FIXTURE_ARTICLES), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(PROPERDOCS), "build", "--strict", "--quiet", "--config-file", str(ROOT / "mkdocs.yml"),
         "--site-dir", str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False)
    assert result.returncode == 0, result.stderr
    assert b"ProperDocs 1.6.7" in (tmp_path / "index.html").read_bytes()  # built by ProperDocs
    ours, theirs = _normalised(fixture_site_dir), _normalised(tmp_path)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
