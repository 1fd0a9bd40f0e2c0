"""``corridor-ie gazetteer …``: validate, suggest, add, alias, show, search (thin wrappers over
:mod:`corridor_ie.tools.gazetteer`).

The app calls ``register(app)``. Problems are printed one per line as
``file:line: message (hint: how to fix)``. Exit codes: 0 ok; 1 problems found or a write refused;
2 usage or setup error (missing file, unknown id, invalid entry).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from corridor_ie.errors import CorridorError

from . import base

EXIT_PROBLEMS = base.EXIT_SOME_FAILED  # problems found, or a write refused

GazetteerOpt = Annotated[
    Path | None,
    typer.Option("--gazetteers", "-g", help="Gazetteer folder (default: the default pipeline's)."),
]


def default_paths() -> list[Path]:
    """The gazetteer paths of the default pipeline, resolved."""
    from corridor_ie.config import load_pipeline

    cfg = load_pipeline()
    return [cfg.resolve(p).resolve() for p in cfg.stage_options("tag").gazetteers]


def _folder(gazetteers: Path | None) -> Path:
    if gazetteers is not None:
        return gazetteers
    dirs = [p for p in default_paths() if p.is_dir()]
    if not dirs:
        raise base.fail("the default pipeline names no gazetteer folder (give one with --gazetteers)")
    return dirs[0]


def _refused(e: CorridorError) -> typer.Exit:
    from corridor_ie.tools.gazetteer.edit import EditRefused

    if isinstance(e, EditRefused):
        for p in e.problems:
            typer.echo(str(p), err=True)
        return base.fail(str(e), EXIT_PROBLEMS)
    return base.fail(str(e))


gazetteer_app = typer.Typer(
    name="gazetteer",
    help="Check, extend and search the gazetteers (names of places, gates, people, organisations).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@gazetteer_app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Gazetteer files or folders.")] = None,
) -> None:
    """Report every problem of the gazetteer files as file:line: message (hint: …).

    A file named alone is checked together with the other files of its folder (for ids it refers
    to and names it shares), but only its own problems are listed. Exit 1 when there are problems.

    Example: corridor-ie gazetteer validate gazetteers/persons.jsonl
    """
    from corridor_ie.tools.gazetteer.validate import summarise

    targets = [p.resolve() for p in paths] if paths else default_paths()
    context = [p.parent for p in targets if p.is_file()]
    try:
        problems, summary = summarise(targets, context)
    except CorridorError as e:
        raise base.fail(str(e)) from None
    if problems:
        for p in problems:
            typer.echo(str(p))
        files = len({p.path for p in problems})
        typer.echo(f"{len(problems)} problem(s) in {files} file(s)", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo(str(summary))


@gazetteer_app.command()
def suggest(
    corpus: Annotated[list[str], typer.Argument(help="Files or folders of articles to extract.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write suggestions as JSON Lines.")] = None,
    pipeline: Annotated[Path | None, typer.Option("--pipeline", "-p", help="Pipeline file (TOML).")] = None,
    min_score: Annotated[float, typer.Option("--min-score", min=0, max=1,
                                             help="Lowest similarity (0..1) proposed as an alias.")] = 0.85,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Show only the N most frequent.")] = None,
) -> None:
    """Propose new entries and aliases for the names a corpus mentions but the gazetteers lack.

    Example: corridor-ie gazetteer suggest examples/vi -o out/suggestions.jsonl
    """
    from corridor_ie.tools.gazetteer.suggest import suggest_corpus

    try:
        run = suggest_corpus(corpus, str(pipeline) if pipeline else None, min_score)
    except CorridorError as e:
        raise base.fail(str(e)) from None
    items = run.suggestions[:limit] if limit else run.suggestions
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8") as fh:
            for s in items:
                fh.write(s.model_dump_json() + "\n")
        typer.echo(f"wrote {len(items)} suggestion(s) to {output}")
    else:
        typer.echo("\n\n".join(s.block() for s in items))
    failed = f", {run.failed} failed" if run.failed else ""
    typer.echo(f"{run.documents} document(s){failed}; {len(run.suggestions)} suggestion(s)", err=True)


@gazetteer_app.command()
def add(
    type_: Annotated[str, typer.Option("--type", "-t", help="Entry type: person, org, place, border_gate, …")],
    id_: Annotated[str, typer.Option("--id", help="New id, e.g. person.vn.nguyen-van-a (see gazetteers/README.md).")],
    vi: Annotated[str, typer.Option("--vi", help="Vietnamese (display) name.")],
    zh: Annotated[str | None, typer.Option("--zh", help="Chinese name, simplified.")] = None,
    zh_hant: Annotated[str | None, typer.Option("--zh-hant", help="Chinese name, traditional.")] = None,
    en: Annotated[str | None, typer.Option("--en", help="English name.")] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Alias (repeatable); 'en:Name' for another "
                                                    "language than vi.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="Id of the containing unit.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="VN, CN, …")] = None,
    note: Annotated[str | None, typer.Option("--note", help="What an annotator should know.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Gazetteer file; a bare name is taken in the "
                                                "gazetteer folder (default: by type).")] = None,
    gazetteers: GazetteerOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Add a person even if the name is already a place, "
                                                        "organisation or series.")] = False,
) -> None:
    """Add a new entry, validated, to its gazetteer file (kept sorted by id).

    Example: corridor-ie gazetteer add --type person --id person.vn.nguyen-van-a --vi "Nguyễn Văn A" --country VN
    """
    from corridor_ie.tools.gazetteer.edit import add_entry, split_alias

    folder = _folder(gazetteers)
    aliases: dict[str, list[str]] = {}
    for a in alias or []:
        lang, name = split_alias(a)
        aliases.setdefault(lang, []).append(name)
    data = {"id": id_, "type": type_, "names": {"vi": vi, "zh": zh, "zh_hant": zh_hant, "en": en},
            "aliases": aliases, "country": country, "parent": parent, "note": note}
    try:
        res = add_entry(folder, data, file, force)
    except CorridorError as e:
        raise _refused(e) from None
    typer.echo(f"added {res.entry.id} at {res.path}:{res.line}")
    _remaining(res.remaining)


@gazetteer_app.command("alias")
def alias_cmd(
    entry_id: Annotated[str, typer.Argument(help="Id of the entry.")],
    name: Annotated[str, typer.Argument(help="The new alias, as written in news.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="vi, zh, zh_hant or en.")] = "vi",
    gazetteers: GazetteerOpt = None,
) -> None:
    """Add an alias to an existing entry (refused when it is already a name of that entry).

    Example: corridor-ie gazetteer alias person.vn.bui-van-khang "Bùi Văn Kháng"
    """
    from corridor_ie.tools.gazetteer.edit import add_alias

    try:
        res = add_alias(_folder(gazetteers), entry_id, name, lang)
    except CorridorError as e:
        raise _refused(e) from None
    typer.echo(f"added alias '{' '.join(name.split())}' ({lang}) to {res.entry.id} at {res.path}:{res.line}")
    _remaining(res.remaining)


def _remaining(n: int) -> None:
    if n:
        typer.echo(f"note: {n} problem(s) that were already in the gazetteer remain"
                   " (run `corridor-ie gazetteer validate`)", err=True)


@gazetteer_app.command()
def show(
    entry_id: Annotated[str, typer.Argument(help="Id of the entry.")],
    gazetteers: GazetteerOpt = None,
) -> None:
    """Print one entry, with the file and line it is on.

    Example: corridor-ie gazetteer show gate.vn.huu-nghi
    """
    from corridor_ie.tools.gazetteer.edit import entry_dict, read_folder, require

    try:
        found = require(read_folder([_folder(gazetteers)]), entry_id)
    except CorridorError as e:
        raise base.fail(str(e)) from None
    typer.echo(found.where)
    typer.echo(json.dumps(entry_dict(found.entry), ensure_ascii=False, indent=2))


@gazetteer_app.command()
def search(
    text: Annotated[str, typer.Argument(help="A name, with or without diacritics.")],
    type_: Annotated[str | None, typer.Option("--type", "-t", help="Only entries of this type.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Number of results.")] = 10,
    gazetteers: GazetteerOpt = None,
) -> None:
    """Find entries by any name or alias (fuzzy); prints score (0..1), id, name and the alias matched.

    Example: corridor-ie gazetteer search "bui van khang" --type person
    """
    from corridor_ie.tools.gazetteer.edit import read_folder
    from corridor_ie.tools.gazetteer.edit import search as search_entries

    try:
        hits = search_entries(read_folder([_folder(gazetteers)]), text, type_, limit)
    except CorridorError as e:
        raise base.fail(str(e)) from None
    if not hits:
        raise base.fail(f"no entry matches '{text}'", EXIT_PROBLEMS)
    width = max(len(h.entry_id) for h in hits)
    for h in hits:
        via = f"  (as '{h.matched}')" if h.matched != h.canonical else ""
        typer.echo(f"{h.score:.2f}  {h.entry_id:<{width}}  {h.canonical}{via}")


def register(app: typer.Typer) -> None:
    """Add the ``gazetteer`` sub-app to the main ``corridor-ie`` app.

    Example: ``register(app)`` in ``corridor_ie/cli/__init__.py``, then ``corridor-ie gazetteer validate``.
    """
    app.add_typer(gazetteer_app, name="gazetteer")
