"""The flat tables of ``corridor-ie export``: their columns, types and meaning, defined once.

``docs/export.md`` contains :func:`markdown` (a test checks it), and the Arrow schemas every writer
uses come from here.

Example:
    >>> [t.name for t in TABLES][:3]
    ['articles', 'mentions', 'conferences']
    >>> SCHEMAS["commitment_sectors"].names
    ['commitment_id', 'doc_id', 'event_id', 'sector']
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

S, INT, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_TYPE_NAME = {S: "text", INT: "integer", F: "number", B: "boolean"}


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([(c.name, c.type) for c in self.columns])


def _t(name: str, doc: str, *columns: tuple[str, pa.DataType, str]) -> Table:
    return Table(name, doc, tuple(Column(*c) for c in columns))


DOC_ID = ("doc_id", S, "the document (`articles.doc_id`)")
EVENT_ID = ("event_id", S, "the conference edition (`series#edition` or `series@year`), null when none is named")

TABLES: tuple[Table, ...] = (
    _t("articles", "One row per input document.",
       DOC_ID,
       ("path", S, "the input file (`file#n` for the n-th item of a JSONL or WARC file)"),
       ("url", S, "the page's URL, when known"),
       ("name", S, "how tools name the document: its URL, else its path"),
       ("lang", S, "language of the body (`vi`, `zh`, `en`, …)"),
       ("title", S, "the headline"),
       ("published", S, "publication date (ISO, possibly partial)"),
       ("byline", S, "author or agency line"),
       ("sitename", S, "the site's name"),
       ("relevant", B, "false when the page names no corridor entity (the expensive stages were skipped)"),
       ("chars", INT, "length of `text` in characters"),
       ("mentions", INT, "number of tagged mentions"),
       ("text", S, "the cleaned body (evidence offsets point into it)"),
       ("gazetteer_version", S, "content hash of the gazetteers it was tagged with"),
       ("schema_version", S, "the records' schema version")),
    _t("mentions", "One row per tagged mention (entity) of an article.",
       DOC_ID,
       ("mention_no", INT, "1-based position of the mention in the article's list"),
       ("label", S, "`PERSON`, `PLACE`, `BORDER_GATE`, `BORDER_GATE_PAIR`, `ORG`, `DATE`, …"),
       ("text", S, "the mention as written"),
       ("start", INT, "character offset in `articles.text`"),
       ("end", INT, "end offset (exclusive)"),
       ("entity_id", S, "the gazetteer id it resolved to, or null"),
       ("value", S, "the normalised value (a JSON string for lists, e.g. the two gates of a pair)"),
       ("method", S, "how it was found: gazetteer, fuzzy, ascii, cue, pattern"),
       ("score", F, "match score (1.0 exact)"),
       ("reading", S, "Sino-Vietnamese reading of a Chinese name")),
    _t("conferences", "One row per conference record: an edition as one document reports, announces or mentions it.",
       ("conference_id", S, "`doc_id/e<n>`: the n-th conference record of the document"),
       DOC_ID, EVENT_ID,
       ("series_id", S, "the series: a gazetteer id, or a provisional id read from the text"),
       ("series_name", S, "the series' name"),
       ("series_status", S, "`known` (a gazetteer series) or `provisional`"),
       ("edition", INT, "the edition number, or null for a series numbered by year"),
       ("year", INT, "the year it was (or will be) held"),
       ("status", S, "`reported`, `planned` or `referenced` (mentioned in passing)"),
       ("host_id", S, "who organises or chairs: gazetteer id"),
       ("host_name", S, "… and canonical name"),
       ("location_id", S, "where it is held: gazetteer id"),
       ("location_name", S, "… and canonical name"),
       ("start_date", S, "ISO date, possibly partial"),
       ("end_date", S, "ISO date, possibly partial"),
       ("format", S, "`in_person`, `online`, `hybrid` or null"),
       ("attendance", S, "the reported attendance figures (JSON list of `{value, unit, qualifier, text}`)"),
       ("documents_signed", S, "documents signed (JSON list of strings)"),
       ("topics", S, "topics (JSON list of strings)"),
       ("statement", S, "for a referenced edition: what the sentence says about it")),
    _t("conference_members", "One row per member locality of a conference record.",
       ("conference_id", S, "the conference record (`conferences.conference_id`)"),
       DOC_ID, EVENT_ID,
       ("member_id", S, "gazetteer id of the member"),
       ("member_name", S, "its canonical name")),
    _t("officials", "One row per official acting in a document.",
       ("official_id", S, "`doc_id/o<n>`: the n-th official record of the document"),
       DOC_ID, EVENT_ID,
       ("name", S, "the name as written"),
       ("person_id", S, "gazetteer id: the same person spelled two ways has one id"),
       ("link", S, "how the name was linked: exact, fuzzy, ascii, none"),
       ("title", S, "the office as written"),
       ("organization", S, "the organisation as written"),
       ("jurisdiction_id", S, "the province or city of the office: gazetteer id"),
       ("jurisdiction_name", S, "… and canonical name"),
       ("country", S, "ISO 3166 alpha-2 (`VN`, `CN`)"),
       ("roles", S, "what they did at the event, comma-separated (chaired, spoke, reported, signed, attended, hosted)")),
    _t("commitments", "One row per agreed, proposed, requested or completed action.",
       ("commitment_id", S, "`doc_id/c<n>`: the n-th commitment record of the document"),
       DOC_ID, EVENT_ID,
       ("action", S, "the action as stated, trimmed to its clause"),
       ("deadline", S, "ISO partial date, or null"),
       ("modality", S, "`agreed`, `proposed`, `requested`, `completed` or null")),
    _t("commitment_sectors", "One row per sector of a commitment (vocabulary: `src/corridor_ie/data/sectors.toml`).",
       ("commitment_id", S, "the commitment (`commitments.commitment_id`)"),
       DOC_ID, EVENT_ID,
       ("sector", S, "the sector")),
    _t("commitment_actors", "One row per actor of a commitment (who commits or is asked to act).",
       ("commitment_id", S, "the commitment (`commitments.commitment_id`)"),
       DOC_ID, EVENT_ID,
       ("actor_id", S, "gazetteer id, or null for a group named as written (\"các bên\")"),
       ("actor_name", S, "canonical name, or the words of the text")),
    _t("commitment_objects", "One row per object a commitment is about: gate pairs, links, projects, places.",
       ("commitment_id", S, "the commitment (`commitments.commitment_id`)"),
       DOC_ID, EVENT_ID,
       ("object_id", S, "gazetteer id, or null for a project not in a gazetteer"),
       ("object_name", S, "canonical name, or the words of the text"),
       ("object_kind", S, "`gate_pair`, `border_gate`, `place`, … (from the id), null when unlinked")),
    _t("event_documents", "One row per (conference edition, document): which documents speak of which edition, "
                          "and how much of it they report.",
       EVENT_ID, DOC_ID,
       ("series_id", S, "the series"),
       ("series_status", S, "`known` or `provisional`"),
       ("edition", INT, "the edition number"),
       ("year", INT, "the year"),
       ("status", S, "how the document speaks of it: `reported`, `planned`, `referenced`"),
       ("officials", INT, "officials the document gives for this edition"),
       ("commitments", INT, "commitments the document gives for this edition")),
    _t("evidence", "One row per evidence span of a conference, official or commitment record.",
       ("record_id", S, "`conference_id`, `official_id` or `commitment_id`"),
       DOC_ID,
       ("record_type", S, "`conference`, `official` or `commitment`"),
       ("start", INT, "character offset in `articles.text`"),
       ("end", INT, "end offset (exclusive)"),
       ("text", S, "the evidence text: `articles.text[start:end]`")),
)
SCHEMAS: dict[str, pa.Schema] = {t.name: t.schema for t in TABLES}


def markdown() -> str:
    """The tables as Markdown (one section per table: its meaning, then its columns)."""
    out = []
    for t in TABLES:
        out += [f"### `{t.name}`", "", t.doc, "", "| column | type | meaning |", "|---|---|---|"]
        out += [f"| `{c.name}` | {_TYPE_NAME[c.type]} | {c.doc} |" for c in t.columns]
        out.append("")
    return "\n".join(out)
