"""Consolidate the reports of one event across articles into one ``event`` view per edition.

Conference, official and commitment records that share an ``event_id`` are merged into an
:class:`EventView`. Nothing is voted away: every field is a list of ``{"value", "documents", "support"}``
so that conflicting reports ("hơn 200 đại biểu" in one outlet, "hơn 250" in another) are all shown, most
supported first.

Syndicated copies are linked, not counted twice. Near-duplicate articles are found with MinHash/LSH
(shingles of 5 words over ``article.text``, Jaccard threshold 0.8, fixed seed); each group of copies is
represented by its smallest ``doc_id``, and ``support`` counts distinct groups, so a fact reported once
and syndicated ten times has ``support == 1`` (while ``documents`` still lists all eleven copies).

Officials are grouped by ``person_id`` (by normalised name when the id is null; a name-only group whose
name belongs to exactly one identified person joins that person). Commitments are grouped by fuzzy-equal
action (rapidfuzz ``token_set_ratio`` >= 85). Officials and commitments with ``event_id`` null are not
attached to any event.

Input is streamed line by line; only the merged state (and one MinHash per article) is kept.

Example:
    >>> from corridor_ie.records import ConferenceRecord
    >>> c = Consolidator()
    >>> for doc, date in [("d1", "2024-11-13"), ("d2", "2024-11-13"), ("d3", "2024-11-14")]:
    ...     c.add(ConferenceRecord(doc_id=doc, event_id="e10", series_id="series.x", series_name="X",
    ...                            edition=10, status="reported", start_date=date))
    >>> [(v.value, v.documents) for v in c.views()[0].start_date]
    [('2024-11-13', ['d1', 'd2']), ('2024-11-14', ['d3'])]

Command line: ``corridor-ie consolidate RECORDS.jsonl... [-o EVENTS.jsonl]``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from datasketch import MinHash, MinHashLSH
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import fuzz, utils

from . import SCHEMA_VERSION
from .errors import InputNotFound, SetupError
from .records import (
    RECORD_ADAPTER,
    ArticleRecord,
    CommitmentRecord,
    ConferenceRecord,
    OfficialRecord,
)

#: near-duplicate detection (MinHash/LSH)
SHINGLE_WORDS = 5
DUPLICATE_THRESHOLD = 0.8
NUM_PERM = 128
MINHASH_SEED = 1
#: commitments whose actions score at least this (rapidfuzz token_set_ratio) are one commitment
ACTION_MATCH = 85
#: record types that may appear in a records file and are not consolidated
IGNORED_TYPES = frozenset({"error"})

_WORD = re.compile(r"\w+")


# --------------------------------------------------------------------------------------------- models
class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldValue(_View):
    """One reported value and who reported it; ``support`` counts duplicate groups, not copies."""

    value: Any
    documents: list[str]
    support: int


class DocEvidence(_View):
    """An evidence span of one document (offsets into that document's ``article.text``)."""

    doc_id: str
    start: int
    end: int
    text: str


class Duplicate(_View):
    """``doc_id`` is a near-duplicate (syndicated copy) of ``duplicate_of``, its group's representative."""

    doc_id: str
    duplicate_of: str


class OfficialView(_View):
    """One person across the reports of an event: every spelling, every title, every document."""

    person_id: str | None
    name: str
    names: list[FieldValue]
    titles: list[FieldValue]
    organizations: list[FieldValue]
    jurisdictions: list[FieldValue]
    country: str | None
    roles: list[str]
    documents: list[str]
    support: int
    evidence: list[DocEvidence]


class CommitmentView(_View):
    """One commitment (actions fuzzy-equal) across the reports of an event."""

    action: str
    actions: list[FieldValue]
    actors: list[FieldValue]
    sectors: list[FieldValue]
    deadline: list[FieldValue]
    modality: list[FieldValue]
    documents: list[str]
    support: int
    evidence: list[DocEvidence]


class EventView(_View):
    """One conference edition as reported by every document that mentions it."""

    record_type: Literal["event"] = "event"
    schema_version: str = SCHEMA_VERSION
    event_id: str
    series_id: str | None
    series_name: str | None
    edition: int | None = Field(default=None, ge=1)
    reported_in: list[str]
    referenced_in: list[str]
    host: list[FieldValue]
    location: list[FieldValue]
    start_date: list[FieldValue]
    end_date: list[FieldValue]
    format: list[FieldValue]
    attendance: list[FieldValue]
    members: list[FieldValue]
    documents: list[FieldValue]
    topics: list[FieldValue]
    officials: list[OfficialView]
    commitments: list[CommitmentView]
    duplicates: list[Duplicate]


# ----------------------------------------------------------------------------------------------- input
def read_lines(paths: Iterable[Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``("file:line", object)`` for every JSON line of every file, streamed in order.

    A missing file, a line that is not a JSON object or has no ``record_type`` is a :class:`SetupError`;
    a truncated last line (a killed writer) is skipped, as ``output.iter_jsonl`` does.
    """
    paths = list(paths)
    for path in paths:
        if not path.is_file():
            raise InputNotFound("no such file", location=str(path), hint="give a JSON Lines records file")
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    if not line.endswith("\n"):
                        break
                    raise SetupError("not a JSON line", location=f"{path}:{n}",
                                     hint="expected records written by corridor-ie extract") from None
                if not isinstance(obj, dict) or "record_type" not in obj:
                    raise SetupError("not a record (no record_type)", location=f"{path}:{n}")
                yield f"{path}:{n}", obj


def read_records(paths: Iterable[Path]) -> Iterator[BaseModel]:
    """Validated records (article, conference, official, commitment, and ``event`` views) of the files.

    Example:
        >>> list(read_records([]))
        []
    """
    for where, obj in read_lines(paths):
        kind = obj["record_type"]
        if kind in IGNORED_TYPES:
            continue
        try:
            yield EventView.model_validate(obj) if kind == "event" else RECORD_ADAPTER.validate_python(obj)
        except ValidationError as e:
            first = e.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise SetupError(f"invalid {kind} record: {loc}: {first['msg']}", location=where) from None


# ------------------------------------------------------------------------------------------ duplicates
def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-grams of the case-folded text (the whole text when it is shorter).

    Example:
        >>> sorted(shingles("Một hai ba bốn năm sáu"))
        ['hai ba bốn năm sáu', 'một hai ba bốn năm']
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash | None:
    """The MinHash of the text's shingles (fixed seed, so runs agree), or None for an empty text."""
    grams = shingles(text)
    if not grams:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    for g in sorted(grams):
        m.update(g.encode("utf-8"))
    return m


def duplicate_groups(hashes: dict[str, MinHash], threshold: float = DUPLICATE_THRESHOLD) -> dict[str, str]:
    """Map every doc_id to its group's representative (the smallest doc_id of its near-duplicate group).

    Candidates come from an LSH index (no all-pairs comparison); each candidate pair is confirmed by
    its estimated Jaccard similarity.

    Example:
        >>> t = " ".join(f"câu {i} về hội nghị lần thứ 10 tại Hà Khẩu." for i in range(20))
        >>> hs = {d: minhash(x) for d, x in [("b", t), ("a", t + " Ảnh: TTXVN"), ("c", "Một bài khác.")]}
        >>> duplicate_groups(hs)
        {'a': 'a', 'b': 'a', 'c': 'c'}
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc in sorted(hashes):
        m = hashes[doc]
        parent[doc] = doc
        for other in sorted(lsh.query(m)):
            if m.jaccard(hashes[other]) >= threshold:
                a, b = find(doc), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        lsh.insert(doc, m)
    return {doc: find(doc) for doc in sorted(parent)}


# --------------------------------------------------------------------------------------- accumulators
def _canon(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def norm_name(name: str) -> str:
    """A name folded for matching: NFC, case-folded, punctuation and extra spaces removed.

    Example:
        >>> norm_name("  Hầu  A Lềnh, ")
        'hầu a lềnh'
    """
    return " ".join(utils.default_process(unicodedata.normalize("NFC", name)).split())


def _ref_key(ref: dict[str, Any]) -> str:
    return f"id:{ref['id']}" if ref.get("id") else f"name:{norm_name(ref['name'])}"


@dataclass
class _Values:
    """Values of one field keyed by a matching key; the first value seen for a key is kept."""

    values: dict[str, Any] = field(default_factory=dict)
    docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, key: str, value: Any, doc: str) -> None:
        self.values.setdefault(key, value)
        self.docs[key].add(doc)

    def merge(self, other: _Values) -> None:
        for key, value in other.values.items():
            self.values.setdefault(key, value)
            self.docs[key] |= other.docs[key]

    def build(self, rep: Callable[[str], str]) -> list[FieldValue]:
        out = [
            FieldValue(value=self.values[k], documents=sorted(d), support=len({rep(x) for x in d}))
            for k, d in self.docs.items()
        ]
        return sorted(out, key=lambda v: (-v.support, -len(v.documents), _canon(v.value)))


def _evidence(doc: str, spans: Iterable[Any]) -> list[tuple[str, int, int, str]]:
    return [(doc, e.start, e.end, e.text) for e in spans]


def _doc_evidence(items: Iterable[tuple[str, int, int, str]]) -> list[DocEvidence]:
    return [DocEvidence(doc_id=d, start=s, end=e, text=t) for d, s, e, t in sorted(set(items))]


@dataclass
class _Official:
    person_id: str | None
    names: _Values = field(default_factory=_Values)
    titles: _Values = field(default_factory=_Values)
    organizations: _Values = field(default_factory=_Values)
    jurisdictions: _Values = field(default_factory=_Values)
    countries: _Values = field(default_factory=_Values)
    roles: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    evidence: set[tuple[str, int, int, str]] = field(default_factory=set)

    def add(self, r: OfficialRecord) -> None:
        d = r.doc_id
        self.names.add(norm_name(r.name), r.name, d)
        if r.title:
            self.titles.add(norm_name(r.title), r.title, d)
        if r.organization:
            self.organizations.add(norm_name(r.organization), r.organization, d)
        if r.jurisdiction:
            j = r.jurisdiction.model_dump()
            self.jurisdictions.add(_ref_key(j), j, d)
        if r.country:
            self.countries.add(r.country, r.country, d)
        self.roles.update(r.roles)
        self.documents.add(d)
        self.evidence.update(_evidence(d, r.evidence))

    def merge(self, other: _Official) -> None:
        for name in ("names", "titles", "organizations", "jurisdictions", "countries"):
            getattr(self, name).merge(getattr(other, name))
        self.roles |= other.roles
        self.documents |= other.documents
        self.evidence |= other.evidence

    def build(self, rep: Callable[[str], str]) -> OfficialView:
        names = self.names.build(rep)
        countries = self.countries.build(rep)
        return OfficialView(
            person_id=self.person_id, name=names[0].value, names=names, titles=self.titles.build(rep),
            organizations=self.organizations.build(rep), jurisdictions=self.jurisdictions.build(rep),
            country=countries[0].value if countries else None, roles=sorted(self.roles),
            documents=sorted(self.documents), support=len({rep(x) for x in self.documents}),
            evidence=_doc_evidence(self.evidence),
        )


@dataclass
class _Commitment:
    key_action: str
    actions: _Values = field(default_factory=_Values)
    actors: _Values = field(default_factory=_Values)
    sectors: _Values = field(default_factory=_Values)
    deadline: _Values = field(default_factory=_Values)
    modality: _Values = field(default_factory=_Values)
    documents: set[str] = field(default_factory=set)
    evidence: set[tuple[str, int, int, str]] = field(default_factory=set)

    def add(self, r: CommitmentRecord) -> None:
        d = r.doc_id
        self.actions.add(norm_name(r.action), r.action, d)
        for a in r.actors:
            ref = a.model_dump()
            self.actors.add(_ref_key(ref), ref, d)
        for s in r.sectors:
            self.sectors.add(s, s, d)
        if r.deadline:
            self.deadline.add(r.deadline, r.deadline, d)
        if r.modality:
            self.modality.add(r.modality, r.modality, d)
        self.documents.add(d)
        self.evidence.update(_evidence(d, r.evidence))

    def build(self, rep: Callable[[str], str]) -> CommitmentView:
        actions = self.actions.build(rep)
        return CommitmentView(
            action=actions[0].value, actions=actions, actors=self.actors.build(rep),
            sectors=self.sectors.build(rep), deadline=self.deadline.build(rep),
            modality=self.modality.build(rep), documents=sorted(self.documents),
            support=len({rep(x) for x in self.documents}), evidence=_doc_evidence(self.evidence),
        )


_CONFERENCE_FIELDS = ("host", "location", "start_date", "end_date", "format", "attendance", "members",
                      "documents", "topics")


@dataclass
class _Event:
    event_id: str
    series_id: _Values = field(default_factory=_Values)
    series_name: _Values = field(default_factory=_Values)
    edition: _Values = field(default_factory=_Values)
    reported_in: set[str] = field(default_factory=set)
    referenced_in: set[str] = field(default_factory=set)
    fields: dict[str, _Values] = field(default_factory=lambda: {f: _Values() for f in _CONFERENCE_FIELDS})
    officials: list[OfficialRecord] = field(default_factory=list)
    commitments: list[CommitmentRecord] = field(default_factory=list)

    def add_conference(self, r: ConferenceRecord) -> None:
        d = r.doc_id
        for name, value in (("series_id", r.series_id), ("series_name", r.series_name),
                            ("edition", r.edition)):
            if value is not None:
                getattr(self, name).add(str(value), value, d)
        (self.reported_in if r.status == "reported" else self.referenced_in).add(d)
        f = self.fields
        for name in ("host", "location"):
            ref = getattr(r, name)
            if ref is not None:
                f[name].add(_ref_key(ref.model_dump()), ref.model_dump(), d)
        for name in ("start_date", "end_date", "format"):
            value = getattr(r, name)
            if value is not None:
                f[name].add(value, value, d)
        for item in r.attendance:
            key = _canon({k: item.get(k) for k in ("value", "unit", "qualifier")})
            f["attendance"].add(key, item, d)
        for m in r.members:
            f["members"].add(_ref_key(m.model_dump()), m.model_dump(), d)
        for name in ("documents", "topics"):
            for s in getattr(r, name):
                f[name].add(norm_name(s), s, d)

    def build(self, rep: Callable[[str], str]) -> EventView:
        def top(values: _Values) -> Any:
            built = values.build(rep)
            return built[0].value if built else None

        docs = self.reported_in | self.referenced_in | {o.doc_id for o in self.officials} | {
            c.doc_id for c in self.commitments}
        dups = sorted((d, rep(d)) for d in docs if rep(d) != d)
        return EventView(
            event_id=self.event_id, series_id=top(self.series_id), series_name=top(self.series_name),
            edition=top(self.edition), reported_in=sorted(self.reported_in),
            referenced_in=sorted(self.referenced_in - self.reported_in),
            **{name: values.build(rep) for name, values in self.fields.items()},
            officials=_group_officials(self.officials, rep),
            commitments=_group_commitments(self.commitments, rep),
            duplicates=[Duplicate(doc_id=d, duplicate_of=r) for d, r in dups],
        )


def _record_order(r: OfficialRecord | CommitmentRecord) -> str:
    return r.doc_id + "\x00" + record_sort_key(r)


def record_sort_key(r: BaseModel) -> str:
    """A stable sort key for a record (its canonical JSON)."""
    return _canon(r.model_dump(mode="json"))


def _group_officials(records: list[OfficialRecord], rep: Callable[[str], str]) -> list[OfficialView]:
    by_id: dict[str, _Official] = {}
    by_name: dict[str, _Official] = {}
    for r in sorted(records, key=_record_order):
        if r.person_id:
            by_id.setdefault(r.person_id, _Official(r.person_id)).add(r)
        else:
            by_name.setdefault(norm_name(r.name), _Official(None)).add(r)
    # a name-only mention joins the one identified person with that name
    owners: dict[str, set[str]] = defaultdict(set)
    for pid, o in by_id.items():
        for key in o.names.values:
            owners[key].add(pid)
    groups = list(by_id.values())
    for key, o in sorted(by_name.items()):
        if len(owners.get(key, ())) == 1:
            by_id[next(iter(owners[key]))].merge(o)
        else:
            groups.append(o)
    views = [o.build(rep) for o in groups]
    return sorted(views, key=lambda v: (-v.support, norm_name(v.name), v.person_id or ""))


def actions_match(a: str, b: str) -> float:
    """rapidfuzz ``token_set_ratio`` of two actions after case and punctuation folding (0-100).

    Example:
        >>> actions_match("Đẩy mạnh hợp tác thương mại", "đẩy mạnh hợp tác thương mại, đầu tư") >= ACTION_MATCH
        True
    """
    return fuzz.token_set_ratio(a, b, processor=utils.default_process)


def _group_commitments(records: list[CommitmentRecord], rep: Callable[[str], str]) -> list[CommitmentView]:
    groups: list[_Commitment] = []
    for r in sorted(records, key=_record_order):
        scores = [(actions_match(r.action, g.key_action), -i) for i, g in enumerate(groups)]
        best = max(scores, default=(0.0, 0))
        if best[0] >= ACTION_MATCH:
            groups[-best[1]].add(r)
        else:
            g = _Commitment(r.action)
            g.add(r)
            groups.append(g)
    views = [g.build(rep) for g in groups]
    return sorted(views, key=lambda v: (-v.support, norm_name(v.action), v.documents))


# ------------------------------------------------------------------------------------------- library
class Consolidator:
    """Feed records one at a time with :meth:`add`; :meth:`views` returns one :class:`EventView` per event.

    Event views found in the input (a consolidated file read back) are passed through unchanged unless
    raw records for the same ``event_id`` are also present.
    """

    def __init__(self) -> None:
        self._events: dict[str, _Event] = {}
        self._hashes: dict[str, MinHash] = {}
        self._ready: dict[str, EventView] = {}

    def _event(self, event_id: str) -> _Event:
        return self._events.setdefault(event_id, _Event(event_id))

    def add(self, record: BaseModel) -> None:
        if isinstance(record, ArticleRecord):
            if record.doc_id not in self._hashes:
                m = minhash(record.text)
                if m is not None:
                    self._hashes[record.doc_id] = m
        elif isinstance(record, ConferenceRecord):
            self._event(record.event_id).add_conference(record)
        elif isinstance(record, OfficialRecord):
            if record.event_id:
                self._event(record.event_id).officials.append(record)
        elif isinstance(record, CommitmentRecord):
            if record.event_id:
                self._event(record.event_id).commitments.append(record)
        elif isinstance(record, EventView):
            self._ready.setdefault(record.event_id, record)

    def duplicates(self) -> dict[str, str]:
        """doc_id -> representative doc_id for every article seen (itself when it has no copy)."""
        return duplicate_groups(self._hashes)

    def views(self) -> list[EventView]:
        groups = self.duplicates()

        def rep(doc: str) -> str:
            return groups.get(doc, doc)

        built = {eid: ev.build(rep) for eid, ev in self._events.items()}
        for eid, view in self._ready.items():
            built.setdefault(eid, view)
        return [built[eid] for eid in sorted(built, key=lambda e: (
            built[e].series_id or "", built[e].edition or 0, e))]


def consolidate(records: Iterable[BaseModel]) -> list[EventView]:
    """One :class:`EventView` per ``event_id`` in ``records``, sorted by series, edition and id."""
    c = Consolidator()
    for r in records:
        c.add(r)
    return c.views()


def consolidate_files(paths: Iterable[Path]) -> list[EventView]:
    """:func:`consolidate` over records streamed from JSON Lines files."""
    return consolidate(read_records(paths))


# ----------------------------------------------------------------------------------------------- CLI
def consolidate_command(
    inputs: Annotated[list[Path], typer.Argument(help="Records files (JSON Lines) from corridor-ie extract.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Events JSON Lines (default stdout).")]
    = None,
) -> None:
    """Merge the reports of each conference edition across articles into one event view.

    Example: corridor-ie consolidate out/records.jsonl -o out/events.jsonl
    """
    from .output import JsonlWriter

    try:
        views = consolidate_files(inputs)
    except SetupError as e:
        typer.echo(f"corridor-ie: error: {e}", err=True)
        raise typer.Exit(2) from None
    with JsonlWriter(output) as w:
        w.write_batch(views)


def register(app: typer.Typer) -> None:
    """Add ``consolidate`` to a typer app."""
    app.command("consolidate")(consolidate_command)
