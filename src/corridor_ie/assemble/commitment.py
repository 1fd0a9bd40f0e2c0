"""Commitment records: one per agreed, proposed, requested or completed action (``build_commitments``).

Recipe (cue words in each language's ``commitments.toml``, compiled as ``lang.cues.CommitmentCues``):

1. **Frames.** A modality cue ("thống nhất", "đề xuất", 同意, "agreed" …) opens a frame that runs to the
   next cue or the sentence end. Cues used as nouns or adjectives, in purpose clauses or followed by
   no action are skipped. After a cue the list stays open: a following sentence continues it when the
   one before ended with ";" or when it opens with a list word ("Đó là", "Thứ hai") or an action verb
   ("Thúc đẩy …"); anything else closes it.
2. **Actors.** An actor right after a request cue ("đề nghị phía X …") makes a request; else
   the subject before the cue: a collective phrase ("hai bên", 双方), "phía" + a place, or the
   jurisdiction in the speaker's title ("Chủ tịch UBND tỉnh X … đề xuất"). A list item that
   opens with its own actor overrides the frame's. Nothing is guessed beyond that.
3. **Items.** A frame's text is split into action clauses (``clauses.split_items``): after an
   opener ("gồm:", "：") on ";"; otherwise on ";" and "," only before an action verb.
4. **Record.** Sectors from the language's sector words; objects are gate pairs, links, gates and named
   project phrases inside the clause; the deadline is a DATE inside the clause after a deadline cue.
   Evidence: the clause, then its sentence.

>>> from corridor_ie.lang import build_languages
>>> split_action_text("hai bên thống nhất: đẩy mạnh kết nối giao thông; hợp tác trong lĩnh vực nông nghiệp.",
...                   build_languages().get("vi"))
['đẩy mạnh kết nối giao thông', 'hợp tác trong lĩnh vực nông nghiệp']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..gazetteer.store import Gazetteer
from ..lang import Language
from ..lang.cues import CommitmentCues
from ..records import CommitmentRecord, Evidence, Ref
from ..types import Mention, TaggedDoc
from .clauses import Item, skip_matches, split_items, word_count
from .events import passages, reported_event, sentence_of, sentence_spans

if TYPE_CHECKING:
    from .stage import DocContext

Span = tuple[int, int]
ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CHAIN_LABELS = frozenset({"PERSON", "TITLE", "ORG", "PLACE"})
_SPEAKER_LABELS = frozenset({"PERSON", "TITLE", "ORG"})
_GAP_BREAK = re.compile(r"[;；.。:：!?！？\"“”]")
_CHAIN_OPEN = re.compile(r"(?:^|[,，“\"‘(（])\s*$")
_SENT_END = re.compile(r"[;；]\s*$")
_SEMI = re.compile(r"[;；]")
_OBJECT_LABELS = ("BORDER_GATE_PAIR", "LINK", "BORDER_GATE")
_CLOSING = frozenset(".!?;:…。！？；：\"”’)）」』")
_PUNCT_TAIL = " \t\n,，;；.。:：…!?！？"


@dataclass(frozen=True)
class Frame:
    """The text a modality governs: ``[start, end)`` inside sentence ``sentence``."""

    modality: str
    start: int
    end: int
    actors: tuple[Ref, ...]
    listed: bool
    sentence: Span


@dataclass(frozen=True)
class _Open:
    """A list left open by the previous sentence."""

    modality: str
    actors: tuple[Ref, ...]
    semicolon: bool


# --------------------------------------------------------------------------- references


def place_ref(m: Mention, gaz: Gazetteer) -> Ref:
    """A PLACE (or gate, pair) mention as ``Ref``: its id and the gazetteer's canonical name."""
    e = gaz.get(m.id)
    name = e.canonical if e else (m.value if isinstance(m.value, str) else m.text)
    return Ref(id=m.id, name=name)


def _is_country(m: Mention, gaz: Gazetteer) -> bool:
    e = gaz.get(m.id)
    return e is not None and e.type == "country"


def _mentions_in(t: TaggedDoc, start: int, end: int, labels: frozenset[str] | tuple[str, ...]) -> list[Mention]:
    return [m for m in t.mentions if m.label in labels and start <= m.start and m.end <= end]


def _outermost(ms: list[Mention]) -> list[Mention]:
    return [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                     and (o.end - o.start) > (m.end - m.start) for o in ms)]


# --------------------------------------------------------------------------- actors


def actor_at(t: TaggedDoc, pos: int, end: int, cues: CommitmentCues, gaz: Gazetteer) -> tuple[tuple[Ref, ...], int] | None:
    """An actor that starts the text at ``pos``: a collective phrase, or the side word + a place."""
    text = t.text
    m = cues.actor_start.match(text, pos, end)
    best: tuple[tuple[Ref, ...], int] | None = None
    side = cues.side_start.match(text, pos, end)
    if side:
        place = next((pl for pl in _mentions_in(t, side.end(), end, ("PLACE",))
                      if not text[side.end():pl.start].strip()), None)
        if place is not None:
            best = ((place_ref(place, gaz),), place.end)
    if m and (best is None or m.end(1) > best[1]):
        best = ((Ref(id=None, name=m.group(1)),), m.end(1))
    return best


def _speaker_place(t: TaggedDoc, start: int, cue_start: int, cues: CommitmentCues,
                   gaz: Gazetteer) -> tuple[Ref, int] | None:
    """The jurisdiction in the title chain right before a cue ("Chủ tịch UBND tỉnh X … đề xuất")."""
    text = t.text
    chain: list[Mention] = []
    pos = cue_start
    for m in reversed(_outermost(_mentions_in(t, start, cue_start, _CHAIN_LABELS))):
        gap = text[m.end:pos]
        if m.end > pos or _GAP_BREAK.search(gap) or word_count(gap) > 2:
            break
        chain.append(m)
        pos = m.start
    if not chain:
        return None
    speaker = any(m.label in _SPEAKER_LABELS for m in chain)
    before = text[start:chain[-1].start]
    word = cues.place_word_end.search(before)
    if not speaker and not _CHAIN_OPEN.search(before[:word.start()] if word else before):
        return None  # a bare place after a preposition ("tại X thống nhất") is no subject
    places = [m for m in reversed(chain) if m.label == "PLACE" and not _is_country(m, gaz)]
    return (place_ref(places[0], gaz), chain[0].end) if places else None


def subject_actors(t: TaggedDoc, start: int, cue_start: int, cues: CommitmentCues,
                   gaz: Gazetteer) -> tuple[Ref, ...]:
    """Who speaks or agrees in ``[start, cue_start)``: the candidate closest to the cue, if close."""
    text = t.text
    cands: list[tuple[int, Ref]] = [(m.end(), Ref(id=None, name=m.group(0)))
                                    for m in cues.actor_any.finditer(text, start, cue_start)
                                    if not cues.actor_not_after.search(text[start:m.start()])]
    for pl in _mentions_in(t, start, cue_start, ("PLACE",)):
        if cues.side_end.search(text[start:pl.start]):
            cands.append((pl.end, place_ref(pl, gaz)))
    speaker = _speaker_place(t, start, cue_start, cues, gaz)
    if speaker:
        cands.append((speaker[1], speaker[0]))
    if not cands:
        return ()
    end, ref = max(cands, key=lambda c: c[0])
    gap = text[end:cue_start]
    if _GAP_BREAK.search(gap) or word_count(gap) > 6:
        return ()
    return (ref,)


# --------------------------------------------------------------------------- frames


def _blocked(t: TaggedDoc, sent: Span, hit: re.Match[str], cues: CommitmentCues, gaz: Gazetteer) -> bool:
    text = t.text
    before = text[sent[0]:hit.start()]
    if cues.block_before.search(before) or cues.block_after.match(text, hit.end(), sent[1]):
        return True
    soft = cues.soft_after.match(text, hit.end(), sent[1])
    if soft and not action_starts(t, _after_aside(text, soft.end(), sent[1], cues), sent[1], cues, gaz):
        return True  # "… thống nhất, cùng với sự …": an adjective, not an agreement
    last = None
    for last in cues.purpose.finditer(before):  # noqa: B007 - want the last one
        pass
    return last is not None and word_count(before[last.end():]) <= cues.purpose_window


def _after_aside(text: str, pos: int, end: int, cues: CommitmentCues) -> int:
    """Skip filler and one aside between commas ("hy vọng, trong thời gian tới, hai bên …")."""
    nxt = skip_matches(text, pos, end, cues.strip)
    if nxt != pos and nxt < end and text[nxt] in ",，":
        return nxt + 1
    return pos


def cue_hits(t: TaggedDoc, sent: Span, cues: CommitmentCues, gaz: Gazetteer) -> list[re.Match[str]]:
    """Modality cues of a sentence that state an action (noun/adjective/purpose uses dropped)."""
    return [h for h in cues.modality.finditer(t.text, sent[0], sent[1]) if not _blocked(t, sent, h, cues, gaz)]


def cue_frames(t: TaggedDoc, sent: Span, hits: list[re.Match[str]], cues: CommitmentCues,
               gaz: Gazetteer) -> list[Frame]:
    """One frame per cue of a sentence."""
    text = t.text
    out = []
    for i, h in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else sent[1]
        semis = list(_SEMI.finditer(text, h.end(), end))
        if i + 1 < len(hits) and semis and word_count(text[semis[-1].end():end]) <= 6:
            end = semis[-1].start()  # "…; phía X đề xuất …": the next cue's subject
        modality = cues.modality_of(h.group(0)) or "agreed"
        pos, actors = h.end(), ()
        if cues.asks_actor(h.group(0)):
            found = actor_at(t, skip_matches(text, pos, end, cues.strip), end, cues, gaz)
            if found:
                actors, pos = found
                modality = "requested"
        joined = i > 0 and cues.hard_break_end.search(text[hits[i - 1].end():h.start()])
        if not actors and joined:
            actors = out[-1].actors  # "…, đồng thời thống nhất …": the same subject
        elif not actors:
            actors = subject_actors(t, sent[0], h.start(), cues, gaz)
        out.append(Frame(modality, pos, end, actors, False, sent))
    return out


def action_starts(t: TaggedDoc, pos: int, end: int, cues: CommitmentCues, gaz: Gazetteer) -> bool:
    """Whether the text at ``pos`` is an action: [actor] [modal words] [adverbs] verb."""
    text = t.text
    pos = skip_matches(text, pos, end, cues.strip)
    found = actor_at(t, pos, end, cues, gaz)
    if found:
        pos = skip_matches(text, found[1], end, cues.strip)
    return bool(cues.verb_start.match(text, pos, end))


def continuation_frame(t: TaggedDoc, sent: Span, state: _Open, cues: CommitmentCues,
                       gaz: Gazetteer) -> Frame | None:
    """A frame when this sentence continues the list the previous one left open."""
    text = t.text
    start, end = sent
    if state.semicolon:
        return Frame(state.modality, start, end, state.actors, True, sent)
    m = cues.cont_opener.match(text, start, end)
    pos = m.end() if m else start
    topic = cues.topic_start.match(text, pos, end)
    if topic:
        comma = re.compile(r"[,，]").search(text, topic.end(), end)
        if not comma:
            return None
        pos = comma.end()
    if not action_starts(t, pos, end, cues, gaz):
        return None
    return Frame(state.modality, pos, end, state.actors, False, sent)


def is_heading(text: str, sent: Span) -> bool:
    """A whole line with no closing punctuation: a headline or section title, not a statement."""
    start, end = sent
    whole_line = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    return whole_line and text[start:end].rstrip()[-1:] not in _CLOSING


def frames_of(t: TaggedDoc, cues: CommitmentCues, gaz: Gazetteer) -> list[Frame]:
    """Every frame of the document, in text order."""
    text = t.text
    spans = [(s.start, s.end) for s in t.seg.sentences] or [(0, len(text))]
    out: list[Frame] = []
    state: _Open | None = None
    for sent in spans:
        if is_heading(text, sent):
            state = None
            continue
        hits = cue_hits(t, sent, cues, gaz)
        if hits:
            frames = cue_frames(t, sent, hits, cues, gaz)
        elif state is not None:
            cont = continuation_frame(t, sent, state, cues, gaz)
            frames = [cont] if cont else []
        else:
            frames = []
        if frames:
            last = frames[-1]
            state = _Open(last.modality, last.actors, bool(_SENT_END.search(text[sent[0]:sent[1]])))
            out.extend(frames)
        else:
            state = None
    return out


# --------------------------------------------------------------------------- record parts


def deadline_in(t: TaggedDoc, item: Item, cues: CommitmentCues) -> str | None:
    """The first DATE inside the clause with a deadline cue right before or after it, as ISO."""
    text = t.text
    for d in _mentions_in(t, item.start, item.end, ("DATE",)):
        if not isinstance(d.value, str):
            continue
        cued = cues.deadline_before.search(text[item.start:d.start]) or cues.deadline_after.match(
            text, d.end, item.end) or cues.deadline_before.match(d.text)
        value = d.value.partition("/")[2] or d.value
        if cued and ISO_PARTIAL.match(value):
            return value
    return None


def lead_in_deadline(t: TaggedDoc, item: Item, sentence: Span, cues: CommitmentCues) -> str | None:
    """The deadline of an enumeration's lead-in ("… trong năm 2023 tập trung vào 5 nội dung: A; B; …"),
    which every item of the list shares unless it states its own."""
    colon = max(t.text.rfind(":", sentence[0], item.start), t.text.rfind("：", sentence[0], item.start))
    if colon <= sentence[0]:
        return None
    return deadline_in(t, Item(sentence[0], colon), cues)


def _link_ref(m: Mention, gaz: Gazetteer) -> Ref:
    ids = m.value if isinstance(m.value, list | tuple) else []
    names = [e.canonical for e in (gaz.get(i) for i in ids) if e]
    return Ref(id=m.id, name=" – ".join(names) if len(names) == 2 else m.text)


def project_refs(t: TaggedDoc, item: Item, cues: CommitmentCues, gaz: Gazetteer) -> list[Ref]:
    """Named project phrases in the clause ("dự án Cảng hàng không X", "cầu … qua sông X")."""
    text = t.text
    inner = _mentions_in(t, item.start, item.end, ("PLACE", *_OBJECT_LABELS))
    out: list[Ref] = []
    pos = item.start
    while (h := cues.projects.search(text, pos, item.end)) is not None:
        if cues.project_before.search(text[item.start:h.start()]):
            pos = h.end()
            continue
        end = _project_end(text, h.end(), item.end, inner, cues)
        pos = max(end, h.end())
        phrase = text[h.start():end].rstrip(_PUNCT_TAIL)
        named = [m for m in inner if h.end() <= m.start and m.end <= end]
        tail = text[h.end():end]
        if not named and not any(c.isupper() for c in tail):
            continue
        place = next((m for m in named if m.label == "PLACE" and not text[h.end():m.start].strip()
                      and (e := gaz.get(m.id)) and e.type == "place"), None)
        out.append(place_ref(place, gaz) if place else Ref(id=None, name=phrase))
    return out


def _project_end(text: str, pos: int, end: int, inner: list[Mention], cues: CommitmentCues) -> int:
    limit = end
    for m in re.finditer(r"[,，;；.。:：!?]", text[pos:end]):
        limit = pos + m.start()
        break
    for s in cues.project_stop.finditer(text, pos, limit):
        if not any(m.start <= s.start() < m.end for m in inner):
            limit = s.start()
            break
    words = list(re.finditer(r"\S+", text[pos:limit]))
    if len(words) > cues.project_max_words:
        limit = pos + words[cues.project_max_words - 1].end()
        for m in inner:
            if m.start < limit < m.end:
                limit = m.end
    return limit


def object_refs(t: TaggedDoc, item: Item, cues: CommitmentCues, gaz: Gazetteer) -> list[Ref]:
    """Gate pairs, links, gates (not inside a pair or link) and named projects in the clause."""
    found = _outermost(_mentions_in(t, item.start, item.end, _OBJECT_LABELS))
    refs = [_link_ref(m, gaz) if m.label == "LINK" else place_ref(m, gaz) for m in found]
    refs += project_refs(t, item, cues, gaz)
    out: list[Ref] = []
    for r in refs:
        if r not in out:
            out.append(r)
    return out


# --------------------------------------------------------------------------- builder


def commitments_of(t: TaggedDoc, gaz: Gazetteer, lang: Language, event_id: str | None = None) -> list[CommitmentRecord]:
    """The commitment records of one tagged document (``build_commitments`` without a context)."""
    cues = lang.commitments
    text = t.text
    out: list[CommitmentRecord] = []
    for frame in frames_of(t, cues, gaz):
        for item in split_items(t, frame.start, frame.end, frame.listed, cues,
                                lambda p, e: actor_at(t, p, e, cues, gaz)):
            action = text[item.start:item.end]
            sectors = lang.sectors.find(action)
            objects = object_refs(t, item, cues, gaz)
            if frame.modality == "completed" and not (
                    ("sector" in cues.completed_needs and sectors) or ("object" in cues.completed_needs and objects)):
                continue  # a report of results, not a commitment
            s0, s1 = frame.sentence
            evidence = [Evidence(start=item.start, end=item.end, text=action)]
            if (s0, s1) != (item.start, item.end):
                evidence.append(Evidence(start=s0, end=s1, text=text[s0:s1]))
            out.append(CommitmentRecord(
                doc_id=t.seg.clean.doc_id, event_id=event_id, actors=list(item.actors or frame.actors),
                action=action, sectors=sectors, objects=objects,
                deadline=deadline_in(t, item, cues) or lead_in_deadline(t, item, frame.sentence, cues),
                modality=frame.modality, evidence=evidence))
    return out


def build_commitments(ctx: DocContext) -> list[CommitmentRecord]:
    """Builder entry point (``assemble.stage``): every commitment, with the id of the event in whose
    passage it is made (``events.passages``: not the summit two sentences before separate talks)."""
    ev = reported_event(ctx.events)
    records = commitments_of(ctx.t, ctx.gazetteer, ctx.lang, ev.event_id if ev else None)
    if ev is None:
        return records
    sents = sentence_spans(ctx.t)
    owner = passages(ctx.t, ctx.events, ctx.lang.events)
    return [r.model_copy(update={"event_id": owner[sentence_of(sents, r.evidence[0].start)]})
            if r.evidence else r for r in records]


def split_action_text(sentence: str, lang: Language) -> list[str]:
    """The action clauses of one sentence with no tagging (for docs and quick checks)."""
    from ..types import CharSpan, CleanDoc, SegmentedDoc, Source

    clean = CleanDoc(doc_id="-", source=Source(path="-"), text=sentence)
    t = TaggedDoc(SegmentedDoc(clean, lang.code, (CharSpan(0, len(sentence)),), ()), ())
    gaz = Gazetteer(entries={}, version="")
    return [r.action for r in commitments_of(t, gaz, lang)]
