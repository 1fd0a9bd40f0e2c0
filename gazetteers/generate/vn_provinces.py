"""Build ``gazetteers/places.vn.jsonl`` from underthesea's province mapping plus hand-kept supplements.

Inputs:
- ``underthesea/address/data/mapping.json`` (shipped with underthesea): the 63 provinces before and the
  34 after the merger of 2025-07-01, and the old -> new mapping.
- ``vn_province_names.tsv``: Chinese names and extra aliases per province (hand-kept).
- ``vn_districts.tsv``: districts, towns and cities that border news names (hand-kept; all abolished
  on 2025-07-01).
- ``vn_places_extra.jsonl``: other Vietnamese places (rivers, airports, economic zones), hand-kept entries.

Usage (from the repository root)::

    .venv/bin/python gazetteers/generate/vn_provinces.py
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import underthesea
from gazio import GAZ_DIR, Entry, ascii_fold, dedupe_aliases, read_entries, slug, write_entries

BUILD_DIR = Path(__file__).resolve().parent
MAPPING = Path(underthesea.__file__).parent / "address" / "data" / "mapping.json"
MERGER_EVE = date(2025, 6, 30)
OUT = GAZ_DIR / "places.vn.jsonl"


@dataclass(frozen=True)
class Supplement:
    vi_name: str
    zh: str
    zh_hant: str
    en: str
    en_aliases: list[str]
    vi_aliases: list[str]


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split(";") if p.strip()]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def read_supplement(path: Path) -> dict[str, Supplement]:
    return {
        row["vi_short"]: Supplement(
            vi_name=row["vi_name"],
            zh=row["zh"],
            zh_hant=row["zh_hant"],
            en=row["en"],
            en_aliases=_split(row["en_aliases"]),
            vi_aliases=_split(row["vi_aliases"]),
        )
        for row in read_tsv(path)
    }


def province_id(short: str) -> str:
    return f"vn.prov.{slug(short)}"


def _province_entry(
    short: str,
    is_city: bool,
    sup: Supplement | None,
    attrs: dict[str, Any],
    successor: str | None,
    note: str | None,
) -> Entry:
    ascii_name = ascii_fold(short)
    # administrative words ("tỉnh", "TP.", "province") are not part of a name: the tagger reads them
    # as context cues (src/corridor_ie/data/context.toml), so they are not aliases here
    vi_aliases: list[str] = []
    en_aliases = [ascii_name]
    names: dict[str, str] = {"vi": short, "en": ascii_name}
    zh_aliases: list[str] = []
    zh_hant_aliases: list[str] = []
    if sup:
        if sup.vi_name:  # the short form is ambiguous (e.g. a person's name): not an alias
            names["vi"] = sup.vi_name
            en_aliases.remove(ascii_name)
        if sup.en:
            names["en"] = sup.en
        vi_aliases += sup.vi_aliases
        en_aliases += sup.en_aliases
        suffix = "市" if is_city else "省"
        if sup.zh:
            names["zh"] = sup.zh
            if not sup.zh.endswith("市"):
                zh_aliases.append(sup.zh + suffix)
        if sup.zh_hant:
            names["zh_hant"] = sup.zh_hant
            if not sup.zh_hant.endswith("市"):
                zh_hant_aliases.append(sup.zh_hant + suffix)
    raw = {
        "id": province_id(short),
        "type": "province",
        "names": names,
        "aliases": {"vi": vi_aliases, "zh": zh_aliases, "zh_hant": zh_hant_aliases, "en": en_aliases},
        "country": "VN",
        "valid_to": MERGER_EVE if successor else None,
        "successor": successor,
        "attrs": attrs,
        "note": note,
    }
    return Entry.model_validate(dedupe_aliases(raw))


def province_entries(mapping: dict[str, Any], sups: dict[str, Supplement]) -> list[Entry]:
    """One entry per province identity: survivors open-ended, merged-away ones closed with a successor."""
    old, new, old_to_new = (
        mapping["old_province_names"],
        mapping["province_names"],
        mapping["province_mapping"],
    )
    assert set(new) <= set(old), "every post-2025 province is expected to continue a pre-2025 one"
    absorbed: dict[str, list[str]] = {}
    for key, target in old_to_new.items():
        if key != target:
            absorbed.setdefault(target, []).append(key)
    entries = []
    for key, info in old.items():
        short = info["short"]
        is_city = info["name"].startswith("Thành phố")
        kind = "thành phố trực thuộc trung ương" if is_city else "tỉnh"
        target = old_to_new[key]
        if target == key:
            new_code = new[key]["code"]
            attrs: dict[str, Any] = {"code": new_code, "kind": kind}
            note = None
            if new_code != info["code"]:
                attrs["code_pre2025"] = info["code"]
            if key in absorbed:
                merged = [province_id(old[k]["short"]) for k in sorted(absorbed[key])]
                attrs["enlarged_2025"] = True
                attrs["merged_from"] = merged
                names = ", ".join(old[k]["short"] for k in sorted(absorbed[key]))
                note = f"enlarged on 2025-07-01 by merging in {names}"
            entries.append(_province_entry(short, is_city, sups.get(short), attrs, None, note))
        else:
            attrs = {"code": info["code"], "kind": kind}
            successor = province_id(old[target]["short"])
            entries.append(_province_entry(short, is_city, sups.get(short), attrs, successor, None))
    return entries


def district_entries(rows: list[dict[str, str]]) -> list[Entry]:
    """Districts / towns / cities below the province; all abolished on 2025-07-01."""
    entries = []
    for row in rows:
        raw = {
            "id": f"vn.dist.{row['slug']}",
            "type": "district",
            "names": {"vi": row["vi"], "zh": row["zh"] or None, "en": row["en"]},
            "aliases": {"vi": _split(row["vi_aliases"]), "en": _split(row["en_aliases"])},
            "country": "VN",
            "parent": province_id(row["province"]),
            "valid_from": row["valid_from"] or None,
            "valid_to": MERGER_EVE,
            "attrs": {"kind": row["kind"]},
            "note": row["note"] or None,
        }
        entries.append(Entry.model_validate(dedupe_aliases(raw)))
    return entries


def main() -> int:
    mapping = json.loads(MAPPING.read_text(encoding="utf-8"))
    sups = read_supplement(BUILD_DIR / "vn_province_names.tsv")
    unknown = set(sups) - {v["short"] for v in mapping["old_province_names"].values()}
    if unknown:
        raise SystemExit(f"vn_province_names.tsv names not in underthesea's list: {sorted(unknown)}")
    entries = province_entries(mapping, sups)
    entries += district_entries(read_tsv(BUILD_DIR / "vn_districts.tsv"))
    entries += read_entries(BUILD_DIR / "vn_places_extra.jsonl")
    n = write_entries(OUT, entries)
    print(f"{OUT}: {n} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
