"""The built-in stages, in running order, with the options each reads from its pipeline-file table.

    RawDoc -extract-> CleanDoc -normalise-> CleanDoc -clean-> CleanDoc -language-> SegmentedDoc
           -prefilter-> SegmentedDoc -segment-> SegmentedDoc -tag-> TaggedDoc -assemble-> records

``read`` turns inputs into RawDocs (it runs before the per-document recipe). A page the prefilter or
the tagger finds unrelated skips the stages after it; its article record is still written.
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


def _extract(options, shared):
    from .ingest.stage import make_extract

    return make_extract(options, shared)


def _normalise(options, shared):
    from .ingest.stage import make_normalise

    return make_normalise(options, shared)


def _clean(options, shared):
    from .ingest.stage import make_clean

    return make_clean(options, shared)


def _language(options, shared):
    from .segment.stage import make_language

    return make_language(options, shared)


def _prefilter(options, shared):
    from .tag.stage import make_prefilter

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
    StageSpec("extract", 1, NoOptions, _extract,
              "HTML to text with trafilatura (captions and metadata apart); plain text passes", required=True),
    StageSpec("normalise", 2, NormaliseOptions, _normalise,
              "Unicode NFC, spaces, line breaks, zero-width characters"),
    StageSpec("clean", 3, CleanOptions, _clean,
              "remove site boilerplate and captions; read the dateline", renamed_from=()),
    StageSpec("language", 4, NoOptions, _language,
              "language of the body and of lines in another language; publication date", required=True),
    StageSpec("prefilter", 5, NoOptions, _prefilter,
              "pages that name no corridor entity skip the stages after it"),
    StageSpec("segment", 6, SegmentOptions, _segment,
              "tokens and sentences, by the document's language", needs=("language",)),
    StageSpec("tag", 7, TagOptions, _tag,
              "gazetteer names, persons, dates, editions, counts, gate pairs", needs=("segment",)),
    StageSpec("assemble", 8, AssembleOptions, _assemble,
              "conference, official and commitment records", needs=("tag",), renamed_from=("build",)),
):
    register_stage(_spec)
