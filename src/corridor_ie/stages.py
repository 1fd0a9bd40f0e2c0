"""The built-in stages, in running order, with the options each reads from its pipeline-file table.

    RawDoc -screen-> RawDoc -extract-> CleanDoc -normalise-> CleanDoc -clean-> CleanDoc -language->
           SegmentedDoc -prefilter-> SegmentedDoc -segment-> SegmentedDoc -tag-> TaggedDoc -assemble-> records

``read`` turns inputs into RawDocs (it runs before the per-document recipe). Relevance is decided three
times by one rule (``gazetteer/relevance.py``), each a superset of the next: ``screen`` on the raw page
(before trafilatura), ``prefilter`` on the cleaned text (before tokens), ``tag`` on the entries chosen
for the mentions. A page found unrelated skips the stages after it; what is written for it is the
run's choice (``--unrelated stub|omit|full``: an article stub, nothing, or every stage as before).
Every stage but ``screen`` is built on the first document that reaches it (``lazy``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator

from .normalise import FIXERS
from .registry import StageSpec, register_stage


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoOptions(Options):
    pass


class NormaliseOptions(Options):
    steps: list[Literal[tuple(FIXERS)]] = Field(default_factory=lambda: list(FIXERS))  # type: ignore[valid-type]


class CleanOptions(Options):
    cue_files: list[str] = Field(default_factory=list)  # extra boilerplate cue files (TOML), added to the shipped ones
    fallback_min_ratio: float = Field(default=0.2, ge=0, le=1)  # keep the original when cleaning left less


class SegmentOptions(RootModel[dict[str, str]]):
    """``language code = segmenter`` (each language offers its own: vi underthesea, zh jieba, en spacy)."""

    model_config = ConfigDict(frozen=True)

    @field_validator("root")
    @classmethod
    def _known(cls, value: dict[str, str]) -> dict[str, str]:
        from .lang import REGISTERED

        for code, name in value.items():
            lang = REGISTERED.get(code)
            if lang is None:
                raise ValueError(f"{code}: no such language (known: {', '.join(sorted(REGISTERED))})")
            if name not in lang.segmenters:
                raise ValueError(f"{code}: no segmenter {name!r} for {lang.name} (known: {', '.join(lang.segmenters)})")
        return value


class TagOptions(Options):
    gazetteers: list[str] = Field(default_factory=lambda: ["../gazetteers"])  # files or folders (*.jsonl)
    fuzzy_threshold: float = Field(default=88.0, ge=0, le=100)  # rapidfuzz score for person links


class AssembleOptions(Options):
    records: list[Literal["conference", "official", "commitment"]] = Field(
        default_factory=lambda: ["conference", "official", "commitment"]
    )


# The factories, each importing its stage's module only when a pipeline is built.


def _screen(options, shared):
    from .screen.stage import make_screen

    return make_screen(options, shared)


def _extract(options, shared):
    from .ingest.stage import make_extract

    return make_extract(options, shared)


def _normalise(options, shared):
    from .ingest.stage import make_normalise

    return make_normalise(options, shared)


def _clean(options, shared):
    from .ingest.stage import make_clean

    return make_clean(options, shared)


def _check_clean(options, config) -> None:
    from .ingest.boilerplate import load_cues

    load_cues([config.resolve(p) for p in options.cue_files])  # the user's cue files, checked at load


def _language(options, shared):
    from .segment.stage import make_language

    return make_language(options, shared)


def _prefilter(options, shared):
    from .tag.prefilter import make_prefilter

    return make_prefilter(options, shared)


def _segment(options, shared):
    from .segment.stage import make_segment

    return make_segment(options, shared)


def _tag(options, shared):
    from .tag.stage import make_tag

    return make_tag(options, shared)


def _assemble(options, shared):
    from .assemble.stage import make_assemble

    return make_assemble(options, shared)


for _spec in (
    StageSpec("read", 0, NoOptions, None, "read inputs (files, folders, JSONL, WARC, stdin) into documents",
              required=True),
    StageSpec("screen", 1, NoOptions, _screen,
              "pages whose raw text names no corridor entity are ruled out before extraction"),
    StageSpec("extract", 2, NoOptions, _extract,
              "HTML to text with trafilatura (captions and metadata apart); plain text passes", required=True,
              lazy=True),
    StageSpec("normalise", 3, NormaliseOptions, _normalise,
              "Unicode NFC, spaces, line breaks, zero-width characters", lazy=True),
    StageSpec("clean", 4, CleanOptions, _clean,
              "remove site boilerplate and captions; read the dateline", renamed_from=(), lazy=True,
              check=_check_clean),
    StageSpec("language", 5, NoOptions, _language,
              "language of the body and of lines in another language; publication date", required=True,
              lazy=True),
    StageSpec("prefilter", 6, NoOptions, _prefilter,
              "pages whose cleaned text names no corridor entity skip the stages after it", lazy=True),
    StageSpec("segment", 7, SegmentOptions, _segment,
              "tokens and sentences, by the document's language", needs=("language",), lazy=True),
    StageSpec("tag", 8, TagOptions, _tag,
              "gazetteer names, persons, dates, editions, counts, gate pairs; relevance and its reasons",
              needs=("segment",), lazy=True),
    StageSpec("assemble", 9, AssembleOptions, _assemble,
              "conference, official and commitment records", needs=("tag",), renamed_from=("build",), lazy=True),
):
    register_stage(_spec)
