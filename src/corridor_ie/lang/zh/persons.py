"""The Chinese person recogniser: names next to an office word, an honorific or another name.

Cues (``PersonCandidate.cue``):

- ``zh_title``: a name right after an office word ("越南驻华大使" + name), from the table ``offices`` or a
  gazetteer TITLE, or right before one or before 同志/先生 (name + "总理", name + "同志");
- ``list``: the next items of a list that starts with such a name (name、name、name);
  A transliterated foreign name after an office word (no surname: "老挝总理" + 通X) has a lower score.

**Name length comes from the name's own shape**, not from a fixed window: a surname (one or two
characters) and one or two given characters, or a Vietnamese name written in Chinese, surname + 氏/文 +
one or two characters (阮氏春梅). Of the readings, the one whose edge stands on the strongest boundary
wins: punctuation or the end of the text, then a word that follows names (an office word, a verb such as
举行 or 表示, 同志, a military rank), then a one-character function word (在, 的); ties go to the longer
reading. A one-character function word never sits inside a given name (王建将出席 is 王建).

The rules run on a simplified copy of the text (OpenCC ``t2s``, offsets unchanged), so pages in
traditional characters need no second table. All words live in ``lang/zh/persons.toml``; no name of a
place or person is written here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...normalise import to_simplified
from ...patterns import alternation
from ..base import PersonCandidate
from ..names import NamedThings

if TYPE_CHECKING:
    from . import PersonsTable

Span = tuple[int, int]
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SKIP = " \u3000\u00a0"
_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def is_han(c: str) -> bool:
    return bool(c) and _HAN.match(c) is not None


@dataclass(frozen=True)
class PersonCues:
    score: float
    list_score: float
    shape_score: float
    surnames: frozenset[str]
    double_surnames: frozenset[str]
    middles: frozenset[str]  # 氏 文: a Vietnamese name in Chinese may have four characters
    offices: tuple[str, ...]  # longest first
    office_re: re.Pattern[str] | None
    post_honorifics: tuple[str, ...]
    strong_after: tuple[str, ...]  # words of two or more characters that may follow a name
    weak_after: frozenset[str]  # one-character words that may follow a name
    left_stops: tuple[str, ...]  # words a name may follow (会见, 与, 感谢)
    non_given: frozenset[str]  # characters never inside a given name
    non_name_chars: frozenset[str]  # characters that never end a name read backwards from a title
    translit: frozenset[str]  # characters of transliterated foreign names
    list_joiners: tuple[str, ...]
    place_first: tuple[str, ...]  # offices whose place comes first (市委书记): no name before them
    not_stops: tuple[str, ...]  # words that start with a stop word but are none (自治)
    things: NamedThings  # 市, 路, 思想 … after a name: a thing named after a person

    @classmethod
    def from_table(cls, t: PersonsTable, scores: dict[str, float]) -> PersonCues:
        simp = [to_simplified(w) for w in t.offices]
        offices = tuple(sorted(set(simp), key=len, reverse=True))
        after = {to_simplified(w) for w in [*t.after_name, *t.post_honorifics, *t.ranks, *offices]}
        return cls(
            score=scores.get("zh_title", 0.85), list_score=scores.get("list", 0.9),
            shape_score=scores.get("two_syllables_after_org", 0.7),
            surnames=frozenset(to_simplified(s) for s in t.surnames),
            double_surnames=frozenset(to_simplified(s) for s in t.double_surnames),
            middles=frozenset(t.vietnamese_middles),
            offices=offices,
            office_re=re.compile(alternation(offices)) if offices else None,
            post_honorifics=tuple(to_simplified(w) for w in t.post_honorifics),
            strong_after=tuple(sorted((w for w in after if len(w) > 1), key=len, reverse=True)),
            weak_after=frozenset(w for w in after if len(w) == 1),
            left_stops=tuple(sorted({to_simplified(w) for w in t.left_stops}, key=len, reverse=True)),
            non_given=(frozenset(to_simplified(c) for c in t.non_given_chars)
                       | frozenset(w for w in after if len(w) == 1 and w not in t.given_too)),
            non_name_chars=frozenset(to_simplified(c) for c in t.non_name_chars),
            translit=frozenset(to_simplified(c) for c in "".join(t.transliteration_chars)),
            list_joiners=tuple(t.list_joiners),
            place_first=tuple(to_simplified(w) for w in t.place_first),
            not_stops=tuple(to_simplified(w) for w in t.not_stops),
            things=NamedThings([to_simplified(w) for w in t.thing_before], [to_simplified(w) for w in t.thing_after],
                               spaced=False),
        )


def simplified(text: str) -> str:
    """``text`` in simplified characters, character for character (offsets unchanged)."""
    s = to_simplified(text)
    if len(s) == len(text):
        return s
    out = []
    for c in text:
        d = to_simplified(c) if is_han(c) else c
        out.append(d if len(d) == 1 else c)
    return "".join(out)


class _Zh:
    """Chinese candidates of one text (``s``: its simplified copy)."""

    def __init__(self, text: str, cues: PersonCues, cut: Callable[[str], list[str]],
                 common: Callable[[str], bool], forbidden: Sequence[Span], places: Sequence[Span] = ()):
        self.s, self.cues, self.cut, self.common = simplified(text), cues, cut, common
        # 2 inside a forbidden span (an organisation, a title), 1 inside a place a given name may contain
        self.blocked = [0] * (len(text) + 1)
        self.blocked_starts = set()
        soft = set(places)
        for fs, fe in forbidden:
            if 0 <= fs < fe <= len(text):
                self.blocked_starts.add(fs)
                for i in range(fs, fe):
                    self.blocked[i] = max(self.blocked[i], 1 if (fs, fe) in soft else 2)

    # ------------------------------------------------------------------ boundaries
    def right_strength(self, p: int) -> int:
        """How surely a name may end at ``p``: 3 punctuation/end, 2 a word that follows names, 1 a
        one-character function word, 0 anything else."""
        s, c = self.s, self.cues
        if p >= len(s) or not is_han(s[p]):
            return 3
        if p in self.blocked_starts or s.startswith(c.strong_after, p):
            return 2
        return 1 if s[p] in c.weak_after else 0

    def left_strength(self, p: int) -> int:
        """How surely a name may start at ``p`` (read backwards from a title)."""
        s = self.s
        if p <= 0 or not is_han(s[p - 1]):
            return 3
        return 2 if any(s.endswith(w, 0, p) for w in self.cues.left_stops) else 0

    def given_ok(self, start: int, end: int, middle: bool = False) -> bool:
        chunk = self.s[start:end]
        if len(chunk) != end - start or not chunk or max(self.blocked[start:end]) > 1:
            return False
        return all(is_han(ch) and (ch not in self.cues.non_given or (middle and i == 0 and ch in self.cues.middles))
                   for i, ch in enumerate(chunk))

    def surname_lengths(self, b: int) -> list[int]:
        s, c = self.s, self.cues
        out = []
        if self.blocked[b]:
            return out
        if s[b:b + 2] in c.double_surnames:
            out.append(2)
        if s[b:b + 1] in c.surnames:
            out.append(1)
        return out

    # ------------------------------------------------------------------ readings
    def read_after(self, b: int, min_strength: int = 1) -> tuple[int, int] | None:
        """The name starting at ``b``: the reading whose end stands on the strongest boundary."""
        s, c = self.s, self.cues
        best: tuple[int, int, int] | None = None  # (strength, length, end)
        for sl in self.surname_lengths(b):
            g = b + sl
            middle = sl == 1 and s[g:g + 1] in c.middles
            lengths = (3, 2) if middle else (2, 1)
            for gl in lengths:
                e = g + gl
                if not self.given_ok(g, e, middle) or self.common(s[b:e]):
                    continue
                strength = self.right_strength(e)
                if any(self.blocked[g:e]) and (strength < 2 or self.blocked[e]):
                    continue  # a place inside a given name: only between two sure edges (陈红河会见)
                key = (strength, e - b, e)
                if best is None or key[:2] > best[:2]:
                    best = key
        if best is None:
            return None
        if s[best[2]:best[2] + 1] == "·":  # a foreign name with a middle dot (宋迪·隆迪): read it whole
            tr = self.read_transliteration(b)
            if tr is not None and tr[1] > best[2]:
                return tr
        if best[0] < 1 and min_strength <= 1:  # no word after it that names follow
            tr = self.read_transliteration(b)  # a foreign name that starts like a surname (潘里X奥)
            return tr if tr and tr[1] - b > 3 else self.jieba_end(b)
        return (b, best[2]) if best[0] >= min_strength else None

    def jieba_end(self, b: int) -> tuple[int, int] | None:
        """A name of two or three characters that jieba cuts as one word (or surname + given) at ``b``."""
        s = self.s
        words = self.cut(s[b:b + 8])
        if not words:
            return None
        first = len(words[0])
        if first == 1 and len(words) > 1 and len(words[1]) <= 2:
            first += len(words[1])
        end = b + first
        if 2 <= first <= 3 and self.given_ok(b + 1, end) and not self.common(s[b:end]) and not self.blocked[b]:
            return b, end
        return None

    def read_before(self, a: int) -> tuple[int, int] | None:
        """The name ending at ``a`` (right before an office word or 同志/先生)."""
        s, c = self.s, self.cues
        options = ((1, 3), (2, 2), (1, 2), (2, 1), (1, 1))  # (surname length, given length)
        valid: list[tuple[int, int]] = []  # (left strength, start)
        for sl, gl in options:
            start = a - sl - gl
            if start < 0 or any(self.blocked[start:a]):
                continue
            surname = s[start:start + sl]
            if surname not in (c.double_surnames if sl == 2 else c.surnames):
                continue
            middle = gl == 3
            if middle and s[start + 1] not in c.middles:
                continue
            if not self.given_ok(start + sl, a, middle) or s[a - 1] in c.non_name_chars:
                continue
            if self.common(s[start:a]) or any(v[1] == start for v in valid):
                continue
            valid.append((self.left_strength(start), start))
        if not valid:
            return None
        strong = [v for v in valid if v[0] >= 2]
        if strong:
            return max(strong, key=lambda v: (v[0], a - v[1]))[1], a
        # no sure edge on the left: the reading must start where jieba starts a word (落实/习某某/总书记),
        # the longest such one ("有关/负责/同志" has none)
        offsets, pos = set(), max(0, a - 8)
        for token in self.cut(s[pos:a]):
            offsets.add(pos)
            pos += len(token)
        starts = [v[1] for v in valid if v[1] in offsets]
        return (starts[0], a) if starts else None

    def read_transliteration(self, b: int) -> tuple[int, int] | None:
        """A foreign name with no Chinese surname: two to six characters of the transliteration table
        ending on a strong boundary, or up to nine with a middle dot (本X·沃X吉)."""
        s, c = self.s, self.cues
        e = b
        while e < len(s) and e - b < 9 and (s[e] in c.translit or (s[e] == "·" and e > b)):
            if s.startswith(c.strong_after, e) and e - b >= 2:
                break
            e += 1
        if s[e - 1:e] == "·":
            e -= 1
        dotted = "·" in s[b:e]  # a dotted name is a foreign name whatever follows it
        if not 2 <= e - b <= (9 if dotted else 6) or self.right_strength(e) < (1 if dotted else 2) or self.common(s[b:e]):
            return None
        return b, e

    # ------------------------------------------------------------------ cues
    def anchors(self, titles: Sequence[Span]) -> list[tuple[int, int, str]]:
        s, c = self.s, self.cues
        out = [(a, b, "title") for a, b in titles]
        if c.office_re is not None:
            out += [(m.start(), m.end(), "title") for m in c.office_re.finditer(s)]
        for w in c.post_honorifics:
            out += [(m.start(), m.end(), "honorific") for m in re.finditer(re.escape(w), s)]
        return sorted(set(out))

    def candidates(self, titles: Sequence[Span]) -> list[PersonCandidate]:
        s, c = self.s, self.cues
        out: list[PersonCandidate] = []
        for a, b, kind in self.anchors(titles):
            after = b
            while after < len(s) and s[after] in _SKIP:
                after += 1
            if (gloss := _GLOSS.match(s, after)) is not None:  # a pinyin gloss glued on: 市长(zhǎng)
                after = gloss.end()
            if kind == "title" and after < len(s):
                span = self.read_after(after)
                if span:
                    out.append(PersonCandidate(*span, "zh_title", c.score))
                    out += self.list_items(span[1])
                elif (tr := self.read_transliteration(after)) is not None:
                    out.append(PersonCandidate(*tr, "zh_title", c.shape_score))
                    out += self.list_items(tr[1])
            before = None if s.startswith(c.place_first, a) else self.read_before(a)
            if before:
                out.append(PersonCandidate(*before, "zh_title", c.score))
        return out

    def list_items(self, end: int) -> list[PersonCandidate]:
        """Names that follow a found name in a list: 、B、C or 和B (each on a strong boundary)."""
        s, c = self.s, self.cues
        out = []
        while True:
            joiner = next((j for j in c.list_joiners if s.startswith(j, end)), None)
            if joiner is None:
                return out
            span = self.read_after(end + len(joiner), min_strength=2)
            if span is None or s.startswith(c.offices, span[1]):
                return out
            out.append(PersonCandidate(*span, "list", c.list_score))
            end = span[1]


def find_candidates(text: str, cues: PersonCues, title_spans: Sequence[Span], forbidden: Sequence[Span],
                    cut: Callable[[str], list[str]], common: Callable[[str], bool] = lambda _w: False,
                    places: Sequence[Span] = ()) -> list[PersonCandidate]:
    """Candidates in ``text``. ``forbidden`` spans are never inside a name, except ``places`` inside a
    given name (陈红河: 红河 is also a place)."""
    if not text:
        return []
    return _Zh(text, cues, cut, common, forbidden, places).candidates(title_spans)


# --------------------------------------------------------------------------- offices around a name

_TITLE_CHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9—－\-·]")
_LEADING_TIME = re.compile(r"(?:\d{1,4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:上午|下午|晚上|早上|中午|晚)?")
#: characters that end the name of a body: a stop word right before one is part of that name (会谈站)
_ORG_CHARS = frozenset("站部委局厅办处院所队司署馆台社组")


def _office_end(s: str, end: int, cues: PersonCues) -> bool:
    return any(s.endswith(o, 0, end) for o in cues.offices)


def _segment_start(s: str, lo: int, end: int, cues: PersonCues, keep: Sequence[Span]) -> int:
    """Walk left from ``end`` over the characters of an office, to a stop word (not inside the name of
    a body: 会晤会谈站) or punctuation."""
    inside = [0] * (len(s) + 1)
    for a, b in keep:
        for i in range(max(a, 0), min(b, len(s))):
            inside[i] = 1
    pos = end
    while pos > lo:
        if not _TITLE_CHARS.match(s[pos - 1]) or s.endswith("——", lo, pos):
            break
        stop = next((w for w in cues.left_stops if s.endswith(w, lo, pos)), None)
        if stop and not inside[pos - 1] and not s.startswith(cues.not_stops, pos - len(stop)):
            rest = pos
            while (w := next((w for w in cues.left_stops if s.startswith(w, rest)), None)) is not None:
                rest += len(w)
            if s[rest:rest + 1] not in _ORG_CHARS:
                break
        pos -= 1
    return pos


def _deglossed(text: str) -> tuple[str, list[int]]:
    """The simplified text without pinyin glosses ("書(shū)記" -> 书记) and, for each of its
    characters, its offset in ``text``."""
    s = simplified(text)
    keep: list[int] = []
    pos = 0
    for m in _GLOSS.finditer(s):
        if m.start() > 0 and is_han(s[m.start() - 1]):
            keep += range(pos, m.start())
            pos = m.end()
    keep += range(pos, len(s))
    return "".join(s[i] for i in keep), keep


def office_before(text: str, cues: PersonCues, lo: int, name_start: int, keep: Sequence[Span]) -> int | None:
    """Where the office written right before a name starts ("越共中央政治局委员、胡志明市委书记" + name):
    back to punctuation or a word such as 会见 or 与 (not inside an organisation's name), over offices
    joined by 、 and pinyin glosses glued into it; None when the text before the name does not end
    with an office word."""
    s, where = _deglossed(text)
    at = {orig: i for i, orig in enumerate(where)}
    lo2 = next((at[i] for i in range(lo, len(text)) if i in at), len(s))
    end = next((at[i] for i in range(name_start, len(text)) if i in at), len(s))
    kept = [(at[a], at[b - 1] + 1) for a, b in keep if a in at and b - 1 in at]
    if not _office_end(s, end, cues):
        return None
    start = _segment_start(s, lo2, end, cues, kept)
    while start - 1 > lo2 and s[start - 1] == "、" and _office_end(s, start - 1, cues):
        prev = _segment_start(s, lo2, start - 1, cues, kept)
        if prev >= start - 1:
            break
        start = prev
    start = _LEADING_TIME.match(s, start).end() if start < end else start
    if start >= end or end - start > 60:
        return None
    return where[start]


def office_after(text: str, cues: PersonCues, name_end: int, hi: int) -> int | None:
    """The end of an office word written right after a name (name + 总理), or None."""
    s = simplified(text[name_end:min(hi, name_end + 12)])
    found = [len(o) for o in cues.offices if s.startswith(o)]
    return name_end + max(found) if found else None
