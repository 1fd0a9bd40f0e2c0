"""Conference records: one per event a document reports or refers to (see ``events.py``).

Each fact is read from the parts of the event's sentences that concern it (``EventMention.spans``),
and stays null when the text does not state it: no host guessed from a dateline, no format guessed.

- host: the place of a host phrase ("do UBND TP. Hà Nội đăng cai", "tỉnh Hà Giang chủ trì tổ chức",
  "由…承办", "hosted by the Hanoi People's Committee");
- location: the first place right after a location cue ("tại thành phố Côn Minh", "在越南首都河内");
- dates: a range of days gives start and end, else a day gives the start; a referenced edition may be
  dated by its year only ("năm 2017" -> "2017");
- format, attendance, signed documents, topics: cue words and QUANTITY mentions in the event's spans.

Example::

    >>> from corridor_ie.api import extract_text
    >>> recs = extract_text("Hội nghị hợp tác hành lang kinh tế lần thứ 14 diễn ra theo hình thức trực tuyến.")
    >>> [(r.edition, r.format) for r in recs if r.record_type == "conference"]
    [(14, 'online')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..gazetteer.store import Gazetteer
from ..lang import Language
from ..lang.cues import EventCues
from ..records import ConferenceRecord, Evidence, Ref
from ..types import Mention, TaggedDoc
from .events import EventMention, Span, event_dates, inside, sentence_of, sentence_spans, subtract
from .mentions import joined
from .spans import date_parts, year_of

if TYPE_CHECKING:
    from .stage import DocContext

_CLAUSE = re.compile(r"[;:；：]")
_HOST_GAP = 160
_PHRASE_MAX = 200
_DOC_END = re.compile(r"[;:!?|。；：！？\n]|\.(?=\s|$)")


# --------------------------------------------------------------------------- shared helpers


def place_ref(m: Mention, gaz: Gazetteer) -> Ref:
    """A PLACE mention as ``{"id", "name"}`` with the gazetteer's canonical (Vietnamese) name."""
    e = gaz.get(m.id)
    return Ref(id=m.id, name=e.canonical if e else m.text)


_RANK = {"district": 0, "place": 0, "prefecture": 1, "province": 2, "country": 3}


def most_specific(places: list[Mention], gaz: Gazetteer) -> Mention | None:
    """The most specific place ("云南河口县": the county; "Côn Minh, Vân Nam": the city), first on ties."""
    def rank(m: Mention) -> int:
        e = gaz.get(m.id)
        return _RANK.get(e.type if e else m.attr("type"), 2)

    return min(places, key=rank) if places else None


def first_not_country(places: list[Mention], gaz: Gazetteer) -> Mention | None:
    """The first place that is not a country, else the first place (a host named among several)."""
    for m in places:
        e = gaz.get(m.id)
        if (e.type if e else m.attr("type")) != "country":
            return m
    return places[0] if places else None


def evidence(t: TaggedDoc, spans: tuple[Span, ...] | list[Span]) -> list[Evidence]:
    """Evidence for sentence spans, surrounding whitespace trimmed, in text order, de-duplicated."""
    out: list[Evidence] = []
    for s, e in sorted(set(spans)):
        piece = t.text[s:e]
        s2 = s + (len(piece) - len(piece.lstrip()))
        e2 = e - (len(piece) - len(piece.rstrip()))
        if e2 > s2:
            out.append(Evidence(start=s2, end=e2, text=t.text[s2:e2]))
    return out


def _places_in(t: TaggedDoc, a: int, b: int) -> list[Mention]:
    return [m for m in t.of("PLACE") if a <= m.start and m.end <= b]


# --------------------------------------------------------------------------- host and location


def _host_by_verb(t: TaggedDoc, span: Span, cues: EventCues, gaz: Gazetteer) -> Ref | None:
    text = t.text
    openers = cues.host_openers
    for verb in cues.host_verbs.finditer(text, *span):
        if cues.host_not_after.search(text, max(span[0], verb.start() - 12), verb.start()):
            continue  # "được tổ chức tại …" (passive), "các tổ chức" (a noun)
        lo = max(span[0], verb.start() - _HOST_GAP)
        clause = [c.end() for c in _CLAUSE.finditer(text, lo, verb.start())]
        lo = clause[-1] if clause else lo
        opened = [o.end() for o in openers.finditer(text, lo, verb.start())]
        if opened:
            start = opened[-1]
        else:
            commas = [c.end() for c in re.finditer(r"[,，]", text[lo:verb.start()])]
            start = lo + commas[-1] if commas else lo
        if any(start <= p.start < verb.start() for p in t.of("PERSON")):
            continue  # "Chủ tịch UBND tỉnh X Nguyễn Văn A chủ trì": a person chairs, no province hosts
        best = first_not_country(_places_in(t, start, verb.start()), gaz)
        if best:
            return place_ref(best, gaz)
    return None


def _host_by_prefix(t: TaggedDoc, span: Span, cues: EventCues, gaz: Gazetteer) -> Ref | None:
    for cue in cues.host_prefixes.finditer(t.text, *span):
        stop = re.search(r"[,.;:，。；：]", t.text[cue.end():span[1]])
        end = cue.end() + stop.start() if stop else span[1]
        best = first_not_country(_place_chain(t, cue.end(), min(end, cue.end() + 80), cues), gaz)
        if best:
            return place_ref(best, gaz)
    return None


def find_host(t: TaggedDoc, spans: tuple[Span, ...], gaz: Gazetteer, cues: EventCues) -> Ref | None:
    """The host place stated in ``spans`` (first host phrase wins), or None."""
    for span in spans:
        ref = _host_by_verb(t, span, cues, gaz) or _host_by_prefix(t, span, cues, gaz)
        if ref:
            return ref
    return None


def _place_chain(t: TaggedDoc, pos: int, end: int, cues: EventCues) -> list[Mention]:
    filler = cues.location_filler
    chain: list[Mention] = []
    for m in sorted(_places_in(t, pos, end), key=lambda m: m.start):
        gap = t.text[pos:m.start]
        if not filler.match(gap):
            break
        if cues.location_venue.search(gap):  # "tại Học viện X, tỉnh Y": the place X names the venue
            pos = m.end
            continue
        chain.append(m)
        pos = m.end
    return chain


def find_location(t: TaggedDoc, spans: tuple[Span, ...], gaz: Gazetteer, cues: EventCues) -> Ref | None:
    """The place right after the first location cue in ``spans`` that is followed by one."""
    for span in spans:
        for cue in cues.location_cues.finditer(t.text, *span):
            best = most_specific(_place_chain(t, cue.end(), span[1], cues), gaz)
            if best:
                return place_ref(best, gaz)
    return None


# --------------------------------------------------------------------------- format, attendance, documents


_CLAUSE_STOP = re.compile(r"[,，;；。.!?！？\n]")


def find_format(t: TaggedDoc, spans: tuple[Span, ...], cues: EventCues) -> str | None:
    """"online", "hybrid" or "in_person" when a format phrase is stated in ``spans``; not in the clause of
    a count of earlier editions ("… trực tiếp, sau hai lần tổ chức theo hình thức trực tuyến": those two
    were online)."""
    counts = []
    for c in t.of("EDITION"):
        if c.attr("kind") == "count":
            stop = _CLAUSE_STOP.search(t.text, c.end)
            counts.append((c.start, stop.start() if stop else len(t.text)))
    if counts:
        spans = tuple(p for span in spans for p in subtract(span, counts))
    for span in spans:
        if not cues.format_any.search(t.text, *span):  # most spans state none
            continue
        for phrase, value in cues.formats:  # the longest stated phrase wins
            if phrase.search(t.text, *span):
                return value
    return None


def find_attendance(t: TaggedDoc, spans: tuple[Span, ...], units: frozenset[str]) -> list[dict[str, Any]]:
    """QUANTITY mentions counting people or businesses at the event (``units``: normalised unit names)."""
    return [{"value": m.value, "unit": m.attr("unit"), "qualifier": m.attr("qualifier"), "text": m.text}
            for m in t.of("QUANTITY") if m.attr("unit") in units and inside(m, spans)]


def _document_phrase(t: TaggedDoc, noun: re.Match[str], span: Span, cues: EventCues) -> str:
    text = t.text
    end = min(span[1], noun.end() + _PHRASE_MAX)
    stop = _DOC_END.search(text, noun.end(), end)
    if stop:
        end = stop.start()
    word = cues.doc_stops.search(text, noun.end(), end)
    if word:
        end = word.start()
    if cues.spaced and cues.doc_cut_after_edition:
        eds = [m.end for m in t.of("EDITION") if noun.end() <= m.start and m.end <= end]
        if eds:
            end = eds[0]
    return text[noun.start():end].strip(" ,.;:–-")


def find_documents(t: TaggedDoc, spans: tuple[Span, ...], cues: EventCues) -> list[str]:
    """Documents signed at the event: "Biên bản Hội nghị …", "会议纪要", "minutes of …"."""
    out: list[str] = []
    for span in spans:
        for noun in cues.doc_nouns.finditer(t.text, *span):
            verbs = list(cues.doc_signing.finditer(t.text, max(span[0], noun.start() - cues.doc_window), noun.start()))
            if not verbs:
                continue
            if cues.doc_noun_last:
                phrase = t.text[verbs[-1].end():noun.end()].strip()
            else:
                phrase = _document_phrase(t, noun, span, cues)
            if phrase and phrase not in out:
                out.append(phrase)
    return out


def find_topics(t: TaggedDoc, spans: tuple[Span, ...], lang: Language) -> list[str]:
    """Sectors named in ``spans``."""
    out: list[str] = []
    for s, e in spans:
        for sector in lang.sectors.find(t.text[s:e]):
            if sector not in out:
                out.append(sector)
    return out


# --------------------------------------------------------------------------- records


def _dates(t: TaggedDoc, ev: EventMention, first: tuple[Span, ...], cues: EventCues,
           names: list[Span]) -> tuple[str | None, str | None]:
    """Days (or a range) first, from the edition's own words, then from the rest of its clauses. An
    edition named in passing: the words after its name first, even with a year only ("… adding that the
    11th will be held in 2025": not the "today" of the quote before it), then a day before it or in its
    clauses, then a month or year just before its name. A date before another meeting's noun is that
    meeting's ("Sáng 4/11, … chủ trì cuộc họp chuẩn bị tham dự Diễn đàn …")."""
    own = [(m.start, m.end) for m in ev.mentions]
    sents = sentence_spans(t)
    others = [(d.start, d.end) for d in t.of("DATE") if _before_other_meeting(t, d, own, names, cues, sents)
              or _opens_other_name(t.text, d, own, names, cues)]
    # "…召开第五届…交易会筹备工作会议": a name that qualifies another meeting's head noun right after it; the
    # dates before it in its sentence are that meeting's
    for m in ev.mentions:
        if _qualifies_other(t.text, m.end, m.clause[1], cues):
            i = sentence_of(sents, m.start)
            others += [(d.start, d.end) for d in t.of("DATE") if sents[i][0] <= d.start and d.end <= m.start]

    def cut(spans: tuple[Span, ...]) -> tuple[Span, ...]:
        return tuple(p for sp in spans for p in subtract(sp, others))

    first, lead_in, spans = cut(first), cut(ev.lead_in), cut(ev.spans)
    reported = ev.status == "reported"
    tries = [(spans, False)] if reported else [
        (first, False), (first, True), (lead_in, False), (spans, False), (lead_in, True)]
    for where, allow_year in tries:
        start, end = event_dates(t, where, allow_year=allow_year)
        if start is not None:
            return start, end
    return None, None


def _before_other_meeting(t: TaggedDoc, d: Mention, own: list[Span], names: list[Span], cues: EventCues,
                          sents: list[Span]) -> bool:
    """Whether a head noun outside every conference name stands between DATE ``d`` and the next name of
    this event in its sentence."""
    i = sentence_of(sents, d.start)
    after = [s for s, _ in own if d.end <= s < sents[i][1]]
    if not after:
        return False
    nxt = min(after)
    return any(not any(a <= h.start() < b for a, b in names) for h in cues.heads.finditer(t.text, d.end, nxt))


_OPENER_GAP = re.compile(r"\s*[,，、:：]\s*(?:the\s+)?", re.IGNORECASE)


def _opens_other_name(text: str, d: Mention, own: list[Span], names: list[Span], cues: EventCues) -> bool:
    """Whether a date opens another meeting's clause, only a comma between them ("Tiếp nối … lần thứ 3,
    sáng 12/9, Diễn đàn lần thứ 4 đã diễn ra", "…, on May 6, the 4th session was held"): that meeting's
    day, not one named before it (unless the two names are joined: "…论坛暨第三届…合作周")."""
    gap = _OPENER_GAP.match(text, d.end)
    if gap is None:
        return False
    other = next(((a, b) for a, b in names if a == gap.end()), None)
    if other is None or other in own:
        return False
    return not any(joined(text, other[1], a, cues) for a, _ in own if a >= other[1])


def _qualifies_other(text: str, end: int, limit: int, cues: EventCues) -> bool:
    """Whether a head noun follows a name within a few characters, with no punctuation between
    ("…交易会筹备工作会议"): the name qualifies another meeting."""
    gap_end = min(limit, end + 6)
    h = cues.heads.search(text, end, gap_end + 4)
    if h is None or not end < h.start() <= gap_end:
        return False
    gap = text[end:h.start()]
    return not re.search(r"[\s,，、;；。.!?()（）\d第]", gap) and not cues.joiners.search(gap)  # "…会议暨第三次…": joined


def _ahead(t: TaggedDoc, start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """A planned meeting's days whose year was read from the publication date (the nearest such day)
    fall after it: "将于10月19日…" in a March article is October of the same year, not of the year before."""
    pub = t.seg.published.isoformat() if t.seg.published else None
    if not start or not pub or year_of(start) is None or start[:len(pub)] >= pub[:len(start)]:
        return start, end
    anchored = any(m.attr("year_source") == "anchor" and (date_parts(m.value) or ("",))[0] == start
                   for m in t.of("DATE"))
    if not anchored:
        return start, end

    def nxt(iso: str | None) -> str | None:
        return f"{int(iso[:4]) + 1:04d}{iso[4:]}" if iso and iso[:4].isdigit() else iso

    return nxt(start), nxt(end)


def _with_year(iso: str | None, year: int) -> str | None:
    """A day stated without a year ("--02-22") in the year the event is named by."""
    return f"{year:04d}{iso[1:]}" if iso and iso.startswith("--") else iso


def conference_record(ctx: DocContext, ev: EventMention, others_near: tuple[Span, ...] = ()) -> ConferenceRecord:
    """The record of one event of the document; ``others_near`` are the words that follow the names of
    the document's other events (their facts, not this event's: "the eighth took place in X in 2017 and
    the ninth in 2019" places the eighth only)."""
    t, gaz, cues = ctx.t, ctx.gazetteer, ctx.lang.events
    series = gaz.get(ev.series_id)
    reported = ev.status == "reported"
    # an edition named in passing: its facts are what follows its name, else the rest of its clause
    first = ev.spans if reported or not ev.near else ev.near
    names = [(m.start, m.end) for m in ctx.mentions]
    start, end = _dates(t, ev, first, cues, names)
    if ev.status == "planned" and ev.year is None:
        start, end = _ahead(t, start, end)
    year = ev.year if ev.year is not None else (year_of(start) if start else None)
    if year is not None:  # "the 2023 Spring Meeting … on February 22": the year that names the event
        start, end = (_with_year(d, year) for d in (start, end))
    if series is not None:
        member_ids = list(series.members)
    else:
        member_ids = sorted({p for m in ev.mentions for p in m.participants if gaz.get(p) is not None})
    members = [Ref(id=mid, name=(gaz.get(mid).canonical if gaz.get(mid) else mid)) for mid in member_ids]
    statement = None
    if ev.status == "referenced" and ev.sentences:
        s, e = ev.sentences[0]
        statement = t.text[s:e].strip() or None
    return ConferenceRecord(
        doc_id=t.seg.clean.doc_id,
        event_id=ev.event_id,
        series_id=ev.series_id,
        series_name=series.canonical if series else ev.series_name,
        series_status="known" if series is not None else "provisional",
        edition=ev.edition,
        status=ev.status,
        host=find_host(t, ev.spans if reported else ev.lead_in + first, gaz, cues),
        location=find_location(t, first, gaz, cues) or find_location(
            t, tuple(p for sp in ev.spans for p in subtract(sp, list(others_near))), gaz, cues),
        start_date=start,
        end_date=end,
        year=year,
        format=find_format(t, ev.spans, cues),
        attendance=find_attendance(t, ev.spans, ctx.table.attendance_units),
        members=members,
        documents=find_documents(t, ev.spans, cues),
        topics=find_topics(t, ev.spans, ctx.lang),
        statement=statement,
        evidence=evidence(t, ev.sentences),
    )


def build_conferences(ctx: DocContext) -> list[ConferenceRecord]:
    """One conference record per event the document reports or refers to (reported first)."""
    return [conference_record(ctx, ev, tuple(p for other in ctx.events if other is not ev for p in other.near))
            for ev in ctx.events]
