"""The docs are tested: every command the README shows exists, and every command's help has an
Example (sqlite-utils style)."""

import re
import shlex

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from corridor_ie.cli import app

runner = CliRunner()


def _readme_commands(repo):
    text = (repo / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    out = []
    for block in blocks:
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            if "corridor-ie " in line:
                argv = shlex.split(line.split("corridor-ie ", 1)[1].split("|")[0].split(">")[0])
                out.append(argv)
    return out


def _command_paths():
    root = get_command(app)
    paths = []
    for name, cmd in root.commands.items():
        if hasattr(cmd, "commands"):
            paths += [[name, sub] for sub in cmd.commands]
        else:
            paths.append([name])
    return paths


def test_readme_commands_exist_and_parse(repo):
    cmds = _readme_commands(repo)
    assert len(cmds) >= 10
    known = {tuple(p) for p in _command_paths()}
    for argv in cmds:
        path = tuple(argv[:2]) if tuple(argv[:2]) in known else tuple(argv[:1])
        assert path in known, argv
        r = runner.invoke(app, [*path, "--help"])
        assert r.exit_code == 0, argv
        for opt in [a for a in argv if a.startswith("--")]:
            assert opt in r.stdout, f"{opt} is not an option of {' '.join(path)}"


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p))
def test_every_command_has_an_example(path):
    r = runner.invoke(app, [*path, "--help"])
    assert r.exit_code == 0 and "Example" in r.stdout, " ".join(path)


def test_every_command_is_in_the_readme(repo):
    text = (repo / "README.md").read_text(encoding="utf-8")
    for path in _command_paths():
        assert " ".join(path) in text, " ".join(path)
