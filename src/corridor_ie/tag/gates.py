"""Border-gate pairs and cross-border links written as two sides.

- "Kim Thành - Bắc Sơn", "Kim Thành–Bắc Sơn", "Móng Cái và Đông Hưng": two gates of a known pair
  joined by a dash or a conjunction → ``BORDER_GATE_PAIR`` (when the pair itself is in the gazetteer
  the matcher already found it whole).
- "Lào Cai (Việt Nam) đến Hà Khẩu (Trung Quốc)", "Bát Xát (Việt Nam) - Bá Sái (Trung Quốc)": two
  places on either side of the border joined by a directional word or a dash → ``LINK`` (a road, rail
  or bridge link; its id is the gate pair when the two names are the gates of a known pair, and a
  dash between the gates of a known pair makes a ``BORDER_GATE_PAIR`` instead).
- Both gates of a known pair named apart in one sentence, close together, at least one of them read as
  a gate (by a cue such as "cửa khẩu" or 口岸) → ``BORDER_GATE_PAIR`` with method ``sentence``.
Countries never form a side ("Việt Nam – Trung Quốc" is a relation, not a link).
"""

from __future__ import annotations

import re

from ..gazetteer.store import Gazetteer
from ..types import Mention
from .resolve import ContextCues

_PAREN = re.compile(r"\s*\([^()\n]{1,30}\)")


def _pair_index(gaz: Gazetteer) -> dict[frozenset[str], str]:
    return {frozenset(e.gates): e.id for e in gaz.of_type("gate_pair") if e.gates and len(e.gates) == 2}


def _gate_ids(m: Mention, gaz: Gazetteer) -> set[str]:
    ids = {m.id, *m.attr("alternatives", ())}
    return {i for i in ids if i and (e := gaz.get(i)) is not None and e.type == "border_gate"}


def _country(m: Mention, gaz: Gazetteer) -> str | None:
    e = gaz.get(m.id)
    return e.country if e else None


def _joiner(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?:\s*\([^()\n]{1,30}\))?\s*(?:" + alts + r")\s*$", re.I)


def _pair_mention(a: Mention, end: int, text: str, pair_id: str, gaz: Gazetteer, method: str,
                  score: float) -> Mention:
    e = gaz.get(pair_id)
    return Mention("BORDER_GATE_PAIR", a.start, end, text[a.start:end], pair_id, list(e.gates or []) if e else [],
                   method, score, (("type", "gate_pair"),))


def find_pairs(text: str, mentions: list[Mention], sentences: list[tuple[int, int]], gaz: Gazetteer,
               cues: ContextCues) -> list[Mention]:
    """New pair/link mentions (the single-side mentions are kept by the caller)."""
    index = _pair_index(gaz)
    sides = [m for m in mentions if m.label in ("BORDER_GATE", "PLACE") and m.attr("type") != "country"]
    dash = _joiner(cues.dashes)
    link = _joiner(cues.link_words)
    conj = _joiner(cues.pair_words)

    def known_pair(a: Mention, b: Mention) -> str | None:
        ga, gb = _gate_ids(a, gaz), _gate_ids(b, gaz)
        return next((index[frozenset((x, y))] for x in ga for y in gb if frozenset((x, y)) in index), None)

    out: list[Mention] = []
    for a, b in zip(sides, sides[1:], strict=False):
        between = text[a.end:b.start]
        if len(between) > 40 or "\n" in between:
            continue
        by_dash, by_link, by_conj = dash.match(between), link.match(between), conj.match(between)
        if not (by_dash or by_link or by_conj):
            continue
        m_paren = _PAREN.match(text, b.end)
        end = m_paren.end() if m_paren else b.end
        pair = known_pair(a, b)
        across = _country(a, gaz) and _country(b, gaz) and _country(a, gaz) != _country(b, gaz)
        if pair and not by_link:
            out.append(_pair_mention(a, end, text, pair, gaz, "pattern", 1.0))
        elif (by_dash or by_link) and (across or pair):
            # a road/rail link "from A to B"; when A and B are the two gates of a pair, the link's id is the pair
            out.append(Mention("LINK", a.start, end, text[a.start:end], pair, [a.id, b.id], "pattern", 0.8,
                               (("type", "link"),)))
    for s, e in sentences:
        inside = [m for m in sides if s <= m.start and m.end <= e]
        for i, a in enumerate(inside):
            for b in inside[i + 1:]:
                if b.start - a.end > cues.cooccurrence_window:
                    break
                pair = known_pair(a, b) if "BORDER_GATE" in (a.label, b.label) else None
                if pair and not any(o.start <= a.start and b.end <= o.end for o in out) and not any(
                        o.start < b.end and a.start < o.end for o in out if o.label == "BORDER_GATE_PAIR"):
                    out.append(_pair_mention(a, b.end, text, pair, gaz, "sentence", 0.7))
    return out
