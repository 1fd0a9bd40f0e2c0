"""Data flows one way: stages import the boundary types, never a later stage; nothing imports the CLI;
names of places and people live only in gazetteers/."""

import ast
import json
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "corridor_ie"
REPO = SRC.parents[1]
ORDER = ["ingest", "segment", "tag", "build"]  # a stage may import only stages before it


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1 and node.module:
            rel = path.relative_to(SRC).parts
            base = list(rel[: len(rel) - node.level])
            out.add(".".join(base + node.module.split(".")))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("corridor_ie."):
            out.add(node.module.removeprefix("corridor_ie."))
    return out


@pytest.mark.parametrize("stage", ORDER)
def test_stages_never_import_later_stages(stage):
    later = ORDER[ORDER.index(stage) + 1:]
    for path in (SRC / stage).rglob("*.py"):
        bad = {m for m in _imports(path) if m.split(".")[0] in later + ["pipeline", "cli", "runner"]}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_nothing_imports_the_cli():
    for path in SRC.rglob("*.py"):
        if path.name != "cli.py":
            assert "cli" not in {m.split(".")[0] for m in _imports(path)}, path


def _gazetteer_names() -> set[str]:
    names = set()
    for f in (REPO / "gazetteers").glob("*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            e = json.loads(line)
            if e["type"] in ("person", "province", "prefecture", "district", "border_gate"):
                names.update(v for v in e["names"].values() if v and len(v) >= 6 and " " in v)
    return names


def test_no_place_or_person_names_in_code():
    names = _gazetteer_names()
    assert len(names) > 50
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    for path in SRC.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        # docstrings may show examples; code and comments outside them may not name places or people
        tree = ast.parse("\n".join(lines))
        for n in ast.walk(tree):
            if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef) and n.body:
                first = n.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(
                        first.value.value, str):
                    for i in range(first.lineno - 1, first.end_lineno):
                        lines[i] = ""
        hits = sorted(set(pattern.findall("\n".join(lines))))
        assert not hits, f"{path.relative_to(SRC)} names {hits}"
