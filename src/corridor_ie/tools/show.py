"""Review documents: run the pipeline on them and keep each one's records for the review page
(``tools/review``) or the terminal.

``show FILE --html OUT.html`` writes one page; ``show FOLDER --html OUT/`` (or a JSON Lines / WARC file of
several documents) writes one page per document and ``OUT/index.html``.

Example:
    corridor-ie show examples/vi/joint-committee-14.txt --html out/review.html
    corridor-ie show examples/ --html out/review/
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corridor_ie.api import Resources, process_document
from corridor_ie.errors import InputNotFound
from corridor_ie.ingest.readers import ReadFailure, iter_inputs

from .review.markup import safe_id
from .review.page import IndexRow, Review, index_row, render_index, render_page
from .review.terminal import printable, render_text


@dataclass(frozen=True)
class Failed:
    """A document that could not be read or processed."""

    location: str
    reason: str


def review_documents(paths: list[str], res: Resources, item: int | None = None) -> Iterator[Review | Failed]:
    """A review (or the failure) of every document of ``paths``, in input order; only the ``item``-th
    document when given."""
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputNotFound("no such file or directory", location=p)
    for n, doc in enumerate(iter_inputs(paths, res.config.limits), 1):
        if item is not None and n != item:
            continue
        if isinstance(doc, ReadFailure):
            err = doc.error  # its location is the document's, said once
            yield Failed(doc.source.location, err.message + (f" ({err.hint})" if err.hint else ""))
        else:
            result = process_document(doc, res)
            if not result.records:
                reason = result.errors[0].reason if result.errors else "no records"
                yield Failed(doc.source.location, reason)
            else:
                dumps = [r.model_dump(mode="json") for r in result.records]
                yield Review(dumps[0], dumps[1:])
        if item is not None:
            return
    if item is not None:
        raise InputNotFound(f"no document number {item}", location=", ".join(paths))


def review_document(path: str, res: Resources, item: int = 1) -> Review:
    """The review of the ``item``-th document of ``path``; raises ``InputNotFound`` or ``ValueError``."""
    for r in review_documents([path], res, item):
        if isinstance(r, Failed):
            raise ValueError(f"{r.location}: {r.reason}")
        return r
    raise InputNotFound(f"no document number {item}", location=path)


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def page_name(n: int, review: Review) -> str:
    src = review.article.get("source") if isinstance(review.article.get("source"), dict) else {}
    stem = re.sub(r"\.(txt|html?|jsonl|warc(\.gz)?|gz)$", "", Path(str((src or {}).get("path") or "doc")).name)
    return f"{n:03d}-{safe_id(stem)[:60]}.html"


@dataclass(frozen=True)
class FolderReport:
    pages: int
    failed: list[Failed]
    index: Path


def write_folder(reviews: Iterator[Review | Failed], out: Path) -> FolderReport:
    """One page per document in ``out`` and ``out/index.html`` listing them (failures too)."""
    rows: list[IndexRow] = []
    failed: list[Failed] = []
    for n, r in enumerate(reviews, 1):
        if isinstance(r, Failed):
            failed.append(r)
            rows.append(IndexRow(None, r.location, r.location, "", None, 0, {}, r.reason))
            continue
        name = page_name(n, r)
        write_atomic(out / name, render_page(r, index_href="index.html"))
        rows.append(index_row(r, name))
    index = out / "index.html"
    write_atomic(index, render_index(rows, f"Review of {len(rows)} documents"))
    return FolderReport(len(rows) - len(failed), failed, index)


__all__ = ["Failed", "FolderReport", "Review", "page_name", "printable", "render_page", "render_text",
           "review_document", "review_documents", "write_atomic", "write_folder"]
