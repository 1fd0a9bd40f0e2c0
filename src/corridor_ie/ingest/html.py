"""HTML page to article text with trafilatura, photo captions kept apart.

Steps: (1) lxml's HTML parser (C; no network, no external entities) builds the tree, and a page
nesting elements deeper than ``max_depth`` is refused before any Python code walks it (trafilatura
recurses); (2) ``<nav>`` menus are dropped, and caption elements (``<figcaption>``, elements with a
``caption`` class) are collected and cut out so their text cannot end up in the body; teaser lists
(an element whose class or id has a ``teaser_markers`` word and that holds links: "related news",
"tin cùng chuyên mục" boxes) are cut out too, with the teaser summaries in them; (3) trafilatura
extracts the body, favouring recall, without comments, one paragraph per line; the page metadata comes
from :mod:`corridor_ie.ingest.html_meta`; (4) the article's lead ("sapo"), which trafilatura often
drops, is put back in front of the body, but only when it is the article's own: an element with a
``lead_markers`` word, before the body's first paragraph and inside the same container, not in a list
and not beside a headline link (a teaser's summary looks exactly like a lead). The result still goes
through :func:`corridor_ie.ingest.boilerplate.clean_text` in the pipeline.

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
    """``data/html.toml``: words that, in an element's class or id, mark the article's lead ("sapo") and
    the boxes of teasers (related news, more stories)."""

    lead_markers: list[str] = Field(default_factory=list)
    lead_max_chars: int = 1200  # the longest text a lead may have (longer elements are containers)
    teaser_markers: list[str] = Field(default_factory=list)
    teaser_link_min_chars: int = 12  # a link this long next to a summary is a teaser's headline
    teaser_link_share: float = Field(default=0.25, ge=0, le=1)  # share of a teaser box's text in links


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


ITEM_EXTRA_CHARS = 300  # a teaser item holds its summary and little more (a headline, a date)
_LISTS = {"li", "ul", "ol", "nav", "aside", "footer", "menu"}
_SKIP = {"html", "body", "head", "meta", "script", "style"}


def _marked(tree, markers: list[str]) -> list:
    """The elements (document order) whose class or id contains one of ``markers`` (case-insensitive).
    One XPath for the elements that have a class or id, then a plain substring test in Python: an
    XPath that lower-cases and tests every marker on every element costs more than the extraction."""
    words = tuple(m.lower() for m in markers if m)
    if not words:
        return []
    found = []
    for el in tree.xpath("//*[@class or @id]"):
        key = f"{el.get('class', '')} {el.get('id', '')}".lower()
        if any(w in key for w in words):
            found.append(el)
    return found


def _headline_link_beside(el, min_chars: int) -> bool:
    """Whether the element sits in a small item with a link of headline length outside the element (a
    teaser item: ``<a><h3>headline</h3></a><p class="description">summary</p>``)."""
    parent = el.getparent()
    if parent is None:
        return False
    own = len(" ".join(el.text_content().split()))
    if len(" ".join(parent.text_content().split())) > own + ITEM_EXTRA_CHARS:
        return False  # the parent is a container (the article), not a teaser item
    inside = set(el.iter("a"))
    return any(a not in inside and len(" ".join(a.text_content().split())) >= min_chars for a in parent.iter("a"))


def _drop_teasers(tree, table: HtmlTable) -> None:
    """Cut out the teaser lists (marked containers holding links) and the teaser summaries beside
    headline links; an empty box (no link) stays for the text cleaner."""
    boxes = [el for el in _marked(tree, table.teaser_markers) if el.tag not in _SKIP and el.find(".//a") is not None]
    chosen = [el for el in boxes if not any(a in boxes for a in el.iterancestors())]
    for el in chosen:
        if _is_teaser_box(el, table):
            el.drop_tree()


def _is_teaser_box(el, table: HtmlTable) -> bool:
    """A box of links: no headline of its own (``<h1>``) and at least ``teaser_link_share`` of its text in
    links (a page wrapper that happens to carry a marker word holds the article: few links)."""
    if el.find(".//h1") is not None:
        return False
    total = len("".join(el.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in el.iter("a"))
    return total == 0 or linked >= table.teaser_link_share * total


def _is_own_lead(el, tree, body_start, table: HtmlTable) -> bool:
    if el.tag in _SKIP or any(a.tag in _LISTS for a in el.iterancestors()) or el.tag in _LISTS:
        return False
    if _headline_link_beside(el, table.teaser_link_min_chars):
        return False
    if body_start is None:
        return True
    order = {e: i for i, e in enumerate(tree.iter())}
    if order.get(el, 0) > order.get(body_start, 0):
        return False  # after the body's first paragraph: not a lead
    shared = set(body_start.iterancestors()) & set(el.iterancestors())
    return any(a.tag not in ("html", "body") for a in shared)


def _body_start(tree, first_line: str):
    """The element holding the first line of the extracted body (its first 40 characters)."""
    probe = " ".join(first_line.split())[:40]
    if not probe:
        return None
    for tags in (("p",), ("div", "section", "td", "span", "h2", "h3", "blockquote", "li")):
        for el in tree.iter(*tags):
            text = " ".join(el.text_content().split())
            if text.startswith(probe) and len(text) < len(first_line) + 400:
                return el
    return None


def _lead(tree, table: HtmlTable, text: str) -> str | None:
    """The article's own lead (see the module docstring) when trafilatura's ``text`` lacks it or puts it
    after the first paragraph (with ``favor_recall`` it appends what it was unsure of)."""
    lines = text.split("\n")
    body_start = None
    for el in _marked(tree, table.lead_markers):
        lead = " ".join(" ".join(el.itertext()).split())
        if not 0 < len(lead) <= table.lead_max_chars or lead == lines[0]:
            continue
        if lead in text and lead not in lines:
            continue  # part of a longer paragraph: trafilatura has it in place
        if body_start is None and text:
            body_start = _body_start(tree, lines[0])
        if lead in lines and body_start is None:
            continue  # already in the text, and where the body starts is unknown: leave it in place
        if _is_own_lead(el, tree, body_start, table):
            return lead
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
        table = table or shipped_table()
        captions = _take_captions(tree)
        _drop_teasers(tree, table)
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
        text = getattr(doc, "text", None) or ""
        lead = _lead(tree, table, text)
    except RecursionError as exc:
        raise _too_deep(max_depth) from exc
    if lead:
        text = "\n".join([lead, *(line for line in text.split("\n") if line != lead)])
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line and line not in captions)
    if not text:
        raise ExtractError("no article text found in the HTML page")
    return HtmlResult(text=text, captions=captions, meta=meta)

