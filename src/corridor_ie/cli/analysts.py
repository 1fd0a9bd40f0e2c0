"""Analysts' commands over records files: ``consolidate`` and ``diff``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from corridor_ie.errors import SetupError

from . import base

#: the values of ``diff --format``
DiffFormat = Literal["table", "markdown", "json"]


def consolidate(
    inputs: Annotated[list[Path], typer.Argument(help="Records files (JSON Lines) from corridor-ie extract.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Events JSON Lines (default stdout).")]
    = None,
) -> None:
    """Merge the reports of each conference edition across articles into one event view.

    Example: corridor-ie consolidate out/records.jsonl -o out/events.jsonl
    """
    from corridor_ie.output import JsonlWriter
    from corridor_ie.tools.consolidate import consolidate_files

    try:
        views = consolidate_files(inputs)
    except SetupError as e:
        raise base.fail(str(e)) from None
    with JsonlWriter(output) as w:
        w.write_batch(views)


def diff(
    inputs: Annotated[list[Path], typer.Argument(help="Records files; or exactly OLD.jsonl NEW.jsonl.")],
    series: Annotated[str | None, typer.Option("--series", help="Series id or unique name substring.")] = None,
    old_edition: Annotated[int | None, typer.Option("--from", help="Old edition number.")] = None,
    new_edition: Annotated[int | None, typer.Option("--to", help="New edition number.")] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="table, markdown or json.")]
    = "table",
    fail_on_change: Annotated[bool, typer.Option("--fail-on-change", help="Exit 1 when there are differences.")]
    = False,
) -> None:
    """Compare two editions of a conference series, or two extractor runs over the same articles.

    Example: corridor-ie diff out/records.jsonl --series series.four-provinces --from 9 --to 10
    Example: corridor-ie diff old.jsonl new.jsonl --format markdown
    """
    from rich.console import Console

    from corridor_ie.tools.diff import render_json, render_markdown, render_table, run_diff

    try:
        report = run_diff(inputs, series, old_edition, new_edition)
    except SetupError as e:
        raise base.fail(str(e)) from None
    if output_format == "json":
        typer.echo(render_json(report), nl=False)
    elif output_format == "markdown":
        typer.echo(render_markdown(report), nl=False)
    else:
        render_table(report, Console())
    raise typer.Exit(1 if fail_on_change and report.has_changes else 0)


def register(app: typer.Typer) -> None:
    """Add the analysts' commands to the app."""
    app.command()(consolidate)
    app.command()(diff)
