"""The gazetteer entry schema: one JSON object per line in ``gazetteers/*.jsonl``.

Example line (a province that was merged on 2025-07-01)::

    {"id": "vn.prov.ha-giang", "type": "province", "country": "VN",
     "names": {"vi": "Hà Giang", "zh": "河江", "zh_hant": "河江", "en": "Ha Giang"},
     "aliases": {"vi": ["tỉnh Hà Giang"], "en": ["Ha Giang province"]},
     "valid_to": "2025-06-30", "successor": "vn.prov.tuyen-quang"}
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

EntryType = Literal[
    "country",
    "province",  # Vietnamese province / centrally governed city; Chinese province / autonomous region
    "prefecture",  # Chinese prefecture-level city or autonomous prefecture
    "district",  # Vietnamese district / town / city below the province (pre-2025), Chinese county
    "place",  # any other named place (river, commune, economic zone, airport)
    "border_gate",
    "gate_pair",
    "person",
    "org",
    "title",
    "series",
]

#: Which mention label each entry type produces.
LABEL_OF_TYPE: dict[str, str] = {
    "country": "PLACE",
    "province": "PLACE",
    "prefecture": "PLACE",
    "district": "PLACE",
    "place": "PLACE",
    "border_gate": "BORDER_GATE",
    "gate_pair": "BORDER_GATE_PAIR",
    "person": "PERSON",
    "org": "ORG",
    "title": "TITLE",
    "series": "SERIES",
}

ID_PATTERN = r"^[a-z]{2,}(\.[a-z0-9-]+)+$"


class Names(BaseModel):
    """Canonical names per language. ``vi`` is the canonical display name."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    vi: str | None = None
    zh: str | None = None  # simplified
    zh_hant: str | None = None  # traditional
    en: str | None = None


class Position(BaseModel):
    """An office a person held: title as usually written, organisation, jurisdiction entry id."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    org: str | None = None
    jurisdiction: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    source: str | None = None


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    type: EntryType
    names: Names
    aliases: dict[Literal["vi", "zh", "zh_hant", "en"], list[str]] = Field(default_factory=dict)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    parent: str | None = None  # id of the containing unit (province of a district, province of a gate)
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None  # id of the entry that replaced this one (province mergers)
    gates: list[str] | None = None  # gate_pair only: [vietnamese gate id, chinese gate id]
    level: Literal["international", "main", "secondary", "crossing", "opening", "clearance_route"] | None = None
    positions: list[Position] = Field(default_factory=list)  # person only
    members: list[str] = Field(default_factory=list)  # series only: member province ids
    attrs: dict[str, str | int | float | bool | list[str]] = Field(default_factory=dict)
    # where the entry's facts come from: the URL of a page, or a document id ("seed:<stem>",
    # "examples/<path>"); several separated by " ; ". Every person needs one (the validator says so)
    source: str | None = None
    note: str | None = None

    @field_validator("aliases")
    @classmethod
    def _no_empty_alias(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for lang, names in v.items():
            for n in names:
                if not n.strip():
                    raise ValueError(f"empty alias in aliases.{lang}")
        return v

    @property
    def canonical(self) -> str:
        """The display name: Vietnamese first, then English, Chinese."""
        return self.names.vi or self.names.en or self.names.zh or self.id

    def all_names(self) -> list[tuple[str, str]]:
        """Every (language, surface form) this entry can be written as, names first."""
        out: list[tuple[str, str]] = []
        for lang in ("vi", "zh", "zh_hant", "en"):
            n = getattr(self.names, lang)
            if n:
                out.append((lang, n))
        for lang, names in self.aliases.items():
            out.extend((lang, n) for n in names)
        return out

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        if self.valid_to and day > self.valid_to:
            return False
        return True
