"""HTML page to article text with trafilatura, photo captions kept apart.

Steps: (1) a cheap streaming count of element nesting refuses over-deep pages before any tree is
built; (2) lxml's HTML parser (no network, no external entities) builds the tree; (3) caption
elements (``<figcaption>``, elements with a ``caption`` class) are collected and cut out so their text
cannot end up in the body; (4) trafilatura extracts the body, favouring recall, without comments,
one paragraph per line, plus the page metadata. The result still goes through
:func:`corridor_ie.ingest.boilerplate.clean_text` in the pipeline.

``<img alt>`` is not used as a caption: on news sites it mostly repeats the headline or is empty.

Example:
    >>> page = "<html><body><article><p>" + "Hai tỉnh ký biên bản hợp tác. " * 10 + "</p></article></body></html>"
    >>> extract_html(page).text.startswith("Hai tỉnh ký biên bản hợp tác.")
    True
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import lxml.html
import trafilatura
from lxml import etree

from ..errors import ExtractError, LimitExceeded
from ..types import Meta

logging.getLogger("trafilatura").propagate = False  # its warnings are not for our users (underthesea sets up a root handler)

# Elements holding a photo caption; their text goes to ``captions`` and out of the tree.
CAPTION_XPATHS = (
    "//figcaption",
    "//*[contains(translate(@class, 'CAPTION', 'caption'), 'caption')]",
)
CAPTION_MAX_CHARS = 400  # a "caption"-classed element longer than this is a container, not a caption

# Streaming depth count: tags that never nest, tags whose content is raw text, and tags an HTML
# parser closes implicitly when a sibling of the same name opens (inside the same list/table/select).
VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen basefont bgsound frame".split()
)
RAW_TEXT_TAGS = frozenset("script style textarea title xmp noscript iframe noembed noframes plaintext".split())
IMPLIED_END_TAGS = frozenset("p li dt dd tr td th option optgroup rp rt thead tbody tfoot".split())
SCOPE_TAGS = frozenset("ul ol dl menu table select html body".split())

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*>"
    r"|<(/?)([A-Za-z][A-Za-z0-9:._-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_XML_DECL = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^\[>]*\[.*?\]\s*>)?", re.I | re.S)  # and a DTD subset


@dataclass(frozen=True)
class HtmlResult:
    """Body text (one paragraph per line), captions taken out of it, and page metadata."""

    text: str
    captions: tuple[str, ...]
    meta: Meta


def _too_deep(max_depth: int) -> LimitExceeded:
    return LimitExceeded(f"HTML nesting depth over {max_depth} (limit max_html_depth)")


def html_depth(html: str, *, cap: int) -> int:
    """Element nesting depth of ``html`` as an HTML parser would build it (approximately).

    Stops counting and returns ``cap + 1`` as soon as the depth exceeds ``cap``, so the cost stays
    linear however deep the page is. Comments, doctypes and raw-text elements (script, style) are
    skipped; void elements don't nest; ``<p>``, ``<li>``, ``<td>`` … close an open sibling.
    """
    stack: list[str] = []
    deepest = 0
    pos = 0
    while True:
        m = _TOKEN.search(html, pos)
        if m is None:
            return deepest
        pos = m.end()
        name = m.group(2)
        if name is None:
            continue
        name = name.lower()
        if m.group(1):  # end tag: close up to the nearest open element of that name
            for i in range(len(stack) - 1, -1, -1):
                if stack[i] == name:
                    del stack[i:]
                    break
            continue
        if name in VOID_TAGS or m.group(3).rstrip().endswith("/"):
            continue
        if name in IMPLIED_END_TAGS:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i] == name:
                    del stack[i:]
                    break
                if stack[i] in SCOPE_TAGS:
                    break
        stack.append(name)
        deepest = max(deepest, len(stack))
        if deepest > cap:
            return deepest
        if name in RAW_TEXT_TAGS:
            end = re.compile(rf"</{re.escape(name)}\s*>", re.I).search(html, pos)
            pos = end.end() if end else len(html)
            stack.pop()


def _parse(html: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=True, recover=True
    )
    try:
        return lxml.html.document_fromstring(_XML_DECL.sub("", html, count=1), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError("no article text found in the HTML page", hint=str(exc)) from exc


def _take_captions(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """Collect caption texts (document order, de-duplicated) and cut the elements out of ``tree``."""
    found = [el for xpath in CAPTION_XPATHS for el in tree.xpath(xpath)]
    candidates = {el for el in found if len(el.text_content()) <= CAPTION_MAX_CHARS}
    order = {el: i for i, el in enumerate(tree.iter())}
    chosen = [el for el in candidates if not any(a in candidates for a in el.iterancestors())]
    captions: list[str] = []
    for el in sorted(chosen, key=order.__getitem__):
        text = " ".join(el.text_content().split())
        if text and text not in captions:
            captions.append(text)
        el.drop_tree()  # keeps the tail text, which belongs to the parent
    return tuple(captions)


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _declared_lang(tree: lxml.html.HtmlElement) -> str | None:
    lang = (tree.get("lang") or tree.get("xml:lang") or "").strip()
    return lang.split("-")[0].lower() or None


@lru_cache(maxsize=1)
def _lead_cues() -> tuple[tuple[str, ...], int]:
    raw = tomllib.loads(resources.files("corridor_ie.data").joinpath("html.toml").read_text("utf-8"))
    return tuple(raw["lead_markers"]), int(raw["lead_max_chars"])


def _lead(tree) -> str | None:
    """The text of the first lead element (class or id with a lead marker), if it is short enough."""
    markers, max_chars = _lead_cues()
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "head", "meta", "script", "style"):
            continue
        key = f"{el.get('class', '')} {el.get('id', '')}".lower()
        if any(m in key for m in markers):
            text = " ".join(" ".join(el.itertext()).split())
            if 0 < len(text) <= max_chars:
                return text
    return None


def extract_html(html: str, *, url: str | None = None, max_depth: int = 500) -> HtmlResult:
    """Extract the article body, captions and metadata from one HTML page.

    Raises :class:`~corridor_ie.errors.LimitExceeded` when elements nest deeper than ``max_depth``
    and :class:`~corridor_ie.errors.ExtractError` when the page has no article text.
    """
    # 1. refuse over-deep pages before building any tree
    if html_depth(html, cap=max_depth) > max_depth:
        raise _too_deep(max_depth)
    try:
        # 2. parse; 3. captions out of the tree
        tree = _parse(html)
        for nav in tree.xpath("//nav | //*[@role='navigation']"):  # menus are never article text
            nav.drop_tree()
        captions = _take_captions(tree)
        lead = _lead(tree)
        lang = _declared_lang(tree)
        # 4. trafilatura: body as plain text, one paragraph per line, and the metadata
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_formatting=False,
            include_links=False,
            with_metadata=True,
            deduplicate=False,
        )
    except RecursionError as exc:
        raise _too_deep(max_depth) from exc
    text = getattr(doc, "text", None) or ""
    if lead and lead not in text:
        text = lead + "\n" + text
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line and line not in captions)
    if not text:
        raise ExtractError("no article text found in the HTML page")
    meta = Meta(
        title=getattr(doc, "title", None) or None,
        published=_iso_date(getattr(doc, "date", None)),
        url=getattr(doc, "url", None) or url,
        sitename=getattr(doc, "sitename", None) or None,
        lang=lang,
    )
    return HtmlResult(text=text, captions=captions, meta=meta)
