"""Gazetteer suggestions from a corpus: names the tagger found but could not link, or linked only fuzzily.

PERSON / PLACE / ORG mentions of article records whose ``id`` is null or whose ``method`` is
``"fuzzy"`` are grouped by ``match_key`` and ranked by frequency. Each group becomes either an
**alias** of the nearest existing entry of that label (rapidfuzz ``fuzz.ratio`` on NFC-lowercased
names, at or above ``min_score``) or a **new** entry, given as a JSON line ready to paste (with an id
that follows gazetteers/README.md). Up to three example sentences come with each suggestion. A name
that already is a name of its nearest entry is not suggested.

Example::

    >>> for s in suggest_from_records(records, gazetteer):  # doctest: +SKIP
    ...     print(s.headline())
    Bùi Văn Kháng → alias of Bùi Văn Khắng (person.vn.bui-van-khang), 0.92
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from corridor_ie import api
from corridor_ie.gazetteer.model import LABEL_OF_TYPE, Entry
from corridor_ie.gazetteer.store import Gazetteer
from corridor_ie.normalise import ascii_fold, has_han

from .edit import dump_entry, make_entry
from .validate import match_key

SUGGEST_LABELS = ("PERSON", "PLACE", "ORG")
#: entry type of a new entry proposed for a mention label
TYPE_OF_LABEL: dict[str, str] = {"PERSON": "person", "PLACE": "place", "ORG": "org"}
#: id prefix of a new entry, by label and country ("" = any other country); see gazetteers/README.md
ID_PREFIX: dict[tuple[str, str], str] = {
    ("PERSON", "VN"): "person.vn", ("PERSON", "CN"): "person.cn", ("PERSON", ""): "person.vn",
    ("PLACE", "VN"): "place", ("PLACE", "CN"): "place.cn", ("PLACE", ""): "place",
    ("ORG", "VN"): "org", ("ORG", "CN"): "org.cn", ("ORG", ""): "org",
}
ALIAS_LANGS = ("vi", "zh", "en")
DEFAULT_MIN_SCORE = 0.85
MAX_EXAMPLES = 3
MAX_EXAMPLE_CHARS = 240


class Suggestion(BaseModel):
    """One proposal, as written by ``gazetteer suggest -o`` (one JSON object per line)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    action: Literal["alias", "new"]
    name: str  # the most frequent spelling
    label: Literal["PERSON", "PLACE", "ORG"]
    type: str  # entry type (of the existing entry for an alias, of the proposed entry otherwise)
    count: int  # mentions
    docs: int  # documents with a mention
    spellings: list[str]  # every spelling grouped under this name, most frequent first
    nearest_id: str | None  # the closest existing entry of that label
    nearest_name: str | None  # its canonical name
    score: float | None  # fuzz.ratio to the closest name or alias of that entry, 0..1
    alias_lang: str | None = None  # alias: the language list to add it to
    proposed_id: str | None = None  # new: the proposed id
    line: str | None = None  # new: the gazetteer line, ready to paste
    examples: list[str]

    def headline(self) -> str:
        if self.action == "alias":
            return f"{self.name} → alias of {self.nearest_name} ({self.nearest_id}), {self.score:.2f}"
        near = f"; nearest {self.nearest_name} ({self.nearest_id}), {self.score:.2f}" if self.nearest_id else ""
        return f"{self.name} → new {self.type} {self.proposed_id}{near}"

    def block(self) -> str:
        """The text shown by ``gazetteer suggest``: headline, counts, what to do, examples."""
        docs = f"{self.docs} document{'s' if self.docs != 1 else ''}"
        lines = [self.headline(), f"  {self.label}, {self.count} mention{'s' if self.count != 1 else ''} in {docs}"]
        if len(self.spellings) > 1:
            lines.append("  spellings: " + " | ".join(self.spellings))
        if self.action == "alias":
            lines.append(f'  run: corridor-ie gazetteer alias {self.nearest_id} "{self.name}" --lang {self.alias_lang}')
        else:
            lines.append(f"  add: {self.line}")
        lines += [f"  e.g. {ex}" for ex in self.examples]
        return "\n".join(lines)


# --- collecting mentions ----------------------------------------------------------------------


@dataclass
class _Group:
    label: str
    spellings: Counter[str] = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)
    langs: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    count: int = 0


def _wanted(ent: dict[str, Any]) -> bool:
    return ent.get("label") in SUGGEST_LABELS and (ent.get("id") is None or ent.get("method") == "fuzzy")


def _sentence(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    return next(((s, e) for s, e in spans if s <= start < e), (start, end))


def _example(text: str, span: tuple[int, int], start: int, end: int) -> str:
    """The sentence around a mention, shortened around it when long, on one line."""
    s, e = span
    if e - s > MAX_EXAMPLE_CHARS:
        half = (MAX_EXAMPLE_CHARS - (end - start)) // 2
        s, e = max(s, start - half), min(e, end + half)
    out = " ".join(text[s:e].split())
    return ("…" if s > span[0] else "") + out + ("…" if e < span[1] else "")


def _country_near(entities: list[dict[str, Any]], gaz: Gazetteer, sent: tuple[int, int], start: int) -> str | None:
    """The country of the closest PLACE entity before the mention in its sentence (a title's jurisdiction)."""
    best: tuple[int, str] | None = None
    for ent in entities:
        if ent.get("label") != "PLACE" or not ent.get("id") or not (sent[0] <= ent["start"] < start):
            continue
        entry = gaz.get(ent["id"])
        if entry is not None and entry.country and (best is None or ent["start"] > best[0]):
            best = (ent["start"], entry.country)
    return best[1] if best else None


def collect(records: Iterable[dict[str, Any]], gaz: Gazetteer) -> dict[tuple[str, str], _Group]:
    """Group the unlinked or fuzzily linked mentions of article records by (label, match key)."""
    groups: dict[tuple[str, str], _Group] = {}
    for rec in records:
        if rec.get("record_type", "article") != "article":
            continue
        text, lang = rec.get("text") or "", rec.get("lang") or "vi"
        entities = rec.get("entities") or []
        wanted = [ent for ent in entities if _wanted(ent)]
        if not wanted:
            continue
        spans = api.split_sentences(text, lang)
        for ent in wanted:
            surface = unicodedata.normalize("NFC", " ".join(str(ent["text"]).split()))
            key = match_key(surface)
            if not key:
                continue
            g = groups.setdefault((ent["label"], key), _Group(ent["label"]))
            g.count += 1
            g.spellings[surface] += 1
            g.docs.add(str(rec.get("doc_id")))
            g.langs["zh" if has_han(surface) else lang if lang in ALIAS_LANGS else "vi"] += 1
            sent = _sentence(spans, ent["start"], ent["end"])
            country = _country_near(entities, gaz, sent, ent["start"])
            if country:
                g.countries[country] += 1
            example = _example(text, sent, ent["start"], ent["end"])
            if len(g.examples) < MAX_EXAMPLES and example not in g.examples:
                g.examples.append(example)
    return groups


# --- proposals ----------------------------------------------------------------------------------


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split())).lower()


def nearest(gaz: Gazetteer, label: str, name: str) -> tuple[Entry, float] | None:
    """The entry of ``label`` with the name or alias closest to ``name`` (``fuzz.ratio``, 0..1).
    A Chinese name is also compared through its Sino-Vietnamese reading (陈士清 ~ "Trần Sĩ Thanh")."""
    queries = [_key(name)]
    if has_han(name) and (r := api.sino_vietnamese(name)):
        queries.append(_key(r))
    best: tuple[Entry, float] | None = None
    for e in gaz.entries.values():
        if LABEL_OF_TYPE[e.type] != label:
            continue
        score = max(fuzz.ratio(q, _key(n)) for _, n in e.all_names() for q in queries) / 100
        if best is None or score > best[1] or (score == best[1] and e.id < best[0].id):
            best = (e, score)
    return best


def slug(name: str) -> str:
    """An id component: 'Bùi Văn Kháng' -> 'bui-van-khang' (empty for names without Latin letters)."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name)).strip("-")


def propose_id(label: str, country: str | None, name: str, taken: set[str]) -> str:
    """A new id after gazetteers/README.md, unique against ``taken`` (Chinese names get a placeholder)."""
    prefix = ID_PREFIX.get((label, country or ""), ID_PREFIX[(label, "")])
    base = f"{prefix}.{slug(name) or 'todo-pinyin'}"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


def _new_entry(label: str, name: str, lang: str, country: str | None, entry_id: str, count: int) -> Entry:
    note = f"proposed by `corridor-ie gazetteer suggest` from {count} mention(s); check before use"
    if "todo-pinyin" in entry_id:
        note += "; replace 'todo-pinyin' in the id with the pinyin"
    return make_entry({"id": entry_id, "type": TYPE_OF_LABEL[label], "names": {lang: name},
                       "country": country, "note": note})


def suggest_from_records(records: Iterable[dict[str, Any]], gazetteer: Gazetteer,
                         min_score: float = DEFAULT_MIN_SCORE) -> list[Suggestion]:
    """Suggestions for article-record dicts (as written by ``extract``), most frequent first.

    Example: ``suggest_from_records([article], gaz)[0].headline()``
    gives ``"Bùi Văn Kháng → alias of Bùi Văn Khắng (person.vn.bui-van-khang), 0.92"``
    """
    groups = collect(records, gazetteer)
    taken = set(gazetteer.entries)
    out: list[Suggestion] = []
    order = sorted(groups.items(), key=lambda kv: (-kv[1].count, kv[0][0], kv[1].spellings.most_common(1)[0][0]))
    for (label, _key_), g in order:
        name = g.spellings.most_common(1)[0][0]
        spellings = [s for s, _ in g.spellings.most_common()]
        lang = g.langs.most_common(1)[0][0]
        near = nearest(gazetteer, label, name)
        if near and any(match_key(n) == _key_ for _, n in near[0].all_names()):
            continue  # already a name of that entry: nothing to add
        common: dict[str, Any] = dict(
            name=name, label=label, count=g.count, docs=len(g.docs), spellings=spellings,
            nearest_id=near[0].id if near else None, nearest_name=near[0].canonical if near else None,
            score=round(near[1], 2) if near else None, examples=g.examples,
        )
        if near and near[1] >= min_score:
            out.append(Suggestion(action="alias", type=near[0].type, alias_lang=lang, **common))
            continue
        country = g.countries.most_common(1)[0][0] if g.countries else api.language(lang).country
        entry_id = propose_id(label, country, name, taken)
        taken.add(entry_id)
        entry = _new_entry(label, name, lang, country, entry_id, g.count)
        out.append(Suggestion(action="new", type=entry.type, proposed_id=entry_id, line=dump_entry(entry),
                              **common))
    return out


# --- over a corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuggestRun:
    suggestions: list[Suggestion]
    documents: int
    failed: int


def suggest_corpus(inputs: list[str], pipeline: str | None = None,
                   min_score: float = DEFAULT_MIN_SCORE) -> SuggestRun:
    """Extract ``inputs`` with the pipeline (default: the shipped one), then ``suggest_from_records``."""
    from corridor_ie.config import load_pipeline

    res = api.load_resources(load_pipeline(pipeline))
    articles: list[dict[str, Any]] = []
    docs = failed = 0
    for result in api.run_documents(api.read_inputs(inputs, res.config), res):
        docs += 1
        failed += bool(result.errors and not result.records)
        articles += [r.model_dump(mode="json") for r in result.records
                     if getattr(r, "record_type", None) == "article"]
    return SuggestRun(suggest_from_records(articles, res.gazetteer, min_score), docs, failed)
