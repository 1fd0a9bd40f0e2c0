"""The build stage: TaggedDoc -> validated records (article first, then conference, official, commitment).

Each builder is a pure function ``build(tagged, ctx) -> list[Model]``; a record that fails validation
is reported (``RecordProblem``), never written half-formed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from ..gazetteer.store import Gazetteer
from ..records import ArticleRecord, Entity, SourceInfo
from ..types import TaggedDoc


@dataclass(frozen=True)
class BuildContext:
    gazetteer: Gazetteer
    pipeline: str
    records: tuple[str, ...] = ("conference", "official", "commitment")


@dataclass(frozen=True)
class RecordProblem:
    record_type: str
    reason: str


@dataclass
class BuildResult:
    records: list[BaseModel] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)


def entity_of(m) -> Entity:
    return Entity(label=m.label, text=m.text, start=m.start, end=m.end, id=m.id, value=m.value,
                  method=m.method, score=round(float(m.score), 3), reading=m.attr("reading"))


def build_article(t: TaggedDoc, ctx: BuildContext) -> ArticleRecord:
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
        pipeline=ctx.pipeline,
    )


Builder = Callable[[TaggedDoc, BuildContext], list[BaseModel]]


def _builders() -> dict[str, Builder]:
    from .commitment import build_commitments
    from .conference import build_conferences
    from .official import build_officials

    return {"conference": build_conferences, "official": build_officials, "commitment": build_commitments}


def build_records(t: TaggedDoc, ctx: BuildContext) -> BuildResult:
    out = BuildResult()
    out.records.append(build_article(t, ctx))
    if not t.seg.relevant:
        return out
    builders = _builders()
    for kind in ctx.records:
        try:
            out.records.extend(builders[kind](t, ctx))
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            out.problems.append(RecordProblem(kind, f"{kind} record failed validation: {where}: {err['msg']}"))
    return out
