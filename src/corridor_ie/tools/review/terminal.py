"""The terminal form of a review: the text with ``[mention](LABEL:id)`` marks (outermost mentions), then
one line per record (``field=value``, values as a reader writes them).

Text from an article is printed as text: control characters (escape sequences that clear the screen or
set the window title, backspace, bell, carriage return, bidirectional overrides) and lone surrogates are
shown as ``\\x1b``-style escapes instead of being sent to the terminal.

Example:
    >>> printable("ok\\x1b[2J\\x07 \\u202e")
    'ok\\\\x1b[2J\\\\x07 \\\\u202e'
"""

from __future__ import annotations

import re
from typing import Any

from .page import Review, text_of

#: C0 and C1 controls (but newline and tab), bidirectional controls, and lone surrogates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on written as an escape."""
    return _UNSAFE.sub(_escape, text)


def render_text(review: Review) -> str:
    a = review.article
    text = a.get("text") or ""
    out, pos = [], 0
    entities = sorted((e for e in a.get("entities") or [] if isinstance(e, dict)),
                      key=lambda e: (e["start"], -e["end"]))
    for e in entities:
        if e["start"] < pos:
            continue
        out.append(text[pos:e["start"]])
        out.append(f"[{e['text']}]({e['label']}{':' + e['id'] if e.get('id') else ''})")
        pos = e["end"]
    out.append(text[pos:])
    lines = ["".join(out), ""]
    for r in review.records:
        lines.append(" ".join(f"{k}={_value(v)}" for k, v in r.items()
                              if k not in ("evidence", "schema_version", "doc_id") and v not in (None, [], "", {})))
    return printable("\n".join(lines))


def _value(v: Any) -> str:
    if isinstance(v, dict) and v.get("id"):
        return f"{text_of(v)}({v['id']})"
    if isinstance(v, list):
        return ",".join(_value(x) for x in v)
    return text_of(v)
