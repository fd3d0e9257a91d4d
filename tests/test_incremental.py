"""``mkdocs serve --dirty`` (``make serve``): one saved article rewrites only what it touches.

The editor's loop, in process as ``mkdocs serve --dirty`` runs it: one build, then an
article is corrected, one added and one deleted, then a second (dirty) build into the
same folder. The result must equal a clean full build of the edited archive, byte for byte,
and pages the edit does not reach must not have been rewritten.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
EDITED = "ha-noi-tong-ket-2016.md"
DELETED = "ha-giang-khen-thuong-2018.md"
OLD = 946_684_800_000_000_000  # 2000-01-01 in ns: a mtime no build writes
NEW_ARTICLE = """---
title: Văn phòng UBND tỉnh Cao Bằng sơ kết 6 tháng đầu năm 2024
date: 2024-07-05
event_date: 2024-07-04
provinces: [Cao Bằng]
event_type: so-ket
tags: [Sơ kết]
source: {name: Báo Cao Bằng, url: 'https://baocaobang.vn/so-ket-2024.html', syndicated_from: null}
authors: [Hoàng Lan]
images: []
review: []
raw: null
---

Ngày 4-7-2024, Văn phòng UBND tỉnh Cao Bằng sơ kết công tác 6 tháng đầu năm 2024.
"""


def _config(site_dir: Path, strict: bool) -> MkDocsConfig:
    return load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site_dir),
                       strict=strict)


def _archive_hook(config: MkDocsConfig) -> ModuleType:
    return config["hooks"]["hooks/archive.py"]


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURES, folder)
    monkeypatch.setenv("NEWSARCHIVE_ARTICLES", str(folder))
    monkeypatch.chdir(ROOT)
    yield folder


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[MkDocsConfig]:
    """The archive hook as ``mkdocs serve --dirty`` starts it; back to ``build`` afterwards."""
    config = _config(tmp_path / "serve", strict=False)  # --dirty logs a warning
    hook = _archive_hook(config)
    hook.on_startup(command="serve", dirty=True)
    yield config
    hook.on_startup(command="build", dirty=False)


def _stamp_old(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def _rewritten(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if p.stat().st_mtime_ns != OLD}


def _edit(articles: Path) -> None:
    edited = articles / EDITED
    edited.write_text(edited.read_text("utf-8") + "\nMột câu mới do biên tập viên thêm.\n",
                      "utf-8")
    (articles / "cao-bang-so-ket-2024.md").write_text(NEW_ARTICLE, "utf-8")
    (articles / DELETED).unlink()


def test_dirty_rebuild_equals_a_clean_build_and_skips_untouched_pages(
        articles: Path, serving: MkDocsConfig, tmp_path: Path) -> None:
    build(serving, dirty=True)
    _stamp_old(Path(serving.site_dir))
    _edit(articles)
    build(_config(Path(serving.site_dir), strict=False), dirty=True)

    clean = _config(tmp_path / "clean", strict=True)
    _archive_hook(clean).on_startup(command="build", dirty=False)
    build(clean)
    assert _tree(Path(serving.site_dir)) == _tree(tmp_path / "clean")

    rewritten = _rewritten(Path(serving.site_dir))
    assert "bai-viet/2016/ha-noi-tong-ket-2016/index.html" in rewritten
    assert "bai-viet/2024/cao-bang-so-ket-2024/index.html" in rewritten
    assert {"index.html", "tinh/cao-bang/index.html", "su-kien/so-ket/index.html"} <= rewritten
    untouched = {"bai-viet/2012/thua-thien-hue-bo-nhiem-2012/index.html",
                 "tinh/ben-tre/index.html", "su-kien/dai-hoi/index.html"}
    assert not untouched & rewritten
    assert len(rewritten) < len(list(Path(serving.site_dir).rglob("*.html"))) / 2


def test_a_full_build_rewrites_every_page(articles: Path, tmp_path: Path) -> None:
    config = _config(tmp_path / "site", strict=True)
    _archive_hook(config).on_startup(command="build", dirty=False)
    build(config)
    _stamp_old(tmp_path / "site")
    build(_config(tmp_path / "site", strict=True))
    assert not {p for p in (tmp_path / "site").rglob("*.html")
                if p.stat().st_mtime_ns == OLD}


MOVED = "vinh-long-tong-ket-2019.md"


def _move(articles: Path) -> None:
    """Another title, date and province: the article leaves its year, month, province and
    neighbours for others, and its related articles change."""
    moved = articles / MOVED
    moved.write_text(moved.read_text("utf-8")
                     .replace("title: Văn phòng UBND tỉnh Vĩnh Long tổng kết công tác năm 2019",
                              "title: Văn phòng UBND tỉnh Bến Tre tổng kết công tác năm 2015")
                     .replace("date: 2019-12-31", "date: 2015-12-31")
                     .replace("event_date: 2019-12-30", "event_date: 2015-12-30")
                     .replace("provinces: [Vĩnh Long]", "provinces: [Bến Tre]"), "utf-8")


def _clean_tree(tmp_path: Path, name: str) -> dict[str, bytes]:
    clean = _config(tmp_path / name, strict=True)
    _archive_hook(clean).on_startup(command="build", dirty=False)
    build(clean)
    return _tree(tmp_path / name)


def test_successive_dirty_rebuilds_each_equal_a_clean_build(
        articles: Path, serving: MkDocsConfig, tmp_path: Path) -> None:
    """Rebuild after rebuild (each planned from the last): an article moved in time and
    place, then moved back. A page the move leaves alone is skipped, yet keeps its place
    in the sitemap as a clean build gives it (the editors' "noindex" page stayed out only
    when rewritten)."""
    site = Path(serving.site_dir)
    build(serving, dirty=True)
    original = (articles / MOVED).read_text("utf-8")
    for step, change in enumerate([_move, lambda a: (a / MOVED).write_text(original, "utf-8")]):
        change(articles)
        again = _config(site, strict=False)
        _archive_hook(again).on_startup(command="serve", dirty=True)
        build(again, dirty=True)
        assert _tree(site) == _clean_tree(tmp_path, f"clean-{step}"), step


def test_templates_compiled_in_an_earlier_rebuild_follow_an_edited_source(
        serving: MkDocsConfig) -> None:
    """Serve keeps the theme's compiled templates from one rebuild to the next (MkDocs
    makes a new Jinja environment each time); an edited template is compiled afresh."""
    from jinja2 import DictLoader, Environment
    cache = _archive_hook(serving)._CompiledTemplates()
    sources = {"page.html": "v1 {{ x }}"}
    first = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert first.get_template("page.html").render(x=1) == "v1 1"
    assert cache._code  # kept for the next environment
    assert Environment(loader=DictLoader(sources), bytecode_cache=cache
                       ).get_template("page.html").render(x=2) == "v1 2"
    sources["page.html"] = "v2 {{ x }}"
    assert Environment(loader=DictLoader(sources), bytecode_cache=cache
                       ).get_template("page.html").render(x=3) == "v2 3"
