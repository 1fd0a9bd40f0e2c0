"""What a language is to the pipeline: one object per language that every stage asks instead of
branching on a language code (spaCy's ``Language`` subclasses in ``spacy/lang/xx`` are the model).

A language lives in one place: ``corridor_ie/lang/<code>/`` holds its module (a ``Language`` subclass
with its rules) and its data tables (``events.toml``, ``commitments.toml``, ``sectors.toml`` and the
tables its own module declares). ``Languages`` builds the object of every registered language once,
from the pipeline's ``[segment]`` options, and is passed to the stages.

Adding a language is a new ``lang/<code>/`` folder and one ``register_language`` call; no stage changes
(``tests/unit/test_languages.py`` adds a toy language this way).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from ..errors import ConfigError
from ..normalise import fold, key_spans, key_words
from ..patterns import cue_re
from ..tables import Table, line_of, load_table
from .cues import CommitmentCues, EventCues, SectorCues
from .tables import CommitmentsTable, EventsTable, Quantities, Relative, Scores, SectorsTable
from .titles import TitleCues

T = TypeVar("T", bound=Table)
Span = tuple[int, int]


@dataclass(frozen=True)
class PersonCandidate:
    """A person-name candidate a language's recogniser proposes (merged by ``tag.persons``)."""

    start: int
    end: int
    cue: str  # title | honorific | list | apposition | name_shape | zh_title | en_title
    score: float


@dataclass(frozen=True)
class DateRule:
    """One date pattern of a language and how to read it. ``options``: needs_cue, period, bare_guard.

    ``entry`` (only for speed): a lookahead that matches wherever ``regex`` can start a match; the text
    is scanned for it once for all the rules that share it, and ``regex`` is tried only there.
    """

    regex: re.Pattern[str]
    options: frozenset[str] = frozenset()
    entry: re.Pattern[str] | None = None


@dataclass(frozen=True)
class DateWords:
    """Lookups for reading a matched date: part-of-day words, relative expressions and month names
    (keys folded with ``normalise.fold``)."""

    part_of_day: dict[str, str]
    relative: dict[str, dict[str, Any]]
    months: dict[str, int]


@dataclass(frozen=True)
class QuantityWords:
    """Lookups for reading a matched count (keys folded): unit -> normalised unit, qualifier, scale."""

    units: dict[str, str]
    qualifiers: dict[str, str]
    scale: dict[str, int]

    @classmethod
    def of(cls, q: Quantities) -> QuantityWords:
        return cls({fold(k): v for k, v in q.units.items()}, {fold(k): v for k, v in q.qualifiers.items()},
                   {fold(k): int(v) for k, v in q.scale.items()})


def relative_words(relatives: Iterable[Relative]) -> dict[str, dict[str, Any]]:
    """Relative date expressions keyed by their folded words (``DateWords.relative``)."""
    return {fold(r.words): r.model_dump(exclude_none=True) for r in relatives}


class Language:
    """Base class: the hooks every stage may ask, with the behaviour of a language that has no rules.

    Class attributes describe the language; instances hold its compiled tables and are immutable after
    construction (safe to share between threads). Subclasses override the hooks they have rules for, or
    set the compiled tables the default hooks return (``_date_rules``, ``_date_words``,
    ``_edition_patterns``, ``_quantity``, ``_quantity_words``) in their ``__init__``.
    """

    _date_rules: tuple[DateRule, ...] = ()
    _date_words: DateWords = DateWords({}, {}, {})
    _edition_patterns: tuple[re.Pattern[str], ...] = ()
    _quantity: re.Pattern[str] | None = None
    _quantity_words: QuantityWords = QuantityWords({}, {}, {})

    code: ClassVar[str] = "und"
    name: ClassVar[str] = "any other language"
    #: words are separated by spaces (cue words then match whole words only)
    spaced: ClassVar[bool] = True
    #: names may be written without diacritics (the diacritic-free gazetteer keys apply)
    ascii_names: ClassVar[bool] = False
    #: the country whose officials are usually named in this language (a guess for new entries)
    country: ClassVar[str | None] = None
    #: accepted values of ``[segment] <code>`` in a pipeline file; the first is the default
    segmenters: ClassVar[tuple[str, ...]] = ("regex",)
    #: load the segmenter before worker processes fork (else on the first document in the language)
    warm_up: ClassVar[bool] = True
    #: languages whose tables this one borrows (built first and passed in)
    borrows: ClassVar[tuple[str, ...]] = ()
    #: the folder of the language's data tables (None: none)
    data: ClassVar[Traversable | Path | None] = None
    #: offices around names are read by ``title_before``/``title_after`` alone, not from the gazetteer's
    #: TITLE/ORG/PLACE mentions (a language written without spaces)
    own_titles: ClassVar[bool] = False

    def __init__(self, segmenter: str | None = None, person_scores: dict[str, float] | None = None,
                 borrowed: dict[str, Language] | None = None, sector_names: Iterable[str] | None = None):
        self.segmenter = segmenter or self.segmenters[0]
        self.person_scores = dict(person_scores or Scores().model_dump())
        self.borrowed = dict(borrowed or {})
        self.sector_names = frozenset(sector_names) if sector_names is not None else None
        self.events = EventCues.from_table(self.table("events.toml", EventsTable), self.spaced, self.cue_pattern)
        self.commitments = CommitmentCues.from_table(self.table("commitments.toml", CommitmentsTable), self.spaced)
        self.sectors = SectorCues.from_table(self.sector_table())
        self.title_cues = TitleCues.empty()  # where an office next to a name begins and ends (lang/titles.py)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} ({self.segmenter})>"

    # ----------------------------------------------------------------------- data
    def table(self, filename: str, model: type[T]) -> T:
        """The language's table ``filename`` validated by ``model``; an absent file is an empty table."""
        if self.data is None:
            return model()
        path = self.data / filename
        return load_table(path, model) if path.is_file() else model()

    def sector_table(self) -> SectorsTable:
        """The sector cue words; each sector must be one of the vocabulary's (``data/sectors.toml``)."""
        t = self.table("sectors.toml", SectorsTable)
        unknown = sorted(set(t.sectors) - self.sector_names) if self.sector_names is not None else []
        if unknown and self.data is not None:
            path = self.data / "sectors.toml"
            line = line_of(path.read_text(encoding="utf-8"), unknown[0])
            raise ConfigError(f"sectors.{unknown[0]}: not a sector of the vocabulary", location=f"{path}:{line}",
                              hint="use a name from data/sectors.toml")
        return t

    # ----------------------------------------------------------------------- segmentation
    def tokenize(self, text: str) -> list[Span]:
        """Token spans (the spaCy Doc's tokens): syllables, Han characters and punctuation by default."""
        return key_spans(text)

    def words(self, text: str) -> list[str]:
        """The token strings, in the order of ``tokenize``."""
        return key_words(text)

    def split_line(self, line: str) -> list[str]:
        """The sentences of one line, as strings (aligned back to offsets by ``segment``)."""
        return [line]

    def matching_text(self, text: str) -> str:
        """``text`` as the cue tables are written, character for character (same length, so every offset
        holds): the identity here; Chinese writes traditional characters as simplified ones."""
        return text

    # ----------------------------------------------------------------------- gazetteer matching
    def learn_names(self, names: Iterable[str]) -> None:
        """Teach the segmenter the gazetteer's names in this language (before any document)."""

    def gazetteer_names(self, names: Iterable[tuple[str, str]]) -> list[str]:
        """Of ``(language key, name)`` pairs from the gazetteer, the names written in this language."""
        return [n for lang, n in names if lang.split("_")[0] == self.code]

    def filter_matches(self, text: str, spans: Sequence[Span]) -> list[bool]:
        """Which gazetteer matches stand on this language's word boundaries (all, by default)."""
        return [True] * len(spans)

    def cue_pattern(self, words: Sequence[str]) -> re.Pattern[str]:
        """One case-insensitive pattern of cue ``words`` as this language writes them (whole words in a
        language written with spaces; a language may add variant spellings of each word)."""
        return cue_re(list(words), self.spaced)

    # ----------------------------------------------------------------------- numbers, dates, editions
    def parse_number(self, token: str) -> int | None:
        """The integer a number token stands for: digits and Roman numerals here; subclasses add words."""
        token = token.strip()
        if not token:
            return None
        if token.isdecimal():
            return int(token)
        if set(token) <= set(_ROMAN_VALUES):
            return _roman(token)
        return self.read_number(token)

    def read_number(self, token: str) -> int | None:
        """A number written in this language's words or characters, or None."""
        return None

    def date_rules(self) -> Sequence[DateRule]:
        return self._date_rules

    def date_words(self) -> DateWords:
        return self._date_words

    def reject_date(self, text: str, match: re.Match[str], rule: DateRule) -> bool:
        """Whether a date match is something else (a fraction, a clause number)."""
        return False

    def reject_relative(self, text: str, match: re.Match[str]) -> bool:
        """Whether a relative date ("năm tới") is a duration here ("5 năm tới")."""
        return False

    def month_names(self) -> dict[str, int]:
        """Month names (lower case) -> month number, for datelines."""
        return {}

    def edition_patterns(self) -> Sequence[re.Pattern[str]]:
        """Patterns of edition numbers ("lần thứ 10"); group ``num`` holds the number, ``span`` (if
        present) the part that is the mention."""
        return self._edition_patterns

    def edition_ok(self, text: str, match: re.Match[str]) -> bool:
        """Whether an edition pattern's match is an edition in its context."""
        return True

    def quantity_pattern(self) -> re.Pattern[str] | None:
        return self._quantity

    def quantity_words(self) -> QuantityWords:
        return self._quantity_words

    # ----------------------------------------------------------------------- persons
    def person_candidates(self, text: str, titles: Sequence[Span], forbidden: Sequence[Span],
                          places: Sequence[Span] = ()) -> list[PersonCandidate]:
        """Person names not (yet) in a gazetteer, from cues around them. ``forbidden``: spans no name
        may overlap; ``places`` (some of them) may sit inside a name after its first word or character
        (a given name that reads like a place)."""
        return []

    def title_before(self, text: str, lo: int, name_start: int, keep: Sequence[Span]) -> int | None:
        """Where the office written right before a name (in ``text[lo:name_start]``) starts, for a
        language whose offices are read without the gazetteer's words (Chinese: 越南驻华大使 + name);
        ``keep``: spans of organisations and titles no stop word may cut. None: no office (a language
        with ``own_titles``) or let the builder read it from TITLE/ORG/PLACE mentions."""
        return None

    def title_after(self, text: str, name_end: int, hi: int) -> int | None:
        """The end of an office written right after a name with nothing between (name + 总理), or None."""
        return None

    def names_a_thing(self, text: str, start: int, end: int) -> bool:
        """Whether the person's name at ``text[start:end]`` names a thing there: a city, a street, a
        bridge, a school, a ship, a museum or a doctrine named after the person."""
        return False


# --------------------------------------------------------------------------- Roman numerals

#: a canonical Roman numeral written with I, V, X, L, C only (1-399); D and M are excluded so that
#: words in capitals such as "MIX" or "DIV" are never numbers
_ROMAN = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(token: str) -> int | None:
    if not token or _ROMAN.fullmatch(token) is None:
        return None
    total = 0
    for i, ch in enumerate(token):
        v = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[token[i + 1]] if i + 1 < len(token) else 0
        total += -v if v < nxt else v
    return total
