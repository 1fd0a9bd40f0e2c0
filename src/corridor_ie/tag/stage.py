"""The ``prefilter`` and ``tag`` stages.

``prefilter`` (SegmentedDoc -> SegmentedDoc): the cheap relevance test (``prefilter.py``); a page that
names no corridor entity is marked unrelated and skips the stages after it.

``tag`` (SegmentedDoc -> TaggedDoc), each step a pure function in its own module:
1. gazetteer lookup on the segment stage's spaCy Doc (``gazetteer_match``), matches kept only where the
   languages' word boundaries allow (``Language.filter_matches``), and entry choice (``resolve``);
2. relevance: with the prefilter on, a page whose gazetteer names are no corridor entity stops here;
3. dates, editions, counts by the document's language (``dates``, ``editions``, ``quantities``);
4. persons not in a gazetteer (``persons``) and their fuzzy links (``link``);
5. gate pairs and cross-border links written as two sides (``gates``);
6. every mention is written into a copy of the Doc as the ``mentions`` span group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from importlib.resources import files

from spacy.tokens import Doc, SpanGroup

from ..gazetteer.compiled import is_relevant_entry
from ..gazetteer.store import Gazetteer
from ..lang import Language, Languages
from ..normalise import has_han, has_vietnamese_diacritics
from ..tables import load_table
from ..types import Mention, SegmentedDoc, TaggedDoc
from .dates import find_dates
from .editions import find_editions
from .gates import find_pairs
from .gazetteer_match import Candidate, GazetteerMatcher
from .link import PersonLinker
from .persons import find_persons
from .prefilter import Prefilter
from .quantities import find_quantities
from .resolve import ContextCues, ContextTable, context_cues, resolve
from .sinoviet import Readings


def is_relevant(mentions: list[Mention], gaz: Gazetteer) -> bool:
    return any((e := gaz.get(m.id)) is not None and is_relevant_entry(e) for m in mentions)


def _overlaps(a: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)


def allow_ascii(text: str, lang: Language) -> bool:
    """Whether diacritic-free gazetteer keys apply: a language that writes names without them, or a
    text that has no Vietnamese diacritics."""
    return lang.ascii_names or not has_vietnamese_diacritics(text[:2000])


@dataclass(frozen=True, eq=False)
class Tagger:
    """The tag stage's resources, built once per pipeline."""

    languages: Languages
    gazetteer: Gazetteer
    matcher: GazetteerMatcher
    linker: PersonLinker
    context: ContextCues
    readings: Readings
    relevance: bool  # the prefilter is on: an unrelated page stops after the gazetteer lookup

    def persons(self, text: str, lang: Language, gaz_mentions: list[Mention]) -> list[Mention]:
        titles = [(m.start, m.end) for m in gaz_mentions if m.label == "TITLE"]
        blocked = [(m.start, m.end) for m in gaz_mentions if m.label != "TITLE"]
        known = [(m.start, m.end) for m in gaz_mentions if m.label == "PERSON"]
        out = []
        for h in find_persons(text, lang, title_spans=titles, blocked=blocked):
            if any(h.start < e and s < h.end for s, e in known):
                continue
            attrs: tuple = (("cue", h.cue),)
            query = h.text
            if has_han(h.text):  # a Chinese name: link through its Sino-Vietnamese reading
                reading = self.readings.reading(h.text)
                if reading:
                    attrs += (("reading", reading),)
                    query = reading
            link = self.linker.link(query)
            if link:
                e = self.gazetteer.get(link.entry_id)
                out.append(Mention("PERSON", h.start, h.end, h.text, link.entry_id, e.canonical if e else h.text,
                                   "fuzzy", round(link.score / 100, 3), attrs + (("matched", link.matched_name),)))
            else:
                out.append(Mention("PERSON", h.start, h.end, h.text, None, h.text, "cue", h.score, attrs))
        return out

    def aligned(self, seg: SegmentedDoc, cands: list[Candidate]) -> list[Candidate]:
        """The matches every language of the page accepts (its own and its other lines')."""
        codes = dict.fromkeys([seg.lang, *(g for _, _, g in seg.paragraph_langs)])
        for code in codes:
            keep = self.languages.get(code).filter_matches(seg.text, [(c.start, c.end) for c in cands])
            cands = [c for c, ok in zip(cands, keep, strict=True) if ok]
        return cands

    def __call__(self, seg: SegmentedDoc) -> TaggedDoc:
        text, lang, gaz = seg.text, self.languages.get(seg.lang), self.gazetteer
        doc = seg.doc.copy()
        cands = self.aligned(seg, self.matcher.match(doc, allow_ascii=allow_ascii(text, lang)))
        gaz_mentions = resolve(text, cands, gaz, seg.published, self.context, lang.tokenize, list(seg.tokens))
        if self.relevance and not is_relevant(gaz_mentions, gaz):
            _span_group(doc, gaz_mentions)
            return TaggedDoc(replace(seg, relevant=False), tuple(gaz_mentions), gaz.version, doc)
        mentions = list(gaz_mentions)
        mentions += self.persons(text, lang, gaz_mentions)
        taken = [(m.start, m.end) for m in mentions if m.label in ("PERSON", "SERIES")]
        mentions += [m for m in _pattern_mentions(text, lang, seg.published) if not _overlaps(m, taken)]
        sentences = [(s.start, s.end) for s in seg.sentences]
        mentions += find_pairs(text, sorted(mentions, key=lambda m: m.start), sentences, gaz, self.context)
        mentions.sort(key=lambda m: (m.start, -m.end, m.label))
        _span_group(doc, mentions)
        return TaggedDoc(replace(seg, relevant=True), tuple(mentions), gaz.version, doc)


def _pattern_mentions(text: str, lang: Language, anchor: date | None) -> list[Mention]:
    out = [Mention("DATE", d.start, d.end, d.text, None, d.value, "pattern", 1.0,
                   (("kind", d.kind), ("part_of_day", d.part_of_day), ("year_source", d.year_source),
                    ("year_from", d.year_from)))
           for d in find_dates(text, lang, anchor)
           if not (d.kind == "relative" and d.value is None)]  # "hôm nay" means nothing without an anchor
    out += [Mention("EDITION", h.start, h.end, h.text, None, h.value, "pattern", 1.0, (("kind", h.kind),))
            for h in find_editions(text, lang)]
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


def load_context() -> ContextCues:
    return context_cues(load_table(files("corridor_ie.data").joinpath("context.toml"), ContextTable))


def make_tag(options, shared) -> Tagger:
    """Factory of the ``tag`` stage (``[tag] gazetteers``, ``fuzzy_threshold``)."""
    gaz = shared.gazetteer
    return Tagger(
        languages=shared.languages,
        gazetteer=gaz,
        matcher=GazetteerMatcher(gaz, shared.vocab, shared.compiled),
        linker=PersonLinker(gaz, options.fuzzy_threshold),
        context=load_context(),
        readings=shared.readings,
        relevance="prefilter" in shared.config.stages,
    )


def make_prefilter(options, shared) -> Callable[[SegmentedDoc], SegmentedDoc]:
    """Factory of the ``prefilter`` stage (no options): built from the same compiled gazetteer tables as
    the tag stage's matcher, so the two cannot disagree about a name."""
    quick = Prefilter.from_gazetteer(shared.gazetteer, shared.compiled)
    languages = shared.languages

    def prefilter(seg: SegmentedDoc) -> SegmentedDoc:
        if quick.might_be_relevant(seg.text, allow_ascii(seg.text, languages.get(seg.lang))):
            return seg
        return replace(seg, relevant=False)

    return prefilter
