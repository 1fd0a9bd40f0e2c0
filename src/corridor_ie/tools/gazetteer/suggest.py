"""Gazetteer suggestions from a corpus: persons, organisations, series, places and gate pairs the
gazetteer lacks, each with its evidence, a score and the entry or alias it proposes.

The candidates come from the records ``extract`` writes (``sources.py`` says where each kind is found).
A candidate whose name is close to an existing entry of its kind becomes an **alias** of that entry
(rapidfuzz ``fuzz.ratio`` on NFC-lowercased names, at or above ``min_score``; a person only when the
given name, the last word, is the same up to diacritics, so "Nguyễn Văn An" is never made an alias of
"Nguyễn Văn Anh"; anything else only when the two differ by added words, so "Sở Kế hoạch và Đầu tư" is
never made an alias of "Bộ Kế hoạch và Đầu tư"); any other becomes a **new** entry with an id after gazetteers/README.md. A person
named like a place, organisation or series is left out (see ``clash.py``).

Each suggestion is one JSON line (``gazetteer suggest -o``) with a ``decision`` field an annotator sets
to ``"accept"`` or ``"reject"``; ``gazetteer apply`` then writes the accepted ones (``apply.py``).
``score`` says how likely the suggestion is right (0..1): for an alias, the name similarity; for a new
entry, how it was found (a tagged mention 0.8, a name after a kind word 0.6, an official's body 0.5, a
provisional series 0.7, a link between two gates 0.8) plus 0.05 for every further document, at most 0.95.

Example::

    >>> for s in suggest_from_records(records, gazetteer):  # doctest: +SKIP
    ...     print(s.headline())
    Bùi Văn Kháng → alias of Bùi Văn Khắng (person.vn.bui-van-khang), 0.92
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from corridor_ie import api
from corridor_ie.gazetteer.model import LABEL_OF_TYPE, Entry
from corridor_ie.gazetteer.store import Gazetteer
from corridor_ie.normalise import ascii_fold, has_han

from .clash import NOT_A_PERSON
from .edit import ALIAS_LANGS, entry_dict, make_entry
from .sources import Candidate, KindCues, Sentences, collect, known_names
from .validate import match_key

KINDS = ("person", "org", "series", "place", "gate_pair")
DEFAULT_MIN_SCORE = 0.85
MAX_SCORE = 0.95
DOC_BONUS = 0.05
#: id prefix of a new entry, by entry type and country ("" = unknown or another country); gazetteers/README.md
ID_PREFIX: dict[tuple[str, str], str] = {
    ("person", "VN"): "person.vn", ("person", "CN"): "person.cn", ("person", ""): "person.vn",
    ("org", "VN"): "org", ("org", "CN"): "org.cn", ("org", ""): "org",
    ("province", "VN"): "vn.prov", ("province", "CN"): "cn.prov", ("province", ""): "place",
    ("prefecture", "CN"): "cn.pref", ("prefecture", ""): "place",
    ("district", "VN"): "vn.dist", ("district", "CN"): "cn.county", ("district", ""): "place",
    ("place", "VN"): "place", ("place", "CN"): "place.cn", ("place", ""): "place",
    ("border_gate", "VN"): "gate.vn", ("border_gate", "CN"): "gate.cn", ("border_gate", ""): "gate",
    ("series", ""): "series", ("gate_pair", ""): "pair",
}
MAX_SLUG_WORDS = 6
PLACEHOLDER = "todo-pinyin"
REASONS = {
    "mention": "{label} mention that links to no gazetteer entry",
    "fuzzy": "{label} mention linked only fuzzily",
    "cue": "name after a word that tells a place's kind, and no mention covers it",
    "official": "an official's organisation with no ORG mention in it",
    "conference": "provisional series of conference records (read from the text, not in the gazetteer)",
    "link": "two border gates joined as a pair that no gate_pair entry joins",
    "link_by_name": "two places named like border gates joined as a pair that no gate_pair entry joins",
    "gate_dash": "a border gate joined by a dash to a gate of the other side, and no gate_pair joins them",
}


class Evidence(BaseModel):
    """Where a suggestion was seen: the document, the span in its cleaned text, and the sentence."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    doc_id: str
    source: str | None = None
    start: int | None = None
    end: int | None = None
    text: str
    context: str


class Suggestion(BaseModel):
    """One proposal, as written by ``gazetteer suggest -o`` (one JSON object per line).

    ``action`` ``alias``: add ``name`` to ``aliases[alias_lang]`` of ``entry_id``. ``action`` ``new``: add
    ``entry`` (edit it before accepting: the id, the other languages' names, the parent).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    key: str  # stable across runs: kind, action and what it adds
    kind: Literal["person", "org", "series", "place", "gate_pair"]
    action: Literal["alias", "new"]
    name: str  # the most frequent spelling
    label: str  # the mention label of entries of this kind
    type: str  # entry type (of the existing entry for an alias, of the proposed entry otherwise)
    score: float  # how likely the suggestion is right, 0..1
    reason: str  # how it was found
    count: int  # sightings
    docs: int  # documents with a sighting
    spellings: list[str]  # every spelling grouped under this name, most frequent first
    nearest_id: str | None = None  # the closest existing entry of that label
    nearest_name: str | None = None
    similarity: float | None = None  # fuzz.ratio to the closest name or alias of that entry, 0..1
    entry_id: str | None = None  # alias: the entry to add it to
    alias_lang: str | None = None  # alias: the language list to add it to
    entry: dict[str, Any] | None = None  # new: the proposed entry
    evidence: list[Evidence] = Field(default_factory=list)
    decision: Literal["accept", "reject", ""] = ""

    @property
    def proposed_id(self) -> str | None:
        return str(self.entry["id"]) if self.entry and "id" in self.entry else None

    def headline(self) -> str:
        if self.action == "alias":
            return f"{self.name} → alias of {self.nearest_name} ({self.entry_id}), {self.similarity:.2f}"
        near = f"; nearest {self.nearest_name} ({self.nearest_id}), {self.similarity:.2f}" if self.nearest_id else ""
        return f"{self.name} → new {self.type} {self.proposed_id}{near}"

    def block(self) -> str:
        """The text shown by ``gazetteer suggest``: headline, counts, score, what apply would do, evidence."""
        docs = f"{self.docs} document{'s' if self.docs != 1 else ''}"
        lines = [self.headline(),
                 f"  {self.label}, {self.count} sighting{'s' if self.count != 1 else ''} in {docs};"
                 f" score {self.score:.2f} ({self.reason})"]
        if len(self.spellings) > 1:
            lines.append("  spellings: " + " | ".join(self.spellings))
        if self.action == "alias":
            lines.append(f'  apply: alias "{self.name}" ({self.alias_lang}) of {self.entry_id}')
        else:
            lines.append(f"  apply: {json.dumps(self.entry, ensure_ascii=False)}")
        lines += [f"  e.g. {ev.context}" for ev in self.evidence]
        return "\n".join(lines)


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


def same_given_name(name: str, entry: Entry) -> bool:
    """Whether ``name`` and a name of the person ``entry`` have as many words and the same last word up to
    diacritics (Sino-Vietnamese readings of a Chinese name count)."""
    forms = [name] + ([r] if has_han(name) and (r := api.sino_vietnamese(name)) else [])
    for form in forms:
        words = ascii_fold(_key(form)).split()
        for _, n in entry.all_names():
            other = ascii_fold(_key(n)).split()
            if words and len(other) == len(words) and other[-1] == words[-1]:
                return True
    return False


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def only_words_added(name: str, entry: Entry) -> bool:
    """Whether ``name`` and a name of ``entry`` differ only by words added or left out (and diacritics):
    "Sở Công Thương Mại" for "Sở Công Thương", never "Sở Kế hoạch" for "Bộ Kế hoạch"."""
    words = ascii_fold(match_key(name)).split()
    for _, n in entry.all_names():
        other = ascii_fold(match_key(n)).split()
        short, long = sorted((words, other), key=len)
        if short and _subsequence(short, long):
            return True
    return False


def slug(name: str, words: int | None = None) -> str:
    """An id component: 'Bùi Văn Kháng' -> 'bui-van-khang' (empty for names without Latin letters)."""
    parts = re.sub(r"[^a-z0-9]+", "-", ascii_fold(name)).strip("-").split("-")
    return "-".join(parts[:words] if words else parts).strip("-")


def propose_id(entry_type: str, country: str | None, name: str, taken: set[str]) -> str:
    """A new id after gazetteers/README.md, unique against ``taken`` (Chinese names get a placeholder)."""
    prefix = ID_PREFIX.get((entry_type, country or ""), ID_PREFIX.get((entry_type, ""), entry_type))
    base = f"{prefix}.{slug(name, MAX_SLUG_WORDS if entry_type == 'series' else None) or PLACEHOLDER}"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


def _source(c: Candidate) -> str:
    """Where the proposed entry's facts come from: the first document it was seen in (URL or path)."""
    first = c.sightings[0] if c.sightings else None
    return (first.source or f"doc:{first.doc_id}") if first else "corridor-ie gazetteer suggest"


def _note(c: Candidate, entry_id: str) -> str:
    note = f"proposed by `corridor-ie gazetteer suggest` from {c.count} sighting(s) in {len(c.docs)} document(s);" \
           " check before use"
    if PLACEHOLDER in entry_id:
        note += f"; replace '{PLACEHOLDER}' in the id with the pinyin"
    return note


def _alias_lang(c: Candidate) -> str:
    lang = c.langs.most_common(1)[0][0] if c.langs else "vi"
    return lang if lang in ALIAS_LANGS else "vi"


def _score(c: Candidate) -> float:
    base = sum(c.scores) / len(c.scores) if c.scores else 0.5
    return round(min(MAX_SCORE, base + DOC_BONUS * (len(c.docs) - 1)), 2)


def _gate_pair_entry(c: Candidate, gaz: Gazetteer, taken: set[str]) -> dict[str, Any]:
    assert c.gates is not None
    vn, cn = (gaz.get(g) for g in c.gates)
    assert vn is not None and cn is not None
    seps = {"vi": " – ", "zh": "—", "en": " – "}
    names = {lang: f"{getattr(vn.names, lang)}{sep}{getattr(cn.names, lang)}"
             for lang, sep in seps.items() if getattr(vn.names, lang) and getattr(cn.names, lang)}
    base = f"pair.{vn.id.rsplit('.', 1)[-1]}--{cn.id.rsplit('.', 1)[-1]}"
    entry_id, n = base, 2
    while entry_id in taken:
        entry_id, n = f"{base}-{n}", n + 1
    keys = {match_key(v) for v in names.values()}
    aliases: dict[str, list[str]] = {}
    for s in c.spellings:
        if match_key(s) not in keys:
            aliases.setdefault(_alias_lang(c), []).append(s)
            keys.add(match_key(s))
    return {"id": entry_id, "type": "gate_pair", "names": names, "aliases": aliases, "parent": vn.parent,
            "gates": [vn.id, cn.id], "note": _note(c, entry_id), "source": _source(c)}


@dataclass(frozen=True)
class Context:
    gazetteer: Gazetteer
    known: dict[str, list[Entry]]
    min_score: float
    country_of: Callable[[str], str | None]  # the usual country of a language's officials


def propose(c: Candidate, ctx: Context, taken: set[str], dropped: Counter[str]) -> Suggestion | None:
    """The suggestion for one candidate, or None when there is nothing to add."""
    gaz, name = ctx.gazetteer, c.name
    same_key = ctx.known.get(c.key, [])
    if c.kind == "person" and any(e.type in NOT_A_PERSON for e in same_key):
        dropped["person name that is also the name of a place, organisation or series"] += 1
        return None
    if c.kind != "gate_pair" and any(LABEL_OF_TYPE[e.type] == c.label for e in same_key):
        return None  # already a name of an entry of its kind: nothing to add
    near = nearest(gaz, c.label, name) if c.kind != "gate_pair" else None
    common: dict[str, Any] = dict(
        kind=c.kind, name=name, label=c.label, count=c.count, docs=len(c.docs),
        spellings=[s for s, _ in c.spellings.most_common()], reason=REASONS[c.method].format(label=c.label),
        nearest_id=near[0].id if near else None, nearest_name=near[0].canonical if near else None,
        similarity=round(near[1], 2) if near else None,
        evidence=[asdict(ev) for ev in c.sightings],
    )
    alias_ok = near is not None and near[1] >= ctx.min_score and (
        same_given_name(name, near[0]) if c.kind == "person" else only_words_added(name, near[0]))
    if near is not None and alias_ok:
        lang = _alias_lang(c)
        return Suggestion(key=f"{c.kind}:alias:{near[0].id}:{c.key}", action="alias", type=near[0].type,
                          score=round(near[1], 2), entry_id=near[0].id, alias_lang=lang, **common)
    if c.kind == "gate_pair":
        data = _gate_pair_entry(c, gaz, taken)
    else:
        lang = _alias_lang(c)
        entry_type = c.types.most_common(1)[0][0] if c.types else c.kind
        country = c.countries.most_common(1)[0][0] if c.countries else ctx.country_of(lang)
        entry_id = propose_id(entry_type, country, name, taken)
        data = {"id": entry_id, "type": entry_type, "names": {lang if lang != "und" else "vi": name},
                "country": country, "note": _note(c, entry_id), "source": _source(c)}
        if c.parents:
            data["parent"] = c.parents.most_common(1)[0][0]
        if c.members:
            data["members"] = [m for m, _ in c.members.most_common()]
    entry = make_entry(data)
    taken.add(entry.id)
    return Suggestion(key=f"{c.kind}:new:{entry.id}", action="new", type=entry.type, score=_score(c),
                      entry=entry_dict(entry), **common)


# --- over records and over a corpus -------------------------------------------------------------


@dataclass(frozen=True)
class Suggestions:
    items: list[Suggestion]
    dropped: Counter[str]  # names left out, by reason


def suggest(records: Iterable[dict[str, Any]], gazetteer: Gazetteer, min_score: float = DEFAULT_MIN_SCORE, *,
            kinds: Iterable[str] = KINDS, sentences: Sentences | None = None, cues: KindCues | None = None,
            country_of: Callable[[str], str | None] | None = None) -> Suggestions:
    """Suggestions for record dicts (as written by ``extract``), most frequent first."""
    candidates, dropped = collect(records, gazetteer, sentences or (lambda t, lang: api.split_sentences(t, lang)),
                                  cues)
    ctx = Context(gazetteer, known_names(gazetteer), min_score,
                  country_of or (lambda lang: api.resources().languages.get(lang).country))
    wanted = set(kinds)
    taken = set(gazetteer.entries)
    out: list[Suggestion] = []
    order = sorted((c for c in candidates if c.kind in wanted),
                   key=lambda c: (-c.count, KINDS.index(c.kind), c.name, c.key))
    for c in order:
        s = propose(c, ctx, taken, dropped)
        if s is not None:
            out.append(s)
    return Suggestions(out, dropped)


def suggest_from_records(records: Iterable[dict[str, Any]], gazetteer: Gazetteer,
                         min_score: float = DEFAULT_MIN_SCORE, **kw: Any) -> list[Suggestion]:
    """Like ``suggest``, the suggestions only.

    Example: ``suggest_from_records([article], gaz)[0].headline()``
    gives ``"Bùi Văn Kháng → alias of Bùi Văn Khắng (person.vn.bui-van-khang), 0.92"``
    """
    return suggest(records, gazetteer, min_score, **kw).items


@dataclass(frozen=True)
class SuggestRun:
    suggestions: list[Suggestion]
    documents: int
    failed: int
    dropped: Counter[str]


def suggest_corpus(inputs: list[str], pipeline: str | None = None, min_score: float = DEFAULT_MIN_SCORE,
                   gazetteers: list | None = None, kinds: Iterable[str] = KINDS) -> SuggestRun:
    """Extract ``inputs`` with the pipeline (default: the shipped one; ``gazetteers`` replace its
    gazetteers), then ``suggest`` over the records."""
    res = api.resources(pipeline, gazetteers)
    records: list[dict[str, Any]] = []
    docs = failed = 0
    for result in api.run_documents(api.read_inputs(inputs, res.config), res):
        docs += 1
        failed += bool(result.errors and not result.records)
        records += [r.model_dump(mode="json") for r in result.records]
    before, after = api.kind_cues()
    out = suggest(records, res.gazetteer, min_score, kinds=kinds,
                  sentences=lambda t, lang: api.split_sentences(t, lang, res), cues=KindCues.build(before, after),
                  country_of=lambda lang: res.languages.get(lang).country)
    return SuggestRun(out.items, docs, failed, out.dropped)

