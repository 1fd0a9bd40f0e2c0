"""English: spaCy's English tokenizer and sentencizer, English number, date and edition words, and the
person recogniser for names in English news (often without diacritics, in either order).

Its tables are the ``*.toml`` files beside this module; ``dates.toml`` and ``persons.toml`` follow the
schemas below, the others those of ``corridor_ie.lang.tables``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from importlib.resources import files

from pydantic import Field

from ...normalise import fold
from ...patterns import alternation
from ...tables import Table
from .. import dateparts as dp
from ..base import DateRule, DateWords, Language, PersonCandidate, QuantityWords, Span, relative_words
from ..registry import register_language
from ..tables import Quantities, Relative, Words, words
from ..titles import TitleCues, TitleTable
from .persons import PersonCues, find_candidates


class Numbers(Table):
    cardinals: dict[str, int] = Field(default_factory=dict)
    ordinals: dict[str, int] = Field(default_factory=dict)
    hundred: Words = words()  # "hundred", "hundredth"
    joiners: Words = words()  # "and"
    suffixes: dict[str, str] = Field(default_factory=dict)  # arabic ordinal suffix by last digit ("1" = "st")


class Dates(Table):
    months: dict[str, int] = Field(default_factory=dict)  # full and abbreviated names, lower case
    day_suffixes: Words = words()  # "13th"
    of_word: Words = words()  # "13th of November"
    from_word: Words = words()  # opens a range
    since_word: Words = words()  # opens an open period ("since 2004")
    range_word: Words = words()
    and_word: Words = words()  # "November 13 and 14"
    year_cue: Words = words()  # "in 2025": a bare year needs one
    month_cue: Words = words()  # "in November": a bare month needs one
    relative: list[Relative] = Field(default_factory=list)


class Editions(Table):
    event_nouns: Words = words()  # an ordinal counts when one of these follows it …
    the_word: Words = words()  # … or when "the" precedes it …
    blockers_after: Words = words()  # … and none of these follows it
    blockers_before: Words = words()  # "on the 10th" is a day of the month
    held_words: Words = words()  # "the 13th time the fair has been held"
    first_words: Words = words()  # "the first of its kind", "the first ever" (of the meeting the clause names)


class EnQuantities(Quantities):
    modifiers: Words = words()  # words allowed between the number and the unit ("100 Vietnamese businesses")


class DatesTable(Table):
    """``lang/en/dates.toml``."""

    numbers: Numbers = Numbers()
    dates: Dates = Dates()
    editions: Editions = Editions()
    quantities: EnQuantities = EnQuantities()


class PersonsTable(Table):
    """``lang/en/persons.toml``: cue tables of the English person recogniser."""

    honorifics: Words = words()  # Mr, Ms, … (a trailing "." is allowed)
    non_name_words: Words = words()  # capitalised words never in a name: months, weekdays, organisation words
    extra_surnames: Words = words()  # pinyin surnames
    surnames_from: Words = words()  # languages whose surnames are added, diacritics removed ("vi")
    place_words: Words = words()  # lowercase words before a run that make it a place ("of", "in")
    middle_names: Words = words()  # middle names of Vietnamese names ("Thi", "Van", "A"): a name may have four words
    english_middles: Words = words()  # of them, those that are also English words and may sit inside a name ("A")
    max_window: int = 10  # how many words after a title the name may start
    thing_before: Words = words()  # words right before a name that make it a thing's name ("thành phố", "đường")
    thing_after: Words = words()  # words right after a name that make it a thing's name ("City", 路)
    thing_blockers: Words = words()  # words before a thing word that make it an organisation's ("UBND")
    titles: TitleTable = TitleTable()  # where an office next to a name begins and ends


_ARABIC_COUNT = r"(?<![\d.,])(?:\d{1,3}(?:[.,]\d{3})+|\d+)(?!\d|[.,]\d)"
_ARABIC_ORDINAL = re.compile(r"(\d+)([a-zA-Z]{2})")


@register_language
class English(Language):
    code = "en"
    name = "English"
    ascii_names = True
    segmenters = ("spacy",)
    borrows = ("vi",)
    data = files(__package__)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        t = self.table("dates.toml", DatesTable)
        self._numbers, self._dates, self._editions, self._quantities = t.numbers, t.dates, t.editions, t.quantities
        c = self._dates
        self._date_rules = tuple(self._build_date_rules())
        self._date_words = DateWords({}, relative_words(c.relative),
                                     {fold(k): v for k, v in c.months.items()})
        self._edition_patterns, self._edition_context = self._build_editions()
        self._quantity = self._build_quantity_pattern()
        self._quantity_words = QuantityWords.of(self._quantities)
        persons = self.table("persons.toml", PersonsTable)
        borrowed = [s for code in persons.surnames_from if (lang := self.borrowed.get(code)) is not None
                    for s in getattr(getattr(lang, "person_cues", None), "surname_list", ())]
        self.person_cues = PersonCues.from_table(persons, borrowed, self.person_scores)
        self.title_cues = TitleCues.from_table(persons.titles, self.spaced)
        self._nlp = None
        self._nlp_lock = threading.Lock()

    # ----------------------------------------------------------------------- segmentation
    def _spacy(self):
        if self._nlp is None:
            with self._nlp_lock:
                if self._nlp is None:
                    import spacy

                    nlp = spacy.blank("en")
                    nlp.add_pipe("sentencizer")
                    self._nlp = nlp
        return self._nlp

    def tokenize(self, text: str) -> list[Span]:
        return [(t.idx, t.idx + len(t.text)) for t in self._spacy().tokenizer(text) if not t.is_space]

    def words(self, text: str) -> list[str]:
        return [text[s:e] for s, e in self.tokenize(text)]

    def split_line(self, line: str) -> list[str]:
        return [s.text for s in self._spacy()(line).sents]

    # ----------------------------------------------------------------------- numbers
    def read_number(self, token: str) -> int | None:
        """Arabic ordinals and English number words: "11th", "eleven", "Eleventh", "twenty-first".

        >>> from corridor_ie.lang import build_languages
        >>> en = build_languages().get("en")
        >>> en.parse_number("10th"), en.parse_number("Eleventh"), en.parse_number("twenty-first")
        (10, 11, 21)
        """
        m = _ARABIC_ORDINAL.fullmatch(token)
        if m is not None:
            if not m.group(1).isdecimal():
                return None
            n = int(m.group(1))
            suffixes = self._numbers.suffixes
            last = str(n % 10) if n % 100 not in (11, 12, 13) else "other"
            return n if m.group(2).lower() == suffixes.get(last, suffixes.get("other")) else None
        return self._words_number(fold(token).split())

    def _words_number(self, words_: list[str]) -> int | None:
        en = self._numbers
        parts = [p for w in words_ for p in w.split("-") if p]
        parts = [p for p in parts if p not in en.joiners]
        if not parts:
            return None
        total, cur, ended = 0, 0, False
        for p in parts:
            if ended:
                return None
            value = en.cardinals.get(p)
            if value is None and p in en.ordinals:
                value, ended = en.ordinals[p], True
            if p in en.hundred:
                if not 0 < cur < 10:
                    return None
                total, cur, ended = total + cur * 100, 0, p != en.hundred[0]
                continue
            if value is None:
                return None
            if cur and not (cur % 10 == 0 and cur >= 20 and value < 10):
                return None
            cur += value
        return total + cur

    # ----------------------------------------------------------------------- dates
    def _build_date_rules(self) -> list[DateRule]:
        c = self._dates
        names = sorted(c.months, key=len, reverse=True)
        months = "|".join(f"{w.capitalize()}|{w.upper()}" for w in names)

        def mon(i: int) -> str:
            return rf"(?P<mn{i}>(?:{months})(?!\w))\.?"

        suf = alternation(c.day_suffixes)

        def day(i: int) -> str:
            return rf"(?P<d{i}>\d{{1,2}})(?:{suf})?(?![\w])"

        def yr(i: int) -> str:
            return rf"(?P<y{i}>\d{{4}}){dp.NE}"

        ci = "(?i:{})".format
        of = ci(alternation(c.of_word))
        frm = rf"(?:(?P<frm>{ci(alternation(c.from_word))})\s+)?"
        rs = rf"(?:{dp.DASH}|\s+{ci(alternation(c.range_word + c.and_word))}\s+)"
        ys = rf"(?:{dp.DASH}|\s+{ci(alternation(c.range_word))}\s+)"
        rel = ci(alternation(r.words for r in c.relative))
        end, nb = dp.END, dp.NB
        return [
            DateRule(re.compile(rf"(?<!\w){mon(1)}\s+{day(1)}(?:,?\s+{yr(1)})?{end}")),
            DateRule(re.compile(rf"{nb}{day(1)}\s+(?:{of}\s+)?{mon(1)}(?:,?\s+{yr(1)})?{end}")),
            DateRule(re.compile(rf"(?<!\w){frm}{mon(1)}\s+{day(1)}{rs}(?:{mon(2)}\s+)?{day(2)}(?:,?\s+{yr(2)})?{end}")),
            DateRule(re.compile(rf"(?<!\w){frm}{nb}{day(1)}(?:\s+(?:{of}\s+)?{mon(1)})?{rs}{day(2)}\s+(?:{of}\s+)?{mon(2)}"
                                rf"(?:,?\s+{yr(2)})?{end}")),
            DateRule(re.compile(rf"(?<!\w){mon(1)},?\s+{yr(1)}{end}")),
            DateRule(re.compile(rf"(?<!\w){ci(alternation(c.month_cue))}\s+(?P<span>{mon(1)})(?!\s*\d)")),
            DateRule(re.compile(rf"(?<!\w){ci(alternation(c.year_cue))}\s+(?P<span>{yr(1)}){end}")),
            DateRule(re.compile(rf"(?<!\w)(?P<frm>{ci(alternation(c.since_word))})\s+{yr(1)}{end}"),
                     frozenset({"period"})),
            DateRule(re.compile(rf"(?<!\w){frm}{nb}{yr(1)}{ys}{yr(2)}{end}")),
            DateRule(re.compile(rf"(?<!\w){ci('between')}\s+{yr(1)}\s+{ci(alternation(c.and_word))}\s+{yr(2)}{end}")),
            DateRule(re.compile(rf"(?<!\w)(?P<rel>{rel})(?!\w)")),
            dp.iso_rule(),
            dp.day_month_year_rule(),
        ]

    def month_names(self) -> dict[str, int]:
        return dict(self._dates.months)

    # ----------------------------------------------------------------------- editions
    def _build_editions(self):
        en, nums, c = self._editions, self._numbers, self._dates
        card = alternation([w for w in nums.cardinals if nums.cardinals[w] >= 20])
        ordw = alternation(nums.ordinals)
        word_num = rf"\d{{1,3}}(?:st|nd|rd|th)|(?:{card}[-\s])?{ordw}"
        en_num = rf"(?P<num>{word_num}|(?-i:[IVXLC]{{1,6}}))(?!\w)"
        months = alternation(c.months)
        nouns = alternation(en.event_nouns)
        context = (
            re.compile(rf"\s+{nouns}(?!\w)", re.IGNORECASE),
            re.compile(rf"(?<!\w){alternation(en.the_word)}\s+$", re.IGNORECASE),
            re.compile(rf"\s+(?:{alternation(en.blockers_after)}(?!\w)|{alternation(c.of_word)}\s+{months})",
                       re.IGNORECASE),
            re.compile(rf"(?:(?<!\w){alternation(en.blockers_before)}|(?<!\w){months}\.?)\s+$", re.IGNORECASE),
            # "Tenth Economic Corridor Cooperation Conference", "the VIII conference on …": capitalised
            # words up to the event noun
            re.compile(rf"(?:\s+(?:[A-Z][\w'’.-]*|[-–—&]))*?\s+(?i:{nouns})(?!\w)"),
            # "minutes of 10th economic corridor conference": a few words of any case after digits
            re.compile(rf"(?:\s+[\w'’-]+){{0,4}}?\s+{nouns}(?!\w)", re.IGNORECASE),
        )
        held = alternation(en.held_words)
        patterns = (
            re.compile(rf"(?<!\w){en_num}", re.IGNORECASE),
            # "It is the 13th time the fair has been held …": the number of the meeting the clause is about
            re.compile(rf"(?<!\w)(?P<subject>(?P<num>{word_num})\s+(?:time|year))(?=\s+(?:that\s+)?the\s+(?:[\w'’-]+\s+){{0,6}}?"
                       rf"(?:has|have|had|is|was)\s+(?:been\s+)?{held}(?!\w))", re.IGNORECASE),
            # "The event, the first of its kind …", "the first ever held among the provinces"
            # "the third of its kind": any ordinal
            re.compile(rf"(?<!\w)(?P<subject>(?P<num>{alternation(en.first_words)}|{word_num})\s+(?:ever|of\s+(?:its\s+|the\s+|this\s+)?kind))"
                       rf"(?!\w)", re.IGNORECASE),
        )
        return patterns, context

    def edition_ok(self, text: str, match: re.Match[str]) -> bool:
        """An ordinal is an edition before an event noun ("the 10th meeting"), before capitalised words and
        an event noun ("Tenth Economic … Conference"), or after "the" when no blocker follows ("the 10th of
        November", "the third time" are not). A Roman numeral needs its event noun."""
        if "subject" in match.re.groupindex:
            return True
        noun_after, the_before, blocked_after, blocked_before, title_noun, digits_noun = self._edition_context
        before = text[max(0, match.start() - 40):match.start()]
        if blocked_before.search(before):
            return False
        if noun_after.match(text, match.end()):
            return True
        num = match.group("num")
        if num[:1].isupper() and title_noun.match(text, match.end()):
            return True
        if num[:1].isdigit() and not blocked_after.match(text, match.end()) and digits_noun.match(text, match.end()):
            return True
        if num.isalpha() and num.isupper():
            return False  # a Roman numeral with no event noun ("World War II")
        return bool(the_before.search(before)) and not blocked_after.match(text, match.end())

    # ----------------------------------------------------------------------- quantities
    def _build_quantity_pattern(self) -> re.Pattern[str]:
        q, n = self._quantities, self._numbers
        en_words = alternation(n.cardinals)
        return re.compile(
            rf"(?<!\w)(?:(?P<qual>{alternation(q.qualifiers)})\s+)?"
            rf"(?P<num>{_ARABIC_COUNT}|(?<!\w){en_words}(?:-{en_words})?(?!\w))(?:\s+(?P<scale>{alternation(q.scale)}))?"
            rf"(?:\s+{alternation(q.modifiers)}){{0,3}}\s+(?P<unit>{alternation(q.units)})(?!\w)", re.IGNORECASE)

    # ----------------------------------------------------------------------- persons
    def person_candidates(self, text: str, titles: Sequence[Span], forbidden: Sequence[Span],
                          places: Sequence[Span] = ()) -> list[PersonCandidate]:
        return find_candidates(text, self.person_cues, titles, forbidden)

    def names_a_thing(self, text: str, start: int, end: int) -> bool:
        return self.person_cues.things.applies(text, start, end)

