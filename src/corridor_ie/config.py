"""Pipeline files (``pipelines/*.toml``): pure data, validated by pydantic; unknown keys are errors.

A pipeline names its stages in order and gives each its options in a table named after the stage.
Every key is read or rejected: top-level keys are ``name``, ``version``, ``stages``, ``limits`` and
one table per registered stage (``registry.py``), each validated by that stage's options schema.
Paths in it are relative to the pipeline file. Nothing in a pipeline file is executed: stage names
are looked up in the registry.

The default pipeline ships inside the package (``corridor_ie/pipelines/default.toml``, with the
default gazetteers beside it); in a checkout these are the repository's editable ``pipelines/`` and
``gazetteers/`` folders.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import registry
from .errors import ConfigError
from .tables import line_of


def default_pipeline_path() -> Path:
    """The shipped default pipeline (the repository's ``pipelines/default.toml`` in a checkout)."""
    return Path(str(files("corridor_ie.pipelines").joinpath("default.toml")))


class Limits(BaseModel):
    """Per-document limits. A document over a limit is reported in the errors file, never truncated."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_doc_bytes: int = Field(default=5_000_000, gt=0)  # one document's bytes before decoding
    max_file_bytes: int = Field(default=2_000_000_000, gt=0)  # a container file (JSONL/WARC) on disk
    max_decompressed_bytes: int = Field(default=500_000_000, gt=0)  # gzip output of one file
    max_html_depth: int = Field(default=500, gt=0)  # element nesting depth of an HTML page
    max_seconds: float = Field(default=60.0, gt=0)  # wall time per document (enforced in workers)
    max_memory_mb: int = Field(default=1024, gt=0)  # memory one document may add to its worker process
    max_html_elements: int = Field(default=50_000, gt=0)  # tags in one HTML page, counted before parsing
    max_html_attributes: int = Field(default=1_000, gt=0)  # attributes on one HTML tag, counted before parsing


class PipelineConfig(BaseModel):
    """A validated pipeline file. ``options`` holds every registered stage's options (defaults for the
    stages the file gives no table)."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
    name: str
    version: str = "1"
    stages: list[str]
    limits: Limits = Limits()
    options: dict[str, Any] = Field(default_factory=dict)
    base_dir: Path = Field(default_factory=lambda: default_pipeline_path().parent, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _stage_tables(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        fixed = {"name", "version", "stages", "limits", "options", "base_dir"}
        given = data.pop("options", {}) or {}
        options: dict[str, Any] = {}
        for key in [k for k in data if k not in fixed]:
            spec = registry.get(key)
            if spec is None and not isinstance(data[key], dict):
                raise ValueError(f"{key}: Extra inputs are not permitted")
            if spec is None:
                new = registry.renamed(key)
                raise ValueError(f"{key}: no such stage" + (f" (renamed to {new!r})" if new else "")
                                 + f" (stages: {', '.join(s.name for s in registry.ordered())})")
            options[key] = data.pop(key)
        built = {}
        for spec in registry.ordered():
            raw = given.get(spec.name) if spec.name in given else options.get(spec.name, {})
            try:
                built[spec.name] = raw if isinstance(raw, spec.options) else spec.options.model_validate(raw)
            except ValidationError as e:
                err = e.errors()[0]
                loc = ".".join(str(x) for x in err["loc"] if x != "root" and not isinstance(x, int))
                msg = err["msg"].removeprefix("Value error, ")
                raise ValueError(f"{spec.name}{'.' + loc if loc else ''}{':' if loc else '.'}{msg}"
                                 if not loc and ": " in msg else f"{spec.name}{'.' + loc if loc else ''}: {msg}") from None
        data["options"] = built
        return data

    @model_validator(mode="after")
    def _stage_list(self) -> PipelineConfig:
        names = {s.name for s in registry.ordered()}
        for name in self.stages:
            if name not in names:
                new = registry.renamed(name)
                raise ValueError(f"stages: no stage {name!r}" + (f" (renamed to {new!r})" if new else "")
                                 + f" (stages: {', '.join(s.name for s in registry.ordered())})")
        order = [registry.get(n).order for n in self.stages]
        if order != sorted(order) or len(set(self.stages)) != len(self.stages):
            raise ValueError("stages: each stage once, in this order: " + ", ".join(s.name for s in registry.ordered()))
        for spec in registry.ordered():
            if spec.required and spec.name not in self.stages:
                raise ValueError(f"stages: {spec.name!r} is required")
            missing = [n for n in spec.needs if spec.name in self.stages and n not in self.stages]
            if missing:
                raise ValueError(f"stages: {spec.name!r} needs {missing[0]!r} before it")
        return self

    def stage_options(self, name: str) -> Any:
        return self.options[name]

    def resolve(self, rel: str) -> Path:
        p = Path(rel)
        return p if p.is_absolute() else (self.base_dir / p).resolve()


def load_pipeline(path: str | Path | None = None) -> PipelineConfig:
    """Load and validate a pipeline file. Raises ``ConfigError`` as ``file:line: message``."""
    p = Path(path) if path else default_pipeline_path()
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
        import re

        m = re.search(r"line (\d+)", str(e))
        loc = f"{p}:{m.group(1)}" if m else str(p)
        raise ConfigError(f"not valid TOML: {e}", location=loc) from None
    try:
        return PipelineConfig.model_validate({**data, "base_dir": p.resolve().parent})
    except ValidationError as e:
        err = e.errors()[0]
        keys = [str(k) for k in err["loc"] if not isinstance(k, int)]
        msg = err["msg"].removeprefix("Value error, ")
        if keys:
            where = ".".join(keys)
            line = line_of(raw, keys[-1])
            msg = f"{where}: {msg}"
        else:  # raised by a validator: the message starts with the key it is about
            head = msg.split(":", 1)[0].split(".")
            line = line_of(raw, head[-1] if len(head) > 1 else head[0])
        raise ConfigError(msg, location=f"{p}:{line}", hint="see pipelines/README.md for the keys") from None
