"""The rules of the house that tools cannot see by themselves: one name per module, a docstring per
package, settings read at the edge, one error root."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from entente.errors import EntenteError

from .conftest import ROOT

#: The top-level folders linked into the package (entente/ingest -> ../ingest, ...).
LINKED = sorted(p.name for p in (ROOT / "entente").iterdir() if p.is_symlink())
#: Modules that may read the environment: the command line is where settings come in.
EDGES = {"entente/cli.py"}


def _python_files(*folders: str) -> list[Path]:
    """Every .py file under ``folders`` of the checkout, each once (links into entente/ not followed)."""
    files = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(ROOT / folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__pycache__")) and d != "build")
            files += [Path(dirpath) / f for f in sorted(filenames) if f.endswith(".py")]
    return files


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_the_linked_folders_are_the_top_level_ones():
    assert LINKED == ["bench", "graph", "ingest", "queries"]
    for name in LINKED:
        assert (ROOT / "entente" / name).resolve() == ROOT / name


def test_no_module_imports_a_bare_folder_name():
    """``import graph`` from the repository root loads a second copy of ``entente.graph`` (so an
    exception class would exist twice): every module names the package."""
    bare = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in _python_files(".")
        for line, module in _imports(path)
        if module.split(".")[0] in LINKED
    ]
    assert not bare, "import these through entente (entente.graph, ...): " + "; ".join(bare)


#: What each stage may import of Entente (besides its own modules): data flows one way.
MAY_IMPORT = {
    "ingest": {"entente.errors"},
    "graph": {"entente.errors", "entente.ingest"},
    "queries": {"entente.errors"},
    "entente/api.py": {"entente.errors", "entente.ingest", "entente.graph", "entente.queries"},
    "entente/errors.py": set(),
}


def _imports(path: Path) -> list[tuple[int, str]]:
    """The absolute imports of a module: (line, module)."""
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, node.module)]
    return found


@pytest.mark.parametrize("stage", sorted(MAY_IMPORT))
def test_each_stage_imports_only_the_stages_before_it(stage):
    allowed = MAY_IMPORT[stage] | ({f"entente.{stage}"} if "/" not in stage else set())
    wrong = []
    for path in _python_files(stage) if "/" not in stage else [ROOT / stage]:
        for line, module in _imports(path):
            top = ".".join(module.split(".")[:2])
            if (module.split(".")[0] == "entente" and top not in allowed) or module.split(".")[0] == "click":
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {module}")
    assert not wrong, f"{stage} may import only {sorted(allowed)} of Entente (and never click): " + "; ".join(wrong)


def test_the_graph_stage_does_not_load_spacy():
    """Reading and writing graphs (a store, a snapshot, an export) needs facts, not the language
    pipeline: importing every module of ``entente.graph`` leaves spaCy unloaded."""
    modules = sorted(f"entente.graph.{p.stem}" for p in (ROOT / "graph").glob("*.py") if p.stem != "__init__")
    assert "entente.graph.store" in modules and "entente.graph.derive" in modules
    probe = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    probe += "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert loaded.stdout.strip() == "[]"


def test_the_library_reads_no_environment_variable():
    """Settings come in at the command line (click ``envvar=``) and go down as arguments."""
    readers = []
    for path in _python_files("entente", *(name for name in LINKED if name != "bench")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in EDGES:
            continue
        for node in ast.walk(_tree(path)):
            name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
            if name in ("environ", "getenv", "environb", "putenv"):
                readers.append(f"{relative}:{node.lineno}")
    assert not readers, "the library reads the environment at " + ", ".join(readers)


@pytest.mark.parametrize("package", ["entente", *(f"entente.{name}" for name in LINKED)])
def test_each_package_says_what_it_holds_and_may_import(package):
    doc = importlib.import_module(package).__doc__ or ""
    assert len(doc.split()) >= 20, f"{package}/__init__.py needs a paragraph: what the folder holds, what it may import"
    assert "import" in doc


@pytest.mark.parametrize(
    "error",
    [
        "entente.graph.store.StoreError",
        "entente.ingest.knowledge.KnowledgeError",
        "entente.ingest.evaluate.GoldError",
        "entente.queries.QueryError",
        "entente.ingest.pipeline.PipelineError",
    ],
)
def test_every_error_a_user_can_fix_derives_from_entente_error(error):
    module, _, name = error.rpartition(".")
    assert issubclass(getattr(importlib.import_module(module), name), EntenteError)
