"""Gold annotations (``annotations/**/*.json``): loading, anchoring and validation.

An annotation file describes one document by its source and lists what a careful reader finds in
its cleaned text. Spans are given by their text and occurrence number (``n``, 1-based) rather than
by raw offsets, so they survive cleaner changes that do not touch them; ``anchor`` turns them into
offsets and fails loudly when a snippet is no longer in the text. Format: ``annotations/README.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

REPO_ROOT = Path(__file__).resolve().parents[3]  # a checkout: gold sources are resolved in it

SHARED_ROOT = REPO_ROOT.parent / "shared"
LABELS = ("PERSON", "PLACE", "BORDER_GATE", "BORDER_GATE_PAIR", "ORG", "DATE")


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldEntity(_M):
    label: Literal["PERSON", "PLACE", "BORDER_GATE", "BORDER_GATE_PAIR", "ORG", "DATE"]
    text: str = Field(min_length=1)
    n: int = Field(default=1, ge=1)  # which occurrence of ``text`` in the cleaned text
    id: str | None = None
    value: Any = None


class GoldConference(_M):
    series_id: str | None
    edition: int | None = None
    status: Literal["reported", "referenced"]
    host: str | None = None  # gazetteer id
    location: str | None = None  # gazetteer id
    start_date: str | None = None
    end_date: str | None = None
    format: Literal["in_person", "online", "hybrid"] | None = None


class GoldOfficial(_M):
    name: str
    person_id: str | None = None
    title: str | None = None
    jurisdiction: str | None = None  # gazetteer id
    country: str | None = None
    roles: list[str] = Field(default_factory=list)


class GoldCommitment(_M):
    action: str  # a substring of the cleaned text: the action clause
    modality: Literal["agreed", "proposed", "requested", "completed"] | None = None
    actors: list[str] = Field(default_factory=list)  # gazetteer ids, or names as written for groups
    sectors: list[str] = Field(default_factory=list)
    deadline: str | None = None


class GoldDoc(_M):
    source: str  # "seeds/<file>" (in ../shared) or "examples/<path>" (in this repository)
    item: int | None = Field(default=None, ge=1)  # line of a JSONL file
    lang: str
    published: str | None = None  # the publication date extraction is run with
    relevant: bool = True  # False: a page with no corridor content (the prefilter should skip it)
    notes: str | None = None
    entities: list[GoldEntity] = Field(default_factory=list)
    conferences: list[GoldConference] = Field(default_factory=list)
    officials: list[GoldOfficial] = Field(default_factory=list)
    commitments: list[GoldCommitment] = Field(default_factory=list)


@dataclass(frozen=True)
class Span:
    label: str
    start: int
    end: int
    text: str
    id: str | None
    value: Any


def source_path(gold: GoldDoc, roots: Sequence[Path] = ()) -> Path:
    """The file a gold ``source`` names: ``seeds/…`` in the shared seeds, anything else in this checkout.
    A gold file cannot make a tool read any file it names: a source that resolves outside the seeds,
    this checkout and ``roots`` (the annotation folders being read) raises ValueError."""
    root, _, rest = gold.source.partition("/")
    path = SHARED_ROOT / "seeds" / rest if root == "seeds" else REPO_ROOT / gold.source
    real = path.resolve()
    if not any(real.is_relative_to(r.resolve()) for r in (REPO_ROOT, SHARED_ROOT / "seeds", *roots)):
        raise ValueError(f"source {gold.source!r} is outside the annotations folder and this checkout: not read")
    return path


def load_gold(path: Path) -> GoldDoc:
    try:
        return GoldDoc.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}:{e.lineno}: not valid JSON ({e.msg})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text (save the file as UTF-8)") from None
    except RecursionError:
        raise ValueError(f"{path}: JSON nested too deeply to be a gold file") from None
    except IsADirectoryError:
        raise ValueError(f"{path}: is a folder, not a gold file") from None
    except ValidationError as e:
        err = e.errors()[0]
        raise ValueError(f"{path}: {'.'.join(str(x) for x in err['loc'])}: {err['msg']}") from None


def iter_gold(folder: Path) -> Iterator[tuple[Path, GoldDoc]]:
    for p in sorted(folder.rglob("*.json")):
        yield p, load_gold(p)


def raw_document(gold: GoldDoc, roots: Sequence[Path] = ()):
    """The RawDoc the gold describes, read with the project's own readers (``roots``: see
    :func:`source_path`)."""
    from corridor_ie.config import Limits
    from corridor_ie.ingest.readers import ReadFailure, iter_inputs
    from corridor_ie.types import Meta

    for item in iter_inputs([str(source_path(gold, roots))], Limits()):
        if isinstance(item, ReadFailure):
            if gold.item is None or item.source.item == gold.item:
                raise ValueError(f"{gold.source}: {item.error}")
            continue
        if gold.item is None or item.source.item == gold.item:
            if gold.published and not item.meta.published:
                from dataclasses import replace

                item = replace(item, meta=Meta(**{**item.meta.__dict__, "published": gold.published}))
            return item
    raise ValueError(f"{gold.source}: item {gold.item} not found")


def anchor(text: str, entities: list[GoldEntity]) -> list[Span]:
    """Offsets of each gold entity in ``text``; raises ValueError naming a snippet that is missing."""
    out = []
    for e in entities:
        pos = -1
        for _ in range(e.n):
            pos = text.find(e.text, pos + 1)
            if pos < 0:
                raise ValueError(f"{e.label} {e.text!r} (occurrence {e.n}) is not in the cleaned text")
        out.append(Span(e.label, pos, pos + len(e.text), e.text, e.id, e.value))
    return out
