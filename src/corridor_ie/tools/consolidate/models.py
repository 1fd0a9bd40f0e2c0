"""The consolidated view of a conference edition (``record_type: "event"``) and its parts."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from corridor_ie import SCHEMA_VERSION


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

