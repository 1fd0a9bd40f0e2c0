"""Chinese: Han characters as tokens (matching never depends on a segmenter's dictionary), jieba's words
as boundaries a gazetteer match must respect, sentences split on 。！？, Chinese numerals, dates
(年月日), editions (第N次/届), counts (200多名代表) and the person recogniser for names beside titles.

Its tables are the ``*.toml`` files beside this module; ``dates.toml``, ``persons.toml`` and
``names.toml`` follow the schemas below, the others those of ``corridor_ie.lang.tables``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from importlib.resources import files

from pydantic import Field

from ...normalise import fold, has_han, to_simplified
from ...patterns import alternation, cue_re
from ...tables import Table
from .. import dateparts as dp
from ..base import DateRule, DateWords, Language, PersonCandidate, QuantityWords, Span, relative_words
from ..registry import register_language
from ..tables import PartOfDay, Quantities, Relative, Words, words
from ..titles import TitleCues, TitleTable
from .persons import PersonCues, find_candidates, office_after, office_before, simplified
from .segmenter import JiebaSegmenter


class Numbers(Table):
    digits: dict[str, int] = Field(default_factory=dict)  # 〇 … 九
    multipliers: dict[str, int] = Field(default_factory=dict)  # 十 百 千
    myriad: dict[str, int] = Field(default_factory=dict)  # 万


class Dates(Table):
    year_mark: Words = words()
    month_mark: Words = words()
    day_mark: Words = words()
    part_of_day: dict[str, PartOfDay] = Field(default_factory=dict)
    range_word: Words = words()
    relative: list[Relative] = Field(default_factory=list)


class Editions(Table):
    prefix: Words = words()  # 第
    classifiers: Words = words()  # 次 届 回
    first: Words = words()  # 首: "首届", "首次" are the first
    streak: Words = words()  # 连续: "连续第三年举行" is the third, held every year
    streak_classifiers: Words = words()  # 年
    held: Words = words()  # 举行: "于2004首次举行" is the first (of the meeting its clause is about)
    count_before: Words = words()  # "已成功举办十五届": the meeting of the clause is the 16th


class ZhQuantities(Quantities):
    suffix_more: Words = words()  # "200多名": a suffix after the number meaning "more than"
    classifiers: Words = words()  # 名 家 位


class DatesTable(Table):
    """``lang/zh/dates.toml``."""

    numbers: Numbers = Numbers()
    dates: Dates = Dates()
    editions: Editions = Editions()
    quantities: ZhQuantities = ZhQuantities()


class PersonsTable(Table):
    """``lang/zh/persons.toml``: cue tables of the Chinese person recogniser."""

    surnames: Words = words()  # single-character surnames
    double_surnames: Words = words()  # two-character surnames
    vietnamese_middles: Words = words()  # 氏 文: surname + middle + one or two characters (a Vietnamese name)
    offices: Words = words()  # office words a name follows or precedes (大使, 总理)
    ranks: Words = words()  # military ranks right after a name (上将)
    post_honorifics: Words = words()  # words right after a name (同志, 先生)
    after_name: Words = words()  # words that may start right after a name: they fix where it ends
    left_stops: Words = words()  # words a name may follow when read backwards from an office word
    not_stops: Words = words()  # words that start with a stop word but are none (自治区)
    non_given_chars: Words = words()  # characters never inside a given name
    given_too: Words = words()  # one-character words after a name that are also given names (和)
    non_name_chars: Words = words()  # characters that never end (or sit inside) a name read backwards
    transliteration_chars: Words = words()  # characters of transliterated foreign names (strings of them)
    list_joiners: Words = words()  # what joins the names of a list (、)
    place_first: Words = words()  # offices written after their place (市委书记): no name before them
    thing_before: Words = words()  # words right before a name that make it a thing's name ("thành phố", "đường")
    thing_after: Words = words()  # words right after a name that make it a thing's name ("City", 路)
    thing_blockers: Words = words()  # words before a thing word that make it an organisation's ("UBND")
    titles: TitleTable = TitleTable()  # where an office next to a name begins and ends


class NamesTable(Table):
    """``lang/zh/names.toml``."""

    name_suffixes: Words = words()  # may follow a place name inside one jieba word (云南省, 河口口岸)


_SENTENCE = re.compile(r"[^。！？!?；\n]*(?:[。！？!?；]+[”’」』）)]*|$)")
_LIST_GAP = re.compile(r"^[、，,和与及\s]?$")
_ARABIC_COUNT = r"(?<![\d.,])(?:\d{1,3}(?:[.,]\d{3})+|\d+)(?!\d|[.,]\d)"


@register_language
class Chinese(Language):
    code = "zh"
    name = "Chinese"
    spaced = False
    country = "CN"
    segmenters = ("jieba",)
    warm_up = False  # jieba's dictionary takes a second: only a corpus with Chinese text pays for it
    own_titles = True
    data = files(__package__)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        t = self.table("dates.toml", DatesTable)
        self._numbers, self._dates, self._editions, self._quantities = t.numbers, t.dates, t.editions, t.quantities
        c = self._dates
        self._date_rules = tuple(self._build_date_rules())
        self._date_words = DateWords({fold(k): v for k, v in c.part_of_day.items()},
                                     relative_words(c.relative), {})
        e = self._editions
        zh_num = r"(?P<num>\d{1,4}|[〇零一二两三四五六七八九十百]+)"
        self._edition_patterns = (  # the patterns that number the clause's meeting first: they win ties
            re.compile(rf"(?P<subject>{alternation(e.streak)}){alternation(e.prefix)}{zh_num}"
                       rf"{alternation(e.streak_classifiers)}"),
            re.compile(rf"(?P<subject>(?P<num>{alternation(e.first)}){alternation(e.classifiers)})"
                       rf"(?={alternation(e.held)})"),
            # "…会晤连续四年举行": held four years in a row, this is the fourth
            re.compile(rf"(?P<subject>{alternation(e.streak)}){zh_num}{alternation(e.streak_classifiers)}"
                       rf"(?={alternation(e.held)})"),
            # "这是两地第三次举行此类会晤": the clause's meeting is the third
            re.compile(rf"(?P<subject>{alternation(e.prefix)}{zh_num}{alternation(e.classifiers)})"
                       rf"(?={alternation(e.held)})"),
            re.compile(rf"(?P<count>{alternation(e.count_before)}){zh_num}{alternation(e.classifiers)}"),
            re.compile(rf"{alternation(e.prefix)}[ \u3000]?{zh_num}[ \u3000]?{alternation(e.classifiers)}"),  # "第20 届"
            re.compile(rf"(?P<num>{alternation(e.first)}){alternation(e.classifiers)}"),
        )
        self._quantity = self._build_quantity_pattern()
        self._quantity_words = QuantityWords.of(self._quantities)
        self.suffixes = tuple(sorted(self.table("names.toml", NamesTable).name_suffixes, key=len, reverse=True))
        self.segmenter_impl = JiebaSegmenter()
        persons = self.table("persons.toml", PersonsTable)
        self.person_cues = PersonCues.from_table(persons, self.person_scores)
        self.title_cues = TitleCues.from_table(persons.titles, self.spaced)

    # ----------------------------------------------------------------------- cue words
    def cue_pattern(self, words: Sequence[str]) -> re.Pattern[str]:
        """Cue words in simplified and traditional characters (a third of the pages are traditional):
        the table lists the simplified form, OpenCC adds the traditional one.

        >>> from corridor_ie.lang import build_languages
        >>> bool(build_languages().get("zh").cue_pattern(["会晤机制"]).search("年度會晤機制"))
        True
        """
        to_traditional = self.__dict__.get("_s2t")
        if to_traditional is None:  # built once, while the object is being constructed
            import opencc

            to_traditional = self.__dict__["_s2t"] = opencc.OpenCC("s2t").convert
        forms = {f for w in words if w for f in (w, to_traditional(w))}
        return cue_re(sorted(forms), spaced=False)

    # ----------------------------------------------------------------------- segmentation
    def split_line(self, line: str) -> list[str]:
        return [m.group(0) for m in _SENTENCE.finditer(line) if m.group(0).strip()]

    def learn_names(self, names: Iterable[str]) -> None:
        self.segmenter_impl.add_words(names)

    def matching_text(self, text: str) -> str:
        """Traditional characters as simplified ones (the cue tables are simplified), offsets kept: the
        whole text at once when OpenCC keeps its length, else character by character."""
        if not has_han(text):
            return text
        out = to_simplified(text)
        if len(out) == len(text):
            return out
        return "".join(c if len(s := to_simplified(c)) != 1 else s for c in text)

    def cut(self, text: str) -> list[str]:
        return self.segmenter_impl.cut(text)

    def filter_matches(self, text: str, spans: Sequence[Span]) -> list[bool]:
        """Chinese matches must sit on jieba word boundaries; a name that is also a common word (和平,
        新兴) counts only with a suffix (和平省) or inside a list of other names ("新兴、东兴"). A name
        may be followed by an administrative suffix inside one word (云南省, 河内市, 河口口岸)."""
        if not any(has_han(text[s:e]) for s, e in spans):
            return [True] * len(spans)
        seg = self.segmenter_impl
        bounds = seg.boundaries(text)

        def on_boundaries(start: int, end: int) -> bool:
            if start not in bounds:
                return False
            if end in bounds:
                return True
            return any(text.startswith(s, end) and end + len(s) in bounds for s in self.suffixes)

        aligned = [not has_han(text[s:e]) or on_boundaries(s, e) for s, e in spans]
        doubtful = [ok and has_han(text[s:e]) and seg.is_common_word(text[s:e])
                    and not any(text.startswith(x, e) for x in self.suffixes) for (s, e), ok in zip(spans, aligned, strict=True)]
        sure = [sp for sp, ok, d in zip(spans, aligned, doubtful, strict=True) if ok and not d]

        def listed(s: int, e: int) -> bool:
            return any(_LIST_GAP.match(text[oe:s]) if oe <= s else _LIST_GAP.match(text[e:os_])
                       for os_, oe in sure if oe <= s or e <= os_)

        return [ok and (not d or listed(s, e)) for (s, e), ok, d in zip(spans, aligned, doubtful, strict=True)]

    # ----------------------------------------------------------------------- numbers
    def read_number(self, token: str) -> int | None:
        """Chinese numerals: "十一" = 11, "二十三" = 23, "二〇二三" = 2023.

        >>> from corridor_ie.lang import build_languages
        >>> zh = build_languages().get("zh")
        >>> zh.parse_number("十一"), zh.parse_number("二十三"), zh.parse_number("二〇二三")
        (11, 23, 2023)
        """
        if token in self._editions.first:
            return 1
        n = self._numbers
        digits, mult, myriad = n.digits, n.multipliers, n.myriad
        if not token or any(c not in digits and c not in mult and c not in myriad for c in token):
            return None
        if all(c in digits for c in token):  # positional: "二〇二三" = 2023
            return int("".join(str(digits[c]) for c in token))
        total, section, num = 0, 0, None
        for c in token:
            if c in digits:
                if num is not None and digits[c] != 0:
                    return None  # two digits in a row inside a counted number
                num = digits[c] if digits[c] != 0 else None
            elif c in mult:
                section += (1 if num is None else num) * mult[c]
                num = None
            else:
                total = (total + section + (num or 0)) * myriad[c]
                section, num = 0, None
        return total + section + (num or 0)

    # ----------------------------------------------------------------------- dates
    def _build_date_rules(self) -> list[DateRule]:
        c = self._dates
        zd = "〇零一二两三四五六七八九十"
        nb, ne = rf"(?<![\d{zd}])", rf"(?![\d{zd}])"
        arabic = r"\d{1,2}"
        n = rf"(?:{arabic}|[{zd}]{{1,3}})"
        y = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"

        def g(name: str, body: str) -> str:
            return rf"(?P<{name}>{body}){ne}"

        sp = r"[ \t\u00a0\u3000]*"  # "2018 年 06 月 15 日": spaces around the marks
        ym, mm = rf"{sp}{alternation(c.year_mark)}{sp}", rf"{sp}{alternation(c.month_mark)}{sp}"
        dm = rf"{sp}[{''.join(c.day_mark)}]"
        pod = rf"(?:\s*(?P<pod>{alternation(c.part_of_day)}))?"
        rs = rf"\s*{alternation(c.range_word)}\s*"
        rel = alternation(r.words for r in c.relative)
        yopt = rf"(?:{g('y1', y)}{ym})?"
        return [
            DateRule(re.compile(rf"{nb}{yopt}{g('m1', n)}{mm}{g('d1', n)}{dm}{pod}")),
            DateRule(re.compile(rf"{nb}{yopt}{g('m1', n)}{mm}{g('d1', n)}{dm}?{rs}"
                                rf"(?:(?:{g('y2', y)}{ym})?{g('m2', n)}{mm})?{g('d2', n)}{dm}")),
            DateRule(re.compile(rf"{nb}{g('d1', n)}{dm}?{rs}{g('d2', n)}{dm}")),
            DateRule(re.compile(rf"{nb}{g('d1', n)}{sp}{alternation(c.day_mark[:1])}{pod}")),
            DateRule(re.compile(rf"{nb}{g('y1', y)}{ym}{g('m1', n)}{mm}")),
            DateRule(re.compile(rf"{nb}{g('m1', arabic)}{mm}")),
            DateRule(re.compile(rf"{nb}{g('y1', y)}{ym}")),
            DateRule(re.compile(rf"{nb}{g('y1', y)}(?:{ym})?{rs}{g('y2', y)}{ym}")),
            DateRule(re.compile(rf"(?P<rel>{rel})(?:{g('m1', n)}{mm}(?:{g('d1', n)}{dm})?)?{pod}")),
            dp.iso_rule(r"(?<![\d.,/])", r"(?![\d]|[.,/-]\d)"),
            dp.day_month_year_rule(r"(?<![\d.,/])", r"(?![\d]|[.,/-]\d)"),
        ]

    # ----------------------------------------------------------------------- editions, counts
    def _build_quantity_pattern(self) -> re.Pattern[str]:
        q, n = self._quantities, self._numbers
        digits = "".join([*n.digits, *n.multipliers, *n.myriad])
        return re.compile(
            rf"(?:(?P<qual>{alternation(q.qualifiers)}))?"
            rf"(?P<num>{_ARABIC_COUNT}|(?<![{digits}\d])[{digits}]{{1,12}})(?P<scale>{alternation(q.scale)})?"
            rf"(?P<more>{alternation(q.suffix_more)})?(?:{alternation(q.classifiers)})?"
            rf"(?P<more2>{alternation(q.suffix_more)})?(?P<unit>{alternation(q.units)})")

    # ----------------------------------------------------------------------- persons
    def person_candidates(self, text: str, titles: Sequence[Span], forbidden: Sequence[Span],
                          places: Sequence[Span] = ()) -> list[PersonCandidate]:
        return find_candidates(text, self.person_cues, titles, forbidden, self.cut, self.segmenter_impl.is_common_word,
                               places)

    def title_before(self, text: str, lo: int, name_start: int, keep: Sequence[Span]) -> int | None:
        return office_before(text, self.person_cues, lo, name_start, keep)

    def title_after(self, text: str, name_end: int, hi: int) -> int | None:
        return office_after(text, self.person_cues, name_end, hi)

    def names_a_thing(self, text: str, start: int, end: int) -> bool:
        lo = max(0, start - 40)
        window = simplified(text[lo:end + 12])  # the words are simplified; offsets do not change
        return self.person_cues.things.applies(window, start - lo, end - lo)
