"""A language is one module plus its data files: a toy fourth language, written here, is picked up by
every stage without any stage being edited; and the shipped languages are built once, immutable and
safe to share between threads."""

from __future__ import annotations

import importlib
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from corridor_ie.api import raw_text, resources
from corridor_ie.config import load_pipeline
from corridor_ie.lang import REGISTERED, build_languages
from corridor_ie.output import record_json
from corridor_ie.pipeline import load_resources, process_document

TOY_MODULE = '''
"""Toy: a made-up language for the test (dates d.m.y, editions "numero N", "Sinjoro" before names)."""

import re
from pathlib import Path

from corridor_ie.lang import DateRule, DateWords, Language, PersonCandidate, register_language
from corridor_ie.lang import dateparts as dp


@register_language
class Toy(Language):
    code = "xx"
    name = "Toy"
    data = Path(__file__).with_name("toy_data")

    def split_line(self, line):
        return [s for s in re.split(r"(?<=[.!])\\s+", line) if s]

    def date_rules(self):
        return (DateRule(re.compile(rf"{dp.NB}{dp.num('d1')}\\.{dp.num('m1')}\\.{dp.year('y1')}{dp.END}")),)

    def date_words(self):
        return DateWords({}, {}, {})

    def edition_patterns(self):
        return (re.compile(r"(?<!\\w)numero (?P<num>\\d{1,3})(?!\\d)"),)

    def person_candidates(self, text, titles, forbidden, places=()):
        return [PersonCandidate(m.start(1), m.end(1), "honorific", 0.9)
                for m in re.finditer(r"Sinjoro ((?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+)", text)]
'''

TOY_EVENTS = """
future = ["okazos"]
[nouns]
conference = ["kunveno"]
[location]
cues = ["en"]
[conference]
heads = ["kunveno"]
# "kunveno numero N de <series>": the name runs from the head noun before the edition, on after "de"
continuations = ["de"]
stops = ["komencis"]
"""

TOY_COMMITMENTS = """
[modality]
agreed = ["konsentis"]
[actors]
phrases = ["ambaux flankoj"]
[continuation]
verbs = ["plibonigi"]
"""

TOY_SECTORS = """
[sectors]
border_management = ["landlimaj pordegoj"]
"""

TEXT = ("La kunveno numero 7 de Economic Corridor Cooperation Conference komencis 13.11.2024 en Lao Cai. "
        "Sinjoro Tran Van Hoa parolis. Ambaux flankoj konsentis plibonigi la landlimaj pordegoj.")


@pytest.fixture()
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The toy language as a module on the path with its data folder; registered for this test only."""
    (tmp_path / "corridor_toy.py").write_text(TOY_MODULE, encoding="utf-8")
    data = tmp_path / "toy_data"
    data.mkdir()
    for name, body in (("events.toml", TOY_EVENTS), ("commitments.toml", TOY_COMMITMENTS),
                       ("sectors.toml", TOY_SECTORS)):
        (data / name).write_text(textwrap.dedent(body), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    saved = dict(REGISTERED)
    sys.modules.pop("corridor_toy", None)
    importlib.import_module("corridor_toy")
    yield REGISTERED["xx"]
    REGISTERED.clear()
    REGISTERED.update(saved)
    sys.modules.pop("corridor_toy", None)


def test_a_toy_language_needs_no_stage_edited(toy):
    res = load_resources(load_pipeline())
    assert res.languages.get("xx").name == "Toy"
    result = process_document(raw_text(TEXT, lang="xx"), res)
    assert not result.errors
    article, *records = result.records
    assert article.lang == "xx" and article.relevant
    by_label = {(e.label, e.text) for e in article.entities}
    assert ("DATE", "13.11.2024") in by_label
    assert ("EDITION", "numero 7") in by_label
    assert ("PERSON", "Tran Van Hoa") in by_label
    (conf,) = [r for r in records if r.record_type == "conference"]
    assert (conf.series_id, conf.edition, conf.status, conf.start_date) == (
        "series.economic-corridor", 7, "reported", "2024-11-13")
    assert conf.location is not None and conf.location.id == "vn.prov.lao-cai"
    (com,) = [r for r in records if r.record_type == "commitment"]
    assert (com.modality, com.sectors) == ("agreed", ["border_management"])
    assert com.action.startswith("plibonigi")


def test_without_the_module_the_same_text_gets_the_neutral_language():
    res = resources()
    assert res.languages.get("xx").code == "und"
    article, *records = process_document(raw_text(TEXT, lang="xx"), res).records
    assert not any(e.label in ("DATE", "EDITION", "PERSON") for e in article.entities)
    assert not [r for r in records if r.record_type == "commitment"]


def test_a_pipeline_may_name_only_registered_languages_and_their_segmenters(tmp_path):
    from corridor_ie.errors import ConfigError

    with pytest.raises(ConfigError, match="segment.xx: no such language"):
        build_languages({"xx": "regex"})
    with pytest.raises(ConfigError, match="segment.vi: no segmenter 'jieba' for Vietnamese"):
        build_languages({"vi": "jieba"})


def test_languages_are_built_once_and_shared():
    res = resources()
    assert res.languages.get("vi") is res.languages.get("vi-VN")
    assert res.languages.get("zh-Hant").code == "zh"


def test_documents_in_threads_give_what_they_give_alone():
    """No per-document state outside the arguments: four threads over one set of resources give, for
    each document, the records it gives on its own."""
    examples = sorted((Path(__file__).resolve().parents[2] / "examples").rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in examples] * 3
    res = resources()

    def run(text: str) -> list[str]:
        return [record_json(r) for r in process_document(raw_text(text), res).records]

    alone = [run(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(run, texts))
    assert together == alone
