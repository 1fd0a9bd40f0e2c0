"""Documents → Label Studio tasks with the pipeline's mentions as pre-annotations.

One task per document (Label Studio's basic JSON task format, a list of ``{"data", "predictions"}``)::

    {"data": {"text": "<cleaned text>", "title": "...", "source": "examples/vi/x.txt", "item": null,
              "lang": "vi", "published": null, "doc_id": "...", "relevant": true},
     "predictions": [{"model_version": "corridor-ie 0.1.0 (default@1, gazetteer 3f73…)", "score": 0.97,
                      "result": [{"id": "m0", "from_name": "label", "to_name": "text", "type": "labels",
                                  "value": {"start": 4, "end": 13, "text": "Bùi Văn A", "labels": ["PERSON"]},
                                  "score": 1.0},
                                 {"id": "m0", "from_name": "entity_id", "to_name": "text", "type": "textarea",
                                  "value": {"start": 4, "end": 13, "text": ["person.vn.a"]}}, ...]}]}

Offsets are in characters (code points) of ``data.text``. With ``gold`` folders, a document that already
has a gold file gets it as an ``annotations`` entry too, so an annotator corrects it instead of starting
again.

Example:
    corridor-ie annotate export examples/vi -o out/tasks.json
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corridor_ie import __version__, api
from corridor_ie.ingest.readers import ReadFailure

from ..annotations import LABELS, GoldDoc, anchor, load_gold
from .config import ABOUT, ENTITY_ID, ENTITY_VALUE, LABEL, NOT_ABOUT, NOTES, RELEVANT, TEXT
from .gold import gold_file_name, gold_source


def value_text(value: Any) -> str:
    """An entity value as the per-region text box shows it (JSON for a list, the string otherwise)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def regions(prefix: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Label Studio results for entity spans (``label``, ``start``, ``end``, ``text``, ``id``, ``value``)."""
    out: list[dict[str, Any]] = []
    for i, s in enumerate(spans):
        rid = f"{prefix}{i}"
        where = {"start": s["start"], "end": s["end"]}
        label = {"id": rid, "from_name": LABEL, "to_name": TEXT, "type": "labels",
                 "value": {**where, "text": s["text"], "labels": [s["label"]]}}
        if s.get("score") is not None:
            label["score"] = s["score"]
        out.append(label)
        for name, text in ((ENTITY_ID, s.get("id") or ""), (ENTITY_VALUE, value_text(s.get("value")))):
            if text:
                out.append({"id": rid, "from_name": name, "to_name": TEXT, "type": "textarea",
                            "value": {**where, "text": [text]}})
    return out


def document_results(relevant: bool, notes: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"id": "doc-relevant", "from_name": RELEVANT, "to_name": TEXT, "type": "choices",
                                  "value": {"choices": [ABOUT if relevant else NOT_ABOUT]}}]
    if notes:
        out.append({"id": "doc-notes", "from_name": NOTES, "to_name": TEXT, "type": "textarea",
                    "value": {"text": [notes]}})
    return out


def _gold_for(folders: list[Path], source: str, item: int | None) -> tuple[Path, GoldDoc] | None:
    name = gold_file_name(source, item)
    for folder in folders:
        for path in sorted(folder.rglob(name)):
            gold = load_gold(path)
            if gold.source == source and gold.item == item:
                return path, gold
    return None


@dataclass
class ExportRun:
    tasks: list[dict[str, Any]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "location: reason"
    with_gold: int = 0


def export_tasks(inputs: list[str], pipeline: str | None = None, gazetteers: list[Path] | None = None,
                 gold: list[Path] | None = None) -> ExportRun:
    """Label Studio tasks for every document of ``inputs`` (failures listed, not exported)."""
    res = api.resources(pipeline, gazetteers)
    run = ExportRun()
    for raw in api.read_inputs(inputs, res.config):
        if isinstance(raw, ReadFailure):
            run.failed.append(f"{raw.source.location}: {raw.error}")
            continue
        result = api.process_document(raw, res)
        if not result.records:
            run.failed.append(f"{raw.source.location}: {result.errors[0].reason if result.errors else 'no records'}")
            continue
        article = result.records[0].model_dump(mode="json")
        task = make_task(article, raw.source.path, raw.source.item, _day(raw.meta.published), res.name)
        found = _gold_for(gold or [], task["data"]["source"], raw.source.item)
        if found is not None:
            path, g = found
            try:
                spans = [asdict(s) for s in anchor(article["text"], g.entities)]
            except ValueError as e:
                run.failed.append(f"{path}: {e} (the gold no longer fits the text; exported without it)")
            else:
                task["annotations"] = [{"result": regions("g", spans) + document_results(g.relevant, g.notes),
                                        "ground_truth": False}]
                run.with_gold += 1
        run.tasks.append(task)
    return run


def _day(published: str | None) -> str | None:
    """The date part of a timestamp the input states ("2024-03-19T16:10:00+07:00" -> "2024-03-19")."""
    m = re.match(r"\d{4}(-\d{2}(-\d{2})?)?", published or "")
    return m.group() if m else None


def make_task(article: dict[str, Any], path: str, item: int | None, published: str | None,
              pipeline_name: str) -> dict[str, Any]:
    text = article["text"]
    spans = [e for e in article.get("entities") or [] if e.get("label") in LABELS and text[e["start"]:e["end"]] == e["text"]]
    scores = [float(e.get("score") or 0) for e in spans]
    data = {"text": text, "title": article.get("title") or Path(path).name, "source": gold_source(path),
            "item": item, "lang": article.get("lang"), "published": published,
            "doc_id": article.get("doc_id"), "relevant": bool(article.get("relevant", True))}
    prediction = {"model_version": f"corridor-ie {__version__} ({pipeline_name}, gazetteer "
                                   f"{article.get('gazetteer_version')})",
                  "score": round(sum(scores) / len(scores), 3) if scores else 0.0,
                  "result": regions("m", spans) + document_results(data["relevant"], None)}
    return {"data": data, "predictions": [prediction]}


def iter_json(tasks: list[dict[str, Any]]) -> Iterator[str]:
    yield "[\n"
    for i, t in enumerate(tasks):
        yield json.dumps(t, ensure_ascii=False) + (",\n" if i < len(tasks) - 1 else "\n")
    yield "]\n"
