"""Core and tools apart: the core never imports ``tools`` or ``cli``; tools reach the core only through
``corridor_ie.api`` and the core's data modules; only ``cli`` imports typer; nothing imports ``cli``.

(The rules the lead may fold into ``test_architecture.py``; kept here so the tools branch is checked.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "corridor_ie"
#: what a tool may import from the core (module paths relative to the package; "" is corridor_ie itself)
TOOLS_MAY_IMPORT = {"", "api", "records", "types", "errors", "config", "output", "gazetteer.model",
                    "gazetteer.store", "normalise", "ingest.readers"}


def _imports(path: Path) -> set[str]:
    """Every corridor_ie module ``path`` imports (relative to the package), and ``"typer"`` if it does."""
    rel = path.relative_to(SRC).with_suffix("").parts
    package = rel[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                mod = ".".join(base + ([node.module] if node.module else []))
                names = [mod] if node.module else [".".join([*base, a.name]).strip(".") for a in node.names]
                out.update(n for n in names)
                continue
            names = [node.module or ""]
            if node.module == "corridor_ie":  # from corridor_ie import api (a module, not a name)
                names += [f"corridor_ie.{a.name}" for a in node.names if _is_module(SRC / a.name)]
        else:
            continue
        for name in names:
            if name == "typer" or name.startswith("typer."):
                out.add("typer")
            elif name == "corridor_ie" or name.startswith("corridor_ie."):
                out.add(name.removeprefix("corridor_ie").removeprefix("."))
    return out


def _is_module(path: Path) -> bool:
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _files(where: str = "") -> list[Path]:
    return sorted((SRC / where).rglob("*.py"))


def _top(module: str) -> str:
    return module.split(".")[0]


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(SRC)))
def test_layers(path: Path) -> None:
    part = path.relative_to(SRC).parts[0]
    imports = _imports(path)
    if part == "cli":
        return
    assert "cli" not in {_top(m) for m in imports}, f"{path.relative_to(SRC)} imports the CLI"
    assert "typer" not in imports, f"{path.relative_to(SRC)} imports typer (only cli/ may)"
    if part == "tools":
        core = {m for m in imports if _top(m) != "tools"}
        allowed = {m for m in core if m in TOOLS_MAY_IMPORT or m.rsplit(".", 1)[0] in TOOLS_MAY_IMPORT - {""}}
        assert core <= allowed, f"{path.relative_to(SRC)} imports {sorted(core - allowed)} (use corridor_ie.api)"
    else:
        assert "tools" not in {_top(m) for m in imports}, f"core module {path.relative_to(SRC)} imports a tool"


def test_the_rule_sees_imports() -> None:
    """The checker finds relative, absolute and ``from package import module`` imports."""
    found = _imports(SRC / "cli" / "__init__.py")
    assert {"cli.analysts", "cli.base"} <= found
    assert "typer" in _imports(SRC / "cli" / "base.py")
    assert "api" in _imports(SRC / "tools" / "show.py")
