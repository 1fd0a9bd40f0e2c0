"""The consolidated view of a conference edition (``record_type: "event"``) and its parts.

Documents are named for people: by URL when the article has one, else by its path (``file#n`` for the
n-th item of a JSONL or WARC file). ``sources`` lists every document with its ``doc_id``, so a view can
be joined back to the records.

A single-valued field is a :class:`Chosen`: the chosen ``value`` with its support and documents, and the
``alternatives`` other documents report. A set-valued field (members, topics, sectors, …) is a list of
:class:`Reported` items, each with its documents.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from corridor_ie import SCHEMA_VERSION

Status = Literal["reported", "planned", "referenced"]


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reported(_View):
    """One reported value and who reported it; ``support`` counts duplicate groups, not copies."""

    value: Any
    support: int
    documents: list[str]


class Chosen(_View):
    """A field's chosen value (the best supported; ties: the more specific, then the more recent source)
    and the alternatives reported by other documents. ``value`` is null when no document states it."""

    value: Any = None
    support: int = 0
    documents: list[str] = Field(default_factory=list)
    alternatives: list[Reported] = Field(default_factory=list)


class SourceDoc(_View):
    """A document that speaks of the event, and how (its conference record's ``status``)."""

    name: str
    doc_id: str
    url: str | None = None
    path: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    status: Status | None = None  # None: the document has officials or commitments of the event only
    duplicate_of: str | None = None  # the name of the document it is a syndicated copy of


class DocEvidence(_View):
    """An evidence span of one document (offsets into that document's ``article.text``)."""

    document: str
    start: int
    end: int
    text: str


class OfficialView(_View):
    """One person across the reports of an event."""

    person_id: str | None
    name: Chosen
    title: Chosen
    organization: Chosen
    jurisdiction: Chosen
    country: Chosen
    roles: list[Reported]
    documents: list[str]
    support: int
    evidence: list[DocEvidence]


class CommitmentView(_View):
    """One commitment (actions fuzzy-equal) across the reports of an event."""

    action: Chosen
    actors: list[Reported]
    sectors: list[Reported]
    objects: list[Reported]
    deadline: Chosen
    modality: Chosen
    documents: list[str]
    support: int
    evidence: list[DocEvidence]


class EventView(_View):
    """One conference edition (or year) as reported by every document that mentions it."""

    record_type: Literal["event"] = "event"
    schema_version: str = SCHEMA_VERSION
    event_id: str
    series_id: str | None
    series_name: str | None
    series_status: Literal["known", "provisional"] = "known"
    edition: int | None = Field(default=None, ge=1)
    year: int | None = None
    status: Status | None = None  # the strongest any document gives: reported > planned > referenced
    sources: list[SourceDoc]
    reported_in: list[str]
    planned_in: list[str]
    referenced_in: list[str]
    host: Chosen
    location: Chosen
    start_date: Chosen
    end_date: Chosen
    format: Chosen
    attendance: list[Chosen]  # one per unit (đại biểu, doanh nghiệp, …)
    members: list[Reported]
    documents: list[Reported]
    topics: list[Reported]
    officials: list[OfficialView]
    commitments: list[CommitmentView]
