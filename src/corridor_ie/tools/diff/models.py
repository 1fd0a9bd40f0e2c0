"""The diff reports: a :class:`SeriesDiff` (two editions) or a :class:`RunsDiff` (two runs), told apart by
``mode``; ``DIFF_ADAPTER`` validates either (``DIFF_ADAPTER.validate_json(text)``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from corridor_ie import SCHEMA_VERSION


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Side = Literal["old", "new"]
#: how much of a section (officials, commitments) a side's documents report
Coverage = Literal["reported", "partial", "not_reported"]


class FieldChange(_Out):
    """A conference field whose chosen value differs between editions, or that one side does not report.

    ``change`` is ``"changed"`` when both sides state the field and disagree, ``"not_reported"`` when one
    side states nothing (``missing_on`` says which). Scalars (host, location, dates, format): ``old`` /
    ``new`` are the values and ``added`` / ``removed`` are empty. Sets (members, documents, topics) and
    attendance (one figure per unit): ``old`` / ``new`` are lists and ``added`` / ``removed`` the difference.
    """

    field: str
    change: Literal["changed", "not_reported"] = "changed"
    missing_on: Side | None = None
    old: Any
    new: Any
    added: list[Any] = Field(default_factory=list)
    removed: list[Any] = Field(default_factory=list)


class OfficialChange(_Out):
    """An official who appeared, disappeared or changed (title, spelling); or who is on one side only
    while the other side does not report officials fully (``not_reported``, ``missing_on``)."""

    change: Literal["appeared", "disappeared", "changed", "not_reported"]
    missing_on: Side | None = None
    person_id: str | None
    old_name: str | None
    new_name: str | None
    old_title: str | None
    new_title: str | None
    country: str | None
    notes: list[str]
    old_documents: list[str]
    new_documents: list[str]


class MatchScore(_Out):
    """How well two commitments align (each part 0..1; null when neither side has that part)."""

    score: float
    sectors: float | None
    objects: float | None
    action: float


class CommitmentChange(_Out):
    """A commitment new, carried over, changed (deadline, modality), dropped; or on one side only while the
    other side does not report commitments fully (``not_reported``, ``missing_on``)."""

    change: Literal["new", "changed", "carried_over", "dropped", "not_reported"]
    missing_on: Side | None = None
    action: str
    old_action: str | None
    new_action: str | None
    score: float | None
    match: MatchScore | None = None
    actors: list[str]
    sectors: list[str]
    objects: list[str] = Field(default_factory=list)
    old_deadline: str | None
    new_deadline: str | None
    old_modality: str | None
    new_modality: str | None
    notes: list[str]
    old_evidence: list[str]
    new_evidence: list[str]
    old_documents: list[str]
    new_documents: list[str]


class SideDocument(_Out):
    """A document of one side: how it speaks of the edition and what it reports of it."""

    name: str
    doc_id: str
    status: Literal["reported", "planned", "referenced"] | None
    published: str | None
    lang: str | None
    officials: int
    commitments: int


class SideCoverage(_Out):
    """What a side's documents cover: ``reported`` (a document reporting the edition lists them),
    ``partial`` (only previews or passing references do), ``not_reported`` (no document does)."""

    officials: Coverage
    commitments: Coverage


class EditionRef(_Out):
    """One side of a series diff: an edition (or a year) and the documents that speak of it."""

    key: str
    edition: int | None
    year: int | None
    event_id: str
    status: Literal["reported", "planned", "referenced"] | None
    documents: list[SideDocument]
    coverage: SideCoverage


class Alignment(_Out):
    """How commitments were aligned: weighted parts of :class:`MatchScore`, and the lowest score kept."""

    threshold: float
    sectors: float
    objects: float
    action: float


class SeriesSummary(_Out):
    fields_changed: int
    fields_not_reported: int
    officials_appeared: int
    officials_disappeared: int
    officials_changed: int
    officials_unchanged: int
    officials_not_reported: int
    commitments_new: int
    commitments_changed: int
    commitments_carried_over: int
    commitments_dropped: int
    commitments_not_reported: int


class SeriesDiff(_Out):
    """Two editions (or years) of one conference series compared."""

    mode: Literal["series"] = "series"
    schema_version: str = SCHEMA_VERSION
    series_id: str
    series_name: str | None
    series_status: Literal["known", "provisional"] = "known"
    old: EditionRef
    new: EditionRef
    alignment: Alignment
    fields: list[FieldChange]
    officials: list[OfficialChange]
    commitments: list[CommitmentChange]
    summary: SeriesSummary
    has_changes: bool


class FieldDelta(_Out):
    field: str
    old: Any
    new: Any


class EntityChange(_Out):
    change: Literal["added", "removed", "changed"]
    label: str
    start: int
    end: int
    text: str
    fields: list[FieldDelta]


class RecordChange(_Out):
    change: Literal["added", "removed", "changed"]
    record_type: str
    key: str
    fields: list[FieldDelta]


class DocDiff(_Out):
    doc_id: str
    change: Literal["added", "removed", "changed"]
    entities: list[EntityChange]
    records: list[RecordChange]


class RunsSummary(_Out):
    documents_added: int
    documents_removed: int
    documents_changed: int
    documents_unchanged: int
    entities_added: int
    entities_removed: int
    entities_changed: int
    records_added: int
    records_removed: int
    records_changed: int


class RunsDiff(_Out):
    """Two extractor runs over the same articles compared document by document."""

    mode: Literal["runs"] = "runs"
    schema_version: str = SCHEMA_VERSION
    old_path: str
    new_path: str
    documents: list[DocDiff]
    summary: RunsSummary
    has_changes: bool


DiffReport = Annotated[SeriesDiff | RunsDiff, Field(discriminator="mode")]
DIFF_ADAPTER: TypeAdapter[Any] = TypeAdapter(DiffReport)
