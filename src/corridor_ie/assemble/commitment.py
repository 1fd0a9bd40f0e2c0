"""Commitment records: one per agreed, proposed, requested or completed action (``build_commitments``).

Recipe (cue words in each language's ``commitments.toml``, compiled as ``lang.cues.CommitmentCues``;
the cues are matched on ``Language.matching_text``, so traditional Chinese reads like simplified):

1. **Frames.** ``frames.frames_of`` finds the text each modality cue governs, its modality and actors.
2. **Items.** A frame's text is split into action clauses (``clauses.split_items``).
3. **Signing.** A signing verb with a document noun after it ("ký kết Biên bản …", 签署会谈纪要,
   "signed the minutes") is a ``completed`` action, unless it is dated by an earlier year, future, in a
   headline, or part of a noun phrase (签署的, "đã được ký"). A frame item that is such a signing
   ("同意签署会议备忘录") is completed too.
4. **Record.** Sectors from the language's sector words in the action with the names in it blanked
   (a gate named "Friendship" is no people exchange); objects are gate pairs, links, gates and named
   project phrases inside the clause; the deadline is a DATE inside the clause after a deadline cue.
   Evidence: the clause, then its sentence. An action stated again (a lead or caption repeated in
   the body) gives one record, the fuller statement.

>>> from corridor_ie.lang import build_languages
>>> split_action_text("hai bên thống nhất: đẩy mạnh kết nối giao thông; hợp tác trong lĩnh vực nông nghiệp.",
...                   build_languages().get("vi"))
['đẩy mạnh kết nối giao thông', 'hợp tác trong lĩnh vực nông nghiệp']
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..gazetteer.store import Gazetteer
from ..lang import Language
from ..lang.cues import CommitmentCues
from ..records import CommitmentRecord, Evidence, Ref
from ..types import Mention, TaggedDoc
from .clauses import Item, split_items, word_count, word_starts
from .events import passages, reported_event, sentence_of, sentence_spans
from .frames import CLAUSE_BREAK, TAIL, actor_at, frames_of, is_heading, mentions_in, outermost, place_ref

if TYPE_CHECKING:
    from .stage import DocContext

Span = tuple[int, int]
ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_YEAR = re.compile(r"^\d{4}")
_OBJECT_LABELS = ("BORDER_GATE_PAIR", "LINK", "BORDER_GATE")
_GATE_LABELS = ("BORDER_GATE", "BORDER_GATE_PAIR")
_GATE_SECTOR = "border_management"
_NAME_LABELS = ("PERSON", "ORG", "TITLE", "PLACE", "SERIES", "BORDER_GATE", "BORDER_GATE_PAIR")
_PUNCT_TAIL = " \t\n,，;；.。:：…!?！？"


# --------------------------------------------------------------------------- record parts


def deadline_in(t: TaggedDoc, item: Item, cues: CommitmentCues) -> str | None:
    """The first DATE inside the clause with a deadline cue right before or after it, as ISO."""
    text = t.text
    for d in mentions_in(t, item.start, item.end, ("DATE",)):
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
    inner = mentions_in(t, item.start, item.end, ("PLACE", *_OBJECT_LABELS))
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
    found = outermost(mentions_in(t, item.start, item.end, _OBJECT_LABELS))
    refs = [_link_ref(m, gaz) if m.label == "LINK" else place_ref(m, gaz) for m in found]
    refs += project_refs(t, item, cues, gaz)
    out: list[Ref] = []
    for r in refs:
        if r not in out:
            out.append(r)
    return out


# --------------------------------------------------------------------------- builder


def signing_items(t: TaggedDoc, cues: CommitmentCues) -> list[tuple[Item, Span]]:
    """Signings at the reported event: a signing verb, a document noun within ``sign_window`` words
    after it, no date with a year in its clause, no bare year or earlier year in its sentence before
    it (a signing dated so is background), and no blocker around it (签署的, "đã được ký", 将签署).
    The action runs from the verb (with 共同 … before it) to the end of its clause or a stop word."""
    text = t.text
    out = []
    years = [int(d.value[:4]) for d in t.of("DATE") if isinstance(d.value, str) and _YEAR.match(d.value)]
    latest = t.seg.published.year if t.seg.published else max(years, default=None)
    for s in t.seg.sentences or ():
        if is_heading(text, (s.start, s.end)):
            continue  # a headline restates the body
        for v in cues.sign_verbs.finditer(text, s.start, s.end):
            before = text[max(s.start, v.start() - TAIL):v.start()]
            if cues.sign_blocked_before.search(before) or cues.sign_blocked_after.match(text, v.end(), s.end):
                continue
            clause = max((m.end() for m in CLAUSE_BREAK.finditer(before)), default=0) + v.start() - len(before)
            dated = [int(d.value[:4]) for d in mentions_in(t, s.start, v.start(), ("DATE",))
                     if isinstance(d.value, str) and _YEAR.match(d.value)
                     and (d.start >= clause or len(d.value) == 4 or (latest is not None and int(d.value[:4]) < latest))]
            if dated:
                continue  # a signing dated by a year (an earlier one): background
            limit = s.end
            if (brk := CLAUSE_BREAK.search(text, v.end(), s.end)) is not None:
                limit = brk.start()
            window = word_starts(text, v.end(), limit)
            doc_limit = window[cues.sign_window] if len(window) > cues.sign_window else limit
            doc = cues.sign_documents.search(text, v.end(), doc_limit)
            if doc is None:
                continue
            stop = cues.sign_stops.search(text, doc.end(), limit)
            end = stop.start() if stop else limit
            for m in mentions_in(t, doc.end(), end, ("DATE", "PLACE")):
                prep = cues.sign_place_end.search(text, doc.end(), m.start)
                if m.label == "DATE" or prep:  # "… minutes of the conference in Hanoi on Monday"
                    end = prep.start() if prep else m.start
                    break
            while end > v.end() and text[end - 1] in _PUNCT_TAIL:
                end -= 1
            lead = cues.sign_before_end.search(before)
            start = s.start + lead.start(1) if lead else v.start()
            out.append((Item(start, end), (s.start, s.end)))
    return out


def _names_blanked(t: TaggedDoc, item: Item) -> str:
    """The action with the names in it blanked: a name says nothing of the sector ("Hữu Nghị", 友谊关,
    "Ministry of Industry and Trade")."""
    chars = list(t.text[item.start:item.end])
    for m in mentions_in(t, item.start, item.end, _NAME_LABELS):
        if m.method != "sentence":  # a pair of two gates named apart in a sentence: its words are the text's
            chars[m.start - item.start:m.end - item.start] = " " * (m.end - m.start)
    return "".join(chars)


def matching_view(t: TaggedDoc, lang: Language) -> TaggedDoc:
    """``t`` with its text as the cue tables are written (``Language.matching_text``), same offsets."""
    folded = lang.matching_text(t.text)
    if folded == t.text:
        return t
    return replace(t, seg=replace(t.seg, clean=replace(t.seg.clean, text=folded)))


def _record(t: TaggedDoc, mt: TaggedDoc, item: Item, modality: str, actors: tuple[Ref, ...], sentence: Span,
            lang: Language, gaz: Gazetteer, event_id: str | None) -> CommitmentRecord | None:
    cues = lang.commitments
    text = t.text
    action = text[item.start:item.end]
    sectors = lang.sectors.find(_names_blanked(t, item))
    if _GATE_SECTOR not in sectors and any(_GATE_SECTOR in lang.sectors.find(m.text)
                                           for m in mentions_in(t, item.start, item.end, _GATE_LABELS)):
        sectors = sorted([*sectors, _GATE_SECTOR])  # the gate word inside a gate's name (友谊关口岸)
    objects = object_refs(mt, item, cues, gaz)
    if modality == "completed_cue":
        if not (("sector" in cues.completed_needs and sectors) or ("object" in cues.completed_needs and objects)):
            return None  # a report of results, not a commitment
        modality = "completed"
    s0, s1 = sentence
    evidence = [Evidence(start=item.start, end=item.end, text=action)]
    if (s0, s1) != (item.start, item.end):
        evidence.append(Evidence(start=s0, end=s1, text=text[s0:s1]))
    return CommitmentRecord(
        doc_id=t.seg.clean.doc_id, event_id=event_id, actors=list(item.actors or actors), action=action,
        sectors=sectors, objects=objects,
        deadline=deadline_in(mt, item, cues) or lead_in_deadline(mt, item, sentence, cues),
        modality=modality, evidence=evidence)


def commitments_of(t: TaggedDoc, gaz: Gazetteer, lang: Language, event_id: str | None = None) -> list[CommitmentRecord]:
    """The commitment records of one tagged document (``build_commitments`` without a context)."""
    cues = lang.commitments
    mt = matching_view(t, lang)
    found: list[tuple[Item, str, tuple[Ref, ...], Span]] = []
    for frame in frames_of(mt, cues, gaz):
        for item in split_items(mt, frame.start, frame.end, frame.listed, cues,
                                lambda p, e: actor_at(mt, p, e, cues, gaz), frame.nominal):
            modality = "completed_cue" if frame.modality == "completed" else frame.modality
            found.append((item, modality, frame.actors, frame.sentence))
    for sign, sentence in signing_items(mt, cues):
        inside = [k for k, (item, *_) in enumerate(found) if item.start <= sign.start < item.end
                  or sign.start <= item.start < sign.end]
        if not inside:
            found.append((sign, "completed", (), sentence))
        for k in inside:  # "同意签署会议备忘录": the signing itself, at the event
            item, _, actors, sent = found[k]
            if item.start >= sign.start:
                found[k] = (item, "completed", actors, sent)
    out: list[CommitmentRecord] = []
    keys: list[str] = []  # the actions of ``out``, spaces collapsed
    for item, modality, actors, sentence in sorted(found, key=lambda f: (f[0].start, f[0].end)):
        rec = _record(t, mt, item, modality, actors, sentence, lang, gaz, event_id)
        if rec is None:
            continue
        key = " ".join(rec.action.split())
        same = next((k for k, o in enumerate(keys) if _repeats(key, o)), None)
        if same is None:
            out.append(rec)
            keys.append(key)
        elif len(key) > len(keys[same]) and rec.modality == out[same].modality:
            out[same], keys[same] = rec, key  # the fuller statement of the same action (a caption, then the body)
    return out


def _repeats(a: str, b: str, min_words: int = 6) -> bool:
    """Whether action ``a`` states action ``b`` again (a lead or caption repeated in the body): the same
    words, one starting the other, or one inside the other when the shorter is a whole action."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if long_.startswith(short):
        return word_count(short) >= 3
    return short in long_ and word_count(short) >= min_words


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
