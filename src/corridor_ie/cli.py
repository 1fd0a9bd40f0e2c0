"""The ``corridor-ie`` command line: thin typer wrappers over library functions.

Exit codes: 0 every document extracted; 1 some documents failed (see the errors file), or
``gazetteer validate`` found problems, or ``diff --fail-on-change`` found differences;
2 usage or setup error (unknown option, missing input, invalid pipeline or gazetteer file);
130 interrupted (the output holds only complete records; rerun with ``--resume``).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer import Abort
from typer.core import TyperGroup

try:  # typer >= 0.2x vendors click
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older typer on real click
    from click.exceptions import ClickException, UsageError

from . import __version__
from .errors import CorridorError, SetupError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

class OneLineErrors(TyperGroup):
    """Usage errors as one line (``corridor-ie: error: …``, exit 2) instead of click's usage block;
    library errors that escape a command likewise, never a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            rv = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                              standalone_mode=False, **extra)
        except UsageError as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # bare command: show its help
                typer.echo(e.format_message())
                return self._finish(EXIT_OK, standalone_mode)
            where = e.ctx.command_path if e.ctx else "corridor-ie"
            typer.echo(f"corridor-ie: error: {e.format_message()} (see '{where} --help')", err=True)
            rv = EXIT_USAGE
        except CorridorError as e:
            typer.echo(f"corridor-ie: error: {e}", err=True)
            rv = EXIT_USAGE
        except Abort:
            typer.echo("corridor-ie: interrupted", err=True)
            rv = EXIT_INTERRUPTED
        except ClickException as e:
            typer.echo(f"corridor-ie: error: {e.format_message()}", err=True)
            rv = e.exit_code
        return self._finish(rv if isinstance(rv, int) else EXIT_OK, standalone_mode)

    @staticmethod
    def _finish(code: int, standalone_mode: bool) -> int:
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    name="corridor-ie",
    cls=OneLineErrors,
    help="Evidence-backed records of Vietnam–China subnational cooperation from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"corridor-ie: error: {message}", err=True)
    return typer.Exit(code)


PipelineOpt = Annotated[Path | None, typer.Option("--pipeline", "-p", help="Pipeline file (TOML).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"corridor-ie {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Evidence-backed records of Vietnam–China subnational cooperation from news articles."""


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output JSON Lines (default stdout).")] = None,
    errors: Annotated[Path | None, typer.Option("--errors", help="Errors file (default beside the output).")] = None,
    pipeline: PipelineOpt = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, show_default=False,
        help="Worker processes (default: the cores this process may use).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip documents already in the output.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (this machine) or dask (dask.distributed).")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler",
                                                  help="Dask scheduler address (default: a local cluster).")] = None,
) -> None:
    """Extract article, conference, official and commitment records.

    Example: corridor-ie extract examples/ -o out/records.jsonl
    """
    from .runner import ExtractOptions, run_extract

    opts = ExtractOptions(inputs=inputs, output=output, errors=errors, pipeline=pipeline, workers=workers,
                          resume=resume, quiet=quiet, engine=engine, scheduler=scheduler)
    try:
        code = run_extract(opts)
    except SetupError as e:
        raise fail(str(e)) from None
    raise typer.Exit(code)


@app.command()
def schema() -> None:
    """Print the JSON Schema of every record type.

    Example: corridor-ie schema > records.schema.json
    """
    from .records import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="An input file (any format extract reads).")],
    item: Annotated[int, typer.Option("--item", "-n", min=1, help="Which document of a JSONL/WARC file.")] = 1,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write a standalone HTML review page.")] = None,
    pipeline: PipelineOpt = None,
) -> None:
    """Show an article's cleaned text with its mentions highlighted, then its records.

    Example: corridor-ie show examples/vi/joint-committee-14.txt --html out/review.html
    """
    from .api import resources
    from .errors import DocumentError
    from .show import render_html, render_text, review_document

    try:
        review = review_document(article, resources(str(pipeline) if pipeline else None), item)
    except DocumentError as e:
        raise fail(str(e), EXIT_SOME_FAILED) from None
    if html_out:
        html_out.parent.mkdir(parents=True, exist_ok=True)
        html_out.write_text(render_html(review), encoding="utf-8")
        typer.echo(f"wrote {html_out}")
    else:
        typer.echo(render_text(review))


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def evaluate(
    folders: Annotated[list[Path] | None, typer.Argument(help="Gold annotation folders.")] = None,
    baseline: Annotated[str | None, typer.Option("--baseline", help="Also score 'underthesea' (its NER).")] = None,
    fmt: Annotated[EvalFormat, typer.Option("--format", help="table or json.")] = EvalFormat.table,
    details: Annotated[bool, typer.Option("--details", help="List misses and false alarms.")] = False,
    pipeline: PipelineOpt = None,
) -> None:
    """Precision, recall and F1 per entity label, language, record type and field against the gold.

    Example: corridor-ie evaluate annotations/ --baseline underthesea
    """
    from .evaluate import as_json, as_table
    from .evaluate import evaluate as run_eval

    folders = folders or [Path("annotations")]
    for folder in folders:
        if not folder.is_dir():
            raise fail(f"{folder}: no such annotations folder")
    if baseline not in (None, "underthesea"):
        raise fail(f"unknown baseline {baseline!r} (known: underthesea)")
    report = run_eval(folders, baseline=baseline, pipeline=str(pipeline) if pipeline else None)
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(as_json(report), ensure_ascii=False, indent=2))
    else:
        typer.echo(as_table(report))
        if details:
            typer.echo("\nmisses:\n  " + "\n  ".join(report.misses))
            typer.echo("\nfalse alarms:\n  " + "\n  ".join(report.false_alarms))
    if report.problems:
        raise typer.Exit(EXIT_SOME_FAILED)


def _register_tools() -> None:
    """Commands that live beside their library modules (each module's ``register(app)``)."""
    from . import consolidate as _consolidate
    from . import diff as _diff
    from .gazetteer import cli as _gazetteer

    _consolidate.register(app)
    _diff.register(app)
    _gazetteer.register(app)


_register_tools()


def main() -> None:
    app()
