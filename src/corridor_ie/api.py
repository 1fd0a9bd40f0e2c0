"""Library entry points for scripts, notebooks and tests.

>>> from corridor_ie.api import extract_text
>>> recs = extract_text("Chiều 13/11/2023, Hội nghị hợp tác hành lang kinh tế lần thứ 10 bế mạc tại Hà Nội.")
>>> recs[0].record_type
'article'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from .config import load_pipeline
from .pipeline import Resources, load_resources, process_document
from .segment.stage import segment_document
from .tag.stage import tag_document
from .types import Meta, RawDoc, Source, TaggedDoc


@lru_cache(maxsize=4)
def resources(pipeline: str | None = None) -> Resources:
    """Resources for a pipeline file (default pipeline when None), loaded once."""
    return load_resources(load_pipeline(Path(pipeline) if pipeline else None))


def raw_text(text: str, *, lang: str | None = None, published: str | None = None, html: bool = False,
             path: str = "<text>") -> RawDoc:
    return RawDoc(doc_id=RawDoc.make_id(text.encode("utf-8")), source=Source(path=path), content=text,
                  media_type="text/html" if html else "text/plain", meta=Meta(lang=lang, published=published))


def extract_text(text: str, *, lang: str | None = None, published: str | None = None, html: bool = False,
                 pipeline: str | None = None) -> list[BaseModel]:
    """All records for one text (article first). Raises nothing: failures come back as errors."""
    result = process_document(raw_text(text, lang=lang, published=published, html=html), resources(pipeline))
    if result.errors and not result.records:
        raise ValueError(result.errors[0].reason)
    return result.records


def tag_text(text: str, *, lang: str | None = None, published: str | None = None,
             pipeline: str | None = None) -> TaggedDoc:
    """Clean, segment and tag a plain text; returns the TaggedDoc (mentions + spaCy Doc)."""
    from .ingest.stage import clean_document

    res = resources(pipeline)
    clean = clean_document(raw_text(text, lang=lang, published=published), res.cues,
                           max_html_depth=res.config.limits.max_html_depth,
                           fallback_min_ratio=res.config.clean.fallback_min_ratio)
    return tag_document(segment_document(clean), res.tag)
