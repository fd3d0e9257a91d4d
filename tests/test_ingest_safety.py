"""Ingest under hostile conditions: usage mistakes, paths from files, a full disk, a
second run on the same archive, and four runs at once (issue 14)."""

from __future__ import annotations

import errno
import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from newsarchive.article.model import load
from newsarchive.clean import ingest as ingest_module
from newsarchive.clean.ingest import ingest
from newsarchive.clean.raw import content_key, read_raw
from newsarchive.files import HOST_TAG, folder_lock

SEED = ROOT / "articles" / "raw" / "004_67a0f94a2f50c909.txt"
INGEST = [sys.executable, "-m", "newsarchive.cli", "ingest"]


def _article(number: int) -> str:
    return (f"Chính trị\n\nHội nghị sơ kết công tác Đảng lần thứ {number}\n\n"
            f"(BTN) - Sáng 15-3-2023, Đảng ủy Văn phòng UBND tỉnh Tây Ninh tổ chức hội nghị "
            f"sơ kết lần thứ {number}.\n\nHội nghị đã thống nhất {number} nhiệm vụ trọng tâm.\n")


def _run(*args: str | Path, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INGEST, *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=300, **kwargs)


# --- usage ---------------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize(("args", "says"), [
    pytest.param(("--output-dir", "{file}", "{seed}"), "is a file, not a folder",
                 id="output-dir-is-a-file"),
    pytest.param(("--source-url", "ftp://x.vn/tin", "{seed}"), "not a web address",
                 id="source-url-without-http"),
    pytest.param(("--source-url", "vpubnd.laichau.gov.vn/tin", "{seed}"), "not a web address",
                 id="source-url-without-scheme"),
    pytest.param(("--output-dir", "{out}", "-rf.txt"), r"write: -- -rf\.txt",
                 id="dash-name-without-double-dash"),
    pytest.param(("--output-dir", "{out}"), "required: PATH", id="no-path"),
])
def test_usage_errors_exit_2_with_a_message(tmp_path: Path, args: tuple[str, ...],
                                            says: str) -> None:
    (tmp_path / "file").write_text("x")
    (tmp_path / "-rf.txt").write_text(_article(1), "utf-8")
    values = {"file": tmp_path / "file", "seed": SEED, "out": tmp_path / "out"}
    result = _run(*(a.format(**values) for a in args), cwd=tmp_path)
    assert result.returncode == 2
    assert re.search(says, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.build
@pytest.mark.parametrize("inbox", ["../inbox", ".hop-thu/tin", "./.hop-thu/../../inbox"],
                         ids=["parent-folder", "dot-folder-in-path", "dots-everywhere"])
def test_folders_given_with_dots_are_ingested(tmp_path: Path, inbox: str) -> None:
    work = tmp_path / "work"
    for folder in (tmp_path / "inbox", work / ".hop-thu" / "tin"):
        folder.mkdir(parents=True)
        (folder / "tin.txt").write_text(_article(7), "utf-8")
    result = _run("--output-dir", "articles", inbox, cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 written" in result.stdout
    assert len(list((work / "articles").glob("*.md"))) == 1


# --- paths read from files are data ----------------------------------------------------


@pytest.mark.parametrize("raw", ["../victim/authorized_keys", "/tmp/../{victim}/keys",
                                 "raw/../../victim/keys", "raw/link.txt"],
                         ids=["parent", "absolute", "climbs-out", "symlink-out"])
def test_a_crafted_raw_path_is_never_read_or_written(tmp_path: Path, raw: str) -> None:
    """An article (say, from a pull request) claims a raw text with a ``raw:`` outside the
    archive: ingest neither reads it, nor writes there, nor trusts it as identity."""
    victim, articles = tmp_path / "victim", tmp_path / "articles"
    victim.mkdir()
    (victim / "keys").write_text("ssh-ed25519 AAAA", "utf-8")
    (articles / "raw").mkdir(parents=True)
    (articles / "raw" / "link.txt").symlink_to(victim / "keys")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    given = inbox / Path(raw).name  # the same name, so the article claims this very input
    given.write_text(_article(3), "utf-8")
    key = content_key(read_raw(given).text)
    (articles / "gia-mao.md").write_text(
        f"---\ntitle: Giả mạo\nraw: '{raw.format(victim=victim.name)}'\nraw_sha256: {key}\n"
        "---\n\nx\n", "utf-8")
    before = {p: p.read_bytes() for p in victim.iterdir()}
    outcomes = ingest([given], articles)
    assert {p: p.read_bytes() for p in victim.iterdir()} == before
    assert sorted(p.name for p in victim.iterdir()) == ["keys"]
    assert [o.status for o in outcomes] == ["protected"]  # not ours: left alone
    assert sorted(p.name for p in articles.rglob("[!.]*")) == ["gia-mao.md", "link.txt", "raw"]
    assert "ssh-ed25519" not in (articles / "gia-mao.md").read_text("utf-8")


# --- a full disk ---------------------------------------------------------------------------


def test_a_full_disk_rejects_the_input_and_leaves_nothing_half_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, articles = tmp_path / "inbox", tmp_path / "articles"
    inbox.mkdir()
    for number in (1, 2):
        (inbox / f"tin-{number}.txt").write_text(_article(number), "utf-8")
    real = ingest_module.atomic_write

    def full(path: Path, data: str | bytes) -> None:
        if path.suffix == ".md" and "2" in path.stem:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(ingest_module, "atomic_write", full)
    outcomes = ingest([inbox], articles)
    assert [o.status for o in outcomes] == ["written", "rejected"]
    assert "No space left on device" in outcomes[1].message
    assert sorted(p.name for p in (articles / "raw").iterdir()) == ["tin-1.txt"]
    assert not list(articles.rglob("*.tmp"))


# --- one writer at a time ------------------------------------------------------------------


@pytest.mark.build
def test_a_second_run_waits_and_says_who_holds_the_archive(tmp_path: Path) -> None:
    """While this process holds the lock, a run says who holds it and waits; released, it
    writes. The run is read up to its "waiting" line (it prints that line when it finds the
    lock taken, then blocks on it), so no sleep decides when to look."""
    articles, inbox = tmp_path / "articles", tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "tin.txt").write_text(_article(5), "utf-8")
    with folder_lock(articles):
        run = subprocess.Popen([*INGEST, "--output-dir", str(articles), str(inbox)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert run.stderr is not None
        # A hang detector only: the line comes as soon as the run has started.
        ready, _, _ = select.select([run.stderr], [], [], 120)
        said = run.stderr.readline() if ready else ""
        assert "waiting" in said, said
        assert run.poll() is None, "the second run did not wait for the lock"
        assert not list(articles.glob("*.md"))
    out, err = run.communicate(timeout=120)
    err = said + err
    assert run.returncode == 0, out + err
    assert re.search(rf"another ingest is writing here \(pid {os.getpid()} since", err), err
    assert "1 written" in out


def test_temporary_files_of_a_live_writer_are_left_alone(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    live = articles / f".abcd1234.{os.getppid()}.tmp"  # our parent: alive
    live.write_text("đang ghi", "utf-8")
    os.utime(live, (1, 1))
    elsewhere = articles / ".abcd1234.999999999-zzzz.tmp"  # another machine's, just written
    elsewhere.write_text("vừa ghi", "utf-8")
    killed = articles / f".abcd1234.999999999-{HOST_TAG}.tmp"  # a dead writer on this machine
    killed.write_text("bỏ dở", "utf-8")
    ingest([], articles)
    assert live.exists() and elsewhere.exists() and not killed.exists()


@pytest.mark.build
def test_four_concurrent_runs_end_with_exactly_the_articles_they_claim(tmp_path: Path) -> None:
    """Four ``ingest`` runs of the same 120 inputs into one archive: every input becomes
    exactly one article, written by exactly one run; the others find it unchanged."""
    inbox, articles = tmp_path / "inbox", tmp_path / "articles"
    inbox.mkdir()
    count = 120
    for number in range(count):
        (inbox / f"tin-{number:04d}.txt").write_text(_article(number % 40), "utf-8") \
            if number < 40 else (inbox / f"tin-{number:04d}.txt").write_text(
                _article(number) + f"\nBài số {number}.\n", "utf-8")
    runs = [subprocess.Popen([*INGEST, "--output-dir", str(articles), str(inbox)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)]
    reports = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0] * 4, reports
    written = [line for out, _ in reports for line in out.splitlines() if "(written" in line]
    claimed = [line.split(" → ", 1)[1].split(" (", 1)[0] for line in written]
    files = sorted(str(p) for p in articles.glob("*.md"))
    assert sorted(claimed) == files  # each file claimed written once, nothing unclaimed
    assert len(files) == count
    keys = [load(path).raw_sha256 for path in files]
    assert len(set(keys)) == count
    for out, _ in reports:
        assert re.search(rf"^{count} inputs: ", out.splitlines()[-1])
        assert "(protected" not in out and ": rejected" not in out
    assert not list(articles.rglob("*.tmp"))
    assert json.dumps(sorted(p.name for p in (articles / "raw").iterdir())) == json.dumps(
        sorted(p.name for p in inbox.iterdir()))


@pytest.mark.parametrize(("encoding", "says"), [("utf-16", "UTF-16"), ("latin-1", "UTF-8")],
                         ids=["utf-16", "latin-1"])
def test_an_article_resaved_in_another_encoding_is_named_not_duplicated(
        tmp_path: Path, encoding: str, says: str) -> None:
    inbox, articles = tmp_path / "inbox", tmp_path / "articles"
    inbox.mkdir()
    for number in (1, 2):
        (inbox / f"tin-{number}.txt").write_text(_article(number), "utf-8")
    first = ingest([inbox], articles)
    edited = Path(first[0].article)
    edited.write_bytes(edited.read_text("utf-8").replace("Hội nghị", "Hội nghị đã sửa é")
                       .encode(encoding, errors="replace"))
    again = ingest([inbox], articles)
    assert [o.status for o in again] == ["rejected", "unchanged"]
    assert str(edited) in again[0].message and says in again[0].message
    assert len(list(articles.glob("*.md"))) == 2


# --- the per-input boundary ----------------------------------------------------------------


def _two_inputs(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in (1, 2):
        (inbox / f"tin-{number}.txt").write_text(_article(number), "utf-8")
    return inbox


def _fail_on_first(monkeypatch: pytest.MonkeyPatch, failure) -> None:
    real = ingest_module.build_explained

    def build(text: str, *args, **kwargs):
        if "lần thứ 1" in text:
            failure()
        return real(text, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "build_explained", build)


@pytest.mark.parametrize(("failure", "says"), [
    pytest.param(lambda: {}["x"], "unexpected KeyError", id="any-exception"),
    pytest.param(lambda: (_ for _ in ()).throw(RecursionError()), "nested too deeply",
                 id="recursion"),
    pytest.param(lambda: time.sleep(5), "took over 1 s", id="time-budget"),
])
def test_whatever_goes_wrong_with_one_input_is_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure, says: str) -> None:
    monkeypatch.setattr(ingest_module, "INPUT_SECONDS", 1)
    _fail_on_first(monkeypatch, failure)
    outcomes = ingest([_two_inputs(tmp_path)], tmp_path / "articles")
    assert [o.status for o in outcomes] == ["rejected", "written"]
    assert outcomes[0].message.startswith(f"{outcomes[0].source}: rejected: ")
    assert says in outcomes[0].message
    assert sorted(p.name for p in (tmp_path / "articles" / "raw").iterdir()) == ["tin-2.txt"]
