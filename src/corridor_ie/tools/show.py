"""Review one article: its cleaned text with mentions highlighted (spaCy's displaCy, ``span`` style,
which allows nested mentions), and the records built from it with their evidence.

Example:
    corridor-ie show examples/vi/joint-committee-14.txt --html out/review.html
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from corridor_ie.api import Resources, build_doc, run_stages
from corridor_ie.errors import InputNotFound, ReadError
from corridor_ie.ingest.readers import ReadFailure, iter_inputs
from corridor_ie.types import TaggedDoc

COLORS = {"PERSON": "#f9c74f", "PLACE": "#90be6d", "BORDER_GATE": "#43aa8b", "BORDER_GATE_PAIR": "#4d908e",
          "ORG": "#f8961e", "DATE": "#a2d2ff", "SERIES": "#cdb4db", "TITLE": "#ffd6a5", "EDITION": "#e0e0e0",
          "QUANTITY": "#e0e0e0", "LINK": "#b5e48c"}


@dataclass(frozen=True)
class Review:
    tagged: TaggedDoc
    records: list[BaseModel]


def review_document(path: str, res: Resources, item: int = 1) -> Review:
    """Run the pipeline on the ``item``-th document of ``path`` and keep the tagged Doc."""
    if path != "-" and not Path(path).exists():
        raise InputNotFound("no such file or directory", location=path)
    for n, doc in enumerate(iter_inputs([path], res.config.limits), 1):
        if n != item:
            continue
        if isinstance(doc, ReadFailure):
            raise doc.error
        tagged, built = run_stages(doc, res)
        return Review(tagged, built.records if built else [])
    raise ReadError(f"no document number {item}", location=path)


def _record_rows(records: list[BaseModel], text: str) -> str:
    rows = []
    for r in records[1:]:
        data = r.model_dump(mode="json", exclude={"evidence", "schema_version", "doc_id"})
        fields = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
                         for k, v in data.items() if v not in (None, [], ""))
        ev = "".join(f"<li>{html.escape(text[e.start:e.end])}</li>" for e in getattr(r, "evidence", []))
        rows.append(f"<section class='record'><h3>{html.escape(data['record_type'])}</h3>"
                    f"<table>{fields}</table><ul class='evidence'>{ev}</ul></section>")
    return "\n".join(rows)


def render_html(review: Review) -> str:
    """A standalone HTML page: highlighted text, then the records with their evidence."""
    from spacy import displacy

    doc = review.tagged.spacy_doc
    if doc is None:  # a page the prefilter skipped: show its text without mentions
        doc = build_doc(review.tagged.text, review.tagged.seg.lang)
        doc.spans["mentions"] = []
    body = displacy.render(doc, style="span", page=False, minify=True,
                           options={"spans_key": "mentions", "colors": COLORS})
    c = review.tagged.seg.clean
    title = html.escape(c.meta.title or c.source.location)
    return ("<!DOCTYPE html><html lang='" + review.tagged.seg.lang + "'><head><meta charset='utf-8'>"
            f"<title>{title}</title><style>body{{font-family:sans-serif;max-width:60em;margin:auto}}"
            "section.record{border-top:1px solid #ccc;margin-top:1em}th{text-align:left;padding-right:1em}"
            "</style></head><body>"
            f"<h1>{title}</h1><p>{html.escape(c.source.location)} · lang {review.tagged.seg.lang} · "
            f"{len(review.tagged.mentions)} mentions · {len(review.records) - 1} records</p>"
            f"<div class='text'>{body}</div><h2>Records</h2>{_record_rows(review.records, c.text)}"
            "</body></html>")


def render_text(review: Review) -> str:
    """Terminal form: the text with ``[mention](LABEL)`` marks (outermost mentions), then records."""
    t = review.tagged
    text = t.text
    out, pos = [], 0
    for m in sorted(t.mentions, key=lambda m: (m.start, -m.end)):
        if m.start < pos:
            continue
        out.append(text[pos:m.start])
        out.append(f"[{m.text}]({m.label}{':' + m.id if m.id else ''})")
        pos = m.end
    out.append(text[pos:])
    lines = ["".join(out), ""]
    for r in review.records[1:]:
        d = r.model_dump(mode="json", exclude={"evidence", "schema_version", "doc_id"})
        lines.append(" ".join(f"{k}={v}" for k, v in d.items() if v not in (None, [], "")))
    return "\n".join(lines)
