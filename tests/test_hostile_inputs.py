"""Hostile and broken raw input: every input is accounted for, nothing crashes, no script runs.

Black-box over the real command line (scripts/ingest.py), the validator and a strict
build in headless Chromium, because that is where an editor meets these files.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from hostile_inputs import MARKUP_TITLE, HostileInput, arguments, corpus, write_corpus

from newsarchive.article.model import load

INGEST = ROOT / "scripts" / "ingest.py"
VALIDATE = ROOT / "scripts" / "validate.py"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory):
    """Run one ingest over the whole hostile corpus into a fresh articles folder."""
    work = tmp_path_factory.mktemp("hostile")
    inputs = write_corpus(work / "inbox")
    articles = work / "articles"
    articles.mkdir()
    result = subprocess.run(
        [sys.executable, str(INGEST), "--output-dir", str(articles), *arguments(inputs)],
        capture_output=True, text=True, check=False, cwd=ROOT, timeout=300,
    )
    return inputs, articles, result


CASES = corpus()


def _line_of(result: subprocess.CompletedProcess[str], source: str) -> str:
    """The one report line that starts with ``source`` (control characters escaped)."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in source)
    lines = [line for line in result.stdout.splitlines()
             if line.startswith((f"{shown}:", f"{shown} →"))]
    assert len(lines) == 1, (shown, lines)
    return lines[0]


def _source(item: HostileInput, arg: str) -> str:
    """How the report names ``item``: as given, or inside the folder given."""
    if item.arg != "scan":
        return arg
    parts = Path(item.name).parts
    hidden = next(i for i, part in enumerate(parts) if part.startswith(".") or i == len(parts) - 1)
    return str(Path(arg).parent.joinpath(*parts[:hidden + 1]))


@pytest.mark.parametrize("item", CASES, ids=lambda item: item.name[:40].encode(
    "unicode_escape").decode())
def test_each_input_gets_its_one_line_with_its_outcome(ingested, item: HostileInput) -> None:
    inputs, _, result = ingested
    arg = next(a for i, a in inputs if i.name == item.name)
    line = _line_of(result, _source(item, arg))
    status = {"written": r" → .*\((written|updated|unchanged)", "duplicate": "duplicate",
              "rejected": "rejected", "skipped": "skipped"}[item.outcome]
    assert re.search(status, line), line
    if item.says:
        assert re.search(item.says, line), line


def test_batch_goes_on_and_exit_code_reports_rejections(ingested) -> None:
    inputs, articles, result = ingested
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    expected_written = sum(1 for item, _ in inputs if item.outcome == "written")
    assert len(list(articles.glob("*.md"))) == expected_written


def test_one_line_per_input_and_totals(ingested) -> None:
    inputs, _, result = ingested
    lines = result.stdout.splitlines()
    assert len(lines) == len(inputs) + 1, "\n".join(lines)
    assert lines[-1].startswith(f"{len(inputs)} inputs:")


def test_nothing_escapes_the_articles_folder(ingested) -> None:
    _, articles, _ = ingested
    outside = articles.parent
    assert sorted(p.name for p in outside.iterdir()) == ["articles", "inbox"]
    for path in articles.rglob("*"):
        assert path.resolve().is_relative_to(articles.resolve())


def test_no_temporary_file_and_no_raw_copy_without_its_article(ingested) -> None:
    _, articles, _ = ingested
    assert not [p.name for p in articles.rglob("*.tmp")]
    raws = {p.name for p in (articles / "raw").iterdir()}
    used = {Path(load(p).raw or "").name for p in articles.glob("*.md")}
    assert raws == used


def test_written_files_have_ordinary_modes(ingested) -> None:
    _, articles, _ = ingested
    for path in [*articles.glob("*.md"), *(articles / "raw").iterdir()]:
        assert path.stat().st_mode & 0o044 == 0o044, path.name  # readable by group and others


def test_no_reserved_slug_is_written(ingested) -> None:
    _, articles, _ = ingested
    assert not (articles / "index.md").exists() and (articles / "index-2.md").exists()


@pytest.mark.parametrize(("name", "expected"), [
    ("tcvn3.txt", "Tổng kết công tác thi đua năm 2021"),
    ("vni.txt", "Đại hội Chi bộ nhiệm kỳ 2020-2025"),
    ("mojibake.txt", "Chính trị: hội nghị cán bộ chủ chốt"),
    ("utf16-bom.txt", "Sơ kết quý II năm 2021"),
    ("utf16-be.txt", "Sơ kết quý III năm 2021"),
], ids=["tcvn3", "vni", "mojibake", "utf-16-bom", "utf-16-be-no-bom"])
def test_legacy_encodings_become_readable_articles(ingested, name: str, expected: str) -> None:
    _, articles, _ = ingested
    titles = {Path(article.raw).name: article.title for article in map(
        load, articles.glob("*.md"))}
    assert expected.lower() in titles[name].lower()


def test_page_addresses_are_ones_the_validator_accepts(ingested) -> None:
    _, articles, _ = ingested
    urls = {Path(a.raw).name: a.source.url for a in map(load, articles.glob("*.md"))}
    assert urls["og-url.html"] is None
    assert urls["og-relative.html"] == "https://baotayninh.vn/tin/123"


def test_written_articles_pass_the_validator_and_are_nfc(ingested) -> None:
    _, articles, _ = ingested
    result = subprocess.run([sys.executable, str(VALIDATE), *map(str, articles.glob("*.md"))],
                            capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    import unicodedata
    for path in articles.glob("*.md"):
        text = path.read_text("utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name


def test_markup_in_raw_text_is_kept_as_text(ingested) -> None:
    _, articles, _ = ingested
    [marked] = [a for a in map(load, articles.glob("*.md")) if "alert(1)" in a.title]
    assert marked.title == MARKUP_TITLE
    assert '&lt;script>alert("xss")&lt;/script>' in marked.body  # text in any Markdown …
    assert "<script" not in marked.body and "<img" not in marked.body  # … never a tag


# Every script the corpus smuggles in calls alert() (hostile_inputs.MARKUP_TITLE and body).
# What it would take to run one: the same question to Chromium and to the saved HTML.
_ACTIVE = "script:text('xss'), img[onerror], a[href^='javascript:']"
_ACTIVE_IN_HTML = "script:-soup-contains('xss'), img[onerror], a[href^='javascript:']"


@pytest.mark.browser
def test_no_input_script_runs_in_the_built_site(ingested, browser, tmp_path: Path) -> None:
    """Every page is read for the tags a script would need; Chromium opens each page whose
    HTML carries an alert( (the article, the listings that show its title or lede), where
    a smuggled script could run: none does and the markup shows as text. A page without
    that word has nothing of the corpus's scripts to run."""
    _, articles, _ = ingested
    site = tmp_path / "site"
    result = build_site(articles, site)
    assert result.returncode == 0, result.stderr
    pages = sorted(site.rglob("index.html"))
    for html in pages:
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        assert not soup.select(_ACTIVE_IN_HTML), html
    carrying = [html for html in pages if "alert(" in html.read_text("utf-8")]
    listed = {str(html.parent.relative_to(site)).split("/", 1)[0] for html in carrying}
    assert {"bai-viet", "nam", "tinh", "su-kien"} <= listed, listed
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    shown = ""
    for html in carrying:
        page.goto(html.as_uri())
        assert page.locator(_ACTIVE).count() == 0
        if page.locator("h1").first.inner_text() == MARKUP_TITLE:
            shown = page.locator("article").first.inner_text()
    context.close()
    assert dialogs == []
    assert '<script>alert("xss")</script>' in shown and "[liên kết](javascript:alert(3))" in shown
