"""The gazetteer compiled to matching keys, and cached on disk by the gazetteer's content hash.

Every name and alias of every entry is tokenised like the text, folded to keys (``fold_token``, and
``ascii_fold`` for names that may be written without diacritics), and grouped: one ``Pattern`` per key
sequence, with every entry that shares it, the case rule for it and the relevance roles of those entries
(``relevance.py``). ``GazetteerMatcher``, the tag stage's relevance decision and the name scan of the
screen and prefilter stages (``scan.py``) are all built from these tables, so they cannot disagree
about a name or about what it means for relevance.

Compiling is pure Python over every name; loading the tables back is one JSON read. The cache file is
``<cache dir>/gazetteer-<content hash>-<format>.json``: editing any gazetteer file changes the hash,
so a stale table is never read. The cache directory is ``$CORRIDOR_IE_CACHE``, else
``$XDG_CACHE_HOME/corridor-ie``, else ``~/.cache/corridor-ie``. A cache that cannot be read or written
is skipped (the tables are compiled in memory); a damaged file is replaced.

Example:
    >>> from corridor_ie.api import resources
    >>> tables = compile_gazetteer(resources().gazetteer)
    >>> p = next(p for p in tables.exact if p.keys == ("lao2", "cai"))
    >>> p.entry_ids, p.caps, tables.roles["gate.vn.lao-cai"], tables.roles["vn.prov.lao-cai"]
    (('gate.vn.lao-cai', 'vn.prov.lao-cai'), (True, True), 'border_gate', 'border_place')
    >>> p.bits == relevance.CORRIDOR  # the province and the gate share the name: both are corridor entities
    True
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..normalise import ascii_fold, fold_token, has_han, key_spans
from . import relevance
from .model import Entry
from .store import Gazetteer

log = logging.getLogger(__name__)

#: bump when the tables' meaning changes (key functions, case rules, roles): old cache files are then ignored
FORMAT = 2

#: entry types whose names are proper names: a capitalised token of theirs must not match lower-case
#: text (a gate name must not match the same syllables in lower-case prose)
PROPER_TYPES = frozenset({"country", "province", "prefecture", "district", "place", "border_gate", "gate_pair",
                          "person"})

#: organisations and series: some capital is required, anywhere ("Ủy ban công tác liên hợp",
#: "tiểu vùng sông Mê Kông mở rộng" are names; "sở y tế" in running prose is a generic noun)
ANY_CAP_TYPES = frozenset({"org", "series"})

def capitals_required(words: list[str], entry_type: str) -> tuple[bool, ...]:
    """Which tokens of a name are capitalised and so must not match lower-case text."""
    if entry_type in PROPER_TYPES:
        return tuple(w[:1].isupper() for w in words)
    return tuple(False for _ in words)


def some_capital(words: list[str]) -> bool:
    return any(not w.islower() for w in words if w.strip())  # Han characters have no case: they pass


def case_ok(words: list[str], required: tuple[bool, ...]) -> bool:
    return all(not need or not w.islower() for w, need in zip(words, required, strict=False))


@dataclass(frozen=True)
class Pattern:
    """One key sequence: the entries named by it and the case rule shared by all of them."""

    keys: tuple[str, ...]
    entry_ids: tuple[str, ...]
    caps: tuple[bool, ...]  # tokens that must not be lower-case in the text (AND over the entries)
    any_cap: bool  # some capital required anywhere (every entry is an org or series)
    bits: int  # the relevance roles of its entries, OR-ed (``relevance.BITS``; 0: none has a role)


@dataclass(frozen=True)
class CompiledGazetteer:
    version: str  # the gazetteer's content hash
    exact: tuple[Pattern, ...]  # ``fold_token`` keys, sorted by keys
    ascii: tuple[Pattern, ...]  # ``ascii_fold`` keys of multi-token names without Han characters
    roles: dict[str, str] = field(default_factory=dict, compare=False)  # entry id -> relevance role

    def role(self, entry_id: str | None) -> str | None:
        return self.roles.get(entry_id) if entry_id else None


class _Group:
    def __init__(self, caps: tuple[bool, ...], any_cap: bool):
        self.ids: set[str] = set()
        self.caps, self.any_cap, self.bits = caps, any_cap, 0

    def add(self, entry: Entry, caps: tuple[bool, ...], any_cap: bool, role: str | None) -> None:
        self.ids.add(entry.id)
        self.caps = tuple(a and b for a, b in zip(self.caps, caps, strict=True))
        self.any_cap = self.any_cap and any_cap
        self.bits |= relevance.BITS.get(role, 0) if role else 0


def _patterns(groups: dict[tuple[str, ...], _Group]) -> tuple[Pattern, ...]:
    return tuple(Pattern(k, tuple(sorted(g.ids)), g.caps, g.any_cap, g.bits) for k, g in sorted(groups.items()))


def compile_gazetteer(gaz: Gazetteer) -> CompiledGazetteer:
    exact: dict[tuple[str, ...], _Group] = {}
    ascii_: dict[tuple[str, ...], _Group] = {}
    roles = relevance.entry_roles(gaz.entries)
    for entry in gaz.entries.values():
        role = roles.get(entry.id)
        for _lang, name in entry.all_names():
            words = [name[s:e] for s, e in key_spans(name)]
            if not words:
                continue
            caps, any_cap = capitals_required(words, entry.type), entry.type in ANY_CAP_TYPES
            keys = tuple(fold_token(w) for w in words)
            exact.setdefault(keys, _Group(caps, any_cap)).add(entry, caps, any_cap, role)
            # one-syllable ascii keys ("Ha", "Vi") are too ambiguous to match without diacritics
            if not has_han(name) and len(words) > 1:
                keys = tuple(ascii_fold(w) for w in words)
                ascii_.setdefault(keys, _Group(caps, False)).add(entry, caps, False, role)
    return CompiledGazetteer(gaz.version, _patterns(exact), _patterns(ascii_), dict(sorted(roles.items())))


# --------------------------------------------------------------------------- the disk cache


def cache_dir() -> Path:
    if os.environ.get("CORRIDOR_IE_CACHE"):
        return Path(os.environ["CORRIDOR_IE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "corridor-ie"


def _to_json(tables: CompiledGazetteer) -> str:
    def rows(ps: tuple[Pattern, ...]) -> list[list]:
        return [[list(p.keys), list(p.entry_ids), list(p.caps), p.any_cap, p.bits] for p in ps]

    return json.dumps({"format": FORMAT, "version": tables.version, "exact": rows(tables.exact),
                       "ascii": rows(tables.ascii), "roles": tables.roles}, ensure_ascii=False, separators=(",", ":"))


def _from_json(text: str, version: str) -> CompiledGazetteer | None:
    data = json.loads(text)
    if data.get("format") != FORMAT or data.get("version") != version:
        return None

    def patterns(rows: list[list]) -> tuple[Pattern, ...]:
        return tuple(Pattern(tuple(k), tuple(i), tuple(c), bool(a), int(b)) for k, i, c, a, b in rows)

    return CompiledGazetteer(version, patterns(data["exact"]), patterns(data["ascii"]), dict(data["roles"]))


def load_compiled(gaz: Gazetteer, directory: Path | None = None) -> CompiledGazetteer:
    """The compiled tables of ``gaz``: from the cache when it holds this content hash, else compiled
    and written there (atomically: a concurrent reader sees the old file or the whole new one)."""
    directory = directory or cache_dir()
    path = directory / f"gazetteer-{gaz.version}-{FORMAT}.json"
    try:
        tables = _from_json(path.read_text(encoding="utf-8"), gaz.version)
        if tables is not None:
            return tables
    except FileNotFoundError:
        pass
    except (OSError, ValueError, TypeError, KeyError) as exc:  # unreadable or damaged: compile again
        log.debug("gazetteer cache %s skipped: %s", path, exc)
    tables = compile_gazetteer(gaz)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp.write_text(_to_json(tables), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("gazetteer cache %s not written: %s", path, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
    return tables
