"""Which conference editions a document reports or refers to; shared by every record builder.

Rules (cue words in each language's ``events.toml``):

1. An EDITION belongs to the SERIES mention or conference noun ("Hội nghị", 会议, "conference") right
   after it ("第十次…会议", "the 10th conference", "lần thứ 14 Ủy ban …"), else to the nearest one
   before it in the same sentence ("Hội nghị hợp tác … lần thứ 10"). A bare noun gives the document's
   main series (its most frequent SERIES) only when the edition follows the noun directly and no
   name follows the edition ("Biên bản Hội nghị lần thứ VIII"); an edition of another kind of meeting
   ("Kỳ họp thứ 8", "Hội nghị Ban Chấp hành … lần thứ 5") belongs to no series. A second edition
   with no noun of its own shares the series of the one before it ("the eighth … and the ninth").
2. Status: an edition whose scope (its noun up to the next edition, ";" or the sentence end) has a
   future cue, or states a year after the document's year, is ``referenced``; of the rest of the
   main series the highest edition is ``reported``; lower ones and other series are ``referenced``.
   The main series with no edition anywhere is reported with edition None.
3. ``event_id`` is ``series#edition`` (or ``series@year``): the same in every language.

Example::

    >>> event_id("series.vn-cn-economic-corridor", 10, 2023)
    'series.vn-cn-economic-corridor#10'
    >>> event_id("series.gms-governors-forum", None, 2024)
    'series.gms-governors-forum@2024'
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from ..gazetteer.model import Entry
from ..gazetteer.store import Gazetteer
from ..lang.cues import EventCues
from ..types import Mention, TaggedDoc

Span = tuple[int, int]

#: punctuation that may not stand between an edition and the noun after it
_GAP_PUNCT = re.compile(r"[.,;:!?。，；：！？、()（）\[\]|\"“”«»]")


@dataclass(frozen=True)
class EventMention:
    """One event a document talks about.

    ``sentences`` are the evidence sentences; ``spans`` the parts of them that concern this event
    (other editions' scopes cut out), where builders read facts such as host, place and dates.
    """

    event_id: str
    series_id: str | None
    edition: int | None
    status: str  # reported | referenced
    year: int | None
    sentences: tuple[Span, ...]
    spans: tuple[Span, ...] = ()


def event_id(series_id: str | None, edition: int | None, year: int | None) -> str | None:
    """Stable id across documents and languages: ``series#edition``, else ``series@year``, else None."""
    if not series_id:
        return None
    if edition is not None:
        return f"{series_id}#{edition}"
    if year is not None:
        return f"{series_id}@{year}"
    return None


# --------------------------------------------------------------------------- small shared helpers


def sentence_spans(t: TaggedDoc) -> list[Span]:
    """The sentence spans, or the whole text as one sentence when none were split."""
    spans = [(s.start, s.end) for s in t.seg.sentences]
    return spans or [(0, len(t.text))]


def sentence_of(spans: list[Span], pos: int) -> int:
    """Index of the sentence containing offset ``pos`` (the last one starting at or before it)."""
    return max(0, bisect.bisect_right([s for s, _ in spans], pos) - 1)


def inside(m: Mention, spans: tuple[Span, ...] | list[Span]) -> bool:
    """True when mention ``m`` lies wholly inside one of ``spans``."""
    return any(s <= m.start and m.end <= e for s, e in spans)


def date_parts(value: object) -> tuple[str, str] | None:
    """(start, end) of a DATE value: "2023-11-13/2023-11-14" or a single "2023-11-13" (start == end)."""
    if not isinstance(value, str) or not value:
        return None
    a, _, b = value.partition("/")
    return a, (b or a)


def precision(iso: str) -> str:
    """"day", "month" or "year" for an ISO partial date."""
    return {10: "day", 7: "month"}.get(len(iso), "year")


def main_series(t: TaggedDoc) -> str | None:
    """The most frequent SERIES id of the document (ties: the one named first)."""
    series = [m for m in t.of("SERIES") if m.id]
    if not series:
        return None
    counts = Counter(m.id for m in series)
    first: dict[str, int] = {}
    for m in series:
        first.setdefault(m.id or "", m.start)
    return max(counts, key=lambda s: (counts[s], -first[s]))


# --------------------------------------------------------------------------- editions -> series


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    kind: str  # series | noun | other
    series_id: str | None = None


@dataclass(frozen=True)
class EditionLink:
    """An EDITION mention, the series it belongs to (None: another kind of meeting) and its scope."""

    mention: Mention
    sentence: int
    series_id: str | None
    scope: Span


def _anchors(t: TaggedDoc, span: Span, cues: EventCues) -> list[_Anchor]:
    s, e = span
    out = [_Anchor(m.start, m.end, "series", m.id) for m in t.of("SERIES") if s <= m.start and m.end <= e]
    taken = [(a.start, a.end) for a in out]
    for kind, pattern in (("noun", cues.conference), ("other", cues.other)):
        for m in pattern.finditer(t.text, s, e):
            if not any(m.start() < b and a < m.end() for a, b in taken):
                out.append(_Anchor(m.start(), m.end(), kind))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda a: a.start)


def _followed_by_name(text: str, pos: int, spaced: bool, series: Entry | None) -> bool:
    """True when a name other than the main series' own starts right after ``pos``.

    "Hội nghị lần thứ 5 Ban Chấp hành …" names another body; "Hội nghị lần thứ 14 Ủy ban công tác
    liên hợp …" names the main series in a spelling the tagger missed (compared case-insensitively).
    """
    if not spaced:
        return False
    rest = text[pos:pos + 200].lstrip()
    if not rest or not rest[0].isupper():
        return False
    folded = " ".join(rest.casefold().split())
    names = [" ".join(n.casefold().split()) for _, n in series.all_names()] if series else []
    return not any(n and folded.startswith(n) for n in names)


def _link_one(t: TaggedDoc, ed: Mention, anchors: list[_Anchor], cues: EventCues,
              main: str | None, main_entry: Entry | None,
              prev: tuple[str | None, _Anchor | None]) -> tuple[str | None, int, _Anchor | None]:
    """(series or None, scope start, anchor used) for one edition."""
    text = t.text
    if any(a.kind == "other" and ed.start <= a.start < ed.end for a in anchors):
        return None, ed.start, None  # "Kỳ họp thứ 8": the edition names its own kind of meeting
    after = [a for a in anchors if a.start >= ed.end]
    if after:
        a = after[0]
        gap = text[ed.end:a.start]
        if (len(gap) <= cues.after_gap and not _GAP_PUNCT.search(gap)
                and (not cues.spaced or not gap.strip())):
            series = {"series": a.series_id, "noun": main}.get(a.kind)
            return series, ed.start, a
    before = [a for a in anchors if a.end <= ed.start]
    if not before:
        return None, ed.start, None
    a = before[-1]
    prev_series, prev_anchor = prev
    if prev_series and prev_anchor is a:
        return prev_series, ed.start, a  # "the eighth conference … and the ninth"
    if a.kind == "series":
        return a.series_id, a.start, a
    if a.kind == "noun" and not text[a.end:ed.start].strip() and not _followed_by_name(text, ed.end, cues.spaced, main_entry):
        return main, a.start, a
    return None, a.start, a


def link_editions(t: TaggedDoc, gaz: Gazetteer | None, cues: EventCues) -> list[EditionLink]:
    """Every EDITION of the document with its series (or None) and scope, in text order."""
    main, text = main_series(t), t.text
    main_entry = gaz.get(main) if gaz else None
    sents = sentence_spans(t)
    out: list[EditionLink] = []
    by_sentence: dict[int, list[Mention]] = {}
    for m in t.of("EDITION"):
        if isinstance(m.value, int):
            by_sentence.setdefault(sentence_of(sents, m.start), []).append(m)
    for i, eds in sorted(by_sentence.items()):
        s, e = sents[i]
        anchors = _anchors(t, (s, e), cues)
        prev: tuple[str | None, _Anchor | None] = (None, None)
        stops = cues.scope_stops
        linked: list[tuple[Mention, str | None, int, int]] = []
        for ed in eds:
            series, start, anchor = _link_one(t, ed, anchors, cues, main, main_entry, prev)
            prev = (series, anchor)
            name_end = anchor.end if anchor is not None and anchor.start >= ed.end else ed.end
            linked.append((ed, series, start, name_end))
        for k, (ed, series, start, name_end) in enumerate(linked):
            end = linked[k + 1][2] if k + 1 < len(linked) else e
            stop = stops.search(text, name_end, e)
            if stop:
                end = min(end, stop.start())
            out.append(EditionLink(ed, i, series, (start, max(end, ed.end))))
    return out


# --------------------------------------------------------------------------- dates and years


def year_in(t: TaggedDoc, spans: list[Span] | tuple[Span, ...]) -> int | None:
    """The year of the first DATE inside ``spans``."""
    for m in t.of("DATE"):
        parts = date_parts(m.value)
        if parts and inside(m, spans):
            return int(parts[0][:4])
    return None


def event_dates(t: TaggedDoc, spans: tuple[Span, ...] | list[Span],
                allow_year: bool = False) -> tuple[str | None, str | None]:
    """(start, end) of a meeting from the DATEs inside ``spans``.

    A range of days or months gives both ends; else the first day gives the start; with
    ``allow_year`` (referenced editions) a bare year gives the start ("năm 2017" -> "2017").
    """
    dates = [(m, date_parts(m.value)) for m in t.of("DATE") if inside(m, spans)]
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


def _reference_year(t: TaggedDoc, skip: list[Span]) -> int | None:
    """The document's own year: publication year, else the first day/month DATE outside ``skip``."""
    if t.seg.published:
        return t.seg.published.year
    for m in t.of("DATE"):
        parts = date_parts(m.value)
        if parts and precision(parts[0]) != "year" and not inside(m, skip):
            return int(parts[0][:4])
    return None


# --------------------------------------------------------------------------- events


def _subtract(span: Span, holes: list[Span]) -> list[Span]:
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


def _years_after_series(t: TaggedDoc, series_id: str, gap: int) -> int | None:
    dates = t.of("DATE")
    for s in t.of("SERIES"):
        if s.id != series_id:
            continue
        for d in dates:
            parts = date_parts(d.value)
            if parts and s.end <= d.start <= s.end + gap:
                return int(parts[0][:4])
    return None


def _reported_sentences(t: TaggedDoc, series_id: str, own: list[Span], masked: list[Span],
                        cues: EventCues) -> tuple[list[int], list[Span]]:
    sents = sentence_spans(t)
    reference = cues.reference
    chosen: set[int] = {sentence_of(sents, s) for s, _ in own}
    for i, span in enumerate(sents):
        parts = _subtract(span, masked)
        if any(s.id == series_id and inside(s, parts) for s in t.of("SERIES")):
            chosen.add(i)
        elif any(reference.search(t.text, a, b) for a, b in parts):
            chosen.add(i)
    spans = [p for i in sorted(chosen) for p in _subtract(sents[i], masked)]
    return sorted(chosen), spans


def doc_events(t: TaggedDoc, gaz: Gazetteer, cues: EventCues) -> list[EventMention]:
    """Every event the document reports or refers to: the reported one first, then by edition.
    The assemble stage computes them once per document and hands them to every record builder."""
    sents = sentence_spans(t)
    main = main_series(t)
    links = link_editions(t, gaz, cues)
    future = cues.future
    groups: dict[tuple[str, int], list[EditionLink]] = {}
    for link in links:
        if link.series_id:
            groups.setdefault((link.series_id, link.mention.value), []).append(link)
    skip = [lk.scope for lk in links if not lk.series_id or future.search(t.text, *lk.scope)]
    ref_year = _reference_year(t, skip)

    info: dict[tuple[str, int], tuple[bool, int | None]] = {}
    for key, lks in groups.items():
        scopes = [lk.scope for lk in lks]
        year = year_in(t, scopes)
        later = year is not None and ref_year is not None and year > ref_year
        info[key] = (any(future.search(t.text, *sc) for sc in scopes) or later, year)
    open_editions = [ed for (sid, ed), (ref, _) in info.items() if sid == main and not ref]
    reported_key = (main, max(open_editions)) if main and open_editions else None

    out: list[EventMention] = []
    if main and (reported_key or not any(sid == main for sid, _ in groups)):
        own = [lk.scope for lk in groups.get(reported_key, [])] if reported_key else []
        masked = [lk.scope for lk in links if reported_key is None
                  or (lk.series_id, lk.mention.value) != reported_key]
        idx, spans = _reported_sentences(t, main, own, masked, cues)
        start, _ = event_dates(t, spans)
        edition = reported_key[1] if reported_key else None
        year = int(start[:4]) if start else (info[reported_key][1] if reported_key else None)
        if edition is None and year is None:
            year = _years_after_series(t, main, cues.year_gap)
        id_year = year if year is not None or edition is not None else (
            t.seg.published.year if t.seg.published else None)
        eid = event_id(main, edition, id_year)
        if eid:
            out.append(EventMention(eid, main, edition, "reported", year,
                                    tuple(sents[i] for i in idx), tuple(spans)))
    for key in sorted(groups, key=lambda k: (k[0] != main, k[0], k[1])):
        if key == reported_key:
            continue
        lks = groups[key]
        idx = sorted({lk.sentence for lk in lks})
        scopes = tuple(lk.scope for lk in lks)
        eid = event_id(key[0], key[1], None)
        if eid:
            out.append(EventMention(eid, key[0], key[1], "referenced", info[key][1],
                                    tuple(sents[i] for i in idx), scopes))
    return out


def reported_event(events: list[EventMention]) -> EventMention | None:
    """The event the document reports (at most one), or None."""
    return next((e for e in events if e.status == "reported"), None)
