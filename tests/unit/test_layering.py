"""Imports run one way: core never imports Streamlit, its packages keep their order, no cycles."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"


def _module_name(path: Path) -> str:
    """``core/engine/costs.py`` -> ``core.engine.costs``; a package's ``__init__`` is the package."""
    parts = path.relative_to(CORE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_core_module_imports_streamlit():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []


def test_importing_every_core_module_loads_no_streamlit():
    modules = sorted(_module_name(p) for p in CORE.rglob("*.py") if p.stem != "__main__")
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('streamlit' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=CORE.parent, check=True
    )
    assert out.stdout.strip() == "False"


# The one-way order of core's packages: each may import only those of a lower rank (and itself).
# engine and io share a rank: neither imports the other.
RANK = {"model": 0, "engine": 1, "io": 1, "analyses": 2, "cli": 3}


def _core_imports(path: Path) -> set[str]:
    """Absolute names of the core modules a file imports (``from core.x import y`` counts x.y too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return {name for name in found if name.split(".")[0] == "core"}


def test_every_package_of_core_is_ranked():
    assert {p.name for p in CORE.iterdir() if (p / "__init__.py").is_file()} == set(RANK)


def test_core_packages_import_one_way_only():
    backwards = []
    for path in CORE.rglob("*.py"):
        parts = path.relative_to(CORE).parts
        if len(parts) < 2:
            continue  # the front module and __main__ stand above every package
        for name in _core_imports(path):
            target = name.split(".")[1] if name.count(".") else None
            if target in RANK and target != parts[0] and RANK[target] >= RANK[parts[0]]:
                backwards.append(f"{'/'.join(parts)} imports {name}")
    assert backwards == []


def test_importing_core_is_cheap_and_loads_no_streamlit():
    code = "import sys, core\nprint(sorted(m for m in ('streamlit', 'numpy', 'pandas') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=CORE.parent, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "module", sorted(_module_name(p) for p in CORE.rglob("*.py") if p.stem != "__main__")
)
def test_every_core_module_imports_on_its_own(module):
    """A fresh interpreter per module: an import cycle or a missing name fails here."""
    out = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, cwd=CORE.parent
    )
    assert out.returncode == 0, out.stderr
