"""Split the text a modality governs into action clauses, one per commitment.

Rules (every cue word comes from ``CommitmentCues``):

- a vague head ("một số nội dung", "nhận thức chung") keeps nothing unless a link ("là", "gồm", ":")
  follows; then the items after the link are the actions;
- an opener ("gồm:", "：", ":") before the first ";" starts a list: the text after it is split on ";";
- without an opener, ";" splits only before an action verb (a piece that starts otherwise stays with
  the piece before it; with ``split_semicolons`` every ";" splits), and not at all when examples
  ("như …") come first;
- inside a piece, a separator ("," "，" "、" " và " " and ") splits only before a strong action verb,
  not after a bare verb or a clause that ends in a verb ("tăng cường, mở rộng hợp tác …", "hoạt động
  trao đổi, chia sẻ kinh nghiệm"), not after examples ("như …"), not inside quotes or mentions, and
  not before a piece that refers back ("khởi công các dự án này …"); after a hard break
  (", đồng thời …") the rest is dropped unless it is an action; a piece that opens with a purpose word
  (以, "nhằm") is dropped;
- after a nominal cue ("called for", "the need for") the items are noun phrases: a separator splits
  before a piece whose first words hold a verb or an action noun ("timely settlement of …");
- each piece loses leading modal and filler words, its own actor ("phía X …"), a purpose tail
  ("in order to …", 以便…) and trailing punctuation; a piece of fewer than two words is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lang.cues import CommitmentCues
from ..records import Ref
from ..types import TaggedDoc

Span = tuple[int, int]
ActorFinder = Callable[[int, int], "tuple[tuple[Ref, ...], int] | None"]

_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|[^\W_\u3400-\u4dbf\u4e00-\u9fff]+")
_QUOTES = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|『[^』]*』|‘[^’]*’|《[^》]*》|\([^()]*\)|（[^（）]*）")
_SEMI = re.compile(r"[;；]")
_NUMBER = re.compile(r"\s*\d+\s*")
_TAIL = ' \t\n,，;；.。:：…!?！？、(（"“'  # noqa: RUF001
_LEAD = " \t\n,，;；:：.。、-–—"
_SPEECH_WORDS = 4  # words of a trailing ", he added" that is dropped
_CLOSING = ".!?;…。！？；\"”’)）」』"


def word_count(s: str) -> int:
    """Words of ``s`` (a Han character counts as one word)."""
    return len(_WORD.findall(s))


def word_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets of the words of ``text[start:end]`` (each Han character is a word)."""
    return [m.start() for m in _WORD.finditer(text, start, end)]


@dataclass(frozen=True)
class Item:
    """One action clause ``[start, end)``, with the actor it names itself (if any)."""

    start: int
    end: int
    actors: tuple[Ref, ...] = ()


def _protected(text: str, start: int, end: int, t: TaggedDoc) -> list[Span]:
    spans = [(start + m.start(), start + m.end()) for m in _QUOTES.finditer(text[start:end])]
    spans += [(m.start, m.end) for m in t.mentions if start <= m.start and m.end <= end  # few per frame
              and m.method != "sentence"]  # a pair found by two gates in one sentence spans their words
    return spans


def _free(pos: int, protected: list[Span]) -> bool:
    return not any(s < pos < e for s, e in protected)


def _cuts(pattern: re.Pattern[str], text: str, start: int, end: int, protected: list[Span]) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text, start, end) if _free(m.start(), protected)]


def skip_matches(text: str, pos: int, end: int, pattern: re.Pattern[str]) -> int:
    """The offset after any run of ``pattern`` matches starting at ``pos``."""
    while True:
        m = pattern.match(text, pos, end)
        if not m or m.end() == pos:
            return pos
        pos = m.end()


def _head(text: str, pos: int, end: int, cues: CommitmentCues, actor: ActorFinder) -> int:
    """Where the verb of a piece starts: after filler words and an actor."""
    pos = skip_matches(text, pos, end, cues.strip)
    found = actor(pos, end)
    return skip_matches(text, found[1], end, cues.strip) if found else pos


def _is_action(text: str, pos: int, end: int, cues: CommitmentCues, actor: ActorFinder, strong: bool) -> bool:
    head = _head(text, pos, end, cues, actor)
    pattern = cues.strong_verb_start if strong else cues.verb_start
    m = pattern.match(text, head, end)
    return bool(m) and not cues.past_after.match(text, m.end(), end)  # "探讨了…" reports the past


def _past(text: str, start: int, end: int, cues: CommitmentCues, actor: ActorFinder) -> bool:
    """Whether a piece opens with a verb marked as past ("探讨了…")."""
    m = cues.verb_start.match(text, _head(text, start, end, cues, actor), end)
    return bool(m) and bool(cues.past_after.match(text, m.end(), end))


def _verb_verb(text: str, start: int, end: int, cues: CommitmentCues) -> bool:
    """Whether a piece opens with two verbs in a row ("开放开发…"): a nominal list item, not an action."""
    m = cues.verb_start.match(text, start, end)
    return bool(m) and bool(cues.verb_start.match(text, m.end(), end))


def _verb_only(text: str, start: int, end: int, cues: CommitmentCues, actor: ActorFinder) -> bool:
    head = _head(text, start, end, cues, actor)
    m = cues.verb_start.match(text, head, end)
    if not m:
        return False
    return not text[m.end():end].strip(_TAIL)


def _list_start(text: str, start: int, end: int, cues: CommitmentCues, protected: list[Span]) -> tuple[int, bool] | None:
    """Where the actions start, whether they form an opened list; None for a vague head with no list."""
    pos = skip_matches(text, start, end, cues.strip)
    num = _NUMBER.match(text, pos, end)  # "3 nội dung …", "three proposals"
    if cues.vague_start.match(text, num.end() if num else pos, end):
        link = next((m for m in cues.vague_link.finditer(text, pos, end) if _free(m.start(), protected)), None)
        return (link.end(), True) if link else None
    semi = next(iter(_cuts(_SEMI, text, pos, end, protected)), None)
    first_end = semi.start() if semi else end
    opener = next((m for m in cues.openers.finditer(text, pos, first_end) if _free(m.start(), protected)), None)
    return (opener.end(), True) if opener else (pos, False)


def _short_list(text: str, start: int, end: int, most: int = 3) -> bool:
    """Whether ``text[start:end]`` is a list of short nouns ("bảo tàng, thư viện, điện ảnh")."""
    parts = [p for p in re.split(r"[,，、]", text[start:end].strip(_TAIL)) if p.strip()]
    return len(parts) > 1 and all(word_count(p) <= most for p in parts)


def _semicolon_pieces(text: str, start: int, end: int, listed: bool, cues: CommitmentCues,
                      actor: ActorFinder, protected: list[Span]) -> list[Span]:
    bounds = [start] + [m.end() for m in _cuts(_SEMI, text, start, end, protected)]
    spans = [(a, b) for a, b in zip(bounds, bounds[1:] + [end], strict=True)]
    if listed:
        return spans
    if cues.examples.search(text, start, spans[0][1]):
        return [(start, end)]
    if cues.split_semicolons:  # every ";" but one before a short noun list ("…; bảo tàng, thư viện; …")
        out = []
        for a, b in spans:
            if out and not cues.verb_any.search(text, a, b) and _short_list(text, a, b):
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        return out
    out: list[Span] = []
    for a, b in spans:
        if out and not _is_action(text, a, b, cues, actor, strong=False):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _nominal_item(text: str, pos: int, end: int, cues: CommitmentCues, actor: ActorFinder) -> bool:
    """Whether a piece after a nominal cue is an item of its own: a verb or an action noun among its
    first words ("timely settlement of …", "the smooth operation of …")."""
    if _is_action(text, pos, end, cues, actor, strong=True):
        return True
    starts = [m.start() for m in _WORD.finditer(text, pos, end)][:cues.nominal_head_window]
    return any(cues.nominal_heads.match(text, w, end) for w in starts)


def _comma_pieces(text: str, start: int, end: int, cues: CommitmentCues, actor: ActorFinder,
                  protected: list[Span], nominal: bool = False) -> list[Span]:
    out: list[Span] = []
    cur: int | None = start
    cuts = _cuts(cues.nominal_separators if nominal else cues.separators, text, start, end, protected)
    bounds = [m.start() for m in cuts] + [end]
    last = start
    for i, m in enumerate(cuts):
        if m.start() < last:
            continue  # overlapping separators (", and"): the first one counts
        last = m.end()
        nxt, nxt_end = m.end(), bounds[i + 1]
        if cur is None:  # inside a dropped purpose piece: resume at the next action
            if _is_action(text, nxt, end, cues, actor, strong=True):
                cur = nxt
            continue
        hard = cues.hard_break.match(text, nxt, end)
        if hard:
            if _is_action(text, hard.end(), end, cues, actor, strong=False):
                out.append((cur, m.start()))
                cur = hard.end()
                continue
            out.append((cur, m.start()))
            return out
        if cues.tail_drop.match(text, nxt, nxt_end) or _past(text, nxt, nxt_end, cues, actor):
            out.append((cur, m.start()))
            cur = None  # a purpose ("以便…") or a past event ("探讨了…"): dropped
            continue
        if cues.examples.search(text, cur, m.start()):
            break  # "như A, B, C": examples, not actions
        if cues.tail_cut.search(text, cur, m.start()):
            break  # "… nhằm nâng cao …, chăm sóc …": the rest is the purpose, cut later
        if nominal:
            if _nominal_item(text, nxt, nxt_end, cues, actor):
                out.append((cur, m.start()))
                cur = nxt
            continue
        weak = cues.weak_separators.fullmatch(m.group(0))
        if weak and (not _is_action(text, cur, m.start(), cues, actor, strong=False)
                     or cues.weak_stops.search(text, nxt, nxt_end) or _verb_verb(text, nxt, nxt_end, cues)):
            continue  # "、" between two verb phrases only ("全面合作的方针", "开放开发" are nouns)
        topic_item = (not weak and cues.topic_item.match(text, nxt, nxt_end)
                      and cues.verb_any.search(text, nxt, nxt_end))
        if ((topic_item or _is_action(text, nxt, end, cues, actor, strong=True))
                and not _verb_only(text, cur, m.start(), cues, actor)
                and not cues.verb_end.search(text[cur:m.start()])
                and not cues.anaphora.search(text, nxt, nxt_end)):
            out.append((cur, m.start()))
            cur = nxt
    if cur is not None:
        out.append((cur, end))
    return out


def _trim(text: str, start: int, end: int, cues: CommitmentCues, actor: ActorFinder) -> Item | None:
    pos = skip_matches(text, start, end, cues.strip)
    while pos < end and text[pos] in _LEAD:
        pos = skip_matches(text, pos + 1, end, cues.strip)
    actors: tuple[Ref, ...] = ()
    found = actor(pos, end)
    if found:
        actors, pos = found
        pos = skip_matches(text, pos, end, cues.strip)
    if not text[end:].strip() and text[pos:end].rstrip()[-1:] not in _CLOSING and (
            word_count(text[pos:end]) < cues.cut_min_words):
        return None  # cut short by the end of the excerpt before its object ("đẩy mạnh k")
    cut = next((m for m in cues.tail_cut.finditer(text, pos, end) if word_count(text[pos:m.start()]) >= 2), None)
    if cut is not None:
        end = cut.start()
    comma = max(text.rfind(",", pos, end), text.rfind("，", pos, end))
    tail = text[comma + 1:end].rstrip(_TAIL) if comma > pos else ""
    if tail and word_count(tail) <= _SPEECH_WORDS and cues.tail_speech.search(tail):
        end = comma  # ", Dam said": who said it, not the action
    while end > pos and (text[end - 1] in _TAIL or text[end - 1] == "."):
        end -= 1
    while pos < end and text[pos].isspace():
        pos += 1
    if word_count(text[pos:end]) < 2 or _verb_only(text, pos, end, cues, actor):
        return None  # too short, or a bare verb ("提升" cut by the end of the excerpt)
    if cues.topic_start.match(text, pos, end) and not cues.verb_any.search(text, pos, end):
        return None  # "与越方一道": a phrase before the action, no action itself
    if cues.tail_drop_end.search(text, pos, end):
        return None  # "为两国关系发展作出贡献": a purpose
    return Item(pos, end, actors)


def split_items(t: TaggedDoc, start: int, end: int, listed: bool, cues: CommitmentCues,
                actor: ActorFinder, nominal: bool = False) -> list[Item]:
    """The action clauses of ``t.text[start:end]`` (see module docstring); ``nominal``: noun phrases."""
    text = t.text
    protected = _protected(text, start, end, t)
    head = _list_start(text, start, end, cues, protected)
    if head is None:
        return []
    pos, opened = head
    items: list[Item] = []
    for a, b in _semicolon_pieces(text, pos, end, listed or opened, cues, actor, protected):
        for c, d in _comma_pieces(text, a, b, cues, actor, protected, nominal):
            item = _trim(text, c, d, cues, actor)
            if item is not None:
                items.append(item)
    return items
