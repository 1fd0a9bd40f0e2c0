"""The cue words of the commitment builder, compiled once from ``data/commitments.toml`` (documented there).

Every pattern is case-insensitive and matches whole words in spaced languages (``cues.cue_re``).
``at_start`` patterns match at the start of a string (after spaces and punctuation), ``at_end`` ones
at its end, so the builder can ask "does this clause begin with an action verb?" without any cue word
in its control flow.

>>> c = commitment_cues("vi")
>>> c.modality_of("thống nhất"), c.modality_of("đề xuất")
('agreed', 'proposed')
>>> bool(c.verb_start.match("Tích cực thúc đẩy xây dựng"))
True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .cues import UNSPACED, cue_re

CUE_FILE = "commitments.toml"
MODALITIES = ("agreed", "proposed", "requested", "completed")
#: what may stand before a cue that anchors at the start of a clause
_LEAD = r"[\s,，:：;；\-–—\"“”‘’'.…]*"


def _alt(words: Iterable[str], lang: str) -> str:
    return cue_re(list(words), lang).pattern


def at_start(words: Iterable[str], lang: str) -> re.Pattern[str]:
    """``words`` at the start of a string, after spaces and punctuation."""
    return re.compile(_LEAD + "(" + _alt(words, lang) + ")", re.IGNORECASE)


def at_end(words: Iterable[str], lang: str) -> re.Pattern[str]:
    """``words`` at the end of a string, before trailing spaces."""
    return re.compile("(" + _alt(words, lang) + r")\s*$", re.IGNORECASE)


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("corridor_ie").joinpath("data", CUE_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _fold(word: str) -> str:
    return " ".join(word.casefold().split())


@dataclass(frozen=True, eq=False)
class CommitmentCues:
    """The compiled cues of one language."""

    lang: str
    modality: re.Pattern[str]
    modalities: dict[str, str]  # folded cue -> modality
    request_with_actor: frozenset[str]
    block_before: re.Pattern[str]
    block_after: re.Pattern[str]
    soft_after: re.Pattern[str]
    purpose: re.Pattern[str]
    purpose_window: int
    actor_start: re.Pattern[str]
    actor_any: re.Pattern[str]
    side_start: re.Pattern[str]
    side_end: re.Pattern[str]
    actor_not_after: re.Pattern[str]
    place_word_end: re.Pattern[str]
    openers: re.Pattern[str]
    examples: re.Pattern[str]
    separators: re.Pattern[str]
    vague_start: re.Pattern[str]
    vague_link: re.Pattern[str]
    cont_opener: re.Pattern[str]
    topic_start: re.Pattern[str]
    verb_start: re.Pattern[str]
    strong_verb_start: re.Pattern[str]
    verb_end: re.Pattern[str]
    adverbs: re.Pattern[str]
    hard_break: re.Pattern[str]
    hard_break_end: re.Pattern[str]
    anaphora: re.Pattern[str]
    strip: re.Pattern[str]
    deadline_before: re.Pattern[str]
    deadline_after: re.Pattern[str]
    projects: re.Pattern[str]
    project_stop: re.Pattern[str]
    project_before: re.Pattern[str]
    project_max_words: int
    completed_needs: frozenset[str]

    def modality_of(self, cue: str) -> str | None:
        """The modality a matched cue word gives."""
        return self.modalities.get(_fold(cue))

    def asks_actor(self, cue: str) -> bool:
        """Whether an actor right after this cue makes it a request ("đề nghị phía …")."""
        return _fold(cue) in self.request_with_actor

    @property
    def spaced(self) -> bool:
        return self.lang not in UNSPACED


def _get(raw: dict[str, Any], *path: str) -> Any:
    node: Any = raw
    for key in path:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return node


def _verb_start(verbs: list[str], adverbs: list[str], lang: str) -> re.Pattern[str]:
    adv = "(?:" + _alt(adverbs, lang) + r"[\s,]*)*" if adverbs else ""
    return re.compile(_LEAD + adv + "(" + _alt(verbs, lang) + ")", re.IGNORECASE)


def _block_after(words: list[str], punct: str, lang: str) -> re.Pattern[str]:
    marks = "[" + re.escape(punct) + "]|" if punct else ""
    return re.compile(r"\s*(?:" + marks + "$|" + _alt(words, lang) + ")", re.IGNORECASE)


@cache
def commitment_cues(lang: str) -> CommitmentCues:
    """The cues of ``lang`` (English cues for a language the file does not cover)."""
    raw = _raw()
    if lang not in _get(raw, "modality"):
        lang = "en"
    mod = _get(raw, "modality", lang)
    modalities = {_fold(w): m for m in MODALITIES for w in mod.get(m, [])}
    block = _get(raw, "blockers", lang)
    actors = _get(raw, "actors", lang)
    cont = _get(raw, "continuation", lang)
    verbs, nominal, adverbs = cont.get("verbs", []), cont.get("nominal_verbs", []), cont.get("adverbs", [])
    projects = _get(raw, "projects")
    deadline = _get(raw, "deadline")
    sides = actors.get("side", [])
    return CommitmentCues(
        lang=lang,
        modality=cue_re(list(modalities), lang),
        modalities=modalities,
        request_with_actor=frozenset(_fold(w) for w in _get(raw, "request_with_actor").get(lang, [])),
        block_before=at_end(block.get("before", []), lang),
        block_after=_block_after(block.get("after", []), block.get("after_punct", ""), lang),
        soft_after=re.compile(r"\s*[" + re.escape(block.get("soft_punct", "")) + "]") if block.get("soft_punct")
        else re.compile(r"(?!x)x"),
        purpose=cue_re(block.get("purpose", []), lang),
        purpose_window=int(block.get("purpose_window", 8)),
        actor_start=at_start(actors.get("phrases", []), lang),
        actor_any=cue_re(actors.get("phrases", []), lang),
        side_start=at_start(sides, lang) if sides else re.compile(r"(?!x)x"),
        side_end=at_end(sides, lang) if sides else re.compile(r"(?!x)x"),
        actor_not_after=at_end(actors.get("not_after", []), lang),
        place_word_end=at_end(actors.get("place_words", []), lang),
        openers=re.compile(_alt(_get(raw, "openers").get(lang, []), lang), re.IGNORECASE),
        examples=cue_re(_get(raw, "examples").get(lang, []), lang),
        separators=re.compile("|".join(re.escape(s) for s in _get(raw, "item_separators").get(lang, [","]))),
        vague_start=at_start(_get(raw, "vague").get(lang, []), lang),
        vague_link=cue_re(_get(raw, "vague_links").get(lang, []), lang),
        cont_opener=at_start(cont.get("openers", []), lang),
        topic_start=at_start(cont.get("topics", []), lang),
        verb_start=_verb_start(verbs + nominal, adverbs, lang),
        strong_verb_start=_verb_start([v for v in verbs if v not in nominal], adverbs, lang),
        verb_end=at_end(verbs + nominal, lang),
        adverbs=at_start(adverbs, lang),
        hard_break=at_start(cont.get("hard_breaks", []), lang),
        hard_break_end=re.compile("(?:" + _alt(cont.get("hard_breaks", []), lang) + r")[\s,，]*$", re.IGNORECASE),
        anaphora=cue_re(cont.get("anaphora", []), lang),
        strip=at_start(_get(raw, "strip").get(lang, []), lang),
        deadline_before=at_end(deadline.get(f"{lang}_before", []), lang),
        deadline_after=at_start(deadline.get(f"{lang}_after", []), lang),
        projects=cue_re(projects.get(lang, []), lang),
        project_stop=cue_re(projects.get(f"stop_{lang}", []), lang),
        project_before=at_end(projects.get(f"before_{lang}", []), lang),
        project_max_words=int(projects.get("max_words", 16)),
        completed_needs=frozenset(_get(raw, "completed").get("needs", [])),
    )
