"""The clean stage: RawDoc -> CleanDoc.

1. HTML pages go through trafilatura (``html.py``), keeping its metadata; plain text passes as is.
2. The text is normalised (``normalise.py``: NFC, spaces, zero-width characters).
3. One text-level cleaner (``boilerplate.py``) removes what leaks into article containers, for
   HTML output and plain text alike, and moves photo captions out of the text.
"""

from __future__ import annotations

from dataclasses import replace

from ..normalise import normalise
from ..types import CleanDoc, Meta, RawDoc
from .boilerplate import Cues, clean_text
from .html import extract_html


def _merge_meta(given: Meta, found: Meta) -> Meta:
    """Input fields (JSONL ``title``/``published``/``url``) win over what the page says."""
    return Meta(
        title=given.title or found.title,
        published=given.published or found.published,
        url=given.url or found.url,
        sitename=given.sitename or found.sitename,
        lang=given.lang or found.lang,
    )


def clean_document(raw: RawDoc, cues: Cues, *, max_html_depth: int, fallback_min_ratio: float) -> CleanDoc:
    captions: tuple[str, ...] = ()
    meta = raw.meta
    text = raw.content
    if raw.media_type == "text/html":
        page = extract_html(text, url=raw.meta.url or raw.source.url, max_depth=max_html_depth)
        text, captions, meta = page.text, page.captions, _merge_meta(raw.meta, page.meta)
    text, _fixes = normalise(text)
    result = clean_text(text, cues, fallback_min_ratio=fallback_min_ratio)
    title = meta.title
    if title is None and raw.media_type == "text/plain":
        first = result.text.split("\n", 1)[0].strip()
        title = first if 0 < len(first) <= 200 else None
    caps = tuple(normalise(c)[0] for c in captions) + result.captions
    sitename = normalise(meta.sitename)[0] if meta.sitename else None
    return CleanDoc(
        doc_id=raw.doc_id, source=raw.source, text=result.text, captions=caps,
        meta=replace(meta, title=normalise(title)[0].strip() if title else None, sitename=sitename),
        removed=result.removed, encoding=raw.encoding,
    )
