"""The tag stage: SegmentedDoc -> TaggedDoc.

Steps (each a pure function in its own module):
1. gazetteer lookup on the spaCy Doc (``gazetteer_match``) and entry choice (``resolve``);
2. relevance: a page that names no corridor entity stops here (cheap path for unrelated news: the
   ``prefilter`` scan runs before the Doc is even built);
3. sentences (underthesea / regex), dates, editions, quantities (``dates``, ``editions``, ``quantities``);
4. persons not in a gazetteer (``persons``) and their fuzzy links (``link``);
5. gate pairs and cross-border links written as two sides (``gates``);
6. every mention is written into the Doc as the ``mentions`` span group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, SpanGroup

from ..gazetteer.store import Gazetteer
from ..normalise import has_han, has_vietnamese_diacritics
from ..segment import build_doc, split_sentences, zh
from ..types import CharSpan, Mention, SegmentedDoc, TaggedDoc
from . import sinoviet
from .dates import find_dates
from .editions import find_editions
from .gates import find_pairs
from .gazetteer_match import Candidate, GazetteerMatcher
from .link import PersonLinker
from .persons import PersonCues, find_persons
from .prefilter import Prefilter, is_relevant_entry
from .quantities import find_quantities
from .resolve import load_context_cues, resolve


@dataclass(frozen=True)
class TagResources:
    gazetteer: Gazetteer
    matcher: GazetteerMatcher
    linker: PersonLinker
    person_cues: PersonCues
    prefilter: bool = True
    quick: Prefilter | None = None  # the cheap test run before any Doc is built


def is_relevant(mentions: list[Mention], gaz: Gazetteer) -> bool:
    return any((e := gaz.get(m.id)) is not None and is_relevant_entry(e) for m in mentions)


def _overlaps(a: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)


def _persons(text: str, lang: str, res: TagResources, gaz_mentions: list[Mention]) -> list[Mention]:
    titles = [(m.start, m.end) for m in gaz_mentions if m.label == "TITLE"]
    blocked = [(m.start, m.end) for m in gaz_mentions if m.label != "TITLE"]
    known = [(m.start, m.end) for m in gaz_mentions if m.label == "PERSON"]
    out = []
    for h in find_persons(text, lang, res.person_cues, title_spans=titles, blocked=blocked):
        if any(h.start < e and s < h.end for s, e in known):
            continue
        attrs: tuple = (("cue", h.cue),)
        query = h.text
        if has_han(h.text):  # a Chinese name: link through its Sino-Vietnamese reading
            reading = sinoviet.reading(h.text)
            if reading:
                attrs += (("reading", reading),)
                query = reading
        link = res.linker.link(query)
        if link:
            e = res.gazetteer.get(link.entry_id)
            out.append(Mention("PERSON", h.start, h.end, h.text, link.entry_id, e.canonical if e else h.text,
                               "fuzzy", round(link.score / 100, 3), attrs + (("matched", link.matched_name),)))
        else:
            out.append(Mention("PERSON", h.start, h.end, h.text, None, h.text, "cue", h.score, attrs))
    return out


_ZH_LIST_GAP = re.compile(r"^[、，,和与及\s]?$")


def _zh_aligned(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Chinese matches must sit on jieba word boundaries (see ``segment.zh``); a name that is also a
    common word (和平, 新兴) counts only with a suffix (和平省) or inside a list of other names."""
    bounds = zh.boundaries(text)
    suffixes = load_context_cues().zh_suffixes
    aligned = [c for c in cands if not has_han(text[c.start:c.end])
               or zh.on_boundaries(c.start, c.end, text, bounds, suffixes)]
    doubtful = {c for c in aligned if has_han(text[c.start:c.end]) and zh.is_common_word(text[c.start:c.end])
                and not any(text.startswith(s, c.end) for s in suffixes)}
    sure = [c for c in aligned if c not in doubtful]
    listed = {c for c in doubtful if any(
        _ZH_LIST_GAP.match(text[o.end:c.start]) if o.end <= c.start else _ZH_LIST_GAP.match(text[c.end:o.start])
        for o in sure if o.end <= c.start or c.end <= o.start)}
    return [c for c in aligned if c not in doubtful or c in listed]


def _pattern_mentions(text: str, lang: str, anchor: date | None) -> list[Mention]:
    out = [Mention("DATE", d.start, d.end, d.text, None, d.value, "pattern", 1.0,
                   (("kind", d.kind), ("part_of_day", d.part_of_day), ("year_source", d.year_source)))
           for d in find_dates(text, lang, anchor)
           if not (d.kind == "relative" and d.value is None)]  # "hôm nay" means nothing without an anchor
    out += [Mention("EDITION", h.start, h.end, h.text, None, h.value, "pattern") for h in find_editions(text, lang)]
    out += [Mention("QUANTITY", q.start, q.end, q.text, None, q.value, "pattern", 1.0,
                    (("unit", q.unit), ("qualifier", q.qualifier))) for q in find_quantities(text, lang)]
    return out


def _span_group(doc: Doc, mentions: list[Mention]) -> None:
    spans = []
    for m in mentions:
        sp = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
        if sp is not None:
            spans.append(sp)
    doc.spans["mentions"] = SpanGroup(doc, name="mentions", spans=spans)


def tag_document(seg: SegmentedDoc, res: TagResources) -> TaggedDoc:
    text, lang = seg.text, seg.lang
    allow_ascii = lang == "en" or not has_vietnamese_diacritics(text[:2000])
    if res.prefilter and res.quick is not None and not res.quick.might_be_relevant(text, allow_ascii):
        return TaggedDoc(replace(seg, relevant=False), (), res.gazetteer.version, None)
    doc = build_doc(text, list(seg.tokens))
    cands = res.matcher.match(doc, allow_ascii=allow_ascii)
    if lang == "zh" or any(seg.paragraph_langs):  # Chinese text, or a page with a Chinese passage
        cands = _zh_aligned(text, cands)
    gaz_mentions = resolve(text, lang, cands, res.gazetteer, seg.published, list(seg.tokens))
    relevant = is_relevant(gaz_mentions, res.gazetteer) or not res.prefilter
    if not relevant:
        _span_group(doc, gaz_mentions)
        return TaggedDoc(replace(seg, relevant=False), tuple(gaz_mentions), res.gazetteer.version, doc)
    sentences = split_sentences(text, lang)
    seg = replace(seg, sentences=tuple(CharSpan(s, e) for s, e in sentences), relevant=True)
    mentions = list(gaz_mentions)
    mentions += _persons(text, lang, res, gaz_mentions)
    taken = [(m.start, m.end) for m in mentions if m.label in ("PERSON", "SERIES")]
    mentions += [m for m in _pattern_mentions(text, lang, seg.published) if not _overlaps(m, taken)]
    mentions += find_pairs(text, sorted(mentions, key=lambda m: m.start), sentences, res.gazetteer,
                           load_context_cues())
    mentions.sort(key=lambda m: (m.start, -m.end, m.label))
    _span_group(doc, mentions)
    return TaggedDoc(seg, tuple(mentions), res.gazetteer.version, doc)
