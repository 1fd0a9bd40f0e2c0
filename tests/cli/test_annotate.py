"""``corridor-ie annotate export|import|config``: gold made in Label Studio. The tasks follow Label Studio's
JSON task format with the pipeline's mentions as predictions and match the labeling configuration; an
export edited as an annotator would (a region deleted, one relabelled, an id corrected, one added, a
note) comes back as a gold file that anchors in the document and that ``evaluate`` reads; offsets that do
not fit the text are an error naming the task; gold exported with ``--gold`` and imported back is
unchanged (a fixed point) and keeps its records."""

from __future__ import annotations

import copy
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app
from corridor_ie.tools.annotations import LABELS, anchor, load_gold

runner = CliRunner()
DOC = "examples/vi/joint-committee-14.txt"


def annotate(*args: str):
    return runner.invoke(app, ["annotate", *args])


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> tuple[Path, list[dict[str, Any]], str]:
    out = tmp_path_factory.mktemp("ls") / "tasks.json"
    r = annotate("export", str(repo / DOC), str(repo / "examples/batch/articles.jsonl"), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert r.stdout == f"wrote 4 task(s) to {out}; labeling configuration: {out.with_name('labeling-config.xml')}\n"
    return out, json.loads(out.read_text(encoding="utf-8")), out.with_name("labeling-config.xml").read_text("utf-8")


def as_label_studio_export(tasks: list[dict[str, Any]], edit=None) -> list[dict[str, Any]]:
    """What Label Studio's JSON export gives once an annotator started from the predictions (ids added)."""
    out = []
    for n, task in enumerate(copy.deepcopy(tasks), 1):
        result = copy.deepcopy(task["predictions"][0]["result"])
        if edit is not None:
            result = edit(task, result)
        out.append({"id": n, "data": task["data"], "predictions": task["predictions"], "project": 1,
                    "annotations": [{"id": 10 + n, "completed_by": 1, "result": result, "was_cancelled": False,
                                     "ground_truth": False, "created_at": "2025-01-02T10:00:00Z",
                                     "updated_at": "2025-01-02T10:05:00Z", "lead_time": 30.0, "task": n}]})
    return out


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_tasks_follow_the_label_studio_formats_and_match_the_config(exported, repo: Path) -> None:
    _, tasks, config = exported
    root = ET.fromstring(config)
    names = {el.get("name"): el.tag for el in root.iter() if el.get("name")}
    assert [lab.get("value") for lab in root.iter("Label")] == list(LABELS)
    assert names["text"] == "Text" and names["label"] == "Labels"
    source = tasks[0]["data"]
    assert (source["source"], source["item"], source["lang"]) == (DOC, None, "vi")
    assert [t["data"]["item"] for t in tasks[1:]] == [1, 2, 3]
    for task in tasks:
        text = task["data"]["text"]
        (pred,) = task["predictions"]
        assert pred["model_version"].startswith("corridor-ie ")
        regions = [r for r in pred["result"] if r["type"] == "labels"]
        assert regions
        for r in pred["result"]:
            assert r["to_name"] == "text" and names[r["from_name"]] in ("Labels", "TextArea", "Choices")
        for r in regions:
            v = r["value"]
            assert text[v["start"]:v["end"]] == v["text"] and v["labels"][0] in LABELS
        boxes = [r for r in pred["result"] if r["type"] == "textarea"]
        assert {b["id"] for b in boxes} <= {r["id"] for r in regions}  # per-region boxes share the region id
    khang = [r for r in tasks[0]["predictions"][0]["result"] if r["value"].get("text") == ["person.vn.bui-van-khang"]]
    assert khang and khang[0]["from_name"] == "entity_id"


def test_round_trip_with_an_annotators_edits(exported, tmp_path: Path, repo: Path) -> None:
    _, tasks, _ = exported
    text = tasks[0]["data"]["text"]
    gone: dict[str, Any] = {}

    def edit(task: dict[str, Any], result: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if task["data"]["source"] != DOC:
            return result
        labels = [r for r in result if r["type"] == "labels"]
        date = next(r for r in labels if r["value"]["labels"] == ["DATE"])
        gone.update(date["value"])
        result = [r for r in result if r["id"] != date["id"]]  # a false alarm deleted (its boxes too)
        org = next(r for r in labels if r["value"]["text"] == "Chính quyền Nhân dân")
        org["value"]["labels"] = ["PLACE"]  # relabelled
        for r in result:  # an id corrected in the region's text box
            if r["type"] == "textarea" and r["value"]["text"] == ["person.vn.bui-van-khang"]:
                r["value"]["text"] = ["person.vn.bui-van-khang-2"]
        i = text.index("nhận thức chung")
        result.append({"id": "new1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
                       "value": {"start": i, "end": i + 15, "text": "nhận thức chung", "labels": ["ORG"]}})
        result.append({"id": "notes1", "from_name": "notes", "to_name": "text", "type": "textarea",
                       "value": {"text": ["checked by hand"]}})
        return result

    export = write(tmp_path / "export.json", as_label_studio_export(tasks[:2], edit))
    out = tmp_path / "gold"
    r = annotate("import", str(export), "-o", str(out))
    assert r.exit_code == 0, r.output
    name = "vi__joint-committee-14.txt.json"
    assert f"wrote {out / name} (new, " in r.stdout
    gold = load_gold(out / name)
    assert gold.source == DOC and gold.notes == "checked by hand" and gold.relevant
    spans = anchor(text, gold.entities)  # every mention anchors in the text at the offsets the annotator saw
    got = {(s.start, s.end, s.label) for s in spans}
    assert (gone["start"], gone["end"], "DATE") not in got
    i = text.index("Chính quyền Nhân dân")
    assert (i, i + len("Chính quyền Nhân dân"), "PLACE") in got
    j = text.index("nhận thức chung")
    assert (j, j + 15, "ORG") in got
    assert [e.id for e in gold.entities if e.text == "Bùi Văn Kháng"] == ["person.vn.bui-van-khang-2"]
    second = [e for e in gold.entities if e.text == "Hà Giang"]
    assert [e.n for e in second] == list(range(1, len(second) + 1))
    from corridor_ie.tools.evaluate import evaluate

    report = evaluate([out])
    assert report.documents == 2 and report.problems == []


def test_gold_exported_and_imported_back_is_unchanged_and_keeps_its_records(tmp_path: Path, repo: Path) -> None:
    gold_dir = tmp_path / "annotations"
    shutil.copytree(repo / "annotations/examples", gold_dir)
    tasks_file = tmp_path / "tasks.json"
    r = annotate("export", str(repo / DOC), "-o", str(tasks_file), "--gold", str(gold_dir))
    assert r.exit_code == 0 and "(1 with their gold as an annotation)" in r.stdout
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    export = [{"id": 7, "data": t["data"], "annotations": [{"id": 1, "result": t["annotations"][0]["result"],
                                                            "was_cancelled": False}]} for t in tasks]
    name = "vi__joint-committee-14.txt.json"
    before = load_gold(gold_dir / name)
    r = annotate("import", str(write(tmp_path / "e.json", export)), "-o", str(gold_dir))
    assert r.exit_code == 0 and "(updated, " in r.stdout, r.output
    after = load_gold(gold_dir / name)
    key = lambda e: (e.label, e.text, e.n, e.id, json.dumps(e.value))  # noqa: E731
    assert sorted(map(key, after.entities)) == sorted(map(key, before.entities))
    assert (after.conferences, after.officials, after.commitments, after.notes) == (
        before.conferences, before.officials, before.commitments, before.notes)


def test_offsets_that_do_not_fit_the_text_are_an_error_naming_the_task(exported, tmp_path: Path) -> None:
    _, tasks, _ = exported

    def shift(task, result):
        for r in result:
            if r["type"] == "labels" and r["value"]["text"] == "Bùi Văn Kháng":
                r["value"]["start"] += 1
                r["value"]["end"] += 1
        return result

    out = tmp_path / "gold"
    r = annotate("import", str(write(tmp_path / "e.json", as_label_studio_export(tasks, shift))), "-o", str(out))
    assert r.exit_code == 1
    err = r.stderr.splitlines()
    assert err[0].startswith(f"corridor-ie: error: task 1 ({DOC}): region m") and \
        "PERSON 'Bùi Văn Kháng' at " in err[0] and ", but the text there is 'ùi Văn Kháng.'" in err[0]
    assert err[-1] == "nothing written: 1 task(s) with errors" and not out.exists()


def test_utf16_offsets_after_an_emoji_are_read(tmp_path: Path) -> None:
    src = tmp_path / "emoji.txt"
    src.write_text("😀 Chiều 13/11/2023, Hội nghị hợp tác hành lang kinh tế lần thứ 10 bế mạc tại Hà Nội. Ông Trần Sỹ"
                   " Thanh phát biểu.\n", encoding="utf-8")
    tasks_file = tmp_path / "tasks.json"
    assert annotate("export", str(src), "-o", str(tasks_file)).exit_code == 0
    (task,) = json.loads(tasks_file.read_text(encoding="utf-8"))

    def utf16(task, result):
        for r in result:
            if "start" in r["value"]:
                r["value"]["start"] += 1  # the emoji is two UTF-16 units
                r["value"]["end"] += 1
        return result

    r = annotate("import", str(write(tmp_path / "e.json", as_label_studio_export([task], utf16))), "-o",
                 str(tmp_path / "gold"))
    assert r.exit_code == 0, r.output
    (path,) = (tmp_path / "gold").glob("*.json")
    gold = load_gold(path)
    assert gold.source == src.resolve().as_posix()
    got = [(e.label, e.text) for e in gold.entities]
    assert {("DATE", "Chiều 13/11/2023"), ("PLACE", "Hà Nội"), ("PERSON", "Trần Sỹ Thanh")} <= set(got), got


def test_tasks_without_annotation_are_skipped_and_bad_labels_refused(exported, tmp_path: Path) -> None:
    _, tasks, _ = exported
    export = as_label_studio_export(tasks[:2])
    export[1]["annotations"][0]["was_cancelled"] = True
    r = annotate("import", str(write(tmp_path / "e.json", export)), "-o", str(tmp_path / "g"))
    assert r.exit_code == 0
    assert "skipped: task 2 (examples/batch/articles.jsonl#1): no annotation" in r.stderr
    assert len(list((tmp_path / "g").glob("*.json"))) == 1

    def two_labels(task, result):
        next(r for r in result if r["type"] == "labels")["value"]["labels"] = ["PERSON", "QUANTITY"]
        return result

    r = annotate("import", str(write(tmp_path / "e2.json", as_label_studio_export(tasks[:1], two_labels))),
                 "-o", str(tmp_path / "g2"))
    assert r.exit_code == 1 and "labels ['PERSON', 'QUANTITY'] (give exactly one of PERSON, PLACE" in r.stderr
    r = annotate("import", str(write(tmp_path / "e3.json", {"not": "an export"})), "-o", str(tmp_path / "g3"))
    assert r.exit_code == 1 and "not a task exported by `corridor-ie annotate export`" in r.stderr


def test_config_command_prints_the_xml() -> None:
    r = annotate("config")
    assert r.exit_code == 0 and ET.fromstring(r.stdout).tag == "View"
