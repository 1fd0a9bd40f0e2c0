"""The cue tables of the text cleaner (``data/boilerplate.toml`` plus user cue files), compiled once.

A :class:`Cues` object holds one :class:`Rule` per cue section, the numeric limits, and the dateline
reader built from the ``[dateline]`` words and the languages' month names. The pipeline builds it once
per run (``make_clean``) and passes it to :func:`corridor_ie.ingest.boilerplate.clean_text`.

Example:
    >>> cues = load_cues()
    >>> cues.limit("stop_max_chars")
    60
    >>> cues.rule("navigation").match("Skip to main content") is not None
    True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import Field

from ..errors import ConfigError
from ..tables import Table, load_table
from .dateline import Datelines, DatelineWords

SHIPPED_CUES = "boilerplate.toml"

# The cue sections a file may have (each a list of phrases and patterns; see the shipped file).
RULE_SECTIONS = (
    "stop",
    "related",
    "box",
    "navigation",
    "head",
    "share_residue",
    "image_filename",
    "image_placeholder",
    "caption",
    "caption_in_body",
    "credit",
    "final_credit",
    "related_link",
)
LIMIT_KEYS = (
    "stop_max_chars",
    "stop_min_lines_before",
    "stop_min_chars_before",
    "caption_max_chars",
    "box_max_lines",
    "box_max_chars",
    "final_lines",
    "title_window",
    "head_lines",
    "headline_min_words",
    "headline_min_cjk",
    "headline_max_chars",
    "label_max_words",
    "label_max_cjk",
    "body_min_words",
    "body_min_cjk",
    "caption_line_max_chars",
    "caption_min_words",
    "caption_min_cjk",
    "resume_min_lines",
    "furniture_max_chars",
)
DATELINE_LISTS = tuple(DatelineWords.model_fields)

EDGE_JUNK = " \t»«›‹>•*·-–—[]【】()（）"
PHRASE_EDGE_CHARS = 12  # bullets, brackets, spaces and punctuation a phrase line may carry around it
_TRAILING_PUNCT = ":：.。!！?？…"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Rule:
    """One cue section: whole-line phrases and full-line regexes."""

    kind: str
    phrases: frozenset[str] = frozenset()
    patterns: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = ()  # (regex, its needs or None)
    gate: re.Pattern[str] | None = None  # every pattern has needs: a line with none of them skips them all
    phrase_max: int = 0  # a line longer than this (edges included) cannot be one of the phrases

    def match(self, line: str) -> str | None:
        """The matched payload (the ``caption`` group, else the line) or None. ``line`` is NFC."""
        if self.phrases and len(line) <= self.phrase_max and phrase_key(line) in self.phrases:
            return line
        if self.gate is not None and self.gate.search(line) is None:
            return None
        for pattern, needs in self.patterns:
            if needs is not None and needs.search(line) is None:
                continue
            m = pattern.fullmatch(line)
            if m:
                return m.group("caption") if "caption" in pattern.groupindex else line
        return None


@dataclass(frozen=True)
class Cues:
    """Compiled cue tables: one :class:`Rule` per section, the numeric limits, the dateline reader, and
    where they came from."""

    rules: tuple[tuple[str, Rule], ...]
    limits: tuple[tuple[str, int], ...]
    sources: tuple[str, ...] = ()
    datelines: Datelines = field(default_factory=lambda: Datelines({}), compare=False)

    def __post_init__(self) -> None:  # lookups by name, built once (the cleaner asks thousands of times a page)
        object.__setattr__(self, "_rule_of", dict(self.rules))
        object.__setattr__(self, "_limit_of", dict(self.limits))

    def rule(self, kind: str) -> Rule:
        return self._rule_of[kind]

    def limit(self, key: str) -> int:
        return self._limit_of[key]


@lru_cache(maxsize=4096)  # each line is keyed once per rule that has phrases
def phrase_key(line: str) -> str:
    """The comparison key of a line for phrase cues: NFC, case-folded, spaces collapsed, edges trimmed."""
    key = _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip(EDGE_JUNK)
    return key.rstrip(_TRAILING_PUNCT).strip(EDGE_JUNK).casefold()


class PatternEntry(Table):
    """A pattern with the literal strings it needs: it is tried only on lines holding one of them (a
    cheap test before a regex that would scan the whole line)."""

    pattern: str
    needs: list[str] = Field(min_length=1)


class RuleTable(Table):
    phrases: list[str] = Field(default_factory=list)  # whole-line phrases (compared by ``phrase_key``)
    patterns: list[str | PatternEntry] = Field(default_factory=list)  # regexes that must match the whole line


class BoilerplateLimits(Table):
    stop_max_chars: int | None = Field(default=None, ge=0)
    stop_min_lines_before: int | None = Field(default=None, ge=0)
    stop_min_chars_before: int | None = Field(default=None, ge=0)
    caption_max_chars: int | None = Field(default=None, ge=0)
    box_max_lines: int | None = Field(default=None, ge=0)
    box_max_chars: int | None = Field(default=None, ge=0)
    final_lines: int | None = Field(default=None, ge=0)
    title_window: int | None = Field(default=None, ge=0)
    head_lines: int | None = Field(default=None, ge=0)
    headline_min_words: int | None = Field(default=None, ge=1)
    headline_min_cjk: int | None = Field(default=None, ge=1)
    headline_max_chars: int | None = Field(default=None, ge=1)
    label_max_words: int | None = Field(default=None, ge=0)
    label_max_cjk: int | None = Field(default=None, ge=0)
    body_min_words: int | None = Field(default=None, ge=1)
    body_min_cjk: int | None = Field(default=None, ge=1)
    caption_line_max_chars: int | None = Field(default=None, ge=0)
    caption_min_words: int | None = Field(default=None, ge=1)
    caption_min_cjk: int | None = Field(default=None, ge=1)
    resume_min_lines: int | None = Field(default=None, ge=1)
    furniture_max_chars: int | None = Field(default=None, ge=0)


class BoilerplateTable(Table):
    """``data/boilerplate.toml`` and user cue files (documented at the top of the shipped file)."""

    limits: BoilerplateLimits = BoilerplateLimits()
    stop: RuleTable = RuleTable()
    related: RuleTable = RuleTable()
    box: RuleTable = RuleTable()
    navigation: RuleTable = RuleTable()
    head: RuleTable = RuleTable()
    share_residue: RuleTable = RuleTable()
    image_filename: RuleTable = RuleTable()
    image_placeholder: RuleTable = RuleTable()
    caption: RuleTable = RuleTable()
    caption_in_body: RuleTable = RuleTable()
    credit: RuleTable = RuleTable()
    final_credit: RuleTable = RuleTable()
    related_link: RuleTable = RuleTable()
    dateline: DatelineWords = DatelineWords()


def _literals(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(unicodedata.normalize("NFC", w)) for w in sorted(set(words), key=len, reverse=True)))


def _gate(patterns: Sequence[tuple[re.Pattern[str], re.Pattern[str] | None]]) -> re.Pattern[str] | None:
    if not patterns or any(needs is None for _, needs in patterns):
        return None
    return re.compile("|".join(needs.pattern for _, needs in patterns))


def _compile(pattern: str, section: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(unicodedata.normalize("NFC", pattern))
    except re.error as exc:
        raise ConfigError(f"bad regex in [{section}] patterns: {pattern!r}: {exc}", location=where) from exc


def load_cues(extra: Sequence[Path] = (), months: Mapping[str, int] | None = None) -> Cues:
    """Load the shipped cue file, then each file in ``extra`` (lists are added, limits replaced).
    ``months`` (month name -> number, from the languages) lets datelines read "March 3, 2024".

    Raises :class:`~corridor_ie.errors.ConfigError` for an unreadable file, unknown keys or a bad regex.

    Example:
        >>> load_cues().limit("stop_max_chars")
        60
    """
    shipped = resources.files("corridor_ie.data").joinpath(SHIPPED_CUES)
    tables = [(str(shipped), load_table(shipped, BoilerplateTable))]
    tables += [(str(p), load_table(Path(p), BoilerplateTable)) for p in extra]
    phrases: dict[str, set[str]] = {s: set() for s in RULE_SECTIONS}
    patterns: dict[str, list[tuple[re.Pattern[str], re.Pattern[str] | None]]] = {s: [] for s in RULE_SECTIONS}
    limits: dict[str, int] = {}
    words: dict[str, list[str]] = {k: [] for k in DATELINE_LISTS}
    for where, table in tables:
        limits.update({k: v for k, v in table.limits.model_dump().items() if v is not None})
        for section in RULE_SECTIONS:
            body: RuleTable = getattr(table, section)
            phrases[section].update(phrase_key(p) for p in body.phrases)
            for p in body.patterns:
                if isinstance(p, PatternEntry):
                    patterns[section].append((_compile(p.pattern, section, where), _literals(p.needs)))
                else:
                    patterns[section].append((_compile(p, section, where), None))
        for key in DATELINE_LISTS:
            words[key] += getattr(table.dateline, key)
        for p in table.dateline.prefix_patterns:
            _compile(p, "dateline", where)
    missing = [k for k in LIMIT_KEYS if k not in limits]
    if missing:
        raise ConfigError(f"[limits] is missing {', '.join(missing)}", location=tables[0][0])
    rules = tuple(
        (s, Rule(s, frozenset(phrases[s] - {""}), tuple(patterns[s]), _gate(patterns[s]),
                 2 * max(map(len, phrases[s]), default=0) + PHRASE_EDGE_CHARS))
        for s in RULE_SECTIONS
    )
    datelines = Datelines(dict(months or {}), DatelineWords(**words))
    return Cues(rules, tuple((k, limits[k]) for k in LIMIT_KEYS), tuple(w for w, _ in tables), datelines)
