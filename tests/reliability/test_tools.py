"""The tools that read records or gold files (``show``, ``diff``, ``consolidate``, ``evaluate``) facing
hostile input: no script in a report, no terminal escape or rich markup acted on, no file read because a
gold file names it, and one line (never a traceback) for deep, non-UTF-8 or folder inputs.

The table of cases and exact messages is ``tests/reliability/README.md`` (round 2, tools). An unknown
``schema_version`` in ``consolidate`` is ``tests/cli/test_analysts_cli.py::
test_an_unknown_schema_version_is_a_one_line_warning``."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.reliability.kit import GOOD, cli, one_error_line, records

SCRIPT = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
ESCAPES = "\x1b[2J\x1b]0;owned\x07"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, [name for name, _ in attrs]))


def _hostile_jsonl(tmp_path: Path) -> Path:
    src = tmp_path / "hostile.jsonl"
    text = GOOD["good-1.txt"].strip() + f" {ESCAPES} [/bold] [blink]x[/blink]"
    src.write_text(json.dumps({"text": text, "title": "[bold]t[/bold]", "lang": f"vi{SCRIPT}"}) + "\n",
                   encoding="utf-8")
    return src


def test_a_hostile_lang_is_normalised_in_the_record_and_escaped_in_show_html(tmp_path: Path) -> None:
    src = _hostile_jsonl(tmp_path)
    out = tmp_path / "o.jsonl"
    assert cli("extract", src, "-o", out).exit_code == 0
    (art,) = [r for r in records(out) if r["record_type"] == "article"]
    assert art["lang"] == "vi"  # a language code, never the markup around it
    page_path = tmp_path / "page.html"
    r = cli("show", src, "--html", page_path)
    assert r.exit_code == 0, r.stderr
    page = page_path.read_text(encoding="utf-8")
    parsed = _Elements()
    parsed.feed(page)
    assert not [t for t, _ in parsed.tags if t in {"script", "img"}]
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
    assert re.search(r'<html lang="(vi|und)"', page)


def test_show_prints_terminal_escape_sequences_as_text(tmp_path: Path) -> None:
    r = cli("show", _hostile_jsonl(tmp_path))
    assert r.exit_code == 0, r.stderr
    assert not CONTROL.search(r.stdout)
    assert "\\x1b[2J" in r.stdout and "\\x07" in r.stdout


def _runs(tmp_path: Path) -> tuple[Path, Path]:
    src = _hostile_jsonl(tmp_path)
    old = tmp_path / "old.jsonl"
    assert cli("extract", src, "-o", old).exit_code == 0
    new = tmp_path / "new.jsonl"
    rows = records(old)
    for row in rows:
        if row["record_type"] == "article":
            row["title"] = f"[/bold] [blink]changed[/blink] {ESCAPES}"
    new.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return old, new


def test_diff_table_prints_markup_and_escapes_as_text(tmp_path: Path) -> None:
    old, new = _runs(tmp_path)
    r = cli("diff", old, new)
    assert r.exit_code == 0, r.stderr
    assert "[bold]t[/bold]" in r.stdout and "[blink]changed[/blink]" in r.stdout  # not eaten, no traceback
    assert r.stdout.count("[/bold]") == 2
    assert not CONTROL.search(r.stdout) and "\\x1b[2J" in r.stdout


def _gold(folder: Path, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    gold = folder / "doc.json"
    gold.write_text(json.dumps({"source": source, "lang": "vi"}), encoding="utf-8")
    return gold


@pytest.mark.parametrize("how", ["absolute", "dotdot"])
def test_evaluate_reads_no_file_outside_the_annotations_folder(tmp_path: Path, how: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Tỉnh Lào Cai và tỉnh Vân Nam: a file the gold file should not open.\n", encoding="utf-8")
    folder = tmp_path / "annotations"
    source = str(secret) if how == "absolute" else "examples/" + "../" * 12 + str(secret).lstrip("/")
    gold = _gold(folder, source)
    r = cli("evaluate", folder)
    assert f"{gold}: source {source!r} is outside the annotations folder and this checkout: not read" in r.stdout
    assert "secret" not in r.stdout.replace(str(secret), "").replace(source, "")


def test_evaluate_reads_a_source_inside_the_annotations_folder(tmp_path: Path) -> None:
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "doc.txt").write_text(GOOD["good-1.txt"], encoding="utf-8")
    _gold(folder, str(folder / "doc.txt"))
    r = cli("evaluate", folder, "--format", "json")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["documents"] == 1


DEEP = b"[" * 100_000 + b"]" * 100_000 + b"\n"
NOT_UTF8 = b'{"record_type": "article", "title": "\xff\xfe"}\n'


@pytest.mark.parametrize(("tool", "data", "message"), [
    ("consolidate", DEEP, "{f}:1: JSON nested too deeply to be a record"),
    ("consolidate", NOT_UTF8, "{f}:1: not UTF-8 text (byte 38 of the line) (expected records written by corridor-ie extract)"),
    ("diff", DEEP, "{f}:1: JSON nested too deeply to be a record"),
    ("diff", NOT_UTF8, "{f}:1: not UTF-8 text (byte 38 of the line) (expected records written by corridor-ie extract)"),
    ("show", DEEP, "{f}#1: line 1 is JSON nested too deeply to read (not an article object)"),
])
def test_deep_or_non_utf8_records_are_one_line(tmp_path: Path, tool: str, data: bytes, message: str) -> None:
    f = tmp_path / "in.jsonl"
    f.write_bytes(data)
    args = [f, f] if tool == "diff" else [f]
    code = 1 if tool == "show" else 2  # show: a document that could not be read; the others: bad input
    assert one_error_line(cli(tool, *args), code) == message.format(f=f)


@pytest.mark.parametrize("tool", ["consolidate", "diff"])
def test_a_folder_named_json_is_one_line(tmp_path: Path, tool: str) -> None:
    folder = tmp_path / "records.json"
    folder.mkdir()
    args = [folder, folder] if tool == "diff" else [folder]
    assert one_error_line(cli(tool, *args)).startswith(f"{folder}: is a folder, not a records file")


@pytest.mark.parametrize(("data", "message"), [
    (DEEP, "JSON nested too deeply to be a gold file"),
    (b'{"source": "\xff"}', "not UTF-8 text (save the file as UTF-8)"),
])
def test_deep_or_non_utf8_gold_files_are_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "bad.json").write_bytes(data)
    r = cli("evaluate", folder)
    assert r.exit_code == 1
    assert [x.strip() for x in r.stdout.splitlines() if "bad.json" in x] == [f"{folder / 'bad.json'}: {message}"]


def test_a_lone_surrogate_in_show_is_printed_not_raised(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text('{"text": "' + GOOD["good-1.txt"].strip() + ' \\ud800 \\udfff end"}\n', encoding="utf-8")
    r = cli("show", src)
    assert r.exit_code == 0, r.stderr
    assert "end" in r.stdout and "\ud800" not in r.stdout
    page = tmp_path / "s.html"
    assert cli("show", src, "--html", page).exit_code == 0
    assert "\ud800" not in page.read_text(encoding="utf-8")
