"""The stage registry: the names a pipeline file may list, each with its options schema and the
factory that builds it (spaCy's factories are the model).

A factory is called once per pipeline, with the stage's validated options and the pipeline's shared
resources (``Shared``: languages, gazetteer, limits), and returns the stage: a plain function from one
document to the next (``RawDoc -> CleanDoc -> … -> TaggedDoc``) or, for ``assemble``, to records. The
built-in stages are registered in ``stages.py``, whose factories import their stage's module only when
a pipeline is built, so reading a pipeline file stays cheap.

A ``lazy`` stage is built when the first document reaches it (its module loads heavy libraries:
trafilatura, spaCy, the segmenters), so a run whose first pages are ruled out by the screen starts at
once. Its ``check``, if any, runs when the pipeline is loaded: files the user names in its options
fail then, before any document.

Example:
    >>> [s.name for s in ordered()]  # doctest: +NORMALIZE_WHITESPACE
    ['read', 'screen', 'extract', 'normalise', 'clean', 'language', 'prefilter', 'segment', 'tag', 'assemble']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from .errors import ConfigError


@dataclass(frozen=True)
class StageSpec:
    """One registered stage."""

    name: str
    order: int  # stages run in this order
    options: type[BaseModel]  # the schema of the pipeline file's ``[name]`` table
    factory: Callable | None  # (options, shared) -> the stage; None: run by the orchestrator itself
    doc: str  # one line: what it does
    required: bool = False  # every pipeline lists it
    needs: tuple[str, ...] = ()  # stages it needs before it
    renamed_from: tuple[str, ...] = ()  # old names, for a helpful error
    lazy: bool = False  # built on the first document that reaches it
    check: Callable | None = None  # (options, config) -> None: validates what the options name, at load

    def build(self, options: BaseModel, shared) -> Callable:
        if self.factory is None:
            raise ConfigError(f"stage {self.name!r} has no factory")
        return self.factory(options, shared)


#: name -> spec (filled by ``register_stage``; the built-in stages are registered by ``stages.py``)
STAGES: dict[str, StageSpec] = {}


def register_stage(spec: StageSpec) -> StageSpec:
    if spec.name in STAGES and STAGES[spec.name] != spec:
        raise ConfigError(f"stage {spec.name!r} is registered twice")
    STAGES[spec.name] = spec
    return spec


def _builtin() -> None:
    from . import stages  # noqa: F401  (registers the built-in stages)


def get(name: str) -> StageSpec | None:
    _builtin()
    return STAGES.get(name)


def ordered() -> list[StageSpec]:
    """Every registered stage, in running order."""
    _builtin()
    return sorted(STAGES.values(), key=lambda s: s.order)


def renamed(name: str) -> str | None:
    """The current name of a stage that used to be called ``name``."""
    return next((s.name for s in ordered() if name in s.renamed_from), None)
