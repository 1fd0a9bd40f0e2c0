"""Analysts' commands over records files: ``consolidate``, ``diff``, ``timeline`` and ``export``.

Their help shows examples that run on the project's ``examples/`` after
``corridor-ie extract examples/ -o out/examples.jsonl -q`` (a test runs every one of them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from corridor_ie.errors import SetupError

from . import base

#: the values of ``diff --format`` and ``timeline --format``
DiffFormat = Literal["table", "markdown", "json"]
TimelineFormat = Literal["table", "markdown", "csv", "json"]
ExportFormat = Literal["duckdb", "parquet", "csv"]

Inputs = Annotated[list[Path], typer.Argument(help="Records files (JSON Lines) from corridor-ie extract.")]
SeriesOpt = Annotated[str, typer.Option("--series", "-s", help="Series id (known or provisional), or a unique "
                                                               "part of a series name.")]


def consolidate(
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Events JSON Lines (default stdout).")]
    = None,
    store: Annotated[Path | None, typer.Option("--store", help="Keep the DuckDB staging file here, replacing "
                                                               "it (default: a temporary file).")] = None,
) -> None:
    """Merge the reports of each conference edition across articles into one event view: one chosen value
    per field, with the alternatives and the documents (by URL or path) that report each.

    Examples (after corridor-ie extract examples/ -o out/examples.jsonl -q):

    \b
      corridor-ie consolidate out/examples.jsonl -o out/events.jsonl
    """
    from corridor_ie.output import JsonlWriter
    from corridor_ie.tools.consolidate import iter_views

    views = iter_views(inputs, store)
    with base.one_line_warnings():
        try:
            first = next(views, None)  # every input is read and checked before the output is opened
        except SetupError as e:
            raise base.fail(str(e)) from None
        with JsonlWriter(output) as w:
            for view in [first, *views] if first else []:
                w.write_batch([view])


def diff(
    inputs: Annotated[list[Path], typer.Argument(help="Records files; or exactly OLD.jsonl NEW.jsonl.")],
    series: Annotated[str | None, typer.Option("--series", "-s", help="Series id (known or provisional), or a "
                                                                      "unique part of a series name.")] = None,
    old_edition: Annotated[str | None, typer.Option("--from", help="Old edition: a number, a year (2023) or "
                                                                   "@year.")] = None,
    new_edition: Annotated[str | None, typer.Option("--to", help="New edition: a number, a year or @year.")]
    = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="table, markdown or json.")]
    = "table",
    fail_on_change: Annotated[bool, typer.Option("--fail-on-change", help="Exit 1 when there are differences.")]
    = False,
) -> None:
    """Compare two editions (or years) of a conference series, or two extractor runs over the same articles.

    Each side lists its documents and what they cover: what a side does not report is "not reported",
    not dropped. Commitments are aligned by sector, object and action, with the score and threshold shown.

    Examples (after corridor-ie extract examples/ -o out/examples.jsonl -q):

    \b
      corridor-ie diff out/examples.jsonl --series series.economic-corridor --from 9 --to 10
      corridor-ie diff out/examples.jsonl --series "hành lang kinh tế 5 tỉnh" --from 2019 --to 2023 -f markdown
      corridor-ie diff out/examples.jsonl out/examples.jsonl --format json
    """
    from rich.console import Console

    from corridor_ie.tools.diff import render_json, render_markdown, render_table, run_diff

    with base.one_line_warnings():
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


def timeline(
    inputs: Inputs,
    series: SeriesOpt,
    output_format: Annotated[TimelineFormat, typer.Option("--format", "-f", help="table, markdown, csv or json.")]
    = "table",
    plot: Annotated[list[Path] | None, typer.Option("--plot", help="Also plot to a .png, or a self-contained "
                                                                  ".html (repeatable).")] = None,
) -> None:
    """One row per edition (or year) of a series: dates, host, location, format, documents, officials and
    the sectors committed; --plot draws the editions on a time axis and a sector × edition heat map.

    Examples (after corridor-ie extract examples/ -o out/examples.jsonl -q):

    \b
      corridor-ie timeline out/examples.jsonl --series series.economic-corridor
      corridor-ie timeline out/examples.jsonl -s series.economic-corridor --plot out/corridor.png --plot out/corridor.html
      corridor-ie timeline out/examples.jsonl -s series.gms-governors-forum --format csv
    """
    from rich.console import Console

    from corridor_ie.tools.timeline import (
        render_csv,
        render_json,
        render_markdown,
        render_table,
        timeline_files,
        write_plot,
    )

    with base.one_line_warnings():
        try:
            t = timeline_files(inputs, series)
            for out in plot or []:
                write_plot(t, out)
        except SetupError as e:
            raise base.fail(str(e)) from None
    if output_format == "table":
        render_table(t, Console())
    else:
        typer.echo({"markdown": render_markdown, "csv": render_csv, "json": render_json}[output_format](t), nl=False)
    for out in plot or []:
        typer.echo(f"wrote {out}", err=True)


def export(
    inputs: Inputs,
    to: Annotated[Path, typer.Option("--to", help="A DuckDB file (out.duckdb), or a folder for Parquet or CSV "
                                                  "files.")],
    export_format: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", help="duckdb, parquet or csv (default: duckdb for a .duckdb file, else parquet).")]
    = None,
) -> None:
    """Export records to flat tables (articles, mentions, conferences, officials, commitments and their
    sectors, actors and objects, documents per event, evidence) that join on doc_id, event_id and record
    ids; streamed in bounded memory. The tables are described in docs/export.md.

    Examples (after corridor-ie extract examples/ -o out/examples.jsonl -q):

    \b
      corridor-ie export out/examples.jsonl --to out/examples.duckdb
      corridor-ie export out/examples.jsonl --to out/parquet/ --format parquet
      corridor-ie export out/examples.jsonl --to out/csv/ --format csv
    """
    from corridor_ie.tools.export import export as run_export

    with base.one_line_warnings():
        try:
            summary = run_export(inputs, to, export_format)
        except SetupError as e:
            raise base.fail(str(e)) from None
    typer.echo(summary.line(), err=True)


def register(app: typer.Typer) -> None:
    """Add the analysts' commands to the app."""
    for command in (consolidate, diff, timeline, export):
        app.command()(command)
