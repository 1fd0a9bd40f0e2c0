"""Which conference editions a document reports, announces or refers to; shared by every record builder.

Built on the conference mentions of ``mentions.py`` (names read from their wording, whatever the series):

1. **Series.** Each mention's series is a gazetteer series (named, or recognised by mechanism and
   participants, ``series.py``) or a provisional one (``series.prov.<mechanism>.<participants>``).
   Mentions of one mechanism and edition are one event; their participants are pooled.
2. **Bare editions.** An edition whose name only says what kind of meeting it is ("Hội nghị lần thứ 13",
   "Phiên họp thứ 9 thống nhất …", "the 17th meeting") is the event of that edition named elsewhere in
   the document; else it shares the series of the edition before it in its sentence ("… and the 17th
   meeting"); else it belongs to the document's main series (its most mentioned); else it is dropped.
3. **Conference or not.** An event is kept when one of its mentions is cross-border: a known series, a
   mechanism that is cross-border by what it is, participants of two countries, or an international
   word in a name that is not domestic ("Kỳ họp thứ 8 Quốc hội khóa XV" is none).
4. **Status.** ``planned`` when a mention is announced ("sẽ diễn ra", 将于, "gearing up for") or dated
   after the article; ``referenced`` when framing another ("trong khuôn khổ"), earlier ("kể từ", a year
   before the article's) or below a reported or planned edition of its series; ``reported`` when it is
   said to take place ("diễn ra", 举行, "took place"). Of the events with no cue, the main series'
   highest edition named in the title or lead (or more than once) is reported when no other is.
5. **Unnumbered.** A mechanism named with a year ("Gặp gỡ đầu Xuân 2025", "2023年…新春会晤", "the 2023
   Spring Meeting") is the event ``series@year``; a series with no edition and no year in the document
   is reported (``series@year`` of its date or the article's) only when said to take place.
6. ``event_id`` is ``series#edition`` (or ``series@year``): the same in every language.

Example::

    >>> event_id("series.vn-cn-economic-corridor", 10, 2023)
    'series.vn-cn-economic-corridor#10'
    >>> event_id("series.gms-governors-forum", None, 2024)
    'series.gms-governors-forum@2024'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from importlib.resources import files

from ..gazetteer.store import Gazetteer
from ..lang.cues import EventCues
from ..tables import load_table
from ..types import Mention, TaggedDoc
from .mentions import ConferenceMention, find_mentions, joined, subject_of
from .series import SeriesIndex, countries_of, normalise_participants, provisional_id
from .spans import Span, date_parts, inside, precision, sentence_of, sentence_spans, year_of
from .tables import RecordsTable

__all__ = [
    "EventMention", "Span", "date_parts", "doc_events", "event_dates", "event_id", "inside", "passages", "precision",
    "reported_event", "sentence_of", "sentence_spans", "year_in",
]

#: how far after a name an explicit year is taken as its date ("Hội nghị lần thứ 11 năm 2025"), up to the
#: end of its clause
_YEAR_REACH = 40
_NEAR_BEFORE = 40
_SPACES = re.compile(r"\s*")
_SEGMENT_END = re.compile(r"[,，;；。!?！？]|\.(?=\s|$)")
_BARE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
#: the title and lead: the first sentences, or those starting in the first characters of the text (an
#: edition named there is what the article is about)
_LEAD_SENTENCES, _LEAD_CHARS = 3, 300


@dataclass(frozen=True)
class EventMention:
    """One event a document talks about.

    ``sentences`` are the evidence sentences; ``spans`` the parts of them that concern this event
    (other events' clauses cut out), where builders read facts such as host, place and dates.
    """

    event_id: str
    series_id: str | None
    edition: int | None
    status: str  # reported | planned | referenced
    year: int | None
    sentences: tuple[Span, ...]
    spans: tuple[Span, ...] = ()
    series_status: str = "known"  # known | provisional
    series_name: str | None = None  # the series as the text names it (provisional series)
    mentions: tuple[ConferenceMention, ...] = field(default=(), compare=False)
    near: tuple[Span, ...] = ()  # each name and what follows it in its clause (facts of an edition in passing)
    lead_in: tuple[Span, ...] = ()  # the few words before each name ("… sẽ đăng cai tổ chức Diễn đàn …")


def event_id(series_id: str | None, edition: int | None, year: int | None) -> str | None:
    """Stable id across documents and languages: ``series#edition``, else ``series@year``, else None."""
    if not series_id:
        return None
    if edition is not None:
        return f"{series_id}#{edition}"
    if year is not None:
        return f"{series_id}@{year}"
    return None


# --------------------------------------------------------------------------- dates and years


def year_in(t: TaggedDoc, spans: list[Span] | tuple[Span, ...]) -> int | None:
    """The year of the first DATE with a year inside ``spans``."""
    for m in t.of("DATE"):
        parts = date_parts(m.value)
        if parts and inside(m, spans) and year_of(parts[0]) is not None:
            return year_of(parts[0])
    return None


def event_dates(t: TaggedDoc, spans: tuple[Span, ...] | list[Span],
                allow_year: bool = False) -> tuple[str | None, str | None]:
    """(start, end) of a meeting from the DATEs inside ``spans``.

    A range of days or months gives both ends; else the first day gives the start; with
    ``allow_year`` (referenced editions) a bare year or month gives the start ("năm 2017" -> "2017").
    A day whose year the text does not give stays without one ("--11-13").
    """
    dates = [(m, date_parts(_own_value(m, spans))) for m in t.of("DATE") if inside(m, spans)]
    dated = [(m, p) for m, p in dates if p]
    for _, (a, b) in dated:
        if a != b and precision(a) != "year" and precision(b) != "year":
            return a, b
    for _, (a, b) in dated:
        if a == b and precision(a) == "day":
            return a, None
    if allow_year:
        for _, (a, b) in dated:
            if a == b:
                return a, None
    return None, None


def _own_value(m: Mention, spans: tuple[Span, ...] | list[Span]) -> object:
    """A DATE's value as this event's date: a year lent by a full date outside the event's own text
    ("Ngày 5/11/2019 …" about an earlier visit) is dropped, so the day stays without one ("--11-09")."""
    lender = m.attr("year_from")
    if m.attr("year_source") != "context" or lender is None or any(s <= lender < e for s, e in spans):
        return m.value
    parts = date_parts(m.value)
    if not parts or precision(parts[0]) != "day" or precision(parts[1]) != "day":
        return m.value
    a, b = (f"--{p[5:]}" for p in parts)
    return a if a == b else f"{a}/{b}"


def _reference_year(t: TaggedDoc, skip: list[Span]) -> int | None:
    """The document's own year: publication year, else the first dated day or month outside ``skip``."""
    if t.seg.published:
        return t.seg.published.year
    for m in t.of("DATE"):
        parts = date_parts(m.value)
        if parts and precision(parts[0]) != "year" and year_of(parts[0]) and not inside(m, skip):
            return year_of(parts[0])
    return None


def _stated_year(t: TaggedDoc, m: ConferenceMention) -> int | None:
    """The year a mention's own words give: the year naming it, else an explicit year in its name or in
    the rest of its clause ("Hội nghị lần thứ 11 năm 2025", "the eighth … in 2017", "…于2004首次举行")."""
    if m.year is not None:
        return m.year
    text = t.text
    hi = min(m.clause[1], m.end + _YEAR_REACH)
    stop = _SEGMENT_END.search(text, m.end, hi)
    hi = stop.start() if stop else hi
    for d in t.of("DATE"):
        if m.start <= d.start and d.end <= hi and d.attr("year_source") == "explicit":
            parts = date_parts(d.value)
            if parts and year_of(parts[0]):
                return year_of(parts[0])
    bare = _BARE_YEAR.search(text, m.end, hi)
    return int(bare.group(1)) if bare else None


def _later_than_article(t: TaggedDoc, g: _Group) -> bool:
    """Whether the group's own dates fall after the article's publication ("6月底举行" in a mid-June page)."""
    if t.seg.published is None:
        return False
    start, _ = event_dates(t, [m.clause for m in g.members])
    if start is None:  # "今年6月召开…": a month is enough
        start, _ = event_dates(t, [m.clause for m in g.members], allow_year=True)
        if start is not None and precision(start) == "year":
            start = None
    if not start or year_of(start) is None:
        return False
    return start > t.seg.published.isoformat()[:len(start)]


# --------------------------------------------------------------------------- grouping


@dataclass
class _Group:
    key: tuple
    mechanism: str | None
    known: str | None
    edition: int | None
    year: int | None = None
    members: list[ConferenceMention] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)
    status: str | None = None
    series_id: str | None = None
    id_year: int | None = None  # the year its id is written with when the text states none (``_unstated_year``)

    def add(self, m: ConferenceMention) -> None:
        self.members.append(m)
        self.participants.update(m.participants)


def _cross_border(m: ConferenceMention, known: str | None, gaz: Gazetteer, cross: frozenset[str]) -> bool:
    strong = bool(known) or (m.mechanism in cross) or len(countries_of(m.participants, gaz)) >= 2
    return strong or (m.international and not m.domestic)


def _series_name(t: TaggedDoc, ms: list[ConferenceMention]) -> str | None:
    """The series as the text names it: the longest name, without its edition."""
    best = None
    for m in ms:
        a, b = m.anchor
        before, after = t.text[m.start:a].strip(), t.text[b:m.end].strip()
        if m.edition is None or not m.start <= a < m.end:  # (an edition of its clause outside its name)
            name = t.text[m.start:m.end]
        elif after[:1].isupper() and len(before.split()) <= 2:
            name = after  # "Phiên họp thứ 9 Nhóm công tác …", "Hội nghị lần thứ 14 Ủy ban …": the body
        else:
            name = before + " " + after
        name = " ".join(name.split()).strip(" ,，-–")
        if name and (best is None or len(name) > len(best)):
            best = name
    return best


def _lead_participants(t: TaggedDoc, gaz: Gazetteer, cues: EventCues) -> set[str]:
    """The places the title and lead name (not where things happen: "tại", "in"), when they are of two
    countries (else none)."""
    sents = sentence_spans(t)
    lead = [s for i, s in enumerate(sents) if i < _LEAD_SENTENCES or s[0] < _LEAD_CHARS]
    where = [c.end() for c in cues.location_cues.finditer(t.text)]
    ids = {m.id for m in t.of("PLACE") if m.id and inside(m, lead)
           and not any(w <= m.start <= w + 2 for w in where)}
    return set(normalise_participants(ids, gaz)) if len(countries_of(ids, gaz)) >= 2 else set()


def _default_index(gaz: Gazetteer, cues: EventCues, table: RecordsTable) -> SeriesIndex:
    return SeriesIndex.build(gaz, [cues], table)


def default_table() -> RecordsTable:
    """The shipped ``data/events.toml`` (for callers without an assemble stage)."""
    return load_table(files("corridor_ie.data").joinpath("events.toml"), RecordsTable)


def _clusters(keys: list[tuple | None], index: SeriesIndex) -> list[tuple | None]:
    """Provisional series keys ``("prov", mechanism, participants)`` of one document merged where one's
    participants include the other's (a name written in full and a shorter one): each becomes the key
    with the most participants of its cluster. A bare name ("Diễn đàn", "the fair") is the known series
    of its mechanism the document names, when there is one."""
    prov = sorted({k for k in keys if k and k[0] == "prov"}, key=lambda k: -len(k[2]))
    known = {k[1] for k in keys if k and k[0] == "known"}
    best: dict[tuple, tuple] = {}
    for k in prov:
        if not k[2]:
            fits = [s for s in known if k[1] in index.mechanisms.get(s, frozenset())]
            if len(fits) == 1:
                best[k] = ("known", fits[0])
                continue
        home = next((b for b in prov if b[1] == k[1] and len(b[2]) >= len(k[2]) and k[2] <= b[2]
                     and best.get(b, b) == b), k)
        best[k] = best.get(home, home)
    return [best.get(k, k) if k else None for k in keys]


def _counted(t: TaggedDoc, groups: dict[tuple, _Group], found: list[ConferenceMention], gaz: Gazetteer,
             index: SeriesIndex, series: list[tuple | None], ms: list[ConferenceMention], cues: EventCues) -> None:
    """A count of earlier editions ("đã tổ chức thành công 7 kỳ", "với 9 lần Hội nghị", 已成功举办十五届)
    numbers the unnumbered event of the series its sentence names (the 8th, the 10th, the 16th); so does
    an edition of the clause's subject no name stands next to ("The event, the first of its kind …"):
    with no series in its sentence, the one unnumbered event of the document."""
    sents = sentence_spans(t)
    key_of = {id(m): series[i] for i, m in enumerate(ms)}
    anchors = {m.anchor for m in found}
    for c in t.of("EDITION"):
        if c.attr("kind") not in ("count", "subject") or (c.start, c.end) in anchors:
            continue
        i = sentence_of(sents, c.start)
        near = [m for m in found if m.sentence == i]
        if c.attr("kind") == "subject":
            if any(x.attr("kind") == "count" and sentence_of(sents, x.start) == i for x in t.of("EDITION")):
                continue  # "lần đầu tiên … trực tiếp sau hai lần tổ chức trực tuyến": the count numbers it
            if near and not (near := [m for m in near if subject_of(t.text, c, m, cues)]):
                continue  # "the second time that the Session was organised …": an unnamed meeting's
        sk = None
        if near:
            m = min(near, key=lambda x: abs(x.start - c.start))
            sk = key_of.get(id(m))
            if sk is None:  # a mechanism named as itself: its series as a known one
                k = m.series_id or index.resolve(m.mechanisms, normalise_participants(m.participants, gaz), gaz)
                sk = ("known", k) if k else None
        else:
            open_ = {k[0] for k, g in groups.items() if g.edition is None}
            sk = open_.pop() if len(open_) == 1 else None
        if sk is None or any(g.key[0] == sk and g.edition is not None for g in groups.values()):
            continue
        open_keys = [k for k, g in groups.items() if k[0] == sk and g.edition is None]
        if len(open_keys) == 1:
            g = groups.pop(open_keys[0])
            g.edition = c.value
            g.key = (sk, c.value)
            groups[g.key] = g


def doc_events(t: TaggedDoc, gaz: Gazetteer, cues: EventCues, table: RecordsTable | None = None,
               index: SeriesIndex | None = None,
               found: list[ConferenceMention] | None = None) -> list[EventMention]:
    """Every event the document reports, announces or refers to: reported first, then planned, then
    referenced, each by series and edition. The assemble stage computes them once per document and
    hands them to every record builder. ``found``: the document's conference mentions, if known."""
    table = table or default_table()
    index = index or _default_index(gaz, cues, table)
    kinds = table.mechanism_kinds
    generic, cross = frozenset(kinds.generic), frozenset(kinds.cross_border)
    numbered_only = frozenset(kinds.numbered_only)
    found = find_mentions(t, cues, table) if found is None else found
    # meetings, and the cross-border bodies named as themselves ("the Joint Steering Committee … convened
    # its 6th session"): those tell what the article is about but are no event of their own
    ms = [m for m in found if m.has_head or m.mechanism in cross]
    if not ms:
        return []
    parts = [normalise_participants(m.participants, gaz) for m in ms]
    for i in range(len(ms) - 1):  # "…联合工作组第十三次会议暨第三次工作会谈": a name joined to another that
        a, b = ms[i], ms[i + 1]  # names no sides is held by the same sides
        if a.sentence == b.sentence and bool(parts[i]) != bool(parts[i + 1]) and joined(t.text, a.end, b.start, cues):
            parts[i], parts[i + 1] = parts[i] or parts[i + 1], parts[i + 1] or parts[i]
    known = [m.series_id or index.resolve(m.mechanisms, p, gaz) for m, p in zip(ms, parts, strict=True)]
    # a bare name ("Hội nghị lần thứ 13", "the 17th meeting") says only what kind of meeting it is; with
    # participants of two sides it names a series of its own ("…与越南…第三次跨境合作联席会议")
    is_generic = [k is None and (m.mechanism is None or m.mechanism in generic)
                  and len(countries_of(p, gaz)) < 2 for m, k, p in zip(ms, known, parts, strict=True)]
    ok = [_cross_border(m, k, gaz, cross) and not (m.domestic and not k and m.mechanism not in cross
                                                     and len(countries_of(m.participants, gaz)) < 2)
          for m, k in zip(ms, known, strict=True)]
    for i in range(len(ms) - 1):  # "第9届…博览会暨第29届…交易会": joined names share being cross-border
        a, b = ms[i], ms[i + 1]
        if a.sentence == b.sentence and (ok[i] or ok[i + 1]) and joined(t.text, a.end, b.start, cues):
            ok[i] = ok[i] or not a.domestic
            ok[i + 1] = ok[i + 1] or not b.domestic
    series = _clusters([None if is_generic[i] else ("known", known[i]) if known[i]
                        else ("prov", m.mechanism or "conference", frozenset(parts[i])) for i, m in enumerate(ms)],
                       index)

    # 1. numbered events of a named mechanism
    groups: dict[tuple, _Group] = {}

    def group(key: tuple, edition: int | None, year: int | None = None) -> _Group:
        if key not in groups:
            sk = key[0]
            groups[key] = _Group(key, sk[1] if sk[0] != "known" else None, sk[1] if sk[0] == "known" else None,
                                 edition, year)
        return groups[key]

    for i, m in enumerate(ms):
        if m.edition is not None and series[i] is not None:
            group((series[i], m.edition), m.edition).add(m)
    # the document's main series: the one named most often (numbered or not), first named on ties
    weights: Counter = Counter()
    first: dict[tuple, int] = {}
    for i, m in enumerate(ms):
        if series[i] is not None and ok[i]:  # an event named as a frame or an earlier one counts half
            weights[series[i]] += 0.5 if m.cue in ("frame", "past") else 1
            first.setdefault(series[i], m.start)
    main = max(weights, key=lambda s: (weights[s], -first[s])) if weights else None
    # 2. bare editions
    topic = _lead_participants(t, gaz, cues)
    topics: set[tuple] = set()
    for i, m in enumerate(ms):
        if m.edition is None or series[i] is not None:
            continue
        same = [g for g in groups.values() if g.edition == m.edition]
        before = [g for g in groups.values() for x in g.members if x.sentence == m.sentence and x.end <= m.start]
        if m.domestic:  # "Kỳ họp thứ 8 Quốc hội", "Hội nghị Ban Chấp hành … lần thứ 5": not this series'
            continue
        if m.participants and ok[i]:  # "Hội nghị … giữa tỉnh A và tỉnh B lần thứ 3": a series of its own
            group((("prov", m.mechanism or "conference", frozenset(parts[i])), m.edition), m.edition).add(m)
        elif same:
            max(same, key=lambda g: (len(g.members), -g.members[0].start)).add(m)
        elif before:  # "… and the 17th meeting": the series of the edition before it
            src = max(before, key=lambda g: max(x.end for x in g.members if x.sentence == m.sentence))
            group((src.key[0], m.edition), m.edition).add(m)
        elif main is not None:
            group((main, m.edition), m.edition).add(m)
        elif topic:  # "Đây là lần thứ hai hội nghị" where the title names both sides
            sk = ("prov", "conference", frozenset(topic))
            group((sk, m.edition), m.edition).add(m)
            topics.add(sk)
    # a provisional edition that a known series of the same mechanism also has is that series' edition
    # ("hội nghị Hợp tác … hành lang kinh tế … lần thứ 10" beside the known corridor conference's 10th)
    for key in [k for k in groups if k[0][0] == "prov"]:
        g = groups[key]
        same = [h for h in groups.values() if h.known and h.edition == g.edition
                and g.mechanism in index.mechanisms.get(h.known, frozenset())]
        if len(same) == 1:
            for m in g.members:
                same[0].add(m)
            del groups[key]
    index_of = {id(m): i for i, m in enumerate(ms)}
    evidenced = {series[i] for i in range(len(ms)) if ok[i] and series[i] is not None}
    for key in list(groups):
        g = groups[key]
        if not (g.known or key[0] in topics or key[0] in evidenced or any(ok[index_of[id(x)]] for x in g.members)):
            del groups[key]
    # 3. unnumbered mentions: the numbered event of their series, or the edition their year names
    sents = sentence_spans(t)
    ref_year = _reference_year(t, [])
    numbered: dict[tuple, list[_Group]] = {}
    for g in groups.values():
        numbered.setdefault(g.key[0], []).append(g)
    for i, m in enumerate(ms):
        if m.edition is not None or series[i] is None or not ok[i] or not m.has_head:
            continue
        year = _stated_year(t, m)
        gs = numbered.get(series[i])
        if gs and m.cue in ("happened", "planned"):  # an earlier edition ("the first … took place last
            gs = [g for g in gs if not all(x.cue in ("past", "frame") for x in g.members)]  # year") is not this one
        if gs and (year is None or any(_group_year(t, g) in (None, year) for g in gs)):
            # the edition the article is about: said to take place, named in the lead, named most
            top = max(gs, key=lambda g: (not _historical(t, g, ref_year), any(_in_lead(t, x, sents) for x in g.members),
                                         any(x.cue == "happened" for x in g.members), len(g.members),
                                         g.edition or 0))
            top.add(m)
        elif year is not None and m.mechanism not in numbered_only:
            group((series[i], None, year), None, year).add(m)
        elif m.mechanism not in numbered_only and (known[i] or m.participants) and _said_to_be_held(t, m, cues):
            # its id needs a year: the article's (its dates keep only what is stated); with none known it
            # waits for an edition a count or copula gives it ("The event, the first of its kind, …")
            y = _unstated_year(t, m, ref_year)
            g = group((series[i], None, y), None)
            g.id_year = y
            g.add(m)
    for i, m in enumerate(ms):  # "本届边关旅游节由…主办": the one year-named edition of its series
        if m.edition is not None or series[i] is None or not m.has_head or _stated_year(t, m) is not None:
            continue
        years = [g for k, g in groups.items() if k[0] == series[i] and g.edition is None and g.year is not None]
        if len(years) == 1 and series[i] not in numbered and m not in years[0].members:
            years[0].add(m)
    if main is not None and main[0] == "known" and main not in numbered and not any(k[0] == main for k in groups):
        own = [m for i, m in enumerate(ms) if series[i] == main and m.has_head]
        said = any(m.cue == "happened" for m in own)
        led = any(m.sentence < _LEAD_SENTENCES for m in own) and not any(
            m.cue in ("frame", "past", "planned", "announced") for m in own)
        if own and (said or led):
            g = group((main, None, None), None)
            for m in own:
                g.add(m)
    _counted(t, groups, found, gaz, index, series, ms, cues)
    _next_of_previous(t, groups, cues)
    if not groups:
        return []
    for g in groups.values():
        sk = g.key[0]
        g.series_id = sk[1] if sk[0] == "known" else provisional_id(
            sk[1] or "conference", normalise_participants(sk[2] | g.participants, gaz))
    _decide(t, groups, main, cues)
    named: dict[tuple, list[ConferenceMention]] = {}
    for i, m in enumerate(ms):
        if series[i] is not None:
            named.setdefault(series[i], []).append(m)
    return _events(t, groups, gaz, cues, named, generic)


def _said_to_be_held(t: TaggedDoc, m: ConferenceMention, cues: EventCues) -> bool:
    """Whether the article says an unnumbered meeting takes place or will ("Hội chợ … sẽ diễn ra …", "the
    fair opened …", a press conference on it); not one mentioned in passing, as an earlier one, or
    described by a copula ("Đây là hội thảo … thường niên")."""
    return m.cue in ("happened", "planned", "announced") and not cues.copulas.search(
        t.text, max(m.clause[0], m.start - 12), m.start)


def _unstated_year(t: TaggedDoc, m: ConferenceMention, ref_year: int | None) -> int | None:
    """The year an unnumbered meeting said to be held, whose words give none, is identified by: the year
    of a date in its clause, else the article's (its publication year, else that of its first full date)."""
    return year_in(t, [m.clause]) or ref_year


def _next_of_previous(t: TaggedDoc, groups: dict[tuple, _Group], cues: EventCues) -> None:
    """"The first meeting of this kind took place last year": the unnumbered meeting the article reports of
    that series is the next edition (the second), when that earlier edition is the series' only one."""
    for key, g in list(groups.items()):
        if g.edition is not None or not any(m.cue == "happened" for m in g.members):
            continue
        earlier = [h for h in groups.values() if h.key[0] == key[0] and h.edition is not None]
        if len(earlier) != 1 or not all(x.cue == "past" for x in earlier[0].members):
            continue
        h = earlier[0]
        if not any(cues.previous_year.search(t.text, x.end, x.clause[1]) for x in h.members):
            continue
        nxt = (key[0], h.edition + 1)
        if nxt in groups:
            continue
        del groups[key]
        g.edition, g.year, g.key = h.edition + 1, None, nxt
        groups[nxt] = g


def _historical(t: TaggedDoc, g: _Group, ref_year: int | None) -> bool:
    """Whether the group's own words date it before the article's year ("于2004首次举行")."""
    year = _group_year(t, g)
    return ref_year is not None and year is not None and year < ref_year


def _group_year(t: TaggedDoc, g: _Group) -> int | None:
    years = [y for m in g.members if (y := _stated_year(t, m)) is not None]
    return years[0] if years else None


# --------------------------------------------------------------------------- status


def _in_lead(t: TaggedDoc, m: ConferenceMention, sents: list[Span]) -> bool:
    """Whether a mention stands in the title or lead (the first sentences of the text)."""
    return m.sentence < _LEAD_SENTENCES or sents[m.sentence][0] < _LEAD_CHARS


def _decide(t: TaggedDoc, groups: dict[tuple, _Group], main: tuple | None, cues: EventCues) -> None:
    sents = sentence_spans(t)
    skip = [m.clause for g in groups.values() for m in g.members if m.cue in ("planned", "past", "frame", "announced")]
    ref_year = _reference_year(t, skip)
    for g in groups.values():
        cue_counts = Counter(m.cue for m in g.members)
        years = [y for m in g.members if (y := _stated_year(t, m)) is not None]
        if g.year is not None:
            years.append(g.year)
        later = ref_year is not None and any(y > ref_year for y in years)
        earlier = ref_year is not None and years and all(y < ref_year for y in years)
        if _later_than_article(t, g) or cue_counts["announced"] and not earlier:
            g.status = "planned"  # a press conference on it is held before it
        elif cue_counts["happened"] and not earlier:
            g.status = "reported"
        elif cue_counts["planned"] or cue_counts["announced"] or later and not cue_counts["happened"]:
            g.status = "planned"
        elif cue_counts["frame"] or cue_counts["past"] or earlier:
            g.status = "referenced"
    # of the editions of one series not announced or referenced, the highest is the one the article is
    # about: the lower ones are earlier editions ("Biên bản Hội nghị lần thứ VIII" beside the IXth)
    by_series: dict[tuple, list[_Group]] = {}
    for g in groups.values():
        if g.edition is not None:
            by_series.setdefault(g.key[0], []).append(g)
    below_planned: set[int] = set()
    for gs in by_series.values():
        open_ = [g for g in gs if g.status in ("reported", None)]
        if open_:
            top = max(open_, key=lambda g: g.edition or 0)
            if any(g.status == "reported" for g in open_):
                top.status = "reported"
            for g in open_:
                if g is not top:
                    g.status = "referenced"
        planned = max((g.edition or 0 for g in gs if g.status == "planned"), default=None)
        below_planned |= {id(g) for g in gs if planned is not None and (g.edition or 0) < planned}
    # with no cue: what the title or lead names is what the article reports; else the main series'
    # edition named most often, unless a later one is announced (the article is about preparing that)
    undecided = [g for g in groups.values() if g.status is None]
    if _visit_lead(t, groups, sents, cues):  # an edition a reception or talks article names with no cue
        undecided = []  # was held before or elsewhere: referenced
    for g in undecided:
        if any(m.sentence == 0 or _in_lead(t, m, sents) and id(g) not in below_planned for m in g.members):
            g.status = "reported"
    if not any(g.status == "reported" for g in groups.values()):
        many = [g for g in undecided if len(g.members) > 1 and g.status is None and id(g) not in below_planned]
        if many:
            best = max(many, key=lambda g: (g.key[0] == main, len(g.members), g.edition or 0, -g.members[0].start))
            best.status = "reported"
    for g in groups.values():
        if g.status is None:
            g.status = "referenced"


def _visit_lead(t: TaggedDoc, groups: dict[tuple, _Group], sents: list[Span], cues: EventCues) -> bool:
    """Whether the article is about separate talks or a reception: its title (first sentence) tells of one
    ("… received …", 会见, "hội kiến", "held talks with") and names no conference of the document."""
    if not sents:
        return False
    s, e = sents[0]
    return cues.separate.search(t.text, s, e) is not None and not any(
        m.sentence == 0 for g in groups.values() for m in g.members)


# --------------------------------------------------------------------------- events


_ORDER = {"reported": 0, "planned": 1, "referenced": 2}


def subtract(span: Span, holes: list[Span]) -> list[Span]:
    """The parts of ``span`` outside ``holes``."""
    out, cur = [], span[0]
    for s, e in sorted(holes):
        if e <= cur or s >= span[1]:
            continue
        if s > cur:
            out.append((cur, s))
        cur = max(cur, e)
    if cur < span[1]:
        out.append((cur, span[1]))
    return out


def _own_end(text: str, m: ConferenceMention, cues: EventCues) -> int:
    """Where the words about a mention end in its clause: at a break that opens a new thing done
    ("… tại Hội nghị lần thứ 13, đồng thời bàn phương hướng năm 2023": the year is not the 13th's)."""
    for stop in _SEGMENT_END.finditer(text, m.end, m.clause[1]):
        if cues.along.match(text, _SPACES.match(text, stop.end()).end()):
            return stop.start()
    return m.clause[1]


def _events(t: TaggedDoc, groups: dict[tuple, _Group], gaz: Gazetteer, cues: EventCues,
            named: dict[tuple, list[ConferenceMention]], generic: frozenset[str] = frozenset()) -> list[EventMention]:
    sents = sentence_spans(t)
    text = t.text
    out: list[EventMention] = []
    ordered = sorted(groups.values(), key=lambda g: (_ORDER[g.status or "referenced"], g.series_id or "",
                                                    g.edition or 0, g.year or 0))
    reported_done = False
    # "Ngày 12/9, tại X, hai bên tổng kết Biên bản Diễn đàn lần thứ 3 và khai mạc Diễn đàn lần thứ 4": the
    # words before the first name of a sentence that names a reported event are that event's, not those
    # of an edition named in passing before it
    openers: dict[int, Span] = {}
    for g in groups.values():
        if g.status != "reported":
            continue
        for m in g.members:
            s0 = sents[m.sentence][0]
            first = min((x.start for h in groups.values() for x in h.members if x.sentence == m.sentence),
                        default=m.start)
            if first < m.start and first - _NEAR_BEFORE > s0:  # (the words right before a name stay its own)
                openers[m.sentence] = (s0, first - _NEAR_BEFORE)
    # the event the article is about: the first reported one, else (an article announcing one) the first planned
    first_planned = not any(g.status == "reported" for g in ordered)
    for g in ordered:
        own = [m.clause for m in g.members]
        others = [(m.start, m.end) for h in groups.values() if h is not g for m in h.members]
        if g.status == "reported":
            own += [openers[i] for i in sorted({m.sentence for m in g.members}) if i in openers]
        else:
            others += list(openers.values())
        spans = [p for c in own for p in subtract(c, others)]
        near = sorted({p for m in g.members for p in subtract((m.start, _own_end(text, m, cues)), others)})
        lead_in = sorted({p for m in g.members for p in subtract((max(m.clause[0], m.start - _NEAR_BEFORE),
                                                                    m.start), others)})
        idx = sorted({m.sentence for m in g.members})
        if (g.status == "reported" or g.status == "planned" and first_planned) and not reported_done:
            # the reported event's facts are also in sentences that refer back to it ("Hội nghị", 本次会议)
            masked = [m.clause for h in groups.values() if h is not g for m in h.members]
            # … or by the words of its own kind of meeting ("Hội chợ dự kiến diễn ra …", 本届交易会将于…)
            kinds = {m.mechanism for m in g.members if m.mechanism not in generic}
            own_words = [p for k, p in cues.mechanisms if k in kinds]
            for i, (s, e) in enumerate(sents):
                if i in idx:
                    continue
                parts = subtract((s, e), masked)
                if any(r.search(text, a, b) for a, b in parts for r in (cues.reference, *own_words)):
                    idx.append(i)
                    spans += parts
            idx.sort()
            reported_done = True
        spans = sorted(set(spans))
        year = g.year
        if year is None:
            years = [y for m in g.members if (y := _stated_year(t, m)) is not None]
            # "Chương trình Gặp gỡ đầu Xuân 2025 … và Hội nghị … lần thứ 16 từ ngày 19-21/2": the year
            # naming the event it is joined with
            years += [h.year for h in groups.values() if h is not g and h.year is not None
                      and any(c[0] <= x.start and x.end <= c[1] for x in h.members for c in own)]
            year = years[0] if years else None
        if year is None:
            start, _ = event_dates(t, spans if g.status == "reported" else near, allow_year=g.status != "reported")
            year = year_of(start) if start else None
        if year is None and g.edition is None and g.status == "reported" and t.seg.published:
            year = t.seg.published.year
        eid = event_id(g.series_id, g.edition, year if year is not None else g.id_year)
        if eid is None:
            continue
        status = "known" if g.known else "provisional"
        name = _series_name(t, g.members + named.get(g.key[0], [])) if status == "provisional" else None
        out.append(EventMention(eid, g.series_id, g.edition, g.status or "referenced", year,
                                tuple(sents[i] for i in idx), tuple(spans), status, name, tuple(g.members),
                                tuple(near), tuple(lead_in)))
    return out


def passages(t: TaggedDoc, events: list[EventMention] | tuple[EventMention, ...], cues: EventCues) -> list[str | None]:
    """The event each sentence speaks for (what is agreed there is agreed at it), by sentence index.

    A reported event's passage runs from a sentence that names it to the next sentence that names
    another reported event; the text before the first such sentence (title, lead) is the first reported
    event's. A sentence that tells of separate talks ("hội đàm với", 会见, "held talks with") and names
    no conference starts a passage of no event, until a sentence names the event again or refers back to
    it ("Tại Hội nghị", 本次会议, "the conference").

    >>> from corridor_ie.api import tag_text, resources
    >>> t = tag_text("Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã diễn ra. Hai bên thống nhất mở tuyến du lịch. "
    ...              "Chiều cùng ngày, Chủ tịch tỉnh Lào Cai hội đàm với Bí thư Châu ủy Hồng Hà. Hai bên nhất trí xây cầu.")
    >>> r = resources()
    >>> cues = r.languages.get("vi").events
    >>> passages(t, doc_events(t, r.gazetteer, cues), cues)
    ['series.economic-corridor#10', 'series.economic-corridor#10', None, None]
    """
    sents = sentence_spans(t)
    reported = [e for e in events if e.status == "reported"]
    if not reported:
        return [None] * len(sents)
    named: dict[int, tuple[int, str]] = {}
    for e in reported:
        for m in e.mentions:
            if m.sentence not in named or m.start < named[m.sentence][0]:
                named[m.sentence] = (m.start, e.event_id)
    any_named = {m.sentence for e in events for m in e.mentions}
    current: str | None = reported[0].event_id
    out: list[str | None] = []
    for i, (s, e) in enumerate(sents):
        if i in named:
            current = named[i][1]
        elif i not in any_named and cues.separate.search(t.text, s, e):
            current = None
        elif current is None and cues.reference.search(t.text, s, e):
            current = reported[0].event_id
        out.append(current)
    return out


def reported_event(events: list[EventMention] | tuple[EventMention, ...]) -> EventMention | None:
    """The event the document reports (the first one), or None."""
    return next((e for e in events if e.status == "reported"), None)


def main_series(t: TaggedDoc) -> str | None:
    """The most frequent gazetteer SERIES id of the document (ties: the one named first)."""
    series = [m for m in t.of("SERIES") if m.id]
    if not series:
        return None
    counts = Counter(m.id for m in series)
    first: dict[str, int] = {}
    for m in series:
        first.setdefault(m.id or "", m.start)
    return max(counts, key=lambda s: (counts[s], -first[s]))

