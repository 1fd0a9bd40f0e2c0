"""The ``corridor-ie`` command line: thin typer wrappers over library functions, one module per group of
commands (``extract``: extract, schema; ``review``: show, evaluate; ``analysts``: consolidate, diff,
timeline, export; ``gazetteer`` and ``annotate``: sub-apps). This package is the only place that imports
typer, and nothing imports it.

Exit codes: 0 every document extracted; 1 some documents failed (see the errors file), or
``gazetteer validate`` found problems, or ``diff --fail-on-change`` found differences;
2 usage or setup error (unknown option, missing input, invalid pipeline or gazetteer file);
130 interrupted (the output holds only complete records; rerun with ``--resume``).
"""

from __future__ import annotations

from . import analysts, annotate, base, extract, gazetteer, review

app = base.new_app()
for _group in (extract, review, analysts, gazetteer, annotate):
    _group.register(app)


def main() -> None:
    app()
