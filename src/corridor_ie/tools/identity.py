"""Record identity, defined once: when two records speak of the same conference edition, the same
official or the same commitment. ``consolidate``, ``diff`` and ``evaluate`` all decide sameness here.

- A **conference edition** is its series and edition number, or its series and year for a series
  numbered by year (``conference_key``, the same form as the ``event_id`` the extractor writes).
- An **official** is their ``person_id`` when known, else their name folded for matching
  (``official_key``); two officials are the same when either agrees (``same_official``).
- A **commitment** is its action at its event; two actions are the same when they are fuzzy-equal
  (rapidfuzz ``token_set_ratio`` >= ``ACTION_MATCH`` after case and punctuation folding).

Example:
    >>> conference_key("series.x", 10, 2024), conference_key("series.y", None, 2024)
    ('series.x#10', 'series.y@2024')
    >>> official_key("person.vn.a", "Nguyễn Văn A"), official_key(None, " Nguyễn  Văn A, ")
    ('id:person.vn.a', 'name:nguyễn văn a')
    >>> same_action("Đẩy mạnh hợp tác thương mại", "đẩy mạnh hợp tác thương mại, đầu tư")
    True
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rapidfuzz import fuzz, utils

#: two actions whose similarity (0-100) is at least this are one commitment
ACTION_MATCH = 85


def name_key(name: str) -> str:
    """A name folded for matching: NFC, case-folded, punctuation and extra spaces removed.

    Example:
        >>> name_key("  Hầu  A Lềnh, ")
        'hầu a lềnh'
    """
    return " ".join(utils.default_process(unicodedata.normalize("NFC", name)).split())


def ref_key(ref: dict[str, Any]) -> str:
    """The identity of a ``{"id", "name"}`` reference: its gazetteer id, else its folded name.

    Example:
        >>> ref_key({"id": None, "name": "Lào Cai"}), ref_key({"id": "vn.prov.lao-cai", "name": "x"})
        ('name:lào cai', 'id:vn.prov.lao-cai')
    """
    return f"id:{ref['id']}" if ref.get("id") else f"name:{name_key(ref['name'])}"


def conference_key(series_id: str | None, edition: int | None, year: int | None = None) -> str:
    """The identity of a conference edition: ``series#edition``, else ``series@year``, else the series.

    Example:
        >>> conference_key("series.x", None, None)
        'series.x'
    """
    series = series_id or "-"
    if edition is not None:
        return f"{series}#{edition}"
    return f"{series}@{year}" if year is not None else series


def official_key(person_id: str | None, name: str) -> str:
    """The identity of an official: ``id:PERSON_ID`` when linked, else ``name:FOLDED NAME``."""
    return f"id:{person_id}" if person_id else f"name:{name_key(name)}"


def same_official(a_person_id: str | None, a_name: str, b_person_id: str | None, b_name: str) -> bool:
    """Two officials are one person when they share a ``person_id`` or a folded name.

    Example:
        >>> same_official(None, "Lưu Minh", "person.x", "LƯU MINH"), same_official("p.a", "A", "p.b", "B")
        (True, False)
    """
    return bool(a_person_id and a_person_id == b_person_id) or name_key(a_name) == name_key(b_name)


def action_similarity(a: str, b: str) -> float:
    """rapidfuzz ``token_set_ratio`` of two actions after case and punctuation folding (0-100).

    Example:
        >>> action_similarity("nâng cấp cửa khẩu", "Nâng cấp cửa khẩu.")
        100.0
    """
    return fuzz.token_set_ratio(a, b, processor=utils.default_process)


def same_action(a: str, b: str, threshold: float = ACTION_MATCH) -> bool:
    """Two actions are one commitment when their similarity is at least ``threshold``."""
    return action_similarity(a, b) >= threshold


def record_key(record: Any) -> str:
    """A short identity of a record within its document: the event id of a conference,
    ``person@event`` of an official, ``action@event`` of a commitment, ``article`` otherwise.

    Example:
        >>> from corridor_ie.records import OfficialRecord
        >>> record_key(OfficialRecord(doc_id="d", name="Lưu Minh", person_id=None, event_id="s#9"))
        'Lưu Minh@s#9'
    """
    kind = getattr(record, "record_type", None)
    if kind == "conference":
        return record.event_id
    if kind == "official":
        return f"{record.person_id or record.name}@{record.event_id or '-'}"
    if kind == "commitment":
        return f"{record.action}@{record.event_id or '-'}"
    return "article"


def doc_name(url: str | None, path: str | None, doc_id: str) -> str:
    """How a document is named to people: its URL, else its path, else its id.

    Example:
        >>> doc_name(None, "examples/vi/a.txt", "9f2c")
        'examples/vi/a.txt'
    """
    return url or path or doc_id
