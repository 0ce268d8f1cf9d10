"""The package's architecture holds: stages import only stages below them, no module circles.

The layers are declared in pyproject.toml ([tool.importlinter]); a new import from a
lower stage to a higher one, or a circle between two modules, fails here.
"""

from __future__ import annotations

import grimp
from importlinter.cli import lint_imports

from tests.paths import ROOT


def test_stages_import_only_stages_below(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def circles(package: str) -> list[str]:
    """Every import a -> b for which b leads back to a (lazy imports included)."""
    graph = grimp.build_graph(package, cache_dir=None)
    found = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                found.append(" -> ".join((module, *back)))
    return found


def test_no_module_imports_another_in_a_circle() -> None:
    assert circles("screening") == []


def test_a_circle_is_found(tmp_path, monkeypatch) -> None:
    """The check above can fail: two modules importing each other are reported."""
    package = tmp_path / "circle_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circle_pkg import b\n")
    (package / "b.py").write_text("from circle_pkg import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert circles("circle_pkg") == ["circle_pkg.a -> circle_pkg.b -> circle_pkg.a",
                                     "circle_pkg.b -> circle_pkg.a -> circle_pkg.b"]
