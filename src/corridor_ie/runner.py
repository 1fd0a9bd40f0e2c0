"""``extract`` as a library call: inputs in, JSON Lines out, a :class:`RunSummary` back (the CLI prints it).

Ctrl-C or SIGTERM stops after the document being written; the output then holds only complete
records and the summary says how to resume.

Example:
    >>> RunSummary(read=3, written=2, failed=1, records=9, by_type={"article": 2}, errors_path="e.jsonl").line()
    'documents: 3 read, 2 extracted, 1 failed; records: 9 (article 2) -> stdout; errors in e.jsonl'
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .config import load_pipeline
from .errors import DocumentError, InputNotFound, OutputError, SetupError
from .output import ResumeState, Sink, Target, drop_ranges, held, scan_output
from .pipeline import load_resources, read_inputs, run_documents, skip_done


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
    skipped: dict[str, int] = field(default_factory=dict)  # files under an input folder not read, by type
    notes: list[str] = field(default_factory=list)  # warnings for the user (lines --resume dropped)

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
        if self.skipped:
            n = sum(self.skipped.values())
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items()))
            s += f"; skipped {n} file{'s' if n != 1 else ''} not read ({kinds})"
        if self.failed:
            s += f"; errors in {self.errors_path}"
        return s


class _Stop(BaseException):  # not Exception: no stage may swallow Ctrl-C
    pass


def _check_inputs(inputs: list[str]) -> None:
    for i in inputs:
        if i != "-" and not os.path.lexists(i):
            raise InputNotFound("no such file or directory", location=i)


def available_cores() -> int:
    """CPUs this process may run on (its affinity mask, which containers and ``taskset`` narrow)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _gazetteer_override(opts: ExtractOptions) -> tuple[str, ...] | None:
    return tuple(str(g.resolve()) for g in opts.gazetteers) if opts.gazetteers is not None else None


def _check_engine(opts: ExtractOptions) -> None:
    if opts.engine not in ("local", "dask"):
        raise SetupError(f"unknown engine {opts.engine!r}", hint="use 'local' or 'dask'")
    if opts.engine == "dask" and opts.scheduler is not None and not opts.scheduler.strip():
        raise SetupError("--scheduler is empty", hint="give the scheduler's address, e.g. tcp://HOST:8786, or "
                         "leave --scheduler out for a local cluster")


def _results(items, res, opts: ExtractOptions):
    """Per-document results in input order, from the engine the options name."""
    workers = opts.workers or available_cores()
    if opts.engine == "dask":
        from .engines import run_documents_dask

        path = str(opts.pipeline.resolve()) if opts.pipeline else None
        return run_documents_dask(items, path, opts.scheduler, opts.batch, n_workers=workers,
                                  gazetteers=_gazetteer_override(opts), unrelated=opts.unrelated)
    return run_documents(items, res, workers=workers, pipeline_path=str(opts.pipeline) if opts.pipeline else None,
                         gazetteers=_gazetteer_override(opts), isolated=True)


def output_versions(path: Path) -> list[str]:
    """The gazetteer versions the article records of an output were tagged with, in order of first use."""
    if not path.exists():
        return []
    return scan_output(path).versions


def check_resume_versions(path: Path, version: str, allow_mixed: bool, versions: list[str] | None = None) -> None:
    """Refuse (``SetupError``, exit 2) to ``--resume`` onto an output tagged with another gazetteer version."""
    other = [v for v in (output_versions(path) if versions is None else versions) if v != version]
    if other and not allow_mixed:
        raise SetupError(f"{path} holds records tagged with gazetteer version {', '.join(other)}; this run would"
                         f" use version {version}",
                         hint="extract again without --resume (a new output), or add --allow-mixed-versions")


# --- outputs: checked before anything is read, locked, written through a temporary file -----------------


def _inside(child: Path, folder: Path) -> bool:
    return child == folder or folder in child.parents


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a == b or os.path.samefile(a, b)
    except OSError:
        return False


def _check_writable(target: Target, what: str, append: bool) -> None:
    """A path of an output must be a file we can create or write (not a directory, not read-only)."""
    if target.path is None or target.special:
        return
    path = target.path
    if path.is_dir():
        raise SetupError(f"{what} {path} is a directory", hint=f"give a file name for {what}")
    parent = path.parent
    probe = parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        raise SetupError(f"{what} {path}: {probe} is not a folder", hint=f"give another path for {what}")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise SetupError(f"{what} {path}: cannot write in {probe} (read-only or no permission)",
                         hint=f"give a writable path for {what}")
    if append and path.exists() and not os.access(path, os.W_OK):
        raise SetupError(f"{what} {path} is read-only", hint=f"give a writable path for {what}")


def plan_outputs(opts: ExtractOptions) -> tuple[Target, Target]:
    """The output and errors targets, refused (``SetupError``, exit 2) when they would destroy or re-read
    an input, collide, or cannot be written — before any file is opened."""
    out = Target.of(opts.output)
    if opts.resume and out.path is None:
        raise SetupError("--resume needs -o FILE (the output to continue)")
    if opts.resume and out.special:
        raise SetupError(f"--resume needs -o to be a regular file, not {out.path}")
    default_errors = out.path.with_name(out.path.stem + ".errors.jsonl") if out.regular and out.path else \
        Path(DEFAULT_ERRORS)
    err = Target.of(opts.errors if opts.errors is not None else default_errors)
    _check_writable(out, "-o", opts.resume)
    _check_writable(err, "--errors", opts.resume)
    if out.path is not None and err.path is not None and _same_file(out.path, err.path):
        raise SetupError(f"--errors {err.path} is the same file as -o", hint="give two different files")
    for given in opts.inputs:
        if given == "-":
            continue
        real = Path(os.path.realpath(given))
        for target, what in ((out, "-o"), (err, "--errors")):
            if not target.regular or target.path is None:
                continue
            if real.is_dir() and _inside(target.path, real):
                raise SetupError(f"{what} {target.path} is inside the input folder {given}",
                                 hint="it would be read as input; write it elsewhere")
            if not real.is_dir() and _same_file(target.path, real):
                raise SetupError(f"{what} {target.path} is the input file {given}",
                                 hint="it would be overwritten; write it elsewhere")
    return out, err


DEFAULT_ERRORS = "corridor-ie.errors.jsonl"  # beside stdout or a device: in the current folder


def _errors_shown(opts: ExtractOptions, out: Target) -> Path:
    """The errors file as the user would write it (the default one beside the output as given)."""
    if opts.errors is not None:
        return opts.errors
    if out.regular and opts.output is not None:
        return opts.output.with_name(opts.output.stem + ".errors.jsonl")
    return Path(DEFAULT_ERRORS)


@contextmanager
def _locked(targets: list[Target]) -> Iterator[None]:
    """Hold the lock of each regular target for the run; refuse when another run holds one."""
    with ExitStack() as stack:
        for t in targets:
            if t.regular and t.path is not None:
                stack.enter_context(held(t.lock, lambda t=t: SetupError(
                    f"{t.path} is being written by another corridor-ie run (it holds {t.lock})",
                    hint="wait for that run to end, or choose another -o / --errors")))
        yield


class OutputFailed(Exception):
    """Writing an output failed (a full disk, an I/O error)."""

    def __init__(self, sink: Sink, error: OSError):
        super().__init__(str(error))
        self.sink = sink
        self.error = error


def _write(sink: Sink, lines: list[str] | None = None, models: list | None = None) -> None:
    try:
        if lines is not None:
            sink.write_lines(lines)
        else:
            sink.write_models(models or [])
    except OSError as e:
        raise OutputFailed(sink, e) from None


def _stale_errors(path: Path) -> bool:
    """Whether a file is an errors file an earlier run left (empty, or its first line an error record)."""
    try:
        with path.open("rb") as fh:
            first = fh.readline(1 << 16)
    except OSError:
        return False
    if not first.strip():
        return True
    try:
        return json.loads(first).get("record_type") == "error"
    except (ValueError, AttributeError, RecursionError):
        return False


def _finish(out: Sink, err: Sink) -> None:
    """A run that ended (completed or interrupted): outputs into place."""
    if not out.append and out.target.regular and out.lines == 0:
        out.open()  # an empty output, as a run that wrote nothing should leave
    out.commit()
    err.commit()
    t = err.target
    if not err.append and t.regular and t.path is not None and err.lines == 0 and t.path.is_file() \
            and _stale_errors(t.path):
        t.path.unlink()  # the errors of the output this run replaced (never a device: only a regular file)


def _failed_output(e: OutputFailed, out: Sink, err: Sink, summary: RunSummary) -> SetupError:
    for s in (out, err):
        try:
            s.close() if s.lines else s.discard()
        except OSError:
            pass
    where = e.sink.written_to or "stdout"
    msg = f"{where}: cannot write ({e.error.strerror or e.error})"
    if out.target.regular and not out.append and out.lines:
        hint = (f"{out.target.path} is unchanged; {out.written_to} holds the {summary.written} document(s) "
                "written before: make room, then rerun with --resume to continue from it")
    elif out.target.regular and out.append:
        hint = "the output holds complete documents: make room, then rerun with --resume"
    else:
        hint = "make room or choose another output"
    return OutputError(msg, hint=hint)


def _prepare_resume(state: ResumeState | None, out: Target, err: Target) -> Callable[[], None]:
    """What ``--resume`` changes, once, just before its first line is written: the ``.partial`` a killed
    run left takes the output's place, and incomplete documents are dropped."""
    done = False

    def prepare() -> None:
        nonlocal done
        if done or state is None:
            return
        done = True
        assert out.path is not None
        for t in (out, err):
            if t.regular and t.path is not None and t.partial.exists():
                os.replace(t.partial, t.path)
        drop_ranges(out.path, state.drop, state.size)

    return prepare


def _resume_state(out: Target) -> ResumeState | None:
    assert out.path is not None
    base = out.partial if out.partial.exists() else out.path if out.path.exists() else None
    return scan_output(base) if base is not None else None


def run_extract(opts: ExtractOptions, on_document: Callable[[], None] | None = None) -> RunSummary:
    """Extract ``opts.inputs`` into ``opts.output``; ``on_document`` is called after each document (a
    progress bar). Bad options, paths, pipeline or gazetteer files raise :class:`SetupError` before any
    document, and before any output is touched."""
    _check_engine(opts)
    config = load_pipeline(opts.pipeline)
    _check_inputs(opts.inputs)
    out_t, err_t = plan_outputs(opts)
    res = load_resources(config, opts.gazetteers, unrelated=opts.unrelated)  # bad gazetteer/pipeline files fail here
    with _locked([out_t, err_t]):
        state = _resume_state(out_t) if opts.resume else None
        if state is not None:
            check_resume_versions(out_t.path, res.gazetteer.version, opts.allow_mixed_versions, state.versions)
        append = state is not None
        out, err = Sink(out_t, append=append), Sink(err_t, append=append)
        out.before_open = err.before_open = _prepare_resume(state, out_t, err_t)
        summary = RunSummary(output=str(opts.output) if opts.output else "stdout",
                             errors_path=str(_errors_shown(opts, out_t)))
        if state is not None:
            summary.notes = state.notes(out_t.path)
        return _run(opts, res, state, out, err, summary, on_document)


def _run(opts: ExtractOptions, res, state: ResumeState | None, out: Sink, err: Sink, summary: RunSummary,
         on_document: Callable[[], None] | None) -> RunSummary:
    items = read_inputs(opts.inputs, res.config, stdin=sys.stdin.buffer if "-" in opts.inputs else None,
                        skipped=summary.skipped)
    if state is not None and state.done:
        items = skip_done(items, state.done)

    def on_signal(signum, frame):
        raise _Stop()

    old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    results = None
    try:
        results = _results(items, res, opts)
        for result in results:
            summary.read += 1
            if result.ok:
                kinds = [t for t, _ in result.lines] if result.lines is not None else \
                    [getattr(r, "record_type", "?") for r in result.records]
                if result.lines is not None:
                    _write(out, lines=[line for _, line in result.lines])
                else:
                    _write(out, models=result.records)
                summary.written += 1
                summary.records += len(kinds)
                for t in kinds:
                    summary.by_type[t] = summary.by_type.get(t, 0) + 1
            elif result.errors:
                summary.failed += 1
            else:
                summary.omitted += 1  # an unrelated page, --unrelated omit
            if result.errors:
                _write(err, models=result.errors)
            if on_document:
                on_document()
    except _Stop:
        summary.interrupted = True
    except OutputFailed as e:
        _close(results)
        raise _failed_output(e, out, err, summary) from None
    except (SetupError, DocumentError):
        _close(results)
        _abandon(out, err)
        raise
    except Exception as e:  # noqa: BLE001 - an engine that failed to start or lost its cluster
        _close(results)
        _abandon(out, err)
        raise SetupError(f"the {opts.engine} engine failed: {type(e).__name__}: {' '.join(str(e).split())}",
                         hint=_abandon_hint(out, summary)) from None
    finally:
        _close(results)
        for s, h in old.items():
            signal.signal(s, h)
    try:
        _finish(out, err)
    except OSError as e:
        raise OutputError(f"{e.filename or out.written_to}: cannot write ({e.strerror or e})") from None
    return summary


def _close(results) -> None:
    close = getattr(results, "close", None)
    if close is not None:
        close()


def _abandon(out: Sink, err: Sink) -> None:
    """A run that failed: the output is left as it was (a fresh run's ``.partial`` with lines stays, for
    ``--resume`` to continue from)."""
    for s in (out, err):
        try:
            s.close() if s.lines else s.discard()
        except OSError:
            pass


def _abandon_hint(out: Sink, summary: RunSummary) -> str:
    if out.target.regular and not out.append and out.lines:
        return (f"{out.target.path} is unchanged; {out.written_to} holds {summary.written} document(s): "
                "rerun with --resume to continue from it")
    return "the output was left as it was"
