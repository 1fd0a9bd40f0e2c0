"""Library entry points for scripts, notebooks and tests.

>>> from corridor_ie.api import extract_text
>>> recs = extract_text("Chiều 13/11/2023, Hội nghị hợp tác hành lang kinh tế lần thứ 10 bế mạc tại Hà Nội.")
>>> recs[0].record_type
'article'
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from .pipeline import Resources, cached_resources, process_document, run_stages
from .types import Meta, RawDoc, Source, TaggedDoc


def resources(pipeline: str | None = None) -> Resources:
    """Resources for a pipeline file (default pipeline when None), loaded once per process."""
    return cached_resources(str(Path(pipeline)) if pipeline else None)


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
    return run_stages(raw_text(text, lang=lang, published=published), resources(pipeline), build=False)[0]
