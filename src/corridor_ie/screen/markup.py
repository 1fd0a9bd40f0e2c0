"""The words of an HTML page without parsing it: a few regular expressions over the raw markup.

The screen stage needs every word trafilatura could take from the page, fast, and may take more
(menus, footers, the head's title: a superset only costs an extraction). So:

- ``<script>`` and ``<style>`` elements and comments go (extraction never keeps them), except JSON-LD
  scripts, whose text a fallback extractor may use as the body (their ``\\uXXXX`` escapes decoded);
- inline tags (``<a>``, ``<b>``, ``<span>`` …) go without a trace, as extraction joins their text;
  every other tag becomes a space, as extraction separates blocks;
- character references are decoded (``html.unescape``) once the tags are gone.

>>> visible_text('<p>Tin <b>Lào</b> Cai</p><script>var a="Hà Giang";</script><li>Hà&nbsp;Nội</li>')
' Tin Lào Cai   Hà\\xa0Nội '
>>> page_language('<!DOCTYPE html><html lang="vi-VN"><head>')
'vi'
"""

from __future__ import annotations

import html
import re

_HIDDEN = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>|<!--.*?-->", re.S | re.I)
_OPEN = re.compile(r"<(script|style)\b([^>]*)>|<!--", re.I)
_INLINE = re.compile(r"</?(?:a|abbr|b|cite|em|font|i|mark|q|s|small|span|strong|sub|sup|time|u|wbr)\b[^>]*>", re.I)
_TAG = re.compile(r"<[a-zA-Z/!?][^>]*>")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})\b", re.I)


def _json_text(script: str) -> str:
    return " " + _JSON_ESCAPE.sub(lambda e: chr(int(e[1], 16)), script) + " "


def _hidden(m: re.Match[str]) -> str:
    if m[1] and m[1].lower() == "script" and "ld+json" in m[2].lower():
        return _json_text(m[3])
    return " " if m[1] else ""  # a comment joins the text around it, as the parser drops it


def without_hidden(markup: str) -> str:
    """``markup`` without scripts, styles and comments (JSON-LD text kept). The closing tags
    are found with ``str.find`` on a lower-case copy: the hidden parts, most of a page's bytes, are
    skipped, not scanned."""
    low = markup.lower()
    if len(low) != len(markup):  # a case mapping changed the length, so offsets differ: the slow way
        return _HIDDEN.sub(_hidden, markup)
    out, pos = [], 0
    while m := _OPEN.search(markup, pos):
        out.append(markup[pos:m.start()])
        if m[1] is None:  # a comment: the parser drops it (an unclosed one, the rest of the page)
            end = low.find("-->", m.end())
            pos = len(markup) if end < 0 else end + 3
            continue
        close = low.find("</" + m[1].lower(), m.end())
        if close < 0:  # never closed: kept as text (a superset costs an extraction, a loss a page)
            out.append(" ")
            pos = m.end()
            continue
        json_ld = m[1].lower() == "script" and "ld+json" in m[2].lower()
        out.append(_json_text(markup[m.end():close]) if json_ld else " ")
        end = low.find(">", close)
        pos = len(markup) if end < 0 else end + 1
    out.append(markup[pos:])
    return "".join(out)


def visible_text(markup: str) -> str:
    """Every piece of text of ``markup`` an extractor could keep, with the tags' word boundaries."""
    text = _TAG.sub(" ", _INLINE.sub("", without_hidden(markup)))
    return html.unescape(text) if "&" in text else text


def page_language(markup: str) -> str | None:
    """The language code the page declares on its ``<html>`` element, if any."""
    m = _HTML_LANG.search(markup, 0, 4096)
    return m[1].lower() if m else None
