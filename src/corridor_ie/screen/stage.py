"""The ``screen`` stage (RawDoc -> RawDoc, or RuledOut): can this page be about the corridor at all?

It runs before extraction, on the raw document: an HTML page's words come from its markup by a few
regular expressions (``markup.visible_text``; never a parse), plain text is taken as it is; both get
the normalise stage's two fixers that change matching keys (zero-width characters out, NFC). The
gazetteer's names are looked up in that text with the same compiled tables and the same relevance
rule as the prefilter and the tag stage (``gazetteer.scan``, ``gazetteer.relevance``). The raw page
holds every word extraction can keep (and menus, footers, titles besides), so a page ruled out here
is one the later stages would find unrelated too: only candidates go on to trafilatura.

A page ruled out becomes a ``RuledOut`` with its reasons (the names it does have, e.g. only
``country:country.cn``) and its language when cheap evidence tells it: the input's declaration, the
script (Han characters, Vietnamese letters), the page's ``<html lang>``, else the general detector.
The orchestrator writes its article stub (or nothing, or runs the page through every stage anyway:
``--unrelated omit|stub|full``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..gazetteer.scan import NameScan
from ..lang.detect import detect_language, script_language
from ..normalise import fix_nfc, fix_zero_width
from ..types import RawDoc, RuledOut
from .markup import page_language, visible_text

#: the first reason of a page ruled out here
RULED_OUT = "screen: no corridor name in the page"
LANGUAGE_SAMPLE = 1500  # characters of the page's text the script evidence looks at


def page_text(raw: RawDoc) -> str:
    """The words of a raw document as the screen reads them."""
    text = visible_text(raw.content) if raw.media_type == "text/html" else raw.content
    return fix_nfc(fix_zero_width(text))


def cheap_language(raw: RawDoc, text: str) -> str:
    """The page's language from the cheapest evidence that tells it."""
    if raw.meta.lang:
        return detect_language(text, raw.meta.lang)
    sample = " ".join(text[:4 * LANGUAGE_SAMPLE].split())[:LANGUAGE_SAMPLE]  # markup leaves runs of spaces
    found = script_language(sample)
    if found is None and raw.media_type == "text/html":
        found = page_language(raw.content)
    return found or detect_language(sample)


def screen(raw: RawDoc, scan: NameScan) -> RawDoc | RuledOut:
    text = page_text(raw)
    relevant, reasons = scan.verdict(text, allow_ascii=True, negative=RULED_OUT)
    if relevant:
        return raw
    return RuledOut(raw, cheap_language(raw, text), reasons)


def make_screen(options, shared) -> Callable[[RawDoc], RawDoc | RuledOut]:
    """Factory of the ``screen`` stage (no options): the name scan built from the pipeline's compiled
    gazetteer tables."""
    scan = NameScan(shared.compiled)
    return lambda raw: screen(raw, scan)
