"""Where an office written next to a name begins and ends, in a language's words.

The official builder (``assemble/official.py``) reads the office around a name from the gazetteer's
TITLE/ORG/PLACE mentions; these words tell it where the office stops (it must never swallow the next
words or another person: "… Bí thư Tỉnh ủy Điện Biên và đồng chí …" ends at "Điện Biên") and which
words around a title belong to it ("Quyền Bí thư", "Deputy Foreign Minister"). Each language fills
the ``[titles]`` section of its ``persons.toml`` (schema ``TitleTable``).

Example::

    >>> cues = TitleCues.from_table(TitleTable(stops=["và đoàn"], joiners=["và"]), spaced=True)
    >>> bool(cues.stops.match("và đoàn đại biểu", 0)), cues.joiner_at("Bí thư và Chủ tịch", 6)
    (True, 10)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import Field

from ..tables import Table
from .tables import Words, words


class TitleTable(Table):
    """The ``[titles]`` section of ``lang/<code>/persons.toml``."""

    stops: Words = words()  # phrases that end an office written after a name ("và đoàn", "- Photo", "officials of")
    joiners: Words = words()  # words joining two offices; the office goes on only if another title follows ("và")
    heads: Words = words()  # words that start an office that is no gazetteer title ("Ủy viên", "Member of")
    prefixes: Words = words()  # words right before a title that belong to it ("Quyền", "Deputy")
    honorifics: Words = words()  # words between an office and the name, no part of either ("ông", "Mr.")
    not_before: Words = words()  # words between an office and a name that make it no title of that name ("là")
    breaks: Words = words()  # words never inside an office: two offices around one are two ("by", "với")
    sides: Words = words()  # words before a place that name a side ("phía"): its country is the official's
    abbreviations: Words = words()  # words whose trailing dot ends no office ("TP")
    diplomats: Words = words()  # offices of a diplomat ("Đại sứ", 大使): the country before the posting word sends
    posted: Words = words()  # the posting word ("tại", 驻, "in"): the country before it is the official's
    countries: dict[str, str] = Field(default_factory=dict)  # words of an office only one country has (自治区: CN)
    default_country: str | None = None  # the country of an office that names none (vi: VN)
    country_by_majority: bool = False  # else the country of three quarters of the document's officials


#: the words of an organisation's name between office words and a name ("People's Committee", "(CPV)
#: Central Committee"): a gap made of them alone keeps an office together however long it is
_NAME_WORDS = re.compile(r"(?:[A-Z][\w'’.-]*|of|the|and|for|under|[(),\s])*")
#: a gap of this many characters or fewer keeps two office words together
GAP = 16
_CLAUSE_MARK = re.compile(r"[,;:，；：、。]")
#: what ends the clause an office before a name is read in: punctuation, a dateline dash ("HÀ NỘI —")
CLAUSE_BREAK = re.compile(r"[,;:，；：、。!?！？\n]|\s[-–—]+\s|——")


def capitalised_gap(gap: str) -> bool:
    """Words of an organisation's name between office words and the name ("Central Committee")."""
    return len(gap) <= 60 and _NAME_WORDS.fullmatch(gap) is not None


def _alt(ws: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(ws), key=len, reverse=True))


@dataclass(frozen=True)
class TitleCues:
    stops: re.Pattern[str] | None
    joiners: re.Pattern[str] | None
    heads: re.Pattern[str] | None
    prefixes: re.Pattern[str] | None  # matches at the end of the text before a title
    honorifics: re.Pattern[str] | None  # matches at the end of the text before a name
    not_before: re.Pattern[str] | None  # searched in the gap between an office and the name
    breaks: re.Pattern[str] | None
    sides: re.Pattern[str] | None  # matches at the end of the text before a place
    abbreviations: frozenset[str]
    diplomats: re.Pattern[str] | None
    posted: re.Pattern[str] | None
    countries: tuple[tuple[str, str], ...]  # (word, country), longest first
    default_country: str | None
    country_by_majority: bool

    @classmethod
    def from_table(cls, t: TitleTable, spaced: bool) -> TitleCues:
        b, e = (r"(?<!\w)", r"(?!\w)") if spaced else ("", "")

        def at(ws: Sequence[str], flags: int = 0) -> re.Pattern[str] | None:
            return re.compile(rf"{b}(?:{_alt(ws)}){e}", flags) if ws else None

        def ending(ws: Sequence[str]) -> re.Pattern[str] | None:
            return re.compile(rf"{b}(?:(?:{_alt(ws)})\s*)+$") if ws else None

        return cls(
            stops=re.compile(rf"\s*{b}(?:{_alt(t.stops)}){e}") if t.stops else None,
            joiners=re.compile(rf"\s*{b}(?:{_alt(t.joiners)}){e}\s*") if t.joiners else None,
            heads=re.compile(rf"{b}(?:{_alt(t.heads)}){e}") if t.heads else None,
            prefixes=ending(t.prefixes),
            honorifics=re.compile(rf"{b}(?:{_alt(t.honorifics)})\.?\s*$", re.IGNORECASE) if t.honorifics else None,
            not_before=at(t.not_before),
            breaks=at(t.breaks),
            sides=re.compile(rf"{b}(?:{_alt(t.sides)})\s*$", re.IGNORECASE) if t.sides else None,
            abbreviations=frozenset(t.abbreviations),
            diplomats=at(t.diplomats),
            posted=at(t.posted),
            countries=tuple(sorted(t.countries.items(), key=lambda kv: -len(kv[0]))),
            default_country=t.default_country,
            country_by_majority=t.country_by_majority,
        )

    @classmethod
    def empty(cls) -> TitleCues:
        return cls.from_table(TitleTable(), spaced=True)

    def joiner_at(self, text: str, pos: int) -> int | None:
        """The end of a joining word ("và", "and") at ``pos``, or None."""
        m = self.joiners.match(text, pos) if self.joiners is not None else None
        return m.end() if m else None

    def head_at(self, text: str, pos: int) -> bool:
        return self.heads is not None and self.heads.match(text, pos) is not None

    def gap_ok(self, gap: str, final: bool = False) -> bool:
        """Whether ``gap`` may sit between two words of one office, or (``final``) between an office and
        the name it belongs to: never a break word ("by", "với") or a phrase of ``stops`` (a verb);
        before the name no clause mark, no joining word and no "là" ("… Điện Biên và đồng chí B",
        "Trưởng đoàn … là ông B")."""
        if self.breaks is not None and self.breaks.search(gap):
            return False
        if self.stops is not None and self.stops.search(gap):
            return False  # a verb between: "Thủ tướng bày tỏ cảm ơn Thủ tướng" + name
        if final:
            if self.honorifics is not None and (h := self.honorifics.search(gap)):
                gap = gap[:h.start()]
            if _CLAUSE_MARK.search(gap) or (self.not_before is not None and self.not_before.search(gap)):
                return False
            if self.joiners is not None and self.joiners.search(gap):
                return False
        return len(gap) <= GAP or capitalised_gap(gap)

    def country_hint(self, office: str) -> str | None:
        """The country of an office by a word only that country's offices have."""
        return next((c for w, c in self.countries if w in office), None)

    def abbreviation_before(self, text: str, dot: int) -> bool:
        """Whether the "." at ``dot`` ends an abbreviation ("TP." in "UBND TP. Hải Phòng")."""
        m = re.search(r"(\w+)$", text[max(0, dot - 8):dot])
        return bool(m) and m.group(1) in self.abbreviations
