"""Text-level boilerplate cleaner for plain-text scrapes and trafilatura's output.

The input is one paragraph per line. The cleaner drops a line only when the WHOLE line matches a cue
from ``data/boilerplate.toml`` (plus any user cue files) or has the shape of page furniture in the place
where furniture stands; kept lines are never edited, so later character offsets point into text the
page really contained (the one exception: a crawler's date marker glued to the start of the text is cut
off the first line). In order:

1. **The head** (:mod:`corridor_ie.ingest.head`): site chrome above the article (navigation, site names,
   labels, the date the page was viewed) goes; the headline is chosen; date and source lines are read
   into ``published`` and ``byline`` and go.
2. **Blocks**: a stop marker of the page's tail ("Tin cùng chuyên mục", "相关新闻" followed by teasers,
   comments) drops the rest of the text ("teaser_block"); a related-news cue followed by body text is an
   empty box and only the cue goes; a teaser block in the middle of the article goes and the body after
   it stays (decided by the block, see ``[related]`` in the cue file).
3. **Line rules**: share bars, navigation, image file names and placeholders, credits, photo captions
   (moved to ``captions``), a duplicated headline, related-links boxes.
4. **The tail**: short final credits and date lines.

Every removal is recorded as a :class:`~corridor_ie.types.Removal`. When truncating at a stop marker
leaves less than ``fallback_min_ratio`` of the input, the truncation is undone; if even the line rules
leave too little, the text is returned whole. Both set ``fell_back`` and add a ``fallback`` removal
entry (with empty text when nothing was removed) that says what was not applied.

Example:
    >>> cues = load_cues()
    >>> r = clean_text("Trang chủ\\nHai tỉnh bàn hợp tác cửa khẩu\\nĐoạn thân bài.\\nfb yt zl tw", cues)
    >>> r.text, r.title
    ('Hai tỉnh bàn hợp tác cửa khẩu\\nĐoạn thân bài.', 'Hai tỉnh bàn hợp tác cửa khẩu')
    >>> [x.kind for x in r.removed]
    ['navigation', 'share_residue']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..types import Removal
from .cues import EDGE_JUNK, Cues, Rule, load_cues, phrase_key
from .head import Head, read_head
from .shapes import Line, is_body, is_label, is_unended_caption, shape_key, split_lines

__all__ = ["CleanResult", "Cues", "Rule", "clean_text", "load_cues", "phrase_key"]

# Whole-line rules that simply drop the line; tried in this order (kind = section name).
SIMPLE_RULES = ("navigation", "share_residue", "credit", "related_link")
CREDIT_KINDS = ("credit",)
_SENTENCE_END = ".。!！?？…:：;；\"”’»)）"
_LINK_START = (">>", "»", "•", "·", "*", "-", "–", "+", "![")
_BULLETS = " \t\u3000•·*-–—»>"  # stripped from the left of a headline line ("  • Tiêu đề")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TIME = re.compile(r"(?<!\d)\d{1,2}[:h]\d{2}(?!\d)")


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text, the captions moved out of it, what was removed and whether cleaning fell back;
    from the head of a scrape: the headline (a line of ``text``), the publication date and the byline."""

    text: str
    captions: tuple[str, ...]
    removed: tuple[Removal, ...]
    fell_back: bool
    title: str | None = None
    published: str | None = None
    byline: str | None = None


# --------------------------------------------------------------------------- blocks


def _is_headline_like(line: Line, cues: Cues) -> bool:
    """A related-box entry: short and not ending like a sentence."""
    return len(line.nfc) <= cues.limit("box_max_chars") and not line.nfc.endswith(tuple(_SENTENCE_END))


def _is_teaser(line: Line, cues: Cues) -> bool:
    """A line of a teaser list: a headline, a line with its own date or link bullet, or page furniture."""
    text = line.nfc
    if _is_headline_like(line, cues) or text.startswith(_LINK_START):
        return True
    if len(text) <= 300 and (cues.datelines.pattern.search(text) or _TIME.search(text)) and not is_body(text, cues):
        return True
    return any(cues.rule(k).match(text) is not None
               for k in ("stop", "related", "box", "navigation", "share_residue", "image_filename", "image_placeholder"))


def _teaser_run(lines: list[Line], start: int, cues: Cues) -> tuple[int, int | None]:
    """End (exclusive) of the run of teasers starting at ``start``; a sentence right after a teaser
    headline is its summary and belongs to the run. Also returns the position of the run's last line
    when it is such a summary (it may instead be the article's next paragraph)."""
    pos, prev_headline, last_summary = start, False, None
    while pos < len(lines):
        line = lines[pos]
        if _is_teaser(line, cues):
            prev_headline, last_summary = _is_headline_like(line, cues), None
        elif prev_headline and len(line.nfc) <= 400:
            prev_headline, last_summary = False, pos  # the teaser's summary
        else:
            break
        pos += 1
    return pos, last_summary


def _resumes(lines: list[Line], start: int, cues: Cues) -> bool:
    """Whether ``resume_min_lines`` body paragraphs in a row start at ``start``."""
    need = cues.limit("resume_min_lines")
    run = lines[start:start + need]
    return len(run) == need and all(is_body(line.nfc, cues) for line in run)


@dataclass(frozen=True)
class _Blocks:
    stop_at: int | None  # truncate from here
    stop_reason: str
    removed: dict[int, Removal]  # empty boxes and teaser blocks inside the article


def _find_blocks(lines: list[Line], cues: Cues, start: int) -> _Blocks:
    """Stop markers and related-news blocks after position ``start`` that pass the position guards."""
    stop, related = cues.rule("stop"), cues.rule("related")
    max_chars = cues.limit("stop_max_chars")
    removed: dict[int, Removal] = {}
    chars_before = sum(len(line.nfc) for line in lines[:start])
    pos = start
    while pos < len(lines):
        line = lines[pos]
        guarded = (len(line.nfc) <= max_chars and pos >= cues.limit("stop_min_lines_before")
                   and chars_before >= cues.limit("stop_min_chars_before"))
        if guarded and stop.match(line.nfc) is not None:
            return _Blocks(pos, "stop marker: the rest is teasers or comments", removed)
        if len(line.nfc) <= max_chars and related.match(line.nfc) is not None:
            run_end, last_summary = _teaser_run(lines, pos + 1, cues)
            if last_summary is not None and not _resumes(lines, run_end, cues) and _resumes(lines, last_summary, cues):
                run_end = last_summary  # the "summary" was the article going on
            if run_end == pos + 1 and pos + 1 < len(lines):
                removed[pos] = Removal("related_link", line.raw,
                                       "related-news cue followed by body text: an empty box, only the cue goes")
                pos += 1
                continue
            if guarded and not _resumes(lines, run_end, cues):
                return _Blocks(pos, "stop marker (related news) and a run of teasers: the rest is teasers or comments",
                               removed)
            reason = f"related-news block of {run_end - pos - 1} teaser line(s); the article goes on after it"
            for p in range(pos, run_end):
                removed[p] = Removal("related_link", lines[p].raw, reason)
            chars_before += sum(len(x.nfc) for x in lines[pos:run_end])
            pos = run_end
            continue
        chars_before += len(line.nfc)
        pos += 1
    return _Blocks(None, "", removed)


# --------------------------------------------------------------------------- line rules


@dataclass
class _State:
    kept: list[Line]
    captions: list[str]
    removed: list[Removal]


def _caption_payload(text: str) -> str:
    return text.strip().strip(" -–—|").strip()


def _between_paragraphs(lines: list[Line], pos: int, cues: Cues) -> bool:
    """Whether the line before ``pos`` is a body paragraph and the line after it a paragraph or another
    caption (a caption sits in the body; a sentence cut by the end of an excerpt is followed by page
    furniture)."""
    if not 0 < pos < len(lines) - 1 or not is_body(lines[pos - 1].nfc, cues):
        return False
    after = lines[pos + 1].nfc
    return is_body(after, cues) or cues.rule("caption").match(after) is not None


def _repeats_head_line(state: _State, line: Line, cues: Cues) -> bool:
    """A line among the first ``title_window`` kept lines that repeats one of them (a headline or lead
    printed twice)."""
    return len(state.kept) < cues.limit("title_window") and any(k.raw == line.raw for k in state.kept)


def _take_caption(state: _State, line: Line, payload: str, reason: str, lines_before: Line | None,
                  body_started: bool, cues: Cues) -> None:
    """Move ``line`` to the captions; a short label line right above it (an image's alt text) goes too."""
    prev = state.kept[-1] if state.kept else None
    if (body_started and prev is not None and lines_before is prev and is_label(shape_key(prev.nfc), cues)
            and len(state.kept) > 1):
        state.kept.pop()
        state.captions.append(prev.nfc)
        state.removed.append(Removal("caption", prev.raw, "short line right above a photo caption (alt text)"))
    state.captions.append(_caption_payload(payload))
    state.removed.append(Removal("caption", line.raw, reason))


def _clean_lines(lines: list[Line], cues: Cues, *, truncate: bool, scrape: bool
                 ) -> tuple[list[Line], list[str], list[Removal], Head, Line | None]:
    """Apply the head scan, the blocks (truncating at a stop marker when ``truncate``) and the line rules.
    Returns kept lines, captions, removals, the head and the stop marker line (if truncated)."""
    head = read_head(lines, cues, scrape=scrape)
    blocks = _find_blocks(lines, cues, head.end)
    stop_at = blocks.stop_at if truncate else None
    body = lines if stop_at is None else lines[:stop_at]
    state = _State([], [], [])
    box, caption_rule, in_body = cues.rule("box"), cues.rule("caption"), cues.rule("caption_in_body")
    caption_max = cues.limit("caption_line_max_chars")
    furniture_max = cues.limit("furniture_max_chars")
    last = _last_text_line(lines, cues)

    cells = _caption_cells(lines)
    after_image = False  # the previous line was an image file name or placeholder
    after_caption = False  # the previous line was a caption
    box_left = 0  # headline lines a related-links box may still swallow
    body_started = False  # a body paragraph has been kept
    for pos, line in enumerate(body):
        text = line.nfc
        prev_line = lines[pos - 1] if pos else None
        was_after_image, after_image = after_image, False
        was_after_caption, after_caption = after_caption, False
        if pos in head.removed:
            state.removed.append(head.removed[pos])
            continue
        if pos in blocks.removed:
            state.removed.append(blocks.removed[pos])
            continue
        if pos == head.title:
            state.kept.append(line)
            continue
        if len(text) > caption_max:  # a paragraph longer than any furniture or caption
            box_left = 0
            state.kept.append(line)
            body_started = True
            continue
        if pos in cells:
            _take_caption(state, line, text.rstrip(" |"), "part of a photo caption cell between bars",
                          None, body_started, cues)
            after_caption = True
            continue
        if box_left and _is_headline_like(line, cues):
            box_left -= 1
            state.removed.append(Removal("related_link", line.raw, "headline in a related-links box"))
            continue
        box_left = 0
        if box.match(text) is not None:
            box_left = cues.limit("box_max_lines")
            state.removed.append(Removal("related_link", line.raw, "related-links box marker"))
            continue
        image_kind = next(
            (k for k in ("image_filename", "image_placeholder") if cues.rule(k).match(text) is not None), None
        )
        if image_kind:
            after_image = True
            state.removed.append(Removal(image_kind, line.raw, "line is only an image file name or placeholder"))
            continue
        caption = caption_rule.match(text) if len(text) <= caption_max else None
        if caption is not None:
            _take_caption(state, line, caption, "line matches a photo-caption cue", prev_line, body_started, cues)
            after_caption = True
            continue
        if len(text) > furniture_max:  # longer than any navigation, share, credit or date line
            if _repeats_head_line(state, line, cues):
                state.removed.append(Removal("duplicate_title", line.raw, "repeats an earlier line verbatim"))
                continue
            state.kept.append(line)
            body_started = body_started or is_body(text, cues)
            continue
        meta = _source_dateline(text, cues)
        if meta is not None:
            state.removed.append(Removal("dateline", line.raw, f"date and source line inside the text: date "
                                         f"{meta.published}, byline {meta.byline!r}"))
            continue
        simple = next((k for k in SIMPLE_RULES if cues.rule(k).match(text) is not None), None)
        if simple:
            state.removed.append(Removal(simple, line.raw, f"whole line matches a [{simple}] cue"))
            continue
        if was_after_image and len(text) <= cues.limit("caption_max_chars"):
            _take_caption(state, line, text, "short line right after an image", None, body_started, cues)
            after_caption = True
            continue
        if was_after_caption and text[:1].islower() and len(text) <= cues.limit("caption_max_chars"):
            _take_caption(state, line, text, "continues the photo caption above it", None, body_started, cues)
            after_caption = True
            continue
        if _repeats_head_line(state, line, cues):
            state.removed.append(Removal("duplicate_title", line.raw, "repeats an earlier line verbatim"))
            continue
        if body_started and pos < last and len(text) <= caption_max and len(state.kept) >= 2:
            payload = in_body.match(text)
            if payload is None and _between_paragraphs(lines, pos, cues) and is_unended_caption(text, cues):
                payload = text
            if payload is not None:
                _take_caption(state, line, payload, "line in the body that reads like a photo caption "
                              "(names who is pictured, no sentence end)", prev_line, body_started, cues)
                after_caption = True
                continue
        state.kept.append(line)
        body_started = body_started or is_body(text, cues)

    _clean_tail(state, cues, head)
    if stop_at is not None:
        marker = lines[stop_at]
        state.removed.append(Removal("teaser_block", marker.raw, blocks.stop_reason))
        reason = f"after stop marker {marker.raw!r} (line {marker.index + 1})"
        state.removed.extend(Removal("teaser_block", line.raw, reason) for line in lines[stop_at + 1:])
        return state.kept, state.captions, state.removed, head, marker
    return state.kept, state.captions, state.removed, head, None


def _last_text_line(lines: list[Line], cues: Cues) -> int:
    """Position of the last line that is not page furniture: an excerpt may end on a cut sentence there."""
    pos = len(lines) - 1
    furniture = ("final_credit", "credit", "navigation", "share_residue", "stop", "related")
    while pos > 0 and (any(cues.rule(k).match(lines[pos].nfc) is not None for k in furniture)
                       or cues.datelines.meta_line(lines[pos].nfc) is not None):
        pos -= 1
    return pos


def _source_dateline(text: str, cues: Cues):
    """A date line that also names its source or author ("发布时间：… 来源：… 作者：…"), wherever it stands
    (extractors sometimes move it below the body); a labelled date alone may be an event's schedule."""
    if len(text) > 220 or not _YEAR.search(text) or not cues.datelines.names_source(text):
        return None
    meta = cues.datelines.meta_line(text)
    return meta if meta is not None and meta.byline and not meta.today else None


def _caption_cells(lines: list[Line]) -> set[int]:
    """Lines of a caption cell split over lines: a lone "|" line, then up to three lines, the last of them
    ending in "|" (a scraped table cell around a photo caption)."""
    cells: set[int] = set()
    for pos, line in enumerate(lines):
        if line.nfc != "|":
            continue
        for end in range(pos + 1, min(pos + 4, len(lines))):
            if lines[end].nfc == "|":
                break
            if lines[end].nfc.endswith("|"):
                cells.update(range(pos + 1, end + 1))
                break
    return cells


def _clean_tail(state: _State, cues: Cues, head: Head) -> None:
    """Short final credits ("Theo TTXVN", a name byline) and date lines, only at the very end."""
    final = cues.rule("final_credit")
    tail: list[Removal] = []
    for _ in range(cues.limit("final_lines")):
        if len(state.kept) <= cues.limit("stop_min_lines_before"):
            break
        last = state.kept[-1]
        if final.match(last.nfc) is not None:
            tail.insert(0, Removal("credit", state.kept.pop().raw, "short source or byline line at the end"))
            continue
        meta = cues.datelines.meta_line(last.nfc) if not is_body(last.nfc, cues) else None
        if meta is None or meta.today:
            break
        said = f"date {meta.published}" + (f" and byline {meta.byline!r}" if meta.byline else "")
        tail.insert(0, Removal("dateline", state.kept.pop().raw, f"date / source line at the end: {said} read out"))
    state.removed.extend(tail)


def _from_datelines(removed: list[Removal], cues: Cues, field: str) -> str | None:
    """The first ``published`` or ``byline`` that a removed date line states."""
    for r in removed:
        if r.kind == "dateline":
            meta = cues.datelines.meta_line(r.text)
            if meta and getattr(meta, field):
                return getattr(meta, field)
    return None


def _byline_of(removed: list[Removal], head: Head, cues: Cues) -> str | None:
    found = head.byline or _from_datelines(removed, cues, "byline")
    if found:
        return found
    credit = next((r for r in removed if r.kind in CREDIT_KINDS), None)
    return credit.text.strip(EDGE_JUNK) or None if credit else None


def _published_of(removed: list[Removal], head: Head, cues: Cues) -> str | None:
    return head.published or _from_datelines(removed, cues, "published")


# --------------------------------------------------------------------------- entry point


def _strip_date_marker(lines: list[Line], cues: Cues) -> tuple[list[Line], Removal | None, str | None]:
    """Cut a crawler's date marker (`` date 2024-05-06 ``) off the first line; return its date."""
    if not lines:
        return lines, None, None
    found = cues.datelines.prefix(lines[0].raw)
    if found is None:
        return lines, None, None
    cut, value = found
    first = lines[0]
    rest = first.raw[cut:].strip()
    removal = Removal("dateline", first.raw[:cut].strip(), f"crawler date marker glued to the first line: "
                      f"publication date {value}")
    return [replace(first, raw=rest, nfc=first.nfc[len(first.nfc) - len(rest):]), *lines[1:]], removal, value


def clean_text(text: str, cues: Cues, *, fallback_min_ratio: float = 0.2, scrape: bool = True) -> CleanResult:
    """Remove boilerplate lines from ``text`` (one paragraph per line) and explain each removal.

    ``scrape``: the text is a plain-text scrape of a whole page (its head holds the headline and the
    date); ``False`` for text extracted from HTML (only cue-matched lines of the head go, no title).

    Output paragraphs are joined by a single ``"\\n"``; each is stripped at its ends but otherwise
    unchanged. If the stop truncation keeps less than ``fallback_min_ratio`` of the input characters,
    the text is cleaned again without it; if that still keeps too little, ``text`` is returned whole
    (blank lines collapsed). Both cases set ``fell_back`` and add a ``fallback`` removal entry.

    Example:
        >>> r = clean_text("Hai tỉnh bàn hợp tác cửa khẩu\\nQuang cảnh hội nghị |\\nThân bài.", load_cues())
        >>> r.text, r.captions
        ('Hai tỉnh bàn hợp tác cửa khẩu\\nThân bài.', ('Quang cảnh hội nghị',))
    """
    if not 0.0 <= fallback_min_ratio <= 1.0:
        raise ValueError(f"fallback_min_ratio must be between 0 and 1, got {fallback_min_ratio}")
    lines, marker_removal, marker_date = _strip_date_marker(split_lines(text), cues)
    total = len("\n".join(line.raw for line in lines))
    floor = fallback_min_ratio * total

    fell_back = False
    kept, captions, removed, head, stop = _clean_lines(lines, cues, truncate=True, scrape=scrape)
    if len("\n".join(k.raw for k in kept)) < floor:
        fell_back = True
        note = None
        if stop is not None:
            kept, captions, removed, head, _ = _clean_lines(lines, cues, truncate=False, scrape=scrape)
            note = Removal("fallback", stop.raw, "not applied: truncating at this stop marker kept less than "
                           f"{fallback_min_ratio:.0%} of the text")
        if len("\n".join(k.raw for k in kept)) < floor:
            note = Removal("fallback", "", f"the cleaner kept less than {fallback_min_ratio:.0%} of the text, "
                           "so the text is kept whole")
            kept, captions, removed, head = lines, [], [], Head({}, None, None, None, 0)
        removed = [*removed, note]
    if marker_removal is not None:
        removed = [marker_removal, *removed]
    title = None
    if head.title is not None and lines[head.title] in kept:
        title = lines[head.title].raw.lstrip(_BULLETS).strip() or None
    published = _published_of(removed, head, cues) or marker_date
    return CleanResult(
        text="\n".join(k.raw for k in kept),
        captions=tuple(captions),
        removed=tuple(removed),
        fell_back=fell_back,
        title=title,
        published=published,
        byline=_byline_of(removed, head, cues),
    )

