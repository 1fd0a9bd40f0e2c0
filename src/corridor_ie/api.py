"""Library entry points for scripts, notebooks, tests and the tools (``corridor_ie.tools``).

This module is the one door from the tools into the extraction core: tools import the core's data
types (``records``, ``types``, ``errors``, ``config``, ``output``, ``gazetteer``) and, for anything a
stage does, the functions here.

>>> from corridor_ie.api import extract_text
>>> recs = extract_text("Chiều 13/11/2023, Hội nghị hợp tác hành lang kinh tế lần thứ 10 bế mạc tại Hà Nội.")
>>> recs[0].record_type
'article'
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from .pipeline import (
    DocResult,
    Resources,
    cached_resources,
    load_resources,
    process_document,
    read_inputs,
    run_documents,
    run_stages,
    run_until,
)
from .types import CleanDoc, Meta, RawDoc, Source, TaggedDoc

__all__ = [
    "DocResult", "Resources", "build_doc", "clean_document", "extract_text", "kind_cues", "language",
    "load_resources", "process_document", "raw_text", "read_inputs", "resources", "run_documents", "run_stages",
    "sino_vietnamese", "split_sentences", "tag_text", "tokenize",
]


def resources(pipeline: str | None = None, gazetteers: list[Path] | None = None, unrelated: str = "full") -> Resources:
    """Resources for a pipeline file (default pipeline when None), loaded once per process; ``gazetteers``
    (files or folders) replace the pipeline's own. Through the library an unrelated page is processed as
    far as the pipeline goes for it and gets its whole article record (``unrelated="full"``);
    ``corridor-ie extract`` writes a stub by default (``--unrelated``)."""
    override = tuple(str(Path(g).resolve()) for g in gazetteers) if gazetteers is not None else None
    return cached_resources(str(Path(pipeline)) if pipeline else None, override, _stamp(gazetteers or []), unrelated)


def _stamp(paths: list[Path]) -> str:
    """Size and modification time of the gazetteer files named: an edited gazetteer is loaded again."""
    out = []
    for p in map(Path, paths):
        for f in sorted(p.glob("*.jsonl")) if p.is_dir() else [p]:
            try:
                st = f.stat()
            except OSError:
                continue
            out.append(f"{f}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(out)


def raw_text(text: str, *, lang: str | None = None, published: str | None = None, html: bool = False,
             path: str = "<text>") -> RawDoc:
    return RawDoc(doc_id=RawDoc.make_id(text.encode("utf-8")), source=Source(path=path), content=text,
                  media_type="text/html" if html else "text/plain", meta=Meta(lang=lang, published=published))


def extract_text(text: str, *, lang: str | None = None, published: str | None = None, html: bool = False,
                 pipeline: str | None = None, unrelated: str | None = None) -> list[BaseModel]:
    """All records for one text (article first; for an unrelated text what ``unrelated`` says: "full",
    the library's default, "stub" or "omit"). Raises ValueError when the document failed."""
    result = process_document(raw_text(text, lang=lang, published=published, html=html), resources(pipeline),
                              unrelated)
    if result.errors and not result.records:
        raise ValueError(result.errors[0].reason)
    return result.records


def tag_text(text: str, *, lang: str | None = None, published: str | None = None,
             pipeline: str | None = None) -> TaggedDoc:
    """Clean, segment and tag a plain text; returns the TaggedDoc (mentions + spaCy Doc; an unrelated
    text is tagged as far as the pipeline goes for it, whatever the screen says)."""
    return run_stages(raw_text(text, lang=lang, published=published), resources(pipeline), build=False,
                      unrelated="full")[0]


def clean_document(raw: RawDoc, res: Resources | None = None) -> CleanDoc:
    """The document as the pipeline's ``extract``, ``normalise`` and ``clean`` stages leave it: its
    ``text`` is the one every offset in the records points into."""
    return run_until(raw, res or resources(), "clean")


def language(code: str, res: Resources | None = None):
    """The pipeline's ``Language`` object for an ISO 639-1 code (a neutral one for unknown codes)."""
    return (res or resources()).languages.get(code)


def split_sentences(text: str, lang: str, res: Resources | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as the pipeline splits them for ``lang``."""
    from .segment.sentences import split_sentences as split

    return split(text, (res or resources()).languages.get(lang))


def tokenize(text: str, lang: str, res: Resources | None = None) -> list[tuple[int, int]]:
    """Token spans of ``text`` as the pipeline tokenises ``lang``."""
    return (res or resources()).languages.get(lang).tokenize(text)


def build_doc(text: str, lang: str, res: Resources | None = None):
    """A spaCy ``Doc`` of ``text`` with the pipeline's tokens (for display)."""
    from .spacy_doc import build_doc as build

    res = res or resources()
    return build(text, tokenize(text, lang, res), res.shared.vocab)


def sino_vietnamese(han: str, res: Resources | None = None) -> str | None:
    """The Sino-Vietnamese reading of a name in Chinese characters ("陈士清" -> "Trần Sĩ Thanh"), or None."""
    return (res or resources()).shared.readings.reading(han)


def kind_cues() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The words the tagger reads right before and right after a name to tell its kind ("tỉnh", "county",
    "口岸"), as ``(before, after)``: kind -> words as written (``data/context.toml``)."""
    from importlib.resources import files

    from .tables import load_table
    from .tag.resolve import ContextTable

    table = load_table(files("corridor_ie.data").joinpath("context.toml"), ContextTable)
    return table.before, table.after
