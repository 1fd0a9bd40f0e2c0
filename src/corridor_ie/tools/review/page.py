"""The review page of one document, and the index of a folder of them, built from the records
``extract`` writes (the article record and the records built from it, as JSON dicts).

A page shows, top to bottom: what the document is (title, source, language, date, relevance, gazetteer
version); a legend of the mention labels with their counts and a switch for inline labels; the cleaned
text as written, paragraph by paragraph, every mention highlighted (label, gazetteer id, canonical value
and how it was found on hover; label and id inline); then each record as a table whose every field links
to the span of the text it rests on (the mention of that id or value, the words of the field inside the
record's evidence, else the evidence sentence); what the cleaner removed and the captions, collapsed.
Every value is escaped (``markup.py``); the page runs no script and says so in its Content Security Policy.

Example:
    >>> article = {"record_type": "article", "doc_id": "d", "lang": "vi", "text": "Ông Bùi Văn A.",
    ...            "source": {"path": "a.txt"}, "entities": [{"label": "PERSON", "text": "Bùi Văn A",
    ...            "start": 4, "end": 13, "id": "person.vn.a", "value": "Bùi Văn A", "method": "gazetteer"}]}
    >>> page = render_page(Review(article, []))
    >>> '<mark id="m-0" class="m L-PERSON"' in page and ">Bùi Văn A</mark>" in page
    True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .layers import Span, render
from .markup import Markup, el, safe_id, safe_lang, safe_url

COLORS = {"PERSON": "#f9c74f", "PLACE": "#90be6d", "BORDER_GATE": "#43aa8b", "BORDER_GATE_PAIR": "#76c7c0",
          "LINK": "#b5e48c", "ORG": "#f8961e", "DATE": "#a2d2ff", "SERIES": "#cdb4db", "TITLE": "#ffd6a5",
          "EDITION": "#e0e0e0", "QUANTITY": "#e9e9e9"}
OTHER_COLOR = "#dddddd"
HIDDEN = {"record_type", "schema_version", "doc_id", "evidence"}
DATE_FIELDS = {"start_date", "end_date", "deadline", "published"}

CSS = """
body{font-family:system-ui,sans-serif;max-width:62em;margin:1em auto;padding:0 1em;line-height:1.6;color:#222}
header p{margin:.2em 0;color:#555}
.legend{display:flex;flex-wrap:wrap;gap:.4em;align-items:center;margin:.3em 0 .6em}
label[for=inline]{color:#555;font-size:.9em}
.legend span{padding:0 .4em;border-radius:3px}
.text p{white-space:pre-wrap;margin:.6em 0}
mark.m{padding:0 .1em;border-radius:3px;color:inherit}
#inline:checked ~ main mark.m:not(.cut)::after{content:attr(data-tag);font-size:.62em;font-weight:600;
 vertical-align:super;margin-left:.2em;color:#333;white-space:nowrap}
:target{outline:2px solid #d62828;background:#fff3b0}
span.ev:target,span.fs:target{outline:2px solid #d62828}
section.record{border-top:1px solid #ccc;margin-top:1em}
table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:.1em .8em .1em 0}
th{font-weight:600;color:#444}code{font-size:.85em;color:#555}
.evidence li{color:#444}details{margin:1em 0}small{color:#666}
.index td{padding-right:1.2em}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'"


@dataclass
class Review:
    """One document: its article record and the other records built from it (JSON dicts)."""

    article: dict[str, Any]
    records: list[dict[str, Any]] = field(default_factory=list)


def label_class(label: object) -> str:
    return f"L-{label}" if isinstance(label, str) and label in COLORS else "L-OTHER"


def _style() -> Markup:
    colors = "".join(f".L-{k}{{background:{v}}}" for k, v in COLORS.items()) + f".L-OTHER{{background:{OTHER_COLOR}}}"
    return el("style", None, Markup(CSS + colors))


def head(title: str, lang: object) -> Markup:
    return el("head", None,
              el("meta", {"charset": "utf-8"}),
              el("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}),
              el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
              el("title", None, title), _style())


def document(title: str, lang: object, body: list[object]) -> str:
    return "<!DOCTYPE html>" + el("html", {"lang": safe_lang(lang)}, head(title, lang), el("body", None, *body))


# --- values ---------------------------------------------------------------------------------------


def text_of(value: Any) -> str:
    """A field value as a reader writes it (never a Python repr)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        if "name" in value and set(value) <= {"id", "name"}:
            return str(value.get("name") or value.get("id") or "")
        if "text" in value and value.get("text"):
            return str(value["text"])
        return ", ".join(f"{k} {text_of(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, list | tuple):
        return ", ".join(text_of(v) for v in value)
    return str(value)


def _mention_tag(ent: dict[str, Any]) -> str:
    return " ".join(str(x) for x in (ent.get("label"), ent.get("id")) if x)


def _mention_title(ent: dict[str, Any]) -> str:
    parts = [_mention_tag(ent)]
    value = text_of(ent.get("value"))
    if value and value != ent.get("text"):
        parts.append(value)
    method = ent.get("method")
    if method:
        score = ent.get("score")
        parts.append(f"{method} {score:.2f}" if isinstance(score, int | float) else str(method))
    if ent.get("reading"):
        parts.append(f"reading {ent['reading']}")
    return " · ".join(parts)


# --- anchors: what each field links to --------------------------------------------------------------


@dataclass
class Anchors:
    """The spans of the text the page marks: mentions, evidence sentences and field words."""

    text: str
    entities: list[dict[str, Any]]
    spans: list[Span] = field(default_factory=list)

    def mention_for(self, value: Any, field_name: str, within: list[tuple[int, int]]) -> int | None:
        """Index of the mention that states ``value`` (an id, a date, an edition, a name), preferring one
        inside the record's evidence."""
        ids = _ids(value)
        strings = {text_of(value)} if isinstance(value, str) else set()
        hits = []
        for i, e in enumerate(self.entities):
            ev = e.get("value")
            if ids and (e.get("id") in ids or (isinstance(ev, list) and set(map(str, ev)) & ids)):
                hits.append(i)
            elif field_name in DATE_FIELDS and isinstance(ev, str) and isinstance(value, str) and (
                    ev == value or ev.startswith(value) or value in ev.split("/")):
                hits.append(i)
            elif field_name == "edition" and e.get("label") == "EDITION" and ev == value:
                hits.append(i)
            elif strings and e.get("text") in strings and e.get("label") in ("PERSON", "ORG", "PLACE", "TITLE"):
                hits.append(i)
        inside = [i for i in hits if any(s <= self.entities[i]["start"] and self.entities[i]["end"] <= e
                                         for s, e in within)]
        return (inside or hits or [None])[0]

    def words_for(self, value: str, within: list[tuple[int, int]]) -> tuple[int, int] | None:
        for s, e in within:
            i = self.text.find(value, s, e)
            if i >= 0:
                return i, i + len(value)
        return None


def _ids(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {str(value["id"])} if value.get("id") else set()
    if isinstance(value, list):
        return {i for v in value for i in _ids(v)}
    if isinstance(value, str) and re.fullmatch(r"[a-z]{2,}(\.[a-z0-9-]+)+", value):
        return {value}
    return set()


# --- the page -------------------------------------------------------------------------------------


def _evidence(rec: dict[str, Any], n: int) -> list[tuple[int, int]]:
    return [(e["start"], e["end"]) for e in rec.get("evidence") or [] if isinstance(e, dict)
            and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)][:n or None]


HEADING_FIELD = {"conference": "event_id", "official": "name", "commitment": "action"}


def _record_heading(rec: dict[str, Any]) -> str:
    kind = str(rec.get("record_type", "record"))
    name = text_of(rec.get(HEADING_FIELD.get(kind, "name")))
    name = name if len(name) <= 90 else name[:89] + "…"
    return f"{kind} · {name}" if name else kind


def _record_section(r: int, rec: dict[str, Any], anchors: Anchors) -> Markup:
    evidence = _evidence(rec, 0)
    for k, (s, e) in enumerate(evidence):
        anchors.spans.append(Span(s, e, "span", {"id": f"ev-{r}-{k}", "class": "ev"}, rank=0))
    rows = []
    for name, value in rec.items():
        if name in HIDDEN or value in (None, "", [], {}):
            continue
        shown = text_of(value)
        target = None
        if (m := anchors.mention_for(value, name, evidence)) is not None:
            target = f"m-{m}"
        elif isinstance(value, str) and len(value) > 1 and (w := anchors.words_for(value, evidence)):
            target = f"f-{r}-{safe_id(name)}"
            anchors.spans.append(Span(w[0], w[1], "span", {"id": target, "class": "fs"}, rank=1))
        elif evidence:
            target = f"ev-{r}-0"
        ids = sorted(_ids(value)) if name not in ("event_id",) else []
        cell: list[object] = [el("a", {"href": f"#{target}"}, shown) if target else shown]
        if ids and shown not in ids:
            cell += [" ", el("code", None, ", ".join(ids))]
        rows.append(el("tr", None, el("th", None, name), el("td", None, *cell)))
    ev_items = [el("li", None, el("a", {"href": f"#ev-{r}-{k}"}, " ".join(anchors.text[s:e].split())))
                for k, (s, e) in enumerate(evidence)]
    return el("section", {"class": "record", "id": f"r-{r}"},
              el("h3", None, _record_heading(rec)), el("table", None, *rows),
              el("ul", {"class": "evidence"}, *ev_items) if ev_items else None)


def _legend(entities: list[dict[str, Any]]) -> Markup:
    counts = Counter(str(e.get("label")) for e in entities)
    chips = [el("span", {"class": label_class(k)}, f"{k} {n}") for k, n in sorted(counts.items())]
    return el("div", {"class": "legend"}, el("strong", None, "Legend:"), *chips)


def _meta(article: dict[str, Any], records: list[dict[str, Any]]) -> list[Markup]:
    src = article.get("source") if isinstance(article.get("source"), dict) else {}
    url = src.get("url") if src else None
    link = safe_url(url)
    where = [src.get("path", "") if src else ""]
    if url:
        where += [" · ", el("a", {"href": link}, url) if link else str(url)]
    kinds = Counter(str(r.get("record_type")) for r in records)
    relevance = article.get("relevance") if isinstance(article.get("relevance"), dict) else {}
    facts = [f"lang {article.get('lang') or '?'}", f"published {article.get('published') or '?'}"]
    facts += [f"{k} {v}" for k, v in (("site", article.get("sitename")), ("byline", article.get("byline"))) if v]
    facts.append("about the corridor" if article.get("relevant", True) else "not about the corridor")
    if relevance and relevance.get("reasons"):
        facts.append("because " + ", ".join(map(str, relevance["reasons"])))
    facts.append(f"{len(article.get('entities') or [])} mentions")
    facts.append(", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no records")
    facts.append(f"gazetteer {article.get('gazetteer_version') or '?'}")
    if article.get("pipeline"):
        facts.append(f"pipeline {article['pipeline']}")
    return [el("p", None, *where), el("p", None, " · ".join(facts))]


def _collapsed(article: dict[str, Any]) -> list[Markup]:
    out = []
    removed = [r for r in article.get("removed") or [] if isinstance(r, dict)]
    if removed:
        rows = [el("tr", None, el("td", None, text_of(r.get("kind"))), el("td", None, text_of(r.get("reason"))),
                   el("td", None, text_of(r.get("text")))) for r in removed]
        out.append(el("details", {"id": "removed"}, el("summary", None, f"Removed by the cleaner ({len(removed)})"),
                      el("table", None, el("tr", None, el("th", None, "kind"), el("th", None, "why"),
                                           el("th", None, "text")), *rows)))
    captions = [c for c in article.get("captions") or [] if c]
    if captions:
        out.append(el("details", {"id": "captions"}, el("summary", None, f"Captions ({len(captions)})"),
                      el("ul", None, *[el("li", None, text_of(c)) for c in captions])))
    return out


def render_page(review: Review, index_href: str | None = None) -> str:
    """The standalone HTML review page of one document."""
    article = review.article
    text = article.get("text") or ""
    entities = [e for e in article.get("entities") or [] if isinstance(e, dict) and isinstance(e.get("start"), int)
                and isinstance(e.get("end"), int)]
    anchors = Anchors(text, entities)
    for i, ent in enumerate(entities):
        anchors.spans.append(Span(ent["start"], ent["end"], "mark", {
            "id": f"m-{i}", "class": f"m {label_class(ent.get('label'))}", "data-label": ent.get("label"),
            "data-id": ent.get("id"), "data-tag": _mention_tag(ent), "title": _mention_title(ent)}, rank=2))
    records = [r for r in review.records if isinstance(r, dict)]
    sections = [_record_section(r, rec, anchors) for r, rec in enumerate(records)]
    title = text_of(article.get("title")) or text_of((article.get("source") or {}).get("path")) or "document"
    nav = [el("p", None, el("a", {"href": index_href}, "← all documents"))] if index_href else []
    body: list[object] = [
        el("header", None, *nav, el("h1", None, title), *_meta(article, records)),
        el("input", {"type": "checkbox", "id": "inline", "checked": True}),
        el("label", {"for": "inline"}, "labels inline"), _legend(entities),
        el("main", None,
           el("div", {"class": "text", "lang": safe_lang(article.get("lang"))}, render(text, anchors.spans)),
           el("h2", None, f"Records ({len(records)})"), *(sections or [el("p", None, "No records.")]),
           *_collapsed(article)),
    ]
    return document(title, article.get("lang"), body)


@dataclass(frozen=True)
class IndexRow:
    href: str | None  # the page (None: the document failed)
    title: str
    source: str
    lang: str
    relevant: bool | None
    mentions: int
    records: dict[str, int]
    error: str | None = None


def render_index(rows: list[IndexRow], heading: str = "Review") -> str:
    """The index page of a folder of review pages."""
    head_row = el("tr", None, *[el("th", None, h) for h in
                                ("#", "document", "source", "lang", "corridor", "mentions", "records")])
    body = []
    for n, row in enumerate(rows, 1):
        name = el("a", {"href": row.href}, row.title) if row.href else row.title
        recs = ", ".join(f"{v} {k}" for k, v in sorted(row.records.items())) or ("failed" if row.error else "none")
        body.append(el("tr", None, el("td", None, str(n)), el("td", None, name), el("td", None, row.source),
                       el("td", None, row.lang), el("td", None, "" if row.relevant is None else
                                                     "yes" if row.relevant else "no"),
                       el("td", None, str(row.mentions)),
                       el("td", None, recs, *([el("br"), el("small", None, row.error)] if row.error else []))))
    failed = sum(1 for r in rows if r.error)
    summary = f"{len(rows)} documents" + (f", {failed} failed" if failed else "")
    return document(heading, "und", [el("h1", None, heading), el("p", None, summary),
                                     el("table", {"class": "index"}, el("thead", None, head_row),
                                        el("tbody", None, *body))])


def index_row(review: Review, href: str) -> IndexRow:
    a = review.article
    src = a.get("source") if isinstance(a.get("source"), dict) else {}
    return IndexRow(href, text_of(a.get("title")) or text_of(src.get("path")) or "document",
                    text_of(src.get("path")), text_of(a.get("lang")), bool(a.get("relevant", True)),
                    len(a.get("entities") or []), dict(Counter(str(r.get("record_type")) for r in review.records)))

