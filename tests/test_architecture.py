"""The layers' promises, checked on the source: the core is pure, the UI never touches SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dashboard"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports (absolute names; relative ones resolved to the package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.add(".".join([*base, node.module] if node.module else base))
            else:
                names.add(node.module or "")
    return names


def files(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", files("core"), ids=lambda p: p.name)
def test_core_imports_no_web_framework_and_no_database(path):
    frameworks = {"dash", "dash_bootstrap_components", "flask", "flask_login", "sqlalchemy"}
    layers_above = ("dashboard.store", "dashboard.ingest", "dashboard.ui", "dashboard.api")
    bad = [
        m
        for m in imported_modules(path)
        if m.split(".")[0] in frameworks or m.startswith(layers_above)
    ]
    assert bad == []


@pytest.mark.parametrize("path", files("ui"), ids=lambda p: p.name)
def test_ui_reads_through_the_store_and_writes_no_sql(path):
    assert not [m for m in imported_modules(path) if m.startswith("sqlalchemy")]
    source = path.read_text(encoding="utf-8").upper()
    assert not any(word in source for word in ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM"))


@pytest.mark.parametrize("path", files("ingest"), ids=lambda p: p.name)
def test_ingest_parses_and_validates_without_touching_the_database(path):
    assert not [
        m for m in imported_modules(path) if m.startswith(("sqlalchemy", "dashboard.store"))
    ]


def test_the_scan_sees_imports_at_all():
    """Guard against a scan that finds nothing and so can never fail."""
    assert "pandas" in imported_modules(PACKAGE / "core" / "progress.py")
    assert "dashboard.web" in imported_modules(PACKAGE / "ui" / "pages" / "overview.py")


@pytest.mark.parametrize("path", files("services"), ids=lambda p: p.name)
def test_services_serve_the_cli_and_the_web_without_depending_on_either(path):
    """services/ is shared by the CLI and the web: it imports neither Flask's plumbing (web/),
    the API nor a page (pure formatting helpers of ui.format aside)."""
    above = ("dashboard.web", "dashboard.api", "dashboard.ui.pages", "dashboard.cli")
    assert [m for m in imported_modules(path) if m.startswith(above)] == []


@pytest.mark.parametrize(
    ("old", "new"),
    [("dashboard.seed", "dashboard.services.seed"), ("dashboard.auth", "dashboard.web.auth")],
)
def test_a_moved_module_is_the_same_module_under_its_old_name(old, new):
    import importlib

    moved = importlib.import_module(new)
    assert importlib.import_module(old) is moved
    assert moved.__spec__.name == new


#: Issue 15: a module is read in a screenful or two. The message catalogues are tables of
#: strings, split by area (``i18n/*_en.py``), and held to the same bar.
MOST_LINES = 250


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_module_is_longer_than_a_screenful_or_two(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MOST_LINES
