"""Page metadata (title, date, url, site name, author) from trafilatura's metadata functions, only the fields we keep.

``trafilatura.bare_extraction(with_metadata=True)`` also extracts authors, categories, tags and the
licence, and runs htmldate's *extensive* search, which scans the whole page text for anything that
looks like a date. On a news page that is most of the extraction cost and none of it reaches a
record. Here the same library functions run for the fields we write, and htmldate looks only
where a publisher declares a date (meta tags, JSON-LD, ``<time>``, the URL) and in the page's
markup, not in free text. A page whose only date is in its prose gets ``published: null``; the
article-year rule in :mod:`corridor_ie.tag.dates` then reads the year from the text itself.

Example:
    >>> import lxml.html
    >>> tree = lxml.html.fromstring('<html><head><title>Tin A | Báo B</title>'
    ...     '<meta property="article:published_time" content="2024-11-06T08:00:00+07:00"></head>'
    ...     '<body><p>x</p></body></html>')
    >>> m = page_metadata(tree, url="https://b.vn/tin-a.html")
    >>> (m.title, m.published, m.url)
    ('Tin A', '2024-11-06', 'https://b.vn/tin-a.html')
"""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlsplit

from htmldate import find_date
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url

from ..types import Meta

log = logging.getLogger(__name__)

#: htmldate options: the publication date as declared, no free-text scan; today is the upper bound
DATE_OPTIONS = {"original_date": True, "extensive_search": False}


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _declared_lang(tree) -> str | None:
    lang = (tree.get("lang") or tree.get("xml:lang") or "").strip()
    return lang.split("-")[0].lower() or None


def _site_from_url(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def page_metadata(tree, url: str | None = None) -> Meta:
    """Title, publication date, canonical url, site name, declared language and author of a parsed page."""
    found = examine_meta(tree)
    try:
        found = extract_meta_json(tree, found)
    except Exception as exc:  # noqa: BLE001 - a malformed JSON-LD block costs that block, not the page
        log.debug("JSON-LD metadata skipped: %s", exc)
    title = found.title or extract_title(tree)
    page_url = found.url or extract_url(tree, url)
    sitename = (found.sitename or extract_sitename(tree) or "").lstrip("@")
    if sitename and "." not in sitename and not sitename[0].isupper():
        sitename = sitename.title()
    published = find_date(tree, url=page_url, max_date=date.today().isoformat(), **DATE_OPTIONS)
    return Meta(
        title=" ".join(title.split()) if title else None,
        published=_iso_date(published),
        url=page_url or url,
        sitename=sitename or _site_from_url(page_url or url),
        lang=_declared_lang(tree),
        byline=" ".join(found.author.split()) if found.author else None,
    )
