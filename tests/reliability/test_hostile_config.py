"""Pipeline and gazetteer files are data, never code.

A pipeline names stages from a fixed list and options of fixed types: anything else (a dotted Python
name, an expression, an unknown table) is rejected at load as ``file:line: …``. A gazetteer line that
carries a ``__class__`` / ``!!python/object`` / ``py/object`` payload is an ordinary schema error.
Nothing is evaluated, imported by name or unpickled: the source tree is checked for the calls that could.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app
from corridor_ie.config import load_pipeline
from corridor_ie.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src" / "corridor_ie"
GAZETTEERS = REPO / "gazetteers"
ARTICLE = REPO / "examples" / "vi" / "joint-committee-14.txt"
STAGES = 'stages = ["read", "extract", "normalise", "clean", "language", "prefilter", "segment", "tag", "assemble"]\n'
HINT = " (see pipelines/README.md for the keys)"
STAGE_LIST = "(stages: read, screen, extract, normalise, clean, language, prefilter, segment, tag, assemble)"

runner = CliRunner()


@pytest.fixture
def marker() -> Iterator[Path]:
    """A file that a payload would create if anything were executed."""
    m = Path("/tmp") / f"corridor-ie-pwned-{uuid.uuid4().hex}"
    yield m
    assert not m.exists(), "a configuration payload was executed"


def write(tmp_path: Path, body: str, name: str = "p.toml") -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def run(tmp_path: Path, pipeline: Path):
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["extract", str(ARTICLE), "-p", str(pipeline), "-o", str(out)])
    assert "Traceback" not in r.stdout + r.stderr
    return r, out


# --- pipeline files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('name = "x"\nstages = ["read", "os.system"]\n', f"2: stages: no stage 'os.system' {STAGE_LIST}"),
        ('name = "x"\nstages = ["read", "corridor_ie.pipeline:process_document"]\n',
         f"2: stages: no stage 'corridor_ie.pipeline:process_document' {STAGE_LIST}"),
        ('name = "x"\nstages = ["read", "__import__(\'os\').system(\'touch {m}\')"]\n',
         "2: stages: no stage \"__import__('os').system('touch {m}')\" " + STAGE_LIST),
        ('name = "x"\n' + STAGES + '\n[segment]\nvi = "os:system"\n',
         "5: segment.vi: no segmenter 'os:system' for Vietnamese (known: underthesea)"),
        ('name = "x"\n' + STAGES + '\n[segment]\nzh = "subprocess.Popen"\n',
         "5: segment.zh: no segmenter 'subprocess.Popen' for Chinese (known: jieba)"),
        ('name = "x"\n' + STAGES + '\n[assemble]\nrecords = ["conference", "eval"]\n',
         "5: assemble.records: Input should be 'conference', 'official' or 'commitment'"),
        ('name = "x"\n' + STAGES + '\n[build]\nrecords = ["conference"]\n',
         f"4: build: no such stage (renamed to 'assemble') {STAGE_LIST}"),
        ('name = "x"\n' + STAGES + '\n[limits]\nmax_seconds = "__import__(\'os\').system(\'touch {m}\')"\n',
         "5: limits.max_seconds: Input should be a valid number, unable to parse string as a number"),
        ('name = "x"\n' + STAGES + 'factory = "os.system"\n', "3: factory: Extra inputs are not permitted"),
        ('name = "x"\n' + STAGES + '\n[tag]\nmatcher = "builtins.eval"\n', "5: tag.matcher: Extra inputs are not permitted"),
    ],
)
def test_pipeline_code_is_rejected_at_load(tmp_path: Path, marker: Path, body: str, message: str) -> None:
    p = write(tmp_path, body.replace("{m}", str(marker)))
    message = message.replace("{m}", str(marker))
    with pytest.raises(ConfigError) as e:
        load_pipeline(p)
    assert str(e.value) == f"{p}:{message}{HINT}"
    r, out = run(tmp_path, p)
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {p}:{message}{HINT}\n"
    assert not out.exists()


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('name = "x"\n' + STAGES + '[limits]\nmax_seconds = __import__("os").system("touch {m}")\n', 4),
        ('name = "x"\n' + STAGES + "[limits]\nmax_seconds = 1 + 1\n", 4),
        ('name = "x"\n' + STAGES + "[limits]\nmax_seconds = ${{7*7}}\n", 4),
        ("name = !!python/object/apply:os.system ['touch {m}']\n" + STAGES, 1),
    ],
)
def test_pipeline_expressions_are_not_toml(tmp_path: Path, marker: Path, body: str, line: int) -> None:
    p = write(tmp_path, body.replace("{m}", str(marker)))
    r, out = run(tmp_path, p)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"corridor-ie: error: {p}:{line}: not valid TOML: ")
    assert r.stderr.count("\n") == 1 and not out.exists()


def test_code_in_a_string_value_stays_a_string(tmp_path: Path, marker: Path) -> None:
    """A pipeline name is free text: it is copied into the records, never evaluated."""
    name = f"__import__('os').system('touch {marker}') {{{{7*7}}}} $(touch {marker})"
    p = write(tmp_path, f"name = {json.dumps(name)}\n{STAGES}[tag]\ngazetteers = [{json.dumps(str(GAZETTEERS))}]\n")
    r, out = run(tmp_path, p)
    assert r.exit_code == 0, r.stderr
    article = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert article["pipeline"] == f"{name}@1"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[clean]\ncue_files = [\"/etc/passwd\"]\n",
         "/etc/passwd:1: not valid TOML: Expected '=' after a key in a key/value pair (at line 1, column 5)"),
        ("[tag]\ngazetteers = [\"/etc/passwd\"]\n",
         "/etc/passwd:1: not valid JSON (Expecting value at column 1) "
         "(run `corridor-ie gazetteer validate` for all problems)"),
    ],
)
def test_paths_to_system_files_fail_without_showing_them(tmp_path: Path, table: str, message: str) -> None:
    if not Path("/etc/passwd").is_file() or not Path("/etc/passwd").read_text().startswith("root:"):
        pytest.skip("needs a classic /etc/passwd")
    body = 'name = "x"\n' + STAGES + table
    if "[tag]" not in table:
        body += f"[tag]\ngazetteers = [{json.dumps(str(GAZETTEERS))}]\n"
    r, out = run(tmp_path, write(tmp_path, body))
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {message}\n"
    assert "root:" not in r.stderr and not out.exists()


@pytest.mark.parametrize("extra", ['\n[stage.os]\nfactory = "os.system"\n', '\nstage.os.factory = "os.system"\n'])
def test_dotted_unknown_table_reported_at_its_line(tmp_path: Path, extra: str) -> None:
    p = write(tmp_path, 'name = "x"\n' + STAGES + extra)
    with pytest.raises(ConfigError) as e:
        load_pipeline(p)
    assert str(e.value) == f"{p}:4: stage: no such stage {STAGE_LIST}{HINT}"


# --- gazetteer files --------------------------------------------------------------------------------


def entry(**extra: object) -> dict:
    return {"id": "vn.prov.zz-test", "type": "province", "names": {"vi": "Thử"}, **extra}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (json.dumps({"__class__": "os.system", **entry()}), "__class__: Extra inputs are not permitted"),
        (json.dumps({"py/object": "os.system", **entry()}), "py/object: Extra inputs are not permitted"),
        (json.dumps(entry(names={"vi": "X", "__class__": "subprocess.Popen"})),
         "names.__class__: Extra inputs are not permitted"),
        (json.dumps(entry(positions=[{"title": "x", "__init__": "os.system"}])),
         "positions.0.__init__: Extra inputs are not permitted"),
        (json.dumps(entry(attrs={"k": {"__reduce__": ["os.system", ["touch {m}"]]}})),
         "attrs.k.str: Input should be a valid string"),
        (json.dumps(entry(type="!!python/object/apply:os.system")), "type: Input should be 'country', "),
        ("!!python/object/apply:os.system ['touch {m}']", "not valid JSON (Expecting value at column 1)"),
        ("cos\nsystem\n(S'touch {m}'\ntR.", "not valid JSON (Expecting value at column 1)"),  # a pickle, protocol 0
    ],
)
def test_gazetteer_payload_is_a_schema_error(tmp_path: Path, marker: Path, line: str, message: str) -> None:
    g = tmp_path / "gaz"
    g.mkdir()
    for f in GAZETTEERS.glob("*.jsonl"):
        shutil.copy(f, g / f.name)
    bad = g / "zz-payload.jsonl"
    bad.write_text(line.replace("{m}", str(marker)) + "\n", encoding="utf-8")
    p = write(tmp_path, 'name = "x"\n' + STAGES + '[tag]\ngazetteers = ["gaz"]\n')
    r, out = run(tmp_path, p)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"corridor-ie: error: {bad.resolve()}:1: {message}")
    assert r.stderr.endswith(" (run `corridor-ie gazetteer validate` for all problems)\n")
    assert r.stderr.count("\n") == 1 and not out.exists()


# --- nothing in the source can run data as code -----------------------------------------------------

FORBIDDEN = {
    "pickle.load": re.compile(r"\bpickle\.loads?\b|\bcPickle\b|\bdill\b|\bjsonpickle\b"),
    "marshal.load": re.compile(r"\bmarshal\.loads?\b"),
    "yaml.load(": re.compile(r"\byaml\.(?:load|unsafe_load|full_load|load_all)\("),
    "eval(": re.compile(r"(?<![\w.])eval\("),
    "exec(": re.compile(r"(?<![\w.])exec\("),
    "compile(": re.compile(r"(?<![\w.])compile\("),
    "shelve": re.compile(r"\bshelve\b"),
    "import by name": re.compile(r"\bimport_module\(|__import__\((?![\"'][\w.]+[\"']\))"),
    "os.system / shell=True": re.compile(r"\bos\.system\(|\bos\.popen\(|shell\s*=\s*True"),
}


def test_source_never_runs_data_as_code() -> None:
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 20
    found = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for what, pattern in FORBIDDEN.items():
                if pattern.search(code):
                    found.append(f"{f.relative_to(REPO)}:{n}: {what}: {line.strip()}")
    assert found == []
