"""Every regular expression that reads input runs in linear time (issue 14).

Each pattern of the package (module-level patterns, ``data/chrome.toml``, the keyword
and province scanners) is fed long pathological lines — runs of spaces, separators,
digits, markers it looks for — with ``search``, ``fullmatch`` and ``findall``, in a
forked process. A linear pattern reads 200,000 characters in milliseconds; a quadratic
one needs 4·10^10 steps (minutes), an exponential one never ends. The timeout is only
a hang detector, forty times what the slowest linear pattern needs on a busy machine.

The rewritten patterns are also checked against the ones they replace, on short
lines where the old ones are still fast: same answers.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsarchive
from newsarchive.clean import classify, provinces
from newsarchive.clean.bylines import looks_like_name, split_caption
from newsarchive.clean.chrome import chrome_groups

LENGTH = 100_000
HANG_SECONDS = 60
ATOMS = (" ", "\t", "\u00a0", "a", "1", "a ", "1 ", ". ", "a > ", "a » ", "/ ", "- ", "-",
         ", ", ": ", "(", "( ", "<", "&a", "\\", "*", "#", "\n", " \n", "ngày ", "tháng ",
         "1/", "Ảnh ", "Ảnh: ", "Nguồn ", "theo dõi ", "UBND ", "thứ ", "GMT ", "T.",
         "share ", "lượt xem ", "nhiệm kỳ ", "2020 ", "số ", "/AB", "Ab ", "”",
         '<figure class="caption"><figcaption>', '<span class="credit">Ảnh:')
ENDS = ("\x01", "x" * 70)


_ALL_CALLS = ("search", "fullmatch", "findall")
_Use = tuple[re.Pattern[str], tuple[str, ...]]  # a pattern and the calls the package makes


def _patterns() -> dict[str, _Use]:
    found: dict[str, _Use] = {}
    for info in pkgutil.walk_packages(newsarchive.__path__, "newsarchive."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.setdefault(f"{info.name}.{name}", (value, _ALL_CALLS))
    for group in chrome_groups():  # ChromeGroup.matches: whole lines only
        for number, pattern in enumerate(group.patterns):
            found[f"chrome.toml[{group.name}][{number}]"] = (pattern, ("fullmatch",))
    found["event_types.toml"] = (classify.event_table().pattern, ("search", "findall"))
    found["tags.toml"] = (classify.tag_table().pattern, ("search", "findall"))
    found["provinces.scanner"] = (provinces._scanner()[0], ("search", "findall"))
    return found


PATTERNS = _patterns()


def _feed(pattern: re.Pattern[str], calls: tuple[str, ...]) -> None:
    for atom in ATOMS:
        body = atom * (LENGTH // len(atom))
        for line in (body + ENDS[0], "x" + body + ENDS[1]):
            for call in calls:
                getattr(pattern, call)(line)


def test_every_pattern_is_found() -> None:
    """The census covers the patterns issue 14 names (a check that the census is real)."""
    assert len(PATTERNS) >= 50
    assert any("breadcrumbs" in name for name in PATTERNS)
    assert "newsarchive.article.checks._KEY_LINE" in PATTERNS
    assert "newsarchive.clean.bylines._CREDIT_TAIL" in PATTERNS


@pytest.mark.build
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_finishes_on_pathological_lines(name: str) -> None:
    process = multiprocessing.get_context("fork").Process(target=_feed, args=PATTERNS[name])
    process.start()
    process.join(HANG_SECONDS)
    hung = process.is_alive()
    if hung:
        process.kill()
        process.join()
    assert not hung, f"{name} ({PATTERNS[name][0].pattern[:80]!r}) did not finish"
    assert process.exitcode == 0


# --- the rewritten patterns answer as the ones they replaced (on short lines) -------------

OLD_CAPTION = re.compile(r"^(?P<caption>(?:.*?(?:[.!?…”\"')]|\s{2,}|\s[-–]|(?=\s\()))?)\s*\(?\s*"
                         r"(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Ảnh và bài|Ảnh tư liệu)\s*:?\s*"
                         r"(?P<credit>[^():;]{1,40}?)\s*\)?\s*$")
OLD_BREADCRUMB = re.compile(r".{1,60}(\s[>»/›]\s.{1,60})+")
OLD_KEY = re.compile(r"^([^\s#:'\"-][^:#]*?)\s*:(?:\s|$)")
_PIECES = st.sampled_from(["Ảnh", ":", " ", "  ", "(", ")", ".", "T.N", "Huy", " -", "a", "Ảnh: ",
                           "Ảnh minh họa", ">", " > ", "/", "#", "'", "-"])
_LINES = st.lists(_PIECES, max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_caption_split_agrees_with_the_old_pattern(line: str) -> None:
    """``split_caption`` as it was (old pattern, same checks on the credit) and as it is."""
    old = OLD_CAPTION.match(line.strip())
    expected = None
    if old is not None and looks_like_name(old["credit"].rstrip(".")):
        expected = old["caption"].strip(), old["credit"].strip().rstrip(".")
    assert split_caption(line) == expected, line


def _separated(line: str) -> bool:
    """Separators (" > ") that each stand between two parts: not at an end, not touching."""
    starts = [m.start() for m in re.finditer(r"(?=\s[>»/›]\s)", line)]
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    return bool(starts) and starts[0] > 0 and starts[-1] + 3 < len(line) and all(
        gap > 3 for gap in gaps)


@settings(max_examples=600, deadline=None)
@given(_LINES)
def test_breadcrumb_agrees_with_the_old_pattern(line: str) -> None:
    """Same answer on every breadcrumb whose separators separate parts; on a line such as
    "Ảnh >  > " (a separator as a part) the new pattern says no, the old one yes."""
    [new] = next(g.patterns for g in chrome_groups() if "breadcrumb" in g.name)
    old = bool(OLD_BREADCRUMB.fullmatch(line))
    assert not new.fullmatch(line) or old, line
    if _separated(line):
        assert bool(new.fullmatch(line)) == old, line


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_key_line_agrees_with_the_old_pattern(line: str) -> None:
    from newsarchive.article.checks import top_key

    old = OLD_KEY.match(line)
    assert top_key(line) == (old.group(1) if old else None), line
