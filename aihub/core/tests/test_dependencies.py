"""``core`` sits at the bottom: nothing in it imports another app of the hub, directly or
through a chain of imports. Checked on the real import graph (grimp, which import-linter
uses for the contracts in ``pyproject.toml``)."""

import sys
import textwrap

import grimp
import pytest

from aihub.core.tests.dependencies import apps_imported_by

HUB_APPS = [
    "accounts",
    "bookings",
    "calls",
    "companies",
    "demo",
    "events",
    "leasing",
    "matching",
    "outcomes",
    "partners",
    "site",
    "spaces",
]


@pytest.fixture(scope="module")
def hub_graph() -> grimp.ImportGraph:
    return grimp.build_graph("aihub")


def test_core_imports_no_other_app(hub_graph):
    assert apps_imported_by(hub_graph, package="aihub", app="core") == []


def test_every_hub_app_is_in_the_graph(hub_graph):
    assert all(f"aihub.{app}" in hub_graph.modules for app in HUB_APPS)
    assert set(HUB_APPS) <= {
        module.split(".")[1] for module in hub_graph.modules if module.count(".") == 1
    }


def test_check_names_an_import_chain_into_a_domain_app(tmp_path, monkeypatch):
    """The same check on a small package where core reaches a domain app in two steps."""
    package = tmp_path / "tinyhub"
    for folder in ("core", "shop"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "glue.py").write_text("import tinyhub.shop.models\n")
    (package / "shop" / "models.py").write_text("X = 1\n")
    (package / "core" / "views.py").write_text(
        textwrap.dedent(
            """\
            def view():
                from tinyhub import glue
                return glue
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("tinyhub", cache_dir=None)
    try:
        assert apps_imported_by(graph, package="tinyhub", app="core") == [
            ("glue", ["tinyhub.core.views", "tinyhub.glue"]),
            ("shop", ["tinyhub.core.views", "tinyhub.glue", "tinyhub.shop.models"]),
        ]
    finally:
        for name in [m for m in sys.modules if m.startswith("tinyhub")]:
            del sys.modules[name]
