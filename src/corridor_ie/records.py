"""The output contract: pydantic models for every JSON Lines record (see docs in ``shared/docs/RECORDS.md``).

Every record is validated by its model before it is written; ``corridor-ie schema`` prints the JSON
Schema generated from these models.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from . import SCHEMA_VERSION

ISO_PARTIAL = r"^\d{4}(-\d{2}(-\d{2})?)?$"
#: a conference date: an ISO partial date, or a day whose year the text does not give (ISO 8601 "--MM-DD")
ISO_DAY_OR_PARTIAL = r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$"
ISO_VALUE = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(_Model):
    """A span of the article text: ``article.text[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Ref(_Model):
    """A gazetteer entry: ``name`` is the canonical Vietnamese name; ``id`` null when not in a gazetteer."""

    id: str | None
    name: str


class SourceInfo(_Model):
    path: str
    url: str | None = None


class Entity(_Model):
    label: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    id: str | None = None
    value: Any = None
    method: str = "gazetteer"  # gazetteer | fuzzy | ascii | pattern | cue
    score: float = 1.0
    reading: str | None = None  # Sino-Vietnamese reading of a Chinese name (PERSON in Hanzi)


class _Record(_Model):
    schema_version: str = SCHEMA_VERSION
    doc_id: str


class Relevance(_Model):
    """Why a page was (or was not) taken as being about the corridor (``gazetteer/relevance.py``): for a
    relevant page the entities that make it so, ``role:entry id`` ("border_place:vn.prov.lao-cai",
    "gate_pair:pair.…", "series:…", "official:…", or a "vn_place:…" and a "cn_place:…" together); for an
    unrelated one where it was decided ("screen: no corridor name in the page", "no corridor entity")
    and what it named instead ("country:country.cn")."""

    relevant: bool
    reasons: list[str] = Field(default_factory=list)


class Candidate(_Model):
    """A gazetteer entry a mention was compared with but not linked to, and its score (0..1)."""

    id: str
    name: str
    score: float


class ArticleRecord(_Record):
    record_type: Literal["article"] = "article"
    source: SourceInfo
    lang: str
    title: str | None = None
    published: str | None = Field(default=None, pattern=ISO_PARTIAL)
    byline: str | None = None  # author / agency line read out of the scrape
    sitename: str | None = None
    text: str
    captions: list[str] = Field(default_factory=list)
    relevant: bool = True  # False when no corridor entity was found and the expensive stages were skipped
    relevance: Relevance | None = None  # the reasons behind ``relevant``
    paragraph_langs: list[dict[str, Any]] = Field(default_factory=list)  # {"start","end","lang"}: lines in another language
    entities: list[Entity] = Field(default_factory=list)
    removed: list[dict[str, str]] = Field(default_factory=list)  # what the cleaner removed: kind, text, reason
    gazetteer_version: str | None = None
    pipeline: str | None = None
    # how many records the document has, this one included (1.2): a reader (--resume) can tell a document
    # whose records were all written from one cut short
    record_count: int | None = Field(default=None, ge=1)


class ConferenceRecord(_Record):
    record_type: Literal["conference"] = "conference"
    event_id: str
    series_id: str | None
    series_name: str | None
    series_status: Literal["known", "provisional"] = "known"  # a gazetteer series, or one read from the text
    edition: int | None = Field(default=None, ge=1)
    status: Literal["reported", "planned", "referenced"]
    host: Ref | None = None
    location: Ref | None = None
    start_date: str | None = Field(default=None, pattern=ISO_DAY_OR_PARTIAL)  # "--10-12": no year stated
    end_date: str | None = Field(default=None, pattern=ISO_DAY_OR_PARTIAL)
    year: int | None = None
    format: Literal["in_person", "online", "hybrid"] | None = None
    attendance: list[dict[str, Any]] = Field(default_factory=list)  # {"value", "unit", "qualifier", "text"}
    members: list[Ref] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    statement: str | None = None  # for referenced editions: what the sentence says about them
    evidence: list[Evidence] = Field(default_factory=list)


class OfficialRecord(_Record):
    record_type: Literal["official"] = "official"
    name: str
    person_id: str | None
    link: Literal["exact", "fuzzy", "ascii", "none"] = "none"
    candidates: list[Candidate] = Field(default_factory=list)  # entries considered but not linked
    title: str | None = None
    organization: str | None = None
    jurisdiction: Ref | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    event_id: str | None = None
    roles: list[Literal["chaired", "spoke", "reported", "signed", "attended", "hosted"]] = Field(
        default_factory=list
    )
    evidence: list[Evidence] = Field(default_factory=list)


class CommitmentRecord(_Record):
    record_type: Literal["commitment"] = "commitment"
    event_id: str | None = None
    actors: list[Ref] = Field(default_factory=list)
    action: str
    sectors: list[str] = Field(default_factory=list)
    objects: list[Ref] = Field(default_factory=list)
    deadline: str | None = Field(default=None, pattern=ISO_PARTIAL)
    modality: Literal["agreed", "proposed", "requested", "completed"] | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class ErrorRecord(_Model):
    """One line of the errors file: a document that could not be processed."""

    record_type: Literal["error"] = "error"
    schema_version: str = SCHEMA_VERSION
    doc_id: str | None = None
    location: str
    stage: str
    code: str
    reason: str

    @field_validator("reason")
    @classmethod
    def _one_line(cls, v: str) -> str:
        return re.sub(r"\s+", " ", v).strip()


Record = Annotated[
    ArticleRecord | ConferenceRecord | OfficialRecord | CommitmentRecord,
    Field(discriminator="record_type"),
]
RECORD_ADAPTER: TypeAdapter[Any] = TypeAdapter(Record)
RECORD_MODELS = (ArticleRecord, ConferenceRecord, OfficialRecord, CommitmentRecord)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of every record type (a discriminated union on ``record_type``)."""
    schema = RECORD_ADAPTER.json_schema()
    schema["title"] = f"corridor-ie records, schema_version {SCHEMA_VERSION}"
    return schema
