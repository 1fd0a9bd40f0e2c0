"""The README's Annotators section runs as written: its ``sh`` blocks are executed with bash, in order,
from a scratch folder that sees the checkout's examples/, gazetteers/, annotations/, docs/ and .venv/
(outputs go to its own out/), and what each step promises is checked."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from corridor_ie.tools.annotations import load_gold


def annotator_blocks(readme: str) -> list[str]:
    start = readme.index("\n## Annotators")
    end = readme.index("\n## ", start + 1)
    return re.findall(r"```sh\n(.*?)```", readme[start:end], re.S)


@pytest.mark.slow
def test_annotator_walkthrough_runs_on_the_examples(tmp_path: Path, repo: Path) -> None:
    if not (repo / ".venv" / "bin" / "corridor-ie").exists():
        pytest.skip("the README's commands run .venv/bin/corridor-ie (make setup)")
    blocks = annotator_blocks((repo / "README.md").read_text(encoding="utf-8"))
    assert len(blocks) == 2
    for name in ("examples", "gazetteers", "annotations", "docs", ".venv"):
        (tmp_path / name).symlink_to(repo / name)
    for block in blocks:
        r = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=tmp_path, capture_output=True, text=True,
                           timeout=600, check=False)
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    out = tmp_path / "out"
    suggestions = [json.loads(x) for x in (out / "suggestions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [s["name"] for s in suggestions if s["decision"] == "accept"] == ["Bùi Văn Kháng"]
    assert (out / "review" / "index.html").is_file() and len(list((out / "review").glob("0*.html"))) == 10
    persons = (out / "gazetteers" / "persons.jsonl").read_text(encoding="utf-8")
    assert '"Bùi Văn Kháng"' in persons and '"Bùi Văn Kháng"' not in (repo / "gazetteers/persons.jsonl").read_text(
        encoding="utf-8")  # the working copy was edited, not the shipped gazetteer
    article = next(json.loads(x) for x in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
                   if "Bùi Văn Kháng" in x and '"record_type":"article"' in x)
    khang = [e for e in article["entities"] if e["text"] == "Bùi Văn Kháng"]
    assert khang and khang[0]["method"] == "gazetteer"  # linked exactly now, no longer fuzzily
    tasks = json.loads((out / "tasks.json").read_text(encoding="utf-8"))
    assert len(tasks) == 5 and (out / "labeling-config.xml").is_file()
    gold = load_gold(out / "gold" / "batch__articles.jsonl#1.json")
    assert gold.entities and gold.source == "examples/batch/articles.jsonl" and gold.item == 1
