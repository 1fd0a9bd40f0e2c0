"""The assemble stage: TaggedDoc -> conference, official and commitment records (the article record
is written by the orchestrator for every document, see ``article.py``).

The events a document reports or refers to are found once (``events.doc_events``) and handed to every
builder in a ``DocContext``; each builder is a pure function ``build(ctx) -> list[Model]``. A record
that fails validation is reported (``RecordProblem``), never written half-formed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.resources import files

from pydantic import BaseModel, ValidationError

from ..errors import ConfigError
from ..gazetteer.store import Gazetteer
from ..lang import Language
from ..tables import load_table
from ..types import TaggedDoc
from .commitment import build_commitments
from .conference import build_conferences
from .events import EventMention, doc_events
from .mentions import ConferenceMention, find_mentions
from .official import build_officials
from .series import SeriesIndex
from .tables import RecordsTable


@dataclass(frozen=True)
class DocContext:
    """Everything a record builder reads about one document."""

    t: TaggedDoc
    lang: Language
    gazetteer: Gazetteer
    events: tuple[EventMention, ...]
    table: RecordsTable
    mentions: tuple[ConferenceMention, ...] = ()  # every conference the text names, an event or not


@dataclass(frozen=True)
class RecordProblem:
    record_type: str
    reason: str


@dataclass
class Assembled:
    records: list[BaseModel] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)


Builder = Callable[[DocContext], list[BaseModel]]
BUILDERS: dict[str, Builder] = {
    "conference": build_conferences, "official": build_officials, "commitment": build_commitments,
}


def records_table() -> RecordsTable:
    """The shipped ``data/events.toml`` (the stage reads it once and passes it)."""
    return load_table(files("corridor_ie.data").joinpath("events.toml"), RecordsTable)


def series_index(gaz: Gazetteer, languages: Iterable[Language], table: RecordsTable) -> SeriesIndex:
    """The gazetteer's series by the mechanisms their names word, in every language (built once)."""
    return SeriesIndex.build(gaz, [lang.events for lang in languages], table)


def context_of(t: TaggedDoc, lang: Language, gaz: Gazetteer, table: RecordsTable | None = None,
               index: SeriesIndex | None = None, languages: Iterable[Language] | None = None) -> DocContext:
    """The builders' view of ``t``: its events found once, in the language's wording. ``index`` (else
    one built from ``languages``, else from ``lang`` alone) tells the gazetteer's series apart."""
    table = table or records_table()
    index = index or series_index(gaz, languages if languages is not None else [lang], table)
    found = find_mentions(t, lang.events, table)
    return DocContext(t, lang, gaz, tuple(doc_events(t, gaz, lang.events, table, index, found)), table, tuple(found))


def assemble(t: TaggedDoc, lang: Language, gaz: Gazetteer, table: RecordsTable,
             kinds: tuple[str, ...] = tuple(BUILDERS), index: SeriesIndex | None = None) -> Assembled:
    """The records of kinds ``kinds`` for one tagged document (nothing for an unrelated page)."""
    out = Assembled()
    if not t.seg.relevant or not kinds:
        return out
    ctx = context_of(t, lang, gaz, table, index)
    for kind in kinds:
        try:
            out.records.extend(BUILDERS[kind](ctx))
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            out.problems.append(RecordProblem(kind, f"{kind} record failed validation: {where}: {err['msg']}"))
    return out


def make_assemble(options, shared) -> Callable[[TaggedDoc], Assembled]:
    """Factory of the ``assemble`` stage (``[assemble] records``: which record types to build)."""
    table = records_table()
    kinds = tuple(options.records)
    _check_mechanisms(shared.languages, table)
    index = series_index(shared.gazetteer, shared.languages, table)

    def run(t: TaggedDoc) -> Assembled:
        return assemble(t, shared.languages.get(t.seg.lang), shared.gazetteer, table, kinds, index)

    return run


def _check_mechanisms(languages: Iterable[Language], table: RecordsTable) -> None:
    """Every mechanism a language words must be one of the vocabulary's (``data/events.toml``)."""
    known = set(table.mechanisms)
    for lang in languages:
        unknown = sorted({k for k, _ in lang.events.mechanisms} - known)
        if unknown:
            raise ConfigError(f"mechanisms.{unknown[0]}: not a mechanism of data/events.toml",
                              location=f"lang/{lang.code}/events.toml", hint="use a key of [mechanisms] in data/events.toml")
