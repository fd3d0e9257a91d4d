"""Ingest a batch of raw inputs into ``articles/``: write, keep editors' work, report.

Each input gets exactly one :class:`Outcome`. What is already in the archive is read
from the committed articles themselves, never from hidden state: each article ingest
wrote carries ``raw_sha256`` (the hash of its raw text, :func:`raw.content_key`) and
``ingest_sha256`` (the hash of the file as written, that line left out). So any clone,
any CI run and an article an editor renamed agree on the three cases of a re-run: our
own output unchanged (``unchanged``), our output with better rules (``updated``), or an
article an editor changed since (``protected``: left alone unless ``force``). The same
text under another name is a ``duplicate``; an input that cannot be read, or on which
anything at all goes wrong, is ``rejected`` with the reason and the batch goes on; a
hidden file or one that is not ``.txt``/``.html`` inside a scanned folder is ``skipped``.

One writer at a time: the run holds ``files.folder_lock`` on the articles folder from
reading what is there to the last write, so two runs cannot take the same slug.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import signal
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newsarchive.article.checks import is_web_address
from newsarchive.article.model import (
    FIELD_ORDER,
    MAX_ARTICLE_BYTES,
    Article,
    article_entries,
    dumps,
    read_article_text,
    split_front_matter,
)
from newsarchive.clean.extract import Hints, build_explained
from newsarchive.clean.manifest import MANIFEST, Manifest, read_manifest
from newsarchive.clean.raw import (
    HTML_SUFFIXES,
    RawText,
    check_line_lengths,
    content_key,
    read_raw,
)
from newsarchive.errors import ArchiveError, RawInputError
from newsarchive.files import (
    atomic_write,
    file_kind,
    folder_lock,
    read_regular,
    sweep_temp_files,
)
from newsarchive.text import RESERVED_SLUGS, slugify

INPUT_SUFFIXES = (".txt", *HTML_SUFFIXES)
STATUSES = ("written", "updated", "unchanged", "duplicate", "protected", "skipped", "rejected")
# Seconds one input may take (reading, cleaning, writing); seeds take ~10 ms. Every
# pattern is linear, so this only stops what nobody foresaw, and names the input.
INPUT_SECONDS = 30
_SEAL = re.compile(r"^ingest_sha256: [0-9a-f]{64}\n", re.M)
_RAW_HASH_LINE = re.compile(r"^raw_sha256: [0-9a-f]{64}\n", re.M)
_PROVENANCE_LINE = re.compile(r"^(raw_sha256|ingest_sha256|raw): ?(.*)$")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input (``status`` is one of :data:`STATUSES`)."""

    source: str
    status: str
    article: str | None = None
    review: tuple[str, ...] = ()
    message: str = ""
    provinces: tuple[str, ...] = ()
    why: tuple[str, ...] = ()  # "title: …", "event_type: …" (the report's --explain)


@dataclass(frozen=True, slots=True)
class Known:
    """An article already in the archive, as its front matter tells it."""

    path: Path
    raw: str | None
    ingest_sha256: str | None


@dataclass(slots=True)
class Archive:
    """What the articles folder holds: raw-text hash → article, and every slug taken."""

    folder: Path
    by_key: dict[str, Known] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, folder: Path) -> Archive:
        """Index every article by its ``raw_sha256`` (or, for an article written before
        the field existed, by the hash of the raw file its ``raw:`` names)."""
        archive = cls(folder)
        paths, refused = article_entries(folder)
        archive.slugs = {path.stem.casefold() for path in paths} | {
            path.stem.casefold() for path, _ in refused}
        for path in paths:
            known, key = archive._provenance(path)
            if key is not None and key not in archive.by_key:
                archive.by_key[key] = known
        return archive

    def _provenance(self, path: Path) -> tuple[Known, str | None]:
        """What an article says of its raw text, read loosely: an editor's article re-saved
        as UTF-16 still names its raw text (the input is then refused naming the article,
        instead of a second article being written beside it)."""
        header, _, _ = split_front_matter(_loose_text(path))
        values = _provenance_lines(header or [])
        raw = values.get("raw")
        known = Known(path, raw, values.get("ingest_sha256"))
        key = values.get("raw_sha256") or self._key_of_raw(raw)
        return known, key

    def _key_of_raw(self, raw: str | None) -> str | None:
        target = self.raw_path(raw)
        if target is None:
            return None
        try:
            return content_key(read_raw(target).text)
        except RawInputError:
            return None

    def raw_path(self, raw: str | None) -> Path | None:
        """The file a ``raw:`` value names, only if it is a regular file inside the folder.

        ``raw:`` is data from a file anyone can edit in a pull request: an absolute path,
        ``../`` or a link out of the folder is never followed.
        """
        if not raw or os.path.isabs(raw) or "\x00" in raw:
            return None
        target = self.folder / raw
        try:
            inside = target.resolve().is_relative_to(self.folder.resolve())
            return target if inside and stat.S_ISREG(target.lstat().st_mode) else None
        except (OSError, ValueError, RuntimeError):
            return None

    def free_slug(self, title: str) -> str:
        """The first of ``slug``, ``slug-2``, … not taken nor reserved; taken now."""
        base = slugify(title)
        for number in itertools.count(1):
            slug = base if number == 1 else f"{base}-{number}"
            if slug not in RESERVED_SLUGS and slug.casefold() not in self.slugs:
                self.slugs.add(slug.casefold())
                return slug
        raise AssertionError("unreachable")


def _loose_text(path: Path) -> str:
    try:
        data = read_regular(path, MAX_ARTICLE_BYTES)
    except (OSError, ValueError):
        return ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8", errors="replace")


def _provenance_lines(header: list[str]) -> dict[str, str]:
    """``raw``, ``raw_sha256`` and ``ingest_sha256`` from top-level header lines."""
    values: dict[str, str] = {}
    for line in header:
        match = _PROVENANCE_LINE.match(line)
        if match and match.group(1) not in values:
            value = match.group(2).strip()
            if value[:1] in ("'", '"'):
                try:
                    value = str(yaml.safe_load(value))
                except yaml.YAMLError:
                    continue
            values[match.group(1)] = "" if value in ("null", "~") else value
    return values


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal(article: Article) -> str:
    """The article's file text with ``ingest_sha256`` set to the hash of the rest.

    >>> text = seal(Article(title="Tin", raw_sha256="0" * 64))
    >>> is_sealed(text), is_sealed(text.replace("Tin", "Tin mới"))
    (True, False)
    """
    article.ingest_sha256 = None
    text = dumps(article)
    article.ingest_sha256 = sha256(text)
    # ingest_sha256 is dumped right after raw_sha256 (the field order), as one plain line:
    # insert it rather than dump the whole article again (a YAML dump is most of a write).
    anchor = _RAW_HASH_LINE.search(text) if article.raw_sha256 else None
    if anchor is None or article.ingest_sha256.isdigit():  # YAML would quote all digits
        return dumps(article)
    line = f"ingest_sha256: {article.ingest_sha256}\n"
    return text[:anchor.end()] + line + text[anchor.end():]


def is_sealed(text: str) -> bool:
    """Whether ``text`` is exactly what ingest wrote (its ``ingest_sha256`` still holds)."""
    match = _SEAL.search(text)
    if match is None:
        return False
    unsealed = text[:match.start()] + text[match.end():]
    return match.group().split()[1] == sha256(unsealed)


def unsealed(text: str) -> str:
    """``text`` without its provenance lines: what an article from before them looked like."""
    return re.sub(r"^(?:raw_sha256|ingest_sha256): [0-9a-f]{64}\n", "", text, flags=re.M)


# --- inputs ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Input:
    """A file to ingest, or (``outcome`` set) an entry already decided: skipped, refused."""

    path: Path
    outcome: Outcome | None = None


def shown(path: Path | str) -> str:
    """A path fit for one report line: control characters escaped (``a\\nb.txt``).

    >>> shown("tin\\nmới.txt")
    'tin\\\\nmới.txt'
    """
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in str(path))


def collect_inputs(paths: Iterable[Path], archive: Path | None = None) -> list[Input]:
    """Files as given; folders walked (links not followed) to their ``.txt``/``.html`` files.

    Inside a scanned folder a hidden file or folder, or a file of another kind, is an
    ``Input`` carrying a ``skipped`` outcome; a link or a special file one carrying a
    ``rejected`` one, so each is still a line in the report. The ``archive`` folder met
    inside a scanned folder is not walked (its articles are not inputs).
    """
    found: list[Input] = []
    skip = archive.resolve() if archive is not None else None
    for path in paths:
        try:
            mode = path.lstat().st_mode
        except OSError:
            mode = 0
        if stat.S_ISDIR(mode):
            found.extend(_walk(path, skip))
        elif stat.S_ISLNK(mode):
            found.append(_refused(path, "a symbolic link; links are not followed"))
        else:
            found.append(Input(path))
    return found


def _walk(folder: Path, skip: Path | None = None) -> Iterator[Input]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield _refused(folder, f"cannot read the folder ({error.strerror})")
        return
    for entry in entries:
        path = folder / entry.name
        mode = entry.stat(follow_symlinks=False).st_mode
        if entry.name == MANIFEST and stat.S_ISREG(mode):
            continue  # the batch's addresses, read by Ingester._read_manifests
        if entry.name.startswith("."):
            kind = "folder" if stat.S_ISDIR(mode) else "file"
            yield _skipped(path, f"hidden {kind} inside a scanned folder")
        elif stat.S_ISDIR(mode) and skip is not None and path.resolve() == skip:
            continue  # the archive being written, met inside an inbox: output, not input
        elif stat.S_ISDIR(mode):
            yield from _walk(path, skip)
        elif stat.S_ISLNK(mode):
            yield _refused(path, "a symbolic link; links are not followed")
        elif not stat.S_ISREG(mode):
            yield _refused(path, f"{file_kind(mode)}, not a file")
        elif path.suffix.lower() not in INPUT_SUFFIXES:
            yield _skipped(path, "not a .txt or .html file")
        else:
            yield Input(path)


def _refused(path: Path, reason: str) -> Input:
    return Input(path, Outcome(str(path), "rejected", message=f"rejected: {reason}"))


def _skipped(path: Path, reason: str) -> Input:
    return Input(path, Outcome(str(path), "skipped", message=f"skipped: {reason}"))


# --- the run -----------------------------------------------------------------------------


class InputTimeout(Exception):
    """One input took longer than :data:`INPUT_SECONDS`."""


@contextmanager
def time_budget(seconds: int) -> Iterator[None]:
    """Raise :class:`InputTimeout` in this block after ``seconds`` (main thread only)."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM") or \
            signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise InputTimeout

    try:
        previous = signal.signal(signal.SIGALRM, expire)
    except ValueError:  # not the main thread
        yield
        return
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class Ingester:
    """One run over a batch into ``output_dir`` (see the module docstring); call under
    the folder lock (:func:`ingest` does)."""

    def __init__(self, output_dir: Path, source_url: str | None = None, force: bool = False):
        self.output_dir = output_dir
        self.raw_dir = output_dir / "raw"
        self.hints_url = source_url
        self.force = force
        self.archive = Archive.read(output_dir)
        self.seen: dict[str, str] = {}
        self.manifests: dict[Path, Manifest] = {}

    def run(self, paths: Iterable[Path]) -> list[Outcome]:
        for folder in (self.output_dir, self.raw_dir):
            sweep_temp_files(folder)
        inputs = collect_inputs(paths, self.output_dir)
        return [*self._read_manifests(inputs),
                *(item.outcome or self.ingest_one(item.path) for item in inputs)]

    def _read_manifests(self, inputs: list[Input]) -> list[Outcome]:
        """Each input folder's ``sources.csv`` (:mod:`manifest`), read once; its problems
        are report lines of their own."""
        outcomes = []
        for folder in dict.fromkeys(item.path.parent for item in inputs if item.outcome is None):
            manifest = self.manifests[folder] = read_manifest(folder)
            outcomes += [Outcome(str(folder / MANIFEST), "rejected", message=problem)
                         for problem in manifest.problems]
        return outcomes

    def source_url(self, path: Path) -> str | None:
        """``--source-url`` when given, else the folder's ``sources.csv`` row for the file."""
        manifest = self.manifests.get(path.parent)
        return self.hints_url or (manifest.urls.get(path.name) if manifest else None)

    def ingest_one(self, path: Path) -> Outcome:
        """The outcome of one input; whatever goes wrong becomes its ``rejected`` line."""
        try:
            with time_budget(INPUT_SECONDS):
                return self._ingest(path)
        except ArchiveError as error:
            message = str(error) if error.message.startswith("rejected") else \
                f"{error} (rejected)"
            return Outcome(str(path), "rejected", message=message)
        except InputTimeout:
            reason = f"took over {INPUT_SECONDS} s, stopped"
        except RecursionError:
            reason = "nested too deeply to read"
        except MemoryError:
            reason = "too large to hold in memory"
        except OSError as error:
            reason = f"cannot read or write ({error.strerror or error})"
        except Exception as error:  # noqa: BLE001 - the per-input boundary: one line, go on
            reason = f"unexpected {type(error).__name__}: {error} (please report)"
        return Outcome(str(path), "rejected", message=f"{path}: rejected: {reason}")

    def _ingest(self, path: Path) -> Outcome:
        raw = read_raw(path)
        key = content_key(raw.text)
        known = self.archive.by_key.get(key)
        first = self.seen.get(key)
        if first is not None:
            return Outcome(str(path), "duplicate", message=f"same text as {first}")
        if known is not None and not self._is_raw_of(path, known):
            return Outcome(str(path), "duplicate", message=f"same text as {known.path}")
        self.seen[key] = str(path)
        raw_rel, copy = self._raw_copy(path, raw, known)
        article, why = self._build(raw, raw_rel, key, path)
        target = known.path if known else self.output_dir / (
            self.archive.free_slug(article.title) + ".md")
        status = self._write(target, seal(article), path, copy)
        return Outcome(str(path), status, str(target), tuple(article.review),
                       provinces=tuple(article.provinces),
                       why=tuple(f"{key}: {text}" for key, text in why.items()))

    def _is_raw_of(self, path: Path, known: Known) -> bool:
        """Whether ``path`` is (a copy under the same name of) the article's raw file."""
        return known.raw is None or Path(known.raw).name == path.name

    def _build(self, raw: RawText, raw_rel: str, key: str, path: Path
               ) -> tuple[Article, dict[str, str]]:
        article, why = clean_explained(raw, self.source_url(path), name=str(path))
        article.raw, article.raw_sha256 = raw_rel, key
        return article, why

    def _raw_copy(self, path: Path, raw: RawText, known: Known | None) -> tuple[str, Path | None]:
        """``raw:`` for the article, and the raw/ file still to be written (or ``None``)."""
        if known is not None and self.archive.raw_path(known.raw) is not None:
            return str(known.raw), None
        if path.resolve().parent == self.raw_dir.resolve():
            return f"raw/{path.name}", None
        stem, suffix, counter = path.stem, path.suffix, 2
        target = self.raw_dir / _safe_name(path.name)
        while target.exists() and _key_of(target) != content_key(raw.text):
            target, counter = self.raw_dir / _safe_name(f"{stem}-{counter}{suffix}"), counter + 1
        return f"raw/{target.name}", None if target.exists() else target

    def _write(self, target: Path, text: str, source: Path, copy: Path | None) -> str:
        """Write the raw copy, then the article; a failure takes the fresh copy back."""
        status = self._status(target, text)
        if status in ("unchanged", "protected"):
            return status
        if copy is not None:
            atomic_write(copy, source.read_bytes())
        try:
            atomic_write(target, text)
        except BaseException:
            if copy is not None:
                copy.unlink(missing_ok=True)
            raise
        return status

    def _status(self, target: Path, text: str) -> str:
        if not target.exists():
            return "written"
        current = read_article_text(target)
        if current == text:
            return "unchanged"
        if self.force or is_sealed(current) or current == unsealed(text):
            return "updated"
        return "protected"


def _safe_name(name: str) -> str:
    """A raw copy's name: control characters replaced, at most 200 bytes (room for ``-N``)."""
    name = "".join(c if c.isprintable() else "_" for c in name)
    while len(name.encode("utf-8")) > 200:
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem[:-1]}{dot}{suffix}" if dot and len(stem) > 1 else name[:-1]
    return name


def _key_of(path: Path) -> str | None:
    try:
        return content_key(read_raw(path).text)
    except RawInputError:
        return None


def clean_raw(raw: RawText, source_url: str | None = None, name: str = "<input>") -> Article:
    """The article for one read input: a saved page's own hints (canonical address,
    JSON-LD) first, the caller's ``source_url`` over them. An address the validator
    would refuse is dropped and ``source`` flagged for review."""
    return clean_explained(raw, source_url, name)[0]


def clean_explained(raw: RawText, source_url: str | None = None, name: str = "<input>"
                    ) -> tuple[Article, dict[str, str]]:
    """:func:`clean_raw`, and why the title and event type won (:func:`build_explained`)."""
    hints, text, structure = Hints(url=source_url), raw.text, None
    if raw.is_html:
        # Imported here: BeautifulSoup is a seventh of a text-only run's start-up time.
        from newsarchive.clean.html_page import read_html
        text, structure, page_hints = read_html(raw.text)
        check_line_lengths(text, name)
        hints = page_hints.merged_with(hints)
    article, why = build_explained(text, hints, structure, name=name)
    if article.source.url and not is_web_address(article.source.url):
        article.source.url = None
        article.review = [key for key in FIELD_ORDER if key in {*article.review, "source"}]
    return article, why


def ingest(paths: Iterable[Path], output_dir: Path, source_url: str | None = None,
           force: bool = False, on_wait: Callable[[str], None] | None = None) -> list[Outcome]:
    """Ingest ``paths`` (files or folders) into ``output_dir``; one outcome per input.

    Raises :class:`ArchiveError` when ``output_dir`` is not a folder that can be written.
    ``on_wait`` hears who holds the folder when another run is writing to it.
    """
    if output_dir.exists() and not output_dir.is_dir():
        raise ArchiveError("the output folder is a file, not a folder", output_dir)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        with folder_lock(output_dir, on_wait):
            return Ingester(output_dir, source_url, force).run(paths)
    except OSError as error:
        raise ArchiveError(f"cannot use the output folder ({error.strerror or error})",
                           output_dir) from error
