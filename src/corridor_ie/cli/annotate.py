"""``corridor-ie annotate …``: gold annotations made in Label Studio (thin wrappers over
:mod:`corridor_ie.tools.annotate`).

Exit codes: 0 done; 1 some documents failed (export) or some tasks could not be imported (nothing is
written then); 2 usage or setup error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corridor_ie.errors import CorridorError

from . import base

annotate_app = base.sub_app(
    "annotate", "Make and correct gold annotations in Label Studio: export tasks, import the annotators' work.")


@annotate_app.command("export")
def export_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Documents: files or folders (any format extract reads).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Label Studio tasks (JSON).")],
    config: Annotated[Path | None, typer.Option(
        "--config", help="Where to write the labeling configuration (default: labeling-config.xml beside -o).")] = None,
    gold: Annotated[list[Path] | None, typer.Option(
        "--gold", help="Gold folder(s): a document with a gold file gets it as an annotation to correct.")] = None,
    pipeline: base.PipelineOpt = None,
    gazetteers: base.GazetteersOpt = None,
) -> None:
    """Write Label Studio tasks (the cleaned text, the pipeline's mentions as pre-annotations) and the
    labeling configuration to create the project with.

    Example: corridor-ie annotate export examples/vi -o out/tasks.json
    """
    from corridor_ie.tools.annotate.config import labeling_config
    from corridor_ie.tools.annotate.export import export_tasks, iter_json
    from corridor_ie.tools.show import write_atomic

    for g in gold or []:
        if not g.is_dir():
            raise base.fail(f"{g}: no such gold folder")
    try:
        run = export_tasks(inputs, str(pipeline) if pipeline else None, base.gazetteer_paths(gazetteers), gold)
        config = config or output.with_name("labeling-config.xml")
        write_atomic(output, "".join(iter_json(run.tasks)))
        write_atomic(config, labeling_config())
    except CorridorError as e:
        raise base.fail(str(e)) from None
    except OSError as e:
        raise base.fail(f"{e.filename or output}: cannot write ({e.strerror or e})") from None
    gold_note = f" ({run.with_gold} with their gold as an annotation)" if gold else ""
    typer.echo(f"wrote {len(run.tasks)} task(s){gold_note} to {output}; labeling configuration: {config}")
    for f in run.failed:
        typer.echo(f"corridor-ie: error: {f}", err=True)
    if run.failed:
        raise typer.Exit(base.EXIT_SOME_FAILED)


@annotate_app.command("import")
def import_cmd(
    export: Annotated[Path, typer.Argument(help="A Label Studio export (JSON format) of the tasks.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Gold folder to write, e.g. annotations/examples.")],
    no_check: Annotated[bool, typer.Option(
        "--no-check", help="Do not check the mentions against the documents' current cleaned text.")] = False,
    pipeline: base.PipelineOpt = None,
) -> None:
    """Turn a Label Studio export into gold files (one per document, annotations/README.md format).

    Every region's offsets are checked against the task's text and the document's cleaned text; any
    mismatch is an error naming the task, and then nothing is written. A gold file already in the
    folder keeps its records (conferences, officials, commitments); its mentions are replaced.

    Example: corridor-ie annotate import out/label-studio-export.json -o out/gold
    """
    from corridor_ie.tools.annotate.gold import gold_json, import_export, merge_records, read_export
    from corridor_ie.tools.show import write_atomic

    clean_text = None if no_check else _clean_text(str(pipeline) if pipeline else None)
    try:
        run = import_export(read_export(export), clean_text)
    except ValueError as e:
        raise base.fail(str(e)) from None
    for w in run.warnings:
        typer.echo(f"warning: {w}", err=True)
    for s in run.skipped:
        typer.echo(f"skipped: {s}", err=True)
    if run.errors:
        for e in run.errors:
            typer.echo(f"corridor-ie: error: {e}", err=True)
        typer.echo(f"nothing written: {len(run.errors)} task(s) with errors", err=True)
        raise typer.Exit(base.EXIT_SOME_FAILED)
    try:
        for doc in run.docs:
            path = output / doc.name
            gold = merge_records(doc.gold, path) if path.is_file() else doc.gold
            write_atomic(path, gold_json(gold))
            typer.echo(f"wrote {path} ({'updated' if gold is not doc.gold else 'new'}, "
                       f"{len(gold.entities)} mentions)")
    except (OSError, ValueError) as e:
        raise base.fail(f"{output}: cannot write ({e})") from None


@annotate_app.command("config")
def config_cmd() -> None:
    """Print the Label Studio labeling configuration the exported tasks are made for.

    Example: corridor-ie annotate config > out/labeling-config.xml
    """
    from corridor_ie.tools.annotate.config import labeling_config

    typer.echo(labeling_config(), nl=False)


def _clean_text(pipeline: str | None):
    def clean(gold):
        from corridor_ie.api import clean_document, resources
        from corridor_ie.tools.annotations import raw_document

        try:
            return clean_document(raw_document(gold), resources(pipeline)).text
        except CorridorError as e:
            raise ValueError(str(e)) from None

    return clean


def register(app: typer.Typer) -> None:
    """Add the ``annotate`` sub-app to the main app."""
    app.add_typer(annotate_app, name="annotate")
