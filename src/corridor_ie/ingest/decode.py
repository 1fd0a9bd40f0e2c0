"""Bytes to text: find the encoding of one document and decode it, or say in one line why not.

The order is fixed and cheap checks come first:

1. a byte-order mark (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE);
2. UTF-16 without a BOM, recognised by its pattern of NUL bytes;
3. NUL bytes anywhere else mean binary data;
4. strict UTF-8;
5. the declared charset (``<meta charset>``, an HTTP ``Content-Type`` header), when given;
6. charset-normalizer for legacy encodings, with a plausibility score that makes Windows-1258
   win for Vietnamese bytes (charset-normalizer alone sometimes prefers Windows-1250 or 1252).

The text is returned as decoded: Windows-1258 stores tone marks as combining characters, so its text
is NFD-like. Unicode normalisation (NFC) is the normalise stage's job, not this one's.

Example:
    >>> decode_bytes("Hà Nội".encode("utf-8"))
    ('Hà Nội', 'utf-8')
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import LimitExceeded, ReadError

# --- tables -----------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that browsers (WHATWG Encoding Standard) read as a wider encoding than their name says.
_LABEL_ALIASES: dict[str, str] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
}

_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng
_VI_VOWELS = "aăâeêioôơuưy"
VIETNAMESE_LETTERS: frozenset[str] = frozenset(
    unicodedata.normalize("NFC", base + tone)
    for vowel in _VI_VOWELS
    for base in (vowel, vowel.upper())
    for tone in _TONES
    if not (tone == "" and base.isascii())
) | frozenset("đĐ")

_CONTROL_RE = re.compile(r"[\x01-\x08\x0b\x10-\x1a\x1c-\x1f\x7f-\x9f]")  # not \t \n \f \r ESC SO SI
_MAX_CONTROL_RATIO = 0.05  # more C0/C1 control characters than this: not text
_UTF16_MIN_NUL_RATIO = 0.3  # share of code units whose high byte is NUL, for UTF-16 without a BOM
_UTF16_MAX_OTHER_RATIO = 0.05  # NULs in the other byte position, relative to the NUL-rich one
_UTF16_MIN_TEXTY = 0.9  # share of letters and punctuation when few code units have a NUL byte

_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_HEADER_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
META_PRESCAN_BYTES = 4096

EMPTY = "empty file"
BINARY = "binary content (NUL bytes / not text in any known encoding)"


# --- helpers ----------------------------------------------------------------------------------------


def canonical_encoding(label: str | None) -> str | None:
    """Python's name for an encoding label, or None when the label is unknown.

    >>> canonical_encoding("Windows-1258"), canonical_encoding("GB2312"), canonical_encoding("nope")
    ('cp1258', 'gb18030', None)
    """
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    key = _LABEL_ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def html_declared_charset(head: bytes) -> str | None:
    """The charset named by a ``<meta charset>`` or ``<meta http-equiv>`` tag near the top of a page.

    >>> html_declared_charset(b'<html><head><meta charset="windows-1258">')
    'windows-1258'
    """
    m = _META_CHARSET_RE.search(head[:META_PRESCAN_BYTES])
    return m.group(1).decode("ascii") if m else None


def header_declared_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP ``Content-Type`` value.

    >>> header_declared_charset("text/html; charset=UTF-8")
    'UTF-8'
    """
    if not content_type:
        return None
    m = _HEADER_CHARSET_RE.search(content_type)
    return m.group(1) if m else None


def plausibility(text: str) -> int:
    """How much ``text`` looks like Vietnamese or Chinese rather than mis-decoded bytes.

    After NFC, Vietnamese letters and Han characters count +1, and each combining mark that NFC
    composed into a letter another +2 (Windows-1258 writes tones that way; a mis-decoding rarely puts
    a combining mark right after a vowel). Stray combining marks, accented Latin letters that Vietnamese
    does not use, an accented capital right after a small letter, C1 controls and U+FFFD count -3.

    >>> plausibility("Việt Nam") > plausibility("ViÍòt Nam")
    True
    """
    nfc = unicodedata.normalize("NFC", text)
    score = 2 * (_combining(text) - _combining(nfc))
    prev = ""
    for ch in nfc:
        o = ord(ch)
        if o < 0x80:
            pass
        elif o == 0xFFFD or 0x80 <= o <= 0x9F:
            score -= 3
        elif ch in VIETNAMESE_LETTERS:
            score += -3 if ch.isupper() and prev.islower() else 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            score += 1
        elif unicodedata.category(ch)[0] == "M" or (o <= 0x24F and unicodedata.category(ch)[0] == "L"):
            score -= 3
        prev = ch
    return score


def _combining(text: str) -> int:
    return sum(1 for ch in text if unicodedata.combining(ch))


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_texty(ch: str) -> bool:
    o = ord(ch)
    return (
        (0x20 <= o < 0x7F)
        or ch in "\t\n\r\f"
        or ch in VIETNAMESE_LETTERS
        or 0x4E00 <= o <= 0x9FFF
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2000 <= o <= 0x206F  # general punctuation
        or 0xA0 <= o <= 0xFF
    )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode UTF-16 without a BOM when the NUL bytes say so; None when they do not.

    Mostly-Latin text has a NUL high byte in most code units. Mostly-Chinese text has few, so a
    one-sided NUL pattern is accepted too when the decoded text is nearly all letters and punctuation.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    units = len(data) // 2
    even_nul = data[0::2].count(0) / units
    odd_nul = data[1::2].count(0) / units
    for name, high, low in (("utf-16-le", odd_nul, even_nul), ("utf-16-be", even_nul, odd_nul)):
        if high == 0 or low > _UTF16_MAX_OTHER_RATIO * high:
            continue
        text = _strict(data, name)
        if text is None or _looks_binary(text):
            continue
        if high >= _UTF16_MIN_NUL_RATIO or sum(map(_is_texty, text)) >= _UTF16_MIN_TEXTY * len(text):
            return text, name
    return None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    return len(_CONTROL_RE.findall(text)) > _MAX_CONTROL_RATIO * len(text)


def _legacy(data: bytes) -> tuple[str, str] | str | None:
    """Best legacy decoding: charset-normalizer's candidates plus Windows-1258, by plausibility.

    Returns ``(text, encoding)``, or ``"binary"`` when every decoding is full of control characters,
    or None when nothing decodes.
    """
    import charset_normalizer  # loaded by the first document that is not UTF-8 or UTF-16

    candidates: list[str] = []
    for match in charset_normalizer.from_bytes(data):
        name = canonical_encoding(match.encoding)
        if name and name not in candidates:
            candidates.append(name)
    if "cp1258" not in candidates:
        candidates.append("cp1258")
    best: tuple[int, str, str] | None = None
    binary = False
    for name in candidates:
        text = _strict(data, name)
        if text is None:
            continue
        if _looks_binary(text):
            binary = True
            continue
        score = plausibility(text)
        # charset-normalizer's order breaks ties; Windows-1258 (appended last) must win outright
        if best is None or score > best[0]:
            best = (score, name, text)
    if best is None:
        return "binary" if binary else None
    return best[2], best[1]


# --- the stage --------------------------------------------------------------------------------------


TRUNCATED_UTF8 = "truncated: the file ends inside a UTF-8 character (an incomplete download?)"


def cut_utf8(data: bytes) -> bool:
    """Valid UTF-8 up to an incomplete last character: a download cut short, not a legacy encoding."""
    import codecs

    if data.isascii():
        return False
    try:
        data.decode("utf-8")
        return False  # complete
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes, *, declared: str | None = None, location: str = "") -> tuple[str, str]:
    """Decode one document's bytes; return ``(text, encoding)``. A BOM is removed from the text.

    Raises ``ReadError`` with a one-line reason for empty, binary or undecodable input.

    >>> decode_bytes(b"\\xff\\xfeH\\x00\\xe0\\x00")
    ('Hà', 'utf-16-le')
    >>> decode_bytes("Hà Nội".encode("utf-16-le"))
    ('Hà Nội', 'utf-16-le')
    """
    loc = location or None
    if not data:
        raise ReadError(EMPTY, location=loc)
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], name)
            if text is None:
                raise ReadError(f"undecodable: starts with a {name} byte-order mark but is not {name}", location=loc)
            if _looks_binary(text):
                raise ReadError(BINARY, location=loc)
            return text, "utf-8-sig" if name == "utf-8" else name
    if b"\x00" in data:
        found16 = _utf16_without_bom(data)
        if found16 is not None:
            return found16
        raise ReadError(BINARY, location=loc)
    text = _strict(data, "utf-8")
    if text is not None:
        if _looks_binary(text):
            raise ReadError(BINARY, location=loc)
        return text, "utf-8"
    if cut_utf8(data):
        raise ReadError(TRUNCATED_UTF8, location=loc)
    declared_name = canonical_encoding(declared)
    if declared_name and declared_name not in ("utf-8", "utf-16", "utf-32"):
        text = _strict(data, declared_name)
        if text is not None and not _looks_binary(text):
            return text, declared_name
    found = _legacy(data)
    if found == "binary":
        raise ReadError(BINARY, location=loc)
    if not isinstance(found, tuple):
        said = f", not the declared {declared!r}," if declared else ""
        raise ReadError(f"undecodable: not UTF-8{said} and not text in any known encoding", location=loc)
    return found


# --- after decoding: text a parser accepts, and text that is text at all ----------------------------

# characters XML (and so lxml, which trafilatura builds its output with) refuses: C0 controls other than
# tab, line feed and carriage return, the noncharacters U+FFFE/U+FFFF, and lone surrogates
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML tree cannot hold (vertical tab and form feed become spaces,
    the others are removed): one stray ``\\x08`` must not cost a page its article.

    >>> xml_safe("Lào\\x08 Cai\\x0bHà\\ufffe Giang")
    'Lào Cai Hà Giang'
    """
    if not _XML_INVALID_RE.search(text):
        return text
    return _XML_INVALID_RE.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", text)


def without_surrogates(text: str) -> str:
    """Lone surrogates (a JSON ``"\\ud800"`` escape) replaced by U+FFFD: they cannot be written as UTF-8.

    >>> without_surrogates("a\\ud800b")
    'a\\ufffdb'
    """
    return _SURROGATE_RE.sub("\ufffd", text) if _SURROGATE_RE.search(text) else text


_MARKUP_RE = re.compile(r"<[A-Za-z!/?]")
_LONG_RUN_RE = re.compile(r"\S{81,}")
_SPACE_RE = re.compile(r"\s")
# scripts written without spaces between words: a long run of them is a sentence, not junk
_UNSPACED_RE = re.compile(r"[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
JUNK_MIN_CHARS = 200  # shorter texts are never called junk
JUNK_RUN_SHARE = 0.5  # this share of the characters in 81+ character runs without a space: not text


def has_markup(text: str) -> bool:
    """Whether ``text`` has at least one tag (an HTML page without any is not an HTML page)."""
    return _MARKUP_RE.search(text) is not None


def junk_reason(text: str) -> str | None:
    """Why ``text`` is not text in any language (random or encoded bytes: base64, a hex dump), or None.

    Words are separated by spaces in every script but a few (Chinese, Japanese, Thai, Lao, Khmer,
    Burmese, Tibetan); runs of more than 80 characters without a space in other scripts are not words.

    >>> junk_reason("Tỉnh Lào Cai và tỉnh Vân Nam ký biên bản hợp tác. " * 10) is None
    True
    >>> junk_reason("3z8qcrjBOpO0jzWvK/qwCfO10qaU2QAHrqhNifk5fpxCwn" * 10)
    'not text: 460 of its 460 characters are in runs of more than 80 without a space (random or encoded data?)'
    """
    if len(text) < JUNK_MIN_CHARS or not _LONG_RUN_RE.search(text):
        return None  # the common case, found in one pass
    junk = 0
    for m in _LONG_RUN_RE.finditer(text):
        run = m.group()
        if len(_UNSPACED_RE.findall(run)) < 0.3 * len(run):
            junk += len(run)
    chars = len(text) - len(_SPACE_RE.findall(text))
    if chars < JUNK_MIN_CHARS or junk < JUNK_RUN_SHARE * chars:
        return None
    return (f"not text: {junk} of its {chars} characters are in runs of more than 80 without a space "
            "(random or encoded data?)")


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
