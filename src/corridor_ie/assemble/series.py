"""Which series a conference belongs to: a gazetteer series named or recognised by its mechanism and
participants, else a provisional series read from the text.

- **Known.** A gazetteer SERIES named inside the conference name wins. Else a series whose names (in any
  language) word the name's mechanism and whose members agree with the named participants: two or more
  members named and at most one other place, or every named place a member; a mechanism that only one
  series has links with no place named (``the 5th Annual Conference of Party Secretaries``). A
  mechanism that only says what kind of meeting it is ("hội nghị", 会议, "conference") never links on
  its own; a related mechanism (``data/events.toml [mechanism_kinds] related``) links when three or more
  members agree. A kind of event ("hội chợ", 论坛, "summit") needs a named member to link.
- **Provisional.** Else ``series.prov.<mechanism>.<participant ids, sorted, joined by "+">``, the same in
  every document and language that names the same mechanism with the same participants. A country is
  dropped when a place inside it is named ("4 tỉnh của Việt Nam và tỉnh Vân Nam" keeps Việt Nam).

>>> provisional_id("joint-working-group", ["vn.prov.lao-cai", "cn.prov.yunnan"])
'series.prov.joint-working-group.cn.prov.yunnan+vn.prov.lao-cai'
>>> provisional_id("forum", [])
'series.prov.forum'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..gazetteer.store import Gazetteer
from ..lang.cues import EventCues
from .tables import RecordsTable

ADMIN_TYPES = frozenset({"province", "prefecture", "district"})


def provisional_id(mechanism: str, participants: Iterable[str]) -> str:
    """The id of a series the gazetteer does not know, from its mechanism and participants."""
    ids = sorted(set(participants))
    return f"series.prov.{mechanism}" + (f".{'+'.join(ids)}" if ids else "")


def normalise_participants(ids: Iterable[str], gaz: Gazetteer) -> tuple[str, ...]:
    """Participants with a country dropped when a place inside it is named too; a border gate stands for
    its town, a body of one side ("UBND") is none."""
    ids = {_town_of(i, gaz) for i in ids}
    inner = set()
    for i in ids:
        e = gaz.get(i)
        if e is not None and e.type != "country" and e.country:
            inner.add(e.country)
    out = []
    for i in ids:
        e = gaz.get(i)
        if e is not None and e.type == "country" and e.country in inner:
            continue
        if e is not None and e.type == "org" and e.attrs.get("kind") != "international":
            continue  # a body of one side ("UBND") is no participant
        out.append(i)
    return tuple(sorted(out))


def _town_of(i: str, gaz: Gazetteer) -> str:
    e = gaz.get(i)
    if e is None or e.type != "border_gate":
        return i
    town = e.attrs.get("district_pre2025") or e.parent
    return town if isinstance(town, str) and gaz.get(town) is not None else i


def countries_of(ids: Iterable[str], gaz: Gazetteer) -> set[str]:
    """The countries of the participants (an international body counts as a party of its own)."""
    out = set()
    for i in ids:
        e = gaz.get(i)
        if e is None:
            if i.startswith("scope."):  # a partner region ("南亚", "ASEAN"): a party of its own
                out.add(i)
            continue
        if e.country:
            out.add(e.country)
        elif e.type == "org" and e.attrs.get("kind") == "international":
            out.add(i)
    return out


def name_mechanism(name: str, cues: EventCues, rank: dict[str, int], event_types: frozenset[str]) -> str | None:
    """The mechanism a series name words: a kind of event it starts or ends with ("Diễn đàn …", "…论坛"),
    else its most specific mechanism."""
    found = [(k, m.start(), m.end()) for k, p in cues.mechanisms if k in rank for m in p.finditer(name)]
    if not found:
        return None
    lead = [k for k, a, b in found if k in event_types and (not name[:a].strip() or not name[b:].strip(" ')’"))]
    return lead[0] if lead else min(found, key=lambda f: rank[f[0]])[0]


@dataclass(frozen=True, eq=False)
class SeriesIndex:
    """The gazetteer's series by the mechanisms their names word (built once per pipeline)."""

    mechanisms: dict[str, frozenset[str]]  # series id -> mechanism keys its names word
    members: dict[str, frozenset[str]]  # its members and the international bodies its names name
    generic: frozenset[str]
    related: tuple[frozenset[str], ...]
    event_types: frozenset[str] = frozenset()
    primary: dict[str, str] = field(default_factory=dict)  # series id -> the mechanism most of its names word

    @classmethod
    def build(cls, gaz: Gazetteer, cues: Iterable[EventCues], table: RecordsTable) -> SeriesIndex:
        """``cues``: the event cues of every language (a series' names are read in each of them)."""
        cues = list(cues)
        rank = {k: i for i, k in enumerate(table.mechanisms)}
        types = frozenset(table.mechanism_kinds.event_types)
        mechs: dict[str, frozenset[str]] = {}
        primary: dict[str, str] = {}
        members: dict[str, frozenset[str]] = {}
        bodies_of = [e for e in gaz.of_type("org") if e.attrs.get("kind") == "international"]
        for e in gaz.entries.values():
            if e.type != "series":
                continue
            found = [k for _, name in e.all_names() for c in cues if (k := name_mechanism(name, c, rank, types))]
            mechs[e.id] = frozenset(found)
            if found:  # the mechanism most of its names word: the only one that names it alone
                primary[e.id] = max(sorted(set(found), key=rank.__getitem__), key=found.count)
            names = [n.casefold() for _, n in e.all_names()]
            bodies = {b.id for b in bodies_of if any(x.casefold() in n for _, x in b.all_names() for n in names)}
            members[e.id] = frozenset(e.members) | bodies
        kinds = table.mechanism_kinds
        return cls(mechs, members, frozenset(kinds.generic), tuple(frozenset(g) for g in kinds.related), types,
                   primary)

    def resolve(self, mechanisms: tuple[str, ...], participants: Iterable[str], gaz: Gazetteer) -> str | None:
        """The gazetteer series a conference with these mechanisms and participants belongs to, or None."""
        if not mechanisms or mechanisms[0] in self.generic:
            return None
        top = mechanisms[0]
        admin, other = set(), set()
        for i in participants:
            e = gaz.get(i)
            if e is not None and e.type in ADMIN_TYPES:
                admin.add(i)
            elif e is None or e.type != "country":
                other.add(i)
        return self._resolve(top, admin, other)

    def _resolve(self, top: str, admin: set[str], other: set[str]) -> str | None:
        if other:  # a river, a region or a body: only a series whose names name it
            fits = [s for s, ks in self.mechanisms.items() if top in ks and other <= self.members[s]]
            return self._best(fits, admin, need=1, alone=True) if fits else None
        found = self._best([s for s, ks in self.mechanisms.items() if top in ks], admin, need=1)
        if found is None and not admin and top not in self.event_types:
            # no place named: only the body a series is mostly named by ("the Joint Working Committee")
            alone = [s for s, k in self.primary.items() if k == top]
            found = alone[0] if len(alone) == 1 else None
        if found is None:
            related = set().union(*(g for g in self.related if top in g)) - {top}
            found = self._best([s for s, ks in self.mechanisms.items() if ks & related], admin, need=3)
        return found

    def _best(self, candidates: list[str], admin: set[str], need: int, alone: bool = False) -> str | None:
        if not candidates:
            return None
        if not admin:  # only a body's own mechanism names it alone ("the Joint Working Committee"), not a kind
            return candidates[0] if len(candidates) == 1 and alone else None  # of event ("a summit")
        scored = []
        for s in candidates:
            overlap = len(admin & self.members[s])
            extra = len(admin - self.members[s])
            ok = overlap >= max(need, 2) and extra <= 1 or overlap >= need and extra == 0
            if ok:
                scored.append((overlap, -extra, s))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
            return None  # two series fit equally well
        return scored[0][2]
