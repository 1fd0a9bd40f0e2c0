"""What the worker processes of the hard limits cost on the normal path: the same corpus through
``run_documents`` in this process (no hard limit) and in forked worker processes (``isolated``), rounds
interleaved so that both see the same machine; prints the ratios of the medians of wall time and of CPU
time (this process and its reaped children: robust to a machine shared with other work).

    .venv/bin/python benchmarks/isolation.py [--docs 200] [--rounds 3] [--workers 1]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    from corridor_ie.config import load_pipeline
    from corridor_ie.pipeline import load_resources, process_document, read_inputs, run_documents

    root = Path(tempfile.mkdtemp(prefix="corridor-isolation-"))
    write_corpus(root / "mixed", args.docs, relevant_share=0.2, seed=args.seed)
    cfg = load_pipeline(None)
    res = load_resources(cfg)
    res.build_stages()
    for item in read_inputs([str(REPO / "examples")], cfg):  # warm: splitters, jieba, caches
        process_document(item, res)
    items = list(read_inputs([str(root / "mixed")], cfg))

    def cpu() -> float:
        return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                      resource.getrusage(resource.RUSAGE_CHILDREN)))

    def timed(isolated: bool) -> tuple[float, float]:
        t0, c0 = time.perf_counter(), cpu()
        # records as JSON lines either way (the output needs them): a worker process sends them so
        n = sum(1 for r in run_documents(items, res, workers=args.workers, isolated=isolated) if r.encoded())
        assert n == len(items)
        return time.perf_counter() - t0, cpu() - c0

    times: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    for _ in range(args.rounds):
        for isolated in (False, True):
            times[isolated].append(timed(isolated))
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpus = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    print(f"{len(items)} documents, workers={args.workers} (medians of {args.rounds}): without worker processes "
          f"{wall[False]:.2f} s wall, {cpus[False]:.2f} s CPU; with them {wall[True]:.2f} s wall, "
          f"{cpus[True]:.2f} s CPU; ratio wall {wall[True] / wall[False]:.3f}, CPU {cpus[True] / cpus[False]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
