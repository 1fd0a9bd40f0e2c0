"""The one orchestrator. It reads like the recipe it runs (the stages of the pipeline file, in order):

    inputs -read-> RawDoc -screen-> -extract-> -normalise-> -clean-> CleanDoc -language-> -prefilter->
           -segment-> SegmentedDoc -tag-> TaggedDoc -assemble-> records -> JSON Lines (output)

Resources are built once per pipeline (``load_resources``): the gazetteer and its compiled tables at
once, the languages, the spaCy vocabulary and the Sino-Vietnamese readings on first use (``Shared``),
and each listed stage from its registered factory (``registry.py``): the screen at once, the others
when the first document reaches them (outside that document's time limit). A page the screen rules
out never loads trafilatura, spaCy or a segmenter; so a run starts at once.

Every document's relevance is decided with its reasons (``gazetteer/relevance.py``); a page found
unrelated (by the screen, the prefilter or the tagger) skips the stages after it, and the run's
``unrelated`` choice says what is written for it: ``stub`` (an article record with its id, source,
language, ``relevant: false`` and the reasons; the default), ``omit`` (nothing) or ``full`` (today's
full article record: the screen's verdict is ignored and the page is extracted as before). This is
also the only place a per-document failure is caught: the document becomes one line in the errors
file and the run goes on.
"""

from __future__ import annotations

import ctypes
import itertools
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from . import registry
from .assemble.article import article_record
from .config import Limits, PipelineConfig, load_pipeline
from .errors import CorridorError, DocumentError, LimitExceeded, SetupError, StageError
from .gazetteer.compiled import CompiledGazetteer, load_compiled
from .gazetteer.relevance import CORRIDOR_ROLES
from .gazetteer.store import Gazetteer, load_gazetteer
from .ingest.readers import ReadFailure, iter_inputs
from .output import record_json
from .records import ArticleRecord, ErrorRecord, Relevance, SourceInfo
from .tables import load_table
from .types import Meta, RawDoc, RuledOut, SegmentedDoc, Source, TaggedDoc
from .workers import HardLimits, Stopped, Supervisor
from .workers import available as workers_available

if TYPE_CHECKING:
    from .lang import Languages
    from .tag.sinoviet import Readings

#: what is written for an unrelated page (``--unrelated``)
UNRELATED_CHOICES = ("stub", "omit", "full")


class Shared:
    """What several stages use, built once per pipeline and handed to every stage factory. The
    gazetteer and its compiled tables are loaded at once; the languages, the spaCy ``Vocab`` (shared by
    the matchers and every Doc) and the Sino-Vietnamese readings on first use, once (thread-safe)."""

    def __init__(self, config: PipelineConfig, gazetteer: Gazetteer, compiled: CompiledGazetteer):
        self.config, self.gazetteer, self.compiled = config, gazetteer, compiled
        self._built: dict[str, Any] = {}
        self._lock = threading.RLock()

    def _once(self, name: str, make: Callable[[], Any]) -> Any:
        value = self._built.get(name)
        if value is None:
            with self._lock:
                value = self._built.get(name)
                if value is None:
                    value = self._built[name] = make()
        return value

    @property
    def languages(self) -> Languages:
        return self._once("languages", self._languages)

    @property
    def vocab(self) -> Any:
        def make():
            from spacy.vocab import Vocab

            return Vocab()

        return self._once("vocab", make)

    @property
    def readings(self) -> Readings:
        def make():
            from .tag.sinoviet import Readings

            return Readings.load()

        return self._once("readings", make)

    def _languages(self) -> Languages:
        from .lang import build_languages
        from .lang.tables import PersonScores, SectorVocabulary

        data = files("corridor_ie.data")
        scores = load_table(data.joinpath("persons.toml"), PersonScores).scores.model_dump()
        sectors = load_table(data.joinpath("sectors.toml"), SectorVocabulary).sectors
        languages = build_languages(self.config.stage_options("segment").root, scores, sectors)
        names = [(lang, n) for e in self.gazetteer.entries.values() for lang, n in e.all_names()]
        for language in languages:
            language.learn_names(language.gazetteer_names(names))
        return languages


class LazyStage:
    """A stage built by its factory when the first document reaches it (thread-safe, once)."""

    def __init__(self, name: str, build: Callable[[], Callable]):
        self.name, self._build, self._fn = name, build, None
        self._lock = threading.Lock()

    @property
    def built(self) -> bool:
        return self._fn is not None

    def build(self) -> Callable:
        if self._fn is None:
            with self._lock:
                if self._fn is None:
                    self._fn = self._build()
        return self._fn

    def __call__(self, doc: Any) -> Any:
        return (self._fn or self.build())(doc)


@dataclass(frozen=True, eq=False)
class Resources:
    """A built pipeline: its shared resources, its stages in order, and what it writes for an unrelated
    page (``unrelated``: one of ``UNRELATED_CHOICES``)."""

    config: PipelineConfig
    shared: Shared
    stages: tuple[tuple[str, Callable], ...]
    unrelated: str = "stub"

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
        """The stage ``name`` (None when the pipeline does not run it)."""
        return next((fn for n, fn in self.stages if n == name), None)

    def build_stages(self, *names: str) -> None:
        """Build the stages ``names`` (default: every stage) that are not built yet."""
        for name, fn in self.stages:
            if isinstance(fn, LazyStage) and (not names or name in names):
                fn.build()


def load_resources(config: PipelineConfig, gazetteers: list[Path] | None = None, *,
                   unrelated: str = "stub") -> Resources:
    """Everything a document needs, loaded and compiled once (raises SetupError on bad files: the
    gazetteer and the files a stage's options name are read here, before any document).
    ``gazetteers`` replaces the pipeline's ``[tag] gazetteers`` (files or folders); ``unrelated`` says
    what to write for an unrelated page (``stub``, ``omit`` or ``full``)."""
    if unrelated not in UNRELATED_CHOICES:
        raise SetupError(f"unknown choice for unrelated pages: {unrelated!r}",
                         hint="use " + ", ".join(UNRELATED_CHOICES))
    paths = gazetteers if gazetteers is not None else [config.resolve(p) for p in config.stage_options("tag").gazetteers]
    gaz = load_gazetteer(paths)
    shared = Shared(config, gaz, load_compiled(gaz))
    stages: list[tuple[str, Callable]] = []
    for name in config.stages:
        spec = registry.get(name)
        if spec.factory is None:
            continue
        options = config.stage_options(name)
        if not spec.lazy:
            stages.append((name, spec.build(options, shared)))
            continue
        if spec.check is not None:
            spec.check(options, config)
        stages.append((name, LazyStage(name, lambda spec=spec, options=options: spec.build(options, shared))))
    return Resources(config, shared, tuple(stages), unrelated)


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
    needs: str | None = None  # a worker process's answer: build this stage, then run the document again

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
    """The document after stage ``last`` (and the stages before it) of the pipeline; the screen's
    verdict is ignored (the document goes on)."""
    doc: Any = raw
    for name, stage in res.stages:
        doc = stage(doc)
        if isinstance(doc, RuledOut):
            doc = doc.raw
        if name == last:
            break
    return doc


class _NotBuilt(Exception):  # noqa: N818 - a signal, not an error
    """The document reached a stage not built yet (``stage``, at position ``at`` of the recipe, with the
    document as the stages before it left it): ``process_document`` builds the stage outside the time
    limit and goes on from there."""

    def __init__(self, stage: str, at: int, doc: Any):
        super().__init__(stage)
        self.stage, self.at, self.doc = stage, at, doc


def _ready(stage: Callable, name: str, at: int, doc: Any, build_lazily: bool) -> Callable:
    if not build_lazily and isinstance(stage, LazyStage) and not stage.built:
        raise _NotBuilt(name, at, doc)
    return stage


def run_stages(raw: RawDoc, res: Resources, trace: list[str] | None = None, build: bool = True, *,
               unrelated: str | None = None, build_lazily: bool = True,
               resume: tuple[int, Any] | None = None) -> tuple[TaggedDoc | RuledOut, Built | None]:
    """The recipe for one document, stage by stage; ``trace`` receives each stage's name as it starts.
    ``unrelated`` (default: the pipeline's choice) says what an unrelated page gives: with ``full``
    the screen's verdict is ignored, so the first result is always a TaggedDoc; otherwise a page the
    screen rules out gives its ``RuledOut``. A stage not built yet is built on the spot, or, with
    ``build_lazily`` false, signalled (``_NotBuilt``) so that the caller builds it and goes on from
    there (``resume``: the position in the recipe and the document at it). Failures propagate:
    ``process_document`` is where they become error lines."""
    mark = trace.append if trace is not None else (lambda _stage: None)
    unrelated = unrelated or res.unrelated
    first, doc = resume if resume is not None else (0, raw)
    assemble, assemble_at = None, -1
    for at, (name, stage) in enumerate(res.stages):
        if name == "assemble":
            assemble, assemble_at = stage, at
            continue
        if at < first:
            continue
        mark(name)
        doc = _ready(stage, name, at, doc, build_lazily)(doc)
        if isinstance(doc, RuledOut):
            if unrelated != "full":
                break  # ruled out before extraction: nothing else runs
            doc = doc.raw  # every stage runs, as before there was a screen; the later ones decide
        elif isinstance(doc, SegmentedDoc) and not doc.relevant:
            break  # an unrelated page: the later stages have nothing to do
    if isinstance(doc, RuledOut):
        stub = article_stub(doc.raw.doc_id, doc.raw.source, doc.raw.meta, doc.lang, _iso_date(doc.raw.meta.published),
                            doc.reasons, res)
        return doc, (_counted(Built(records=[stub] if unrelated == "stub" else [])) if build else None)
    tagged = doc if isinstance(doc, TaggedDoc) else TaggedDoc(replace(doc, relevant=False), (), res.gazetteer.version)
    if not build:
        return tagged, None
    mark("assemble")
    seg = tagged.seg
    if not seg.relevant and seg.reasons and unrelated != "full":  # found unrelated (not merely untagged)
        published = seg.published.isoformat() if seg.published else None
        stub = article_stub(seg.clean.doc_id, seg.clean.source, seg.clean.meta, seg.lang, published, seg.reasons, res)
        return tagged, _counted(Built(records=[stub] if unrelated == "stub" else []))
    records = _ready(assemble, "assemble", assemble_at, tagged, build_lazily)(tagged) if assemble else None
    article = article_record(tagged, res.name)
    if seg.reasons:
        article = article.model_copy(update={"relevance": Relevance(relevant=seg.relevant, reasons=list(seg.reasons))})
    built = Built(records=[article])
    if records is not None:
        built.records += records.records
        built.problems += records.problems
    return tagged, _counted(built)


def _counted(built: Built) -> Built:
    """The article (or stub) says how many records its document has, so that ``--resume`` can tell a
    document whose records were all written from one cut short. An omitted unrelated page writes
    nothing, so ``--resume`` runs it again."""
    if built.records:
        built.records[0] = built.records[0].model_copy(update={"record_count": len(built.records)})
    return built


def article_stub(doc_id: str, source: Source, meta: Meta, lang: str, published: str | None,
                 reasons: tuple[str, ...], res: Resources) -> ArticleRecord:
    """The article record of an unrelated page: what is known without extracting it (the input's
    title, date and URL; the language), no text, ``relevant: false`` and why."""
    return ArticleRecord(
        doc_id=doc_id, source=SourceInfo(path=source.location, url=meta.url or source.url), lang=lang,
        title=meta.title, published=published, sitename=meta.sitename, text="", relevant=False,
        relevance=Relevance(relevant=False, reasons=list(reasons)), gazetteer_version=res.gazetteer.version,
        pipeline=res.name)


def _iso_date(value: str | None) -> str | None:
    """A full ISO date from the input's ``published`` (as the language stage reads it), else None."""
    try:
        return date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:
        return None


def process_document(raw: RawDoc, res: Resources, unrelated: str | None = None, trace: list[str] | None = None,
                     *, build: bool = True) -> DocResult:
    """Run every stage on one document; any failure costs this document only. A stage the document
    reaches before it is built is built then, outside the document's time limit (the first page that
    needs it pays for it, not in its own time), and the document goes on from there.
    ``unrelated`` overrides the pipeline's choice for an unrelated page. ``trace`` receives the name of
    each stage as it starts (a worker process shares it with its supervisor). ``build`` false (a worker
    process): a stage not built yet is not built here; the result names it (``needs``) for the process
    that forked the worker to build it, so that every later worker inherits it, and run it again."""
    cfg = res.config
    loc = raw.source.location
    trace = trace if trace is not None else []
    budget, resume = cfg.limits.max_seconds, None
    while True:
        started = time.monotonic()
        try:
            with _time_limit(budget):
                _result, built = run_stages(raw, res, trace, unrelated=unrelated, build_lazily=False,
                                            resume=resume)
                assert built is not None
            break
        except _NotBuilt as missing:
            if not build:
                return DocResult(doc_id=raw.doc_id, needs=missing.stage)
            budget = max(budget - (time.monotonic() - started), 1e-3)  # the document's own time so far counts
            res.build_stages(missing.stage)
            resume = (missing.at, missing.doc)
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
def cached_resources(path: str | None, gazetteers: tuple[str, ...] | None = None, stamp: str = "",
                     unrelated: str = "stub") -> Resources:
    """Resources for a pipeline file (None: the default), built once per process, pipeline, gazetteer
    override (``gazetteers``: files or folders replacing the pipeline's ``[tag] gazetteers``; ``stamp``
    only tells apart two states of the same files) and choice for unrelated pages."""
    return load_resources(load_pipeline(path), [Path(g) for g in gazetteers] if gazetteers is not None else None,
                          unrelated=unrelated)


def _init_worker(pipeline_path: str | None, gazetteers: tuple[str, ...] | None = None,
                 unrelated: str = "stub") -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: Pool.terminate() sends it
    if _WORKER is None:  # a forked worker inherits the parent's resources (see run_documents)
        _WORKER = cached_resources(pipeline_path, gazetteers, "", unrelated)


def _work(item: RawDoc | ReadFailure) -> DocResult:
    if isinstance(item, ReadFailure):
        return failure_result(item)
    assert _WORKER is not None
    return process_document(item, _WORKER)


def warm_up(res: Resources) -> None:
    """Load what the stages load on first use (sentence splitters) by running, for each language that
    asks for it (``Language.warm_up``), one small document written from the gazetteer's own corridor
    names in that language through every stage."""
    roles = res.shared.compiled.roles
    names = [(lang, n) for e in res.gazetteer.entries.values() if roles.get(e.id) in CORRIDOR_ROLES
             for lang, n in e.all_names()]
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
        return process_document(raw, res, trace=trace, build=False).encoded()

    def prepare(result: DocResult) -> bool:
        # a stage the worker's document reached before it was built: built here, outside any time limit
        if result.needs is None:
            return False
        res.build_stages(result.needs)
        return True

    def memory(raw: RawDoc) -> DocResult:
        return DocResult(errors=[_error(raw.source.location, raw.doc_id, over_memory(limits), "limits")],
                         doc_id=raw.doc_id)

    def direct(item: RawDoc | ReadFailure) -> DocResult | None:
        return failure_result(item) if isinstance(item, ReadFailure) else None

    return Supervisor(work, workers, HardLimits(limits.max_seconds, limits.max_memory_mb),
                      on_stopped=lambda s: _stopped_result(limits, s), on_memory=memory, direct=direct,
                      prepare=prepare, pdeathsig=pdeathsig)


def run_documents(items: Iterable[RawDoc | ReadFailure], res: Resources, *, workers: int = 1,
                  pipeline_path: str | None = None, chunksize: int = 4,
                  gazetteers: tuple[str, ...] | None = None, isolated: bool = False) -> Iterator[DocResult]:
    """Results in input order, whatever the number of worker processes.

    ``isolated``: every document runs in a worker process under hard time and memory limits
    (``isolated_runner``), however few there are; results carry their records as JSON lines.
    Otherwise an input smaller than one round of work for the pool (``workers * chunksize`` documents)
    runs in this process: starting workers would cost more than it saves."""
    if isolated and workers_available():
        # no warm-up: a stage is built here when the first document reaches it (a page ruled out early
        # loads nothing), and the workers forked after that inherit it
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
        with ctx.Pool(workers, initializer=_init_worker, initargs=(pipeline_path, gazetteers, res.unrelated)) as pool:
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
