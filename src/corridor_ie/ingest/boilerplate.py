"""Text-level boilerplate cleaner for plain-text scrapes and trafilatura's output.

The input is one paragraph per line. The cleaner drops a line only when the WHOLE line matches a cue
from ``data/boilerplate.toml`` (plus any user cue files): share bars, image file names, credits, photo
captions (moved to ``captions``), a duplicated headline, related-link boxes, and — after a stop marker
such as "Tin cùng chuyên mục" or "相关新闻" — the whole teaser/comment tail. Kept lines are never edited,
so later character offsets point into text the page really contained.

Every removal is recorded as a :class:`~corridor_ie.types.Removal`. When truncating at a stop marker
leaves less than ``fallback_min_ratio`` of the input, the truncation is undone (``fell_back=True``);
if even the line rules leave too little, the text is returned whole.

Example:
    >>> cues = load_cues()
    >>> r = clean_text("Tiêu đề\\nĐoạn thân bài.\\nfb yt zl tw", cues)
    >>> r.text
    'Tiêu đề\\nĐoạn thân bài.'
    >>> [x.kind for x in r.removed]
    ['share_residue']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import Field

from ..errors import ConfigError
from ..tables import Table, load_table
from ..types import Removal

SHIPPED_CUES = "boilerplate.toml"

# The cue sections a file may have, and the numeric limits with their types.
RULE_SECTIONS = (
    "stop",
    "box",
    "share_residue",
    "image_filename",
    "image_placeholder",
    "caption",
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
)
# Whole-line rules that simply drop the line; tried in this order (kind = section name).
SIMPLE_RULES = ("share_residue", "credit", "related_link")

_EDGE_JUNK = " \t»«›‹>•*·-–—[]【】()（）"
_TRAILING_PUNCT = ":：.。!！?？…"
_SENTENCE_END = ".。!！?？…:：;；\"”’»)）"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Rule:
    """One cue section: whole-line phrases and full-line regexes."""

    kind: str
    phrases: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()

    def match(self, line: str) -> str | None:
        """The matched payload (the ``caption`` group, else the line) or None. ``line`` is NFC."""
        if self.phrases and phrase_key(line) in self.phrases:
            return line
        for pattern in self.patterns:
            m = pattern.fullmatch(line)
            if m:
                return m.group("caption") if "caption" in pattern.groupindex else line
        return None


@dataclass(frozen=True)
class Cues:
    """Compiled cue tables: one :class:`Rule` per section, the numeric limits, and where they came from."""

    rules: tuple[tuple[str, Rule], ...]
    limits: tuple[tuple[str, int], ...]
    sources: tuple[str, ...] = ()

    def rule(self, kind: str) -> Rule:
        for name, rule in self.rules:
            if name == kind:
                return rule
        raise KeyError(kind)

    def limit(self, key: str) -> int:
        return dict(self.limits)[key]


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text, the captions moved out of it, what was removed and whether cleaning fell back."""

    text: str
    captions: tuple[str, ...]
    removed: tuple[Removal, ...]
    fell_back: bool


@lru_cache(maxsize=4096)  # each line is keyed once per rule that has phrases
def phrase_key(line: str) -> str:
    """The comparison key of a line for phrase cues: NFC, case-folded, spaces collapsed, edges trimmed."""
    key = _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip(_EDGE_JUNK)
    return key.rstrip(_TRAILING_PUNCT).strip(_EDGE_JUNK).casefold()


# --------------------------------------------------------------------------- loading


class RuleTable(Table):
    phrases: list[str] = Field(default_factory=list)  # whole-line phrases (compared by ``phrase_key``)
    patterns: list[str] = Field(default_factory=list)  # regexes that must match the whole line


class BoilerplateLimits(Table):
    stop_max_chars: int | None = Field(default=None, ge=0)
    stop_min_lines_before: int | None = Field(default=None, ge=0)
    stop_min_chars_before: int | None = Field(default=None, ge=0)
    caption_max_chars: int | None = Field(default=None, ge=0)
    box_max_lines: int | None = Field(default=None, ge=0)
    box_max_chars: int | None = Field(default=None, ge=0)
    final_lines: int | None = Field(default=None, ge=0)
    title_window: int | None = Field(default=None, ge=0)


class BoilerplateTable(Table):
    """``data/boilerplate.toml`` and user cue files (documented at the top of the shipped file)."""

    limits: BoilerplateLimits = BoilerplateLimits()
    stop: RuleTable = RuleTable()
    box: RuleTable = RuleTable()
    share_residue: RuleTable = RuleTable()
    image_filename: RuleTable = RuleTable()
    image_placeholder: RuleTable = RuleTable()
    caption: RuleTable = RuleTable()
    credit: RuleTable = RuleTable()
    final_credit: RuleTable = RuleTable()
    related_link: RuleTable = RuleTable()


def _compile(pattern: str, section: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(unicodedata.normalize("NFC", pattern))
    except re.error as exc:
        raise ConfigError(f"bad regex in [{section}] patterns: {pattern!r}: {exc}", location=where) from exc


def load_cues(extra: Sequence[Path] = ()) -> Cues:
    """Load the shipped cue file, then each file in ``extra`` (lists are added, limits replaced).

    Raises :class:`~corridor_ie.errors.ConfigError` for an unreadable file, unknown keys or a bad regex.

    Example:
        >>> load_cues().limit("stop_max_chars")
        60
    """
    shipped = resources.files("corridor_ie.data").joinpath(SHIPPED_CUES)
    tables = [(str(shipped), load_table(shipped, BoilerplateTable))]
    tables += [(str(p), load_table(Path(p), BoilerplateTable)) for p in extra]
    phrases: dict[str, set[str]] = {s: set() for s in RULE_SECTIONS}
    patterns: dict[str, list[re.Pattern[str]]] = {s: [] for s in RULE_SECTIONS}
    limits: dict[str, int] = {}
    for where, table in tables:
        limits.update({k: v for k, v in table.limits.model_dump().items() if v is not None})
        for section in RULE_SECTIONS:
            body: RuleTable = getattr(table, section)
            phrases[section].update(phrase_key(p) for p in body.phrases)
            patterns[section].extend(_compile(p, section, where) for p in body.patterns)
    missing = [k for k in LIMIT_KEYS if k not in limits]
    if missing:
        raise ConfigError(f"[limits] is missing {', '.join(missing)}", location=tables[0][0])
    rules = tuple(
        (s, Rule(s, frozenset(phrases[s] - {""}), tuple(patterns[s]))) for s in RULE_SECTIONS
    )
    return Cues(rules, tuple((k, limits[k]) for k in LIMIT_KEYS), tuple(w for w, _ in tables))


# --------------------------------------------------------------------------- cleaning


@dataclass(frozen=True)
class _Line:
    index: int  # 0-based line number in the input
    raw: str  # stripped, characters untouched
    nfc: str  # NFC form, used for matching only


def _split(text: str) -> list[_Line]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped:
            out.append(_Line(i, stripped, unicodedata.normalize("NFC", stripped)))
    return out


def _find_stop(lines: list[_Line], cues: Cues) -> int | None:
    """Position in ``lines`` of the first stop marker that passes the position guards, or None."""
    stop = cues.rule("stop")
    max_chars = cues.limit("stop_max_chars")
    chars_before = 0
    for pos, line in enumerate(lines):
        if (
            len(line.nfc) <= max_chars
            and pos >= cues.limit("stop_min_lines_before")
            and chars_before >= cues.limit("stop_min_chars_before")
            and stop.match(line.nfc) is not None
        ):
            return pos
        chars_before += len(line.nfc)
    return None


def _is_headline(line: _Line, cues: Cues) -> bool:
    """A related-box entry: short and not ending like a sentence."""
    return len(line.nfc) <= cues.limit("box_max_chars") and not line.nfc.endswith(tuple(_SENTENCE_END))


def _clean_lines(lines: list[_Line], cues: Cues, *, truncate: bool) -> tuple[list[_Line], list[str], list[Removal]]:
    """Apply the line rules (and the stop truncation when ``truncate``); return kept, captions, removed."""
    removed: list[Removal] = []
    captions: list[str] = []
    kept: list[_Line] = []

    stop_at = _find_stop(lines, cues) if truncate else None
    body = lines if stop_at is None else lines[:stop_at]

    after_image = False  # the previous line was an image file name or placeholder
    box_left = 0  # headline lines a related-links box may still swallow
    box = cues.rule("box")
    for line in body:
        text = line.nfc
        was_after_image, after_image = after_image, False
        if box_left and _is_headline(line, cues):
            box_left -= 1
            removed.append(Removal("related_link", line.raw, "headline in a related-links box"))
            continue
        box_left = 0
        if box.match(text) is not None:
            box_left = cues.limit("box_max_lines")
            removed.append(Removal("related_link", line.raw, "related-links box marker"))
            continue
        image_kind = next(
            (k for k in ("image_filename", "image_placeholder") if cues.rule(k).match(text) is not None), None
        )
        if image_kind:
            after_image = True
            removed.append(Removal(image_kind, line.raw, "line is only an image file name or placeholder"))
            continue
        caption = cues.rule("caption").match(text)
        if caption is not None:
            captions.append(caption.strip())
            removed.append(Removal("caption", line.raw, "line matches a photo-caption cue"))
            continue
        simple = next((k for k in SIMPLE_RULES if cues.rule(k).match(text) is not None), None)
        if simple:
            removed.append(Removal(simple, line.raw, f"whole line matches a [{simple}] cue"))
            continue
        if was_after_image and len(text) <= cues.limit("caption_max_chars"):
            captions.append(text)
            removed.append(Removal("caption", line.raw, "short line right after an image"))
            continue
        if len(kept) < cues.limit("title_window") and any(k.raw == line.raw for k in kept):
            removed.append(Removal("duplicate_title", line.raw, "repeats an earlier line verbatim"))
            continue
        kept.append(line)

    # Short final credits ("Theo TTXVN", a name byline) are only credits at the very end.
    final = cues.rule("final_credit")
    tail: list[Removal] = []
    for _ in range(cues.limit("final_lines")):
        if len(kept) <= cues.limit("stop_min_lines_before") or final.match(kept[-1].nfc) is None:
            break
        tail.insert(0, Removal("credit", kept.pop().raw, "short source or byline line at the end"))
    removed.extend(tail)

    if stop_at is not None:
        marker = lines[stop_at]
        removed.append(Removal("teaser_block", marker.raw, "stop marker: the rest is teasers or comments"))
        reason = f"after stop marker {marker.raw!r} (line {marker.index + 1})"
        removed.extend(Removal("teaser_block", line.raw, reason) for line in lines[stop_at + 1 :])
    return kept, captions, removed


def clean_text(text: str, cues: Cues, *, fallback_min_ratio: float = 0.2) -> CleanResult:
    """Remove boilerplate lines from ``text`` (one paragraph per line) and explain each removal.

    Output paragraphs are joined by a single ``"\\n"``; each is stripped at its ends but otherwise
    unchanged. If the stop truncation keeps less than ``fallback_min_ratio`` of the input characters,
    the text is cleaned again without it; if that still keeps too little, ``text`` is returned whole
    (blank lines collapsed). Both cases set ``fell_back``.

    Example:
        >>> r = clean_text("Tiêu đề\\nQuang cảnh hội nghị |\\nThân bài.", load_cues())
        >>> r.text, r.captions
        ('Tiêu đề\\nThân bài.', ('Quang cảnh hội nghị',))
    """
    if not 0.0 <= fallback_min_ratio <= 1.0:
        raise ValueError(f"fallback_min_ratio must be between 0 and 1, got {fallback_min_ratio}")
    lines = _split(text)
    total = len("\n".join(line.raw for line in lines))
    floor = fallback_min_ratio * total

    fell_back = False
    kept, captions, removed = _clean_lines(lines, cues, truncate=True)
    if len("\n".join(k.raw for k in kept)) < floor:
        fell_back = True
        kept, captions, removed = _clean_lines(lines, cues, truncate=False)
        if len("\n".join(k.raw for k in kept)) < floor:
            kept, captions, removed = lines, [], []
    return CleanResult(
        text="\n".join(k.raw for k in kept),
        captions=tuple(captions),
        removed=tuple(removed),
        fell_back=fell_back,
    )
