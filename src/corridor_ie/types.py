"""Typed, frozen boundary objects that flow one way through the pipeline.

    RawDoc -> (screen) -> RawDoc, or RuledOut (the page cannot be about the corridor: it stops here)
    RawDoc -> (extract, normalise, clean) -> CleanDoc -> (language, prefilter, segment) -> SegmentedDoc
           -> (tag) -> TaggedDoc -> (assemble) -> records (pydantic, see ``records.py``)

Stages never mutate these objects; they return new ones (``dataclasses.replace``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

MediaType = Literal["text/html", "text/plain"]


@dataclass(frozen=True)
class Source:
    """Where a document came from. ``path`` carries ``#n`` for the n-th item of a JSONL/WARC file."""

    path: str
    url: str | None = None
    item: int | None = None  # 1-based record/line number inside a container file

    @property
    def location(self) -> str:
        return f"{self.path}#{self.item}" if self.item is not None else self.path


@dataclass(frozen=True)
class Meta:
    """Metadata given by the input (JSONL fields) or found in the page (trafilatura)."""

    title: str | None = None
    published: str | None = None  # ISO date string
    url: str | None = None
    sitename: str | None = None
    lang: str | None = None  # declared language, if the input says
    byline: str | None = None  # author / agency line (page metadata, or read out of a scrape's date line)


@dataclass(frozen=True)
class RawDoc:
    """One input document, decoded to text but otherwise untouched."""

    doc_id: str
    source: Source
    content: str
    media_type: MediaType
    meta: Meta = Meta()
    encoding: str | None = None  # the encoding the bytes were decoded from

    @staticmethod
    def make_id(data: bytes) -> str:
        """Stable document id: same input bytes, same id."""
        return hashlib.sha1(data).hexdigest()[:16]


@dataclass(frozen=True)
class RuledOut:
    """A page the screen found unrelated from its raw text, before any extraction."""

    raw: RawDoc
    lang: str  # the language, as far as cheap evidence tells ("und" when none does)
    reasons: tuple[str, ...]  # why (``gazetteer.relevance.decide``): what the page names instead


@dataclass(frozen=True)
class Removal:
    """A piece of the input the cleaner removed, and why (so a result can explain itself)."""

    kind: str  # e.g. "teaser_block", "share_residue", "image_filename", "credit", "caption"
    text: str
    reason: str


@dataclass(frozen=True)
class CleanDoc:
    """The body text (after ``clean``: boilerplate removed, NFC, and all later offsets point into it)."""

    doc_id: str
    source: Source
    text: str
    captions: tuple[str, ...] = ()
    meta: Meta = Meta()
    removed: tuple[Removal, ...] = ()
    encoding: str | None = None
    media_type: MediaType = "text/plain"  # of the input it came from


@dataclass(frozen=True)
class CharSpan:
    start: int
    end: int


@dataclass(frozen=True)
class SegmentedDoc:
    clean: CleanDoc
    lang: str
    sentences: tuple[CharSpan, ...]
    tokens: tuple[tuple[int, int], ...]  # (start, end) of syllables / words / Han characters: the Doc's tokens
    published: date | None = None  # best publication date known (meta or dateline)
    relevant: bool = True  # False when the prefilter or the tag stage found the page unrelated
    reasons: tuple[str, ...] = ()  # why it is (not) relevant (``gazetteer.relevance.decide``); () not judged
    paragraph_langs: tuple[tuple[int, int, str], ...] = ()  # lines in another language than ``lang``
    doc: Any = field(default=None, compare=False, hash=False, repr=False)  # the spaCy Doc of ``tokens``

    @property
    def text(self) -> str:
        return self.clean.text


@dataclass(frozen=True)
class Mention:
    """A tagged span of ``CleanDoc.text``. ``text == doc.text[start:end]`` always holds."""

    label: str  # PERSON, PLACE, BORDER_GATE, BORDER_GATE_PAIR, ORG, TITLE, SERIES, DATE, EDITION, ...
    start: int
    end: int
    text: str
    id: str | None = None
    value: Any = None  # canonical name, ISO date string, [gate ids], edition number ...
    method: str = "gazetteer"  # gazetteer | fuzzy | ascii | pattern | cue
    score: float = 1.0
    attrs: tuple[tuple[str, Any], ...] = field(default=())

    def attr(self, key: str, default: Any = None) -> Any:
        for k, v in self.attrs:
            if k == key:
                return v
        return default


@dataclass(frozen=True)
class TaggedDoc:
    seg: SegmentedDoc
    mentions: tuple[Mention, ...]
    gazetteer_version: str = ""
    spacy_doc: Any = field(default=None, compare=False, hash=False, repr=False)  # with the ``mentions`` span group

    @property
    def text(self) -> str:
        return self.seg.clean.text

    def of(self, *labels: str) -> list[Mention]:
        return [m for m in self.mentions if m.label in labels]
