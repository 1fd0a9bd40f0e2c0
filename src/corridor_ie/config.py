"""Pipeline files (``pipelines/*.toml``): pure data, validated by pydantic; unknown keys are errors.

A pipeline names its stages in order and gives each its options. Paths in it are relative to the
pipeline file. Nothing in a pipeline file is executed: stage names are looked up in a fixed registry.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PIPELINE = REPO_ROOT / "pipelines" / "default.toml"


class Limits(BaseModel):
    """Per-document limits. A document over a limit is reported in the errors file, never truncated."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_doc_bytes: int = Field(default=5_000_000, gt=0)  # one document's bytes before decoding
    max_file_bytes: int = Field(default=2_000_000_000, gt=0)  # a container file (JSONL/WARC) on disk
    max_decompressed_bytes: int = Field(default=500_000_000, gt=0)  # gzip output of one file
    max_html_depth: int = Field(default=500, gt=0)  # element nesting depth of an HTML page
    max_seconds: float = Field(default=60.0, gt=0)  # wall time per document (enforced in workers)


class CleanOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    cue_files: list[str] = Field(default_factory=list)  # extra boilerplate cue files (TOML), added to the shipped ones
    fallback_min_ratio: float = Field(default=0.2, ge=0, le=1)  # keep the original when cleaning left less


class SegmentOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    vi: Literal["underthesea"] = "underthesea"
    zh: Literal["jieba"] = "jieba"
    en: Literal["spacy"] = "spacy"


class TagOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    gazetteers: list[str] = Field(default_factory=lambda: ["../gazetteers"])
    fuzzy_threshold: float = Field(default=88.0, ge=0, le=100)  # rapidfuzz score for person links
    prefilter: bool = True  # skip the expensive stages on pages that name no corridor entity


class BuildOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    records: list[Literal["conference", "official", "commitment"]] = Field(
        default_factory=lambda: ["conference", "official", "commitment"]
    )


StageName = Literal["read", "clean", "normalise", "segment", "tag", "build"]


class PipelineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    version: str = "1"
    stages: list[StageName]
    limits: Limits = Limits()
    clean: CleanOptions = CleanOptions()
    segment: SegmentOptions = SegmentOptions()
    tag: TagOptions = TagOptions()
    build: BuildOptions = BuildOptions()
    base_dir: Path = Field(default=REPO_ROOT / "pipelines", exclude=True)

    def resolve(self, rel: str) -> Path:
        p = Path(rel)
        return p if p.is_absolute() else (self.base_dir / p).resolve()


def _line_of(text: str, key: str) -> int:
    """Best-effort line number of a TOML key, for ``file:line: message`` errors."""
    k = re.escape(key)
    pat = re.compile(rf"^[ \t]*{k}[ \t]*[=.]|^[ \t]*\[(?:[\w.]+\.)?{k}[.\]]", re.M)
    m = pat.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def load_pipeline(path: str | Path | None = None) -> PipelineConfig:
    """Load and validate a pipeline file. Raises ``ConfigError`` as ``file:line: message``."""
    p = Path(path) if path else DEFAULT_PIPELINE
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read pipeline file ({e.strerror or e})", location=str(p)) from None
    except UnicodeDecodeError as e:
        line = p.read_bytes()[: e.start].count(b"\n") + 1
        raise ConfigError("not UTF-8 text", location=f"{p}:{line}", hint="save the file as UTF-8") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        loc = f"{p}:{m.group(1)}" if m else str(p)
        raise ConfigError(f"not valid TOML: {e}", location=loc) from None
    try:
        return PipelineConfig.model_validate({**data, "base_dir": p.resolve().parent})
    except ValidationError as e:
        err = e.errors()[0]
        keys = [str(k) for k in err["loc"] if not isinstance(k, int)]
        where = ".".join(keys) or "(top level)"
        line = _line_of(raw, keys[-1]) if keys else 1
        raise ConfigError(
            f"{where}: {err['msg']}", location=f"{p}:{line}", hint="see pipelines/README.md for the keys"
        ) from None
