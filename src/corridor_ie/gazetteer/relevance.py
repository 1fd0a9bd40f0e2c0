"""What makes a page about the Vietnam–China corridor, decided from gazetteer entries alone.

Each entry gets one *role* from its data (type, ``country``, the border gates that lie in it):

============== ==================================================================================
role           entries
============== ==================================================================================
border_gate    every ``border_gate``
gate_pair      every ``gate_pair``
series         every conference ``series``
official       every ``person`` (the gazetteer keeps the corridor's officials)
border_place   a province, prefecture or district on the border: a border gate lies in it (the
               gate's ``parent`` chain, or its ``province_pre2025`` / ``district_pre2025``); a
               ``place`` (town, zone, bridge) inside such a unit; ``attrs.border`` (true/false)
               on any of these entries overrides both
vn_place       any other place (province, prefecture, district, place) with ``country: VN``
cn_place       the same with ``country: CN``
country        a ``country``: named in the reasons, never enough on its own
============== ==================================================================================

A page is relevant when it names at least one entity of the first five roles, or a Vietnamese and a
Chinese place together. Organisations, titles and countries never make a page relevant: "sales in
China" or "tiếng Trung Quốc" is not about the corridor. ``decide`` gives the verdict and its reasons,
``role:entry id`` strings; the screen before extraction, the prefilter and the tag stage all decide
with it, from the roles compiled into the gazetteer tables (``compiled.py``).

>>> decide([("country", "country.cn"), ("vn_place", "vn.prov.ha-noi")])
(False, ('no corridor entity', 'vn_place:vn.prov.ha-noi', 'country:country.cn'))
>>> decide([("vn_place", "vn.prov.ha-noi"), ("cn_place", "cn.prov.beijing"), ("country", "country.cn")])
(True, ('vn_place:vn.prov.ha-noi', 'cn_place:cn.prov.beijing'))
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Entry

#: roles that make a page relevant on their own
CORRIDOR_ROLES = ("border_gate", "gate_pair", "series", "official", "border_place")
#: roles that make a page relevant together (one of each side)
SIDE_ROLES = ("vn_place", "cn_place")
#: every role, in the order reasons are listed
ROLES = (*CORRIDOR_ROLES, *SIDE_ROLES, "country")

#: bits of a compiled name: what the entries sharing it can be (a name may name several entries)
CORRIDOR, VN_SIDE, CN_SIDE, COUNTRY = 1, 2, 4, 8
BITS = {**dict.fromkeys(CORRIDOR_ROLES, CORRIDOR), "vn_place": VN_SIDE, "cn_place": CN_SIDE, "country": COUNTRY}

#: entry types whose role is their type (or "official")
_OWN_ROLE = {"border_gate": "border_gate", "gate_pair": "gate_pair", "series": "series", "person": "official"}
_PLACE_TYPES = frozenset({"province", "prefecture", "district", "place"})
_SIDE = {"VN": "vn_place", "CN": "cn_place"}

NO_ENTITY = "no corridor entity"


def border_units(entries: dict[str, Entry]) -> frozenset[str]:
    """Ids of the units a border gate lies in (every level up its ``parent`` chain, and the pre-2025
    province and district a Vietnamese gate records), the ``place`` entries inside those, and places
    marked ``attrs.border: true``; places marked ``attrs.border: false`` are left out."""

    def chain(entry_id: str | None) -> list[str]:
        out: list[str] = []
        while entry_id and entry_id not in out and entry_id in entries:
            out.append(entry_id)
            entry_id = entries[entry_id].parent
        return out

    found: set[str] = set()
    for e in entries.values():
        if e.type == "border_gate":
            for start in (e.parent, e.attrs.get("province_pre2025"), e.attrs.get("district_pre2025")):
                if isinstance(start, str):
                    found.update(chain(start))
    found = {i for i in found if entries[i].type in _PLACE_TYPES}
    found |= {e.id for e in entries.values() if e.type == "place" and any(p in found for p in chain(e.parent))}
    for e in entries.values():
        flag = e.attrs.get("border")
        if isinstance(flag, bool) and e.type in _PLACE_TYPES:
            (found.add if flag else found.discard)(e.id)
    return frozenset(found)


def entry_roles(entries: dict[str, Entry]) -> dict[str, str]:
    """The role of every entry that has one (organisations and titles have none)."""
    border = border_units(entries)
    roles: dict[str, str] = {}
    for e in entries.values():
        if e.type in _OWN_ROLE:
            roles[e.id] = _OWN_ROLE[e.type]
        elif e.type in _PLACE_TYPES and e.id in border:
            roles[e.id] = "border_place"
        elif e.type in _PLACE_TYPES and e.country in _SIDE:
            roles[e.id] = _SIDE[e.country]
        elif e.type == "country":
            roles[e.id] = "country"
    return roles


def qualifies(bits: int) -> bool:
    """Whether names with these role bits (OR-ed) can make a page relevant."""
    return bool(bits & CORRIDOR) or (bits & (VN_SIDE | CN_SIDE)) == VN_SIDE | CN_SIDE


def decide(found: Iterable[tuple[str, str]], negative: str = NO_ENTITY) -> tuple[bool, tuple[str, ...]]:
    """The verdict on a page that names the entities ``found`` (``(role, entry id)`` pairs) and its
    reasons: the corridor entities (or the two places) that make it relevant, else ``negative``
    followed by what it did name."""
    seen = sorted({(ROLES.index(r), f"{r}:{i}") for r, i in found if r in BITS})
    corridor = [s for k, s in seen if ROLES[k] in CORRIDOR_ROLES]
    if corridor:
        return True, tuple(corridor)
    sides = [s for k, s in seen if ROLES[k] in SIDE_ROLES]
    if {s.split(":", 1)[0] for s in sides} == set(SIDE_ROLES):
        return True, tuple(sides)
    return False, (negative, *(s for _, s in seen))
