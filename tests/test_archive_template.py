"""overrides/archive.html, the generated pages' template, links Material's own stylesheets.

It does not extend Material's base.html (whose chrome it leaves out), so it names Material's
fingerprinted asset files itself; a Material upgrade that renames them fails here rather
than leaving 100,000 pages unstyled.
"""

from __future__ import annotations

import re
from pathlib import Path

import material

TEMPLATE = Path(__file__).resolve().parent.parent / "overrides" / "archive.html"
MATERIAL = Path(material.__file__).resolve().parent / "templates"


def test_archive_template_links_the_stylesheets_materials_base_links() -> None:
    base = (MATERIAL / "base.html").read_text("utf-8")
    ours = TEMPLATE.read_text("utf-8")
    stylesheets = set(re.findall(r"assets/stylesheets/[\w.]+\.css", base))
    assert stylesheets and stylesheets == set(re.findall(r"assets/stylesheets/[\w.]+\.css", ours))
    assert all((MATERIAL / name).is_file() for name in stylesheets)


def test_archive_template_prints_nothing_unescaped_from_config() -> None:
    """Page meta comes escaped from newsarchive.site; the site's name is escaped here."""
    ours = TEMPLATE.read_text("utf-8")
    assert "config.site_name }}" not in ours and "config.site_name | e" in ours


def test_no_page_asks_another_host_for_styles_fonts_or_scripts(fixture_site_dir: Path) -> None:
    """A reader's browser fetches the archive's pages from the archive alone: no web fonts
    or scripts from a third party (mkdocs.yml `font: false`)."""
    external = re.compile(r'<link\b[^>]*\brel="(?:stylesheet|preconnect|preload)"[^>]*\bhref="'
                          r'(?:https?:)?//|<script\b[^>]*\bsrc="(?:https?:)?//', re.I)
    pages = list(fixture_site_dir.rglob("*.html"))
    assert len(pages) > 20
    offenders = [p.relative_to(fixture_site_dir) for p in pages
                 if external.search(p.read_text("utf-8"))]
    assert offenders == []
