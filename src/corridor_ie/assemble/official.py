"""Official records: one per person acting in an official capacity in a document.

For every PERSON mention the builder reads the office written around the name:

- before it, from the first TITLE/ORG/PLACE of the clause up to the name
  ("Phó Chủ tịch UBND tỉnh Quảng Ninh Bùi Văn Khắng", "云南省政协主席刘晓凯");
- after it, as an apposition that starts with a TITLE and runs to ";", the sentence end, the next
  person or a verb of saying ("Hoàng Gia Long, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch …, Chủ tịch …;").

Of a person's phrases the one naming a place wins, then the longest. The jurisdiction is the place in
it (else the gazetteer position valid at publication); roles come from verbs in the person's clause
(cue words in each language's ``events.toml``). A person with no title in the text and no gazetteer position is
not an official.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ..gazetteer.store import Gazetteer
from ..lang import Language
from ..lang.cues import EventCues
from ..lang.titles import CLAUSE_BREAK, TitleCues
from ..normalise import fold
from ..records import Candidate, OfficialRecord, Ref
from ..types import Mention, TaggedDoc
from .conference import evidence, place_ref
from .events import Span, reported_event, sentence_of, sentence_spans

if TYPE_CHECKING:
    from .stage import DocContext

ROLE_ORDER = ("chaired", "hosted", "spoke", "reported", "signed", "attended")
LINKS = {"gazetteer": "exact", "fuzzy": "fuzzy", "ascii": "ascii"}

_CLAUSE_START = re.compile(r"[,;:，；：、]")
_DASH_GLOSS = re.compile(r"\s+[-–—]\s+")
_APPOSITION_OPEN = re.compile(r"\s*(?:,|，|\s[-–—])\s*")
_APPOSITION_END = re.compile(r"[;；]|\.(?=\s|$)|。")
_TRIM = " ,，-–—:;"


@dataclass(frozen=True)
class TitlePhrase:
    """An office as written next to a name: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str
    mentions: tuple[Mention, ...]  # the TITLE / ORG / PLACE mentions inside it
    gloss: str | None = None  # the id of a country written as a gloss right after it ("(Trung Quốc)")

    def places(self) -> list[Mention]:
        return [m for m in self.mentions if m.label == "PLACE"]


def _phrase(t: TaggedDoc, start: int, end: int, need_title: bool = True) -> TitlePhrase | None:
    raw = t.text[start:end]
    s = start + len(raw) - len(raw.lstrip(_TRIM))
    e = end - (len(raw) - len(raw.rstrip(_TRIM)))
    if e <= s:
        return None
    inner = tuple(m for m in t.mentions if m.label in ("TITLE", "ORG", "PLACE") and s <= m.start and m.end <= e)
    if need_title and not any(m.label == "TITLE" for m in inner):
        return None
    return TitlePhrase(s, e, t.text[s:e], inner)


def _country_at(t: TaggedDoc, start: int, end: int, gaz: Gazetteer) -> Mention | None:
    """The country PLACE mention that is all of ``text[start:end]`` (spaces aside)."""
    for m in t.mentions:
        if m.label == "PLACE" and start <= m.start and m.end <= end and not t.text[start:end].replace(m.text, "").strip():
            e = gaz.get(m.id)
            if (e.type if e else m.attr("type")) == "country":
                return m
    return None


def _region_bounds(t: TaggedDoc, person: Mention, sentence: Span) -> Span:
    others = [m for m in t.of("PERSON") if m is not person]
    lo = max([sentence[0]] + [m.end for m in others if sentence[0] <= m.end <= person.start])
    hi = min([sentence[1]] + [m.start for m in others if person.end <= m.start <= sentence[1]])
    return lo, hi


def _starts_office(t: TaggedDoc, pos: int, cues: TitleCues) -> bool:
    """An office starts at ``pos``: a TITLE mention or one of the language's office heads."""
    return any(m.label == "TITLE" and m.start == pos for m in t.mentions) or cues.head_at(t.text, pos)


_GLOSS_BEFORE = re.compile(r"[,，(（]\s*([^,，()（）]{1,40}?)\s*[)）]?\s*$")
def title_before(t: TaggedDoc, person: Mention, sentence: Span, lang: Language | None = None,
                 gaz: Gazetteer | None = None) -> TitlePhrase | None:
    """The office written right before the name, within its clause, and the offices joined to it by
    commas ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy X" + name). An honorific or a country gloss between
    office and name is skipped ("Bí thư Tỉnh ủy Vân Nam, Trung Quốc ông" + name); a joining word or a
    word such as "là" there means the office is someone else's. A language with ``own_titles`` reads
    the office itself (``Language.title_before``)."""
    cues = lang.title_cues if lang is not None else TitleCues.empty()
    lo, _hi = _region_bounds(t, person, sentence)
    if lang is not None and lang.own_titles:
        keep = [(m.start, m.end) for m in t.mentions if m.label in ("TITLE", "ORG", "PLACE")]
        hooked = lang.title_before(t.text, lo, person.start, keep)
        return _phrase(t, hooked, person.start, need_title=False) if hooked is not None else None
    end = person.start
    if cues.honorifics is not None and (h := cues.honorifics.search(t.text, lo, end)):
        end = h.start()
    gloss = None
    g = _GLOSS_BEFORE.search(t.text, lo, end)
    if gaz is not None and g is not None and (country := _country_at(t, g.start(1), g.end(1), gaz)) is not None:
        gloss, end = country.id, g.start()
    words = [m for m in t.mentions if m.label in ("TITLE", "ORG", "PLACE") and lo <= m.start and m.end <= end]
    if not words or not cues.gap_ok(t.text[max(m.end for m in words):end], final=True):
        return None
    last = max(words, key=lambda m: m.end)
    starts = [m.end() for m in CLAUSE_BREAK.finditer(t.text, lo, last.start)]
    clause = starts[-1] if starts else lo
    inner = [m for m in words if clause <= m.start]
    start = _chain_start(t, inner, cues)
    headed = _head_before(t, clause, start, cues)
    start = headed if headed is not None else start
    if cues.prefixes is not None and (p := cues.prefixes.search(t.text, max(lo, start - 40), start)):
        start = p.start()  # "Quyền" Bí thư, "Deputy Foreign" Minister
    while True:  # offices joined by commas before it ("Tổng Bí thư, Chủ tịch nước" + name)
        k = lo + len(t.text[lo:start].rstrip())
        if k <= lo or t.text[k - 1] not in ",，":
            break
        before = [m for m in t.mentions if m.label in ("TITLE", "ORG", "PLACE") and lo <= m.start and m.end <= k - 1]
        if not before or not cues.gap_ok(t.text[max(m.end for m in before):k - 1], final=True):
            break
        seg = _chain_start(t, before, cues)
        if not _starts_office(t, seg, cues):
            bounds = [x.end() for x in CLAUSE_BREAK.finditer(t.text, lo, seg)]
            head = _head_before(t, bounds[-1] if bounds else lo, seg, cues)  # "Ủy viên" + Thường vụ Bộ Chính trị
            # or "… của" + Tổng Bí thư: the office starts at its first title
            seg = head if head is not None else next((m.start for m in before if seg <= m.start and m.label == "TITLE"),
                                                     seg)
            if not _starts_office(t, seg, cues):
                break
        start = seg
    phrase = _phrase(t, start, end, need_title=headed is None)
    return replace(phrase, gloss=gloss) if phrase and gloss else phrase


def _chain_start(t: TaggedDoc, inner: list[Mention], cues: TitleCues) -> int:
    """Where a run of office words (mentions close together) that ends with ``inner[-1]`` starts. Over
    a joining word the run goes on only if the part before it is an office too ("Deputy Secretary … and
    Chairman …", not "Ban Chấp hành … Đảng … và Chủ tịch …")."""
    start = inner[-1].start
    joined = None  # where the run crossed a joining word
    for m in reversed(inner[:-1]):  # walk back while the office words stay close together
        gap = t.text[m.end:start]
        if not cues.gap_ok(gap):
            break
        if joined is None and cues.joiners is not None and cues.joiners.search(gap):
            joined = start
        start = min(start, m.start)
    if joined is not None and not _starts_office(t, start, cues):
        return joined
    return start


def _head_before(t: TaggedDoc, clause: int, start: int, cues: TitleCues) -> int | None:
    """An office head word ("head of", "Member of") right before office words that do not start with a
    title ("head of the" + Commission for External Relations …)."""
    if cues.heads is None or any(m.label == "TITLE" and m.start == start for m in t.mentions):
        return None
    found = [m for m in cues.heads.finditer(t.text, clause, start) if len(t.text[m.end():start]) <= 8]
    return found[-1].start() if found else None


def title_after(t: TaggedDoc, person: Mention, sentence: Span, cues: EventCues,
                lang: Language | None = None, gaz: Gazetteer | None = None) -> TitlePhrase | None:
    """An apposition office right after the name: "A, Phó Chủ tịch UBND tỉnh X;" (or, in a language
    that writes it so, an office glued to the name: name + 总理). The office ends at ";" or the
    sentence end (not at the dot of "TP."), before the next person, a verb of saying, a phrase of the
    language's ``stops``, a joining word not followed by another office ("… Điện Biên và đồng chí"), a
    comma not followed by another office or a place, and a country gloss (", Trung Quốc", "(China)")."""
    tc = lang.title_cues if lang is not None else TitleCues.empty()
    _lo, hi = _region_bounds(t, person, sentence)
    if lang is not None and (glued := lang.title_after(t.text, person.end, hi)) is not None:
        return _phrase(t, person.end, glued, need_title=False)
    opened = _APPOSITION_OPEN.match(t.text, person.end, sentence[1])
    if not opened:
        return None
    begin = opened.end()
    starts_title = any(m.label == "TITLE" and m.start == begin for m in t.mentions)
    if not starts_title and not tc.head_at(t.text, begin):
        return None
    end = sentence[1]
    for stop in _APPOSITION_END.finditer(t.text, begin, end):
        if stop.group() == "." and tc.abbreviation_before(t.text, stop.start()):
            continue
        end = stop.start()
        break
    verb = cues.apposition_stops.search(t.text, begin, end)
    if verb:
        end = verb.start()
    if hi < end:  # the next person comes first
        nxt = next(m for m in t.of("PERSON") if m.start == hi)
        before_next = title_before(t, nxt, sentence, lang, gaz)
        if before_next is not None and before_next.start <= begin:
            return None  # "A, Chủ tịch Chính hiệp B": the office is B's, written before B's name
        commas = [c.start() for c in re.finditer(r"[,，]", t.text[begin:hi])]
        if before_next is None and commas:
            last = begin + commas[-1] + 1
            last += len(t.text[last:hi]) - len(t.text[last:hi].lstrip())
            if _starts_office(t, last, tc):
                return None  # "A, X, Ủy viên trưởng … B": offices run into B's name, they are B's
        end = begin + commas[-1] if commas and before_next is not None else hi
    end, gloss = _office_end(t, begin, end, tc, gaz)
    phrase = _phrase(t, begin, end, need_title=starts_title)
    return replace(phrase, gloss=gloss) if phrase and gloss else phrase


def _place_type(m: Mention, gaz: Gazetteer | None) -> str | None:
    e = gaz.get(m.id) if gaz is not None else None
    return e.type if e else m.attr("type")


def _office_end(t: TaggedDoc, begin: int, end: int, tc: TitleCues, gaz: Gazetteer | None) -> tuple[int, str | None]:
    """Where an apposition office really ends inside ``text[begin:end]`` (see ``title_after``), and
    the id of a country gloss right after it."""
    text = t.text
    places = {m.start: m for m in t.mentions if m.label == "PLACE" and begin <= m.start < end}
    pos = begin
    while pos < end:
        c = text[pos]
        if tc.stops is not None and (c.isspace() or pos == begin) and (m := tc.stops.match(text, pos)) and m.end() <= end:
            return pos, None
        if c in "(（":
            close = re.compile(r"[)）]").search(text, pos, end)
            country = _country_at(t, pos + 1, close.start(), gaz) if close is not None and gaz is not None else None
            goes_on = text[close.end():close.end() + 2] if close is not None else ""
            if close is not None and (country is not None or not (goes_on[:1] == " " and goes_on[1:].isupper())):
                # "(Trung Quốc)", "(KHXH & NV)", "(seated in the middle)" end it; "(CPV) Central Committee" goes on
                return pos, country.id if country is not None else None
        if c in ",，" or (c.isspace() and (dash := _DASH_GLOSS.match(text, pos)) is not None):
            nxt = pos + 1 + len(text[pos + 1:end]) - len(text[pos + 1:end].lstrip())
            if c.isspace():
                nxt = dash.end()
                place = places.get(nxt)
                if place is not None and _place_type(place, gaz) == "country" and not text[place.end:end].strip(" .;,"):
                    return pos, place.id  # "… tỉnh X - Trung Quốc"
                pos += 1
                continue
            place = places.get(nxt)
            if place is not None and _place_type(place, gaz) == "country":
                if not text[place.end:end].strip(" .;,"):
                    return pos, place.id  # ", Trung Quốc" at the end: a gloss
                return pos, None
            org = any(m.label == "ORG" and m.start == nxt for m in t.mentions)
            if place is None and not org and not _starts_office(t, nxt, tc):
                return pos, None  # ", officials of …", ", summarized …"
        if c.isspace() and (j := tc.joiner_at(text, pos)) is not None and j <= end and not _starts_office(t, j, tc):
            word = text[j:j + 1]
            if not word.isupper() or (tc.honorifics is not None and tc.honorifics.match(text[j:j + 10].split(" ")[0])):
                return pos, None  # "… tỉnh X và đồng chí"; a capitalised word goes on ("Vụ Biên giới và Biển")
        pos += 1
    return end, None


def _best(phrases: list[TitlePhrase]) -> TitlePhrase | None:
    """The office of a person: the fullest form written (the longest; the first of equals)."""
    return max(phrases, key=lambda p: (len(p.text), -p.start), default=None)


def organization(t: TaggedDoc, p: TitlePhrase, gaz: Gazetteer, cues: EventCues,
                 kinds: tuple[str, ...]) -> str | None:
    """The organisation part of an office ("UBND tỉnh Quảng Ninh", "云南省政协"); ``kinds``: gazetteer
    organisation kinds, most telling first."""
    if p.mentions and p.mentions[-1].label == "TITLE" and p.mentions[-1].end == p.end:
        org = t.text[p.start:p.mentions[-1].start].strip(_TRIM)  # title last: "云南省政协主席"
        return org or None
    offices, pos = [], p.start
    for m in re.finditer(r"[,，]", p.text):
        offices.append((pos, p.start + m.start()))
        pos = p.start + m.end()
    offices.append((pos, p.end))

    def rank(office: Span) -> tuple[int, int]:
        orgs = [m for m in p.mentions if m.label == "ORG" and office[0] <= m.start < office[1]]
        kind = (gaz.get(orgs[0].id).attrs.get("kind") if orgs and gaz.get(orgs[0].id) else None)
        return (kinds.index(kind) if kind in kinds else len(kinds) + (0 if orgs else 1), office[0])

    s, e = min(offices, key=rank)
    orgs = [m for m in p.mentions if m.label == "ORG" and s <= m.start < e]
    if orgs:
        return t.text[orgs[0].start:e].strip(_TRIM) or None
    titles = [m for m in p.mentions if m.label == "TITLE" and s <= m.start < e]
    rest = t.text[titles[-1].end:e] if titles else t.text[s:e]
    if titles and any(titles[-1].text.endswith(" " + h) for h in cues.org_heads):
        rest = titles[-1].text.rsplit(" ", 1)[1] + rest
    suffix = cues.title_suffixes
    rest = suffix.sub("", rest, count=1) if suffix.match(rest.strip()) else rest
    rest = rest.strip(_TRIM)
    m = cues.connectors.match(rest)
    if m:
        rest = rest[m.end():]
    return rest.strip(_TRIM) or None


def _position_ref(entry_positions: list, day: date | None, gaz: Gazetteer) -> Ref | None:
    for pos in entry_positions:
        if not pos.jurisdiction:
            continue
        if day and ((pos.valid_from and day < pos.valid_from) or (pos.valid_to and day > pos.valid_to)):
            continue
        e = gaz.get(pos.jurisdiction)
        if e is not None and e.type == "country":
            continue  # a national office has no provincial jurisdiction
        return Ref(id=pos.jurisdiction, name=e.canonical if e else pos.jurisdiction)
    return None


def _region(t: TaggedDoc, person: Mention, sentence: Span) -> list[Span]:
    """The part of the sentence about this person: up to the neighbouring persons, plus a list lead-in."""
    key = person.id or person.text
    others = [m for m in t.of("PERSON")
              if sentence[0] <= m.start < sentence[1] and (m.id or m.text) != key]
    lo = max([m.end for m in others if m.end <= person.start], default=sentence[0])
    hi = min([m.start for m in others if m.start >= person.end], default=sentence[1])
    out = [(lo, hi)]
    colon = t.text.rfind(":", sentence[0], person.start)
    if colon > sentence[0] and colon < lo:
        out.append((sentence[0], colon))
    return out


def roles(t: TaggedDoc, regions: list[Span], cues: EventCues) -> list[str]:
    """Roles named by verbs in ``regions``; a nominalised verb ("việc ký kết") is no role."""
    found: set[str] = set()
    for s, e in regions:
        for m in cues.role_verbs.finditer(t.text, s, e):
            if cues.role_blocked.search(t.text, max(s, m.start() - 12), m.start()):
                continue
            role = cues.roles.get(fold(m.group()))
            if role:
                found.add(role)
    return [r for r in ROLE_ORDER if r in found]


_LIST_JOINER = re.compile(r"[;,、；，]|\b(?:và|cùng|and|with)\b|[和与及]")


def mention_roles(t: TaggedDoc, sents: list[Span], cues: EventCues) -> dict[int, list[str]]:
    """Roles per person mention. A person listed after another with no verb of their own ("A đồng chủ
    trì hội nghị cùng B; C và D") shares the roles of the person before them in the list."""
    out: dict[int, list[str]] = {}
    prev: Mention | None = None
    for m in t.of("PERSON"):
        sent = sents[sentence_of(sents, m.start)]
        found = roles(t, _region(t, m, sent), cues)
        if not found and prev is not None and sent[0] <= prev.start and prev.end <= m.start:
            gap = t.text[prev.end:m.start]
            if len(gap) <= 160 and _LIST_JOINER.search(gap) and not roles(t, [(prev.end, m.start)], cues):
                found = out.get(prev.start, [])
        out[m.start] = found
        prev = m
    return out


def _country_of(m: Mention, gaz: Gazetteer) -> str | None:
    """The country a place, an organisation or a title mention belongs to (``attrs.office_country``
    for offices only one country has: UBND, 人民政府, Tỉnh trưởng)."""
    e = gaz.get(m.id)
    if e is None:
        return m.attr("country")
    if e.type in ("org", "title"):
        value = e.attrs.get("office_country")
        return value if isinstance(value, str) else None
    return e.country


def official_country(phrase: TitlePhrase | None, jurisdiction: Ref | None, entry, gaz: Gazetteer,
                     cues: TitleCues) -> str | None:
    """Whose official a person is: the country sending a diplomat (the one written before the posting
    word: "Tổng Lãnh sự Việt Nam tại Côn Minh", 越南驻华大使), else a country gloss after the office, the
    jurisdiction's, the first place, organisation or title with a country, the gazetteer entry's."""
    if phrase is not None:
        diplomat = cues.diplomats.search(phrase.text) if cues.diplomats is not None else None
        posted = cues.posted.search(phrase.text) if cues.posted is not None else None
        if diplomat and posted:
            at = phrase.start + posted.start()
            before = [c for m in phrase.mentions if m.label in ("PLACE", "ORG") and m.end <= at
                      and (c := _country_of(m, gaz))]
            if before:
                return before[-1]
            if (c := cues.country_hint(phrase.text[:posted.start()])):
                return c  # "Vietnamese Consul General in" + city
        if phrase.gloss and (e := gaz.get(phrase.gloss)) is not None and e.country:
            return e.country
    for cid in [jurisdiction.id] if jurisdiction and jurisdiction.id else []:
        e = gaz.get(cid)
        if e and e.country:
            return e.country
    if phrase is not None:
        for m in phrase.mentions:
            if m.label == "PLACE" and (c := _country_of(m, gaz)):
                return c
        for m in phrase.mentions:
            if (c := _country_of(m, gaz)):
                return c
        if (c := cues.country_hint(phrase.text)):
            return c
    return entry.country if entry else None


def _side_country(t: TaggedDoc, person: Mention, sents: list[Span], gaz: Gazetteer, cues: TitleCues) -> str | None:
    """The country of the side a sentence puts a person on: "Trưởng đoàn phía Trung Quốc là bà" + name."""
    if cues.sides is None:
        return None
    sent = sents[sentence_of(sents, person.start)]
    lo, _hi = _region_bounds(t, person, sent)
    for m in t.mentions:
        if m.label == "PLACE" and lo <= m.start and m.end <= person.start and cues.sides.search(t.text, lo, m.start):
            if (c := _country_of(m, gaz)):
                return c
    return None


def fill_countries(records: list[OfficialRecord], cues: TitleCues) -> list[OfficialRecord]:
    """Officials whose office names no country: the language's default (Vietnamese news names
    Chinese officials with their place), else, where the language says so, the country of at least
    three quarters of the document's other officials."""
    known = [r.country for r in records if r.country]
    majority = None
    if known:
        top = max(set(known), key=known.count)
        majority = top if known.count(top) * 4 >= len(known) * 3 else None
    def fallback(r: OfficialRecord) -> str | None:
        # a foreign name written with a middle dot (X·Y) is of neither side
        return cues.default_country or (majority if cues.country_by_majority and "·" not in r.name else None)

    return [r if r.country or r.title is None or not (c := fallback(r)) else r.model_copy(update={"country": c})
            for r in records]


def _positioned(entry, day: date | None) -> bool:
    """Whether a gazetteer person held a position on ``day`` (any, when the day is unknown, except
    positions that ended long ago: a historical figure named in passing is no official)."""
    for p in entry.positions:
        if day is not None:
            if (p.valid_from is None or p.valid_from <= day) and (p.valid_to is None or day <= p.valid_to):
                return True
        elif p.valid_to is None or p.valid_to.year >= 2000:
            return True
    return False


def _shared_title(t: TaggedDoc, person: Mention, offices: dict[int, TitlePhrase]) -> TitlePhrase | None:
    """The office of the name right before in a list joined by "、" (云南省领导 A、B): it is shared."""
    before = [m for m in t.of("PERSON") if m.end <= person.start]
    if not before:
        return None
    prev = before[-1]
    phrase = offices.get(prev.start)
    if phrase is None or phrase.end != prev.start or t.text[prev.end:person.start] != "、":
        return None
    return phrase


def _candidates(mentions: list[Mention]) -> list[Candidate]:
    """The entries a person's mentions were compared with but not linked to (best score first)."""
    best: dict[str, Candidate] = {}
    for m in mentions:
        for cid, name, score in m.attr("candidates") or ():
            if cid not in best or score > best[cid].score:
                best[cid] = Candidate(id=cid, name=name, score=float(score))
    return sorted(best.values(), key=lambda c: (-c.score, c.id))


def build_officials(ctx: DocContext) -> list[OfficialRecord]:
    """One record per titled (or gazetteer-positioned) person, in order of first mention."""
    t, gaz, cues, lang = ctx.t, ctx.gazetteer, ctx.lang.events, ctx.lang
    sents = sentence_spans(t)
    reported = reported_event(ctx.events)
    statement = cues.statement_verbs
    per_mention = mention_roles(t, sents, cues)
    groups: dict[str, list[Mention]] = {}
    for m in t.of("PERSON"):
        groups.setdefault(m.id or f"name:{m.text}", []).append(m)
    out: list[OfficialRecord] = []
    out_phrases: dict[int, TitlePhrase] = {}  # first mention's start -> its office
    for mentions in groups.values():
        first = mentions[0]
        entry = gaz.get(first.id)
        phrases: list[TitlePhrase] = []
        regions: list[Span] = []
        sentences: list[Span] = []
        for m in mentions:
            sent = sents[sentence_of(sents, m.start)]
            sentences.append(sent)
            regions += _region(t, m, sent)
            phrases += [p for p in (title_before(t, m, sent, lang, gaz), title_after(t, m, sent, cues, lang, gaz)) if p]
        if entry is not None and entry.attrs.get("historical"):
            continue  # a historical figure named in passing (with the office he held) is no official
        best = _best(phrases) or _shared_title(t, first, out_phrases)
        if best is not None:
            out_phrases[first.start] = best
        if best is None and not (entry and _positioned(entry, t.seg.published)):
            continue
        places = [m for m in (best.places() if best else []) if _place_type(m, gaz) != "country"]
        jurisdiction = place_ref(places[0], gaz) if places else (
            _position_ref(list(entry.positions), t.seg.published, gaz) if entry else None)
        country = official_country(best, jurisdiction, entry, gaz, lang.title_cues) or _side_country(t, first, sents, gaz,
                                                                                               lang.title_cues)
        person_roles = [r for r in ROLE_ORDER if any(r in per_mention.get(m.start, []) for m in mentions)]
        event = None
        if reported and (person_roles or (any(s in reported.sentences for s in sentences)
                                          and any(statement.search(t.text, a, b) for a, b in regions))):
            event = reported.event_id
        out.append(OfficialRecord(
            doc_id=t.seg.clean.doc_id,
            name=first.text,
            person_id=first.id,
            link=LINKS.get(first.method, "none") if first.id else "none",
            candidates=[] if first.id else _candidates(mentions),
            title=best.text if best else None,
            organization=organization(t, best, gaz, cues, ctx.table.org_kinds) if best else None,
            jurisdiction=jurisdiction,
            country=country,
            event_id=event,
            roles=person_roles,
            evidence=evidence(t, sentences),
        ))
    return fill_countries(out, lang.title_cues)
