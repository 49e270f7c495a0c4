"""Which parts of a package an app reaches through its imports (its tests left out)."""

import grimp


def apps_imported_by(
    graph: grimp.ImportGraph, *, package: str, app: str
) -> list[tuple[str, list[str]]]:
    """(other top-level module or app, shortest import chain) for everything of ``package``
    that the non-test modules of ``package.app`` import, directly or through other modules;
    empty when there is none. Test modules are removed from ``graph``."""
    for module in list(graph.modules):
        if ".tests" in module or module.endswith(".conftest"):
            graph.remove_module(module)
    source = f"{package}.{app}"
    others = sorted(
        {module.split(".")[1] for module in graph.modules if module.startswith(f"{package}.")}
        - {app}
    )
    found = []
    for other in others:
        chains = graph.find_shortest_chains(
            importer=source, imported=f"{package}.{other}", as_packages=True
        )
        if chains:
            found.append((other, list(min(chains, key=len))))
    return found
