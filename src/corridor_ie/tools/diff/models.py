"""The diff reports: a :class:`SeriesDiff` (two editions) or a :class:`RunsDiff` (two runs), told apart by
``mode``; ``DIFF_ADAPTER`` validates either (``DIFF_ADAPTER.validate_json(text)``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from corridor_ie import SCHEMA_VERSION


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldChange(_Out):
    """A conference field whose (most supported) value differs between editions.

    Scalars (host, location, dates, format): ``old``/``new`` are the values, ``added``/``removed`` empty.
    Sets (members, documents, topics) and attendance (one item per unit): ``old``/``new`` are lists and
    ``added``/``removed`` hold the difference.
    """

    field: str
    old: Any
    new: Any
    added: list[Any] = Field(default_factory=list)
    removed: list[Any] = Field(default_factory=list)


class OfficialChange(_Out):
    change: Literal["appeared", "disappeared", "changed"]
    person_id: str | None
    old_name: str | None
    new_name: str | None
    old_title: str | None
    new_title: str | None
    country: str | None
    notes: list[str]
    old_documents: list[str]
    new_documents: list[str]


class CommitmentChange(_Out):
    change: Literal["new", "changed", "carried_over", "dropped"]
    action: str
    old_action: str | None
    new_action: str | None
    score: float | None
    actors: list[str]
    sectors: list[str]
    old_deadline: str | None
    new_deadline: str | None
    old_modality: str | None
    new_modality: str | None
    notes: list[str]
    old_evidence: list[str]
    new_evidence: list[str]
    old_documents: list[str]
    new_documents: list[str]


class EditionRef(_Out):
    edition: int
    event_id: str
    documents: list[str]


class SeriesSummary(_Out):
    fields_changed: int
    officials_appeared: int
    officials_disappeared: int
    officials_changed: int
    officials_unchanged: int
    commitments_new: int
    commitments_changed: int
    commitments_carried_over: int
    commitments_dropped: int


class SeriesDiff(_Out):
    """Two editions of one conference series compared."""

    mode: Literal["series"] = "series"
    schema_version: str = SCHEMA_VERSION
    series_id: str
    series_name: str | None
    old: EditionRef
    new: EditionRef
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
