"""The ``extract``, ``normalise`` and ``clean`` stages: RawDoc -> CleanDoc.

1. ``extract``: HTML pages go through trafilatura (``html.py``), keeping captions and metadata apart;
   plain text passes as is.
2. ``normalise``: the text fixers (``normalise.py``: NFC, spaces, zero-width characters), on the body,
   the captions and the title.
3. ``clean``: one text-level cleaner (``boilerplate.py``) removes what leaks into article containers,
   for HTML output and plain text alike, and moves photo captions out of the text. For a plain-text
   scrape it also reads the page head: the title is the first headline-shaped line after the site
   chrome, and the date / source lines fill ``published`` and ``byline``. Input fields win over what
   the page says; a dateline left in the text gives ``published`` when nothing else did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from importlib.resources import files

from ..normalise import normalise
from ..tables import load_table
from ..types import CleanDoc, Meta, RawDoc
from .boilerplate import Cues, clean_text, load_cues
from .html import HtmlTable, extract_html


def _merge_meta(given: Meta, found: Meta) -> Meta:
    """Input fields (JSONL ``title``/``published``/``url``) win over what the page says."""
    return Meta(
        title=given.title or found.title,
        published=given.published or found.published,
        url=given.url or found.url,
        sitename=given.sitename or found.sitename,
        lang=given.lang or found.lang,
        byline=given.byline or found.byline,
    )


def extract(raw: RawDoc, table: HtmlTable, max_html_depth: int) -> CleanDoc:
    if raw.media_type != "text/html":
        return CleanDoc(doc_id=raw.doc_id, source=raw.source, text=raw.content, meta=raw.meta,
                        encoding=raw.encoding, media_type=raw.media_type)
    page = extract_html(raw.content, table, url=raw.meta.url or raw.source.url, max_depth=max_html_depth)
    return CleanDoc(doc_id=raw.doc_id, source=raw.source, text=page.text, captions=page.captions,
                    meta=_merge_meta(raw.meta, page.meta), encoding=raw.encoding, media_type=raw.media_type)


def normalised(doc: CleanDoc, steps: tuple[str, ...]) -> CleanDoc:
    meta = doc.meta
    title = normalise(meta.title, steps)[0].strip() if meta.title else None
    sitename = normalise(meta.sitename, steps)[0] if meta.sitename else None
    return replace(doc, text=normalise(doc.text, steps)[0], captions=tuple(normalise(c, steps)[0] for c in doc.captions),
                   meta=replace(meta, title=title, sitename=sitename))


def cleaned(doc: CleanDoc, cues: Cues, fallback_min_ratio: float) -> CleanDoc:
    scrape = doc.media_type == "text/plain"
    result = clean_text(doc.text, cues, fallback_min_ratio=fallback_min_ratio, scrape=scrape)
    meta = doc.meta
    if meta.title is None and scrape:
        meta = replace(meta, title=result.title)
    if not meta.byline and result.byline:
        meta = replace(meta, byline=result.byline)
    if not meta.published:
        found = result.published or cues.datelines.find(result.text)
        if found is not None:
            meta = replace(meta, published=found if isinstance(found, str) else found.isoformat())
    return replace(doc, text=result.text, captions=doc.captions + result.captions, meta=meta,
                   removed=doc.removed + result.removed)


def make_extract(options, shared) -> Callable[[RawDoc], CleanDoc]:
    """Factory of the ``extract`` stage (the HTML cues of ``data/html.toml``; ``[limits] max_html_depth``)."""
    table = load_table(files("corridor_ie.data").joinpath("html.toml"), HtmlTable)
    depth = shared.config.limits.max_html_depth
    return lambda raw: extract(raw, table, depth)


def make_normalise(options, shared) -> Callable[[CleanDoc], CleanDoc]:
    """Factory of the ``normalise`` stage (``[normalise] steps``: the fixers to apply, in order)."""
    steps = tuple(options.steps)
    return lambda doc: normalised(doc, steps)


def make_clean(options, shared) -> Callable[[CleanDoc], CleanDoc]:
    """Factory of the ``clean`` stage (``[clean] cue_files``, ``fallback_min_ratio``)."""
    months: dict[str, int] = {}
    for lang in shared.languages:
        months.update(lang.month_names())
    cues = load_cues([shared.config.resolve(p) for p in options.cue_files], months)
    ratio = options.fallback_min_ratio
    return lambda doc: cleaned(doc, cues, ratio)
