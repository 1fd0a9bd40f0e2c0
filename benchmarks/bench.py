"""Throughput and memory of the pipeline, against baselines measured in the same run on the same texts.

    python benchmarks/bench.py            # full run (about 3 minutes on 2 cores)
    python benchmarks/bench.py --quick    # smoke test (under a minute)

Corpora are generated in a temporary folder from ``examples/`` (see ``corpus.py``). Measured:

1. in-process (``read_inputs`` + ``process_document``, one core): a relevant-Vietnamese corpus and a
   mixed corpus (about 80 % unrelated news), as documents/s, input kchar/s, ms/document, peak RSS;
2. baselines on the same texts, in this process:
   (a) underthesea ``sent_tokenize`` per line, then ``word_tokenize`` per sentence, over the cleaned
       text of the relevant Vietnamese articles;
   (b) ``underthesea.ner`` over a random sample of those sentences, scaled to all of them;
   (c) ``trafilatura.extract`` alone over the same HTML pages: the unrelated pages of the mixed
       corpus (which the screen rules out before extraction) and all its HTML pages, each page timed
       by the pipeline and by trafilatura back to back (paired: machine load hits both alike);
   (d) a crawl of unrelated news pages (``crawl.py``: 40-80 KB each, varied site chrome, text the
       project writes; 600 pages, 150 with --quick) against ``trafilatura.extract`` alone: the
       marginal cost per page (user CPU of the whole set, pipeline and trafilatura alternating, best
       of N), the whole process (``corridor-ie extract`` and a script that only calls
       ``trafilatura.extract``, each in a subprocess, paired, best of N: wall and CPU), the first
       document's time, and the false alarms (pages found relevant) and the pages the screen passed;
3. ``corridor-ie extract`` in a subprocess: 1 and 2 workers (and the dask engine) on the small
   corpus, 1 worker on a 10x larger one (throughput and peak RSS should stay flat: streaming);
4. ``corridor-ie export`` in a subprocess on generated records files (``records.py``) of 10,000 and
   100,000 records, to DuckDB and to Parquet: time, records/s and peak RSS (which should stay flat).

No relevant document may be lost: every document of the relevant and mixed corpora that is relevant by
construction must come out relevant (reported as "relevant documents lost").

Ratios are speed ratios: baseline time / pipeline time (above 1 means the pipeline is faster).
A missed target triggers a cProfile run whose top functions are printed. Results also go to
``out/bench.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import os
import platform
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from corridor_ie.output import PARTIAL_SUFFIX

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402
from crawl import write_unrelated  # noqa: E402
from records import write_records  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

#: sizes per mode: relevant-vi corpus, small (mixed, in-process + scaling), large (scaling), NER sample
SIZES = {
    "full": {"relevant_vi": 200, "small": 1000, "large": 10000, "ner_sentences": 300, "dask": True,
             "export": (10_000, 100_000), "crawl": 600, "crawl_rounds": 3},
    "quick": {"relevant_vi": 30, "small": 200, "large": 1000, "ner_sentences": 40, "dask": False,
              "export": (2_000, 10_000), "crawl": 150, "crawl_rounds": 2},
}
#: targets, as speed ratios (baseline time / pipeline time)
TARGETS = {"a_word_tokenize": 1.0, "b_ner": 10.0, "c_trafilatura": 0.67, "d_crawl_marginal": 2.0,
           "d_crawl_process": 1.5}
MAX_FALSE_ALARMS = 0.02  # share of the crawl's unrelated pages found relevant
CRAWL_TARGET_PAGES = 600  # the whole-process target holds for this many pages (start-up weighs more on fewer)
MAX_FIRST_DOC_S = 1.5  # start-up of the crawl run, until its first article is written
MIXED_RELEVANT_SHARE = 0.2


def rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass
class DocTiming:
    html: bool
    chars: int
    seconds: float
    relevant: bool
    lang: str
    text: str = ""
    item: object = None  # the HTML page's RawDoc, for the paired trafilatura comparison
    name: str = ""  # the file's name (its expected relevance is known by name)


@dataclass
class Pass:
    """One in-process pass over a corpus."""

    name: str
    docs: list[DocTiming] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0
    failed: int = 0

    def subset(self, name: str, pred) -> dict:
        ds = [d for d in self.docs if pred(d)]
        secs = sum(d.seconds for d in ds)
        chars = sum(d.chars for d in ds)
        return {"corpus": name, "docs": len(ds), "kchar": round(chars / 1000, 1), "seconds": round(secs, 3),
                "docs_per_s": round(len(ds) / secs, 1) if secs else None,
                "kchar_per_s": round(chars / 1000 / secs, 1) if secs else None,
                "ms_per_doc": round(1000 * secs / len(ds), 2) if ds else None}


def run_pass(name: str, folder: Path, cfg, res, keep_text: bool = False) -> Pass:
    """read_inputs + process_document over a folder; per-document time includes reading it."""
    from corridor_ie.pipeline import process_document, read_inputs

    out = Pass(name)
    items = read_inputs([str(folder)], cfg)
    w0, c0 = time.perf_counter(), time.process_time()
    while True:
        t0 = time.perf_counter()
        item = next(items, None)
        if item is None:
            break
        result = process_document(item, res)
        dt = time.perf_counter() - t0
        if not result.records:
            out.failed += 1
            continue
        art = result.records[0]
        html = item.media_type == "text/html"
        out.docs.append(DocTiming(html, len(item.content), dt, bool(art.relevant), art.lang,
                                  art.text if keep_text else "", item if html else None,
                                  Path(item.source.path).name))
    out.wall, out.cpu = time.perf_counter() - w0, time.process_time() - c0
    return out


# --- baselines ------------------------------------------------------------------------------------


def sentences_of(text: str) -> list[str]:
    from underthesea import sent_tokenize

    return [s for line in text.split("\n") if line.strip() for s in sent_tokenize(line)]


def baseline_tokenize(texts: list[str]) -> tuple[float, int]:
    from underthesea import word_tokenize

    word_tokenize("Khởi động mô hình tách từ.")
    t0 = time.perf_counter()
    n = 0
    for text in texts:
        for s in sentences_of(text):
            word_tokenize(s)
            n += 1
    return time.perf_counter() - t0, n


def baseline_ner(sentences: list[str], k: int, seed: int) -> tuple[float, int]:
    """Mean seconds per sentence of ``underthesea.ner`` over a random sample of ``k`` sentences."""
    from underthesea import ner

    ner("Khởi động mô hình nhận dạng thực thể.")
    sample = random.Random(seed).sample(sentences, min(k, len(sentences)))
    t0 = time.perf_counter()
    for s in sample:
        ner(s)
    return (time.perf_counter() - t0) / max(1, len(sample)), len(sample)


def paired_trafilatura(items: list, res, rounds: int) -> tuple[float, float]:
    """Mean seconds per page of the pipeline (``process_document``) and of ``trafilatura.extract`` alone,
    each page timed by both back to back, ``rounds`` times; the fastest time per page and side is kept,
    so a load change on a shared machine hits both sides alike."""
    import trafilatura

    from corridor_ie.pipeline import process_document

    pipe, traf = [float("inf")] * len(items), [float("inf")] * len(items)
    for _ in range(rounds):
        for k, item in enumerate(items):
            t0 = time.perf_counter()
            process_document(item, res)
            t1 = time.perf_counter()
            trafilatura.extract(item.content)
            t2 = time.perf_counter()
            pipe[k], traf[k] = min(pipe[k], t1 - t0), min(traf[k], t2 - t1)
    n = max(1, len(items))
    return sum(pipe) / n, sum(traf) / n


def user_cpu() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


def paired_crawl_cpu(items: list, res, rounds: int) -> tuple[float, float]:
    """User-CPU seconds per page of the pipeline (``process_document``) and of ``trafilatura.extract``
    alone over the same pages: each side runs the whole set, the two alternate (the order flips each
    round) and the best round of each side is kept."""
    import trafilatura

    from corridor_ie.pipeline import process_document

    def pipe() -> None:
        for item in items:
            process_document(item, res)

    def traf() -> None:
        for item in items:
            trafilatura.extract(item.content)

    best = {"pipe": float("inf"), "traf": float("inf")}
    for r in range(rounds):
        for name, fn in (("pipe", pipe), ("traf", traf)) if r % 2 == 0 else (("traf", traf), ("pipe", pipe)):
            t0 = user_cpu()
            fn()
            best[name] = min(best[name], user_cpu() - t0)
    n = max(1, len(items))
    return best["pipe"] / n, best["traf"] / n


#: the whole-process baseline: a script that only reads each page and calls trafilatura.extract
_TRAFILATURA_ONLY = (
    "import sys, pathlib, trafilatura\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.html')):\n"
    "    trafilatura.extract(p.read_text(encoding='utf-8'))\n"
)


def run_timed(cmd: list[str]) -> dict:
    """Wall and CPU (user + system, from wait4) of a subprocess."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    _pid, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode("utf-8", "replace") if p.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-2000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(ru.ru_utime + ru.ru_stime, 2)}


def crawl_whole_process(folder: Path, out: Path, rounds: int) -> dict:
    """``corridor-ie extract`` (one worker) and the trafilatura-only script on the same pages, each in
    a subprocess timed alike (wall, and CPU from wait4), alternating, best of ``rounds`` by wall time;
    then one more pipeline run watched by ``run_cli`` for its first-document time and memory."""
    best: dict[str, dict] = {}
    cmds = {"pipe": extract_command([str(folder)], out, 1, "local"),
            "traf": [sys.executable, "-c", _TRAFILATURA_ONLY, str(folder)]}
    for r in range(rounds):
        for side in ("pipe", "traf") if r % 2 == 0 else ("traf", "pipe"):
            run = run_timed(cmds[side])
            if side not in best or run["wall_s"] < best[side]["wall_s"]:
                best[side] = run
    n = len(list(folder.glob("*.html")))
    best["watched"] = run_cli("crawl x1 (watched)", [str(folder)], out, n, 1)
    return best


def crawl_verdicts(out: Path) -> dict:
    """Article records of the crawl run: how many were found relevant, and where the others stopped."""
    arts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()
            if line.startswith('{"record_type":"article"')]
    relevant = sum(a["relevant"] for a in arts)
    screened = sum(1 for a in arts if not a["relevant"] and (a.get("relevance") or {}).get("reasons", [""])[0]
                   .startswith("screen:"))
    return {"pages": len(arts), "relevant": relevant, "false_alarm_rate": round(relevant / max(1, len(arts)), 4),
            "ruled_out_by_screen": screened, "passed_the_screen": len(arts) - screened}


# --- subprocess runs ------------------------------------------------------------------------------


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("corridor-ie")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from corridor_ie.cli import main; main()"]


#: the dask run through the library when this checkout's CLI has no ``--engine`` option yet
_DASK_VIA_LIBRARY = (
    "import sys\n"
    "from pathlib import Path\n"
    "from corridor_ie.runner import ExtractOptions, run_extract\n"
    "if __name__ == '__main__':\n"
    "    sys.exit(run_extract(ExtractOptions(inputs=sys.argv[1:-1], output=Path(sys.argv[-1]), quiet=True,\n"
    "                                        engine='dask')).exit_code)\n"
)


def extract_command(inputs: list[str], out: Path, workers: int, engine: str) -> list[str]:
    base = ["extract", *inputs, "-o", str(out), "--quiet", "--workers", str(workers)]
    if engine == "local":
        return cli_command() + base
    help_text = subprocess.run(cli_command() + ["extract", "--help"], capture_output=True, text=True).stdout
    if "--engine" in help_text:
        return cli_command() + base + ["--engine", engine]
    return [sys.executable, "-c", _DASK_VIA_LIBRARY, *inputs, str(out)]


STEADY_FROM = 0.1  # steady-state throughput is measured after this share of the documents is written


def run_cli(name: str, inputs: list[str], out: Path, docs: int, workers: int = 1,
            engine: str = "local") -> dict:
    """``corridor-ie extract`` in a subprocess, polled every 50 ms.

    Reported: wall time; time to the first article written (startup: resources and the models
    stages load on first use); steady documents/s, from the time the first ``STEADY_FROM`` of the
    documents were written to the time the last one was; peak RSS of the largest process (exact,
    from wait4) and peak PSS of the whole process tree (sum, sampled; PSS splits the pages forked
    workers share, so the sum is not inflated by them).
    """
    cmd = extract_command(inputs, out, workers, engine)
    err_file = out.with_suffix(".stderr")
    out.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with err_file.open("wb") as err_fh:  # a file, not a pipe: a chatty child cannot block on it
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_fh, cwd=REPO)
    proc = psutil.Process(p.pid)
    tree_peak, seen, reader, samples = 0, 0, None, []
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        now = time.perf_counter() - t0
        if reader is None:  # a fresh run writes OUT.partial and renames it into place at the end
            partial = out.with_name(out.name + PARTIAL_SUFFIX)
            reader = partial.open("rb") if partial.exists() else out.open("rb") if out.exists() else None
        if reader is not None:
            seen += reader.read().count(b'{"record_type":"article"')
            samples.append((now, seen))
        if pid:
            break
        try:
            tree = [proc, *proc.children(recursive=True)]
            tree_peak = max(tree_peak, sum(x.memory_full_info().pss for x in tree if x.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    if reader is not None:
        reader.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    err = err_file.read_text(encoding="utf-8", errors="replace")
    if p.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {err[-2000:]}")
    first = next((t for t, n in samples if n >= 1), None)
    start = next(((t, n) for t, n in samples if n >= max(1, STEADY_FROM * seen)), None)
    end = next(((t, n) for t, n in samples if n >= seen), None)
    steady = (end[1] - start[1]) / (end[0] - start[0]) if start and end and end[0] > start[0] else None
    cores = min(2 if engine == "dask" else workers, os.cpu_count() or 1)
    deciles = []  # docs/s within each tenth of the documents: flat when the run streams
    if seen >= 10:
        marks = [next(t for t, n in samples if n >= k * seen / 10) for k in range(11)]
        marks[0] = first or 0.0
        deciles = [round(seen / 10 / (b - a), 1) if b > a else None for a, b in itertools.pairwise(marks)]
    return {"run": name, "docs": docs, "articles": seen, "workers": workers,
            "engine": engine, "exit": p.returncode,
            "wall_s": round(wall, 2), "first_doc_s": round(first, 2) if first is not None else None,
            "docs_per_s_wall": round(docs / wall, 1),
            "docs_per_s_steady": round(steady, 1) if steady else None,
            "docs_per_s_per_core": round(steady / cores, 1) if steady else None,
            "peak_rss_mb_largest": round(ru.ru_maxrss / 1024, 1), "cpu_s": round(ru.ru_utime + ru.ru_stime, 2),
            "peak_pss_mb_tree_sampled": round(tree_peak / 2**20, 1), "docs_per_s_by_tenth": deciles}


def _hwm_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM: since its exec, unlike wait4's ru_maxrss, which
    also counts the memory of the parent it was forked from)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_export(records: Path, n: int, to: Path, fmt: str) -> dict:
    """``corridor-ie export`` in a subprocess: wall time and peak RSS (VmHWM, polled every 20 ms)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cli_command() + ["export", str(records), "--to", str(to), "--format", fmt],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    peak = 0.0
    while p.poll() is None:
        peak = max(peak, _hwm_mb(p.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"corridor-ie export {records} --format {fmt} exited {p.returncode}")
    return {"run": f"export {n:,} records -> {fmt}", "records": n, "format": fmt, "wall_s": round(wall, 2),
            "records_per_s": round(n / wall), "peak_rss_mb": round(peak, 1)}


def _spin(n: int) -> float:
    t0 = time.perf_counter()
    s = 0
    for i in range(n):
        s += i
    return time.perf_counter() - t0


def parallel_capacity(n: int = 8_000_000) -> float:
    """Speed-up of a pure-Python loop on 2 processes over 1: what this machine gives right now
    (a shared or throttled VM can give much less than 2)."""
    import multiprocessing as mp

    one = _spin(n)
    with mp.get_context("fork").Pool(2) as pool:
        t0 = time.perf_counter()
        pool.map(_spin, [n, n])
        two = time.perf_counter() - t0
    return round(2 * one / two, 2)


# --- profile --------------------------------------------------------------------------------------


def profile(folder: Path, cfg, res, top: int = 18, only=None, limit: int = 200) -> str:
    """cProfile of process_document over the documents of ``folder`` that ``only`` keeps."""
    from corridor_ie.pipeline import process_document, read_inputs

    items = [i for i in read_inputs([str(folder)], cfg) if only is None or only(i)][:limit]
    prof = cProfile.Profile()
    prof.enable()
    for item in items:
        process_document(item, res)
    prof.disable()
    buf = io.StringIO()
    buf.write(f"{len(items)} documents\n")
    st = pstats.Stats(prof, stream=buf)
    st.sort_stats("tottime").print_stats(top)
    st.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


# --- report ---------------------------------------------------------------------------------------


def table(rows: list[dict], cols: list[str]) -> str:
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in cols] for r in rows]
    widths = [max(len(c), *(len(x[i]) for x in cells)) for i, c in enumerate(cols)]
    line = "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
    body = ["  ".join(x.rjust(w) if i else x.ljust(w) for i, (x, w) in enumerate(zip(row, widths, strict=True)))
            for row in cells]
    return "\n".join([line, "  ".join("-" * w for w in widths), *body])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small corpora: a smoke test under a minute")
    ap.add_argument("--out", type=Path, default=REPO / "out" / "bench.json")
    ap.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    ap.add_argument("--profile", action="store_true", help="print a cProfile summary even if targets are met")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    mode = "quick" if args.quick else "full"
    size = SIZES[mode]
    t_start = time.perf_counter()
    root = args.keep or Path(tempfile.mkdtemp(prefix="corridor-bench-"))
    say = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731

    try:
        say(f"[bench] generating corpora in {root} ...")
        expected: dict[str, dict[str, bool]] = {"relevant-vi": {}, "mixed": {}}
        counts = {
            "relevant_vi": write_corpus(root / "relevant-vi", size["relevant_vi"], seed=args.seed,
                                        only_vi_relevant=True, expected=expected["relevant-vi"]),
            "small": write_corpus(root / "small", size["small"], relevant_share=MIXED_RELEVANT_SHARE,
                                  seed=args.seed + 1, expected=expected["mixed"]),
            "large": write_corpus(root / "large", size["large"], relevant_share=MIXED_RELEVANT_SHARE,
                                  seed=args.seed + 2),
            "crawl": write_unrelated(root / "crawl", size["crawl"], seed=args.seed + 3),
        }

        t0 = time.perf_counter()
        from corridor_ie.config import load_pipeline
        from corridor_ie.pipeline import load_resources, process_document, read_inputs

        startup = {"imports_s": time.perf_counter() - t0}
        say("[bench] loading resources and warming up on examples/ ...")
        os.environ["CORRIDOR_IE_CACHE"] = str(root / "cache")  # empty: the first load compiles
        cfg = load_pipeline(None)
        for run in ("resources_cold_cache_s", "resources_warm_cache_s"):
            t0 = time.perf_counter()
            res = load_resources(cfg)
            startup[run] = time.perf_counter() - t0
        t0 = time.perf_counter()
        res.build_stages()  # every stage is otherwise built when the first document reaches it
        startup["stages_built_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        res.languages.get("zh").cut("云南省")  # jieba's dictionary: loaded on the first Chinese text only
        startup["jieba_first_use_s"] = time.perf_counter() - t0
        startup = {k: round(v, 3) for k, v in startup.items()}
        for item in read_inputs([str(REPO / "examples")], cfg):
            process_document(item, res)

        say("[bench] in-process passes ...")
        rel = run_pass("relevant-vi", root / "relevant-vi", cfg, res, keep_text=True)
        mix = run_pass("mixed", root / "small", cfg, res)
        peak_pipeline = rss_peak_mb()

        inproc = [
            rel.subset("relevant-vi (all)", lambda d: True),
            mix.subset("mixed (all)", lambda d: True),
            mix.subset("mixed: html pages", lambda d: d.html),
            mix.subset("mixed: text pages", lambda d: not d.html),
            mix.subset("mixed: unrelated (screen, prefilter)", lambda d: not d.relevant),
            mix.subset("mixed: relevant", lambda d: d.relevant),
        ]
        for r in inproc[:2]:
            p = rel if r["corpus"].startswith("relevant") else mix
            r["cpu_s"] = round(p.cpu, 2)
            r["docs_per_cpu_s"] = round(len(p.docs) / p.cpu, 1)
            r["failed"] = p.failed
        relevant_share_seen = sum(d.relevant for d in mix.docs) / max(1, len(mix.docs))

        say("[bench] baselines (a) word_tokenize, (b) ner, (c) trafilatura ...")
        texts = [d.text for d in rel.docs if d.lang == "vi"]
        pipe_rel_s = sum(d.seconds for d in rel.docs if d.lang == "vi")
        tok_s, n_sent = baseline_tokenize(texts)
        all_sents = [s for t in texts for s in sentences_of(t)]
        ner_per_sent, ner_k = baseline_ner(all_sents, size["ner_sentences"], args.seed)
        ner_s = ner_per_sent * len(all_sents)
        unrelated = [d for d in mix.docs if d.html and not d.relevant]
        html_docs = [d for d in mix.docs if d.html]
        pipe_unrel, traf_unrel = paired_trafilatura([d.item for d in unrelated], res, rounds=3)
        pipe_html, traf_html = paired_trafilatura([d.item for d in html_docs], res, rounds=1)
        n_rel = len(texts)
        say("[bench] (d) a crawl of unrelated pages vs trafilatura.extract alone, in this process ...")
        crawl_items = [i for i in read_inputs([str(root / "crawl")], cfg) if hasattr(i, "content")]
        pipe_crawl, traf_crawl = paired_crawl_cpu(crawl_items, res, size["crawl_rounds"])
        lost = sorted(f"{p.name}/{d.name}" for p in (rel, mix) for d in p.docs
                      if expected[p.name].get(d.name) and not d.relevant)
        baselines = [
            {"comparison": "(a) relevant vi articles vs sent_tokenize+word_tokenize", "key": "a_word_tokenize",
             "pipeline": f"{1000 * pipe_rel_s / n_rel:.1f} ms/doc", "baseline": f"{1000 * tok_s / n_rel:.1f} ms/doc",
             "ratio": round(tok_s / pipe_rel_s, 2), "target": f">= {TARGETS['a_word_tokenize']:g}x",
             "note": f"{n_rel} docs, {n_sent} sentences"},
            {"comparison": "(b) relevant vi articles vs underthesea.ner", "key": "b_ner",
             "pipeline": f"{1000 * pipe_rel_s / n_rel:.1f} ms/doc", "baseline": f"{1000 * ner_s / n_rel:.1f} ms/doc",
             "ratio": round(ner_s / pipe_rel_s, 1), "target": f">= {TARGETS['b_ner']:g}x",
             "note": f"sampled {ner_k} of {len(all_sents)} sentences, {1000 * ner_per_sent:.1f} ms/sentence, "
                     "scaled to all sentences"},
            {"comparison": "(c) unrelated html pages vs trafilatura.extract alone", "key": "c_trafilatura",
             "pipeline": f"{1000 * pipe_unrel:.2f} ms/page", "baseline": f"{1000 * traf_unrel:.2f} ms/page",
             "ratio": round(traf_unrel / pipe_unrel, 2), "target": f">= {TARGETS['c_trafilatura']:g}x (~1x)",
             "note": f"{len(unrelated)} pages found unrelated (each still gets its article record); "
                     "paired timing, best of 3 per page"},
            {"comparison": "(c') all html pages of the mixed corpus vs trafilatura.extract alone",
             "pipeline": f"{1000 * pipe_html:.2f} ms/page", "baseline": f"{1000 * traf_html:.2f} ms/page",
             "ratio": round(traf_html / pipe_html, 2), "target": "-",
             "note": f"{len(html_docs)} pages, {sum(d.relevant for d in html_docs) / max(1, len(html_docs)):.0%} "
                     "relevant (real news: far fewer); paired timing"},
            {"comparison": "(d) crawl, unrelated pages: marginal cost vs trafilatura.extract alone",
             "key": "d_crawl_marginal",
             "pipeline": f"{1000 * pipe_crawl:.2f} ms/page", "baseline": f"{1000 * traf_crawl:.2f} ms/page",
             "ratio": round(traf_crawl / pipe_crawl, 2), "target": f">= {TARGETS['d_crawl_marginal']:g}x",
             "note": f"{len(crawl_items)} pages of 40-80 KB; user CPU of the whole set, the two sides "
                     f"alternating, best of {size['crawl_rounds']}"},
        ]

        say("[bench] corridor-ie extract subprocesses ...")
        runs_dir = root / "runs"
        runs_dir.mkdir(exist_ok=True)
        capacity = parallel_capacity()
        n_small, n_large = size["small"], size["large"]
        runs = [run_cli("small x1", [str(root / "small")], runs_dir / "s1.jsonl", n_small, 1),
                run_cli("small x2", [str(root / "small")], runs_dir / "s2.jsonl", n_small, 2)]
        if size["dask"]:
            runs.append(run_cli("small dask (local cluster, 2 workers)", [str(root / "small")],
                                runs_dir / "sd.jsonl", n_small, 1, "dask"))
        runs.append(run_cli("large x1", [str(root / "large")], runs_dir / "l1.jsonl", n_large, 1))
        say("[bench] (d') the crawl, whole process: corridor-ie extract vs a trafilatura-only script ...")
        crawl_out = runs_dir / "crawl.jsonl"
        whole = crawl_whole_process(root / "crawl", crawl_out, size["crawl_rounds"])
        verdicts = crawl_verdicts(crawl_out)
        runs.append(whole["watched"])
        baselines.append(
            {"comparison": f"(d') crawl, whole process ({verdicts['pages']} pages, 1 worker) vs trafilatura only",
             "key": "d_crawl_process" if verdicts["pages"] >= CRAWL_TARGET_PAGES else None,
             "pipeline": f"{whole['pipe']['wall_s']:.2f} s (CPU {whole['pipe']['cpu_s']:.2f})",
             "baseline": f"{whole['traf']['wall_s']:.2f} s (CPU {whole['traf']['cpu_s']:.2f})",
             "ratio": round(whole["traf"]["wall_s"] / whole["pipe"]["wall_s"], 2),
             "target": f">= {TARGETS['d_crawl_process']:g}x" + ("" if verdicts["pages"] >= CRAWL_TARGET_PAGES
                                                                else f" ({CRAWL_TARGET_PAGES} pages)"),
             "note": f"wall; CPU ratio {whole['traf']['cpu_s'] / whole['pipe']['cpu_s']:.2f}; subprocesses "
                     f"alternating, best of {size['crawl_rounds']}"})
        for b in baselines:
            key = b.pop("key", None)
            b["met"] = "-" if key is None else "yes" if b["ratio"] >= TARGETS[key] else "NO"
        first_doc = whole["watched"]["first_doc_s"]
        crawl = {**verdicts, "first_doc_s": first_doc,
                 "false_alarms_met": "yes" if verdicts["false_alarm_rate"] <= MAX_FALSE_ALARMS else "NO",
                 "first_doc_met": "yes" if (first_doc or 99) <= MAX_FIRST_DOC_S else "NO",
                 "relevant_documents_lost": lost}
        by = {r["run"]: r for r in runs}
        s1, s2, l1 = by["small x1"], by["small x2"], by["large x1"]
        same = (runs_dir / "s1.jsonl").read_bytes() == (runs_dir / "s2.jsonl").read_bytes()
        same_dask = ((runs_dir / "s1.jsonl").read_bytes() == (runs_dir / "sd.jsonl").read_bytes()
                     if size["dask"] else None)
        scaling = {
            "machine_parallel_capacity_2_procs": capacity,
            "workers_1_to_2_wall_speedup": round(s1["wall_s"] / s2["wall_s"], 2),
            "workers_1_to_2_steady_speedup": round(s2["docs_per_s_steady"] / s1["docs_per_s_steady"], 2),
            "outputs_identical_1_vs_2_workers": same,
            "outputs_identical_1_worker_vs_dask": same_dask,
            f"docs_{n_small}_to_{n_large}_steady_docs_per_s_ratio": round(l1["docs_per_s_steady"]
                                                                          / s1["docs_per_s_steady"], 2),
            f"docs_{n_small}_to_{n_large}_peak_rss_ratio": round(l1["peak_rss_mb_largest"]
                                                                 / s1["peak_rss_mb_largest"], 2),
        }

        say("[bench] corridor-ie export of generated records ...")
        exports = []
        for n in size["export"]:
            path = root / f"records-{n}.jsonl"
            written = write_records(path, n, seed=args.seed)
            for fmt in ("duckdb", "parquet"):
                exports.append(run_export(path, written, root / f"export-{n}-{fmt}", fmt))
        small_n, large_n = size["export"]
        ex = {(r["records"] >= large_n, r["format"]): r for r in exports}
        scaling["export_records_per_s_ratio_small_to_large_duckdb"] = round(
            ex[(True, "duckdb")]["records_per_s"] / ex[(False, "duckdb")]["records_per_s"], 2)
        for fmt in ("duckdb", "parquet"):
            scaling[f"export_peak_rss_ratio_small_to_large_{fmt}"] = round(
                ex[(True, fmt)]["peak_rss_mb"] / ex[(False, fmt)]["peak_rss_mb"], 2)

        missed = [b["comparison"] for b in baselines if b["met"] == "NO"]
        missed += [f"crawl {k}" for k in ("false_alarms_met", "first_doc_met") if crawl[k] == "NO"]
        missed += ["relevant documents lost"] if lost else []
        prof_text = ""
        if args.profile or (missed and not args.quick):
            say("[bench] profiling (cProfile) ...")
            if args.profile or any(m.startswith(("(a)", "(b)")) for m in missed):
                prof_text += "--- relevant Vietnamese articles ---\n" + profile(root / "relevant-vi", cfg, res)
            if args.profile or any(m.startswith(("(c)", "(d)")) for m in missed):
                prof_text += "--- HTML pages of the mixed corpus ---\n" + profile(
                    root / "small", cfg, res, only=lambda i: getattr(i, "media_type", "") == "text/html")

        report = {
            "mode": mode, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                      "platform": platform.platform()},
            "corpora": counts, "startup": startup,
            "mixed_predicted_relevant_share": round(relevant_share_seen, 3),
            "in_process": inproc, "in_process_peak_rss_mb": round(peak_pipeline, 1),
            "baselines": baselines, "crawl": crawl, "subprocess_runs": runs, "exports": exports, "scaling": scaling,
            "targets_missed": missed, "profile": prof_text or None,
            "total_bench_s": round(time.perf_counter() - t_start, 1),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

        print(f"corridor-ie benchmark ({mode}): {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"corpora: {json.dumps(counts)}; mixed corpus predicted relevant: {relevant_share_seen:.0%}")
        print("start-up, once per process: " + ", ".join(f"{k} {v:g}" for k, v in startup.items()) + "\n")
        print("In-process, one core (read_inputs + process_document; kchar = input characters, markup included)")
        print(table(inproc, ["corpus", "docs", "kchar", "seconds", "docs_per_s", "kchar_per_s", "ms_per_doc"]))
        print(f"peak RSS of this process after the pipeline passes: {peak_pipeline:.0f} MB\n")
        print("Against baselines, same texts, same run (ratio = baseline time / pipeline time)")
        print(table(baselines, ["comparison", "pipeline", "baseline", "ratio", "target", "met", "note"]))
        print(f"\ncrawl of unrelated pages: {crawl['pages']} pages, {crawl['relevant']} found relevant "
              f"(false alarms {crawl['false_alarm_rate']:.1%}, target <= {MAX_FALSE_ALARMS:.0%}: "
              f"{crawl['false_alarms_met']}); {crawl['ruled_out_by_screen']} ruled out by the screen before "
              f"extraction, {crawl['passed_the_screen']} extracted; first article after {crawl['first_doc_s']} s "
              f"(target <= {MAX_FIRST_DOC_S:g} s: {crawl['first_doc_met']})")
        print(f"relevant documents lost (relevant by construction, found unrelated): {len(lost)}"
              + (f" {lost[:10]}" if lost else ""))
        print("\ncorridor-ie extract in a subprocess (first_doc_s: startup until the first article is written; "
              f"steady: from {STEADY_FROM:.0%} of the documents written to the last)")
        print(table(runs, ["run", "docs", "workers", "wall_s", "first_doc_s", "docs_per_s_wall",
                           "docs_per_s_steady", "docs_per_s_per_core", "peak_rss_mb_largest",
                           "peak_pss_mb_tree_sampled"]))
        print("\ncorridor-ie export of generated records (records.py) in a subprocess")
        print(table(exports, ["run", "records", "wall_s", "records_per_s", "peak_rss_mb"]))
        print()
        for k, v in scaling.items():
            print(f"{k}: {v}")
        for r in runs:
            print(f"{r['run']}: docs/s in each tenth of the documents: {r['docs_per_s_by_tenth']}")
        if missed and not prof_text:
            print("\ntargets missed; for a cProfile summary run: python benchmarks/bench.py --quick --profile")
        if prof_text:
            print("\ncProfile (targets missed: " + (", ".join(missed) or "none") + ")")
            print(prof_text)
        print(f"\nwritten: {args.out}  (bench took {report['total_bench_s']} s)")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
