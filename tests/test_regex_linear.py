"""Every regular expression that reads input runs in linear time (issue 14).

Each pattern of the package (module-level patterns, ``data/chrome.toml``, the keyword
and province scanners) is fed pathological lines — runs of spaces, separators, digits,
markers it looks for — with ``search``, ``fullmatch`` and ``findall``, in a forked
process, at two lengths: eight lines of 1,000 characters and one of 8,000, the same
number of characters. A linear pattern spends about the same CPU time on both; a
quadratic one eight times as much on the long line, an exponential one never ends.
The census fails a pattern whose long line costs over ``LIMIT`` times the short ones
(linear measures about 1, at most ~2 on a busy machine; quadratic about 8), and checks
itself on a pattern known to be quadratic. Times are the forked process's own CPU time,
compared with each other, never with a clock budget; ``HANG_SECONDS`` is only a hang
detector.

The rewritten patterns are also checked against the ones they replace, on short
lines where the old ones are still fast: same answers.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
import re
import time
from multiprocessing.connection import Connection

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsarchive
from newsarchive.clean import classify, provinces
from newsarchive.clean.bylines import looks_like_name, split_caption
from newsarchive.clean.chrome import chrome_groups

SHORT = 1_000  # characters of a short line
GROWTH = 8  # the long line is GROWTH short lines long; the short ones are read GROWTH times
LIMIT = 4.0  # long / short CPU time: linear about 1, quadratic about GROWTH
SURE = LIMIT / 2  # a first measure this low is taken as is; above it, the best of TRIES
TRIES = 3
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


def _lines(atom: str, length: int) -> tuple[str, str]:
    body = atom * max(1, length // len(atom))
    return body + ENDS[0], "x" + body + ENDS[1]


def _cost(pattern: re.Pattern[str], calls: tuple[str, ...], lines: tuple[str, ...],
          times: int) -> float:
    start = time.process_time()
    for _ in range(times):
        for line in lines:
            for call in calls:
                getattr(pattern, call)(line)
    return time.process_time() - start


def _growth(pattern: re.Pattern[str], calls: tuple[str, ...], atom: str) -> float:
    """CPU time of one long line over that of GROWTH short ones (same characters). A
    single noisy measure can only raise the ratio of a linear pattern (which is then
    measured again) and would have to lower a quadratic one's by GROWTH / SURE."""
    short, long = _lines(atom, SHORT), _lines(atom, SHORT * GROWTH)
    shorts, longs = [], []
    for _ in range(TRIES):
        shorts.append(_cost(pattern, calls, short, GROWTH))
        longs.append(_cost(pattern, calls, long, 1))
        ratio = min(longs) / max(min(shorts), 1e-9)
        if len(longs) == 1 and ratio <= SURE:
            break
    return ratio


def _census(pattern: re.Pattern[str], calls: tuple[str, ...], atoms: tuple[str, ...],
            out: Connection) -> None:
    out.send({atom: _growth(pattern, calls, atom) for atom in atoms})


def _growths(pattern: re.Pattern[str], calls: tuple[str, ...],
             atoms: tuple[str, ...] = ATOMS) -> dict[str, float]:
    """Each atom's growth, measured in a forked process (killed if it hangs)."""
    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_census,
                                                          args=(pattern, calls, atoms, send))
    process.start()
    send.close()
    answered = receive.poll(HANG_SECONDS)
    growths = receive.recv() if answered else {}
    process.join(HANG_SECONDS)
    hung = process.is_alive()
    if hung:
        process.kill()
        process.join()
    assert answered and not hung, f"{pattern.pattern[:80]!r} did not finish"
    assert process.exitcode == 0
    return growths


def test_every_pattern_is_found() -> None:
    """The census covers the patterns issue 14 names (a check that the census is real)."""
    assert len(PATTERNS) >= 50
    assert any("breadcrumbs" in name for name in PATTERNS)
    assert "newsarchive.article.checks._KEY_LINE" in PATTERNS
    assert "newsarchive.clean.bylines._CREDIT_TAIL" in PATTERNS


@pytest.mark.build
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_runs_in_linear_time_on_pathological_lines(name: str) -> None:
    growths = _growths(*PATTERNS[name])
    worst = max(growths, key=growths.__getitem__)
    assert growths[worst] <= LIMIT, (
        f"{name} ({PATTERNS[name][0].pattern[:80]!r}) on runs of {worst!r}: {GROWTH}x the "
        f"characters in one line cost {growths[worst]:.1f}x the time (linear: about 1)")


@pytest.mark.build
def test_the_census_sees_a_quadratic_pattern() -> None:
    """``\\s+$`` searched on a run of spaces rescans the rest of the run from every start:
    the census must fail it (a check that the census can fail)."""
    assert _growths(re.compile(r"\s+$"), ("search",), (" ",))[" "] > LIMIT


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
