"""A language's cue tables compiled to patterns, once, when its ``Language`` object is built.

The record builders (``corridor_ie.assemble``) only ever ask these objects for patterns and lookups,
so no cue word is written in their control flow. Patterns are case-insensitive and match whole words
in languages written with spaces (``patterns.cue_re``); ``at_start`` patterns match at the start of a
string (after spaces and punctuation), ``at_end`` ones at its end.

>>> from corridor_ie.lang.tables import CommitmentsTable, Modality
>>> c = CommitmentCues.from_table(CommitmentsTable(modality=Modality(agreed=["thống nhất"])), spaced=True)
>>> c.modality_of("Thống nhất")
'agreed'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..normalise import fold, fold_token
from ..patterns import NEVER, cue_re
from .tables import CommitmentsTable, EventsTable, SectorsTable

#: what may stand before a cue that anchors at the start of a clause
_LEAD = r"[\s,，:：;；\-–—\"“”‘’'.…]*"
MODALITIES = ("agreed", "proposed", "requested", "completed")


def _alt(words: Iterable[str], spaced: bool) -> str:
    return cue_re(list(words), spaced).pattern


def at_start(words: Iterable[str], spaced: bool) -> re.Pattern[str]:
    """``words`` at the start of a string, after spaces and punctuation."""
    return re.compile(_LEAD + "(" + _alt(words, spaced) + ")", re.IGNORECASE)


def at_end(words: Iterable[str], spaced: bool) -> re.Pattern[str]:
    """``words`` at the end of a string, before trailing spaces."""
    return re.compile("(" + _alt(words, spaced) + r")\s*$", re.IGNORECASE)


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, eq=False)
class EventCues:
    """The conference and official builders' cues of one language (``events.toml``)."""

    spaced: bool
    future: re.Pattern[str]
    conference: re.Pattern[str]  # conference nouns
    other: re.Pattern[str]  # nouns of other kinds of meeting
    reference: re.Pattern[str]
    after_gap: int
    year_gap: int
    scope_stops: re.Pattern[str]
    host_verbs: re.Pattern[str]
    host_openers: re.Pattern[str]
    host_prefixes: re.Pattern[str]
    host_not_after: re.Pattern[str]  # at the end of the text before a host verb
    location_cues: re.Pattern[str]
    location_filler: re.Pattern[str]  # a whole gap made only of fillers, spaces and brackets
    location_venue: re.Pattern[str]  # a gap ending in a venue word: the place after it names the venue
    format_any: re.Pattern[str]
    formats: tuple[tuple[re.Pattern[str], str], ...]  # longest phrase first
    doc_nouns: re.Pattern[str]
    doc_signing: re.Pattern[str]
    doc_stops: re.Pattern[str]
    doc_noun_last: bool
    doc_cut_after_edition: bool
    doc_window: int
    roles: dict[str, str]  # folded verb phrase -> role
    role_verbs: re.Pattern[str]
    role_blocked: re.Pattern[str]  # a role blocker at the end of a string
    statement_verbs: re.Pattern[str]
    apposition_stops: re.Pattern[str]
    title_suffixes: re.Pattern[str]
    org_heads: tuple[str, ...]
    connectors: re.Pattern[str]
    # how conferences are named (``[conference]``) and their status cues (``[status]``)
    heads: re.Pattern[str] = NEVER
    name_before: str = "head"
    head_gap: int = 40
    head_gap_words: re.Pattern[str] = NEVER
    reach: int = 320
    name_stops: re.Pattern[str] = NEVER
    continuations: re.Pattern[str] = NEVER
    capitalised_continues: bool = False
    joiners: re.Pattern[str] = NEVER
    domestic: re.Pattern[str] = NEVER
    not_events: re.Pattern[str] = NEVER
    pronoun_sides: re.Pattern[str] = NEVER
    international: re.Pattern[str] = NEVER
    pairs: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = ()  # (country ids, words naming both)
    year_joins: re.Pattern[str] = NEVER
    captions: re.Pattern[str] = NEVER
    modifier_end: re.Pattern[str] = NEVER  # at the end of the text before an edition
    copulas: re.Pattern[str] = NEVER
    frames: re.Pattern[str] = NEVER
    planned_before: re.Pattern[str] = NEVER
    happened: re.Pattern[str] = NEVER
    happened_before: re.Pattern[str] = NEVER
    past: re.Pattern[str] = NEVER
    past_after: re.Pattern[str] = NEVER
    previous_year: re.Pattern[str] = NEVER
    along: re.Pattern[str] = NEVER
    about: re.Pattern[str] = NEVER
    announced: re.Pattern[str] = NEVER
    separate: re.Pattern[str] = NEVER
    mechanisms: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (mechanism key, its words), table order
    mechanism_any: re.Pattern[str] = NEVER  # the words of every mechanism (to find where one may be)
    scopes: tuple[tuple[str, re.Pattern[str]], ...] = ()

    @classmethod
    def from_table(cls, t: EventsTable, spaced: bool,
                   pattern: Callable[[list[str]], re.Pattern[str]] | None = None) -> EventCues:
        def c(ws: list[str]) -> re.Pattern[str]:
            return cue_re(ws, spaced)

        def p(ws: list[str]) -> re.Pattern[str]:  # the language's own spellings of the newer tables
            return pattern(ws) if pattern is not None and ws else c(ws)

        phrases = sorted(t.format, key=len, reverse=True)
        fillers = c(t.location.fillers).pattern
        venues = c(t.location.venues).pattern
        off, conf, st = t.officials, t.conference, t.status
        return cls(
            spaced=spaced, future=p(t.future), conference=c(t.nouns.conference), other=c(t.nouns.other),
            reference=c(t.nouns.reference), after_gap=t.editions.after_gap, year_gap=t.editions.year_gap,
            scope_stops=c(t.editions.scope_stops), host_verbs=p(t.host.verbs), host_openers=p(t.host.openers),
            host_prefixes=c(t.host.prefixes), location_cues=p(t.location.cues),
            host_not_after=at_end(t.host.not_after, spaced) if t.host.not_after else NEVER,
            location_filler=re.compile(rf"^(?:[\s,()（），、]|{fillers}|{venues}[^,.;:\n]{{0,60}}(?=,|$))*$", re.IGNORECASE),
            location_venue=re.compile(rf"(?:{venues})\s*$", re.IGNORECASE),
            format_any=p(phrases), formats=tuple((p([f]), t.format[f]) for f in phrases),
            doc_nouns=c(t.documents.nouns), doc_signing=c(t.documents.signing), doc_stops=c(t.documents.stops),
            doc_noun_last=t.documents.noun_last, doc_cut_after_edition=t.documents.cut_after_edition,
            doc_window=t.documents.window,
            roles={fold(k): v for k, v in off.roles.items()}, role_verbs=c(list(off.roles)),
            role_blocked=re.compile(c(off.role_blockers).pattern + r"\s*$", re.IGNORECASE),
            statement_verbs=c(off.statement_verbs), apposition_stops=c(off.apposition_stops),
            title_suffixes=c(off.title_suffixes), org_heads=tuple(off.org_heads), connectors=c(off.connectors),
            heads=p(conf.heads), name_before=conf.name_before, head_gap=conf.head_gap,
            head_gap_words=p(conf.head_gap_words), reach=conf.reach, name_stops=p(conf.stops),
            continuations=p(conf.continuations), capitalised_continues=conf.capitalised_continues,
            joiners=p(conf.joiners), domestic=p(conf.domestic), not_events=p(conf.not_events), pronoun_sides=p(conf.pronoun_sides),
            international=p(conf.international), year_joins=p(conf.year_joins),
            pairs=tuple((tuple(ids), p([w])) for w, ids in conf.pairs.items()), captions=p(conf.captions), copulas=p(conf.copulas),
            modifier_end=re.compile("(?:" + p(conf.modifier_ends).pattern + r")\s*$") if conf.modifier_ends else NEVER,
            frames=p(st.frames), planned_before=p(st.planned_before), happened=p(st.happened),
            happened_before=p(st.happened_before), past=p(st.past), past_after=p(st.past_after), previous_year=p(st.previous_year), along=p(st.along), about=p(st.about), announced=p(st.announced), separate=p(st.separate),
            mechanisms=tuple((k, p(ws)) for k, ws in t.mechanisms.items() if ws),
            mechanism_any=p([w for ws in t.mechanisms.values() for w in ws]),
            scopes=tuple((k, p(ws)) for k, ws in t.scopes.items() if ws),
        )


# --------------------------------------------------------------------------- commitments


@dataclass(frozen=True, eq=False)
class CommitmentCues:
    """The commitment builder's cues of one language (``commitments.toml``)."""

    spaced: bool
    modality: re.Pattern[str]
    modalities: dict[str, str]  # folded cue -> modality
    kinds: dict[str, str]  # folded cue -> "plain", "subject" (needs a subject before it) or "nominal"
    request_with_actor: frozenset[str]
    require_action: bool
    joint_subject_agrees: bool
    report_verbs: re.Pattern[str]  # at the start of a string
    split_semicolons: bool
    cut_min_words: int
    block_before: re.Pattern[str]
    block_after: re.Pattern[str]
    soft_after: re.Pattern[str]
    purpose: re.Pattern[str]
    purpose_window: int
    belief: re.Pattern[str]
    belief_window: int
    planned: re.Pattern[str]
    actor_start: re.Pattern[str]
    actor_any: re.Pattern[str]
    joint: frozenset[str]  # folded collective phrases that name every side
    subject_end: re.Pattern[str]  # an actor phrase, a head noun or a pronoun at the end of a string
    subject_fillers_end: re.Pattern[str]
    speech_end: re.Pattern[str]
    addressee_window: int
    addressee_lists: bool
    addressee_is_actor: bool
    subject_start: re.Pattern[str]  # an actor phrase, head noun or pronoun at the start of a string
    future_end: re.Pattern[str]
    nominal_marker: re.Pattern[str]
    coordinators: re.Pattern[str]
    side_start: re.Pattern[str]
    side_end: re.Pattern[str]
    actor_not_after: re.Pattern[str]
    place_word_end: re.Pattern[str]
    openers: re.Pattern[str]
    examples: re.Pattern[str]
    separators: re.Pattern[str]
    nominal_separators: re.Pattern[str]
    weak_separators: re.Pattern[str]
    vague_start: re.Pattern[str]
    vague_link: re.Pattern[str]
    cont_opener: re.Pattern[str]
    topic_start: re.Pattern[str]
    topic_item: re.Pattern[str]
    weak_stops: re.Pattern[str]
    past_after: re.Pattern[str]  # at the start of a string
    verb_start: re.Pattern[str]
    verb_any: re.Pattern[str]  # an action verb anywhere
    strong_verb_start: re.Pattern[str]
    verb_end: re.Pattern[str]
    adverbs: re.Pattern[str]
    hard_break: re.Pattern[str]
    hard_break_end: re.Pattern[str]
    anaphora: re.Pattern[str]
    nominal_heads: re.Pattern[str]
    nominal_head_window: int
    nominal_determiners: re.Pattern[str]  # at the start of a string
    strip: re.Pattern[str]
    deadline_before: re.Pattern[str]
    deadline_after: re.Pattern[str]
    projects: re.Pattern[str]
    project_stop: re.Pattern[str]
    project_before: re.Pattern[str]
    project_max_words: int
    completed_needs: frozenset[str]
    sign_verbs: re.Pattern[str]
    sign_documents: re.Pattern[str]
    sign_before_end: re.Pattern[str]
    sign_blocked_before: re.Pattern[str]
    sign_blocked_after: re.Pattern[str]
    sign_stops: re.Pattern[str]
    sign_place_end: re.Pattern[str]  # a preposition right before a place or date ("in", "tại")
    sign_window: int
    tail_drop: re.Pattern[str]
    tail_cut: re.Pattern[str]
    tail_drop_end: re.Pattern[str]
    tail_speech: re.Pattern[str]

    def modality_of(self, cue: str) -> str | None:
        """The modality a matched cue word gives."""
        return self.modalities.get(fold(cue))

    def kind_of(self, cue: str) -> str:
        """"plain", "subject" (a cue that needs a subject before it) or "nominal" (noun phrases follow)."""
        return self.kinds.get(fold(cue), "plain")

    def asks_actor(self, cue: str) -> bool:
        """Whether an addressee right after this cue makes it a request ("đề nghị phía …")."""
        return fold(cue) in self.request_with_actor

    def is_joint(self, phrase: str) -> bool:
        """Whether a collective phrase names every side ("hai bên", 双方): asking it is proposing."""
        return fold(phrase) in self.joint

    @classmethod
    def from_table(cls, t: CommitmentsTable, spaced: bool) -> CommitmentCues:
        modalities: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for kind, mod in (("nominal", t.nominal_modality), ("subject", t.subject_modality), ("plain", t.modality)):
            for m in MODALITIES:
                for w in getattr(mod, m):
                    modalities[fold(w)] = m
                    kinds[fold(w)] = kind
        block, actors, cont, sign = t.blockers, t.actors, t.continuation, t.signing
        verbs, nominal, adverbs = cont.verbs, cont.nominal_verbs, cont.adverbs
        sides = actors.side

        def start(ws: list[str]) -> re.Pattern[str]:
            return at_start(ws, spaced)

        def end(ws: list[str]) -> re.Pattern[str]:
            return at_end(ws, spaced)

        not_verb = "(?!" + _alt(cont.not_verbs, spaced) + ")" if cont.not_verbs else ""

        def verb_start(vs: list[str], after_adverb: list[str] = ()) -> re.Pattern[str]:
            """[adverbs] verb; ``after_adverb``: verbs that count only after an adverb ("共同建设")."""
            adv = "(?:" + _alt(adverbs, spaced) + r"[\s,]*)*" if adverbs else ""
            body = not_verb + "(" + _alt(vs, spaced) + ")"
            if after_adverb and adverbs:
                some = "(?:" + _alt(adverbs, spaced) + r"[\s,]*)+"
                body = "(?:" + adv + body + "|" + some + not_verb + "(" + _alt(after_adverb, spaced) + "))"
                return re.compile(_LEAD + body, re.IGNORECASE)
            return re.compile(_LEAD + adv + body, re.IGNORECASE)

        marks = "[" + re.escape(block.after_punct) + "]|" if block.after_punct else ""
        return cls(
            spaced=spaced,
            modality=cue_re(list(modalities), spaced),
            modalities=modalities,
            kinds=kinds,
            request_with_actor=frozenset(fold(w) for w in t.request_with_actor),
            require_action=t.require_action,
            joint_subject_agrees=t.joint_subject_agrees,
            report_verbs=start(cont.report_verbs) if cont.report_verbs else NEVER,
            split_semicolons=t.split_semicolons,
            cut_min_words=t.cut_min_words,
            block_before=end(block.before),
            block_after=re.compile(r"\s*(?:" + marks + "$|" + _alt(block.after, spaced) + ")", re.IGNORECASE),
            soft_after=re.compile(r"\s*[" + re.escape(block.soft_punct) + "]") if block.soft_punct else NEVER,
            purpose=cue_re(block.purpose, spaced),
            purpose_window=block.purpose_window,
            belief=cue_re(block.belief, spaced),
            belief_window=block.belief_window,
            planned=cue_re(block.planned, spaced),
            actor_start=start(actors.phrases),
            actor_any=cue_re(actors.phrases, spaced),
            joint=frozenset(fold(w) for w in actors.joint),
            subject_end=end(actors.phrases + actors.heads + actors.pronouns),
            subject_fillers_end=end(actors.subject_fillers),
            speech_end=end(actors.speech_verbs),
            addressee_window=actors.addressee_window,
            addressee_lists=actors.addressee_lists,
            addressee_is_actor=actors.addressee_is_actor,
            subject_start=start(actors.phrases + actors.heads + actors.pronouns),
            future_end=end(actors.future) if actors.future else NEVER,
            nominal_marker=start(actors.nominal_marker) if actors.nominal_marker else NEVER,
            coordinators=cue_re(actors.coordinators, spaced) if actors.coordinators else NEVER,
            side_start=start(sides) if sides else NEVER,
            side_end=end(sides) if sides else NEVER,
            actor_not_after=end(actors.not_after),
            place_word_end=end(actors.place_words),
            openers=re.compile(_alt(t.openers, spaced), re.IGNORECASE),
            examples=cue_re(t.examples, spaced),
            separators=_separators(t.item_separators),
            nominal_separators=_separators(t.nominal_separators),
            weak_separators=_separators(t.weak_separators),
            vague_start=start(t.vague),
            vague_link=cue_re(t.vague_links, spaced),
            cont_opener=start(cont.openers),
            topic_start=start(cont.topics),
            topic_item=start(cont.topic_items) if cont.topic_items else NEVER,
            weak_stops=cue_re(cont.weak_stops, spaced),
            past_after=start(cont.past_after) if cont.past_after else NEVER,
            verb_start=verb_start(verbs + nominal),
            verb_any=cue_re(verbs + nominal, spaced),
            strong_verb_start=verb_start([v for v in verbs if v not in nominal], nominal),
            verb_end=end([v for v in verbs + nominal if v not in cont.noun_ends]) if cont.verb_end_joins else NEVER,
            adverbs=start(adverbs),
            hard_break=start(cont.hard_breaks),
            hard_break_end=re.compile("(?:" + _alt(cont.hard_breaks, spaced) + r")[\s,，]*$", re.IGNORECASE),
            anaphora=cue_re(cont.anaphora, spaced),
            nominal_heads=cue_re(cont.nominal_heads, spaced),
            nominal_head_window=cont.nominal_head_window,
            nominal_determiners=start(cont.nominal_determiners) if cont.nominal_determiners else NEVER,
            strip=start(t.strip),
            deadline_before=end(t.deadline.before),
            deadline_after=start(t.deadline.after),
            projects=cue_re(t.projects.heads, spaced),
            project_stop=cue_re(t.projects.stop, spaced),
            project_before=end(t.projects.before),
            project_max_words=t.projects.max_words,
            completed_needs=frozenset(t.completed.needs),
            sign_verbs=cue_re(sign.verbs, spaced),
            sign_documents=cue_re(sign.documents, spaced),
            sign_before_end=end(sign.before),
            sign_blocked_before=end(sign.blocked_before),
            sign_blocked_after=re.compile(r"\s*(?:" + _alt(sign.blocked_after, spaced) + ")", re.IGNORECASE)
            if sign.blocked_after else NEVER,
            sign_stops=cue_re(sign.stops, spaced),
            sign_place_end=end(sign.place_words) if sign.place_words else NEVER,
            sign_window=sign.window,
            tail_drop=start(t.tails.drop),
            tail_cut=cue_re(t.tails.cut, spaced),
            tail_drop_end=end(t.tails.drop_end) if t.tails.drop_end else NEVER,
            tail_speech=end(t.tails.speech) if t.tails.speech else NEVER,
        )


def _separators(seps: list[str]) -> re.Pattern[str]:
    """Item separators; one written with spaces around a word (" and ") matches any run of spaces there."""
    if not seps:
        return NEVER
    parts = []
    for sep in sorted(seps, key=len, reverse=True):
        core = r"\s+".join(re.escape(w) for w in sep.split())
        parts.append((r"\s+" if sep[:1].isspace() else "") + core + (r"\s+" if sep[-1:].isspace() else ""))
    return re.compile("|".join(parts), re.IGNORECASE)


# --------------------------------------------------------------------------- sectors

#: one word: a single Han character, or a run of letters/digits (hyphens split English words)
_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|[^\W_\u3400-\u4dbf\u4e00-\u9fff]+")

Key = tuple[str, ...]


def word_keys(text: str) -> Key:
    """The matching keys of the words of ``text``.

    >>> word_keys("Văn hoá") == word_keys("văn hóa")
    True
    """
    return tuple(map(fold_token, _WORD.findall(text)))


@dataclass(frozen=True, eq=False)
class SectorCues:
    """Cue key -> the sectors it names (empty for an excluded phrase), for one language or several.

    Matching works on word keys (``normalise.fold_token``), so it ignores case and Vietnamese tone-mark
    placement; at each word the longest cue wins, and excluded phrases win without giving a sector.
    """

    tables: tuple[tuple[dict[Key, frozenset[str]], int, frozenset[str]], ...]  # (cues, longest, first keys)

    @classmethod
    def from_table(cls, *tables: SectorsTable) -> SectorCues:
        """One language's cues, or (given several tables) each language's cues tried in turn."""
        out = []
        for t in tables:
            cues: dict[Key, set[str]] = {}
            for name, phrases in t.sectors.items():
                for phrase in phrases:
                    if key := word_keys(phrase):
                        cues.setdefault(key, set()).add(name)
            for phrase in t.exclude:
                if key := word_keys(phrase):
                    cues.setdefault(key, set())
            frozen = {k: frozenset(v) for k, v in cues.items()}
            out.append((frozen, max((len(k) for k in frozen), default=0), frozenset(k[0] for k in frozen)))
        return cls(tuple(out))

    def find(self, text: str) -> list[str]:
        """Sorted unique sectors named in ``text``."""
        keys = word_keys(text)
        found: set[str] = set()
        for table, longest, firsts in self.tables:
            i = 0  # the first word not inside a cue found already
            for j in [j for j, k in enumerate(keys) if k in firsts]:  # the words a cue may start at
                if j < i:
                    continue
                for n in range(min(longest, len(keys) - j), 0, -1):
                    hit = table.get(keys[j:j + n])
                    if hit is not None:
                        found |= hit
                        i = j + n
                        break
        return sorted(found)
