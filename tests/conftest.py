"""Shared fixtures. The original articles are read from ../shared/seeds (never copied here)."""

from __future__ import annotations

import functools
import os
import tempfile
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO.parent / "shared" / "seeds"
EXAMPLES_DIR = REPO / "examples"

# compiled gazetteer tables go to a cache of the test session's own, never the user's ~/.cache
# (subprocesses started by tests inherit it)
os.environ["CORRIDOR_IE_CACHE"] = tempfile.mkdtemp(prefix="corridor-ie-test-cache-")


def _seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """All seed articles keyed by file name. Tests pick one by what it says, not by its name."""
    return {p.name: p.read_text(encoding="utf-8") for p in _seed_paths()}


def seed_containing(seed_texts: dict[str, str], *needles: str) -> str:
    """The one seed text that contains every needle (fails loudly if none or several do)."""
    hits = [t for t in seed_texts.values() if all(n in t for n in needles)]
    assert len(hits) == 1, f"expected one seed containing {needles!r}, found {len(hits)}"
    return hits[0]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: vowels with ^ ˘ ' precomposed, tone marks as combining characters
    (cp1258 cannot encode the precomposed toned letters of NFC Vietnamese)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS)) + tones)
    return "".join(out).encode("cp1258")


@functools.cache
def _languages():
    from corridor_ie.lang import build_languages

    return build_languages()


def language(code: str):
    """The shipped ``Language`` object of ``code`` (built once per test session, never mutated)."""
    return _languages().get(code)


def doc_context(t, res=None):
    """What the assemble stage hands its record builders for the tagged document ``t``."""
    from corridor_ie.api import resources
    from corridor_ie.assemble.stage import context_of

    res = res or resources()
    return context_of(t, res.languages.get(t.seg.lang), res.gazetteer, languages=list(res.languages))


def jsonl_case_params(path: Path) -> list:
    """The cases of a JSON Lines fixture file as pytest params named by ``id``; a case with
    ``known_failure`` runs as a strict xfail (its ``note`` says why)."""
    import json

    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [pytest.param(case, id=case["id"],
                         marks=[pytest.mark.xfail(strict=True, reason=case.get("note", ""))]
                         if case.get("known_failure") else [])
            for case in cases]


@pytest.fixture(scope="session")
def every_page(tmp_path_factory) -> str:
    """The default pipeline without its relevance stages, for cases that test recognisers on one
    sentence: a sentence naming only the two countries is not about the corridor
    (tests/cases/relevance.jsonl), and the default pipeline would stop before tagging it."""
    default = (REPO / "pipelines" / "default.toml").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("pipeline") / "every-page.toml"
    path.write_text(default.replace('"screen", ', "").replace('"prefilter", ', "").replace(
        '"../gazetteers"', f'"{REPO / "gazetteers"}"'), encoding="utf-8")
    return str(path)
