"""HTML page to article text with trafilatura, photo captions kept apart.

Steps: (1) lxml's HTML parser (C; no network, no external entities) builds the tree, and a page
nesting elements deeper than ``max_depth`` is refused before any Python code walks it (trafilatura
recurses); (2) ``<nav>`` menus are dropped, and caption elements (``<figcaption>``, elements with a
``caption`` class) are collected and cut out so their text cannot end up in the body; (3) trafilatura
extracts the body, favouring recall, without comments, one paragraph per line; the page metadata comes
from :mod:`corridor_ie.ingest.html_meta`. The result still goes through
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
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import lxml.html
import trafilatura
from lxml import etree
from pydantic import Field

from ..errors import ExtractError, LimitExceeded
from ..tables import Table, load_table
from ..types import Meta
from .html_meta import page_metadata

logging.getLogger("trafilatura").propagate = False  # its warnings are not for our users (underthesea sets up a root handler)

# Elements holding a photo caption; their text goes to ``captions`` and out of the tree.
CAPTION_XPATHS = (
    "//figcaption",
    "//*[contains(translate(@class, 'CAPTION', 'caption'), 'caption')]",
)
CAPTION_MAX_CHARS = 400  # a "caption"-classed element longer than this is a container, not a caption

_XML_DECL = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^\[>]*\[.*?\]\s*>)?", re.I | re.S)  # and a DTD subset


@dataclass(frozen=True)
class HtmlResult:
    """Body text (one paragraph per line), captions taken out of it, and page metadata."""

    text: str
    captions: tuple[str, ...]
    meta: Meta


def _too_deep(max_depth: int) -> LimitExceeded:
    return LimitExceeded(f"HTML nesting depth over {max_depth} (limit max_html_depth)")


class HtmlTable(Table):
    """``data/html.toml``: words that, in an element's class or id, mark the article's lead ("sapo")."""

    lead_markers: list[str] = Field(default_factory=list)
    lead_max_chars: int = 1200  # the longest text a lead may have (longer elements are containers)


@lru_cache(maxsize=8)  # compiled once per depth limit: a memo of a constant
def _depth_probe(cap: int) -> etree.XPath:
    # an element ``cap + 1`` levels below the document root; libxml2 walks level by level and the
    # node-set of a normal page is empty after a few dozen levels, so the cost stays linear
    return etree.XPath("/" + "/".join(["*"] * (cap + 1)))


def deeper_than(tree: lxml.html.HtmlElement, cap: int) -> bool:
    """Whether the parsed page nests elements more than ``cap`` deep (``<html>`` is depth 1)."""
    return bool(_depth_probe(cap)(tree))


def parse_html(html: str) -> lxml.html.HtmlElement:
    """The page as an lxml tree: comments and processing instructions dropped, no network, no depth cap
    (the caller checks depth), an XML declaration or DTD subset in front removed unread."""
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
    if not candidates:
        return ()
    order = {el: i for i, el in enumerate(tree.iter())}
    chosen = [el for el in candidates if not any(a in candidates for a in el.iterancestors())]
    captions: list[str] = []
    for el in sorted(chosen, key=order.__getitem__):
        text = " ".join(el.text_content().split())
        if text and text not in captions:
            captions.append(text)
        el.drop_tree()  # keeps the tail text, which belongs to the parent
    return tuple(captions)


def shipped_table() -> HtmlTable:
    """The shipped ``data/html.toml`` (read on each call: the stage reads it once and passes it)."""
    return load_table(files("corridor_ie.data").joinpath("html.toml"), HtmlTable)


def _lead(tree, table: HtmlTable) -> str | None:
    """The text of the first lead element (class or id with a lead marker), if it is short enough."""
    markers, max_chars = table.lead_markers, table.lead_max_chars
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "head", "meta", "script", "style"):
            continue
        key = f"{el.get('class', '')} {el.get('id', '')}".lower()
        if any(m in key for m in markers):
            text = " ".join(" ".join(el.itertext()).split())
            if 0 < len(text) <= max_chars:
                return text
    return None


def extract_html(html: str, table: HtmlTable | None = None, *, url: str | None = None,
                 max_depth: int = 500) -> HtmlResult:
    """Extract the article body, captions and metadata from one HTML page.

    Raises :class:`~corridor_ie.errors.LimitExceeded` when elements nest deeper than ``max_depth``
    and :class:`~corridor_ie.errors.ExtractError` when the page has no article text.
    """
    try:
        # 1. parse, and refuse over-deep pages before any Python code walks the tree
        tree = parse_html(html)
        if deeper_than(tree, max_depth):
            raise _too_deep(max_depth)
        # 2. menus and captions out of the tree; the lead and the metadata
        for nav in tree.xpath("//nav | //*[@role='navigation']"):  # menus are never article text
            nav.drop_tree()
        captions = _take_captions(tree)
        lead = _lead(tree, table or shipped_table())
        meta = page_metadata(tree, url)
        # 3. trafilatura: body as plain text, one paragraph per line
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_formatting=False,
            include_links=False,
            with_metadata=False,
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
    return HtmlResult(text=text, captions=captions, meta=meta)


# --- the page's shape, checked on the text before any parser sees it ---------------------------------

_TAG_START_RE = re.compile(r"<[A-Za-z]")
_ATTRIBUTE_RE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?""")


def check_shape(html: str, max_elements: int, max_attributes: int) -> None:
    """Refuse a page whose shape makes parsing or extraction slow in C code, before it is parsed: more
    than ``max_elements`` tags (trafilatura's XPath work grows with the square of the paragraphs) or a tag
    with more than ``max_attributes`` attributes (libxml2 compares each attribute with the others).
    Linear in the page's length; raises :class:`~corridor_ie.errors.LimitExceeded`.

    >>> check_shape("<p>Hai tỉnh họp.</p>" * 3, max_elements=2, max_attributes=10)
    Traceback (most recent call last):
    ...
    corridor_ie.errors.LimitExceeded: HTML page has 3 tags, over the limit of 2 (max_html_elements)
    """
    if html.count("<") > max_elements:
        tags = len(_TAG_START_RE.findall(html))
        if tags > max_elements:
            raise LimitExceeded(f"HTML page has {tags:,} tags, over the limit of {max_elements:,} (max_html_elements)")
    # a tag with more attributes than the limit is at least twice as long (" a" each): only such long
    # tags are counted; ``[^<>]`` keeps the scan linear on text full of '<'
    for m in re.finditer(rf"<[A-Za-z][^<>\s]*([^<>]{{{2 * max_attributes},}})", html):
        attrs = sum(1 for _ in _ATTRIBUTE_RE.finditer(m.group(1)))
        if attrs > max_attributes:
            raise LimitExceeded(f"an HTML tag has {attrs:,} attributes, over the limit of {max_attributes:,} "
                                "(max_html_attributes)")
