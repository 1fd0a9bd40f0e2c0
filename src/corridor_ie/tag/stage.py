"""The ``tag`` stage (the ``prefilter`` stage is ``prefilter.py``, apart: it must not load spaCy).

``tag`` (SegmentedDoc -> TaggedDoc), each step a pure function in its own module:
1. gazetteer lookup on the segment stage's spaCy Doc (``gazetteer_match``), matches kept only where the
   languages' word boundaries allow (``Language.filter_matches``), and entry choice (``resolve``);
2. relevance (``gazetteer.relevance.decide`` over the chosen entries' roles): when the pipeline judges
   relevance (it lists ``screen`` or ``prefilter``), an unrelated page stops here; the reasons go to
   the article record either way;
3. dates, editions, counts by the document's language (``dates``, ``editions``, ``quantities``);
4. persons not in a gazetteer (``persons``) and their fuzzy links (``link``); names of things named after a
   person dropped (``Language.names_a_thing``); links the office around a name contradicts undone
   (``link.check_links``);
5. gate pairs and cross-border links written as two sides (``gates``);
6. every mention is written into a copy of the Doc as the ``mentions`` span group.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from importlib.resources import files

from spacy.tokens import Doc, SpanGroup

from ..gazetteer.compiled import CompiledGazetteer
from ..gazetteer.relevance import decide
from ..gazetteer.store import Gazetteer
from ..lang import Language, Languages
from ..normalise import has_han
from ..tables import load_table
from ..types import Mention, SegmentedDoc, TaggedDoc
from .dates import find_dates
from .editions import find_editions
from .gates import find_pairs
from .gazetteer_match import Candidate, GazetteerMatcher
from .link import PersonLinker, check_links
from .persons import find_persons
from .prefilter import allow_ascii
from .quantities import find_quantities
from .resolve import ContextCues, ContextTable, context_cues, resolve
from .sinoviet import Readings


def relevance_of(mentions: list[Mention], tables: CompiledGazetteer) -> tuple[bool, tuple[str, ...]]:
    """The verdict on a page from the gazetteer entries chosen for its mentions, and its reasons."""
    return decide((role, m.id) for m in mentions if (role := tables.role(m.id)))


def _overlaps(a: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)


@dataclass(frozen=True, eq=False)
class Tagger:
    """The tag stage's resources, built once per pipeline."""

    languages: Languages
    gazetteer: Gazetteer
    matcher: GazetteerMatcher
    linker: PersonLinker
    context: ContextCues
    readings: Readings
    tables: CompiledGazetteer  # the relevance roles of the entries
    relevance: bool  # the pipeline judges relevance: an unrelated page stops after the gazetteer lookup

    def persons(self, text: str, lang: Language, gaz_mentions: list[Mention]) -> list[Mention]:
        titles = [(m.start, m.end) for m in gaz_mentions if m.label == "TITLE"]
        blocked = [(m.start, m.end) for m in gaz_mentions if m.label != "TITLE"]
        places = [(m.start, m.end) for m in gaz_mentions if m.label == "PLACE"]
        known = [(m.start, m.end) for m in gaz_mentions if m.label == "PERSON"]
        out = []
        for h in find_persons(text, lang, title_spans=titles, blocked=blocked, places=places):
            if any(h.start < e and s < h.end for s, e in known):
                continue
            attrs: tuple = (("cue", h.cue),)
            readings: list[str] = []
            if has_han(h.text):  # a Chinese name: link through its Sino-Vietnamese readings
                readings = self.readings.candidates(h.text, limit=4)
                if readings:
                    attrs += (("reading", readings[0]),)
            link, cands = self.linker.link(h.text, readings)
            if link:
                e = self.gazetteer.get(link.entry_id)
                out.append(Mention("PERSON", h.start, h.end, h.text, link.entry_id, e.canonical if e else h.text,
                                   "fuzzy", round(link.score / 100, 3), attrs + (("matched", link.matched_name),)))
            else:
                if cands:
                    attrs += (("candidates", tuple((c.entry_id, c.matched_name, round(c.score / 100, 3))
                                                   for c in cands)),)
                out.append(Mention("PERSON", h.start, h.end, h.text, None, h.text, "cue", h.score, attrs))
        return out

    def checked(self, seg: SegmentedDoc, lang: Language, mentions: list[Mention]) -> list[Mention]:
        """Persons that name a thing (a city, a street, a doctrine named after a person) dropped, and
        the person links the office written around a name contradicts undone."""
        text = seg.text
        mentions = [m for m in mentions if m.label != "PERSON" or not lang.names_a_thing(text, m.start, m.end)]
        return check_links(text, mentions, [(s.start, s.end) for s in seg.sentences], self.gazetteer, self.linker,
                           seg.published, lang)

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
        relevant, reasons = relevance_of(gaz_mentions, self.tables)
        if not self.relevance:
            relevant, reasons = True, ()
        if not relevant:
            gaz_mentions = self.checked(seg, lang, gaz_mentions)
            _span_group(doc, gaz_mentions)
            return TaggedDoc(replace(seg, relevant=False, reasons=reasons), tuple(gaz_mentions), gaz.version, doc)
        persons = self.persons(text, lang, gaz_mentions)
        # a place read inside a person's name (a given name that reads like one) is no place
        mentions = [m for m in gaz_mentions if m.label != "PLACE" or not _overlaps(m, [(p.start, p.end) for p in persons])]
        mentions = self.checked(seg, lang, mentions + persons)
        taken = [(m.start, m.end) for m in mentions if m.label in ("PERSON", "SERIES")]
        mentions += [m for m in _pattern_mentions(text, lang, seg.published) if not _overlaps(m, taken)]
        sentences = [(s.start, s.end) for s in seg.sentences]
        mentions += find_pairs(text, sorted(mentions, key=lambda m: m.start), sentences, gaz, self.context)
        mentions.sort(key=lambda m: (m.start, -m.end, m.label))
        _span_group(doc, mentions)
        return TaggedDoc(replace(seg, relevant=True, reasons=reasons), tuple(mentions), gaz.version, doc)


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
        tables=shared.compiled,
        relevance=judges_relevance(shared.config.stages),
    )


def judges_relevance(stages: list[str]) -> bool:
    """Whether a pipeline decides relevance (and so lets unrelated pages skip stages)."""
    return "screen" in stages or "prefilter" in stages
