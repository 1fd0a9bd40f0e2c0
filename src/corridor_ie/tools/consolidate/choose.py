"""Choosing one value per field among what the documents report.

The chosen value is the best supported (``support``: distinct duplicate groups reporting it, so ten
syndicated copies count once); ties are broken by the more specific value (a full date over a month, a
reference with a gazetteer id over a bare name, the longer title or name), then by the more recent source
(the latest ``published`` date among the documents that report it), then by the value's text so the
choice is stable. Every other value is kept as an alternative with its documents.

Example:
    >>> docs = Documents({"a": DocInfo("a.txt", "2023-11-13"), "b": DocInfo("b.txt", "2023-11-14")})
    >>> v = Values()
    >>> v.add("2023-11", "2023-11", "a"); v.add("2023-11-13", "2023-11-13", "b")
    >>> c = v.chosen(docs)
    >>> c.value, c.documents, [a.value for a in c.alternatives]
    ('2023-11-13', ['b.txt'], ['2023-11'])
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .models import Chosen, Reported

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class DocInfo:
    """What a view needs to know about a document: its name (URL or path) and publication date."""

    name: str
    published: str | None = None
    rep: str | None = None  # doc_id of the representative of its duplicate group (None: itself)


class Documents:
    """The documents of one event, by ``doc_id``: names, dates and duplicate groups."""

    def __init__(self, info: dict[str, DocInfo]) -> None:
        self.info = info

    def name(self, doc_id: str) -> str:
        d = self.info.get(doc_id)
        return d.name if d else doc_id

    def rep(self, doc_id: str) -> str:
        d = self.info.get(doc_id)
        return d.rep or doc_id if d else doc_id

    def support(self, doc_ids: Iterable[str]) -> int:
        return len({self.rep(d) for d in doc_ids})

    def names(self, doc_ids: Iterable[str]) -> list[str]:
        return sorted({self.name(d) for d in doc_ids})

    def latest(self, doc_ids: Iterable[str]) -> str:
        return max((self.info[d].published or "" for d in doc_ids if d in self.info), default="")


def canonical(value: Any) -> str:
    """A value as sorted-key JSON: equal values give equal strings."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def specificity(value: Any) -> tuple[int, int]:
    """How much a value says, for breaking ties (higher is more specific).

    Example:
        >>> specificity("2023-11-13") > specificity("2023-11"), specificity({"id": "x", "name": "A"}) > specificity(
        ...     {"id": None, "name": "A"}), specificity("Phó Chủ tịch UBND tỉnh") > specificity("Phó Chủ tịch")
        (True, True, True)
    """
    if isinstance(value, str) and _ISO.match(value):
        return value.count("-") + 1, 0
    if isinstance(value, dict) and "name" in value:
        return int(bool(value.get("id"))), len(str(value.get("name") or "").split())
    if isinstance(value, dict):  # attendance: an exact figure says more than "hơn 200"
        return int(value.get("qualifier") is None), int(value.get("value") is not None)
    if isinstance(value, str):
        return len(value.split()), len(value)
    return 0, 0


@dataclass
class Values:
    """The values of one field keyed by identity (the first value seen for a key stands for it), each
    with the documents that report it."""

    values: dict[str, Any] = field(default_factory=dict)
    docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, key: str, value: Any, doc_id: str) -> None:
        self.values.setdefault(key, value)
        self.docs[key].add(doc_id)

    def merge(self, other: Values) -> None:
        for key, value in other.values.items():
            self.values.setdefault(key, value)
            self.docs[key] |= other.docs[key]

    def ranked(self, docs: Documents, order: Callable[[Any], tuple[int, int]] = specificity) -> list[Reported]:
        """Every value, the chosen one first (support, then specificity, then the latest source)."""
        keys = sorted(self.docs, key=lambda k: canonical(self.values[k]))
        keys.sort(key=lambda k: (docs.support(self.docs[k]), order(self.values[k]), docs.latest(self.docs[k])),
                  reverse=True)
        return [Reported(value=self.values[k], support=docs.support(self.docs[k]), documents=docs.names(self.docs[k]))
                for k in keys]

    def chosen(self, docs: Documents) -> Chosen:
        """The chosen value with its documents, and the alternatives."""
        ranked = self.ranked(docs)
        if not ranked:
            return Chosen()
        top = ranked[0]
        return Chosen(value=top.value, support=top.support, documents=top.documents, alternatives=ranked[1:])

    def reported(self, docs: Documents) -> list[Reported]:
        """Every value of a set-valued field, most supported first (then by text)."""
        keys = sorted(self.docs, key=lambda k: (-docs.support(self.docs[k]), canonical(self.values[k])))
        return [Reported(value=self.values[k], support=docs.support(self.docs[k]), documents=docs.names(self.docs[k]))
                for k in keys]
