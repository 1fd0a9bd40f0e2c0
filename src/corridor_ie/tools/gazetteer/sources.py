"""Where ``gazetteer suggest`` finds names the gazetteer lacks: one collector per source, each reading the
records ``extract`` writes (so the suggestions can be tested on hand-written records).

- **mentions**: ``PERSON``, ``PLACE`` and ``ORG`` mentions of article records that link to no entry, or
  only fuzzily. A person name of one word, or one that is part of a longer person name of the same
  article ("Văn Kháng" beside "Bùi Văn Kháng"), is left out as truncated.
- **kind cues**: a capitalised name right after a word that tells a place's kind ("huyện", "cửa khẩu",
  the tagger's own cue table, ``api.kind_cues``) or right before one ("county", "border gate") that no
  mention covers: a new district, province, city or border gate, with the province named next to it in
  the sentence as its parent.
- **officials**: the ``organization`` of an official record when no ``ORG`` mention lies in it: the body
  as written, cut before the place it belongs to ("Ban Quản lý Dự án X tỉnh Y" → "Ban Quản lý Dự án X").
- **conferences**: the ``series_name`` of conference records whose ``series_status`` is
  ``"provisional"`` (a series read from the text, not from the gazetteer), with their members.
- **links**: a ``LINK`` mention (two sides across the border joined by a dash or "đến", "to") whose
  sides are, or are named like, a Vietnamese and a Chinese border gate that no ``gate_pair`` joins; and
  a tagged border gate joined by a dash to an untagged name that is a gate of the other country.

Every collector returns :class:`Candidate` objects; ``suggest.py`` turns them into suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from corridor_ie.gazetteer.model import LABEL_OF_TYPE, Entry
from corridor_ie.gazetteer.store import Gazetteer
from corridor_ie.normalise import has_han

from .validate import match_key

Sentences = Callable[[str, str], list[tuple[int, int]]]

MENTION_LABELS = ("PERSON", "PLACE", "ORG")
KIND_OF_LABEL = {"PERSON": "person", "PLACE": "place", "ORG": "org", "SERIES": "series",
                 "BORDER_GATE": "place", "BORDER_GATE_PAIR": "gate_pair"}
#: the entry type a kind cue points to ("city" is not an entry type: a new city is a ``place``)
TYPE_OF_CUE = {"province": "province", "district": "district", "city": "place", "border_gate": "border_gate"}
PLACE_TYPES = ("country", "province", "prefecture", "district", "place")
MAX_EXAMPLES = 3
MAX_EXAMPLE_CHARS = 240
MAX_NAME_WORDS = 5  # a name read after a kind cue is at most this many capitalised words
#: base confidence of a sighting, by how it was found (raised by more documents, see ``suggest``)
BASE_SCORE = {"mention": 0.8, "fuzzy": 0.8, "cue": 0.6, "official": 0.5, "conference": 0.7, "link": 0.8,
              "link_by_name": 0.6, "gate_dash": 0.7}


@dataclass(frozen=True)
class Sighting:
    """One place a candidate was seen: the document, the span (when known) and its sentence."""

    doc_id: str
    source: str | None
    start: int | None
    end: int | None
    text: str
    context: str


@dataclass
class Candidate:
    """A name (or gate pair) seen in one or more documents that the gazetteer lacks."""

    kind: str  # person | org | place | series | gate_pair
    label: str  # the mention label entries of this kind produce
    key: str  # what sightings are grouped by (the name's match key, or the two gate ids)
    method: str  # how it was found (a key of BASE_SCORE)
    spellings: Counter[str] = field(default_factory=Counter)
    sightings: list[Sighting] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    langs: Counter[str] = field(default_factory=Counter)  # the language of each spelling (an alias's list)
    countries: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)  # entry type votes (a place's kind)
    parents: Counter[str] = field(default_factory=Counter)
    members: Counter[str] = field(default_factory=Counter)  # series members
    gates: tuple[str, str] | None = None  # gate pair: (Vietnamese gate id, Chinese gate id)
    scores: list[float] = field(default_factory=list)
    count: int = 0

    @property
    def name(self) -> str:
        return self.spellings.most_common(1)[0][0]

    def see(self, doc: Article, surface: str, start: int | None, end: int | None, context: str,
            score: float) -> None:
        self.count += 1
        self.spellings[surface] += 1
        self.docs.add(doc.doc_id)
        self.scores.append(score)
        self.langs["zh" if has_han(surface) else doc.lang] += 1
        sighting = Sighting(doc.doc_id, doc.source, start, end, surface, context)
        if len(self.sightings) < MAX_EXAMPLES and all(s.context != context for s in self.sightings):
            self.sightings.append(sighting)


@dataclass
class Article:
    """An article record, with its sentences split on demand."""

    record: dict[str, Any]
    sentences_of: Sentences
    _sentences: list[tuple[int, int]] | None = None

    @property
    def doc_id(self) -> str:
        return str(self.record.get("doc_id"))

    @property
    def text(self) -> str:
        return self.record.get("text") or ""

    @property
    def lang(self) -> str:
        return self.record.get("lang") or "und"

    @property
    def source(self) -> str | None:
        src = self.record.get("source") or {}
        return src.get("path") if isinstance(src, dict) else None

    @property
    def entities(self) -> list[dict[str, Any]]:
        return [e for e in self.record.get("entities") or [] if isinstance(e, dict)]

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = self.sentences_of(self.text, self.lang) if self.text else []
        return self._sentences

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        return next(((s, e) for s, e in self.sentences if s <= start < e), (start, end))

    def context(self, start: int, end: int) -> str:
        """The sentence around a span, shortened around it when long, on one line."""
        s, e = sent = self.sentence(start, end)
        if e - s > MAX_EXAMPLE_CHARS:
            half = (MAX_EXAMPLE_CHARS - (end - start)) // 2
            s, e = max(s, start - half), min(e, end + half)
        out = " ".join(self.text[s:e].split())
        return ("…" if s > sent[0] else "") + out + ("…" if e < sent[1] else "")

    def covered_as(self, span: tuple[int, int], label: str) -> bool:
        return any(e.get("label") == label and e["start"] < span[1] and span[0] < e["end"] for e in self.entities)

    def covered(self, start: int, end: int) -> bool:
        """Whether a linked mention overlaps the span (its name is known)."""
        return any(e.get("id") and e["start"] < end and start < e["end"] for e in self.entities)


def clean_name(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text).split()))


def _group(out: dict[tuple[str, str], Candidate], kind: str, label: str, key: str, method: str) -> Candidate:
    return out.setdefault((kind, key), Candidate(kind, label, key, method))


# --- mentions -------------------------------------------------------------------------------------


def _wanted(ent: dict[str, Any]) -> bool:
    return ent.get("label") in MENTION_LABELS and (ent.get("id") is None or ent.get("method") == "fuzzy")


def _truncated(key: str, longer: Iterable[str]) -> bool:
    """A person key that is a strict run of words of another person name ("van khang" in "bui van khang")."""
    words = key.split()
    for other in longer:
        o = other.split()
        if len(o) > len(words) and any(o[i:i + len(words)] == words for i in range(len(o) - len(words) + 1)):
            return True
    return False


def _country_near(doc: Article, gaz: Gazetteer, start: int) -> str | None:
    """The country of the closest linked place before ``start`` in its sentence (a title's jurisdiction)."""
    s, _ = doc.sentence(start, start + 1)
    best: tuple[int, str] | None = None
    for ent in doc.entities:
        if ent.get("label") != "PLACE" or not ent.get("id") or not (s <= ent["start"] < start):
            continue
        entry = gaz.get(ent["id"])
        if entry is not None and entry.country and (best is None or ent["start"] > best[0]):
            best = (ent["start"], entry.country)
    return best[1] if best else None


def from_mentions(doc: Article, gaz: Gazetteer, out: dict[tuple[str, str], Candidate],
                  dropped: Counter[str]) -> None:
    wanted = [e for e in doc.entities if _wanted(e)]
    persons = {match_key(clean_name(e["text"])) for e in doc.entities if e.get("label") == "PERSON"}
    for ent in wanted:
        surface = clean_name(ent["text"])
        key = match_key(surface)
        if not key:
            continue
        if ent["label"] == "PERSON" and (len(key.split()) < 2 or _truncated(key, persons)):
            dropped["person name of one word, or part of a longer name in the same article"] += 1
            continue
        method = "fuzzy" if ent.get("method") == "fuzzy" else "mention"
        c = _group(out, KIND_OF_LABEL[ent["label"]], ent["label"], key, method)
        c.see(doc, surface, ent["start"], ent["end"], doc.context(ent["start"], ent["end"]),
              min(BASE_SCORE[method], float(ent.get("score") or BASE_SCORE[method])))
        country = _country_near(doc, gaz, ent["start"])
        if country:
            c.countries[country] += 1


# --- kind cues ------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_SPACES = re.compile(r"[ \t]+")


def _capitalised_after(text: str, pos: int, space: bool = True) -> tuple[int, int] | None:
    """The run of capitalised words starting at ``pos`` (after spaces, when ``space``), as a span, or None."""
    m = _SPACES.match(text, pos)
    start = m.end() if m else pos
    if space and start == pos:
        return None
    end, i, n = start, start, 0
    while n < MAX_NAME_WORDS and (w := _WORD.match(text, i)) and w.group()[0].isupper():
        end, n = w.end(), n + 1
        sp = _SPACES.match(text, end)
        if not sp:
            break
        i = sp.end()
    return (start, end) if n else None


_WORD_END = re.compile(r"[^\W\d_][\w'’-]*$")


def _capitalised_before(text: str, pos: int, space: bool = True) -> tuple[int, int] | None:
    """The run of capitalised words ending right before the spaces before ``pos`` (spaces needed when
    ``space``), as a span, or None."""
    end = len(text[:pos].rstrip(" \t"))
    if space and end == pos:
        return None
    start, n, cur = end, 0, end
    while n < MAX_NAME_WORDS:
        m = _WORD_END.search(text, max(0, cur - 60), cur)
        if not m or not m.group()[0].isupper() or (m.start() > 0 and (text[m.start() - 1].isalnum()
                                                                      or text[m.start() - 1] == "_")):
            break
        start, n = m.start(), n + 1
        gap_end = len(text[:start].rstrip(" \t"))
        if gap_end == start:
            break
        cur = gap_end
    return (start, end) if n else None


def _cue_pattern(words: Iterable[str], before: bool) -> re.Pattern[str] | None:
    spaced = sorted({w for w in words if not has_han(w)}, key=len, reverse=True)
    if not spaced:
        return None
    alts = "|".join(re.escape(w) for w in spaced)
    return re.compile(rf"(?<![\w])(?i:{alts})(?![\w])" if before else rf"(?<=[ \t])(?i:{alts})(?![\w])")


@dataclass(frozen=True)
class KindCues:
    """The tagger's kind cue words compiled for finding unknown names (words in Han script are left out:
    a Chinese name has no spaces to tell where it starts)."""

    before: tuple[tuple[str, re.Pattern[str]], ...]
    after: tuple[tuple[str, re.Pattern[str]], ...]
    tail: re.Pattern[str] | None = None  # kind words at the end of a phrase ("… tỉnh"), to cut them off

    @classmethod
    def build(cls, before: dict[str, list[str]], after: dict[str, list[str]]) -> KindCues:
        def compile_(table: dict[str, list[str]], is_before: bool) -> tuple[tuple[str, re.Pattern[str]], ...]:
            out = []
            for kind, words in table.items():
                if kind in TYPE_OF_CUE and (p := _cue_pattern(words, is_before)) is not None:
                    out.append((kind, p))
            return tuple(out)

        words = sorted({w for ws in before.values() for w in ws if not has_han(w)}, key=len, reverse=True)
        tail = re.compile(r"(?:[ \t]+(?i:" + "|".join(map(re.escape, words)) + r"))+[ \t]*$") if words else None
        return cls(compile_(before, True), compile_(after, False), tail)


def _parent_near(doc: Article, gaz: Gazetteer, start: int, end: int) -> Entry | None:
    """The province or prefecture named closest to the span in its sentence."""
    s, e = doc.sentence(start, end)
    best: tuple[int, Entry] | None = None
    for ent in doc.entities:
        entry = gaz.get(ent.get("id"))
        if entry is None or entry.type not in ("province", "prefecture", "district") or not (
                s <= ent["start"] and ent["end"] <= e):
            continue
        dist = ent["start"] - end if ent["start"] >= end else start - ent["end"]
        if dist >= 0 and (best is None or dist < best[0]):
            best = (dist, entry)
    return best[1] if best else None


def from_kind_cues(doc: Article, gaz: Gazetteer, cues: KindCues, known: dict[str, list[Entry]],
                   out: dict[tuple[str, str], Candidate]) -> None:
    text = doc.text
    spans: list[tuple[str, tuple[int, int]]] = []
    for kind, pattern in cues.before:
        for m in pattern.finditer(text):
            if (span := _capitalised_after(text, m.end())) is not None:
                spans.append((kind, span))
    for kind, pattern in cues.after:
        for m in pattern.finditer(text):
            if (span := _capitalised_before(text, m.start())) is not None:
                spans.append((kind, span))
    for kind, (start, end) in spans:
        surface = clean_name(text[start:end])
        key = match_key(surface)
        if len(surface) < 3 or not key or key in known or doc.covered(start, end):
            continue
        c = _group(out, "place", "BORDER_GATE" if kind == "border_gate" else "PLACE", key, "cue")
        c.see(doc, surface, start, end, doc.context(start, end), BASE_SCORE["cue"])
        c.types[TYPE_OF_CUE[kind]] += 1
        parent = _parent_near(doc, gaz, start, end)
        if parent is not None:
            c.parents[parent.id] += 1
            if parent.country:
                c.countries[parent.country] += 1


# --- officials' organisations ---------------------------------------------------------------------


def _find_in(doc: Article, needle: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    for s, e in spans or [(0, len(doc.text))]:
        i = doc.text.find(needle, s, e)
        if i >= 0:
            return i, i + len(needle)
    return None


def from_official(doc: Article, official: dict[str, Any], known: dict[str, list[Entry]], cues: KindCues | None,
                  out: dict[tuple[str, str], Candidate]) -> None:
    org = clean_name(official.get("organization") or "")
    if not org:
        return
    spans = [(e["start"], e["end"]) for e in official.get("evidence") or [] if isinstance(e, dict)]
    where = _find_in(doc, official.get("organization") or "", spans)
    if where is None:
        return
    start, end = where
    inner = [e for e in doc.entities if start <= e["start"] and e["end"] <= end]
    if any(e.get("label") == "ORG" for e in inner):
        return  # the body is known; the rest is its jurisdiction
    places = sorted((e["start"], e["end"]) for e in inner if e.get("label") in ("PLACE", "BORDER_GATE") and e.get("id"))
    pieces, pos = [], start
    for s, e in [*places, (end, end)]:
        pieces.append((pos, s))
        pos = max(pos, e)
    best: tuple[int, int, str] | None = None
    for s, e in pieces:
        piece = doc.text[s:e]
        if cues is not None and cues.tail is not None and e < end:
            piece = cues.tail.sub("", piece)  # the place's kind word before it ("tỉnh")
        first = next((w for w in _WORD.finditer(piece) if w.group()[0].isupper()), None)
        if first is None:
            continue
        skip = first.start()  # what comes before the first capitalised word ("'s" after a place)
        piece = piece[skip:].rstrip(" \t,;:-–'’")
        if piece and (best is None or len(piece.split()) > len(best[2].split())):
            best = (s + skip, s + skip + len(piece), piece)
    if best is None:
        return
    surface = clean_name(best[2])
    key = match_key(surface)
    acronym = len(surface) >= 2 and surface.isupper() and " " not in surface
    if not surface[0].isupper() or (len(surface.split()) < 2 and not acronym) or key in known:
        return
    c = _group(out, "org", "ORG", key, "official")
    c.see(doc, doc.text[best[0]:best[1]], best[0], best[1], doc.context(start, end), BASE_SCORE["official"])
    if official.get("country"):
        c.countries[official["country"]] += 1


# --- provisional series ---------------------------------------------------------------------------


def from_conference(doc: Article | None, conf: dict[str, Any], out: dict[tuple[str, str], Candidate]) -> None:
    if conf.get("series_status") != "provisional" or not conf.get("series_name"):
        return
    surface = clean_name(conf["series_name"])
    key = match_key(surface)
    if not key:
        return
    c = _group(out, "series", "SERIES", key, "conference")
    ev = next((e for e in conf.get("evidence") or [] if isinstance(e, dict)), None)
    where = doc or Article({"doc_id": conf.get("doc_id")}, lambda text, lang: [])
    if doc is not None and ev is not None:
        start, end = _find_in(doc, conf["series_name"], [(ev["start"], ev["end"])]) or (ev["start"], ev["end"])
        c.see(where, doc.text[start:end], start, end, doc.context(start, end), BASE_SCORE["conference"])
    else:
        context = " ".join(str(ev.get("text", "")).split()) if ev else surface
        c.see(where, surface, None, None, context, BASE_SCORE["conference"])
    for m in conf.get("members") or []:
        if isinstance(m, dict) and m.get("id"):
            c.members[m["id"]] += 1


# --- gate pairs -----------------------------------------------------------------------------------


def gates_named_like(gaz: Gazetteer, entry_id: str | None) -> list[Entry]:
    """The border gate ``entry_id`` is, or the gates that share a name with it (the province Lào Cai
    and the gate Lào Cai)."""
    e = gaz.get(entry_id)
    if e is None:
        return []
    if e.type == "border_gate":
        return [e]
    keys = {match_key(n) for _, n in e.all_names()}
    return [g for g in gaz.of_type("border_gate") if g.country == e.country
            and any(match_key(n) in keys for _, n in g.all_names())]


def pair_index(gaz: Gazetteer) -> set[frozenset[str]]:
    return {frozenset(e.gates) for e in gaz.of_type("gate_pair") if e.gates and len(e.gates) == 2}


def from_links(doc: Article, gaz: Gazetteer, pairs: set[frozenset[str]],
               out: dict[tuple[str, str], Candidate]) -> None:
    for ent in doc.entities:
        if ent.get("label") != "LINK" or ent.get("id") or not isinstance(ent.get("value"), list):
            continue
        sides = [s for s in ent["value"] if isinstance(s, str)]
        if len(sides) != 2:
            continue
        found = [gates_named_like(gaz, s) for s in sides]
        direct = all(gaz.get(s) is not None and gaz.get(s).type == "border_gate" for s in sides)  # type: ignore[union-attr]
        vn = [g for side in found for g in side if g.country == "VN"]
        cn = [g for side in found for g in side if g.country == "CN"]
        if len(vn) != 1 or len(cn) != 1 or frozenset((vn[0].id, cn[0].id)) in pairs:
            continue
        method = "link" if direct else "link_by_name"
        key = f"{vn[0].id}--{cn[0].id}"
        c = _group(out, "gate_pair", "BORDER_GATE_PAIR", key, method)
        c.gates = (vn[0].id, cn[0].id)
        c.see(doc, clean_name(ent["text"]), ent["start"], ent["end"], doc.context(ent["start"], ent["end"]),
              BASE_SCORE[method])


_DASH_AFTER = re.compile(r"[ \t]*[-–—－][ \t]*")
_DASH_BEFORE = re.compile(r"[ \t]*[-–—－][ \t]*$")


def _gates_by_words(text: str, span: tuple[int, int], known: dict[str, list[Entry]], country: str | None,
                    from_start: bool) -> tuple[list[Entry], tuple[int, int]] | None:
    """Border gates of another country than ``country`` named by the longest run of the span's words
    (read from its start, or from its end)."""
    words = list(_WORD.finditer(text, span[0], span[1]))
    for k in range(len(words), 0, -1):
        part = words[:k] if from_start else words[-k:]
        start, end = part[0].start(), part[-1].end()
        gates = [e for e in known.get(match_key(text[start:end]), []) if e.type == "border_gate"
                 and e.country and e.country != country]
        if gates:
            return gates, (start, end)
    return None


def from_gate_dashes(doc: Article, gaz: Gazetteer, known: dict[str, list[Entry]], pairs: set[frozenset[str]],
                     out: dict[tuple[str, str], Candidate]) -> None:
    """A tagged border gate joined by a dash to a name the tagger left alone that is a gate of the other
    country ("Kim Thành – Bắc Sơn" when no gate pair joins the two)."""
    text = doc.text
    for ent in doc.entities:
        gate = gaz.get(ent.get("id"))
        if ent.get("label") != "BORDER_GATE" or gate is None or gate.type != "border_gate" or not gate.country:
            continue
        found = None
        span: tuple[int, int] | None = None
        if (d := _DASH_AFTER.match(text, ent["end"])) and (run := _capitalised_after(text, d.end(), False)):
            found = _gates_by_words(text, run, known, gate.country, True)
            span = (ent["start"], found[1][1]) if found else None
        if found is None and (d := _DASH_BEFORE.search(text, 0, ent["start"])) and (
                run := _capitalised_before(text, d.start(), False)):
            found = _gates_by_words(text, run, known, gate.country, False)
            span = (found[1][0], ent["end"]) if found else None
        if found is None or span is None or len(found[0]) != 1 or doc.covered_as(span, "BORDER_GATE_PAIR"):
            continue
        other = found[0][0]
        vn, cn = (gate, other) if gate.country == "VN" else (other, gate)
        if {vn.country, cn.country} != {"VN", "CN"} or frozenset((vn.id, cn.id)) in pairs:
            continue
        c = _group(out, "gate_pair", "BORDER_GATE_PAIR", f"{vn.id}--{cn.id}", "gate_dash")
        c.gates = (vn.id, cn.id)
        c.see(doc, clean_name(text[span[0]:span[1]]), span[0], span[1], doc.context(*span), BASE_SCORE["gate_dash"])


# --- all together ---------------------------------------------------------------------------------


def known_names(gaz: Gazetteer) -> dict[str, list[Entry]]:
    """match key -> the entries that have that name or alias."""
    out: dict[str, list[Entry]] = {}
    for e in gaz.entries.values():
        for _, n in e.all_names():
            k = match_key(n)
            if k and e not in out.setdefault(k, []):
                out[k].append(e)
    return out


def collect(records: Iterable[dict[str, Any]], gaz: Gazetteer, sentences_of: Sentences,
            cues: KindCues | None = None) -> tuple[list[Candidate], Counter[str]]:
    """Every candidate of the records (article records first per document, as ``extract`` writes them),
    and the count of names left out by reason."""
    out: dict[tuple[str, str], Candidate] = {}
    dropped: Counter[str] = Counter()
    known = known_names(gaz)
    pairs = pair_index(gaz)
    articles: dict[str, Article] = {}
    for rec in _records(records):
        kind = rec.get("record_type", "article")
        doc = articles.get(str(rec.get("doc_id")))
        if kind == "article":
            doc = articles[str(rec.get("doc_id"))] = Article(rec, sentences_of)
            from_mentions(doc, gaz, out, dropped)
            if cues is not None:
                from_kind_cues(doc, gaz, cues, known, out)
            from_links(doc, gaz, pairs, out)
            from_gate_dashes(doc, gaz, known, pairs, out)
        elif kind == "official" and doc is not None:
            from_official(doc, rec, known, cues, out)
        elif kind == "conference":
            from_conference(doc, rec, out)
    return list(out.values()), dropped


def _records(records: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for r in records:
        if isinstance(r, dict):
            yield r


def label_of(entry: Entry) -> str:
    return LABEL_OF_TYPE[entry.type]
