"""The ``article`` record: one per document, whatever stages ran (the orchestrator writes it)."""

from __future__ import annotations

from ..records import ArticleRecord, Entity, SourceInfo
from ..types import Mention, TaggedDoc


def entity_of(m: Mention) -> Entity:
    return Entity(label=m.label, text=m.text, start=m.start, end=m.end, id=m.id, value=m.value,
                  method=m.method, score=round(float(m.score), 3), reading=m.attr("reading"))


def article_record(t: TaggedDoc, pipeline: str) -> ArticleRecord:
    c = t.seg.clean
    return ArticleRecord(
        doc_id=c.doc_id,
        source=SourceInfo(path=c.source.location, url=c.meta.url or c.source.url),
        lang=t.seg.lang,
        title=c.meta.title,
        published=t.seg.published.isoformat() if t.seg.published else None,
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
