"""What the round-2 reliability tests share: running the CLI in-process and checking that nothing a user
sees is a traceback, and a few small documents written for these tests (not taken from any article)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from corridor_ie.cli import app

REPO = Path(__file__).resolve().parents[2]
EX = REPO / "examples"

#: short corridor documents in our own words: each one is extracted (an article at least)
GOOD = {
    "good-1.txt": "Ngày 12/3/2026, đoàn công tác tỉnh Lào Cai sang thăm tỉnh Vân Nam. Hai bên thống nhất mở rộng "
                  "hợp tác thương mại qua cửa khẩu.\n",
    "good-2.txt": "Sáng 5/4/2026, lãnh đạo tỉnh Quảng Ninh hội đàm với lãnh đạo Quảng Tây về kết nối giao thông "
                  "qua cửa khẩu Móng Cái.\n",
}

runner = CliRunner()


def cli(*args: str | Path):
    """``corridor-ie ARGS`` in this process; a traceback or an uncaught exception fails the test."""
    r = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in r.stdout and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


def one_error_line(r, code: int = 2) -> str:
    """The single ``corridor-ie: error: …`` line of a refused command (exit ``code``)."""
    assert r.exit_code == code, (r.exit_code, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("corridor-ie: error: "), r.stderr
    return lines[0].removeprefix("corridor-ie: error: ")


def write_good(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
        out.append(folder / name)
    return out


def example_corpus(folder: Path) -> Path:
    """Four documents of the repository's examples (several records each, one unrelated page)."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in ["vi/joint-committee-14.txt", "vi/lao-cai-gms-forum.txt", "en/corridor-10-hanoi.en.txt",
              "vi/unrelated-sports.txt"]:
        shutil.copy(EX / p, folder / Path(p).name)
    return folder


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def articles_by_path(path: Path) -> dict[str, dict]:
    return {Path(r["source"]["path"]).name: r for r in records(path) if r["record_type"] == "article"}


def errors_by_path(path: Path) -> dict[str, dict]:
    return {Path(r["location"].split("#")[0]).name: r for r in records(path)} if path.exists() else {}
