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


class RecordsTable(Table):
    """``data/events.toml``."""

    attendance: Attendance = Attendance()
    officials: OfficialSettings = OfficialSettings()

    @property
    def attendance_units(self) -> frozenset[str]:
        return frozenset(self.attendance.units)

    @property
    def org_kinds(self) -> tuple[str, ...]:
        return tuple(self.officials.org_kinds)
