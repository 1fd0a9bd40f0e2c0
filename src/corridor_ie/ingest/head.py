"""The head of a scraped page: site chrome, the headline, the date and byline lines above the body.

A plain-text scrape starts with whatever the crawler kept of the page's top: skip links, the site name,
menus and breadcrumbs, a "today is …" date, labels of the section, the headline (sometimes twice), the
date and source line, share rows. :func:`read_head` walks the first ``head_lines`` lines up to the first
body paragraph and sorts each line:

- *chrome above the headline* ("pre"): ``[navigation]`` and ``[head]`` cues, short labels (at most
  ``label_max_words`` words / ``label_max_cjk`` Han characters, no sentence end) that have a headline
  below them, and date lines that are the day the page was viewed (``today_date``: a "today" word, or
  a bare weekday and date above the headline). These are removed. When the head has no headline at
  all, short labels and ``[head]`` matches stay: an excerpt may start in the middle of a story, on one
  of its subheadings or list items.
- *metadata below the headline* ("post"): date lines (removed as ``dateline``; their date and source /
  author are read into ``published`` and ``byline``), share rows and credits (removed by the cleaner's
  line rules).
- *headline-shaped* lines: no sentence end, at least ``headline_min_words`` words (or
  ``headline_min_cjk`` Han characters), at most ``headline_max_chars`` long.

The headline is chosen among the headline-shaped lines after the last chrome line: the one right
above the first date/byline/share line when there is one (the usual layout, with decks after the date),
else the first. A kicker line ending in ":" above it stays in the text but is not the title.

Example:
    >>> from corridor_ie.ingest.cues import load_cues
    >>> from corridor_ie.ingest.shapes import split_lines
    >>> lines = split_lines("Trang chủ\\nThời sự\\nHai tỉnh bàn hợp tác cửa khẩu\\n"
    ...                     "Cập nhật: 14/03/2024 08:15\\nSáng 13/3, đoàn công tác hai tỉnh đã làm việc tại cửa khẩu.")
    >>> head = read_head(lines, load_cues(), scrape=True)
    >>> lines[head.title].raw, head.published
    ('Hai tỉnh bàn hợp tác cửa khẩu', '2024-03-14')
    >>> sorted(r.kind for r in head.removed.values())
    ['dateline', 'label', 'navigation']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Removal
from .cues import Cues
from .shapes import Line, is_body, is_headline, is_label, shape_key

PRE, POST, HEADLINE, KICKER = "pre", "post", "headline", "kicker"
_NUMBERED = re.compile(r"\d{1,2}[.)]\s")  # "1. Diễn đàn", "2) Hợp tác": a numbered item
# removals that rest on a line's shape or on loose [head] cues: undone when no headline follows them
SHAPE_KINDS = ("label", "site_chrome")


@dataclass(frozen=True)
class Head:
    """What the head scan found. ``removed``: position in the line list -> removal; ``title``: position of
    the headline (kept in the text); ``end``: position of the first line after the head."""

    removed: dict[int, Removal]
    title: int | None
    published: str | None
    byline: str | None
    end: int


def _date_removal(line: Line, published: str | None, byline: str | None) -> Removal:
    said = f"publication date {published}" if published else "a date"
    if byline:
        said += f" and byline {byline!r}"
    return Removal("dateline", line.raw, f"date / source line above the article: {said} read out of the text")


def read_head(lines: list[Line], cues: Cues, *, scrape: bool) -> Head:
    """Sort the head lines of ``lines`` (see the module docstring). With ``scrape=False`` (text extracted
    from HTML, which has its own title) only cue-matched navigation and date lines are read."""
    removed: dict[int, Removal] = {}
    marks: list[tuple[int, str]] = []
    published = byline = None
    seen_headline = False
    end = min(len(lines), cues.limit("head_lines"))
    datelines = cues.datelines
    for pos, line in enumerate(lines[:end]):
        text = line.nfc
        if is_body(text, cues):
            end = pos
            break
        meta = datelines.meta_line(text)
        if meta is not None:
            if meta.today or (meta.bare and not seen_headline):
                removed[pos] = Removal("today_date", line.raw, "the date the page was viewed ('today' or a weekday "
                                       "and date above the headline), not the publication date")
                marks.append((pos, PRE))
            else:
                published = published or meta.published
                byline = byline or meta.byline
                removed[pos] = _date_removal(line, meta.published, meta.byline)
                marks.append((pos, POST))
            continue
        if cues.rule("navigation").match(text) is not None:
            removed[pos] = Removal("navigation", line.raw, "whole line matches a [navigation] cue")
            marks.append((pos, POST if seen_headline else PRE))
            continue
        if scrape and cues.rule("head").match(text) is not None:
            removed[pos] = Removal("site_chrome", line.raw, "site name, banner or menu above the article ([head] cue)")
            marks.append((pos, PRE))
            continue
        if any(cues.rule(k).match(text) is not None for k in ("share_residue", "credit")):
            marks.append((pos, POST))  # removed by the line rules
            continue
        if not scrape or any(cues.rule(k).match(text) is not None
                             for k in ("caption", "image_filename", "image_placeholder", "related_link")):
            continue  # left to the line rules
        key = shape_key(text)
        if _NUMBERED.match(key):
            marks.append((pos, KICKER))  # a menu item or a numbered section: kept, never the title
        elif is_headline(key, cues):
            marks.append((pos, HEADLINE))
            seen_headline = True
        elif key.endswith((":", "：")) and is_headline(key[:-1], cues):
            marks.append((pos, KICKER))
        elif is_label(key, cues):
            removed[pos] = Removal("label", line.raw, "short label in the page head (site section, menu item)")
            marks.append((pos, POST if seen_headline else PRE))
        else:
            end = pos
            break
    # a short line with no headline after it may be the article's own subheading (an excerpt that starts
    # in the middle of a story): only labels above a headline are chrome for sure
    if not any(kind == HEADLINE for _, kind in marks):
        removed = {pos: r for pos, r in removed.items() if r.kind not in SHAPE_KINDS}
    title = _choose_title(marks) if scrape else None
    return Head(removed, title, published, byline, end)


def _choose_title(marks: list[tuple[int, str]]) -> int | None:
    last_pre = max((p for p, kind in marks if kind == PRE), default=-1)
    headlines = [p for p, kind in marks if kind == HEADLINE and p > last_pre]
    posts = [p for p, kind in marks if kind == POST and p > last_pre]
    if not headlines:
        return None
    above_meta = [h for h in headlines if posts and h < posts[0]]
    return above_meta[-1] if above_meta else headlines[0]
