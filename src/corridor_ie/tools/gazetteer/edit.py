"""Adding entries and aliases, and looking entries up, without hand-editing gazetteer files wrong.

Every write builds the new file text, validates the new entry with ``Entry`` and the whole gazetteer
(with the new file text in place) with ``validate``, and only then replaces the file atomically
(temp file + ``os.replace``). A write is refused when it would add a problem; problems that were
already there do not block it. Files are written in one canonical form (``dump_entry``): entries
sorted by id, one per line, keys in model field order, null and empty fields left out.

Example::

    >>> add_entry(Path("gazetteers"), {"id": "person.vn.nguyen-van-a", "type": "person",
    ...            "names": {"vi": "Nguyễn Văn A"}, "country": "VN"})  # doctest: +SKIP
    EditResult(path=PosixPath('gazetteers/persons.jsonl'), line=21, ...)
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz

from corridor_ie.errors import GazetteerError
from corridor_ie.gazetteer.model import LABEL_OF_TYPE, Entry
from corridor_ie.gazetteer.store import LineProblem, gazetteer_files
from corridor_ie.normalise import ascii_fold
from corridor_ie.output import held

from .clash import refuse_clash
from .validate import NO_SOURCE, Located, match_key, parse_text, read_files, validate_texts

ALIAS_LANGS = ("vi", "zh", "zh_hant", "en")
DID_YOU_MEAN = 0.8  # lowest search score offered as "did you mean" for an unknown id

#: Which file of the gazetteer folder a new entry goes to, by type (places also by country).
DEFAULT_FILE: dict[str, str] = {
    "country": "countries.jsonl",
    "border_gate": "gates.jsonl",
    "gate_pair": "gates.jsonl",
    "person": "persons.jsonl",
    "org": "orgs.jsonl",
    "title": "titles.jsonl",
    "series": "series.jsonl",
}
PLACE_FILE: dict[str | None, str] = {"CN": "places.cn.jsonl", "VN": "places.vn.jsonl", None: "places.vn.jsonl"}
#: Files written by a build script, never edited in place: file name -> what to do instead.
GENERATED_FILES: dict[str, str] = {
    "places.vn.jsonl": "it is generated: add aliases to gazetteers/generate/vn_province_names.tsv, districts to"
    " gazetteers/generate/vn_districts.tsv, other places to gazetteers/generate/vn_places_extra.jsonl, then run"
    " .venv/bin/python gazetteers/generate/vn_provinces.py",
}


class EditRefused(GazetteerError):
    """A write that would make the gazetteer invalid; ``problems`` are the new problems."""

    def __init__(self, message: str, problems: list[LineProblem], hint: str | None = None):
        self.problems = problems
        super().__init__(message, hint=hint)


@dataclass(frozen=True)
class EditResult:
    path: Path
    line: int
    entry: Entry
    remaining: int  # problems that were there before the edit and are still there


# --- serialisation ----------------------------------------------------------------------------


def _prune(value: Any) -> Any:
    """Drop None, empty strings and empty containers, recursively (dicts keep their key order)."""
    if isinstance(value, dict):
        out = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not None and v != {} and v != [] and v != ""}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def entry_dict(entry: Entry) -> dict[str, Any]:
    """The JSON object of an entry: model field order, aliases in vi/zh/zh_hant/en order, no empty fields."""
    data = entry.model_dump(mode="json")
    aliases = data.get("aliases") or {}
    data["aliases"] = {lang: aliases[lang] for lang in ALIAS_LANGS if aliases.get(lang)}
    return _prune(data)


def dump_entry(entry: Entry) -> str:
    """One gazetteer line (without newline), the one serialisation every writer should use.

    Example: ``dump_entry(Entry(id="country.vn", type="country", names={"vi": "Việt Nam"}))``
    gives ``{"id": "country.vn", "type": "country", "names": {"vi": "Việt Nam"}}``
    """
    return json.dumps(entry_dict(entry), ensure_ascii=False)


def dump_file(entries: Iterable[Entry]) -> str:
    """A whole file: entries sorted by id, one per line, newline-terminated."""
    lines = [dump_entry(e) for e in sorted(entries, key=lambda e: e.id)]
    return "".join(line + "\n" for line in lines)


# --- reading a folder tolerantly --------------------------------------------------------------


@dataclass(frozen=True)
class Folder:
    """The files of a gazetteer (folder or files) with their text and valid entries."""

    texts: dict[Path, str]
    items: list[Located]

    def find(self, entry_id: str) -> Located | None:
        return next((it for it in self.items if it.entry.id == entry_id), None)


def read_folder(paths: Iterable[Path]) -> Folder:
    texts = dict(read_files(paths))
    items: list[Located] = []
    for path, text in texts.items():
        items.extend(parse_text(path, text)[0])
    return Folder(texts, items)


def default_file(folder: Path, entry: Entry) -> Path:
    """Where ``add`` puts an entry when no ``--file`` is given."""
    name = DEFAULT_FILE.get(entry.type) or PLACE_FILE.get(entry.country, PLACE_FILE[None])
    return folder / name


def _strip_lines(problems: Iterable[LineProblem]) -> list[str]:
    """Problem texts without line numbers, to compare problems before and after a re-sorting write."""
    return [re.sub(r":\d+\b", "", f"{p.path}: {p.message}") for p in problems]


def target_file(folder: Path, file: Path | None, entry: Entry) -> Path:
    """The file to write: ``file`` (a bare file name is taken inside ``folder``) or ``default_file``."""
    if file is None:
        return default_file(folder, entry)
    return folder / file if file.parent == Path(".") and not file.is_absolute() else file


def split_alias(text: str) -> tuple[str, str]:
    """``"en:Bui Van Khang"`` -> ``("en", "Bui Van Khang")``; without a language prefix, Vietnamese."""
    lang, sep, name = text.partition(":")
    if sep and lang in ALIAS_LANGS:
        return lang, name.strip()
    return "vi", text.strip()


def _writable(target: Path) -> None:
    why = GENERATED_FILES.get(target.name)
    if why:
        raise GazetteerError(f"{target} is not edited in place", hint=why)


def write_entries(gazetteer: list[Path], target: Path, entries: list[Entry]) -> int:
    """Validate the gazetteer with ``target`` holding ``entries``; replace ``target`` atomically.

    Returns the number of problems that were there before and remain. Raises ``EditRefused`` when the
    write would add a problem.
    """
    return write_files(gazetteer, {target: entries})


def write_files(gazetteer: list[Path], changes: dict[Path, list[Entry]]) -> int:
    """``write_entries`` for several files at once: all are validated together, then each is replaced
    atomically (all temporary files are written before the first is renamed into place)."""
    for target in changes:
        _writable(target)
    files = dict(read_files([p for p in gazetteer if p.exists()]))
    before, _ = validate_texts(files.items())
    texts = {target: dump_file(entries) for target, entries in changes.items()}
    for target, new_text in texts.items():
        same = [k for k in files if k.resolve() == target.resolve()]
        for k in same:
            del files[k]
        files[same[0] if same else target] = new_text
    after, _ = validate_texts(files.items())
    old = _strip_lines(before)
    added = []
    for p, key in zip(after, _strip_lines(after), strict=True):
        if key in old:
            old.remove(key)
        elif not p.message.startswith(NO_SOURCE):  # reported by validate, not a reason to refuse
            added.append(p)
    if added:
        raise EditRefused(f"not written: the change would add {len(added)} problem(s) to the gazetteer",
                          added, hint="see the problems listed; nothing was changed")
    temps: list[tuple[str, Path]] = []
    try:
        for target, new_text in texts.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((tmp, target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(new_text)
        for tmp, target in temps:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        raise
    return len(after) - len(added)


def _file_entries(target: Path) -> list[Entry]:
    """The entries of one file (none if it does not exist yet); refuses lines that cannot be re-written."""
    if not target.exists():
        return []
    entries, bad = parse_text(target, target.read_text(encoding="utf-8"))
    if bad:
        raise EditRefused(f"{target} has lines that are not valid entries; fix them first", bad,
                          hint="run `corridor-ie gazetteer validate`")
    return [it.entry for it in entries]


def _line_of(target: Path, entry_id: str) -> int:
    for n, line in enumerate(target.read_text(encoding="utf-8").splitlines(), 1):
        if json.loads(line).get("id") == entry_id:
            return n
    return 0


def make_entry(data: dict[str, Any]) -> Entry:
    """Validate a new entry; raise ``GazetteerError`` naming the field and how to fix it."""
    try:
        return Entry.model_validate(_prune(data))
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(k) for k in err["loc"]) or "entry"
        raise GazetteerError(f"invalid entry: {where}: {err['msg']}",
                             hint="see the Entry fields in gazetteers/README.md") from None


def _gazetteer_paths(gazetteer: Path, target: Path) -> list[Path]:
    files = gazetteer_files([gazetteer])
    return files if target.resolve() in {f.resolve() for f in files} else [*files, target]


LOCK_WAIT = 10.0  # seconds a write waits for another one on the same gazetteer folder


@contextmanager
def locked(gazetteer: Path) -> Iterator[None]:
    """Hold the gazetteer folder's lock while its files are read and rewritten: two edits at once (two
    ``gazetteer add``) each see the other's entry, none is lost or written twice."""
    folder = gazetteer if gazetteer.is_dir() else gazetteer.parent
    lock = folder / ".corridor-ie-gazetteer.lock"
    with held(lock, lambda: GazetteerError(f"{folder}: another corridor-ie command is writing this gazetteer "
                                           f"(it holds {lock})", hint="try again when it has finished"),
              wait=LOCK_WAIT, required=False):
        yield


def add_entry(gazetteer: Path, data: dict[str, Any], file: Path | None = None, force: bool = False) -> EditResult:
    """Add a new entry to ``file`` (default: by type, see ``DEFAULT_FILE``) of the gazetteer folder.
    A person named like a place, organisation or series is refused unless ``force``."""
    with locked(gazetteer):
        return _add_entry(gazetteer, data, file, force)


def _add_entry(gazetteer: Path, data: dict[str, Any], file: Path | None, force: bool) -> EditResult:
    entry = make_entry(data)
    folder = read_folder([gazetteer])
    refuse_clash(entry, (it.entry for it in folder.items), force)
    if (prev := folder.find(entry.id)) is not None:
        raise GazetteerError(f"id '{entry.id}' already exists at {prev.where}",
                             hint="choose another id, or use `corridor-ie gazetteer alias` to add a name")
    target = target_file(gazetteer, file, entry)
    _writable(target)
    entries = [*_file_entries(target), entry]
    remaining = write_entries(_gazetteer_paths(gazetteer, target), target, entries)
    return EditResult(target, _line_of(target, entry.id), entry, remaining)


def add_alias(gazetteer: Path, entry_id: str, name: str, lang: str = "vi", force: bool = False) -> EditResult:
    """Add ``name`` to ``aliases[lang]`` of the entry ``entry_id``, in the file that holds it."""
    with locked(gazetteer):
        return _add_alias(gazetteer, entry_id, name, lang, force)


def _add_alias(gazetteer: Path, entry_id: str, name: str, lang: str, force: bool) -> EditResult:
    if lang not in ALIAS_LANGS:
        raise GazetteerError(f"unknown alias language '{lang}'", hint=f"use one of {', '.join(ALIAS_LANGS)}")
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name:
        raise GazetteerError("empty alias", hint="give the name in quotes")
    folder = read_folder([gazetteer])
    found = require(folder, entry_id)
    _writable(found.path)
    e = found.entry
    key = match_key(name)
    same = next((n for _, n in e.all_names() if match_key(n) == key), None)
    if same is not None:
        raise GazetteerError(f"'{name}' is already a name of '{e.id}' (as '{same}')",
                             hint="nothing to add: matching ignores case, tone-mark placement and language")
    data = entry_dict(e)
    aliases = data.setdefault("aliases", {})
    aliases[lang] = [*aliases.get(lang, []), name]
    new = make_entry(data)
    refuse_clash(new, (it.entry for it in folder.items), force)
    entries = [new if x.id == e.id else x for x in _file_entries(found.path)]
    remaining = write_entries(_gazetteer_paths(gazetteer, found.path), found.path, entries)
    return EditResult(found.path, _line_of(found.path, e.id), new, remaining)


# --- lookup -------------------------------------------------------------------------------------


def require(folder: Folder, entry_id: str) -> Located:
    found = folder.find(entry_id)
    if found is None:
        near = [h.entry_id for h in search(folder, entry_id.rsplit(".", 1)[-1].replace("-", " "), limit=3)
                if h.score >= DID_YOU_MEAN]
        hint = f"did you mean {', '.join(near)}?" if near else "`corridor-ie gazetteer search NAME` finds ids"
        raise GazetteerError(f"no entry with id '{entry_id}'", hint=hint)
    return found


@dataclass(frozen=True)
class Hit:
    score: float  # 0..1
    entry_id: str
    type: str
    canonical: str
    matched: str  # the name or alias that scored best


def _key(s: str) -> str:
    return unicodedata.normalize("NFC", " ".join(s.split())).lower()


def search(folder: Folder, text: str, entry_type: str | None = None, limit: int = 10) -> list[Hit]:
    """Best entries for ``text`` over all names and aliases (rapidfuzz ``WRatio``), one hit per entry.

    Text without diacritics is also compared without diacritics (at 0.95 of the score), so
    "bui van khang" finds "Bùi Văn Khắng".
    """
    if entry_type and entry_type not in LABEL_OF_TYPE:
        raise GazetteerError(f"unknown type '{entry_type}'", hint=f"use one of {', '.join(LABEL_OF_TYPE)}")
    q, qa = _key(text), ascii_fold(_key(text))
    hits: list[Hit] = []
    for it in folder.items:
        e = it.entry
        if entry_type and e.type != entry_type:
            continue
        best: tuple[float, str] | None = None
        for _lang, n in e.all_names():
            k = _key(n)
            s = max(fuzz.WRatio(q, k), 0.95 * fuzz.WRatio(qa, ascii_fold(k)) if qa == q else 0.0)
            if best is None or s > best[0]:
                best = (s, n)
        if best and best[0] > 0:
            hits.append(Hit(round(best[0] / 100, 2), e.id, e.type, e.canonical, best[1]))
    hits.sort(key=lambda h: (-h.score, h.entry_id))
    return hits[:limit]
