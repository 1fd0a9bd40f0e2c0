"""A person must not be named like a place, an organisation, a series (or a gate, a title): such an
entry turns every mention of that place into an official.

``name_clash`` says why a new or edited entry is refused (or None when it is fine); ``gazetteer add``,
``gazetteer alias`` and ``gazetteer apply`` call it before writing, and ``--force`` skips it for the
rare real case (a person who shares a name with a town).

Example:
    >>> from corridor_ie.gazetteer.model import Entry
    >>> city = Entry(id="vn.prov.ha-noi", type="province", names={"vi": "Hà Nội"})
    >>> person = Entry(id="person.vn.ha-noi", type="person", names={"vi": "Hà  nội"})
    >>> name_clash(person, [city])
    "person name 'Hà  nội' is also the name of province 'vn.prov.ha-noi' (Hà Nội)"
    >>> name_clash(city, [person]) is None  # only persons are checked
    True
"""

from __future__ import annotations

from collections.abc import Iterable

from corridor_ie.errors import GazetteerError
from corridor_ie.gazetteer.model import Entry

from .validate import match_key

#: entry types a person's name must not share (every type but person)
NOT_A_PERSON = ("country", "province", "prefecture", "district", "place", "border_gate", "gate_pair", "org",
                "title", "series")


class NameClash(GazetteerError):
    """A write refused because a person would be named like another kind of entry."""


FORCE_HINT = "a person named like a place turns the place into an official; use --force only if both are right"


def name_clash(entry: Entry, others: Iterable[Entry]) -> str | None:
    """Why ``entry`` (a person) clashes with one of ``others`` (a name or alias shared with a place,
    organisation, series, gate or title, compared as the matcher compares names), or None."""
    if entry.type != "person":
        return None
    mine = {match_key(n): n for _, n in entry.all_names() if match_key(n)}
    for other in others:
        if other.type not in NOT_A_PERSON or other.id == entry.id:
            continue
        for _, name in other.all_names():
            key = match_key(name)
            if key in mine:
                return (f"person name '{mine[key]}' is also the name of {other.type} '{other.id}'"
                        f" ({other.canonical})")
    return None


def refuse_clash(entry: Entry, others: Iterable[Entry], force: bool = False) -> None:
    """Raise ``NameClash`` (a refused write: exit 1 on the command line) when ``name_clash`` finds one, unless ``force``."""
    why = None if force else name_clash(entry, others)
    if why:
        raise NameClash(f"refused: {why}", hint=FORCE_HINT)
