"""Languages: one module per language, each with its data tables (see ``base.py``).

>>> langs = build_languages()
>>> [lang.code for lang in langs]
['vi', 'zh', 'en']
>>> langs.get("zh-Hant").code, langs.get("fr").code
('zh', 'und')
"""

from __future__ import annotations

from .base import DateRule, DateWords, Language, PersonCandidate, QuantityWords
from .cues import SectorCues
from .registry import REGISTERED, Languages, build_languages, register_language


class AnyLanguage(Language):
    """A language with no module of its own: token and line splits only, and the sector words of
    every known language (a commitment in it still names its sectors)."""

    def __init__(self, segmenter=None, person_scores=None, borrowed=None, sector_names=None):
        super().__init__(segmenter, person_scores, borrowed, sector_names)
        self.sectors = SectorCues.from_table(*(lang.sector_table() for lang in self.borrowed.values()))


from . import vi, zh, en  # noqa: E402,F401,I001  (registration order: vi, zh, en)

__all__ = ["AnyLanguage", "DateRule", "DateWords", "Language", "Languages", "PersonCandidate", "QuantityWords",
           "REGISTERED", "build_languages", "register_language"]
