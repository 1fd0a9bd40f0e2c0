"""The layers hold (docs/ARCHITECTURE.md):

- stages (``ingest``, ``segment``, ``tag``, ``assemble``) import only the boundary types, the shared
  helpers, the gazetteer data, the languages and the data loader — never another stage, the pipeline,
  the tools or the CLI; the languages import no stage;
- the extraction core never imports the tools or the CLI; the tools reach the core's stages only through
  ``corridor_ie.api``; only the CLI imports typer;
- no branch on a language code outside ``lang/``;
- no module-level data caches or run-time mutable module state in stages and languages (documents run
  in threads under dask);
- names of places and people live only in gazetteers/.
"""

import ast
import json
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "corridor_ie"
REPO = SRC.parents[1]
STAGES = ("ingest", "screen", "segment", "tag", "assemble")
#: what a stage may import besides its own package
STAGE_MAY_IMPORT = {"__init__", "types", "records", "errors", "tables", "normalise", "patterns", "spacy_doc",
                    "gazetteer", "lang"}
LANG_MAY_IMPORT = {"errors", "tables", "normalise", "patterns", "lang"}
#: the core modules the tools may import (stages only through ``api``)
TOOLS_MAY_IMPORT = {"__init__", "api", "records", "types", "errors", "config", "output", "gazetteer",
                    "normalise", "ingest.readers", "tools"}
LANGUAGE_CODES = {"vi", "zh", "en", "zh_hant", "zh-hant", "ja", "ko", "fr", "th", "lo", "km"}
#: module state that is an extension point, filled at import, documented where it is defined
REGISTRIES = {("registry.py", "STAGES"), ("lang/registry.py", "REGISTERED")}


def _modules(where: Path) -> list[Path]:
    return sorted(where.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    """Modules of corridor_ie imported by ``path``, as dotted paths relative to the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(SRC).with_suffix("").parts
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            base = list(rel[: len(rel) - node.level])
            mod = base + (node.module.split(".") if node.module else [])
            if node.module:
                out.add(".".join(mod))
            else:  # "from . import x": a sibling module, or a name of the package root
                out.update(".".join(mod + [a.name]) if mod else "__init__" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("corridor_ie"):
            mod = node.module.removeprefix("corridor_ie").lstrip(".")
            out.add(mod or "__init__")
        elif isinstance(node, ast.Import):
            out.update(a.name.removeprefix("corridor_ie.") for a in node.names if a.name.startswith("corridor_ie."))
    return {m for m in out if m}


def _allowed(module: str, allowed: set[str]) -> bool:
    return any(module == a or module.startswith(a + ".") for a in allowed)


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_the_shared_core(stage):
    for path in _modules(SRC / stage):
        bad = {m for m in _imports(path) if not _allowed(m, STAGE_MAY_IMPORT | {stage})}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_languages_import_no_stage():
    for path in _modules(SRC / "lang"):
        bad = {m for m in _imports(path) if not _allowed(m, LANG_MAY_IMPORT)}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_the_core_never_imports_tools_or_cli():
    for path in _modules(SRC):
        if path.relative_to(SRC).parts[0] in ("tools", "cli"):
            continue
        bad = {m for m in _imports(path) if _allowed(m, {"tools", "cli"})}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_tools_reach_the_stages_only_through_the_api():
    for path in _modules(SRC / "tools"):
        bad = {m for m in _imports(path) if not _allowed(m, TOOLS_MAY_IMPORT)}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_nothing_imports_the_cli_and_only_the_cli_imports_typer():
    for path in _modules(SRC):
        in_cli = path.relative_to(SRC).parts[0] == "cli"
        if not in_cli:
            assert not {m for m in _imports(path) if _allowed(m, {"cli"})}, path
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses_typer = any(
            (isinstance(n, ast.Import) and any(a.name.split(".")[0] == "typer" for a in n.names))
            or (isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] == "typer")
            for n in ast.walk(tree))
        assert in_cli or not uses_typer, f"{path.relative_to(SRC)} imports typer"


# --------------------------------------------------------------------------- language branches


def _is_code(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.lower() in LANGUAGE_CODES


def _codes_in(node: ast.AST) -> bool:
    if _is_code(node):
        return True
    return isinstance(node, ast.Tuple | ast.List | ast.Set) and any(_is_code(e) for e in node.elts)


def language_branches(path: Path) -> list[str]:
    """Comparisons with a language code, and dispatch tables from language codes to functions (a
    gazetteer entry's names keyed by language are data, not a branch)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(_codes_in(x) for x in [node.left, *node.comparators]):
            found.append(f"{path.relative_to(SRC)}:{node.lineno}")
        elif (isinstance(node, ast.Dict) and sum(_is_code(k) for k in node.keys if k is not None) >= 2
              and all(isinstance(v, ast.Lambda) or (isinstance(v, ast.Name) and v.id in functions)
                      for v in node.values)):
            found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_no_branch_on_a_language_code_outside_lang():
    branches = [b for path in _modules(SRC) if path.relative_to(SRC).parts[0] != "lang"
                for b in language_branches(path)]
    assert branches == []


def test_the_branch_finder_finds_branches(tmp_path):
    sample = SRC / "_sample_for_the_test.py"
    try:
        sample.write_text('def f(lang):\n    if lang == "zh":\n        return {"vi": f, "en": lambda: 2}\n'
                          '    return lang in ("vi", "x") or {"vi": 1, "en": 2}\n', encoding="utf-8")
        assert language_branches(sample) == ["_sample_for_the_test.py:2", "_sample_for_the_test.py:3",
                                             "_sample_for_the_test.py:4"]
    finally:
        sample.unlink()


# --------------------------------------------------------------------------- module state

_LOADERS = re.compile(r"\b(?:open|read_text|read_bytes|load_table|tomllib\.loads?|json\.loads?|files)\(")
_MUTATORS = {"append", "add", "update", "setdefault", "pop", "clear", "extend", "insert", "remove", "discard",
             "popitem"}


def _cached(fn: ast.FunctionDef) -> bool:
    for d in fn.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name in ("cache", "lru_cache"):
            return True
    return False


def module_state_problems(path: Path) -> list[str]:
    """Cached data loaders, and module-level containers changed at run time (or ``global`` rebinding)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    rel = str(path.relative_to(SRC))
    out = []
    containers = {t.id for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign)
                  for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)
                  and isinstance(n.value, ast.List | ast.Dict | ast.Set | ast.Call)
                  and (not isinstance(n.value, ast.Call) or getattr(n.value.func, "id", "") in ("dict", "list", "set"))}
    for fn in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
        body = ast.get_source_segment(source, fn) or ""
        if _cached(fn) and _LOADERS.search(body):
            out.append(f"{rel}:{fn.lineno}: {fn.name} caches data it loads")
        for n in ast.walk(fn):
            if isinstance(n, ast.Global):
                out.append(f"{rel}:{n.lineno}: global {', '.join(n.names)}")
            elif (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATORS
                  and isinstance(n.func.value, ast.Name) and n.func.value.id in containers
                  and (rel, n.func.value.id) not in REGISTRIES):
                out.append(f"{rel}:{n.lineno}: changes module-level {n.func.value.id}")
            elif (isinstance(n, ast.Assign) and any(isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name)
                                                    and t.value.id in containers
                                                    and (rel, t.value.id) not in REGISTRIES for t in n.targets)):
                out.append(f"{rel}:{n.lineno}: changes a module-level container")
    return out


def test_stages_and_languages_keep_no_module_state():
    problems = [p for part in (*STAGES, "lang") for path in _modules(SRC / part)
                for p in module_state_problems(path)]
    assert problems == []


def test_the_state_finder_finds_caches_and_globals():
    sample = SRC / "_state_sample_for_the_test.py"
    try:
        sample.write_text("from functools import cache\n_SEEN = {}\n_LAST = None\n\n\n@cache\ndef table():\n"
                          "    return open('x').read()\n\n\ndef f(doc):\n    global _LAST\n    _LAST = doc\n"
                          "    _SEEN[doc] = 1\n", encoding="utf-8")
        assert [p.split(": ", 1)[1] for p in module_state_problems(sample)] == [
            "table caches data it loads", "global _LAST", "changes a module-level container"]
    finally:
        sample.unlink()


# --------------------------------------------------------------------------- names live in gazetteers


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
