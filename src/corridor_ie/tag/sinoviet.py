"""Hán-Việt (Sino-Vietnamese) readings of Chinese names.

Vietnamese news writes a Chinese official or place under the Hán-Việt reading of its characters, one
syllable a character: a made-up 王明 would be "Vương Minh". ``reading`` computes that form from the
characters, so a Chinese name met in Chinese text can be looked for in Vietnamese text (and the other
way round) even when the gazetteer does not know it yet.

The readings live in ``data/han_viet.tsv`` (one character a line, see the comment at its top); no name is
written here. A character missing from the table is converted from traditional to simplified with OpenCC
(``t2s``) and looked up again; if it is still missing the name has no reading (``None``), never a partial
or guessed one.

The reading is a *candidate*, not a fact: news sometimes spells a name otherwise (a local pronunciation,
a less usual reading of a character). ``candidates`` lists the forms the alternative readings give.

Example (made-up names)::

    >>> r = Readings.load()
    >>> r.reading("王明")
    'Vương Minh'
    >>> r.reading("張偉")
    'Trương Vĩ'
    >>> r.reading("王X") is None
    True
    >>> r.candidates("黄乐", limit=3)
    ['Hoàng Lạc', 'Hoàng Nhạc', 'Huỳnh Lạc']
"""

from __future__ import annotations

import heapq
import unicodedata
from pathlib import Path

from ..errors import ConfigError
from ..normalise import to_simplified

DEFAULT_READINGS_PATH = Path(__file__).resolve().parents[1] / "data" / "han_viet.tsv"

_HEADER = ("char", "reading", "alternatives")


def _is_han(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "")


def _syllable_ok(syllable: str) -> bool:
    return (
        bool(syllable)
        and syllable == unicodedata.normalize("NFC", syllable)
        and syllable == syllable.lower()
        and all(c.isalpha() for c in syllable)
    )


def _parse(path: Path) -> dict[str, tuple[str, ...]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ConfigError(f"cannot read Hán-Việt readings: {err}", location=str(path),
                          hint="pass a TSV file like data/han_viet.tsv") from err
    table: dict[str, tuple[str, ...]] = {}
    header_seen = False
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path}:{number}"
        fields = line.split("\t")
        if not header_seen:
            if tuple(fields) != _HEADER:
                raise ConfigError("the first non-comment line must be the header 'char\\treading\\talternatives'",
                                  location=where, hint="add the header line")
            header_seen = True
            continue
        if len(fields) != 3:
            raise ConfigError(f"expected 3 tab-separated columns, found {len(fields)}", location=where,
                              hint="write char<TAB>reading<TAB>alternatives (alternatives may be empty)")
        char, first, rest = fields
        if len(char) != 1 or not _is_han(char):
            raise ConfigError(f"{char!r} is not one Han character", location=where,
                              hint="put one character per line")
        readings = (first, *(r for r in rest.split(",") if r))
        bad = [r for r in readings if not _syllable_ok(r)]
        if bad:
            raise ConfigError(f"{char}: {', '.join(map(repr, bad))} is not a lower-case NFC syllable",
                              location=where, hint="write readings in lower case, NFC, without spaces")
        if char in table:
            raise ConfigError(f"{char} is listed twice", location=where, hint="keep one line per character")
        table[char] = tuple(dict.fromkeys(readings))
    if not header_seen:
        raise ConfigError("no header line", location=str(path), hint="add 'char\\treading\\talternatives'")
    return table


def _title(syllables: tuple[str, ...]) -> str:
    return unicodedata.normalize("NFC", " ".join(s[:1].upper() + s[1:] for s in syllables))


class Readings:
    """The reading table (``{char: (reading, *alternatives)}``), loaded once per pipeline."""

    def __init__(self, table: dict[str, tuple[str, ...]]):
        self.table = table

    @classmethod
    def load(cls, path: Path | None = None) -> Readings:
        """Read and check a readings file (default ``data/han_viet.tsv``).

        >>> Readings.load().table["乐"]
        ('lạc', 'nhạc')
        """
        return cls(_parse(Path(path) if path is not None else DEFAULT_READINGS_PATH))

    def _char(self, char: str) -> tuple[str, ...] | None:
        found = self.table.get(char)
        if found is None and _is_han(char):
            simplified = to_simplified(char)
            if simplified != char:
                found = self.table.get(simplified)
        return found

    def _per_char(self, hanzi: str) -> list[tuple[str, ...]] | None:
        """Readings of each character of ``hanzi`` (whitespace ignored); ``None`` if any is unknown."""
        chars = [c for c in unicodedata.normalize("NFKC", hanzi) if not c.isspace()]
        if not chars:
            return None
        out = []
        for char in chars:
            found = self._char(char)
            if found is None:
                return None
            out.append(found)
        return out

    def reading(self, hanzi: str) -> str | None:
        """The usual Hán-Việt reading of a Chinese name, title-cased: ``"王明"`` gives ``"Vương Minh"``.

        Traditional characters are accepted. ``None`` when any character is unknown (or the input is empty).
        """
        per_char = self._per_char(hanzi)
        if per_char is None:
            return None
        return _title(tuple(options[0] for options in per_char))

    def candidates(self, hanzi: str, limit: int = 4) -> list[str]:
        """Up to ``limit`` readings, the usual one first, then those that swap in the fewest alternatives.

        Ties are broken by how far down the alternatives lists the swaps go, then by position: a swap in a
        later character comes before one in an earlier character (a surname's first reading is the most
        settled). The order is deterministic. Empty when any character is unknown.

        >>> Readings.load().candidates("黄", limit=4)
        ['Hoàng', 'Huỳnh']
        """
        per_char = self._per_char(hanzi)
        if per_char is None or limit <= 0:
            return []
        sizes = [len(options) for options in per_char]

        def key(choice: tuple[int, ...]) -> tuple[int, int, tuple[int, ...]]:
            return (sum(1 for i in choice if i), sum(choice), choice)

        start = (0,) * len(per_char)
        heap = [key(start)]
        queued = {start}
        out: list[str] = []
        while heap and len(out) < limit:
            *_, choice = heapq.heappop(heap)
            out.append(_title(tuple(per_char[pos][i] for pos, i in enumerate(choice))))
            for pos, i in enumerate(choice):
                if i + 1 < sizes[pos]:
                    nxt = choice[:pos] + (i + 1,) + choice[pos + 1:]
                    if nxt not in queued:
                        queued.add(nxt)
                        heapq.heappush(heap, key(nxt))
        return out
