"""The one orchestrator. It reads like the recipe it runs (the stages of the pipeline file, in order):

    inputs -read-> RawDoc -extract-> -normalise-> -clean-> CleanDoc -language-> -prefilter-> -segment->
           SegmentedDoc -tag-> TaggedDoc -assemble-> records -> JSON Lines (output)

Resources are built once per pipeline (``load_resources``): the languages, the gazetteer and its
compiled tables, then each listed stage from its registered factory (``registry.py``). A page the
prefilter or the tagger finds unrelated skips the stages after it; every document gets its article
record. This is also the only place a per-document failure is caught: the document becomes one line
in the errors file and the run goes on.
"""

from __future__ import annotations

import ctypes
import itertools
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import registry
from .assemble.article import article_record
from .config import Limits, PipelineConfig, load_pipeline
from .errors import CorridorError, DocumentError, LimitExceeded, StageError
from .gazetteer.compiled import CompiledGazetteer, is_relevant_entry, load_compiled
from .gazetteer.store import Gazetteer, load_gazetteer
from .ingest.readers import ReadFailure, iter_inputs
from .lang import Languages, build_languages
from .lang.tables import PersonScores, SectorVocabulary
from .output import record_json
from .records import ErrorRecord
from .tables import load_table
from .tag.sinoviet import Readings
from .types import Meta, RawDoc, SegmentedDoc, Source, TaggedDoc
from .workers import HardLimits, Stopped, Supervisor
from .workers import available as workers_available


@dataclass(frozen=True, eq=False)
class Shared:
    """What several stages use, built once per pipeline and handed to every stage factory."""

    config: PipelineConfig
    languages: Languages
    gazetteer: Gazetteer
    compiled: CompiledGazetteer
    vocab: Any  # the spaCy Vocab shared by the matchers and every Doc
    readings: Readings


@dataclass(frozen=True, eq=False)
class Resources:
    """A built pipeline: its shared resources and its stages, in order."""

    config: PipelineConfig
    shared: Shared
    stages: tuple[tuple[str, Callable], ...]

    @property
    def gazetteer(self) -> Gazetteer:
        return self.shared.gazetteer

    @property
    def languages(self) -> Languages:
        return self.shared.languages

    @property
    def name(self) -> str:
        return f"{self.config.name}@{self.config.version}"

    def has(self, stage: str) -> bool:
        return stage in self.config.stages

    def stage(self, name: str) -> Callable | None:
        """The built stage ``name`` (None when the pipeline does not run it)."""
        return next((fn for n, fn in self.stages if n == name), None)


def load_resources(config: PipelineConfig, gazetteers: list[Path] | None = None) -> Resources:
    """Everything a document needs, loaded and compiled once (raises SetupError on bad files).
    ``gazetteers`` replaces the pipeline's ``[tag] gazetteers`` (files or folders)."""
    from spacy.vocab import Vocab

    data = files("corridor_ie.data")
    scores = load_table(data.joinpath("persons.toml"), PersonScores).scores.model_dump()
    sectors = load_table(data.joinpath("sectors.toml"), SectorVocabulary).sectors
    languages = build_languages(config.stage_options("segment").root, scores, sectors)
    paths = gazetteers if gazetteers is not None else [config.resolve(p) for p in config.stage_options("tag").gazetteers]
    gaz = load_gazetteer(paths)
    names = [(lang, n) for e in gaz.entries.values() for lang, n in e.all_names()]
    for language in languages:
        language.learn_names(language.gazetteer_names(names))
    shared = Shared(config, languages, gaz, load_compiled(gaz), Vocab(), Readings.load())
    stages = tuple((name, registry.get(name).build(config.stage_options(name), shared))
                   for name in config.stages if registry.get(name).factory is not None)
    return Resources(config, shared, stages)


@dataclass
class Built:
    """One document's records (article first) and the records that failed validation."""

    records: list[BaseModel] = field(default_factory=list)
    problems: list = field(default_factory=list)


@dataclass
class DocResult:
    """What one document produced: records to write and errors to report.

    A result made in a worker process carries its records already serialised (``lines``: record type and
    JSON line, see :meth:`encoded`); ``fatal`` says the process that made it should not run another
    document (it ran out of memory)."""

    records: list[BaseModel] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    doc_id: str | None = None
    lines: list[tuple[str, str]] | None = None
    fatal: bool = False

    @property
    def ok(self) -> bool:
        """Whether the document produced records (an article at least)."""
        return bool(self.records or self.lines)

    def encoded(self) -> DocResult:
        """The same result with its records as JSON lines (cheaper to send between processes)."""
        if self.lines is not None or not self.records:
            return self
        return replace(self, records=[], lines=[(getattr(r, "record_type", "?"), record_json(r)) for r in self.records])


RETRY_SECONDS, RETRIES = 0.05, 5  # a time limit swallowed by library code is raised again, this often


class _Timeout(BaseException):  # not Exception: library code must not swallow the time limit
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ``_Timeout`` in the running code after ``seconds``.

    In a main thread a SIGALRM timer does it. Elsewhere (a dask worker runs tasks in a thread pool) a
    timer thread raises it asynchronously in the document's thread (``PyThreadState_SetAsyncExc``).
    Either way it lands at the next Python bytecode: a long call inside C code finishes first.
    """
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def on_alarm(signum, frame):
            raise _Timeout()

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        return
    target, lock, done = threading.get_ident(), threading.Lock(), threading.Event()

    def expire() -> None:
        # raised again a few times in case library code swallowed it (a ``__del__`` or a bare ``except:``
        # it landed in); never after the block has ended: ``done`` is set under ``lock``
        delay = seconds
        for _ in range(1 + RETRIES):
            if done.wait(delay):
                return
            with lock:
                if done.is_set():
                    return
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(_Timeout))
            delay = RETRY_SECONDS

    threading.Thread(target=expire, name="corridor-ie-time-limit", daemon=True).start()
    try:
        yield
    finally:
        while not done.is_set():
            try:
                with lock:
                    done.set()
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)  # drop a pending one
            except _Timeout:  # a retry that landed here after the first one ended the block
                continue


def _error(location: str, doc_id: str | None, err: CorridorError, stage: str) -> ErrorRecord:
    return ErrorRecord(doc_id=doc_id, location=location, stage=stage, code=err.code, reason=err.message
                       + (f" ({err.hint})" if err.hint else ""))


def run_until(raw: RawDoc, res: Resources, last: str) -> Any:
    """The document after stage ``last`` (and the stages before it) of the pipeline."""
    doc: Any = raw
    for name, stage in res.stages:
        doc = stage(doc)
        if name == last:
            break
    return doc


def run_stages(raw: RawDoc, res: Resources, trace: list[str] | None = None,
               build: bool = True) -> tuple[TaggedDoc, Built | None]:
    """The recipe for one document, stage by stage; ``trace`` receives each stage's name as it starts.
    Failures propagate: ``process_document`` is where they become error lines."""
    mark = trace.append if trace is not None else (lambda _stage: None)
    doc: Any = raw
    assemble = None
    for name, stage in res.stages:
        if name == "assemble":
            assemble = stage
            continue
        mark(name)
        doc = stage(doc)
        if isinstance(doc, SegmentedDoc) and not doc.relevant:
            break  # an unrelated page: the later stages have nothing to do
    tagged = doc if isinstance(doc, TaggedDoc) else TaggedDoc(replace(doc, relevant=False), (), res.gazetteer.version)
    if not build:
        return tagged, None
    mark("assemble")
    built = Built(records=[article_record(tagged, res.name)])
    if assemble is not None:
        out = assemble(tagged)
        built.records += out.records
        built.problems += out.problems
    # the article says how many records its document has, so that --resume can tell a document whose
    # records were all written from one cut short
    built.records[0] = built.records[0].model_copy(update={"record_count": len(built.records)})
    return tagged, built


def process_document(raw: RawDoc, res: Resources, trace: list[str] | None = None) -> DocResult:
    """Run every stage on one document; any failure costs this document only. ``trace`` receives the
    name of each stage as it starts (a worker process shares it with its supervisor)."""
    cfg = res.config
    loc = raw.source.location
    trace = trace if trace is not None else []
    try:
        with _time_limit(cfg.limits.max_seconds):
            _tagged, built = run_stages(raw, res, trace)
            assert built is not None
    except BaseException as exc:  # noqa: BLE001 - one place maps every failure to an error line
        stage = trace[-1] if trace else "extract"
        result = _failure(exc, raw, loc, stage, cfg.limits)
        if result is None:
            raise
        return result
    errors = [ErrorRecord(doc_id=raw.doc_id, location=loc, stage="assemble", code="E204", reason=p.reason)
              for p in built.problems]
    return DocResult(records=built.records, errors=errors, doc_id=raw.doc_id)


def over_time(limits: Limits) -> LimitExceeded:
    return LimitExceeded(f"processing took over {limits.max_seconds:g} s (limit max_seconds)")


def over_memory(limits: Limits) -> LimitExceeded:
    return LimitExceeded(f"processing needed more than {limits.max_memory_mb:,} MB of memory (limit max_memory_mb)")


def _failure(exc: BaseException, raw: RawDoc, loc: str, stage: str, limits: Limits) -> DocResult | None:
    """The error line for a failed document, or None for what must not be caught (Ctrl-C, exit)."""
    fatal = False
    if isinstance(exc, _Timeout):
        err: CorridorError = over_time(limits)
    elif isinstance(exc, MemoryError):
        err, fatal = over_memory(limits), True
    elif isinstance(exc, DocumentError):
        err, stage = exc, exc.stage if exc.stage != "unknown" else stage
    elif isinstance(exc, RecursionError):
        err = LimitExceeded("input too deeply nested to process (recursion limit)")
    elif isinstance(exc, Exception):
        err = StageError(f"{stage} stage failed: {type(exc).__name__}: {exc}")
    else:
        return None
    return DocResult(errors=[_error(loc, raw.doc_id, err, stage)], doc_id=raw.doc_id, fatal=fatal)


def failure_result(f: ReadFailure) -> DocResult:
    return DocResult(errors=[_error(f.source.location, None, f.error, f.error.stage)])


# --- running over many documents -------------------------------------------------------------

_WORKER: Resources | None = None  # the resources of a worker process (set once, before any document)


@lru_cache(maxsize=4)
def cached_resources(path: str | None, gazetteers: tuple[str, ...] | None = None, stamp: str = "") -> Resources:
    """Resources for a pipeline file (None: the default), built once per process, pipeline and gazetteer
    override (``gazetteers``: files or folders replacing the pipeline's ``[tag] gazetteers``; ``stamp``
    only tells apart two states of the same files)."""
    return load_resources(load_pipeline(path), [Path(g) for g in gazetteers] if gazetteers is not None else None)


def _init_worker(pipeline_path: str | None, gazetteers: tuple[str, ...] | None = None) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: Pool.terminate() sends it
    if _WORKER is None:  # a forked worker inherits the parent's resources (see run_documents)
        _WORKER = cached_resources(pipeline_path, gazetteers)


def _work(item: RawDoc | ReadFailure) -> DocResult:
    if isinstance(item, ReadFailure):
        return failure_result(item)
    assert _WORKER is not None
    return process_document(item, _WORKER)


def warm_up(res: Resources) -> None:
    """Load what the stages load on first use (sentence splitters) by running, for each language that
    asks for it (``Language.warm_up``), one small document written from the gazetteer's own corridor
    names in that language through every stage."""
    names = [(lang, n) for e in res.gazetteer.entries.values() if is_relevant_entry(e) for lang, n in e.all_names()]
    for language in res.languages:
        if not language.warm_up:
            continue
        own = language.gazetteer_names(names)[:3]
        text = " ".join(f"{n} 1.1.2000." for n in own) or "."
        raw = RawDoc(doc_id="warm-up", source=Source(path="<warm-up>"), content=text, media_type="text/plain",
                     meta=Meta(lang=language.code))
        process_document(raw, res)


def _stopped_result(limits: Limits, stopped: Stopped) -> DocResult:
    """The error line of a document whose worker process was killed over time, or died."""
    raw: RawDoc = stopped.item
    if stopped.timed_out:
        err: CorridorError = over_time(limits)
    elif stopped.status == "killed by SIGKILL":  # the kernel's out-of-memory killer
        err = LimitExceeded(f"the worker process was killed while processing it, probably out of memory "
                            f"(limit max_memory_mb = {limits.max_memory_mb:,})")
    else:
        err = StageError(f"{stopped.stage} stage failed: the worker process running it {stopped.status}")
    return DocResult(errors=[_error(raw.source.location, raw.doc_id, err, stopped.stage)], doc_id=raw.doc_id)


def isolated_runner(res: Resources, workers: int = 1, *, pdeathsig: bool = True) -> Supervisor:
    """Worker processes (forked from this one, sharing ``res``) that run documents under the hard time
    and memory limits of ``res.config.limits`` (``workers.py``); read failures are answered here."""
    limits = res.config.limits

    def work(raw: RawDoc, trace: list[str]) -> DocResult:
        return process_document(raw, res, trace).encoded()

    def memory(raw: RawDoc) -> DocResult:
        return DocResult(errors=[_error(raw.source.location, raw.doc_id, over_memory(limits), "limits")],
                         doc_id=raw.doc_id)

    def direct(item: RawDoc | ReadFailure) -> DocResult | None:
        return failure_result(item) if isinstance(item, ReadFailure) else None

    return Supervisor(work, workers, HardLimits(limits.max_seconds, limits.max_memory_mb),
                      on_stopped=lambda s: _stopped_result(limits, s), on_memory=memory, direct=direct,
                      pdeathsig=pdeathsig)


def run_documents(items: Iterable[RawDoc | ReadFailure], res: Resources, *, workers: int = 1,
                  pipeline_path: str | None = None, chunksize: int = 4,
                  gazetteers: tuple[str, ...] | None = None, isolated: bool = False) -> Iterator[DocResult]:
    """Results in input order, whatever the number of worker processes.

    ``isolated``: every document runs in a worker process under hard time and memory limits
    (``isolated_runner``), however few there are; results carry their records as JSON lines.
    Otherwise an input smaller than one round of work for the pool (``workers * chunksize`` documents)
    runs in this process: starting workers would cost more than it saves."""
    if isolated and workers_available():
        if workers > 1:
            warm_up(res)  # forked workers inherit what it loads instead of each loading it
        with isolated_runner(res, workers) as pool:
            yield from pool.imap(items)
        return
    items = iter(items)
    head = list(itertools.islice(items, workers * chunksize)) if workers > 1 else []
    if workers <= 1 or len(head) < workers * chunksize:
        for item in itertools.chain(head, items):
            yield failure_result(item) if isinstance(item, ReadFailure) else process_document(item, res)
        return
    import multiprocessing as mp

    global _WORKER
    ctx = mp.get_context("fork") if hasattr(__import__("os"), "fork") else mp.get_context()
    if ctx.get_start_method() == "fork":
        warm_up(res)  # forked workers inherit what it loads instead of each loading it
    inherited, _WORKER = _WORKER, (res if ctx.get_start_method() == "fork" else None)
    try:
        with ctx.Pool(workers, initializer=_init_worker, initargs=(pipeline_path, gazetteers)) as pool:
            yield from pool.imap(_work, itertools.chain(head, items), chunksize=chunksize)
    finally:
        _WORKER = inherited


def read_inputs(inputs: list[str], config: PipelineConfig, stdin=None,
                skipped: dict[str, int] | None = None) -> Iterator[RawDoc | ReadFailure]:
    return iter_inputs(inputs, config.limits, stdin=stdin, skipped=skipped)


def skip_done(items: Iterable[RawDoc | ReadFailure], done: set[str]) -> Iterator[RawDoc | ReadFailure]:
    for item in items:
        if isinstance(item, RawDoc) and item.doc_id in done:
            continue
        yield item


def default_errors_path(out: Path | None) -> Path:
    if out is None:
        return Path("corridor-ie.errors.jsonl")
    return out.with_name(out.stem + ".errors.jsonl")
