"""Every problem of a set of gazetteer files at once, as ``file:line: message (hint: how to fix)``.

Loading (``store.load_gazetteer``) stops at the first bad line; this module reports all of them, sorted
by file and line, so an annotator can fix a file in one pass. The checks:

- a line that is not JSON, or not a valid ``Entry`` (every failing field is named);
- an id defined twice (both lines are reported, each naming the other);
- a name or alias claimed by two entries of the same type (after ``match_key``, so "Hoà Bình" and
  "Hòa Bình" collide), or by two such entries whose validity periods overlap;
- an alias that repeats a name or another alias of the same entry after ``match_key`` (redundant);
- ``valid_from`` after ``valid_to`` (entries and positions);
- ``successor`` / ``parent`` / ``gates`` / ``members`` / position ``jurisdiction`` naming no id;
- a ``gate_pair`` whose gates are not [Vietnamese ``border_gate``, Chinese ``border_gate``];
- a person holding the same title in two jurisdictions at once;
- a person without a ``source`` (where its facts come from: a URL or a document id). This problem is
  reported but does not stop an edit (``NO_SOURCE``): an entry may be added first and sourced after.

Example::

    >>> problems = validate_paths([Path("gazetteers")])  # doctest: +SKIP
    >>> print("\\n".join(map(str, problems)))  # doctest: +SKIP
    gazetteers/persons.jsonl:4: duplicate id 'person.vn.x' (also at gazetteers/persons.jsonl:9) (hint: …)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from corridor_ie.gazetteer.model import Entry, Position
from corridor_ie.gazetteer.store import LineProblem, content_version, gazetteer_files
from corridor_ie.normalise import fold_token, key_spans

SCHEMA_HINTS: dict[str, str] = {
    "missing": "add the field",
    "extra_forbidden": "remove the key or fix its spelling (see gazetteers/README.md for the fields)",
    "string_pattern_mismatch": "ids are lower case words joined by dots and dashes, e.g. person.vn.bui-van-khang;"
    " country is two capital letters, e.g. VN",
    "literal_error": "use one of the values listed",
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD",
    "date_parsing": "write dates as YYYY-MM-DD",
    "string_type": "put the text in double quotes",
    "list_type": "put the values in square brackets: [\"…\", \"…\"]",
    "dict_type": "write an object in braces: {\"vi\": …}",
    "model_type": "write an object in braces: {…}",
    "value_error": "remove the empty alias",
}
NAME_LANGS = ("vi", "zh", "zh_hant", "en")
DEFAULT_SCHEMA_HINT = "see the Entry schema in src/corridor_ie/gazetteer/model.py"


@dataclass(frozen=True)
class Located:
    """One valid entry and where it was read."""

    entry: Entry
    path: Path
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def match_key(name: str) -> str:
    """The key the gazetteer matcher compares names by (case, tone placement, 雲/云 insensitive).

    Example: ``match_key("Hoà Bình") == match_key("HÒA BÌNH") == "hoa2 binh2"``
    """
    return " ".join(fold_token(name[s:e]) for s, e in key_spans(name))


def _problem(path: Path, line: int, message: str, hint: str) -> LineProblem:
    return LineProblem(path, line, f"{message} (hint: {hint})")


def _schema_problems(path: Path, line: int, e: ValidationError) -> Iterator[LineProblem]:
    for err in e.errors():
        where = ".".join(str(k) for k in err["loc"]) or "entry"
        hint = SCHEMA_HINTS.get(err["type"], DEFAULT_SCHEMA_HINT)
        yield _problem(path, line, f"{where}: {err['msg']}", hint)


def parse_text(path: Path, text: str) -> tuple[list[Located], list[LineProblem]]:
    """Parse one file's text: the valid entries and the problems of the invalid lines."""
    entries: list[Located] = []
    problems: list[LineProblem] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(_problem(path, n, f"not valid JSON ({e.msg} at column {e.colno})",
                                     "each line must be one complete JSON object: check quotes, commas, braces"))
            continue
        try:
            entries.append(Located(Entry.model_validate(data), path, n))
        except ValidationError as e:
            problems.extend(_schema_problems(path, n, e))
    return entries, problems


# --- checks over the parsed entries --------------------------------------------------------------


def _overlap(a_from: date | None, a_to: date | None, b_from: date | None, b_to: date | None) -> bool:
    """Whether two closed periods (None = open end) share a day."""
    return (b_to is None or a_from is None or a_from <= b_to) and (a_to is None or b_from is None or b_from <= a_to)


def _period(e: Entry | Position) -> str:
    return f"{e.valid_from or '…'} to {e.valid_to or '…'}"


def check_duplicate_ids(items: list[Located]) -> Iterator[LineProblem]:
    by_id: dict[str, list[Located]] = defaultdict(list)
    for it in items:
        by_id[it.entry.id].append(it)
    for eid, group in by_id.items():
        if len(group) < 2:
            continue
        for it in group:
            others = ", ".join(o.where for o in group if o is not it)
            yield _problem(it.path, it.line, f"duplicate id '{eid}' (also at {others})",
                           "give one of them another id, or merge the two lines")


def check_names(items: list[Located]) -> Iterator[LineProblem]:
    """Names claimed by two entries of one type, and redundant aliases within one entry."""
    claims: dict[tuple[str, str], dict[str, Located]] = defaultdict(dict)
    for it in items:
        e = it.entry
        own: dict[str, str] = {}
        for lang in NAME_LANGS:
            n = getattr(e.names, lang)
            if n:
                own.setdefault(match_key(n), n)
        for lang, aliases in e.aliases.items():
            for a in aliases:
                k = match_key(a)
                if k in own:
                    yield _problem(it.path, it.line,
                                   f"alias '{a}' in aliases.{lang} of '{e.id}' repeats '{own[k]}' after normalisation",
                                   "remove it: matching already ignores case, tone-mark placement and language")
                else:
                    own[k] = a
        for k in own:
            claims[(e.type, k)].setdefault(e.id, it)
    for (etype, _key), owners in claims.items():
        if len(owners) < 2:
            continue
        group = list(owners.values())
        for it in group:
            for other in group:
                if other is it:
                    continue
                yield from _claim_problem(it, other, etype, _key)


def _claim_problem(it: Located, other: Located, etype: str, key: str) -> Iterator[LineProblem]:
    a, b = it.entry, other.entry
    if not _overlap(a.valid_from, a.valid_to, b.valid_from, b.valid_to):
        return
    name = _surface(a, key)
    if any((a.valid_from, a.valid_to, b.valid_from, b.valid_to)):
        yield _problem(it.path, it.line,
                       f"{etype} name '{name}' is also claimed by '{b.id}' ({other.where}) and the validity periods"
                       f" overlap ({_period(a)} and {_period(b)})",
                       "make one valid_to end before the other's valid_from, or remove the name from one entry")
    else:
        yield _problem(it.path, it.line,
                       f"{etype} name '{name}' is also claimed by '{b.id}' ({other.where})",
                       "remove the name from one of the two entries, or give them non-overlapping"
                       " valid_from/valid_to")


def _surface(e: Entry, key: str) -> str:
    return next((n for _, n in e.all_names() if match_key(n) == key), key)


def check_periods(items: list[Located]) -> Iterator[LineProblem]:
    for it in items:
        e = it.entry
        if e.valid_from and e.valid_to and e.valid_from > e.valid_to:
            yield _problem(it.path, it.line, f"valid_from {e.valid_from} is after valid_to {e.valid_to}",
                           "swap the two dates or correct one of them")


REFERENCE_FIELDS = ("parent", "successor")


def check_references(items: list[Located]) -> Iterator[LineProblem]:
    ids = {it.entry.id for it in items}
    hint = "correct the id or add the missing entry (`corridor-ie gazetteer search NAME` finds ids)"
    for it in items:
        e = it.entry
        refs: list[tuple[str, str]] = [(f, getattr(e, f)) for f in REFERENCE_FIELDS if getattr(e, f)]
        refs += [(f"gates[{i}]", g) for i, g in enumerate(e.gates or [])]
        refs += [(f"members[{i}]", m) for i, m in enumerate(e.members)]
        refs += [(f"positions[{i}].jurisdiction", p.jurisdiction) for i, p in enumerate(e.positions)
                 if p.jurisdiction]
        for field, ref in refs:
            if ref not in ids:
                yield _problem(it.path, it.line, f"{field} '{ref}' is not the id of any entry", hint)


def check_gate_pairs(items: list[Located]) -> Iterator[LineProblem]:
    by_id = {it.entry.id: it.entry for it in items}
    for it in items:
        e = it.entry
        if e.type != "gate_pair":
            if e.gates:
                yield _problem(it.path, it.line, f"gates: only gate_pair entries have gates ('{e.id}' is a {e.type})",
                               "remove the gates field or change the type to gate_pair")
            continue
        gates = e.gates or []
        if len(gates) != 2:
            yield _problem(it.path, it.line, f"gate_pair '{e.id}' has {len(gates)} gates, not 2",
                           "write gates as [Vietnamese gate id, Chinese gate id]")
            continue
        found = [by_id.get(g) for g in gates]
        if any(g is None for g in found):
            continue  # reported by check_references
        kinds = [(g.type, g.country) for g in found if g is not None]
        if kinds == [("border_gate", "VN"), ("border_gate", "CN")]:
            continue
        if kinds == [("border_gate", "CN"), ("border_gate", "VN")]:
            yield _problem(it.path, it.line, f"gates of '{e.id}' are in the wrong order (Chinese gate first)",
                           "write gates as [Vietnamese gate id, Chinese gate id]")
            continue
        got = ", ".join(f"'{g}' ({t} {c or 'no country'})" for g, (t, c) in zip(gates, kinds, strict=True))
        yield _problem(it.path, it.line, f"gates of '{e.id}' must be one VN and one CN border_gate, got {got}",
                       "point gates at [Vietnamese border_gate id, Chinese border_gate id]")


def check_positions(items: list[Located]) -> Iterator[LineProblem]:
    for it in items:
        e = it.entry
        for i, p in enumerate(e.positions):
            if p.valid_from and p.valid_to and p.valid_from > p.valid_to:
                yield _problem(it.path, it.line,
                               f"positions[{i}] ('{p.title}'): valid_from {p.valid_from} is after valid_to {p.valid_to}",
                               "swap the two dates or correct one of them")
        for i, p in enumerate(e.positions):
            for j in range(i + 1, len(e.positions)):
                q = e.positions[j]
                if (match_key(p.title) != match_key(q.title) or p.jurisdiction == q.jurisdiction
                        or not _overlap(p.valid_from, p.valid_to, q.valid_from, q.valid_to)):
                    continue
                yield _problem(it.path, it.line,
                               f"positions[{i}] and positions[{j}]: '{e.id}' holds '{p.title}' in"
                               f" '{p.jurisdiction}' and '{q.jurisdiction}' at once ({_period(p)} and {_period(q)})",
                               "add valid_from/valid_to so the two periods do not overlap, or correct one jurisdiction")


#: the start of the message of a person without a source (an edit may leave one; ``validate`` reports it)
NO_SOURCE = "no source:"


def check_sources(items: list[Located]) -> Iterator[LineProblem]:
    """Persons whose facts say nowhere where they come from."""
    for it in items:
        e = it.entry
        if e.type == "person" and not (e.source or "").strip():
            yield _problem(it.path, it.line, f"{NO_SOURCE} person '{e.id}' does not say where its facts come from",
                           'add "source": the URL of a page that states them, or a document id'
                           ' (e.g. "seed:000_9a1eae0c09b23ae9")')


CHECKS = (check_duplicate_ids, check_names, check_periods, check_references, check_gate_pairs, check_positions,
          check_sources)


# --- entry points -----------------------------------------------------------------------------


def validate_texts(files: Iterable[tuple[Path, str]]) -> tuple[list[LineProblem], list[Located]]:
    """Validate file contents given as ``(path, text)``; the problems (sorted) and the valid entries."""
    items: list[Located] = []
    problems: list[LineProblem] = []
    for path, text in files:
        found, bad = parse_text(path, text)
        items.extend(found)
        problems.extend(bad)
    for check in CHECKS:
        problems.extend(check(items))
    return sort_problems(problems), items


def sort_problems(problems: Iterable[LineProblem]) -> list[LineProblem]:
    """By file and line; on one line in the order the checks found them (fields in schema order)."""
    return sorted(dict.fromkeys(problems), key=lambda p: (str(p.path), p.line))


def read_files(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """The ``(path, text)`` of every gazetteer file named or contained in ``paths``."""
    return [(f, f.read_text(encoding="utf-8")) for f in gazetteer_files(list(paths))]


def validate_paths(paths: Iterable[Path], context: Iterable[Path] = ()) -> list[LineProblem]:
    """Every problem of the gazetteer files named or contained in ``paths``, sorted by file and line.

    Entries of the ``context`` files (e.g. the rest of the folder) count for references and name
    collisions, but only problems in ``paths`` are returned. Raises ``GazetteerError`` when a path
    does not exist.

    Example: ``validate_paths([Path("gazetteers")]) == []`` for a clean gazetteer folder.
    """
    return summarise(paths, context)[0]


@dataclass(frozen=True)
class Summary:
    entries: int
    files: int
    version: str

    def __str__(self) -> str:
        return f"ok: {self.entries} entries in {self.files} files, version {self.version}"


def summarise(paths: Iterable[Path], context: Iterable[Path] = ()) -> tuple[list[LineProblem], Summary]:
    """Problems plus the counts and content version printed by ``gazetteer validate``."""
    files = gazetteer_files(list(paths))
    named = {f.resolve() for f in files}
    extra = [f for f in gazetteer_files(list(context)) if f.resolve() not in named]
    problems, items = validate_texts(read_files([*files, *extra]))
    mine = [p for p in problems if p.path.resolve() in named]
    count = sum(1 for it in items if it.path.resolve() in named)
    return mine, Summary(count, len(files), content_version(files))
