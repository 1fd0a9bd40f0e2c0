"""The ``article`` record: one per document, whatever stages ran (the orchestrator writes it)."""

from __future__ import annotations

import re

from ..records import ISO_PARTIAL, ArticleRecord, Entity, SourceInfo
from ..types import Mention, TaggedDoc

_PARTIAL = re.compile(ISO_PARTIAL)


def entity_of(m: Mention) -> Entity:
    return Entity(label=m.label, text=m.text, start=m.start, end=m.end, id=m.id, value=m.value,
                  method=m.method, score=round(float(m.score), 3), reading=m.attr("reading"))


def published_of(t: TaggedDoc) -> str | None:
    """The full date the segment stage read, else a partial one the input or the page states ("2023-11")."""
    if t.seg.published:
        return t.seg.published.isoformat()
    given = t.seg.clean.meta.published
    return given if given and _PARTIAL.match(given) else None


def article_record(t: TaggedDoc, pipeline: str) -> ArticleRecord:
    c = t.seg.clean
    return ArticleRecord(
        doc_id=c.doc_id,
        source=SourceInfo(path=c.source.location, url=c.meta.url or c.source.url),
        lang=t.seg.lang,
        title=c.meta.title,
        published=published_of(t),
        byline=c.meta.byline,
        sitename=c.meta.sitename,
        text=c.text,
        captions=list(c.captions),
        relevant=t.seg.relevant,
        paragraph_langs=[{"start": s, "end": e, "lang": g} for s, e, g in t.seg.paragraph_langs],
        entities=[entity_of(m) for m in t.mentions],
        removed=[{"kind": r.kind, "text": r.text, "reason": r.reason} for r in c.removed],
        gazetteer_version=t.gazetteer_version,
        pipeline=pipeline,
    )
