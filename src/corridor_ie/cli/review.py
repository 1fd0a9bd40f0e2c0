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
    article: Annotated[str, typer.Argument(help="An input file or folder (any format extract reads).")],
    item: Annotated[int | None, typer.Option("--item", "-n", min=1,
                                             help="Only this document of a JSONL/WARC file or folder.")] = None,
    html_out: Annotated[Path | None, typer.Option(
        "--html", help="Write a review page (a folder of pages and index.html for several documents).")] = None,
    pipeline: base.PipelineOpt = None,
    gazetteers: base.GazetteersOpt = None,
) -> None:
    """Show documents' cleaned text with their mentions highlighted, then their records.

    With --html: one standalone page for one document; for a folder (or a file of several documents)
    the --html path is a folder that gets one page per document and index.html.

    Example: corridor-ie show examples/vi/joint-committee-14.txt --html out/review.html
    """
    import itertools

    from corridor_ie.api import resources
    from corridor_ie.tools.show import (
        Failed,
        render_page,
        render_text,
        review_documents,
        write_atomic,
        write_folder,
    )

    res = resources(str(pipeline) if pipeline else None, base.gazetteer_paths(gazetteers))
    reviews = review_documents([article], res, item)
    head = list(itertools.islice(reviews, 2))
    several = len(head) > 1 or (item is None and Path(article).is_dir())
    docs = itertools.chain(head, reviews)
    try:
        if html_out is not None and (several or html_out.is_dir()):
            report = write_folder(docs, html_out)
            typer.echo(f"wrote {report.pages} page(s) and {report.index}")
            for f in report.failed:
                typer.echo(f"corridor-ie: error: {f.location}: {f.reason}", err=True)
            if report.failed:
                raise typer.Exit(base.EXIT_SOME_FAILED)
            return
        failed = 0
        for n, r in enumerate(docs, 1):
            if isinstance(r, Failed):
                typer.echo(f"corridor-ie: error: {r.location}: {r.reason}", err=True)
                failed += 1
            elif html_out is not None:
                write_atomic(html_out, render_page(r))
                typer.echo(f"wrote {html_out}")
            else:
                if several:
                    typer.echo(f"== {n}. {(r.article.get('source') or {}).get('path', '')}")
                typer.echo(render_text(r))
    except OSError as e:
        raise base.fail(f"{e.filename or html_out}: cannot write ({e.strerror or e})") from None
    if failed:
        raise typer.Exit(base.EXIT_SOME_FAILED)


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


def evaluate(
    folders: Annotated[list[Path] | None, typer.Argument(help="Gold annotation folders.")] = None,
    baseline: Annotated[str | None, typer.Option("--baseline", help="Also score 'underthesea' (its NER).")] = None,
    fmt: Annotated[EvalFormat, typer.Option("--format", help="table or json.")] = EvalFormat.table,
    details: Annotated[bool, typer.Option("--details", help="List misses and false alarms.")] = False,
    pipeline: base.PipelineOpt = None,
    gazetteers: base.GazetteersOpt = None,
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
    report = run_eval(folders, baseline=baseline, pipeline=str(pipeline) if pipeline else None,
                      gazetteers=base.gazetteer_paths(gazetteers))
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
