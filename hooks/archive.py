"""MkDocs hooks: hand the archive's generated pages to MkDocs.

Thin adapter: everything about articles lives in ``newsarchive``; this file only
turns its plain data into ``File.generated`` pages, which never enter the nav.
The articles folder is ``articles/`` beside mkdocs.yml, or ``$NEWSARCHIVE_ARTICLES``
(tests and benchmarks build other corpora with it).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from newsarchive.site import ARTICLES_DIR, render_pages


def _articles_dir(config: MkDocsConfig) -> Path:
    configured = os.environ.get("NEWSARCHIVE_ARTICLES")
    return Path(configured) if configured else Path(config.config_file_path).parent / ARTICLES_DIR


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for src_uri, content in render_pages(_articles_dir(config)):
        files.append(File.generated(config, src_uri, content=content))
    return files
