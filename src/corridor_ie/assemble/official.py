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
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..gazetteer.store import Gazetteer
from ..lang.cues import EventCues
from ..normalise import fold
from ..records import OfficialRecord, Ref
from ..types import Mention, TaggedDoc
from .conference import evidence, place_ref
from .events import Span, reported_event, sentence_of, sentence_spans

if TYPE_CHECKING:
    from .stage import DocContext

ROLE_ORDER = ("chaired", "hosted", "spoke", "reported", "signed", "attended")
LINKS = {"gazetteer": "exact", "fuzzy": "fuzzy", "ascii": "ascii"}

_CLAUSE_START = re.compile(r"[,;:，；：、]")
_APPOSITION_OPEN = re.compile(r"\s*(?:,|，|\s[-–—])\s*")
_APPOSITION_END = re.compile(r"[;；]|\.(?=\s|$)|。")
_GAP_BEFORE_NAME = 12
_TRIM = " ,，-–—:;"


@dataclass(frozen=True)
class TitlePhrase:
    """An office as written next to a name: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str
    mentions: tuple[Mention, ...]  # the TITLE / ORG / PLACE mentions inside it

    def places(self) -> list[Mention]:
        return [m for m in self.mentions if m.label == "PLACE"]


def _phrase(t: TaggedDoc, start: int, end: int) -> TitlePhrase | None:
    raw = t.text[start:end]
    s = start + len(raw) - len(raw.lstrip(_TRIM))
    e = end - (len(raw) - len(raw.rstrip(_TRIM)))
    if e <= s:
        return None
    inner = tuple(m for m in t.mentions if m.label in ("TITLE", "ORG", "PLACE") and s <= m.start and m.end <= e)
    if not any(m.label == "TITLE" for m in inner):
        return None
    return TitlePhrase(s, e, t.text[s:e], inner)


def title_before(t: TaggedDoc, person: Mention, sentence: Span) -> TitlePhrase | None:
    """The office written right before the name, within its clause."""
    starts = [m.end() for m in _CLAUSE_START.finditer(t.text, sentence[0], person.start)]
    lo = starts[-1] if starts else sentence[0]
    lo = max([lo] + [m.end for m in t.of("PERSON") if lo <= m.end <= person.start])
    inner = [m for m in t.mentions if m.label in ("TITLE", "ORG", "PLACE") and lo <= m.start and m.end <= person.start]
    if not inner or person.start - max(m.end for m in inner) > _GAP_BEFORE_NAME:
        return None
    start = inner[-1].start
    for m in reversed(inner[:-1]):  # walk back while the office words stay close together
        if start - m.end > _GAP_BEFORE_NAME:
            break
        start = min(start, m.start)
    return _phrase(t, start, person.start)


def title_after(t: TaggedDoc, person: Mention, sentence: Span, cues: EventCues) -> TitlePhrase | None:
    """An apposition office right after the name: "A, Phó Chủ tịch UBND tỉnh X;"."""
    opened = _APPOSITION_OPEN.match(t.text, person.end, sentence[1])
    if not opened:
        return None
    first = next((m for m in t.mentions if m.start >= opened.end()), None)
    if first is None or first.label != "TITLE" or first.start != opened.end():
        return None
    end = sentence[1]
    stop = _APPOSITION_END.search(t.text, first.end, end)
    if stop:
        end = stop.start()
    nxt = next((m.start for m in t.of("PERSON") if first.end <= m.start < end), None)
    if nxt is not None:
        commas = [c.start() for c in re.finditer(r"[,，]", t.text[first.end:nxt])]
        end = first.end + commas[-1] if commas else nxt
    verb = cues.apposition_stops.search(t.text, first.end, end)
    if verb:
        end = verb.start()
    return _phrase(t, first.start, end)


def _best(phrases: list[TitlePhrase]) -> TitlePhrase | None:
    return max(phrases, key=lambda p: (bool(p.places()), len(p.text), -p.start), default=None)


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


def build_officials(ctx: DocContext) -> list[OfficialRecord]:
    """One record per titled (or gazetteer-positioned) person, in order of first mention."""
    t, gaz, cues = ctx.t, ctx.gazetteer, ctx.lang.events
    sents = sentence_spans(t)
    reported = reported_event(ctx.events)
    statement = cues.statement_verbs
    per_mention = mention_roles(t, sents, cues)
    groups: dict[str, list[Mention]] = {}
    for m in t.of("PERSON"):
        groups.setdefault(m.id or f"name:{m.text}", []).append(m)
    out: list[OfficialRecord] = []
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
            phrases += [p for p in (title_before(t, m, sent), title_after(t, m, sent, cues)) if p]
        best = _best(phrases)
        if best is None and not (entry and entry.positions):
            continue
        places = [m for m in (best.places() if best else [])
                  if (gaz.get(m.id).type if gaz.get(m.id) else m.attr("type")) != "country"]
        jurisdiction = place_ref(places[0], gaz) if places else (
            _position_ref(list(entry.positions), t.seg.published, gaz) if entry else None)
        country = None
        for cid in ([jurisdiction.id] if jurisdiction and jurisdiction.id else []) + \
                [m.id for m in (best.places() if best else []) if m.id]:
            e = gaz.get(cid)
            if e and e.country:
                country = e.country
                break
        country = country or (entry.country if entry else None)
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
            title=best.text if best else None,
            organization=organization(t, best, gaz, cues, ctx.table.org_kinds) if best else None,
            jurisdiction=jurisdiction,
            country=country,
            event_id=event,
            roles=person_roles,
            evidence=evidence(t, sentences),
        ))
    return out
