"""The architecture the README promises: logic in the package, pinned stack, thin hooks."""

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _package_imports(path: Path) -> set[str]:
    """Dotted ``newsarchive.*`` modules ``path`` imports (absolute imports only)."""
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            names.add("<relative>")
    return {name for name in names if name.startswith("newsarchive") or name == "<relative>"}


# Each stage may import the shared primitives and the stages before it, never a later one.
_STAGE_MAY_NOT_IMPORT = {
    "clean": ("newsarchive.site",),
    "article": ("newsarchive.clean", "newsarchive.site"),
    "site": ("newsarchive.clean",),
}


@pytest.mark.parametrize("stage", sorted(_STAGE_MAY_NOT_IMPORT))
def test_stages_import_only_earlier_stages(stage: str) -> None:
    forbidden = _STAGE_MAY_NOT_IMPORT[stage]
    offenders = sorted(
        f"{path.name} imports {name}"
        for path in (ROOT / "newsarchive" / stage).rglob("*.py")
        for name in _package_imports(path)
        if name == "<relative>" or name.startswith(forbidden))
    assert offenders == []


def test_primitives_import_no_stage() -> None:
    primitives = [p for p in (ROOT / "newsarchive").glob("*.py") if p.stem != "cli"]
    offenders = sorted(
        f"{path.name} imports {name}" for path in primitives
        for name in _package_imports(path)
        if name.startswith(("newsarchive.clean", "newsarchive.article", "newsarchive.site")))
    assert offenders == []


def test_package_never_imports_mkdocs() -> None:
    offenders = [p.name for p in (ROOT / "newsarchive").rglob("*.py") if "mkdocs" in _imports(p)]
    assert offenders == []


def test_every_requirement_is_pinned_exactly_and_final() -> None:
    for name in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith("-r "):
                continue
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==\d+(\.\d+)*", line), f"{name}: {line}"


def test_stack_versions() -> None:
    pins = (ROOT / "requirements.txt").read_text()
    assert "mkdocs==1.6.1\n" in pins and "mkdocs-material==9.8.1\n" in pins


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = re.findall(r"^```(?:sh|bash)?\n(.*?)\n```", readme, re.S | re.M)[:2]
    assert commands[0].strip().splitlines()[-1] == "make serve"
    assert commands[1].strip().splitlines()[-1] == "make test"
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_articles_are_not_in_the_nav() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    nav = config.split("\nnav:", 1)[1].split("\n\n", 1)[0]
    assert "bai-viet" not in nav and "articles" not in nav
