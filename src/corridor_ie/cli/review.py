"""``corridor-ie show`` and ``corridor-ie evaluate``: reviewing the extractor's output on one article and
scoring it against the gold annotations."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import base


def show(
    article: Annotated[str, typer.Argument(help="An input file (any format extract reads).")],
    item: Annotated[int, typer.Option("--item", "-n", min=1, help="Which document of a JSONL/WARC file.")] = 1,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write a standalone HTML review page.")] = None,
    pipeline: base.PipelineOpt = None,
) -> None:
    """Show an article's cleaned text with its mentions highlighted, then its records.

    Example: corridor-ie show examples/vi/joint-committee-14.txt --html out/review.html
    """
    from corridor_ie.api import resources
    from corridor_ie.errors import DocumentError
    from corridor_ie.tools.show import render_html, render_text, review_document

    try:
        review = review_document(article, resources(str(pipeline) if pipeline else None), item)
    except DocumentError as e:
        raise base.fail(str(e), base.EXIT_SOME_FAILED) from None
    if html_out:
        html_out.parent.mkdir(parents=True, exist_ok=True)
        html_out.write_text(render_html(review), encoding="utf-8")
        typer.echo(f"wrote {html_out}")
    else:
        typer.echo(render_text(review))


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


def evaluate(
    folders: Annotated[list[Path] | None, typer.Argument(help="Gold annotation folders.")] = None,
    baseline: Annotated[str | None, typer.Option("--baseline", help="Also score 'underthesea' (its NER).")] = None,
    fmt: Annotated[EvalFormat, typer.Option("--format", help="table or json.")] = EvalFormat.table,
    details: Annotated[bool, typer.Option("--details", help="List misses and false alarms.")] = False,
    pipeline: base.PipelineOpt = None,
) -> None:
    """Precision, recall and F1 per entity label, language, record type and field against the gold.

    Example: corridor-ie evaluate annotations/ --baseline underthesea
    """
    from corridor_ie.tools.evaluate import as_json, as_table
    from corridor_ie.tools.evaluate import evaluate as run_eval

    folders = folders or [Path("annotations")]
    for folder in folders:
        if not folder.is_dir():
            raise base.fail(f"{folder}: no such annotations folder")
    if baseline not in (None, "underthesea"):
        raise base.fail(f"unknown baseline {baseline!r} (known: underthesea)")
    report = run_eval(folders, baseline=baseline, pipeline=str(pipeline) if pipeline else None)
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(as_json(report), ensure_ascii=False, indent=2))
    else:
        typer.echo(as_table(report))
        if details:
            typer.echo("\nmisses:\n  " + "\n  ".join(report.misses))
            typer.echo("\nfalse alarms:\n  " + "\n  ".join(report.false_alarms))
    if report.problems:
        raise typer.Exit(base.EXIT_SOME_FAILED)


def register(app: typer.Typer) -> None:
    """Add ``show`` and ``evaluate`` to the app."""
    app.command()(show)
    app.command()(evaluate)
