"""``corridor-ie extract`` and ``corridor-ie schema``: the extraction commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from corridor_ie.errors import SetupError

from . import base

if TYPE_CHECKING:
    from corridor_ie.runner import ExtractOptions


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[], None] | None]:
    """A transient "N documents" spinner on stderr; yields the function that counts one document."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True)
    task = progress.add_task("extract", total=None)
    progress.start()
    try:
        yield lambda: progress.update(task, advance=1)
    finally:
        progress.stop()


def extract_and_report(opts: ExtractOptions) -> int:
    """Run ``extract``, print its summary (or how to resume) on stderr, and return the exit code."""
    from corridor_ie.runner import run_extract

    with progress_bar(not opts.quiet and sys.stderr.isatty()) as tick:
        summary = run_extract(opts, on_document=tick)
    for note in summary.notes:  # what --resume dropped: said even with --quiet
        typer.echo(f"corridor-ie: warning: {note}", err=True)
    if summary.interrupted or not opts.quiet:
        typer.echo(summary.message(), err=True)
    return summary.exit_code


def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output JSON Lines (default stdout).")] = None,
    errors: Annotated[Path | None, typer.Option("--errors", help="Errors file (default beside the output).")] = None,
    pipeline: base.PipelineOpt = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, show_default=False,
        help="Worker processes (default: the cores this process may use).")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue an output: skip the documents whose records are all in it.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (this machine) or dask (dask.distributed).")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler",
                                                  help="Dask scheduler address (default: a local cluster).")] = None,
    gazetteers: base.GazetteersOpt = None,
    allow_mixed: Annotated[bool, typer.Option(
        "--allow-mixed-versions",
        help="With --resume: append even when the output was tagged with another gazetteer version.")] = False,
    unrelated: Annotated[str, typer.Option(
        "--unrelated", help="What to write for a page that is not about the corridor: stub (its article "
        "record without text, with the reasons), omit (nothing) or full (the whole article record).")] = "stub",
) -> None:
    """Extract article, conference, official and commitment records.

    --resume refuses (exit 2) an output tagged with another gazetteer version than this run's, unless
    --allow-mixed-versions.

    Example: corridor-ie extract examples/ -o out/records.jsonl
    """
    from corridor_ie.runner import ExtractOptions

    opts = ExtractOptions(inputs=inputs, output=output, errors=errors, pipeline=pipeline, workers=workers,
                          resume=resume, quiet=quiet, engine=engine, scheduler=scheduler,
                          gazetteers=base.gazetteer_paths(gazetteers), allow_mixed_versions=allow_mixed,
                          unrelated=unrelated)
    try:
        code = extract_and_report(opts)
    except SetupError as e:
        raise base.fail(str(e)) from None
    raise typer.Exit(code)


def schema() -> None:
    """Print the JSON Schema of every record type.

    Example: corridor-ie schema > records.schema.json
    """
    from corridor_ie.records import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    """Add ``extract`` and ``schema`` to the app."""
    app.command()(extract)
    app.command()(schema)
