"""``extract`` as a library call: inputs in, JSON Lines out, a :class:`RunSummary` back (the CLI prints it).

Ctrl-C or SIGTERM stops after the document being written; the output then holds only complete
records and the summary says how to resume.

Example:
    >>> RunSummary(read=3, written=2, failed=1, records=9, by_type={"article": 2}, errors_path="e.jsonl").line()
    'documents: 3 read, 2 extracted, 1 failed; records: 9 (article 2) -> stdout; errors in e.jsonl'
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .config import load_pipeline
from .errors import InputNotFound, SetupError
from .output import JsonlWriter, done_ids, iter_jsonl
from .pipeline import default_errors_path, load_resources, read_inputs, run_documents, skip_done


@dataclass(frozen=True)
class ExtractOptions:
    inputs: list[str]
    output: Path | None = None
    errors: Path | None = None
    pipeline: Path | None = None
    workers: int | None = None  # None: the cores this process may use
    resume: bool = False
    quiet: bool = False
    engine: str = "local"  # "local" (in-process or a worker pool) or "dask"
    scheduler: str | None = None  # dask scheduler address; None starts a local cluster
    batch: int = 16  # documents per dask task
    gazetteers: list[Path] | None = None  # gazetteer files or folders replacing the pipeline's
    allow_mixed_versions: bool = False  # --resume onto records tagged with another gazetteer version
    unrelated: str = "stub"  # what to write for an unrelated page: "stub", "omit" or "full" (pipeline.py)


@dataclass
class RunSummary:
    read: int = 0
    written: int = 0
    failed: int = 0
    omitted: int = 0  # unrelated pages left out (``--unrelated omit``)
    records: int = 0
    interrupted: bool = False
    output: str = "stdout"
    errors_path: str = ""
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed else 0

    def message(self) -> str:
        """What to tell the user at the end: the summary line, or how to resume an interrupted run."""
        if not self.interrupted:
            return self.line()
        where = f" --resume -o {self.output}" if self.output != "stdout" else " -o FILE --resume"
        return (f"corridor-ie: interrupted after {self.read} documents; the output holds complete "
                f"records only. Rerun the same command with{where} to continue.")

    def line(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.by_type.items()))
        omitted = f", {self.omitted} unrelated omitted" if self.omitted else ""
        s = (f"documents: {self.read} read, {self.written} extracted, {self.failed} failed{omitted}; "
             f"records: {self.records} ({kinds or 'none'}) -> {self.output}")
        if self.failed:
            s += f"; errors in {self.errors_path}"
        return s


class _Stop(BaseException):  # not Exception: no stage may swallow Ctrl-C
    pass


def _check_inputs(inputs: list[str]) -> None:
    for i in inputs:
        if i != "-" and not Path(i).exists():
            raise InputNotFound("no such file or directory", location=i)


def available_cores() -> int:
    """CPUs this process may run on (its affinity mask, which containers and ``taskset`` narrow)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _gazetteer_override(opts: ExtractOptions) -> tuple[str, ...] | None:
    return tuple(str(g.resolve()) for g in opts.gazetteers) if opts.gazetteers is not None else None


def _results(items, res, opts: ExtractOptions):
    """Per-document results in input order, from the engine the options name."""
    workers = opts.workers or available_cores()
    if opts.engine == "dask":
        from .engines import run_documents_dask

        path = str(opts.pipeline.resolve()) if opts.pipeline else None
        return run_documents_dask(items, path, opts.scheduler, opts.batch, n_workers=workers,
                                  gazetteers=_gazetteer_override(opts), unrelated=opts.unrelated)
    return run_documents(items, res, workers=workers, pipeline_path=str(opts.pipeline) if opts.pipeline else None,
                         gazetteers=_gazetteer_override(opts))


def output_versions(path: Path) -> list[str]:
    """The gazetteer versions the article records of an output were tagged with, in order of first use."""
    if not path.exists():
        return []
    found = (r.get("gazetteer_version") for r in iter_jsonl(path) if r.get("record_type") == "article")
    return list(dict.fromkeys(v for v in found if v))


def check_resume_versions(path: Path, version: str, allow_mixed: bool) -> None:
    """Refuse (``SetupError``, exit 2) to ``--resume`` onto an output tagged with another gazetteer version."""
    other = [v for v in output_versions(path) if v != version]
    if other and not allow_mixed:
        raise SetupError(f"{path} holds records tagged with gazetteer version {', '.join(other)}; this run would"
                         f" use version {version}",
                         hint="extract again without --resume (a new output), or add --allow-mixed-versions")


def run_extract(opts: ExtractOptions, on_document: Callable[[], None] | None = None) -> RunSummary:
    """Extract ``opts.inputs`` into ``opts.output``; ``on_document`` is called after each document (a
    progress bar). Bad options, pipeline or gazetteer files raise :class:`SetupError` before any document."""
    if opts.engine not in ("local", "dask"):
        raise SetupError(f"unknown engine {opts.engine!r}", hint="use 'local' or 'dask'")
    config = load_pipeline(opts.pipeline)
    _check_inputs(opts.inputs)
    res = load_resources(config, opts.gazetteers, unrelated=opts.unrelated)  # bad gazetteer/pipeline files fail here
    out = opts.output
    err_path = opts.errors or default_errors_path(out)
    if opts.resume and out:
        check_resume_versions(out, res.gazetteer.version, opts.allow_mixed_versions)
    done = done_ids(out) if (opts.resume and out) else set()
    summary = RunSummary(output=str(out) if out else "stdout", errors_path=str(err_path))
    items = read_inputs(opts.inputs, config, stdin=sys.stdin.buffer if "-" in opts.inputs else None)
    if done:
        items = skip_done(items, done)

    def on_signal(signum, frame):
        raise _Stop()

    old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with JsonlWriter(out, append=opts.resume) as writer, JsonlWriter(err_path, append=opts.resume) as ew:
            for result in _results(items, res, opts):
                summary.read += 1
                if result.records:
                    writer.write_batch(result.records)
                    summary.written += 1
                    summary.records += len(result.records)
                    for r in result.records:
                        t = getattr(r, "record_type", "?")
                        summary.by_type[t] = summary.by_type.get(t, 0) + 1
                elif result.errors:
                    summary.failed += 1
                else:
                    summary.omitted += 1
                if result.errors:
                    ew.write_batch(result.errors)
                if on_document:
                    on_document()
    except _Stop:
        summary.interrupted = True
    finally:
        for s, h in old.items():
            signal.signal(s, h)
    if err_path.exists() and err_path.stat().st_size == 0 and not opts.resume:
        err_path.unlink()
    return summary
