"""Vietnamese: syllable tokens, underthesea's sentence splitter, Vietnamese number, date and edition
words, and the person recogniser for Vietnamese names (cues: titles, honorifics, lists, appositions).

Its tables are the ``*.toml`` files beside this module; ``dates.toml`` and ``persons.toml`` follow the
schemas below, the others those of ``corridor_ie.lang.tables``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib.resources import files

from pydantic import Field

from ...normalise import fold
from ...patterns import alternation
from ...tables import Table
from .. import dateparts as dp
from ..base import DateRule, DateWords, Language, PersonCandidate, QuantityWords, Span, relative_words
from ..registry import register_language
from ..tables import PartOfDay, Quantities, Relative, Words, words
from ..titles import TitleCues, TitleTable
from .persons import PersonCues, find_candidates


class Numbers(Table):
    units: dict[str, int] = Field(default_factory=dict)  # cardinal digits; "mốt", "lăm" after a tens word
    ten: Words = words()  # 10, or 1x when a unit follows ("mười một" = 11)
    tens: Words = words()  # multiplies the unit before it ("hai mươi" = 20)
    hundred: Words = words()
    zero_link: Words = words()  # "một trăm linh năm" = 105
    ordinal_only: dict[str, int] = Field(default_factory=dict)  # "nhất" = 1st, "nhì" = 2nd


class Dates(Table):
    part_of_day: dict[str, PartOfDay] = Field(default_factory=dict)  # "sáng" -> morning
    day_word: Words = words()  # "ngày 13/11"
    month_word: Words = words()
    year_word: Words = words()
    from_word: Words = words()  # opens a range or a period ("từ ngày 5 đến ngày 8/11")
    range_word: Words = words()  # between the two ends of a range (dashes are always accepted)
    day_range_word: Words = words()  # joins two days only ("ngày 13 và 14/11")
    period_word: Words = words()  # "giai đoạn 2021-2025"
    relative: list[Relative] = Field(default_factory=list)
    relative_blockers_before: Words = words()  # "5 năm tới" is a duration, not a date
    bare_blockers_before: Words = words()  # a bare "d/m" after one of these is no date ("khoản 2.3")
    bare_blockers_after: Words = words()  # ... nor before one of these ("2.5 triệu")
    never: Words = words()  # tokens that look like dates but never are ("24/7")


class Editions(Table):
    ordinal_nouns: Words = words()  # "lần thứ X", "kỳ thứ 5"
    ordinal_word: Words = words()  # "thứ"
    bare_nouns: Words = words()  # "lần 14": digits or Roman numerals only
    event_nouns: Words = words()  # "thứ mười" with no noun above counts only right after one of these
    count_before: Words = words()  # "đã tổ chức thành công 7 kỳ": the meeting of the clause is the 8th …
    count_units: Words = words()  # … counted in these
    count_after: Words = words()  # "sau hai lần tổ chức …": so many held before (the count word opens the clause) …
    count_after_held: Words = words()  # … when one of these verbs of holding follows the unit
    first_before: Words = words()  # "Đây là lần đầu tiên … tổ chức hội nghị": the meeting the clause is about …
    first_words: Words = words()  # … is the first (these words) …
    first_held: Words = words()  # … when a verb of holding follows in the clause …
    first_manner: Words = words()  # … and does not qualify how or where ("lần đầu tiên được tổ chức trực tiếp")


class DatesTable(Table):
    """``lang/vi/dates.toml``."""

    numbers: Numbers = Numbers()
    dates: Dates = Dates()
    editions: Editions = Editions()
    quantities: Quantities = Quantities()


class PersonsTable(Table):
    """``lang/vi/persons.toml``: cue tables of the Vietnamese person recogniser."""

    surnames: Words = words()  # incl. ethnic-minority surnames and Sino-Vietnamese readings of Chinese ones
    chinese_surnames: Words = words()  # more Sino-Vietnamese readings of Chinese surnames, trusted next to a cue only
    may_end_name: Words = words()  # non-name words that may end a name ("Nguyễn Quốc Đoàn")
    honorifics: Words = words()  # "ông", "đồng chí"
    list_openers: Words = words()  # open a ";"-separated list of "Name, title" items, ending in ":"
    place_classifiers: Words = words()  # a 2-syllable run right after one is a place ("tỉnh")
    abbreviations: Words = words()  # their trailing "." ends no clause ("TP.", "GS.")
    non_name_words: Words = words()  # capitalised words never in a name (surnames among them only start one)
    max_window: int = 14  # how many words after a title the name may start
    thing_before: Words = words()  # words right before a name that make it a thing's name ("thành phố", "đường")
    thing_after: Words = words()  # words right after a name that make it a thing's name ("City", 路)
    thing_blockers: Words = words()  # words before a thing word that make it an organisation's ("UBND")
    titles: TitleTable = TitleTable()  # where an office next to a name begins and ends


_ARABIC_COUNT = r"(?<![\d.,])(?:\d{1,3}(?:[.,]\d{3})+|\d+)(?!\d|[.,]\d)"


@register_language
class Vietnamese(Language):
    code = "vi"
    name = "Vietnamese"
    country = "VN"
    segmenters = ("underthesea",)
    data = files(__package__)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        t = self.table("dates.toml", DatesTable)
        self._numbers, self._dates, self._editions, self._quantities = t.numbers, t.dates, t.editions, t.quantities
        self._date_rules = tuple(self._build_date_rules())
        c = self._dates
        digits_or_words = rf"(?:\d|(?<!\w){alternation(c.relative_blockers_before)})"
        self._rel_block = re.compile(rf"{digits_or_words}\s*$", re.IGNORECASE)
        self._bare_before = re.compile(rf"(?<!\w){alternation(c.bare_blockers_before)}\s*$", re.IGNORECASE)
        self._bare_after = re.compile(rf"\s*{alternation(c.bare_blockers_after)}(?!\w)", re.IGNORECASE)
        self._never = frozenset(c.never)
        self._date_words = DateWords({fold(k): v for k, v in c.part_of_day.items()},
                                     relative_words(c.relative), {})
        self._edition_patterns = self._build_edition_patterns()
        self._quantity = self._build_quantity_pattern()
        self._quantity_words = QuantityWords.of(self._quantities)
        persons = self.table("persons.toml", PersonsTable)
        self.person_cues = PersonCues.from_table(persons, self.person_scores)
        self.title_cues = TitleCues.from_table(persons.titles, self.spaced)

    # ----------------------------------------------------------------------- sentences
    def split_line(self, line: str) -> list[str]:
        from underthesea import sent_tokenize

        return sent_tokenize(line)

    # ----------------------------------------------------------------------- numbers
    def read_number(self, token: str) -> int | None:
        """Vietnamese number words: "mười một" = 11, "hai mươi mốt" = 21, "nhất" = 1.

        >>> from corridor_ie.lang import build_languages
        >>> vi = build_languages().get("vi")
        >>> vi.parse_number("mười một"), vi.parse_number("XV"), vi.parse_number("hai mươi mốt")
        (11, 15, 21)
        """
        n = self._numbers
        ws = fold(token).split()
        if len(ws) == 1 and ws[0] in n.ordinal_only:
            return int(n.ordinal_only[ws[0]])
        total, cur, state = 0, 0, "start"  # state: start | unit | tens | hundred | link
        for w in ws:
            if w in n.ten and state in ("start", "hundred", "link"):
                cur, state = 10, "tens"
            elif w in n.tens and state == "unit" and 1 < cur < 10:
                cur, state = cur * 10, "tens"
            elif w in n.hundred and state == "unit" and cur < 10:
                total, cur, state = total + cur * 100, 0, "hundred"
            elif w in n.zero_link and state == "hundred":
                state = "link"
            elif w in n.units and state in ("start", "hundred", "link"):
                cur, state = n.units[w], "unit"
            elif w in n.units and state == "tens" and cur % 10 == 0:
                cur, state = cur + n.units[w], "done"
            else:
                return None
        if state in ("start", "link"):
            return None
        return total + cur

    def _number_words(self) -> str:
        n = self._numbers
        word = alternation([*n.units, *n.ten, *n.tens, *n.hundred, *n.zero_link, *n.ordinal_only])
        return rf"{word}(?:\s+{word}){{0,4}}(?!\w)"

    # ----------------------------------------------------------------------- dates
    def _build_date_rules(self) -> list[DateRule]:
        c = self._dates
        pod, dw = alternation(c.part_of_day), alternation(c.day_word)
        mw, yw = alternation(c.month_word), alternation(c.year_word)
        frm, per = alternation(c.from_word), alternation(c.period_word)
        rsep = rf"(?:{dp.DASH}|\s+{alternation(c.range_word)}\s*)"  # "từ 11 đến14/11" happens
        dsep = rf"(?:{dp.DASH}|\s+{alternation(c.range_word + c.day_range_word)}\s*)"
        lead = rf"(?<!\w)(?:(?P<frm>{frm})\s+)?(?:(?P<pod>{pod})\s+)?(?:(?P<dw>{dw})\s+)?{dp.NB}"
        dw2 = rf"(?:{dw}\s+)?"
        sep, same = r"(?P<sep>[/.-])", r"(?P=sep)"
        rel = alternation(r.words for r in c.relative)
        i = re.IGNORECASE
        bare = frozenset({"bare_guard"})
        num, year = dp.num, dp.year
        # Every rule but the relative one starts at a word start with some of these cue words, each
        # followed by spaces, and then a digit: the text is scanned once for where that can be.
        cue_words = [*c.from_word, *c.part_of_day, *c.day_word, *c.period_word, *c.month_word, *c.year_word]
        entry = re.compile(rf"(?=(?<!\w){dp.starts(cue_words)}(?:{alternation(cue_words)}\s+)*\d)", i)

        def rule(pattern: str, options: frozenset[str] = frozenset()) -> DateRule:
            return DateRule(re.compile(pattern, i), options, entry)

        end = dp.END
        return [
            rule(rf"{lead}{num('d1')}{sep}{num('m1')}{same}{year('y1')}{dsep}{dw2}"
                 rf"{num('d2')}{same}{num('m2')}{same}{year('y2')}{end}"),
            rule(rf"{lead}{num('d1')}{sep}{num('m1')}{dsep}{dw2}"
                 rf"{num('d2')}{same}{num('m2')}(?:{same}{year('y2')})?{end}", bare),
            rule(rf"{lead}{num('d1')}{dsep}{dw2}{num('d2')}{sep}{num('m2')}(?:{same}{year('y2')})?{end}", bare),
            rule(rf"{lead}{num('d1')}{sep}{num('m1')}(?:{same}{year('y1')})?{end}", bare),
            rule(rf"{lead}{num('d1')}\s+{mw}\s+{num('m1')}(?:,?\s+{yw}\s+{year('y1')})?{end}",
                 frozenset({"needs_cue"})),
            # "Từ ngày 17 đến ngày 21 tháng 1 năm 2016"
            rule(rf"{lead}{num('d1')}{dsep}{dw2}{num('d2')}\s+{mw}\s+{num('m2')}(?:,?\s+{yw}\s+{year('y2')})?{end}",
                 frozenset({"needs_cue"})),
            rule(rf"(?<!\w){mw}\s+{num('m1')}(?:(?:\s*(?P<sep>[/.-])\s*|\s+{yw}\s+){year('y1')})?{end}"),
            rule(rf"(?<!\w){mw}\s+{num('m1')}{rsep}(?:{mw}\s+)?{num('m2')}"
                 rf"(?:(?:\s*[/.-]\s*|\s+{yw}\s+){year('y2')})?{end}"),
            rule(rf"(?<!\w){yw}\s+{year('y1')}{end}"),
            rule(rf"(?<!\w)(?:(?P<per>{per})\s+)?(?:(?P<frm>{frm})\s+)?(?:{yw}\s+)?{dp.NB}{year('y1')}"
                 rf"{rsep}(?:{yw}\s+)?{year('y2')}{end}"),
            rule(rf"(?<!\w)(?P<frm>{frm})\s+{yw}\s+{year('y1')}{end}", frozenset({"period"})),
            DateRule(re.compile(rf"(?<!\w){dp.starts(r.words for r in c.relative)}(?P<rel>{rel})(?!\w)", i)),
            DateRule(dp.iso_rule().regex, entry=entry),
        ]

    def reject_relative(self, text: str, match: re.Match[str]) -> bool:
        return bool(self._rel_block.search(text[max(0, match.start() - 12):match.start()]))

    def reject_date(self, text: str, match: re.Match[str], rule: DateRule) -> bool:
        """A bare "d.m"/"d/m" with no cue and no year that is a fraction, decimal, clause or time number."""
        if "bare_guard" not in rule.options:
            return False
        g = match.groupdict()
        if g.get("pod") or g.get("dw") or g.get("frm") or g.get("y1") or g.get("y2"):
            return False
        if match.group(0) in self._never or match.group("sep") == "-":
            return True
        return bool(self._bare_before.search(text[max(0, match.start() - 20):match.start()])
                    or self._bare_after.match(text, match.end()))

    # ----------------------------------------------------------------------- editions
    def _build_edition_patterns(self) -> list[re.Pattern[str]]:
        e = self._editions
        roman = r"(?-i:[IVXLC]+)(?!\w)"
        arabic = r"\d{1,4}(?!\d)"
        num = rf"(?P<num>{roman}|{arabic}|{self._number_words()})"
        return [
            re.compile(rf"(?<!\w){alternation(e.ordinal_nouns)}\s+{alternation(e.ordinal_word)}\s+{num}",
                       re.IGNORECASE),
            re.compile(rf"(?<!\w){alternation(e.bare_nouns)}\s+(?P<num>{roman}|{arabic})", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?P<lead>{alternation(e.event_nouns)}\s+)"
                       rf"(?P<span>{alternation(e.ordinal_word)}\s+{num})", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?P<count>{alternation(e.count_before)})\s+(?P<num>\d{{1,3}}|{self._number_words()})"
                       rf"\s+{alternation(e.count_units)}(?!\w)", re.IGNORECASE),
            # "sau hai lần tổ chức theo hình thức trực tuyến": this one is the third
            re.compile(rf"(?<!\w)(?P<count>{alternation(e.count_after)})\s+(?P<num>\d{{1,3}}|{self._number_words()})"
                       rf"\s+{alternation(e.count_units)}\s+{alternation(e.count_after_held)}(?!\w)", re.IGNORECASE),
            # "Đây là lần đầu tiên … tổ chức hội nghị …": the first (not "lần đầu tiên được tổ chức tại …")
            re.compile(rf"(?<!\w){alternation(e.first_before)}\s+(?P<span>(?P<subject>(?P<num>(?P<first>{alternation(e.first_words)}))))"
                       rf"(?=[^.!?;\n]{{0,160}}?(?<!\w){alternation(e.first_held)}(?!\w)"
                       rf"(?!\s+{alternation(e.first_manner)}(?!\w)))", re.IGNORECASE),
        ]

    # ----------------------------------------------------------------------- quantities
    def _build_quantity_pattern(self) -> re.Pattern[str]:
        q, n = self._quantities, self._numbers
        vi_words = alternation([*n.units, *n.ten, *n.tens, *n.hundred])
        return re.compile(
            rf"(?<!\w)(?:(?P<qual>{alternation(q.qualifiers)})\s+)?"
            rf"(?P<num>{_ARABIC_COUNT}|(?<!\w){vi_words}(?:\s+{vi_words}){{0,3}}(?!\w))"
            rf"(?:\s+(?P<scale>{alternation(q.scale)}))?\s+(?P<unit>{alternation(q.units)})(?!\w)", re.IGNORECASE)

    # ----------------------------------------------------------------------- persons
    def person_candidates(self, text: str, titles: Sequence[Span], forbidden: Sequence[Span],
                          places: Sequence[Span] = ()) -> list[PersonCandidate]:
        return find_candidates(text, self.person_cues, titles, forbidden, places)

    def names_a_thing(self, text: str, start: int, end: int) -> bool:
        return self.person_cues.things.applies(text, start, end)
