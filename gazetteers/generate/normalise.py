"""Validate and rewrite hand-kept gazetteer files in canonical form (sorted, fixed key order).

Usage (from the repository root)::

    .venv/bin/python gazetteers/generate/normalise.py gazetteers/gates.jsonl gazetteers/persons.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

from gazio import read_entries, write_entries


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        n = write_entries(path, read_entries(path))
        print(f"{path}: {n} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
