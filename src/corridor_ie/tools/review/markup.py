"""A small HTML builder in which every value is escaped unless it was built here.

``el(tag, attrs, *children)`` returns :class:`Markup`; a plain ``str`` child or attribute value is always
escaped (``html.escape`` with quotes), so text from an article can never open an element or leave an
attribute. Tag and attribute names are checked against fixed lists (they come from this package's code,
never from data). ``safe_url`` lets only http(s) URLs become links; ``safe_lang`` turns a language code
into a BCP 47 shaped tag or ``und``.

Example:
    >>> el("a", {"href": "#m-1", "title": 'say "hi"'}, "<b>")
    '<a href="#m-1" title="say &quot;hi&quot;">&lt;b&gt;</a>'
    >>> safe_lang('"><img src=x onerror=alert(1)>'), safe_lang("zh-Hant")
    ('und', 'zh-Hant')
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

TAGS = frozenset({"html", "head", "meta", "title", "style", "body", "header", "main", "section", "footer", "nav",
                  "h1", "h2", "h3", "p", "div", "span", "mark", "a", "table", "thead", "tbody", "tr", "th", "td",
                  "ul", "ol", "li", "details", "summary", "code", "small", "label", "input", "dl", "dt", "dd",
                  "strong", "em", "br"})
VOID = frozenset({"meta", "input", "br"})
_ATTR = re.compile(r"[a-z][a-z-]*")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


class Markup(str):
    """HTML built by this module (trusted); any other string is text and gets escaped."""


def esc(value: object) -> Markup:
    """``value`` as HTML text: Markup stays as it is, anything else is escaped."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=True))


def join(parts: Iterable[object], sep: str = "") -> Markup:
    return Markup(esc(sep).join(esc(p) for p in parts))


def attributes(attrs: dict[str, object] | None) -> str:
    out = []
    for name, value in (attrs or {}).items():
        if not _ATTR.fullmatch(name) or name.startswith("on"):
            raise ValueError(f"attribute name {name!r} is not allowed")
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{html.escape(str(value), quote=True)}"')
    return "".join(out)


def open_tag(tag: str, attrs: dict[str, object] | None = None) -> Markup:
    if tag not in TAGS:
        raise ValueError(f"tag {tag!r} is not allowed")
    return Markup(f"<{tag}{attributes(attrs)}>")


def el(tag: str, attrs: dict[str, object] | None = None, *children: object) -> Markup:
    """``<tag attrs>children</tag>``; ``children`` are Markup, text (escaped), or lists of those."""
    inner = "".join(esc(c) if not isinstance(c, list | tuple) else join(c) for c in children if c is not None)
    if tag in VOID:
        return open_tag(tag, attrs)
    return Markup(f"{open_tag(tag, attrs)}{inner}</{tag}>")


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) URL (a link to click), else None (shown as text)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def safe_lang(code: object) -> str:
    """A language tag for ``<html lang>``: the code when it is shaped like one, else ``und``."""
    return code if isinstance(code, str) and _LANG.fullmatch(code) else "und"


def safe_id(text: str) -> str:
    """An element id / class part made of letters, digits and dashes only."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"
