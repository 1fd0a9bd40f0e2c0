"""Recognise person names that are not (or not yet) in any gazetteer, from cues around them.

Cues (``PersonHit.cue``):

- ``title``: a Vietnamese name after a title, possibly after organisation and place words
  ("Phó Chủ tịch UBND tỉnh X Bùi Văn A" gives "Bùi Văn A");
- ``apposition``: a name right before ", <title>" or " - <title>" ("Hoàng Văn A, Phó Chủ tịch …");
- ``honorific``: after "ông", "bà", "đồng chí" …;
- ``list``: the items of "các đồng chí: A, <title>; B, <title>";
- ``name_shape``: no cue, a run of ≥3 capitalised syllables starting with a surname (low score);
- ``zh_title``: a Chinese surname + 1–2 characters next to a title or 同志/先生/女士;
- ``en_title``: an English run after a title or Mr/Ms, or before ", <title>".

All cue words live in ``data/persons.toml``; no name of a place or person is written here.
Callers pass the spans of titles (``title_spans``) and of places/organisations (``blocked``) that the
gazetteer matcher already found; a candidate overlapping a blocked or title span is never returned.

Example::

    >>> cues = load_person_cues()
    >>> text = "Theo ông Lê Văn An, hội nghị thành công."
    >>> [(h.text, h.cue) for h in find_persons(text, "vi", cues)]
    [('Lê Văn An', 'honorific')]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..segment import zh
from ._cues import grouped

DEFAULT_CUES_PATH = Path(__file__).resolve().parents[1] / "data" / "persons.toml"

CUE_KINDS = ("title", "honorific", "list", "apposition", "name_shape", "zh_title", "en_title")

_WORD = re.compile(r"[^\W\d_]+")
_EN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_VI_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_CLAUSE_STOP = re.compile(r"[.;:!?\"“”‘’()\[\]|,\n\r\t…]|\s[-–—]\s|^[-–—]|[-–—]$")
_APPOSITION_SEP = re.compile(r"(?:\s*,|\s+[-–—])\s*$")
_SPACE_JOIN = frozenset({" ", "\u00a0"})


@dataclass(frozen=True)
class PersonHit:
    """A person-name candidate: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    cue: str  # one of CUE_KINDS
    score: float  # 0..1 confidence


@dataclass(frozen=True)
class PersonCues:
    """Cue tables from ``data/persons.toml`` (see the comments there), with their regexes compiled."""

    scores: dict[str, float]
    vi_surnames: frozenset[str]  # lowercase
    vi_non_name: frozenset[str]  # lowercase
    vi_classifiers: frozenset[str]  # lowercase, may be multi-word
    vi_abbreviations: frozenset[str]
    vi_max_window: int
    vi_honorific_re: re.Pattern[str]
    vi_list_re: re.Pattern[str]
    en_surnames: frozenset[str]  # ascii-folded lowercase
    en_non_name: frozenset[str]  # lowercase
    en_place_words: frozenset[str]
    en_max_window: int
    en_honorific_re: re.Pattern[str]
    zh_surnames: frozenset[str]
    zh_double_surnames: frozenset[str]
    zh_post_honorifics: tuple[str, ...]
    zh_after_name: tuple[str, ...]
    zh_non_name_chars: frozenset[str]


def fold(word: str) -> str:
    """Lowercase ASCII form: "Trần Sỹ" -> "tran sy", "Đoàn" -> "doan"."""
    decomposed = unicodedata.normalize("NFD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _strip_tone(word: str) -> tuple[str, int]:
    """Remove Vietnamese tone marks (keep â, ă, ê, ô, ơ, ư); return the bare form and the tone count."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    bare = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tones


@functools.lru_cache(maxsize=8192)
def is_vi_name_syllable(word: str) -> bool:
    """A capitalised, well-formed Vietnamese syllable ("Khắng" yes; "UBND", "GMS", "Yubo" no)."""
    if not word or not word[0].isupper() or (len(word) > 1 and not word[1:].islower()):
        return False
    bare, tones = _strip_tone(word.lower())
    return tones <= 1 and _VI_SYLLABLE.fullmatch(bare) is not None


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation, longest first, spaces matching any whitespace."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return grouped([(w, "", r"\s+".join(re.escape(p) for p in w.split())) for w in ordered])


def _strings(table: dict, key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[{where}] {key} must be a list of strings", location=where,
                          hint="fix data/persons.toml")
    return [unicodedata.normalize("NFC", v) for v in value]


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> PersonCues:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read person cues: {err}", location=str(path),
                          hint="pass a valid TOML file like data/persons.toml") from err
    vi, en, zh = data.get("vi", {}), data.get("en", {}), data.get("zh", {})
    scores = {k: float(v) for k, v in data.get("scores", {}).items()}
    missing = [k for k in (*CUE_KINDS, "bonus", "two_syllables_after_org") if k not in scores]
    if missing:
        raise ConfigError(f"[scores] lacks {', '.join(missing)}", location=str(path),
                          hint="give a 0..1 score for every cue kind")
    vi_surnames = frozenset(s.lower() for s in _strings(vi, "surnames", "vi") if " " not in s)
    honorifics = _alternation(_strings(vi, "honorifics", "vi"))
    openers = _alternation(_strings(vi, "list_openers", "vi"))
    en_hon = _alternation(_strings(en, "honorifics", "en"))
    return PersonCues(
        scores=scores,
        vi_surnames=vi_surnames,
        vi_non_name=frozenset(w.lower() for w in _strings(vi, "non_name_words", "vi")),
        vi_classifiers=frozenset(w.lower() for w in _strings(vi, "place_classifiers", "vi")),
        vi_abbreviations=frozenset(_strings(vi, "abbreviations", "vi")),
        vi_max_window=int(vi.get("max_window", 14)),
        vi_honorific_re=re.compile(rf"(?<!\w)(?:{honorifics})\s+(?=\w)", re.IGNORECASE),
        vi_list_re=re.compile(rf"(?<!\w)(?:{openers})\s*:", re.IGNORECASE),
        en_surnames=frozenset({fold(s) for s in _strings(en, "extra_surnames", "en")}
                              | {fold(s) for s in vi_surnames}),
        en_non_name=frozenset(w.lower() for w in _strings(en, "non_name_words", "en")),
        en_place_words=frozenset(w.lower() for w in _strings(en, "place_words", "en")),
        en_max_window=int(en.get("max_window", 10)),
        en_honorific_re=re.compile(rf"(?<![\w.])(?:{en_hon})\.?\s+(?=[^\W\d_])"),
        zh_surnames=frozenset(_strings(zh, "surnames", "zh")),
        zh_double_surnames=frozenset(_strings(zh, "double_surnames", "zh")),
        zh_post_honorifics=tuple(_strings(zh, "post_honorifics", "zh")),
        zh_after_name=tuple(sorted(_strings(zh, "after_name", "zh"), key=len, reverse=True)),
        zh_non_name_chars=frozenset(_strings(zh, "non_name_chars", "zh")),
    )


def load_person_cues(path: Path | None = None) -> PersonCues:
    """Load (and cache) the cue tables; ``path`` defaults to the shipped ``data/persons.toml``."""
    return _load((path or DEFAULT_CUES_PATH).resolve())


# --------------------------------------------------------------------------- shared helpers

Span = tuple[int, int]


def _overlaps(start: int, end: int, spans: Sequence[Span]) -> bool:
    return any(s < end and start < e for s, e in spans)


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    cue: str
    score: float


def _resolve(text: str, cands: list[_Cand], bonus: float, forbidden: Sequence[Span]) -> list[PersonHit]:
    """Merge agreeing cues, drop candidates on forbidden spans, keep the best of overlapping ones."""
    by_span: dict[Span, list[_Cand]] = {}
    for c in cands:
        if c.end > c.start and not _overlaps(c.start, c.end, forbidden):
            by_span.setdefault((c.start, c.end), []).append(c)
    merged: list[PersonHit] = []
    for (start, end), group in by_span.items():
        best = max(group, key=lambda c: (c.score, -CUE_KINDS.index(c.cue)))
        extra = len({c.cue for c in group}) - 1
        score = round(min(1.0, best.score + bonus * extra), 4)
        merged.append(PersonHit(start, end, text[start:end], best.cue, score))
    merged.sort(key=lambda h: (-h.score, -(h.end - h.start), h.start))
    kept: list[PersonHit] = []
    for hit in merged:
        if not any(k.start < hit.end and hit.start < k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


# --------------------------------------------------------------------------- word runs (vi, en)


def _words(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int], list[str]]:
    """The starts, ends and texts of the words of ``text`` (parallel lists: no object per word, as this
    runs over every word of every relevant document)."""
    found = list(pattern.finditer(text))
    return [m.start() for m in found], [m.end() for m in found], [m.group() for m in found]


class _SpanIndex:
    """Answers "does [start, end) overlap any of these spans?" by bisection (spans may overlap)."""

    def __init__(self, spans: Sequence[Span]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # the spans starting before ``end``
        return k > 0 and self.max_end[k - 1] > start


def _runs(text: str, starts: list[int], ends: list[int], words: list[str], ok, starts_only,
          forbidden: Sequence[Span]) -> list[list[int]]:
    """Maximal runs of name-able words joined by one space.

    ``ok(word)``: the word may be in a name (only capitalised words are asked: no other word may be);
    ``starts_only(word)``: it may only begin one.
    """
    blocked = _SpanIndex(forbidden)
    runs: list[list[int]] = []
    current: list[int] = []
    for i in [i for i, w in enumerate(words) if w[0].isupper()]:
        w = words[i]
        if not ok(w) or blocked.overlaps(starts[i], ends[i]):
            continue
        joined = bool(current) and current[-1] == i - 1 and text[ends[i - 1]:starts[i]] in _SPACE_JOIN
        if joined and not starts_only(w):
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = [i]
    if current:
        runs.append(current)
    return runs


def _word_ending_at(ends: list[int], starts: list[int], end: int) -> int | None:
    """Index of the word that ends exactly at ``end``, if any."""
    i = bisect.bisect_left(starts, end) - 1
    return i if i >= 0 and ends[i] == end else None


def _word_before(text: str, start: int, lookback: int = 24) -> str:
    """The lowercase text of the one or two words right before ``start`` (for classifier checks)."""
    return text[max(0, start - lookback):start].lower().rstrip(" \u00a0")


@functools.lru_cache(maxsize=8)
def _classifier_ends(classifiers: frozenset[str]) -> tuple[str, ...]:
    return tuple(sep + c for c in classifiers for sep in (" ", "(", "\n"))


def _after_classifier(text: str, start: int, classifiers: frozenset[str]) -> bool:
    before = _word_before(text, start)
    if before.endswith("."):  # "TP." before a place
        before = before[:-1]
    return before in classifiers or before.endswith(_classifier_ends(classifiers))


def _clause_break(text: str, start: int, end: int, abbreviations: frozenset[str]) -> bool:
    """True when text[start:end] (the gap between two words) ends a clause."""
    gap = text[start:end]
    m = _CLAUSE_STOP.search(gap)
    if m is None:
        return False
    if m.group() == "." and gap.strip() == ".":
        head = _WORD.findall(text[max(0, start - 6):start])
        return not (head and head[-1] in abbreviations)
    return True


# --------------------------------------------------------------------------- Vietnamese


class _Vi:
    """Vietnamese candidates; one instance per call (holds the tokenised text)."""

    def __init__(self, text: str, cues: PersonCues, forbidden: Sequence[Span]):
        self.text, self.cues = text, cues
        self.starts, self.ends, self.words = _words(_WORD, text)
        self.runs = _runs(text, self.starts, self.ends, self.words, self._ok, self._starts_only, forbidden)
        self.run_of = {i: r for r in self.runs for i in r}

    def _ok(self, w: str) -> bool:
        return is_vi_name_syllable(w) and (w.lower() not in self.cues.vi_non_name or self._surname(w))

    def _starts_only(self, w: str) -> bool:
        return w.lower() in self.cues.vi_non_name

    def _surname(self, w: str) -> bool:
        return w.lower() in self.cues.vi_surnames

    def _span(self, idx: list[int]) -> tuple[int, int]:
        return self.starts[idx[0]], self.ends[idx[-1]]

    def pick_suffix(self, run: list[int], min_len: int = 2) -> tuple[list[int], bool] | None:
        """Name at the end of a run (after a title, before an apposition). Returns (words, late)."""
        n = len(run)
        cands = [i for i in range(n) if self._surname(self.words[run[i]]) and min_len <= n - i <= 4]
        if cands and _after_classifier(self.text, self.starts[run[0]], self.cues.vi_classifiers):
            # the first syllables name the place: "tỉnh X Y <name>"
            late = [i for i in cands if i >= 2]
            cands = late or [i for i in cands if i == 0 and n >= 3]
        return (run[cands[0]:], cands[0] > 0) if cands else None

    def pick_prefix(self, run: list[int]) -> list[int] | None:
        """Name at the start of a run (after an honorific or a list opener)."""
        if not self._surname(self.words[run[0]]) or len(run) < 2:
            return None
        return run[: 4 if len(run) == 4 else min(len(run), 3)]

    def run_from(self, pos: int) -> list[int] | None:
        """The run part that starts at the first word at or after ``pos`` (if it starts exactly there)."""
        i = bisect.bisect_left(self.starts, pos)
        run = self.run_of.get(i) if i < len(self.words) and self.starts[i] == pos else None
        return run[run.index(i):] if run else None

    def after_titles(self, title_spans: Sequence[Span]) -> Iterable[_Cand]:
        sc = self.cues.scores
        for _, te in title_spans:
            first = bisect.bisect_left(self.starts, te)
            if first >= len(self.words) or _clause_break(self.text, te, self.starts[first], frozenset()):
                continue
            i, seen, prev_end = first, 0, te
            while i < len(self.words) and seen < self.cues.vi_max_window:
                if i > first and _clause_break(self.text, prev_end, self.starts[i], self.cues.vi_abbreviations):
                    break
                run = self.run_of.get(i)
                if run is not None:
                    part = run[run.index(i):]
                    picked = self.pick_suffix(part)
                    if picked:
                        name, _late = picked
                        adjacent = self.text[te:self.starts[name[0]]].strip() == ""
                        score = sc["title"] if adjacent or len(name) > 2 else sc["two_syllables_after_org"]
                        yield _Cand(*self._span(name), "title", score)
                        break
                    i, prev_end = part[-1] + 1, self.ends[part[-1]]
                    seen += len(part)
                    continue
                i, prev_end, seen = i + 1, self.ends[i], seen + 1

    def appositions(self, title_spans: Sequence[Span]) -> Iterable[_Cand]:
        for ts, _ in title_spans:
            m = _APPOSITION_SEP.search(self.text, max(0, ts - 8), ts)
            if m is None or m.end() != ts:
                continue
            last = _word_ending_at(self.ends, self.starts, m.start())
            run = self.run_of.get(last) if last is not None else None
            if run is None:
                continue
            picked = self.pick_suffix(run[: run.index(last) + 1])
            if picked:
                yield _Cand(*self._span(picked[0]), "apposition", self.cues.scores["apposition"])

    def honorifics(self) -> Iterable[_Cand]:
        for m in self.cues.vi_honorific_re.finditer(self.text):
            run = self.run_from(m.end())
            name = self.pick_prefix(run) if run else None
            if name:
                yield _Cand(*self._span(name), "honorific", self.cues.scores["honorific"])

    def lists(self) -> Iterable[_Cand]:
        for m in self.cues.vi_list_re.finditer(self.text):
            pos = m.end()
            end = _list_end(self.text, pos, self.cues.vi_abbreviations)
            while pos < end:
                item_start = pos + len(self.text[pos:end]) - len(self.text[pos:end].lstrip())
                run = self.run_from(item_start)
                name = self.pick_prefix(run) if run else None
                if name:
                    yield _Cand(*self._span(name), "list", self.cues.scores["list"])
                nxt = self.text.find(";", pos, end)
                pos = end if nxt < 0 else nxt + 1

    def shapes(self) -> Iterable[_Cand]:
        for run in self.runs:
            picked = self.pick_suffix(run, min_len=3)
            if picked and len(picked[0]) >= 3:
                yield _Cand(*self._span(picked[0]), "name_shape", self.cues.scores["name_shape"])


def _list_end(text: str, pos: int, abbreviations: frozenset[str]) -> int:
    """End of a ";"-separated list: the first sentence end or line break after ``pos``."""
    for m in re.finditer(r"[.\n!?]", text[pos:]):
        at = pos + m.start()
        if m.group() == "." and (head := _WORD.findall(text[max(0, at - 6):at])) and head[-1] in abbreviations:
            continue
        return at
    return len(text)


def _find_vi(text: str, cues: PersonCues, title_spans: Sequence[Span], forbidden: Sequence[Span]) -> list[_Cand]:
    vi = _Vi(text, cues, forbidden)
    return [*vi.after_titles(title_spans), *vi.appositions(title_spans), *vi.honorifics(),
            *vi.lists(), *vi.shapes()]


# --------------------------------------------------------------------------- English


class _En:
    """English candidates (names possibly written without diacritics)."""

    def __init__(self, text: str, cues: PersonCues, forbidden: Sequence[Span]):
        self.text, self.cues = text, cues
        self.starts, self.ends, self.words = _words(_EN_WORD, text)
        self.runs = _runs(text, self.starts, self.ends, self.words, self._ok, lambda _w: False, forbidden)
        self.run_of = {i: r for r in self.runs for i in r}

    def _ok(self, w: str) -> bool:
        return w[0].isupper() and not w.isupper() and w.lower() not in self.cues.en_non_name

    def _surname(self, i: int) -> bool:
        return fold(self.words[i]) in self.cues.en_surnames

    def _span(self, idx: list[int]) -> tuple[int, int]:
        return self.starts[idx[0]], self.ends[idx[-1]]

    def _after_place_word(self, i: int) -> bool:
        before = _word_before(self.text, self.starts[i]).split()
        return bool(before) and before[-1] in self.cues.en_place_words

    def pick_suffix(self, run: list[int]) -> list[int] | None:
        n = len(run)
        cands = [i for i in range(n) if self._surname(run[i]) and 2 <= n - i <= 3]
        if self._after_place_word(run[0]):
            cands = [i for i in cands if i >= 1]
        return run[cands[0]:] if cands else None

    def after_titles(self, title_spans: Sequence[Span]) -> Iterable[_Cand]:
        sc = self.cues.scores["en_title"]
        for _, te in title_spans:
            first = bisect.bisect_left(self.starts, te)
            if first >= len(self.words):
                continue
            prev_end = te
            for i in range(first, min(len(self.words), first + self.cues.en_max_window)):
                if _clause_break(self.text, prev_end, self.starts[i], frozenset({"St", "Jr"})):
                    break
                prev_end = self.ends[i]
                run = self.run_of.get(i)
                if run is None or run[0] != i:
                    continue
                if i == first and self.text[te:self.starts[i]].strip() == "" and 2 <= len(run) <= 3:
                    yield _Cand(*self._span(run), "en_title", sc if self._surname(run[0]) else sc - 0.15)
                    break
                name = self.pick_suffix(run)
                if name:
                    yield _Cand(*self._span(name), "en_title", sc)
                    break

    def appositions(self, title_spans: Sequence[Span]) -> Iterable[_Cand]:
        for ts, _ in title_spans:
            m = _APPOSITION_SEP.search(self.text, max(0, ts - 8), ts)
            if m is None or m.end() != ts:
                continue
            last = _word_ending_at(self.ends, self.starts, m.start())
            run = self.run_of.get(last) if last is not None else None
            name = self.pick_suffix(run[: run.index(last) + 1]) if run else None
            if name:
                yield _Cand(*self._span(name), "apposition", self.cues.scores["apposition"])

    def honorifics(self) -> Iterable[_Cand]:
        for m in self.cues.en_honorific_re.finditer(self.text):
            first = bisect.bisect_left(self.starts, m.end())
            run = self.run_of.get(first) if first < len(self.words) and self.starts[first] == m.end() else None
            if run and run[0] == first:
                size = 4 if len(run) >= 4 and self._surname(run[0]) else 3  # "Le Thi Thu Hang"
                yield _Cand(*self._span(run[:size]), "en_title", self.cues.scores["en_title"])


def _find_en(text: str, cues: PersonCues, title_spans: Sequence[Span], forbidden: Sequence[Span]) -> list[_Cand]:
    en = _En(text, cues, forbidden)
    return [*en.after_titles(title_spans), *en.appositions(title_spans), *en.honorifics()]


# --------------------------------------------------------------------------- Chinese


def _zh_given_ok(text: str, start: int, length: int, cues: PersonCues) -> bool:
    chunk = text[start:start + length]
    return len(chunk) == length and all(_HAN.fullmatch(c) and c not in cues.zh_non_name_chars for c in chunk)


def _zh_after(text: str, start: int, cues: PersonCues, title_starts: frozenset[int]) -> tuple[int, int] | None:
    """A name starting at ``start`` (right after a title): surname + 1–2 characters."""
    if text[start:start + 2] in cues.zh_double_surnames:
        sl = 2
    elif text[start:start + 1] in cues.zh_surnames:
        sl = 1
    else:
        return None
    g = start + sl
    if not _zh_given_ok(text, g, 1, cues):
        return None
    one_char = (
        not _zh_given_ok(text, g + 1, 1, cues)
        or g + 1 in title_starts
        or text.startswith(cues.zh_after_name, g + 1)
    )
    return start, g + (1 if one_char else 2)


def _zh_word_starts(text: str, start: int, end: int) -> frozenset[int]:
    """Offsets where jieba starts a word in text[start:end] (used only to break ties)."""
    offsets, pos = set(), start
    for token in zh.cut(text[start:end]):
        offsets.add(pos)
        pos += len(token)
    return frozenset(offsets)


def _zh_before(text: str, end: int, cues: PersonCues) -> tuple[int, int] | None:
    """A name ending at ``end`` (right before a title or 同志/先生/女士).

    The longest reading wins, except when a shorter one is also valid and jieba starts a word at the
    shorter one but not at the longer ("感谢李明先生": 李明, not 谢李明). The tie-break only chooses
    between two readings the cue tables already accept, so jieba's dictionary cannot add a name.
    """
    options = ((2, 2), (1, 2), (2, 1), (1, 1))  # (surname length, given length), longest first
    valid = []
    for sl, gl in options:
        start = end - sl - gl
        surname = text[start:start + sl] if start >= 0 else ""
        known = surname in (cues.zh_double_surnames if sl == 2 else cues.zh_surnames)
        if known and _zh_given_ok(text, start + sl, gl, cues) and start not in valid:
            valid.append(start)
    if len(valid) > 1:
        starts = _zh_word_starts(text, max(0, end - 8), end)
        if valid[0] not in starts and (shorter := [s for s in valid[1:] if s in starts]):
            return shorter[0], end
    return (valid[0], end) if valid else None


def _find_zh(text: str, cues: PersonCues, title_spans: Sequence[Span], forbidden: Sequence[Span]) -> list[_Cand]:
    score = cues.scores["zh_title"]
    anchors = list(title_spans)
    for word in cues.zh_post_honorifics:
        anchors += [(m.start(), m.end()) for m in re.finditer(re.escape(word), text)]
    title_starts = frozenset(s for s, _ in anchors)
    cands: list[_Cand] = []
    for ts, te in anchors:
        after = te + len(text[te:te + 3]) - len(text[te:te + 3].lstrip(" \u3000"))
        for span in (_zh_after(text, after, cues, title_starts), _zh_before(text, ts, cues)):
            if span is None:
                continue
            if _overlaps(*span, forbidden) and span[1] - span[0] > 2:  # try the shorter reading
                short = (span[0], span[1] - 1) if span[0] >= after else None
                span = short if short and not _overlaps(*short, forbidden) else span
            cands.append(_Cand(span[0], span[1], "zh_title", score))
    return cands


# --------------------------------------------------------------------------- entry point

_FINDERS = {"vi": _find_vi, "en": _find_en, "zh": _find_zh}


def find_persons(
    text: str,
    lang: str,
    cues: PersonCues,
    *,
    title_spans: Sequence[tuple[int, int]] = (),
    blocked: Sequence[tuple[int, int]] = (),
) -> list[PersonHit]:
    """Person-name candidates in ``text``: sorted, non-overlapping, ``text == source[start:end]``.

    ``lang`` is "vi", "zh" or "en" (a "zh-…"/"en-…" tag is reduced to its language; anything else is
    read as Vietnamese). ``title_spans`` and ``blocked`` are character spans from the gazetteer
    matcher; no hit overlaps either.
    """
    finder = _FINDERS.get(lang.split("-")[0].lower(), _find_vi)
    titles = sorted({(s, e) for s, e in title_spans if 0 <= s < e <= len(text)})
    forbidden = [*titles, *((s, e) for s, e in blocked if s < e)]
    return _resolve(text, finder(text, cues, titles, forbidden), cues.scores["bonus"], forbidden)
