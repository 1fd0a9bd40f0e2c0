"""The cleaned text as HTML: one ``<p>`` per line, exactly its characters (spaces and punctuation kept:
the page styles paragraphs ``white-space: pre-wrap``), with spans of several layers (mentions,
evidence sentences, record fields) as nested elements.

Spans may nest or cross. The text is cut at every span boundary and line break; each piece is wrapped
in the spans that cover it, outermost (earliest start, then longest) first. A span interrupted by the
end of an outer span or of a line is continued in a new element: only the first piece carries the id,
the later ones the class ``cont``, and every piece but the last the class ``cut`` (so an inline label
shown after a mention appears once, after its last piece).

Example:
    >>> spans = [Span(0, 9, "mark", {"id": "m-1", "class": "m"}), Span(4, 9, "mark", {"class": "m"})]
    >>> render("Bùi Văn A.\\nB", spans)
    '<p><mark id="m-1" class="m">Bùi <mark class="m">Văn A</mark></mark>.</p><p>B</p>'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .markup import Markup, esc, open_tag


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tag: str
    attrs: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    rank: int = 0  # among spans with the same extent, the lower rank is outside


@dataclass
class _Open:
    span: Span
    first: bool
    token: int  # index of the opening tag in the output


def _open(piece: _Open, cut: bool) -> Markup:
    extra = ([] if piece.first else ["cont"]) + (["cut"] if cut else [])
    attrs = {k: v for k, v in piece.span.attrs.items() if piece.first or k != "id"}
    if extra:  # kept in its place among the attributes
        attrs["class"] = " ".join(([str(attrs["class"])] if attrs.get("class") else []) + extra)
    return open_tag(piece.span.tag, attrs)


def render(text: str, spans: list[Span]) -> Markup:
    """``text`` as paragraphs with ``spans`` (character offsets into ``text``) as nested elements."""
    spans = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)),
                   key=lambda s: (s.start, -s.end, s.rank))
    cuts = {0, len(text)} | {s.start for s in spans} | {s.end for s in spans}
    cuts |= {i for i, ch in enumerate(text) if ch == "\n"} | {i + 1 for i, ch in enumerate(text) if ch == "\n"}
    points = sorted(cuts)
    tokens: list[object] = []  # Markup, or an _Open placeholder patched when the piece closes
    stack: list[_Open] = []
    opened: set[int] = set()
    paragraph: list[object] = []

    def close_to(depth: int, pos: int) -> None:
        while len(stack) > depth:
            piece = stack.pop()
            paragraph[piece.token] = _open(piece, cut=pos < piece.span.end)
            paragraph.append(Markup(f"</{piece.span.tag}>"))

    def end_paragraph(pos: int) -> None:
        close_to(0, pos)
        if any(paragraph):
            tokens.append(Markup("<p>"))
            tokens.extend(paragraph)
            tokens.append(Markup("</p>"))
        paragraph.clear()

    start = 0
    covering: list[Span] = []
    for a, b in zip(points, points[1:], strict=False):
        if text[a:b] == "\n":
            end_paragraph(a)
            continue
        covering = [s for s in spans if s.start <= a and b <= s.end]
        depth = 0
        while depth < len(stack) and depth < len(covering) and stack[depth].span is covering[depth]:
            depth += 1
        close_to(depth, a)
        for s in covering[depth:]:
            first = id(s) not in opened
            opened.add(id(s))
            stack.append(_Open(s, first, len(paragraph)))
            paragraph.append(Markup(""))  # replaced by the opening tag when the piece closes
        paragraph.append(esc(text[a:b]))
        start = b
    end_paragraph(start)
    return Markup("".join(str(t) for t in tokens))
