"""The record builders' language-neutral settings (``data/events.toml``)."""

from __future__ import annotations

from pydantic import Field

from ..lang.tables import CountUnit
from ..tables import Table


class Attendance(Table):
    units: list[CountUnit] = Field(default_factory=list)  # QUANTITY units that count attendance


class OfficialSettings(Table):
    # gazetteer organisation kinds, most telling first: of several offices written after a name, the
    # one whose organisation ranks first gives ``organization``
    org_kinds: list[str] = Field(default_factory=list)


class MechanismKinds(Table):
    cross_border: list[str] = Field(default_factory=list)  # mechanisms that are cross-border by what they are
    generic: list[str] = Field(default_factory=list)  # mechanisms that only say what kind of meeting it is
    related: list[list[str]] = Field(default_factory=list)  # groups of mechanisms close enough to share a series
    event_types: list[str] = Field(default_factory=list)  # a head noun of one of these names the mechanism
    numbered_only: list[str] = Field(default_factory=list)  # a conference of one only with an edition number
    people: list[str] = Field(default_factory=list)  # mechanisms whose words name people, never the meeting


class RecordsTable(Table):
    """``data/events.toml``."""

    attendance: Attendance = Attendance()
    officials: OfficialSettings = OfficialSettings()
    mechanisms: dict[str, str] = Field(default_factory=dict)  # key -> what it covers; most specific first
    mechanism_kinds: MechanismKinds = MechanismKinds()

    @property
    def attendance_units(self) -> frozenset[str]:
        return frozenset(self.attendance.units)

    @property
    def org_kinds(self) -> tuple[str, ...]:
        return tuple(self.officials.org_kinds)
