"""The ``prefilter`` stage (SegmentedDoc -> SegmentedDoc): the cheap relevance test on the cleaned text.

It is the test the ``screen`` stage runs on the raw page (``gazetteer.scan``: the compiled gazetteer's
names looked up without spaCy, decided by ``gazetteer.relevance``), now on the text extraction kept and
with the language's rule for diacritic-free names: a page that passed the screen for a name in its
menu or footer and names no corridor entity in its body is marked unrelated, with its reasons, and
skips the stages after it. It finds a page relevant whenever the tag stage does (a superset), and it
loads neither spaCy nor a segmenter, so a crawl whose pages stop here never loads them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..gazetteer.scan import NameScan
from ..lang import Language
from ..normalise import has_vietnamese_diacritics
from ..types import SegmentedDoc


def allow_ascii(text: str, lang: Language) -> bool:
    """Whether diacritic-free gazetteer keys apply: a language that writes names without them, or a
    text that has no Vietnamese diacritics."""
    return lang.ascii_names or not has_vietnamese_diacritics(text[:2000])


def make_prefilter(options, shared) -> Callable[[SegmentedDoc], SegmentedDoc]:
    """Factory of the ``prefilter`` stage (no options): built from the same compiled gazetteer tables as
    the tag stage's matcher, so the two cannot disagree about a name."""
    scan = NameScan(shared.compiled)

    def prefilter(seg: SegmentedDoc) -> SegmentedDoc:
        lang = shared.languages.get(seg.lang)  # built on first use (``pipeline.Shared``)
        relevant, reasons = scan.verdict(seg.text, allow_ascii(seg.text, lang))
        return seg if relevant else replace(seg, relevant=False, reasons=reasons)

    return prefilter
