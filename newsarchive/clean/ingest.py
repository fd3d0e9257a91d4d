"""Ingest a batch of raw inputs into ``articles/``: write, keep editors' work, report.

Each input gets exactly one :class:`Outcome`. A small ledger, ``.ingest-state.json``
in the output folder, remembers for every raw text (by content hash) which article it
became and the hash of the bytes we wrote. That tells the three cases apart on a
re-run: our own output unchanged (``unchanged``), our output with better rules
(``updated``), or an article an editor changed since (``protected``: left alone unless
``force``). The same text under another name is a ``duplicate``; a file that cannot be
read is ``rejected`` with the reason. Every write is atomic (temp file + ``os.replace``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.article.model import Article, dumps
from newsarchive.clean.extract import Hints, build_article
from newsarchive.clean.html_page import read_html
from newsarchive.clean.raw import HTML_SUFFIXES, RawText, content_key, read_raw
from newsarchive.errors import ArchiveError, RawInputError
from newsarchive.files import atomic_write, remove_dead_temps
from newsarchive.text import slugify

STATE_FILE = ".ingest-state.json"
INPUT_SUFFIXES = (".txt", *HTML_SUFFIXES)
STATUSES = ("written", "updated", "unchanged", "duplicate", "protected", "rejected")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input (``status`` is one of :data:`STATUSES`)."""

    source: str
    status: str
    article: str | None = None
    review: tuple[str, ...] = ()
    message: str = ""
    provinces: tuple[str, ...] = ()


@dataclass(slots=True)
class Ledger:
    """Content hash → where its raw copy and article are, and what we wrote."""

    path: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Ledger:
        path = folder / STATE_FILE
        try:
            data = json.loads(path.read_text("utf-8")) if path.exists() else {}
        except (OSError, ValueError) as error:
            raise ArchiveError(f"unreadable ingest state: {error}", path) from error
        return cls(path, dict(data.get("inputs", {})))

    def save(self) -> None:
        data = {"version": 1, "inputs": dict(sorted(self.entries.items()))}
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders expanded to their ``.txt``/``.html`` files, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in INPUT_SUFFIXES
                                and not any(part.startswith(".") for part in p.parts)))
        else:
            found.append(path)
    return found


class Ingester:
    """One run over a batch into ``output_dir`` (see the module docstring)."""

    def __init__(self, output_dir: Path, source_url: str | None = None, force: bool = False):
        self.output_dir = output_dir
        self.raw_dir = output_dir / "raw"
        self.hints_url = source_url
        self.force = force
        self.ledger = Ledger.load(output_dir)
        self.seen: dict[str, str] = {}
        self.claimed = {Path(e["article"]).stem for e in self.ledger.entries.values()}
        _remove_stale_temp_files(output_dir)

    def run(self, paths: Iterable[Path]) -> list[Outcome]:
        outcomes = [self.ingest_one(path) for path in collect_inputs(paths)]
        self.ledger.save()
        return outcomes

    def ingest_one(self, path: Path) -> Outcome:
        try:
            raw = read_raw(path)
            return self._ingest_raw(path, raw)
        except ArchiveError as error:
            message = str(error) if "rejected" in str(error) else f"{error} (rejected)"
            return Outcome(str(path), "rejected", message=message)

    def _ingest_raw(self, path: Path, raw: RawText) -> Outcome:
        key = content_key(raw.text)
        entry = self.ledger.entries.get(key)
        first = self.seen.get(key)
        original = first if first is not None else (
            entry["raw"] if entry and Path(entry["raw"]).name != path.name else None)
        if original is not None:
            return Outcome(str(path), "duplicate", message=f"same text as {original}")
        self.seen[key] = str(path)
        raw_rel = self._keep_raw(path, raw)
        article = self._build(raw, raw_rel, path)
        text = dumps(article)
        target = self._target(entry, article.title, text)
        status = self._write(target, text, entry)
        if status != "protected":
            self.ledger.entries[key] = {"raw": raw_rel, "article": target.name,
                                        "sha256": sha256(target.read_text("utf-8"))}
        return Outcome(str(path), status, str(target), tuple(article.review),
                       provinces=tuple(article.provinces))

    def _build(self, raw: RawText, raw_rel: str, path: Path) -> Article:
        article = clean_raw(raw, self.hints_url, name=str(path))
        article.raw = raw_rel
        return article

    def _keep_raw(self, path: Path, raw: RawText) -> str:
        """``raw:`` path relative to the output folder; copies outside inputs into raw/."""
        resolved = path.resolve()
        if resolved.parent == self.raw_dir.resolve():
            return f"raw/{path.name}"
        self.raw_dir.mkdir(parents=True, exist_ok=True)
        stem, suffix, counter = path.stem, path.suffix, 2
        target = self.raw_dir / path.name
        while target.exists() and content_key(_read_text(target)) != content_key(raw.text):
            target, counter = self.raw_dir / f"{stem}-{counter}{suffix}", counter + 1
        if not target.exists():
            atomic_write(target, resolved.read_bytes())
        return f"raw/{target.name}"

    def _target(self, entry: dict[str, str] | None, title: str, text: str) -> Path:
        """The article file: the ledger's, else the first free ``slug[-N].md``.

        A file already holding exactly ``text`` is ours from a run that was killed before
        it saved the ledger, so it is adopted rather than duplicated under ``-2``.
        """
        if entry is not None:
            return self.output_dir / entry["article"]
        base = slugify(title)
        for number in itertools.count(1):
            slug = base if number == 1 else f"{base}-{number}"
            path = self.output_dir / f"{slug}.md"
            if slug not in self.claimed and (not path.exists() or _same(path, text)):
                self.claimed.add(slug)
                return path
        raise AssertionError("unreachable")

    def _write(self, target: Path, text: str, entry: dict[str, str] | None) -> str:
        if not target.exists():
            atomic_write(target, text)
            return "written"
        current = target.read_text("utf-8")
        if current == text:
            return "unchanged"
        ours = entry is not None and sha256(current) == entry.get("sha256")
        if not ours and not self.force:
            return "protected"
        atomic_write(target, text)
        return "updated"


def clean_raw(raw: RawText, source_url: str | None = None, name: str = "<input>") -> Article:
    """The article for one read input: a saved page's own hints (canonical address,
    JSON-LD) first, the caller's ``source_url`` over them."""
    hints, text, structure = Hints(url=source_url), raw.text, None
    if raw.is_html:
        text, structure, page_hints = read_html(raw.text)
        hints = page_hints.merged_with(hints)
    return build_article(text, hints, structure, name=name)


def _same(path: Path, text: str) -> bool:
    try:
        return path.read_text("utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def _remove_stale_temp_files(output_dir: Path) -> None:
    remove_dead_temps((output_dir, output_dir / "raw"))


def _read_text(path: Path) -> str:
    try:
        return read_raw(path).text
    except RawInputError:
        return ""


def ingest(paths: Iterable[Path], output_dir: Path, source_url: str | None = None,
           force: bool = False) -> list[Outcome]:
    """Ingest ``paths`` (files or folders) into ``output_dir``; one outcome per input."""
    output_dir.mkdir(parents=True, exist_ok=True)
    return Ingester(output_dir, source_url, force).run(paths)
