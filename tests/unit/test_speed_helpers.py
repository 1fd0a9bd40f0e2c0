"""Helpers that exist only for speed must give exactly what the plain code gives."""

from __future__ import annotations

import random
import re

import pytest

from corridor_ie.lang.names import SpanIndex
from corridor_ie.patterns import alternation, cue_re, grouped

WORDS = ["tại", "Tại điểm", "tai", "TP.", "thống nhất", "đã thống nhất", "nhất trí", "ký", "kỳ", "K",
         "ſố", "số", "is", "Is", "ık", "(x)", "a b", "a", "ab"]


def _plain(alts: list[tuple[str, str, str]]) -> str:
    return "|".join(h + r for _, h, r in alts)


def _texts(seed: int, n: int = 200) -> list[str]:
    rng = random.Random(seed)
    pieces = [*WORDS, " ", "  ", ",", ".", "\n", "x", "1", "Đ", "đã"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("seed", range(5))
def test_grouped_alternation_matches_like_the_plain_one(flags, seed):
    rng = random.Random(seed)
    words = rng.sample(WORDS, k=rng.randint(1, len(WORDS)))
    alts = [(w, rng.choice(["", r"(?<!\w)"]), r"\s+".join(re.escape(p) for p in w.split()) + rng.choice(["", r"(?!\w)"]))
            for w in words]
    tail = r"(?P<after>\s*\d)?"  # something after the alternation, so backtracking into it happens
    fast = re.compile("(?:" + grouped(alts) + ")" + tail, flags)
    slow = re.compile("(?:" + _plain(alts) + ")" + tail, flags)
    for text in _texts(seed):
        assert _found(fast, text) == _found(slow, text), (words, text)


def test_alternation_keeps_its_documented_form():
    assert alternation(["a b", "a"]) == r"(?:a\s+b|a)"
    assert re.fullmatch(alternation(["hội nghị", "hội", "lần"]), "hội  nghị")


def test_cue_re_still_matches_whole_words_longest_first():
    assert cue_re(["tại", "tại điểm"]).findall("Tại Hà Nội, thảo luận tại điểm cầu") == ["Tại", "tại điểm"]
    assert cue_re(["nhất"]).findall("thống nhất, nhấtx") == ["nhất"]


@pytest.mark.parametrize("seed", range(5))
def test_span_index_answers_like_a_scan(seed):
    rng = random.Random(seed)
    spans = [(s, s + rng.randint(0, 6)) for s in (rng.randint(0, 60) for _ in range(rng.randint(0, 12)))]
    index = SpanIndex(spans)
    for start in range(70):
        for end in range(start, start + 8):
            assert index.overlaps(start, end) == any(s < end and start < e for s, e in spans)


@pytest.mark.parametrize("seed", range(3))
def test_date_rules_tried_only_at_entry_points_match_a_full_scan(seed, monkeypatch):
    from dataclasses import replace

    from tests.conftest import language

    from corridor_ie.tag import dates

    rng = random.Random(seed)
    tokens = ["Sáng", "ngày", "từ", "kể từ", "tháng", "năm", "giai đoạn", "hôm nay", "đến", "và", "x", "Ngày", "NĂM",
              "12", "3", "2023", "2024", "30", "1.5"]
    seps = [" ", " ", " ", "  ", "/", ".", "-", " - ", ", ", "\n", "("]
    texts = ["".join(rng.choice(tokens) + rng.choice(seps) for _ in range(rng.randint(1, 25))) for _ in range(300)]
    vi = language("vi")
    fast = [dates._match(text, vi) for text in texts]
    rules = tuple(replace(r, entry=None) for r in vi.date_rules())
    monkeypatch.setattr(vi, "date_rules", lambda: rules)
    assert [dates._match(text, vi) for text in texts] == fast
