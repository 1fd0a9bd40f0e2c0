"""Conference mentions: every place where a text names a meeting of a cooperation mechanism, read from
its wording whatever the series (the words are each language's ``events.toml`` ``[conference]``,
``[mechanisms]`` and ``[status]``).

1. **Anchors.** An EDITION ("lần thứ 10", 第十次, "the 10th") anchors a numbered mention; a gazetteer
   SERIES or a mechanism's words ("Gặp gỡ đầu Xuân", 新春会晤, "Spring Meeting") anchor an unnumbered one.
2. **Name.** Around the anchor the name runs (``name_before``) from the last head noun before it
   ("Hội nghị … lần thứ X"), from the start of its clause ("…联合工作组第三次会议") or from the anchor
   itself ("the 10th meeting"); after it, to the head noun that follows ("第八届…领导人会议", "the 10th
   Joint Working Group meeting") and on while participant words follow ("giữa …", "of …", "(GMS)"),
   up to a stop word, a date, another edition or clause punctuation. A numbered anchor with no head
   noun on either side is no meeting ("lần thứ 3 đến thăm", "第四季度").
3. **What the name says.** Its mechanisms (in the order of ``data/events.toml [mechanisms]``), its
   participants (places, international bodies, words naming both countries, partner regions: ids),
   whether it is domestic ("Quốc hội", 人大, "Party Congress") and whether it is cross-border.
4. **Cue.** The status cue of its clause (the text up to the neighbouring mentions; two names joined
   by "và"/暨/"and" share their clauses): ``frame`` ("trong khuôn khổ"), ``planned`` ("sẽ diễn ra",
   将于, "will take place", "gearing up for"), ``past`` ("kể từ", 此前, "since"), ``happened``
   ("diễn ra", 举行, "took place") or ``none``.

>>> from corridor_ie.api import tag_text
>>> from corridor_ie.lang import build_languages
>>> from corridor_ie.assemble.stage import records_table
>>> t = tag_text("Sáng 27/3, Phiên họp thứ 9 Nhóm công tác liên hợp 4 tỉnh của Việt Nam và tỉnh Vân Nam "
...              "(Trung Quốc) đã diễn ra tại thành phố Hà Giang.")
>>> m = find_mentions(t, build_languages().get("vi").events, records_table())[0]
>>> t.text[m.start:m.end], m.edition, m.mechanism, m.participants, m.cue
('Phiên họp thứ 9 Nhóm công tác liên hợp 4 tỉnh của Việt Nam và tỉnh Vân Nam (Trung Quốc)', 9, 'joint-working-group', ('cn.prov.yunnan', 'country.cn', 'country.vn'), 'happened')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..lang.cues import EventCues
from ..types import Mention, TaggedDoc
from .spans import Span, sentence_of, sentence_spans
from .tables import RecordsTable

#: punctuation that ends a name (a comma only pauses it: what follows must continue it)
_HARD = re.compile(r"[.;:!?。；：！？\"“”«»\n|]")
#: a quoted title: “…”, «…», "…" (one line, not too long)
_QUOTED = re.compile(r"“[^“”\n]{1,150}”|«[^«»\n]{1,150}»|\"[^\"\n]{1,150}\"")
#: punctuation that may stand between an edition and its head noun
_GAP_BAD = re.compile(r"[.,;:!?。，；：！？\"“”«»\n|]")
_COMMA = re.compile(r"[,，]")
_CLAUSE_END = re.compile(r"[;；]")
#: mentions that are one word inside a name (a stop word inside them is part of a name)
_UNITS = ("PLACE", "ORG", "SERIES", "TITLE", "BORDER_GATE")
_YEAR_AFTER = re.compile(r"\s*[\"“”'’]?\s*((?:19|20)\d\d)(?!\d)")
_YEAR_BEFORE = re.compile(r"((?:19|20)\d\d)\s*[年]?\s*$")
_TITLE_BEFORE = re.compile(r"(?:(?:(?<![\w'’])[A-Z][\w'’.–—-]*|\([^()\n]{1,40}\))\s+(?:(?:and|of|for|on|[-–—&])\s+)?)+\Z")
_LINK_WORDS = re.compile(r"(?:\s+(?:between|of|for|among|with|the|a|an|and))*\s+", re.IGNORECASE)
_YEAR_START = re.compile(r"((?:19|20)\d\d)(?!\d)")
_YEAR_BRACKET = re.compile(r"[(（][^()（）]*?(?<!\d)((?:19|20)\d\d)(?!\d)[^()（）]*[)）]")
_BARE_YEAR = re.compile(r"(?:19|20)\d\d(?![\d/]|[.,-]\d)")
_WORD = re.compile(r"[^\s,，;；:：()（）\"“”]+")
_LEAD_JUNK = " \t\n,，、:：;；-–—)）"
_TRAIL_JUNK = " \t\n,，、:：;；-–—(（"
#: how close a status cue must stand to a name, in characters (before it, after it)
_CUE_BEFORE, _CUE_AFTER = 48, 40

CUES = ("frame", "planned", "past", "happened", "announced", "about", "none")


@dataclass(frozen=True)
class ConferenceMention:
    """One mention of a conference: its name as written is ``text[start:end]``."""

    start: int
    end: int
    sentence: int
    anchor: Span  # the edition mention, or the words that name an unnumbered mechanism
    edition: int | None
    mechanisms: tuple[str, ...]  # mechanism keys the name words, most specific first
    participants: tuple[str, ...]  # sorted ids
    series_id: str | None  # a gazetteer series named inside the name
    year: int | None  # the year that names the edition ("Gặp gỡ đầu Xuân 2025", "2023年…新春会晤")
    domestic: bool
    international: bool  # an international word or a word naming both countries
    clause: Span = (0, 0)  # where the facts of this mention are read
    cue: str = "none"
    has_head: bool = True  # named as a meeting (an unnumbered mechanism may be named as itself: "cơ chế …")

    @property
    def mechanism(self) -> str | None:
        return self.mechanisms[0] if self.mechanisms else None


# --------------------------------------------------------------------------- names


def _closes(text: str, pos: int, cues: EventCues) -> bool:
    """Whether an edition ends its clause or goes on with its participants ("… là … lần thứ 12 giữa hai
    tỉnh", "…是第五次。"), not with a verb ("这是…首次参与…": the first time someone took part)."""
    j = pos
    while j < len(text) and text[j] in " \t\u00a0":
        j += 1
    return j >= len(text) or bool(_HARD.match(text, j) or _COMMA.match(text, j) or cues.continuations.match(text, j))


def _elliptical(text: str, lo: int, pos: int, cues: EventCues) -> bool:
    """Whether an edition with no head noun follows another conference of its sentence right after a
    joiner ("… took place in 2017 and the ninth in 2019"): it is an edition of the same series."""
    if pos <= lo:
        return False
    gap = text[lo:pos].rstrip()
    if gap.lower().endswith(" the"):
        gap = gap[:-4].rstrip()
    last = list(cues.joiners.finditer(gap))[-1:]
    return bool(last) and last[0].end() == len(gap) and not _HARD.search(gap)


def _followed_by(pattern: re.Pattern[str], text: str, pos: int) -> bool:
    """Whether ``pattern`` matches right after ``pos`` (spaces skipped)."""
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return pattern.match(text, pos) is not None


def _ends(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    """The end of the last match of ``pattern`` inside ``text[lo:hi]``, else ``lo``."""
    best = lo
    for m in pattern.finditer(text, lo, hi):
        if m.end() <= hi:
            best = max(best, m.end())
    return best


#: the bracket that closes a caption cue opened by a bracket ("(Photo: VNA)")
_CLOSERS = {"(": ")", "（": "）"}


def _in_caption(text: str, pos: int, cues: EventCues) -> bool:
    """Whether ``pos`` is on a photo caption line ("附图:…", "Quang cảnh hội nghị |", "… (Photo: VNA)")."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    b = b if b >= 0 else len(text)
    line = text[a:b].strip()
    if line.startswith("|") or line.endswith("|"):
        return True
    for cue in cues.captions.finditer(text, a, b):
        closer = _CLOSERS.get(cue.group()[0])
        close = text.find(closer, cue.end(), b) if closer else -1
        if close < 0 or pos < close:  # "… (Photo: VNA)Hanoi (VNA) - …": the story glued after the credit is no caption
            return True
    return False


def _quoted(text: str, lo: int, hi: int, cues: EventCues) -> list[Span]:
    """Quoted titles inside ``text[lo:hi]`` (quote marks included) that follow a head noun ("Hội đàm công
    tác “Festival …”"): such a title is one unit of the name (a quoted title alone is no part of one)."""
    out = []
    for m in _QUOTED.finditer(text, lo, hi):
        before = text[max(lo, m.start() - 40):m.start()]
        if any(h.end() >= len(before) - 12 for h in cues.heads.finditer(before)):
            out.append((m.start(), m.end()))
    return out


def _lists_sides(text: str, j: int, limit: int, places: set[int], cues: EventCues) -> bool:
    """Whether a colon opens the list of a name's sides ("giữa 4 tỉnh: Lạng Sơn, …", "hai địa phương: tỉnh
    A và …"): a place or a participant word follows it."""
    while j < limit and text[j] in " \t\u00a0":
        j += 1
    return j in places or cues.continuations.match(text, j) is not None


def _left_bound(t: TaggedDoc, pos: int, limit: int, cues: EventCues) -> int:
    """Where a name that ends at ``pos`` may start: after the last stop word, clause punctuation,
    date or person before it (no further back than ``limit``); a quoted title is one unit ("Hội đàm
    công tác “Tuần lễ … Việt – Trung” giữa … lần thứ hai": neither its quote marks nor its words end
    the name)."""
    text = t.text
    lo = max(limit, pos - cues.reach)
    quoted = _quoted(text, lo, pos, cues)
    inner = [(m.start, m.end) for m in t.mentions if m.label in _UNITS and lo <= m.start and m.end <= pos] + quoted
    stops = [m.end() for p in (cues.name_stops, cues.planned_before, cues.happened_before, cues.frames, cues.past)
             for m in p.finditer(text, lo, pos) if not any(a <= m.start() < b for a, b in inner)]
    best = max([lo, *stops])
    places: set[int] | None = None
    for m in _HARD.finditer(text, lo, pos):
        if m.end() > pos or any(a <= m.start() < b for a, b in quoted):
            continue
        if m.group() in ":：":  # "giữa 4 tỉnh: A, B, …": a colon that lists the sides is inside the name
            if places is None:
                places = {x.start for x in t.mentions if x.label in ("PLACE", "ORG") and lo <= x.start < pos}
            if _lists_sides(text, m.end(), pos, places, cues):
                continue
        best = max(best, m.end())
    if cues.name_before == "clause":  # a clause ends at a comma too
        best = max(best, _ends(_COMMA, text, lo, pos))
    for m in t.mentions:
        if m.label in ("DATE", "PERSON") and lo <= m.end <= pos:
            best = max(best, m.end)
    return best


def _head_after(t: TaggedDoc, pos: int, limit: int, cues: EventCues,
                generic: frozenset[str] = frozenset()) -> Span | None:
    """A head noun shortly after ``pos`` with nothing but name words between ("the 10th Joint … meeting");
    failing one, the words of a named mechanism ("the Seventh Economic Corridor Cooperation")."""
    text = t.text
    hi = min(limit, pos + cues.head_gap)
    found = [(m.start(), m.end()) for m in cues.heads.finditer(text, pos, limit) if m.start() <= hi][:1]
    if not found:
        found = sorted((m.start(), m.end()) for k, p in cues.mechanisms if k not in generic
                       for m in p.finditer(text, pos, limit) if m.start() <= hi)[:1]
    for a, b in found:
        gap = text[pos:a]
        if _GAP_BAD.search(gap) or cues.name_stops.search(gap):
            return None
        if any(d.label in ("DATE", "EDITION") and pos <= d.start < a for d in t.mentions):
            return None
        return a, b
    return None


def _next_mention(text: str, j: int, limit: int, starts: set[int]) -> bool:
    while j < limit and text[j] in " \t\u00a0":
        j += 1
    return j in starts


def _starts_name(t: TaggedDoc, j: int, cues: EventCues, mention_starts: set[int], after_comma: bool = False) -> bool:
    """Whether a name goes on at ``j``: a bracket, a participant word, a place or body; right after its
    head or edition also any capitalised word ("Phiên họp thứ 9 Nhóm …"), after a comma a number of
    places ("5 tỉnh, thành phố …") but not a new clause ("Kỳ họp thứ 8, Quốc hội thảo luận")."""
    text = t.text
    if j >= len(text):
        return False
    ch = text[j]
    if ch in "(（":
        return True
    if cues.continuations.match(text, j):
        return True
    if j in mention_starts:
        return True
    if cues.capitalised_continues and (ch.isdigit() or ch.isupper() and not after_comma):
        return True
    return False


def _continue(t: TaggedDoc, pos: int, limit: int, cues: EventCues, starts: set[int],
              dates: dict[int, Mention], editions: set[int], open_start: bool = False) -> tuple[int, int | None]:
    """How far a name runs on after ``pos`` (a head noun or an edition), and a year naming it. With
    ``open_start`` any word but a stop word may start it (right after an unnumbered head noun)."""
    text = t.text
    units = {m.start: m.end for m in t.mentions if m.label in _UNITS and m.end <= limit}
    end, i, boundary, year = pos, pos, not (open_start and cues.capitalised_continues), None
    comma = False  # the last boundary was a comma
    spaced = cues.spaced
    while i < limit:
        j = i
        while j < limit and text[j] in " \t\u00a0":
            j += 1
        if j >= limit:
            break
        ch = text[j]
        if j in editions:
            break
        d = dates.get(j)
        if d is not None:
            if d.attr("kind") == "year" and year is None and isinstance(d.value, str) and d.value[:4].isdigit():
                year = int(d.value[:4])
                i = d.end
                boundary = True
                continue
            break
        if ch in "(（":
            close = text.find(")" if ch == "(" else "）", j, min(limit, j + 60))
            if close < 0:
                break
            end = i = close + 1
            boundary = False
            continue
        if not spaced:  # a name in an unspaced language ends at its head noun (and its brackets)
            break
        if ch in ",，":
            boundary = comma = True
            i = j + 1
            continue
        if ch in ":：" and _next_mention(text, j + 1, limit, starts):
            boundary = True  # "các tỉnh: A, B, …"
            i = j + 1
            continue
        if _HARD.match(text, j):
            break
        if spaced and _BARE_YEAR.match(text, j):  # "Gặp gỡ đầu Xuân 2025 giữa …": the year names the edition
            y = _BARE_YEAR.match(text, j)
            if year is None:
                year = int(y.group(0))
            k = y.end()
            while k < limit and text[k] in " \t\u00a0":
                k += 1
            if not cues.continuations.match(text, k):
                break
            i, boundary = y.end(), True
            continue
        unit = units.get(j)
        if unit is not None and (not boundary or _starts_name(t, j, cues, starts, comma)):
            end = i = unit  # a place or body name is one word: its "Bằng" is no stop word
            boundary = comma = False
            continue
        if boundary:
            if not _starts_name(t, j, cues, starts, comma):
                break
            if j > pos and cues.heads.match(text, j) and j not in starts:
                break  # "…, Hội nghị …": another event
            c = cues.continuations.match(text, j)
            stop = cues.name_stops.match(text, j)
            if c is not None and stop is not None and stop.end() > c.end():
                break  # "với chủ đề": a stop that begins like a participant word
            if c is not None:  # "of", "giữa": the name goes on (even where the word could end it)
                end = i = c.end()
                boundary = False
                continue
        elif cues.name_stops.match(text, j) or cues.heads.match(text, j):
            break
        w = _WORD.match(text, j)
        if w is None:
            i = j + 1
            continue
        end = i = w.end()
        boundary = comma = False
    return end, year


def _trim(text: str, start: int, end: int, cues: EventCues) -> Span:
    while start < end and text[start] in _LEAD_JUNK:
        start += 1
    while True:
        while end > start and text[end - 1] in _TRAIL_JUNK:
            end -= 1
        piece = text[start:end]
        m = re.search(r"(?:^|\s)(?:" + cues.joiners.pattern + "|" + cues.continuations.pattern + r")\s*$", piece,
                      re.IGNORECASE) if cues.spaced else None
        if m is None and not cues.spaced:
            m2 = cues.joiners.search(piece[-1:]) if piece else None
            if m2 is not None:
                end -= 1
                continue
        if m is None:
            break
        end = start + m.start()
    return start, end


def _year_before(text: str, start: int) -> int | None:
    m = _YEAR_BEFORE.search(text[max(0, start - 10):start])
    return int(m.group(1)) if m else None


def _year_inside(text: str, start: int, end: int) -> int | None:
    """A year at the very start of a name ("2014越中…博览会") or in a bracket of it ("Hội chợ … (Lạng Sơn 2026)")."""
    m = _YEAR_START.match(text, start, end) or _YEAR_BRACKET.search(text, start, end)
    return int(m.group(1)) if m else None


def _year_after(text: str, end: int, cues: EventCues) -> int | None:
    j = end
    join = re.compile(r"\s*(?:" + cues.year_joins.pattern + r")", re.IGNORECASE)
    jm = join.match(text, j)
    if jm:
        j = jm.end()
    m = _YEAR_AFTER.match(text, j)
    if m and (jm or m.start(1) - end <= 2):
        return int(m.group(1))
    return None


# --------------------------------------------------------------------------- what a name says


@dataclass(frozen=True)
class _NameFacts:
    mechanisms: tuple[str, ...]
    participants: tuple[str, ...]
    series_id: str | None
    domestic: bool
    international: bool


def _facts(t: TaggedDoc, start: int, end: int, cues: EventCues, ctx: _DocView, head: int | None) -> _NameFacts:
    text = t.text
    rank = ctx.rank
    keys = sorted({k for k, p in cues.mechanisms if k in rank and p.search(text, start, end)}, key=rank.__getitem__)
    if head is not None:  # a head noun that names a kind of event names the mechanism ("Diễn đàn … hành lang kinh tế")
        typed = [(m.end(), k) for k, p in cues.mechanisms if k in ctx.event_types and (m := p.match(text, head))]
        if typed:  # the longest: "Hội đàm định kỳ" is a regular meeting, not plain talks
            top = max(typed, key=lambda x: x[0])[1]
            keys = [top] + [k for k in keys if k != top]
    ids: set[str] = set()
    series = None
    for m in t.mentions:
        if m.end <= start or m.start >= end or not m.id:
            continue
        if m.label in ("PLACE", "ORG"):  # bodies of one side are dropped when the series is read
            ids.add(m.id)
        elif m.label == "BORDER_GATE_PAIR" and isinstance(m.value, list | tuple):
            ids.update(m.value)  # a gate pair "A - B": its two towns
        elif m.label == "SERIES" and series is None:
            series = m.id
    pairs = [ids_ for ids_, p in cues.pairs if p.search(text, start, end)]
    for pair in pairs:
        ids.update(pair)
    scopes = {f"scope.{k}" for k, p in cues.scopes if p.search(text, start, end)}  # regions of several countries
    ids.update(scopes)
    return _NameFacts(tuple(keys), tuple(sorted(ids)), series, bool(cues.domestic.search(text, start, end)),
                      bool(pairs) or bool(scopes) or bool(cues.international.search(text, start, end)))


def _subject_sides(t: TaggedDoc, lo: int, start: int, cues: EventCues, pronoun: bool = False) -> tuple[str, ...]:
    """The places of the sides that hold a meeting whose name names none: "Bộ đội Biên phòng tỉnh A (Việt
    Nam) và … khu vực B (Trung Quốc) đã tổ chức Hội đàm định kỳ lần thứ IV" (not a place after "tại"); with
    ``pronoun`` (the name calls its sides "their", "hai bên", 双方) the places named before it in its
    sentence, with or without a verb of holding between."""
    text = t.text
    verb = [m for m in cues.happened_before.finditer(text, max(lo, start - 40), start)]
    if not verb and not pronoun:
        return ()
    upto = verb[-1].start() if verb else start
    where = [c.end() for c in cues.location_cues.finditer(text, lo, upto)]
    ids = []
    for m in t.of("PLACE"):
        if lo <= m.start and m.end <= upto and m.id:
            if any(w <= m.start and not _COMMA.search(text, w, m.start) for w in where):
                continue  # "tại tỉnh A, …": where, not who
            ids.append(m.id)
    return tuple(sorted(set(ids)))


# --------------------------------------------------------------------------- finding mentions


def subject_of(text: str, ed: Mention, m: ConferenceMention, cues: EventCues) -> bool:
    """Whether an edition that numbers its clause's subject ("This is the second time that the Session was
    organised …", "…是连续第三年举行") may number the mention ``m``: one named before it, or after it with
    no other meeting's head noun between ("… the Session was organised with the Spring Meeting": the
    edition numbers the Session, not the Spring Meeting)."""
    return m.end <= ed.start or cues.heads.search(text, ed.end, m.start) is None



def _numbered(t: TaggedDoc, ed: Mention, sent: Span, lo: int, hi: int, cues: EventCues,
              ctx: _DocView, after_mention: bool = False) -> ConferenceMention | None:
    text = t.text
    left = _left_bound(t, ed.start, lo, cues)
    start = None
    if cues.name_before == "head":
        quoted = _quoted(text, left, ed.start, cues)
        heads = [m for m in cues.heads.finditer(text, left, ed.end) if m.start() < ed.end]
        # a head noun inside a quoted title names the title's event, not this one, when a head stands before it
        outside = [m for m in heads if not any(a <= m.start() < b for a, b in quoted)]
        heads = outside or heads
        if heads:
            start = heads[-1].start()
    elif cues.name_before == "clause":
        start = ed.start if cues.modifier_end.search(text, left, ed.start) else left
    head_after = None
    own_head = start is not None and cues.name_before == "head" or cues.heads.search(text, ed.start, ed.end) is not None
    if not own_head:
        head_after = _head_after(t, ed.end, hi, cues, ctx.generic | ctx.people)
        if head_after is None:
            if after_mention and _elliptical(text, lo, ed.start, cues):  # "the eighth conference … and the ninth in 2019"
                return ConferenceMention(ed.start, ed.end, sentence_of(ctx.sents, ed.start), (ed.start, ed.end),
                                         ed.value, (), (), None, None, False, False)
            return None
        if _followed_by(cues.not_events, text, head_after[1]):
            return None
    if start is None:
        start = ed.start
    pos = head_after[1] if head_after is not None else ed.end
    end, year = _continue(t, pos, hi, cues, ctx.starts, ctx.dates, ctx.editions)
    start, end = _trim(text, start, end, cues)
    if end <= start:
        return None
    head = head_after[0] if head_after is not None else (
        heads[-1].start() if cues.name_before == "head" and heads else ed.start)
    facts = _facts(t, start, end, cues, ctx, head)
    participants = facts.participants
    if not participants and facts.mechanisms and facts.mechanisms[0] not in ctx.generic:
        participants = _subject_sides(t, sent[0], start, cues,
                                      pronoun=cues.pronoun_sides.search(text, start, end) is not None)
    return ConferenceMention(start, end, sentence_of(ctx.sents, ed.start), (ed.start, ed.end), ed.value,
                             facts.mechanisms, participants, facts.series_id,
                             year if year is not None else _year_after(text, end, cues),
                             facts.domestic, facts.international)


def _unnumbered(t: TaggedDoc, a0: int, a1: int, lo: int, hi: int, cues: EventCues,
                ctx: _DocView) -> ConferenceMention | None:
    """A mechanism named without an edition. It is a meeting only with a head noun ("Gặp gỡ đầu Xuân",
    新春会晤, "Spring Meeting", "Hội nghị Ủy ban …"); else it is the mechanism itself ("cơ chế hành lang
    kinh tế", 会晤机制) and its name is only its words."""
    text = t.text
    left = _left_bound(t, a0, lo, cues)
    start = a0
    heads = [m for m in cues.heads.finditer(text, left, a1) if m.start() <= a0 or m.end() <= a1]
    if cues.name_before == "head":
        before = [m for m in heads if m.start() <= a0 and not _GAP_BAD.search(text, m.end(), a0)]
        if before:
            k = len(before) - 1  # "Hội nghị Gặp gỡ đầu Xuân": head nouns in a row are one name
            while k and before[k - 1].end() <= before[k].start() and not text[before[k - 1].end():before[k].start()].strip():
                k -= 1
            start = before[k].start()
    elif cues.name_before == "clause":
        start = left
    elif cues.spaced:  # "the annual Vietnam – China International Trade and Tourism Fair": a title before it
        title = _TITLE_BEFORE.search(text, left, a0)
        if title is not None:
            start = title.start()
        before = [m for m in heads if m.end() <= a0 and _LINK_WORDS.fullmatch(text, m.end(), a0)]
        if before:  # "an online conference between the Secretaries of …": the head noun before its body
            start = min(start, before[-1].start())
    pos = a1
    head = next((m for m in heads if a0 <= m.start() < a1 or start <= m.start() < a0), None)
    if head is None:
        after = _head_after(t, a1, hi, cues)
        close = 12 if cues.spaced else 4
        if after is not None and after[0] - a1 <= close and not any(
                p.label == "PERSON" and a1 <= p.start < after[0] for p in t.mentions):
            head, pos = after, after[1]
    if head is not None:
        head_end = head[1] if isinstance(head, tuple) else head.end()
        if _followed_by(cues.not_events, text, max(head_end, pos)):
            head = None
    if head is None:
        end, year = pos, None
        start = a0 if cues.name_before == "head" else start
    else:  # "Diễn đàn hợp tác nông nghiệp tỉnh …": lower-case words go on a name right after its head
        end, year = _continue(t, pos, hi, cues, ctx.starts, ctx.dates, ctx.editions, open_start=True)
    start, end = _trim(text, start, end, cues)
    if end <= start:
        return None
    head_at = None if head is None else (head[0] if isinstance(head, tuple) else head.start())
    facts = _facts(t, start, end, cues, ctx, head_at)
    participants = facts.participants
    if not participants and head is not None and facts.mechanisms and facts.mechanisms[0] not in ctx.generic:
        # "Leaders of A and B held a border trade forum": the sides that hold it
        participants = _subject_sides(t, ctx.sents[sentence_of(ctx.sents, a0)][0], start, cues,
                                      pronoun=cues.pronoun_sides.search(text, start, end) is not None)
    if year is None and head is not None:
        year = _year_after(text, end, cues) or _year_before(text, start) or _year_inside(text, start, end)
    return ConferenceMention(start, end, sentence_of(ctx.sents, a0), (a0, a1), None, facts.mechanisms,
                             participants, facts.series_id, year, facts.domestic, facts.international,
                             has_head=head is not None)


@dataclass(frozen=True)
class _DocView:
    sents: list[Span]
    starts: set[int]  # where PLACE, ORG and SERIES mentions start (a name may continue with one)
    dates: dict[int, Mention]
    editions: set[int]
    rank: dict[str, int]
    generic: frozenset[str]
    event_types: frozenset[str]
    people: frozenset[str] = frozenset()


def find_mentions(t: TaggedDoc, cues: EventCues, table: RecordsTable) -> list[ConferenceMention]:
    """Every conference mention of the document, in text order, with the status cue of its clause; and
    the mechanisms named as themselves (``has_head`` False: "cơ chế hành lang kinh tế"), which are no
    meeting but tell which series a count in their sentence is of ("với 9 lần Hội nghị")."""
    text = t.text
    sents = sentence_spans(t)
    rank = {k: i for i, k in enumerate(table.mechanisms)}
    generic = set(table.mechanism_kinds.generic)
    ctx = _DocView(sents, {m.start for m in t.mentions if m.label in ("PLACE", "ORG", "SERIES")},
                   {m.start: m for m in t.of("DATE")},
                   {m.start for m in t.of("EDITION") if isinstance(m.value, int)}, rank, frozenset(generic),
                   frozenset(table.mechanism_kinds.event_types), frozenset(table.mechanism_kinds.people))
    editions = [m for m in t.of("EDITION") if isinstance(m.value, int) and not _in_caption(text, m.start, cues)]
    out: list[ConferenceMention] = []
    streaks: list[Mention] = []
    counted = {sentence_of(sents, m.start) for m in editions if m.attr("kind") == "count"}
    for k, ed in enumerate(editions):
        if ed.attr("kind") == "subject":
            if sentence_of(sents, ed.start) not in counted:  # "lần đầu tiên … sau hai lần tổ chức": the count's
                streaks.append(ed)
            continue
        if ed.attr("kind") == "count":
            continue  # "đã tổ chức thành công 7 kỳ": read by the events of the document
        s, e = sents[sentence_of(sents, ed.start)]
        prev = out[-1].end if out and out[-1].end > s else s
        lo = max(s, prev, editions[k - 1].end if k and editions[k - 1].end > s else s)
        hi = min(e, editions[k + 1].start if k + 1 < len(editions) and editions[k + 1].start < e else e)
        m = _numbered(t, ed, (s, e), lo, hi, cues, ctx, after_mention=bool(out) and out[-1].end > s)
        if m is None and cues.copulas.search(text, max(lo, ed.start - 25), ed.start) and _closes(text, ed.end, cues):
            streaks.append(ed)  # "Hội chợ năm nay là kỳ luân phiên lần thứ 12", "…会晤是第五次": the subject's
            continue
        if m is not None and out and out[-1].domestic and not text[out[-1].end:m.start].strip():
            m = replace(m, domestic=True)  # "第十三届全国人民代表大会第五次会议": a session of a domestic body
        if m is not None:
            out.append(m)
    taken = [(m.start, m.end) for m in out]
    bare: list[ConferenceMention] = []
    anchors: list[Span] = [(m.start, m.end) for m in t.of("SERIES")]
    wanted = [(k, p) for k, p in cues.mechanisms if k not in generic and k in rank]
    for hit in cues.mechanism_any.finditer(text):  # one scan, then which mechanism starts there
        for _, p in wanted:
            m = p.match(text, hit.start())
            if m is not None:
                anchors.append((m.start(), m.end()))
    anchors.sort(key=lambda a: (a[0], -a[1]))
    for a0, a1 in anchors:
        if any(s <= a0 < e for s, e in taken):
            continue
        s, e = sents[sentence_of(sents, a0)]
        before = [m.end for m in out if s <= m.end <= a0]
        after = [m.start for m in out if a1 <= m.start < e]
        if _in_caption(text, a0, cues):
            continue
        m = _unnumbered(t, a0, a1, max([s, *before]), min([e, *after]), cues, ctx)
        if m is not None and not m.has_head:  # a mechanism named as itself ("cơ chế …", "Bí thư Tỉnh ủy X")
            bare.append(m)  # is no meeting
            continue
        if m is not None:
            streak = next((x for x in streaks if sentence_of(sents, x.start) == m.sentence
                           and subject_of(text, x, m, cues)), None)
            if streak is not None:  # "…新春会晤联谊是连续第三年举行", "…于2004首次举行": the clause's meeting
                m = replace(m, edition=streak.value, anchor=(streak.start, streak.end))
                streaks.remove(streak)
            out.append(m)
            taken.append((m.start, m.end))
    for x in streaks:  # "…边境地区合作联席会议是连续第六年举行": the meeting its clause names
        s, e = sents[sentence_of(sents, x.start)]
        heads = [h for h in cues.heads.finditer(text, s, x.start) if not any(a <= h.start() < b for a, b in taken)]
        if heads:
            h = heads[-1]
            before = [m.end for m in out if s <= m.end <= h.start()]
            m = _unnumbered(t, h.start(), h.end(), max([s, *before]), x.start, cues, ctx)
            if m is not None and m.has_head:
                out.append(replace(m, edition=x.value, anchor=(x.start, x.end)))
                taken.append((m.start, m.end))
    out.sort(key=lambda m: m.start)
    return sorted(_with_cues(t, out, cues) + bare, key=lambda m: m.start)


# --------------------------------------------------------------------------- status cues


def joined(text: str, a: int, b: int, cues: EventCues) -> bool:
    """Whether ``text[a:b]``, between two names, only joins them ("và", 暨, "and the"; a year naming the
    first may stand before the joiner: "Lễ hội … năm 2026 và Diễn đàn …")."""
    gap = text[a:b].strip(" \t,，、")
    year = re.match(r"(?:" + cues.year_joins.pattern + r")?\s*(?:19|20)\d\d(?:\s*年)?", gap, re.IGNORECASE)
    if year is not None and year.end() > 0:
        gap = gap[year.end():].strip(" \t,，、")
    if not gap:
        return True
    m = cues.joiners.match(gap)
    rest = gap[m.end():].strip() if m else gap
    return m is not None and (not rest or rest.lower() in ("the", "a"))


def _framed(before: str, after: str, cues: EventCues) -> bool:
    """A frame phrase right before the name ("trong khuôn khổ", "within the framework of attending the")
    or right after it (框架下); a comma between them breaks it ("Nhân dịp này, Việt Nam sẽ …")."""
    if cues.frames.match(after.lstrip()):
        return True
    found = list(cues.frames.finditer(before))
    return bool(found) and not _COMMA.search(before, found[-1].end()) and len(before) - found[-1].end() <= 40


def _cue(text: str, left: Span, right: Span, cues: EventCues) -> str:
    before = text[max(left[0], left[1] - _CUE_BEFORE):left[1]]
    after = text[right[0]:min(right[1], right[0] + _CUE_AFTER)]
    if _framed(before, after, cues):
        return "frame"
    if cues.about.search(before):  # "A press conference on the … Fair 2018 opened": the verbs are the other
        # event's; one that announces it tells it is still to come
        return "announced" if cues.announced.search(before) else "about"
    clause_before = _COMMA.split(before)[-1]  # "王毅还将…共同主持…", "Việt Nam sẽ chủ trì tổ chức …"
    if cues.future.search(after) or cues.planned_before.search(before) or cues.future.search(clause_before):
        return "planned"
    past = list(cues.past.finditer(before))
    said = list(cues.happened_before.finditer(before))
    if past and said and said[-1].start() <= past[-1].start() < said[-1].end():
        return "happened"  # "The consensus was reached at …": the past word is part of a report of this one
    if past or cues.past_after.search(after):
        return "past"
    if cues.happened.search(after) or cues.happened_before.search(before):
        return "happened"
    return "none"


def _with_cues(t: TaggedDoc, ms: list[ConferenceMention], cues: EventCues) -> list[ConferenceMention]:
    text = t.text
    sents = sentence_spans(t)
    lefts: list[Span] = []
    rights: list[Span] = []
    for i, m in enumerate(ms):
        s, e = sents[m.sentence]
        prev = ms[i - 1].end if i and ms[i - 1].sentence == m.sentence else s
        nxt = ms[i + 1].start if i + 1 < len(ms) and ms[i + 1].sentence == m.sentence else e
        cut = [x.end() for x in _CLAUSE_END.finditer(text, prev, m.start)]  # "…năm 2017 tại X; …"
        stop = _CLAUSE_END.search(text, m.end, nxt)
        lefts.append((cut[-1] if cut else prev, m.start))
        rights.append((m.end, stop.start() if stop else nxt))
    # names joined by "và" / 暨 / "and" share what is said before the first and after the last
    for i in range(len(ms) - 1):
        if ms[i].sentence == ms[i + 1].sentence and joined(text, ms[i].end, ms[i + 1].start, cues):
            lefts[i + 1] = lefts[i]
    for i in range(len(ms) - 2, -1, -1):
        if ms[i].sentence == ms[i + 1].sentence and joined(text, ms[i].end, ms[i + 1].start, cues):
            rights[i] = rights[i + 1]
    out: list[ConferenceMention] = []
    for m, left, right in zip(ms, lefts, rights, strict=True):
        cue = _cue(text, left, right, cues)
        prev = out[-1] if out and out[-1].sentence == m.sentence else None
        if prev is not None and prev.cue in ("planned", "frame") and cues.along.search(text, *left):
            cue = prev.cue  # "赴华出席A；同时，出席B": B is on the same trip
        if cue in ("announced", "about"):  # its clause tells of the other event: only its name is its own
            out.append(replace(m, cue=cue, clause=(m.start, m.end)))
            continue
        out.append(replace(m, cue=cue, clause=(left[0], right[1])))
    return out
