"""MkDocs hook: refuse to build while an article's front matter is invalid.

Runs :mod:`newsarchive.article.validate` on the articles folder (``articles/`` beside mkdocs.yml,
or ``$NEWSARCHIVE_ARTICLES``) before anything else, and stops the build with the same
``path:line: field: message`` lines as ``python scripts/validate.py`` — a
``PluginError``, which MkDocs logs as an error and turns into "Aborted with a
BuildError!" without a traceback. Listed first under ``hooks:`` so that no other hook
trips over a broken file first.

The validator lives in the package and is created once per process, so under
``mkdocs serve`` a rebuild after saving one article re-reads only that article
(files are cached by path, mtime and size); each valid article it parses goes into the
site's article cache, so the archive hook parses nothing again.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from newsarchive.article.validate import shown_path
from newsarchive.site.build import articles_dir, check_archive


def _articles_dir(config: MkDocsConfig) -> Path:
    return shown_path(articles_dir(Path(config.config_file_path).parent))


def on_pre_build(config: MkDocsConfig) -> None:
    problems = check_archive(_articles_dir(config))
    if problems:
        lines = "\n".join(str(problem) for problem in problems)
        raise PluginError(f"Bài viết chưa hợp lệ ({len(problems)} lỗi); sửa rồi chạy lại "
                          f"(kiểm tra riêng: make check):\n{lines}")
