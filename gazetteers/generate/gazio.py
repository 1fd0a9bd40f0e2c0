"""Shared helpers for the gazetteer build scripts: ascii folding, ids, canonical JSON Lines output.

Example::

    >>> slug("Lào Cai")
    'lao-cai'
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

GAZ_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(GAZ_DIR.parent / "src"))

from corridor_ie.gazetteer.model import Entry  # noqa: E402


def ascii_fold(text: str) -> str:
    """Strip Vietnamese diacritics: 'Đồng Đăng' -> 'Dong Dang'."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """An id component: ascii-folded, lower case, hyphenated."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


# Administrative and gate words are context for the tagger (src/corridor_ie/data/context.toml), not
# part of a place's name: "tỉnh Lào Cai" is the name "Lào Cai" after the cue "tỉnh".
KIND_PREFIXES = ("tỉnh ", "thành phố ", "tp. ", "tp ", "huyện ", "thị xã ", "thị trấn ", "xã ", "cửa khẩu ", "ga ")
KIND_SUFFIXES = (" province", " city", " district", " county", " border gate", " international border gate")


ZH_KIND_SUFFIXES = ("省", "市", "县", "州")


def is_kind_phrase(form: str, names: tuple[str, ...] = ()) -> bool:
    """An administrative word added to a name: "tỉnh Lào Cai", "Lao Cai province", 老街省 (when 老街 is a name)."""
    f = form.casefold()
    if f.startswith(KIND_PREFIXES) or f.endswith(KIND_SUFFIXES):
        return True
    return form.endswith(ZH_KIND_SUFFIXES) and form[:-1] in names


def dedupe_aliases(entry: dict[str, Any]) -> dict[str, Any]:
    """Drop aliases equal (case-insensitively) to a name or an earlier alias of the same entry, and
    place aliases that only add an administrative word."""
    from corridor_ie.tools.gazetteer.validate import (
        match_key,  # the tagger's key: case, tones, dashes, script
    )

    names = entry.get("names", {})
    seen = {match_key(str(v)) for v in names.values() if v}
    aliases: dict[str, list[str]] = {}
    for lang, forms in entry.get("aliases", {}).items():
        kept = []
        for form in forms:
            if entry.get("type") != "person" and is_kind_phrase(form, tuple(v for v in names.values() if v)):
                continue
            if match_key(form) not in seen:
                seen.add(match_key(form))
                kept.append(form)
        if kept:
            aliases[lang] = kept
    return {**entry, "aliases": aliases}


def canonical_line(entry: Entry) -> str:
    """One JSON line: model field order, null/empty fields omitted, no ASCII escaping."""
    return json.dumps(_prune(entry.model_dump(mode="json")), ensure_ascii=False)


def write_entries(path: Path, entries: Iterable[Entry]) -> int:
    """Write entries sorted by id; refuse duplicate ids. Returns the number written."""
    items = sorted(entries, key=lambda e: e.id)
    ids = [e.id for e in items]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate ids in {path.name}: {sorted(dupes)}")
    path.write_text("".join(canonical_line(e) + "\n" for e in items), encoding="utf-8")
    return len(items)


def read_entries(path: Path) -> list[Entry]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Entry.model_validate_json(line) for line in lines if line.strip()]
