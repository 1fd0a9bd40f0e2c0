"""Where commitments are stated: the frames of text a modality cue governs (``frames_of``).

Rules (cue words in each language's ``commitments.toml``, compiled as ``lang.cues.CommitmentCues``):

1. **Cues.** A modality cue ("thống nhất", 同意, "agreed", "proposed") opens a frame that runs to the
   next cue or the sentence end. A *subject* cue ("sẽ", 将, 愿, 应, "will", "should") counts only
   after a subject: an actor phrase, a place or person, a head noun ("tỉnh", 方, "localities"), a
   pronoun, a verb of saying ("强调，应…"), or the subject of an earlier comma clause ("中方高度重视…，
   愿…"); not in a belief or forecast ("相信…将", "tin tưởng … sẽ") nor when its clause announces an
   event ("将于…举行", "will be held"). A *nominal* cue ("called for", "the need for") is followed by
   noun phrases. Cues used as nouns or adjectives, inside a name or a quoted title, in purpose
   clauses, or (with ``require_action``) followed by no action verb, list opener or announced list
   are skipped; so is a cue that is itself a verb of the list it stands in ("agreed to A, encourage B").
2. **Modality and actors.** A request cue ("đề nghị", 希望, "asked") followed by an addressee is a
   request of that addressee; it is a proposal when the addressee is every side ("hai bên", 双方, "both
   sides", both countries named) or the speaker's own side; an addressee that is no actor before a
   future marker makes it a forecast ("hy vọng hội chợ sẽ thu hút"), not a commitment. Else the actor
   is the subject before the cue: a collective phrase, "phía" + a place, or the jurisdiction in the
   speaker's title ("Chủ tịch UBND tỉnh X … đề xuất"). Nothing is guessed beyond that.
3. **Lists across sentences.** After a cue the list stays open: a following sentence continues it when
   the one before ended with ";" or when it opens with a list word ("Đó là", 一是, "Second"), a date
   ("Năm 2023, …") or an [actor +] action verb ("Thúc đẩy …", 双方继续…); a list announced with ":"
   waits for its items across a few headings or captions; anything else closes it.
4. **No cue.** With ``joint_subject_agrees``, a sentence whose subject is every side and whose verb is an
   action (not past, not a verb of the talks themselves) states an agreement ("Hai bên tích cực phối
   hợp …", 双方继续加强…).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..gazetteer.store import Gazetteer
from ..lang.cues import CommitmentCues
from ..records import Ref
from ..types import Mention, TaggedDoc
from .clauses import skip_matches, word_count, word_starts

Span = tuple[int, int]
_CHAIN_LABELS = frozenset({"PERSON", "TITLE", "ORG", "PLACE"})
_SUBJECT_LABELS = frozenset({"PERSON", "TITLE", "ORG", "PLACE", "BORDER_GATE", "SERIES"})
CLAUSE_BREAK = re.compile(r"[,，;；:：。.!?！？]")
_ANNOUNCED_GAP = 3  # sentences (headings, captions) between "… 9 nhóm nội dung:" and its items
_SUBJECT_GAP = 8  # words between a subject at the start of a clause and its cue ("广西极度重视并将…")
_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"))
_TITLE_MARKS = (("《", "》"),)
_NOT_ADDRESSEE = re.compile(r"[、“”\"‘’《》「」()（）]")
_NUMBER = re.compile(r"\s*\d+\s*")
_SPEAKER_LABELS = frozenset({"PERSON", "TITLE", "ORG"})
_GAP_BREAK = re.compile(r"[;；.。:：!?！？\"“”]")
_CHAIN_OPEN = re.compile(r"(?:^|[,，“\"‘(（])\s*$")
_SENT_END = re.compile(r"[;；]\s*$")
_SEMI = re.compile(r"[;；]")
_SENTENCE_BREAK = re.compile(r"[.。!?！？:：]")
TAIL = 80  # characters a "…$" cue pattern (block_before, subject_end) is searched in
_WINDOW = 400  # characters before a cue a purpose or belief word is looked for
_LONGEST = 300  # characters of the longest mention (names, titles, series): how far back a lookup starts
_CLOSING = frozenset(".!?;:…。！？；：\"”’)）」』")


@dataclass(frozen=True)
class Frame:
    """The text a modality governs: ``[start, end)`` inside sentence ``sentence``."""

    modality: str
    start: int
    end: int
    actors: tuple[Ref, ...]
    listed: bool
    sentence: Span
    nominal: bool = False


@dataclass(frozen=True)
class Hit:
    """A cue that states an action: the cue ``[start, end)``, where the governed text starts (``pos``,
    after an addressee) and the addressee, if any."""

    start: int
    end: int
    modality: str
    pos: int
    actors: tuple[Ref, ...]
    nominal: bool


@dataclass(frozen=True)
class _Open:
    """A list left open by the previous sentence."""

    modality: str
    actors: tuple[Ref, ...]
    semicolon: bool
    nominal: bool = False


# --------------------------------------------------------------------------- references


def place_ref(m: Mention, gaz: Gazetteer) -> Ref:
    """A PLACE (or gate, pair) mention as ``Ref``: its id and the gazetteer's canonical name."""
    e = gaz.get(m.id)
    name = e.canonical if e else (m.value if isinstance(m.value, str) else m.text)
    return Ref(id=m.id, name=name)


def is_country(m: Mention, gaz: Gazetteer) -> bool:
    e = gaz.get(m.id)
    return e is not None and e.type == "country"


def _from(t: TaggedDoc, start: int) -> int:
    """Index of the first mention starting at or after ``start`` (``t.mentions`` is sorted by start)."""
    return bisect.bisect_left(t.mentions, start, key=_start_of)


def _start_of(m: Mention) -> int:
    return m.start


def mentions_in(t: TaggedDoc, start: int, end: int, labels: frozenset[str] | tuple[str, ...]) -> list[Mention]:
    """The mentions with one of ``labels`` inside ``[start, end)``."""
    out = []
    ms = t.mentions
    for i in range(_from(t, start), len(ms)):
        m = ms[i]
        if m.start >= end:
            break
        if m.end <= end and m.label in labels:
            out.append(m)
    return out


def mentions_near(t: TaggedDoc, start: int, end: int) -> list[Mention]:
    """The mentions that overlap ``[start, end)`` or touch it (a mention is at most ``_LONGEST`` long)."""
    ms = t.mentions
    out = []
    for i in range(_from(t, start - _LONGEST), len(ms)):
        m = ms[i]
        if m.start > end:
            break
        if m.end >= start:
            out.append(m)
    return out


def outermost(ms: list[Mention]) -> list[Mention]:
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
        place = next((pl for pl in mentions_in(t, side.end(), end, ("PLACE",))
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
    for m in reversed(outermost(mentions_in(t, start, cue_start, _CHAIN_LABELS))):
        gap = text[m.end:pos]
        if m.end > pos or _GAP_BREAK.search(gap) or "," in gap or "，" in gap or word_count(gap) > 2:
            break
        chain.append(m)
        pos = m.start
    if not chain:
        return None
    speaker = any(m.label in _SPEAKER_LABELS for m in chain)
    before = text[max(start, chain[-1].start - TAIL):chain[-1].start]
    word = cues.place_word_end.search(before)
    if not speaker and not _CHAIN_OPEN.search(before[:word.start()] if word else before):
        return None  # a bare place after a preposition ("tại X thống nhất") is no subject
    places = [m for m in reversed(chain) if m.label == "PLACE" and not is_country(m, gaz)]
    return (place_ref(places[0], gaz), chain[0].end) if places else None


def subject_actors(t: TaggedDoc, start: int, cue_start: int, cues: CommitmentCues,
                   gaz: Gazetteer) -> tuple[Ref, ...]:
    """Who speaks or agrees in ``[start, cue_start)``: the candidate closest to the cue, if close."""
    text = t.text
    cands: list[tuple[int, Ref]] = [(m.end(), Ref(id=None, name=m.group(0)))
                                    for m in cues.actor_any.finditer(text, start, cue_start)
                                    if not cues.actor_not_after.search(text[max(start, m.start() - TAIL):m.start()])]
    for pl in mentions_in(t, start, cue_start, ("PLACE",)):
        if cues.side_end.search(text[max(start, pl.start - TAIL):pl.start]):
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


def _is_subject(t: TaggedDoc, start: int, end: int, cues: CommitmentCues) -> bool:
    """Whether ``text[start:end]`` ends with a subject: an actor phrase, a head noun or pronoun, a tagged
    name, or a verb of saying ("强调，应…")."""
    before = t.text[max(start, end - TAIL):end]
    start = end - len(before)
    while (m := cues.subject_fillers_end.search(before)) and m.start() < len(before.rstrip()):
        before = before[:m.start()]
    before = before.rstrip()
    if not before:
        return False
    if cues.subject_end.search(before):
        return True
    stop = start + len(before)
    if any(m.end == stop and m.label in _SUBJECT_LABELS for m in mentions_near(t, stop, stop)):
        return True
    return bool(cues.speech_end.search(before.rstrip(" ,，:：")))


def _same_country(speakers: tuple[Ref, ...], addressees: tuple[Ref, ...], gaz: Gazetteer) -> bool:
    """Whether a speaker's side and the addressee are known to be in the same country (own side)."""
    def countries(refs: tuple[Ref, ...]) -> set[str]:
        return {e.country for r in refs if r.id and (e := gaz.get(r.id)) is not None and e.country}

    mine, theirs = countries(speakers), countries(addressees)
    return bool(mine) and mine == theirs


def _expectation(t: TaggedDoc, pos: int, end: int, cues: CommitmentCues) -> bool:
    """Whether a non-actor phrase and a future marker follow a cue ("hy vọng hội chợ sẽ thu hút")."""
    text = t.text
    pos = _skip_space(text, skip_matches(text, pos, end, cues.strip), end)
    for w in word_starts(text, pos, end)[1:cues.addressee_window + 1]:
        gap = text[pos:w]
        if CLAUSE_BREAK.search(gap):
            return False
        if cues.future_end.search(gap):
            return not _starts_with_actor(t, pos, cues)
    return False


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _starts_with_actor(t: TaggedDoc, pos: int, cues: CommitmentCues) -> bool:
    """Whether the text at ``pos`` opens with an actor: a collective phrase, head noun, pronoun or a
    tagged name ("phía bạn", "tỉnh X", "Guangxi")."""
    if cues.subject_start.match(t.text, pos):
        return True
    return any(m.start == pos and m.label in _SUBJECT_LABELS for m in mentions_near(t, pos, pos))


def has_subject(t: TaggedDoc, start: int, cue_start: int, cues: CommitmentCues, gaz: Gazetteer) -> bool:
    """Whether a subject cue ("sẽ", 将, "will") has a subject right before it, or (the subject shared
    across commas: "中方高度重视…，愿与越方一道…") at the start of a comma clause of its sentence."""
    text = t.text
    if _is_subject(t, start, cue_start, cues):
        return True
    hard = max((m.end() for m in _GAP_BREAK.finditer(text, start, cue_start)), default=start)
    clauses = [hard] + [hard + m.end() for m in re.finditer(r"[,，]", text[hard:cue_start])]
    own = skip_matches(text, clauses[-1], cue_start, cues.strip)
    gap = 10 ** 6
    if own < cue_start and text[own:cue_start].strip():
        clauses, gap = clauses[-1:], _SUBJECT_GAP  # words before the cue in its clause: only its start counts
    for c in clauses:
        c = skip_matches(text, c, cue_start, cues.strip)
        while c < cue_start and text[c].isspace():
            c += 1
        found = actor_at(t, c, cue_start, cues, gaz)
        ends = [found[1]] if found else []
        ends += [m.end for m in mentions_near(t, c, c) if m.start == c and m.label in _SUBJECT_LABELS]
        if any(word_count(text[e:cue_start]) <= gap for e in ends):
            return True
    return False


def addressee(t: TaggedDoc, pos: int, end: int, cues: CommitmentCues, gaz: Gazetteer,
              commas: bool = False, marker: re.Pattern[str] | None = None) -> tuple[tuple[Ref, ...], int, bool] | None:
    """Who a request cue addresses: (actors, where the action starts, whether they are every side).
    A collective phrase or "phía X" right after the cue, or the words before an action verb that
    follows within ``addressee_window`` words ("asked Guangxi to extend", 希望广西继续…); ``commas``:
    the addressee may be a list ("the need for the border localities, and Guangxi to continue");
    ``marker``: the verb must come after it ("to"). Before a future marker ("hy vọng hội chợ sẽ thu
    hút") only an actor counts: anything else is an expectation, not a request."""
    text = t.text
    pos = skip_matches(text, _after_aside(text, skip_matches(text, pos, end, cues.strip), end, cues), end, cues.strip)
    pos = _skip_space(text, pos, end)
    found = actor_at(t, pos, end, cues, gaz)
    start = skip_matches(text, found[1], end, cues.strip) if found else pos
    num = _NUMBER.match(text, pos, end)
    if not found and cues.vague_start.match(text, num.end() if num else pos, end):
        return None  # "đề xuất một số nội dung …", "đề xuất 3 nội dung …": what is proposed, not to whom
    if cues.verb_start.match(text, start, end):
        if not found:
            return None
        refs = found[0]
        return refs, start, refs[0].id is None and cues.is_joint(refs[0].name)
    names = mentions_near(t, start, min(end, start + _LONGEST))
    words = [w for w in word_starts(text, start, end) if not any(m.start < w < m.end for m in names)]
    for w in words[1:cues.addressee_window + 1]:  # a name counts as one word ("中国广西壮族自治区")
        gap = text[pos:w]
        breaks = CLAUSE_BREAK.findall(gap)
        lists = commas and cues.addressee_lists
        if (any(b not in ",，" or not lists for b in breaks) or _NOT_ADDRESSEE.search(gap)
                or cues.purpose.search(gap)):
            return None
        if text[w].isupper():
            continue  # a capitalised word inside a name ("Sở Giao thông Vận tải"), not a verb
        if cues.verb_start.match(text, w, end) and (marker is None or marker.match(text, w, end)):
            if (cues.future_end.search(gap) or cues.addressee_is_actor) and not (found or _starts_with_actor(t, pos, cues)):
                return None
            if found:  # "两县政府充分开发…": the collective phrase and its head noun
                refs = found[0]
                topic = cues.topic_start.match(text, start, w)  # "希望中方为越南水果…提供便利": from 为 on
                return refs, start if topic else w, refs[0].id is None and cues.is_joint(refs[0].name)
            if word_count(gap) == 1 and gap.strip().isalpha() and gap.strip().islower():
                return None  # "propose the opening …": an article, not an addressee
            places = mentions_in(t, pos, w, ("PLACE",))
            place = next((m for m in places if not is_country(m, gaz)), None)
            ref = place_ref(place, gaz) if place else Ref(id=None, name=gap.strip())
            joint = cues.actor_any.search(gap)  # "cơ quan ngoại vụ hai bên": every side's agencies
            countries = {e.country for m in places if (e := gaz.get(m.id)) is not None and e.country}
            nations = any(cues.coordinators.match(text[c.end:w].lstrip()) or cues.coordinators.search(
                text[pos:c.start].rstrip()[-4:]) for c in places if is_country(c, gaz))  # "中国和东盟…", "X và Trung Quốc"
            return (ref,), w, bool(joint and cues.is_joint(joint.group(0)) and not gap[joint.end():].strip()) or (
                len(countries) > 1) or bool(nations)  # both sides named, or a country and another party
    return None


# --------------------------------------------------------------------------- frames


def _blocked(t: TaggedDoc, sent: Span, hit: re.Match[str], cues: CommitmentCues, gaz: Gazetteer) -> bool:
    text = t.text
    before = text[max(sent[0], hit.start() - _WINDOW):hit.start()]  # "…$" patterns only need the tail
    if cues.block_before.search(before[-TAIL:]) or cues.block_after.match(text, hit.end(), sent[1]):
        return True
    soft = cues.soft_after.match(text, hit.end(), sent[1])
    after = _after_aside(text, soft.end(), sent[1], cues) if soft else 0
    if soft and not action_starts(t, after, sent[1], cues, gaz) and not action_starts(
            t, _after_date(t, after, sent[1], cues, deadline=True), sent[1], cues, gaz) and not (
            cues.asks_actor(hit.group(0)) and addressee(t, soft.end(), sent[1], cues, gaz, commas=True)):
        return True  # "… thống nhất, cùng với sự …": an adjective, not an agreement
    if any(m.start < hit.end() and hit.start() < m.end for m in mentions_near(t, hit.start(), hit.end())
           if m.label != "DATE"):
        return True  # inside a name or title ("上将", "Hội chợ Thống nhất")
    if _inside_title(text[sent[0]:hit.start()], cues):
        return True  # inside a quoted title (“Thỏa thuận hợp tác …”, 《…协定》)
    for pattern, window in ((cues.purpose, cues.purpose_window), (cues.belief, cues.belief_window)):
        last = None
        for last in pattern.finditer(before):  # noqa: B007 - want the last one
            pass
        if last is not None and word_count(before[last.end():]) <= window:
            return True
    return False


def _inside_title(before: str, cues: CommitmentCues) -> bool:
    """Whether a position after ``before`` (its sentence so far) is inside a quoted title: inside 《…》,
    or inside quotes that do not open with a subject (“The two sides agree …” is quoted speech)."""
    if any(before.count(a) > before.count(b) for a, b in _TITLE_MARKS):
        return True
    opened = [i for a, b in _QUOTE_PAIRS if before.count(a) > before.count(b) for i in [before.rfind(a)]]
    if before.count('"') % 2 == 1:
        opened.append(before.rfind('"'))
    if not opened:
        return False
    quoted = before[max(opened) + 1:]
    return not (cues.actor_any.search(quoted) or cues.subject_end.search(quoted.rstrip()))


def _after_aside(text: str, pos: int, end: int, cues: CommitmentCues) -> int:
    """Skip filler and one aside between commas ("hy vọng, trong thời gian tới, hai bên …")."""
    nxt = skip_matches(text, pos, end, cues.strip)
    if nxt != pos and nxt < end and text[nxt] in ",，":
        return nxt + 1
    return pos


def _opens_piece(t: TaggedDoc, start: int, cue_start: int, cues: CommitmentCues) -> bool:
    """Whether a cue opens a list piece (right after a separator, no sentence break since the last cue)."""
    text = t.text
    if _SENTENCE_BREAK.search(text, start, cue_start):
        return False
    seps = list(cues.separators.finditer(text, start, cue_start)) + list(_SEMI.finditer(text, start, cue_start))
    if not seps:
        return False
    return not text[skip_matches(text, max(m.end() for m in seps), cue_start, cues.strip):cue_start].strip()


def _verb_list(t: TaggedDoc, start: int, end: int, cues: CommitmentCues) -> bool:
    """Whether ``text[start:end]`` is only a bare verb and a comma ("rà soát, ")."""
    piece = t.text[start:end].rstrip()
    if not piece.endswith((",", "，", "、")):
        return False
    piece = piece[:-1]
    m = cues.verb_start.match(piece)
    return bool(m) and not piece[m.end():].strip()


def _past_year(t: TaggedDoc, d: Mention) -> bool:
    """Whether a DATE names a year before the document's own (its publication, else its latest year)."""
    year = d.value[:4] if isinstance(d.value, str) and d.value[:4].isdigit() else None
    if year is None:
        return False
    latest = t.seg.published.year if t.seg.published else max(
        (int(m.value[:4]) for m in t.of("DATE") if isinstance(m.value, str) and m.value[:4].isdigit()), default=0)
    return int(year) < latest


def _after_date(t: TaggedDoc, pos: int, end: int, cues: CommitmentCues, deadline: bool = False) -> int:
    """After a date that opens the governed text ("商定于6月前联合开展…"), else ``pos``; ``deadline``: only
    a date stated as a deadline ("2024年内", 6月前)."""
    d = next((m for m in mentions_in(t, pos, end, ("DATE",)) if word_count(t.text[pos:m.start]) <= 2), None)
    if d is None or _past_year(t, d):
        return pos  # "经省政府同意，于2006年8月启动…": a dated past step, not what is agreed
    after = cues.deadline_after.match(t.text, d.end, end)
    return after.end() if after else pos if deadline else d.end


def governs_action(t: TaggedDoc, pos: int, end: int, cues: CommitmentCues, gaz: Gazetteer) -> bool:
    """Whether the text a cue governs states actions: [actor] verb …, a list opener before the first
    ";" ("gồm:", "："), or a vague head that announces a list ("một số nội dung …. Đó là, …")."""
    text = t.text
    pos = _after_aside(text, skip_matches(text, pos, end, cues.strip), end, cues)
    if action_starts(t, pos, end, cues, gaz) or action_starts(t, _after_date(t, pos, end, cues), end, cues, gaz):
        return True
    topic = cues.topic_start.match(text, pos, end)  # "愿与越方一道，共同推动…", "在…方面加强合作"
    if topic:
        commas = [m.end() for m in re.finditer(r"[,，]", text[topic.end():end])][:3]
        if cues.verb_any.search(text, topic.end(), topic.end() + commas[0] if commas else end) or any(
                action_starts(t, topic.end() + c, end, cues, gaz) for c in commas):
            return True
    semi = _SEMI.search(text, pos, end)
    opener = cues.openers.search(text, pos, semi.start() if semi else end)
    if opener and (opener.group(0).strip(" :：") or action_starts(t, opener.end(), end, cues, gaz)):
        return True  # "gồm:", or ":" before an action ("nhấn mạnh: Quan hệ …" quotes a statement)
    num = _NUMBER.match(text, pos, end)  # "đề xuất 2 nội dung", "three proposals"
    return bool(cues.vague_start.match(text, num.end() if num else pos, end))  # its list may follow later


def _names_action(t: TaggedDoc, pos: int, end: int, cues: CommitmentCues) -> bool:
    """Whether the text at ``pos`` is a noun phrase naming an action: an action noun first, or after a
    determiner ("cooperation in …", "the establishment of …")."""
    text = t.text
    pos = _skip_space(text, skip_matches(text, pos, end, cues.strip), end)
    det = cues.nominal_determiners.match(text, pos, end)
    return bool(cues.nominal_heads.match(text, _skip_space(text, det.end(), end) if det else pos, end))


def cue_hits(t: TaggedDoc, sent: Span, cues: CommitmentCues, gaz: Gazetteer) -> list[Hit]:
    """The cues of a sentence that state an action (noun/adjective/purpose uses dropped)."""
    text = t.text
    out = []
    for h in cues.modality.finditer(text, sent[0], sent[1]):
        if _blocked(t, sent, h, cues, gaz):
            continue
        cue = h.group(0)
        kind = cues.kind_of(cue)
        if kind == "subject" and out and (not CLAUSE_BREAK.search(text, out[-1].end, h.start()) or not text[
                skip_matches(text, out[-1].end, h.start(), cues.strip):h.start()].strip(" ,，:：")):
            continue  # "thống nhất … là cần quán triệt", "proposed both sides should", "一致认为，应…": inside that frame
        if out and out[-1].pos <= h.start() and not text[skip_matches(text, out[-1].pos, h.start(), cues.strip):h.start()].strip():
            continue  # "thống nhất đề nghị cấp có thẩm quyền …", "agreed to ask …": the verb of that frame
        if out and (_verb_list(t, out[-1].pos, h.start(), cues) or (
                kind == "plain" and cues.verb_start.match(text, h.start(), h.end())
                and _opens_piece(t, out[-1].end, h.start(), cues))):
            continue  # "đề nghị X rà soát, thống nhất …", "agreed to A, encourage B": an item's verb
        if kind == "subject" and (not has_subject(t, sent[0], h.start(), cues, gaz) or cues.planned.search(
                text, h.end(), m.start() if (m := CLAUSE_BREAK.search(text, h.end(), sent[1])) else sent[1])):
            continue  # no subject, or an event announced ("将于4月17日举行", "will be held")
        modality = cues.modality_of(cue) or "agreed"
        pos, actors = h.end(), ()
        if kind == "nominal" and (found := addressee(t, pos, sent[1], cues, gaz, True, cues.nominal_marker)):
            actors, pos, _ = found  # "the need for X to continue …": X is asked, verbs follow
            kind = "plain"
        elif cues.asks_actor(cue) and (found := addressee(t, pos, sent[1], cues, gaz, commas=True)):
            actors, pos, joint = found
            own = _same_country(subject_actors(t, sent[0], h.start(), cues, gaz), actors, gaz)
            modality = "proposed" if joint or own else "requested"  # requested: of the other side
        elif cues.asks_actor(cue) and _expectation(t, pos, sent[1], cues):
            continue  # "hy vọng hội chợ sẽ thu hút …": a forecast
        if cues.require_action and kind != "nominal" and not governs_action(t, pos, sent[1], cues, gaz):
            if kind == "subject" or not _names_action(t, pos, sent[1], cues) or (
                    out and not _GAP_BREAK.search(text, out[-1].end, h.start())):
                continue
            kind = "nominal"  # "agreed on cooperation in …", "encouraged the establishment of …"
        out.append(Hit(h.start(), h.end(), modality, pos, actors, kind == "nominal"))
    return out


def cue_frames(t: TaggedDoc, sent: Span, hits: list[Hit], cues: CommitmentCues, gaz: Gazetteer) -> list[Frame]:
    """One frame per cue of a sentence."""
    text = t.text
    out: list[Frame] = []
    for i, h in enumerate(hits):
        end = hits[i + 1].start if i + 1 < len(hits) else sent[1]
        semis = list(_SEMI.finditer(text, h.end, end))
        if i + 1 < len(hits) and semis and word_count(text[semis[-1].end():end]) <= 6:
            end = semis[-1].start()  # "…; phía X đề xuất …": the next cue's subject
        elif i + 1 < len(hits) and cues.kind_of(text[hits[i + 1].start:hits[i + 1].end]) == "subject":
            commas = list(re.finditer(r"[,，]", text[h.end:end]))
            if commas and word_count(text[h.end + commas[-1].end():end]) <= 6:
                end = h.end + commas[-1].start()  # "…, and the Government will …": the next cue's subject
        seps = list(cues.separators.finditer(text, h.end, end))
        if i + 1 < len(hits) and seps and skip_matches(text, seps[-1].end(), end, cues.strip) >= end:
            end = seps[-1].start()  # "…合作，并将…": only filler before the next cue
        actors = h.actors
        joined = i > 0 and cues.hard_break_end.search(text[max(hits[i - 1].end, h.start - TAIL):h.start])
        if not actors and joined:
            actors = out[-1].actors  # "…, đồng thời thống nhất …": the same subject
        elif not actors:
            actors = subject_actors(t, sent[0], h.start, cues, gaz)
        out.append(Frame(h.modality, h.pos, max(h.pos, end), actors, False, sent, h.nominal))
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
        return Frame(state.modality, start, end, state.actors, True, sent, state.nominal)
    m = cues.cont_opener.match(text, start, end)
    pos = m.end() if m else start
    dated = _after_date(t, skip_matches(text, pos, end, cues.strip), end, cues)
    if dated > pos and text[dated:end].lstrip()[:1] in (",", "，"):
        pos = dated  # "Năm 2023, hai bên tập trung vào …"
    topic = cues.topic_start.match(text, pos, end)
    if topic:
        comma = re.compile(r"[,，]").search(text, topic.end(), end)
        if not comma:
            return None
        pos = comma.end()
    if not action_starts(t, pos, end, cues, gaz):
        return None
    return Frame(state.modality, pos, end, state.actors, False, sent)


def joint_frame(t: TaggedDoc, sent: Span, cues: CommitmentCues, gaz: Gazetteer) -> Frame | None:
    """An agreement stated with no cue ("Hai bên tích cực phối hợp …", 双方继续加强…): the sentence opens
    with every side as subject and an action verb that is not past and not a verb of talking."""
    if not cues.joint_subject_agrees:
        return None
    text = t.text
    start, end = sent
    m = cues.cont_opener.match(text, start, end)
    pos = skip_matches(text, m.end() if m else start, end, cues.strip)
    found = actor_at(t, _skip_space(text, pos, end), end, cues, gaz)
    if not found or found[0][0].id is not None or not cues.is_joint(found[0][0].name):
        return None
    head = skip_matches(text, found[1], end, cues.strip)
    verb = cues.strong_verb_start.match(text, head, end)
    if verb is None or cues.past_after.match(text, verb.end(), end) or cues.report_verbs.match(text, head, end):
        return None
    comma = re.compile(r"[,，]").search(text, verb.end(), end)
    if comma and cues.tail_drop.match(text, comma.end(), end):
        return None  # "两国加强合作，有利于…": a subject clause judged, not an agreement
    return Frame("agreed", head, end, found[0], False, sent)


def is_heading(text: str, sent: Span, min_cut: int = 8) -> bool:
    """A whole line with no closing punctuation: a headline or section title, not a statement (the last
    line of a text that is not its first is an excerpt cut short, still a statement)."""
    start, end = sent
    last = not text[end:].strip()
    whole_line = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    if last and start > 0 and word_count(text[start:end]) >= min_cut:
        return False
    return whole_line and text[start:end].rstrip()[-1:] not in _CLOSING


def frames_of(t: TaggedDoc, cues: CommitmentCues, gaz: Gazetteer) -> list[Frame]:
    """Every frame of the document, in text order. A list announced with ":" at the end of a sentence
    stays open across up to ``_ANNOUNCED_GAP`` headings or captions before its first item."""
    text = t.text
    spans = [(s.start, s.end) for s in t.seg.sentences] or [(0, len(text))]
    out: list[Frame] = []
    state: _Open | None = None
    waiting = 0  # sentences an announced list may still wait for its items
    for sent in spans:
        heading = is_heading(text, sent)
        hits = [] if heading else cue_hits(t, sent, cues, gaz)
        if hits:
            frames = cue_frames(t, sent, hits, cues, gaz)
        elif heading:
            frames = []
        else:
            cont = continuation_frame(t, sent, state, cues, gaz) if state is not None else None
            cont = cont or joint_frame(t, sent, cues, gaz)
            frames = [cont] if cont else []
        if frames:
            last = frames[-1]
            body = text[sent[0]:sent[1]].rstrip()
            state = _Open(last.modality, last.actors, bool(_SENT_END.search(body)), last.nominal)
            waiting = _ANNOUNCED_GAP if body.endswith((":", "：")) else 0
            out.extend(frames)
        elif waiting and state is not None:
            waiting -= 1
        else:
            state = None
    return out
