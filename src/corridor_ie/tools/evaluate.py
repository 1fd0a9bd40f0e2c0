"""Precision, recall and F1 against the gold in ``annotations/``.

Entities are scored per label and per language, exact (same span) and partial (overlapping span,
same label), plus how often an exactly matched gold entity got the right gazetteer id. Records are
matched per type (conferences by series and edition, officials by person id or name, commitments by
fuzzy action text) and scored per field: a field value the system states and the gold agrees with is
a true positive; a wrong or extra value a false positive; a gold value missed a false negative.
Commitments are also scored per language: recall, precision, and on matched pairs the share whose
sectors (the same set) and modality agree with the gold.

``--baseline underthesea`` scores ``underthesea.ner`` on the same gold (PERSON, PLACE, ORG).

Example:
    corridor-ie evaluate annotations/ --baseline underthesea
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .annotations import LABELS, GoldDoc, Span, anchor, load_gold, raw_document
from .identity import conference_key, same_action, same_official


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class CommitmentCounts:
    """Commitments of one language: found (recall), right (precision), and on matched pairs how often
    the sectors (the same set) and the modality agree with the gold."""

    gold: int = 0
    output: int = 0
    matched: int = 0
    sectors_same: int = 0
    modality_same: int = 0

    def shares(self) -> dict[str, float]:
        """recall, precision, sector_agreement, modality_agreement (0.0 where nothing to divide by)."""
        def share(n: int, d: int) -> float:
            return n / d if d else 0.0

        return {"recall": share(self.matched, self.gold), "precision": share(self.matched, self.output),
                "sector_agreement": share(self.sectors_same, self.matched),
                "modality_agreement": share(self.modality_same, self.matched)}

    def add(self, other: CommitmentCounts) -> None:
        for name in ("gold", "output", "matched", "sectors_same", "modality_same"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "output": self.output, "matched": self.matched,
                **{k: round(v, 3) for k, v in self.shares().items()}}


@dataclass
class Report:
    exact: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    partial: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_lang: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    ids: Counts = field(default_factory=Counts)  # tp: right id; fp: wrong id; fn: no id where gold has one
    records: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    fields: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    baseline: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    baseline_partial: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    documents: int = 0
    relevance: Counts = field(default_factory=Counts)  # tp: related page kept; fp: unrelated kept; fn: related skipped
    unrelated_skipped: int = 0
    problems: list[str] = field(default_factory=list)
    links: LinkCounts = field(default_factory=lambda: LinkCounts())  # person links (entities and officials)
    titles: TitleCounts = field(default_factory=lambda: TitleCounts())  # official titles as written
    commitments: dict[str, CommitmentCounts] = field(default_factory=lambda: defaultdict(CommitmentCounts))


# --- entities ---------------------------------------------------------------------------------

def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def score_spans(gold: list[Span], pred: list[Span], labels: Iterable[str]) -> tuple[dict, dict, list, list]:
    """Exact and partial counts per label, plus the gold spans missed and predictions unmatched."""
    exact: dict[str, Counts] = defaultdict(Counts)
    partial: dict[str, Counts] = defaultdict(Counts)
    misses, alarms = [], []
    for label in labels:
        g = [s for s in gold if s.label == label]
        p = [s for s in pred if s.label == label]
        gk = {(s.start, s.end) for s in g}
        pk = {(s.start, s.end) for s in p}
        exact[label] = Counts(len(gk & pk), len(pk - gk), len(gk - pk))
        used: set[int] = set()
        tp = 0
        for s in g:
            j = next((i for i, q in enumerate(p) if i not in used and _overlap(s, q)), None)
            if j is None:
                misses.append(f"{label} {s.text!r} @{s.start}")
            else:
                used.add(j)
                tp += 1
        for i, q in enumerate(p):
            if i not in used:
                alarms.append(f"{label} {q.text!r} @{q.start}")
        partial[label] = Counts(tp, len(p) - len(used), len(g) - tp)
    return exact, partial, misses, alarms


def _pred_spans(article: dict) -> list[Span]:
    return [Span(e["label"], e["start"], e["end"], e["text"], e.get("id"), e.get("value"))
            for e in article["entities"] if e["label"] in LABELS]


# --- records ----------------------------------------------------------------------------------

def _norm(s: Any) -> Any:
    if isinstance(s, str):
        return unicodedata.normalize("NFC", " ".join(s.split())).lower()
    if isinstance(s, list):
        return sorted(_norm(x) for x in s)
    return s


def _field(counts: dict[str, Counts], key: str, gold: Any, pred: Any) -> None:
    c = counts[key]
    g, p = _norm(gold), _norm(pred)
    if g in (None, []) and p in (None, []):
        return
    if g == p:
        c.tp += 1
    else:
        if p not in (None, []):
            c.fp += 1
        if g not in (None, []):
            c.fn += 1


def _ref_id(x: Any) -> Any:
    if isinstance(x, dict):
        return x.get("id") or x.get("name")
    return x


def _match(gold: list, pred: list, same) -> tuple[list[tuple[Any, Any]], list, list]:
    pairs, used = [], set()
    unmatched_gold = []
    for g in gold:
        j = next((i for i, p in enumerate(pred) if i not in used and same(g, p)), None)
        if j is None:
            unmatched_gold.append(g)
        else:
            used.add(j)
            pairs.append((g, pred[j]))
    return pairs, unmatched_gold, [p for i, p in enumerate(pred) if i not in used]


def score_records(gold: GoldDoc, records: list[dict], report: Report) -> None:
    by_type: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_type[r["record_type"]].append(r)

    def same_person(g, p) -> bool:
        return same_official(g.person_id, g.name, p.get("person_id"), p["name"])

    def same_edition(g, p) -> bool:
        return conference_key(g.series_id, g.edition) == conference_key(p["series_id"], p["edition"])

    def same_commitment(g, p) -> bool:
        return same_action(g.action, p["action"])

    def plain(name: str):
        return name, lambda g: getattr(g, name), lambda p: p.get(name)

    def ref(name: str):
        return name, lambda g: getattr(g, name), lambda p: _ref_id(p.get(name))

    # record type -> (gold records, same record?, how a miss is named, fields scored on matched pairs)
    specs = {
        "conference": (gold.conferences, same_edition,
                       None, [plain("status"), plain("format"), plain("start_date"), plain("end_date"),
                              ref("host"), ref("location")]),
        "official": (gold.officials, same_person, lambda r: repr(r["name"] if isinstance(r, dict) else r.name),
                     [plain("person_id"), plain("title"), ref("jurisdiction"), plain("country"),
                      ("roles", lambda g: g.roles, lambda p: p.get("roles", []))]),
        "commitment": (gold.commitments, same_commitment,
                       lambda r: repr((r["action"] if isinstance(r, dict) else r.action)[:60]),
                       [plain("modality"), plain("deadline"), ("sectors", lambda g: g.sectors, lambda p: p.get("sectors", [])),
                        ("actors", lambda g: g.actors, lambda p: [_ref_id(a) for a in p.get("actors", [])])]),
    }
    for kind, (golds, same, name, fields) in specs.items():
        pairs, unmatched_gold, unmatched_pred = _match(golds, by_type[kind], same)
        report.records[kind].add(Counts(len(pairs), len(unmatched_pred), len(unmatched_gold)))
        if name:
            report.misses += [f"{kind} {name(g)}" for g in unmatched_gold]
            report.false_alarms += [f"{kind} {name(p)}" for p in unmatched_pred]
        for g, p in pairs:
            for field_name, from_gold, from_pred in fields:
                _field(report.fields, f"{kind}.{field_name}", from_gold(g), from_pred(p))


# --- person links and official titles ---------------------------------------------------------

@dataclass
class LinkCounts:
    """Person links checked against the gold: ``right`` and ``wrong`` ids among linked mentions (and
    officials) whose gold names an id; ``unverified``: linked where the gold has no id."""

    right: int = 0
    wrong: int = 0
    unverified: int = 0
    wrong_examples: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"right": self.right, "wrong": self.wrong, "unverified": self.unverified,
                "precision": round(self.precision, 3), "wrong_examples": self.wrong_examples}


@dataclass
class TitleCounts:
    """Official titles: ``exact`` = written exactly as in the gold (spaces aside), over matched officials
    whose gold title is not null; ``contains`` = the output title contains the gold one."""

    exact: int = 0
    contains: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def rate(n: int) -> float:
            return round(n / self.total, 3) if self.total else 0.0

        return {"exact": self.exact, "contains": self.contains, "total": self.total,
                "exact_rate": rate(self.exact), "contains_rate": rate(self.contains), "misses": self.misses}


def _ws(s: str | None) -> str:
    return unicodedata.normalize("NFC", " ".join((s or "").split()))


def _link(counts: LinkCounts, gold_id: str | None, pred_id: str | None, what: str) -> None:
    if not pred_id:
        return
    if gold_id is None:
        counts.unverified += 1
    elif gold_id == pred_id:
        counts.right += 1
    else:
        counts.wrong += 1
        counts.wrong_examples.append(f"{what}: {pred_id} (gold {gold_id})")


def score_entity_links(gold_spans: list[Span], pred: list[Span], counts: LinkCounts, where: str = "") -> None:
    """Link precision over PERSON mentions: each linked prediction on a gold span's exact offsets."""
    by_span = {(s.start, s.end): s for s in gold_spans if s.label == "PERSON"}
    for p in pred:
        g = by_span.get((p.start, p.end)) if p.label == "PERSON" else None
        if g is not None:
            _link(counts, g.id, p.id, f"{where}{p.text!r}")


def score_officials(gold: GoldDoc, records: list[dict], links: LinkCounts, titles: TitleCounts,
                    where: str = "") -> None:
    """Link precision and title exact-match over the officials matched to the gold (as ``evaluate``
    matches them: by person id or folded name)."""
    officials = [r for r in records if r["record_type"] == "official"]
    pairs, _, _ = _match(gold.officials, officials,
                         lambda g, p: same_official(g.person_id, g.name, p.get("person_id"), p["name"]))
    for g, p in pairs:
        _link(links, g.person_id, p.get("person_id"), f"{where}official {p['name']!r}")
        if g.title is None:
            continue
        titles.total += 1
        got, want = _ws(p.get("title")), _ws(g.title)
        titles.exact += got == want
        titles.contains += bool(want) and want in got
        if got != want:
            titles.misses.append(f"{where}{p['name']}: {want!r} | {got!r}")
# --- commitments per language ----------------------------------------------------------------

def score_commitments(gold: GoldDoc, records: list[dict], report: Report) -> None:
    """Commitment recall, precision, sector and modality agreement of one document, under its language."""
    pred = [r for r in records if r["record_type"] == "commitment"]
    pairs, _, _ = _match(gold.commitments, pred, lambda g, p: same_action(g.action, p["action"]))
    c = report.commitments[gold.lang]
    c.gold += len(gold.commitments)
    c.output += len(pred)
    c.matched += len(pairs)
    c.sectors_same += sum(set(g.sectors) == set(p.get("sectors") or []) for g, p in pairs)
    c.modality_same += sum(g.modality == p.get("modality") for g, p in pairs)


def commitment_table(report: Report) -> list[str]:
    """Lines of the per-language commitment table."""
    lines = [f"{'commitments':<14}{'gold':>6}{'out':>6}{'R':>7}{'P':>7}{'sectors':>9}{'modality':>10}"]
    total = CommitmentCounts()
    for lang, c in sorted(report.commitments.items()):
        total.add(c)
        lines.append(_commitment_row(f"lang {lang}", c))
    if len(report.commitments) > 1:
        lines.append(_commitment_row("all", total))
    return lines


def _commitment_row(name: str, c: CommitmentCounts) -> str:
    r = c.shares()
    return (f"{name:<14}{c.gold:>6}{c.output:>6}{r['recall']:>7.2f}{r['precision']:>7.2f}"
            f"{r['sector_agreement']:>9.2f}{r['modality_agreement']:>10.2f}")


# --- baseline ---------------------------------------------------------------------------------

_NER_LABELS = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG"}
#: the languages each baseline's model reads (underthesea's NER is a Vietnamese model)
BASELINE_LANGUAGES = {"underthesea": frozenset({"vi"})}


def underthesea_spans(text: str, sentences: list[tuple[int, int]]) -> list[Span]:
    """``underthesea.ner`` mapped to our labels, with offsets found by aligning tokens to the text."""
    from underthesea import ner

    out: list[Span] = []
    for s, e in sentences:
        pos = s
        cur: list[Any] | None = None
        for tok, *_, tag in ner(text[s:e]):
            i = text.find(tok, pos, e)
            if i < 0:
                continue
            pos = i + len(tok)
            kind = tag[2:] if len(tag) > 2 else ""
            if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[0] != kind)):
                if cur:
                    out.append(cur[1])
                cur = [kind, Span(_NER_LABELS.get(kind, kind), i, pos, text[i:pos], None, None)]
            elif tag.startswith("I-") and cur is not None:
                sp = cur[1]
                cur[1] = Span(sp.label, sp.start, pos, text[sp.start:pos], None, None)
            else:
                if cur:
                    out.append(cur[1])
                cur = None
        if cur:
            out.append(cur[1])
    return [sp for sp in out if sp.label in ("PERSON", "PLACE", "ORG")]


# --- driver -----------------------------------------------------------------------------------

def evaluate(folder: Path | list[Path], *, baseline: str | None = None, pipeline: str | None = None,
             gazetteers: list[Path] | None = None) -> Report:
    from corridor_ie.api import process_document, resources, split_sentences

    res = resources(pipeline, gazetteers)
    report = Report()
    folders = folder if isinstance(folder, list) else [folder]
    for path in (p for f in folders for p in sorted(f.rglob("*.json"))):
        try:
            gold = load_gold(path)
            raw = raw_document(gold, folders)
            result = process_document(raw, res)
            if not result.records:
                raise ValueError(result.errors[0].reason if result.errors else "no records")
            article = result.records[0].model_dump(mode="json")
            others = [r.model_dump(mode="json") for r in result.records[1:]]
            gold_spans = anchor(article["text"], gold.entities)
        except ValueError as e:
            report.problems.append(str(e) if str(e).startswith(f"{path}:") else f"{path}: {e}")
            continue
        report.documents += 1
        if gold.relevant and article["relevant"]:
            report.relevance.tp += 1
        elif gold.relevant:
            report.relevance.fn += 1
        elif article["relevant"]:
            report.relevance.fp += 1
        else:  # an unrelated page, rightly skipped by the prefilter: nothing more to score
            report.unrelated_skipped += 1
            continue
        labels = sorted({s.label for s in gold_spans} | {"PERSON", "PLACE", "ORG", "DATE", "BORDER_GATE_PAIR"})
        exact, partial, misses, alarms = score_spans(gold_spans, _pred_spans(article), labels)
        for k, c in exact.items():
            report.exact[k].add(c)
            report.by_lang[gold.lang].add(c)
        for k, c in partial.items():
            report.partial[k].add(c)
        report.misses += [f"{path.name}: {m}" for m in misses]
        report.false_alarms += [f"{path.name}: {a}" for a in alarms]
        pred_by_span = {(s.start, s.end, s.label): s for s in _pred_spans(article)}
        for g in gold_spans:
            p = pred_by_span.get((g.start, g.end, g.label))
            if p is None or g.id is None:
                continue
            if p.id == g.id:
                report.ids.tp += 1
            elif p.id is None:
                report.ids.fn += 1
            else:
                report.ids.fp += 1
        score_records(gold, others, report)
        score_entity_links(gold_spans, _pred_spans(article), report.links, f"{path.name}: ")
        score_officials(gold, others, report.links, report.titles, f"{path.name}: ")
        score_commitments(gold, others, report)
        if baseline == "underthesea" and gold.lang in BASELINE_LANGUAGES[baseline]:
            text = article["text"]
            base = underthesea_spans(text, split_sentences(text, gold.lang))
            g3 = [s for s in gold_spans if s.label in ("PERSON", "PLACE", "ORG")]
            bexact, bpartial, _, _ = score_spans(g3, base, ("PERSON", "PLACE", "ORG"))
            for k, c in bexact.items():
                report.baseline[k].add(c)
            for k, c in bpartial.items():
                report.baseline_partial[k].add(c)
    return report


def as_json(report: Report) -> dict[str, Any]:
    return {
        "documents": report.documents,
        "relevance": report.relevance.as_dict(),
        "unrelated_skipped": report.unrelated_skipped,
        "entities": {"exact": {k: v.as_dict() for k, v in sorted(report.exact.items())},
                     "partial": {k: v.as_dict() for k, v in sorted(report.partial.items())},
                     "by_lang": {k: v.as_dict() for k, v in sorted(report.by_lang.items())},
                     "id_accuracy": report.ids.as_dict()},
        "records": {k: v.as_dict() for k, v in sorted(report.records.items())},
        "person_links": report.links.as_dict(),
        "official_titles": report.titles.as_dict(),
        "fields": {k: v.as_dict() for k, v in sorted(report.fields.items())},
        "commitments_by_lang": {k: v.as_dict() for k, v in sorted(report.commitments.items())},
        "baseline_underthesea": {"exact": {k: v.as_dict() for k, v in sorted(report.baseline.items())},
                                 "partial": {k: v.as_dict() for k, v in sorted(report.baseline_partial.items())}},
        "misses": report.misses,
        "false_alarms": report.false_alarms,
        "problems": report.problems,
    }


def as_table(report: Report) -> str:
    """Plain text tables (the figures quoted in the README)."""
    r = report.relevance
    lines = [f"documents: {report.documents} (unrelated pages rightly skipped by the prefilter: "
             f"{report.unrelated_skipped}; related pages skipped: {r.fn}; unrelated pages kept: {r.fp})", "",
             f"{'entities':<18}{'P':>7}{'R':>7}{'F1':>7}   {'P~':>6}{'R~':>6}{'F1~':>6}   (exact, ~ partial)"]
    for k in sorted(report.exact):
        e, p = report.exact[k], report.partial[k]
        lines.append(f"{k:<18}{e.precision:>7.2f}{e.recall:>7.2f}{e.f1:>7.2f}   "
                     f"{p.precision:>6.2f}{p.recall:>6.2f}{p.f1:>6.2f}")
    tot, totp = Counts(), Counts()
    for k in report.exact:
        tot.add(report.exact[k])
        totp.add(report.partial[k])
    lines.append(f"{'all':<18}{tot.precision:>7.2f}{tot.recall:>7.2f}{tot.f1:>7.2f}   "
                 f"{totp.precision:>6.2f}{totp.recall:>6.2f}{totp.f1:>6.2f}")
    for lang, c in sorted(report.by_lang.items()):
        lines.append(f"{'lang ' + lang:<18}{c.precision:>7.2f}{c.recall:>7.2f}{c.f1:>7.2f}")
    ids = report.ids
    lines.append(f"id accuracy on exact matches: {ids.tp}/{ids.tp + ids.fp + ids.fn}")
    if report.baseline:
        lines += ["", f"{'underthesea.ner':<18}{'P':>7}{'R':>7}{'F1':>7}   {'P~':>6}{'R~':>6}{'F1~':>6}   (vi only)"]
        for k in sorted(report.baseline):
            e, p = report.baseline[k], report.baseline_partial[k]
            lines.append(f"{k:<18}{e.precision:>7.2f}{e.recall:>7.2f}{e.f1:>7.2f}   "
                         f"{p.precision:>6.2f}{p.recall:>6.2f}{p.f1:>6.2f}")
    lines += ["", f"{'records':<26}{'P':>7}{'R':>7}{'F1':>7}"]
    for k, c in sorted(report.records.items()):
        lines.append(f"{k:<26}{c.precision:>7.2f}{c.recall:>7.2f}{c.f1:>7.2f}")
    lk, tt = report.links, report.titles
    lines += ["", f"person links: precision {lk.precision:.2f} ({lk.right} right, {lk.wrong} wrong;"
                  f" {lk.unverified} where the gold has no id)"]
    if tt.total:
        lines.append(f"official titles: exact {tt.exact / tt.total:.2f}, contains {tt.contains / tt.total:.2f}"
                     f" ({tt.total} matched officials with a gold title)")
    lines += ["", f"{'fields (matched records)':<26}{'P':>7}{'R':>7}{'F1':>7}"]
    for k, c in sorted(report.fields.items()):
        lines.append(f"{k:<26}{c.precision:>7.2f}{c.recall:>7.2f}{c.f1:>7.2f}")
    if report.commitments:
        lines += ["", *commitment_table(report)]
    if report.problems:
        lines += ["", "problems:"] + [f"  {p}" for p in report.problems]
    return "\n".join(lines)
