"""Read every input a scraper produces, one document at a time, and never crash on a bad one.

``iter_inputs`` is a generator: it yields a ``RawDoc`` for each document read and a ``ReadFailure``
for each document (or file) that could not be read, and goes on with the next. It never holds more
than one document, and never more than ``limits.max_decompressed_bytes`` of gzip output, in memory.

Formats, chosen by file extension (``.gz`` variants are decompressed on the fly, within limits):

==================  ==========================================================================
``.txt``            one plain-text document
``.html``/``.htm``  one HTML page; ``<meta charset>`` is honoured when the bytes are not UTF-8
``.jsonl``          one article per line: ``url``, ``html`` or ``text``, optional ``title``,
                    ``published``, ``lang``; ``Source.item`` is the line number
``.warc``           HTML ``response`` records (2xx); ``Source.item`` is the record number
``-``               standard input: JSON lines if it starts with ``{``, HTML if with ``<``, a WARC
                    if with ``WARC/``, gzip by its magic number, else plain text
==================  ==========================================================================

A file named explicitly with another extension is sniffed like standard input; directories are
walked recursively in sorted order, keeping only the extensions above and skipping hidden entries.

Example:
    >>> from corridor_ie.config import Limits
    >>> for item in iter_inputs(["corpus/"], Limits()):  # doctest: +SKIP
    ...     print(item.source.location)
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError

from ..errors import DocumentError, InputNotFound, LimitExceeded, ReadError
from ..types import MediaType, Meta, RawDoc, Source
from .decode import (
    check_shape,
    cut_utf8,
    decode_bytes,
    has_markup,
    header_declared_charset,
    html_declared_charset,
    junk_reason,
    without_surrogates,
    xml_safe,
)

if TYPE_CHECKING:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.recordloader import ArcWarcRecord

CHUNK = 1 << 16
STDIN = "-"

_PLAIN = (".txt",)
_HTML = (".html", ".htm")
_JSONL = (".jsonl",)
_WARC = (".warc",)
_SINGLE = _PLAIN + _HTML
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(
    s + gz for s in _PLAIN + _HTML + _JSONL + _WARC for gz in ("", ".gz")
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b"


class Limits(Protocol):
    """The reading limits of a pipeline (``config.Limits``)."""

    max_doc_bytes: int
    max_file_bytes: int
    max_decompressed_bytes: int
    max_html_elements: int
    max_html_attributes: int


@dataclass(frozen=True)
class ReadFailure:
    """A document (or a whole file) that could not be read, and why."""

    source: Source
    error: DocumentError


Item = RawDoc | ReadFailure


# --- limits and bounded streams -------------------------------------------------------------------


def _over(what: str, size: int, limit: int, key: str, more: bool = False) -> LimitExceeded:
    size_text = f"more than {limit:,}" if more else f"{size:,}"
    return LimitExceeded(f"{what} is {size_text} bytes, over the {limit:,}-byte limit ({key})")


class _StreamFailure(Exception):
    """The byte stream of a whole file failed; ``error`` says why. Readers turn it into a ReadFailure.

    Deliberately not a ``DocumentError``, so that per-document handlers let it through.
    """

    def __init__(self, error: DocumentError, truncated: bool = False):
        super().__init__(error.message)
        self.error = error
        self.truncated = truncated


class _Bounded(io.RawIOBase):
    """A read-only stream that fails once more than ``limit`` bytes came out of it.

    It also reports a gzip stream that ends early (``EOFError``, which warcio would take for a clean
    end of file) and corrupt gzip data. Every failure is a ``_StreamFailure`` and is sticky.
    """

    def __init__(self, inner: BinaryIO, limit: int, on_over: Callable[[], DocumentError]):
        super().__init__()
        self._inner = inner
        self._limit = limit
        self._on_over = on_over
        self.count = 0
        self._failed: _StreamFailure | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._failed is not None:
            raise self._failed
        want = min(len(buffer), self._limit - self.count + 1)
        try:
            data = self._inner.read(want)
        except EOFError:
            msg = "truncated gzip stream (the file ends before the compressed data does)"
            self._failed = _StreamFailure(ReadError(msg), truncated=True)
            raise self._failed from None
        except (gzip.BadGzipFile, zlib.error) as e:
            self._failed = _StreamFailure(ReadError(f"not valid gzip data ({e})"))
            raise self._failed from None
        self.count += len(data)
        if self.count > self._limit:
            self._failed = _StreamFailure(self._on_over())
            raise self._failed
        buffer[: len(data)] = data
        return len(data)


def _bomb(limits: Limits) -> LimitExceeded:
    n = limits.max_decompressed_bytes
    return LimitExceeded(
        f"decompressed size over {n:,} bytes (max_decompressed_bytes): possible decompression bomb"
    )


def _gunzip(raw: BinaryIO, limits: Limits) -> io.BufferedReader:
    """Decompress ``raw`` lazily; more than ``max_decompressed_bytes`` of output raises."""
    inner = gzip.GzipFile(fileobj=raw, mode="rb")
    return io.BufferedReader(_Bounded(inner, limits.max_decompressed_bytes, lambda: _bomb(limits)), CHUNK)


def _read_document(stream: BinaryIO, limits: Limits, count_rest: bool = True) -> bytes:
    """Read one whole document, or raise ``LimitExceeded`` naming its full size (counted, not kept;
    not counted when ``count_rest`` is False: a device or a pipe may never end)."""
    data = stream.read(limits.max_doc_bytes + 1)
    if len(data) <= limits.max_doc_bytes:
        return data
    size = len(data)
    del data
    if not count_rest:
        raise _over("document", size, limits.max_doc_bytes, "max_doc_bytes", more=True)
    while chunk := stream.read(CHUNK):
        size += len(chunk)
    raise _over("document", size, limits.max_doc_bytes, "max_doc_bytes")


# --- single documents -----------------------------------------------------------------------------


def _make_doc(data: bytes, source: Source, media_type: MediaType, declared: str | None, meta: Meta,
              limits: Limits) -> RawDoc:
    if media_type == "text/html" and declared is None:
        declared = html_declared_charset(data)
    text, encoding = decode_bytes(data, declared=declared, location=source.location)
    return _checked_doc(RawDoc.make_id(data), source, text, media_type, meta, encoding, limits)


def _checked_doc(doc_id: str, source: Source, text: str, media_type: MediaType, meta: Meta,
                 encoding: str | None, limits: Limits) -> RawDoc:
    """A document after the checks every reader makes on its text: junk (random or encoded bytes) is not
    an article; an HTML page's shape must be parseable in time; characters no XML tree can hold (one
    stray control character) are removed from a page, so that they cannot cost it its article."""
    if media_type == "text/plain" or not has_markup(text):
        reason = junk_reason(text)
        if reason is not None:
            raise ReadError(reason)
    if media_type == "text/html":
        check_shape(text, limits.max_html_elements, limits.max_html_attributes)
        text = xml_safe(text)
    return RawDoc(doc_id=doc_id, source=source, content=text, media_type=media_type, meta=meta, encoding=encoding)


def _read_single(stream: BinaryIO, source: Source, media_type: MediaType, limits: Limits,
                 count_rest: bool = True) -> Iterator[Item]:
    try:
        data = _read_document(stream, limits, count_rest)
        yield _make_doc(data, source, media_type, None, Meta(), limits)
    except DocumentError as e:
        yield _failure(source, e)
    except _StreamFailure as e:
        yield _failure(source, e.error)


# --- JSON Lines ------------------------------------------------------------------------------------


class JsonlArticle(BaseModel):
    """One line of a ``.jsonl`` input. Unknown keys are ignored; known ones must have these types."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    url: StrictStr | None = None
    html: StrictStr | None = None
    text: StrictStr | None = None
    title: StrictStr | None = None
    published: StrictStr | None = None
    lang: StrictStr | None = None


def _iter_lines(stream: BinaryIO, limits: Limits) -> Iterator[tuple[int, bytes | int]]:
    """Yield ``(line number, bytes without the line end)``, or ``(n, size)`` for an oversize line."""
    n = 0
    while True:
        line = stream.readline(limits.max_doc_bytes + 2)
        if not line:
            return
        n += 1
        if line.endswith(b"\n") or len(line) <= limits.max_doc_bytes:
            yield n, line.rstrip(b"\r\n")
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(CHUNK)
            if not line:
                break
            size += len(line)
        yield n, size - (1 if line.endswith(b"\n") else 0)


def _pydantic_reason(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(k) for k in err["loc"]) or "line"
    return f"{where}: {err['msg']}"


def _jsonl_doc(line: bytes, n: int, path: str, limits: Limits) -> Item:
    source = Source(path=path, item=n)
    try:
        if cut_utf8(line):
            raise ReadError(f"line {n} is not valid JSON, perhaps truncated (it ends inside a UTF-8 character)")
        text, encoding = decode_bytes(line, location=source.location)
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise ReadError(f"line {n} is not valid JSON, perhaps truncated ({e.msg}, column {e.colno})") from None
        except RecursionError:
            raise ReadError(f"line {n} is JSON nested too deeply to read (not an article object)") from None
        if not isinstance(obj, dict):
            raise ReadError(f"line {n} is a JSON {type(obj).__name__}, expected an object with url and html or text")
        obj = {k: without_surrogates(v) if isinstance(v, str) else v for k, v in obj.items()}
        if isinstance(obj.get("url"), str):
            source = Source(path=path, url=obj["url"], item=n)
        try:
            art = JsonlArticle.model_validate(obj)
        except ValidationError as e:
            raise ReadError(f"line {n} has a wrong type: {_pydantic_reason(e)}") from None
        if art.html:
            content, media_type = art.html, "text/html"
        elif art.text:
            content, media_type = art.text, "text/plain"
        else:
            raise ReadError(f"line {n} has neither a non-empty 'html' nor a non-empty 'text' field")
        meta = Meta(title=art.title, published=art.published, url=art.url, lang=art.lang)
        return _checked_doc(RawDoc.make_id(line), source, content, media_type, meta,  # type: ignore[arg-type]
                            encoding, limits)
    except DocumentError as e:
        return _failure(source, e)


def _read_jsonl(stream: BinaryIO, path: str, limits: Limits) -> Iterator[Item]:
    try:
        for n, line in _iter_lines(stream, limits):
            if isinstance(line, int):
                err = _over(f"line {n}", line, limits.max_doc_bytes, "max_doc_bytes")
                yield _failure(Source(path=path, item=n), err)
            elif line.strip():
                yield _jsonl_doc(line, n, path, limits)
    except _StreamFailure as e:  # the stream itself failed (gzip bomb, truncated gzip)
        yield _failure(Source(path=path), e.error)


# --- WARC ------------------------------------------------------------------------------------------


def _drain(record: ArcWarcRecord) -> bool:
    """Read the rest of a record's block; True when the file ended before the block did."""
    raw = record.raw_stream
    while raw.read(CHUNK):
        pass
    return getattr(raw, "limit", 0) > 0


def _warc_html(record: ArcWarcRecord) -> str | None:
    """The record's Content-Type when it is a 2xx HTML response, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    ctype = record.http_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or ctype.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    return ctype


def _warc_doc(record: ArcWarcRecord, source: Source, ctype: str, limits: Limits) -> Item:
    try:
        stream = record.content_stream()
        data = stream.read(limits.max_doc_bytes + 1)
        if len(data) > limits.max_doc_bytes:
            size = len(data)
            while chunk := stream.read(CHUNK):  # content-encoding output, bounded like gzip
                size += len(chunk)
                if size > limits.max_decompressed_bytes:
                    raise LimitExceeded(_bomb(limits).message)
            raise _over("document", size, limits.max_doc_bytes, "max_doc_bytes")
        meta = Meta(url=source.url)
        return _make_doc(data, source, "text/html", header_declared_charset(ctype), meta, limits)
    except DocumentError as e:
        return _failure(source, e)
    except (OSError, ValueError, EOFError, zlib.error) as e:  # a broken content-encoding
        return _failure(source, ReadError(f"cannot decode the HTTP payload ({type(e).__name__}: {e})"))


class _Counting:
    """Counts the bytes warcio pulls from a stream, to see whether it stopped before the end."""

    def __init__(self, inner: BinaryIO):
        self._inner = inner
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        self.count += len(data)
        return data

    def rest(self) -> int:
        """Read to the end; return the total number of bytes the stream held."""
        while self.read(CHUNK):
            pass
        return self.count


MAX_WARC_LINE = 1 << 20  # a WARC or HTTP header line longer than this is not a header line


def _bound_lines(archive: ArchiveIterator) -> None:
    """Make warcio's ``readline`` stop at ``MAX_WARC_LINE`` bytes: it grows a line by concatenation, so a
    header line of hundreds of megabytes would take quadratic time."""
    reader = archive.reader
    unbounded = reader.readline

    def readline(length: int | None = None) -> bytes:
        cap = MAX_WARC_LINE if length is None or length < 0 else min(length, MAX_WARC_LINE)
        parts: list[bytes] = []
        total = 0
        while total < cap:  # warcio may return less than asked before the line ends
            piece = unbounded(cap - total)
            if not piece:
                break
            parts.append(piece)
            total += len(piece)
            if piece.endswith(b"\n"):
                break
        line = b"".join(parts)
        if total >= MAX_WARC_LINE and not line.endswith(b"\n"):
            raise _StreamFailure(ReadError(f"a WARC header line is longer than {MAX_WARC_LINE:,} bytes "
                                           "(a corrupted record?); the rest of the file is not read"))
        return line

    reader.readline = readline  # this reader only, not warcio's class


def _length_lies(archive: ArchiveIterator) -> bool:
    """Read up to the next record; True when the record just read is not followed by the blank lines
    that end a record (its Content-Length is wrong: the record was cut short or runs on). warcio's
    multi-line warning with raw bytes is kept off stderr."""
    before = archive.err_count
    with contextlib.redirect_stderr(io.StringIO()):
        archive.read_to_end()
    return archive.err_count > before


def _read_warc(stream: BinaryIO, path: str, limits: Limits) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator  # loaded by the first WARC file only
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    counting = _Counting(stream)
    truncated = "truncated WARC record"
    try:
        archive = ArchiveIterator(counting)
        _bound_lines(archive)
        for record in archive:
            if not record.format.startswith("warc"):
                raise ArchiveLoadFailed(f"found an {record.format.upper()} record, not a WARC record")
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            source = Source(path=path, url=url, item=n)
            ctype = _warc_html(record)
            item = _warc_doc(record, source, ctype, limits) if ctype is not None else None
            if _drain(record):
                yield _failure(source, ReadError(f"{truncated} (the file ends inside it)"))
                return
            if _length_lies(archive):
                declared = record.rec_headers.get_header("Content-Length")
                yield _failure(source, ReadError(
                    f"WARC record whose Content-Length ({declared}) does not match its content: more bytes follow "
                    "it (the record was cut short or is corrupted); the rest of the file is not read"))
                return
            if item is not None:
                yield item
        # warcio takes a record cut inside its headers for the end of the file: compare offsets
        if counting.rest() > archive.offset:
            yield _failure(Source(path=path, item=n + 1), ReadError(f"{truncated} (the file ends inside its headers)"))
    except _StreamFailure as e:
        if e.truncated:
            e = _StreamFailure(ReadError(f"{truncated} ({e.error.message})"))
        yield _failure(Source(path=path, item=n + 1 if n else None), e.error)
    except ArchiveLoadFailed as e:
        reason = str(e).strip().splitlines()[0] if str(e).strip() else "unknown format"
        what = truncated if n else "not a WARC file"
        yield _failure(Source(path=path, item=n + 1 if n else None), ReadError(f"{what} ({reason})"))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError, OSError, EOFError) as e:
        # warcio reports a record cut inside its headers in several ways
        detail = "its headers are incomplete" if n else f"{type(e).__name__}: {e}"
        what = truncated if n else "not a WARC file"
        yield _failure(Source(path=path, item=n + 1), ReadError(f"{what} ({detail})"))


# --- dispatch --------------------------------------------------------------------------------------


def _failure(source: Source, error: DocumentError) -> ReadFailure:
    if error.location is None:
        error = type(error)(error.message, location=source.location, hint=error.hint)
    return ReadFailure(source=source, error=error)


def _format_of(name: str) -> tuple[str, bool]:
    """(base format, gzipped) from a file name; base is '' for an unknown extension."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    for fmt, suffixes in (("text", _PLAIN), ("html", _HTML), ("jsonl", _JSONL), ("warc", _WARC)):
        if lower.endswith(suffixes):
            return fmt, gz
    return "", gz


def _sniff(stream: io.BufferedReader) -> str:
    head = stream.peek(512)[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<"):
        return "html"
    if head.startswith(b"WARC/"):
        return "warc"
    return "text"


class _Transcoded(io.RawIOBase):
    """A UTF-16 or UTF-32 byte stream read as UTF-8 (what PowerShell writes by default), decoded on the
    fly; bytes that are not valid in the encoding become U+FFFD."""

    def __init__(self, inner: BinaryIO, encoding: str):
        super().__init__()
        self._inner = inner
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._buf = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._buf and not self._eof:
            chunk = self._inner.read(CHUNK)
            self._eof = not chunk
            self._buf = self._decoder.decode(chunk, final=self._eof).encode("utf-8")
        n = min(len(buffer), len(self._buf))
        buffer[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16/32 by its byte-order mark, or UTF-16 without one by a NUL beside a first ``{``."""
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return name
    if head[:2] == b"{\x00":
        return "utf-16-le"
    if head[:2] == b"\x00{":
        return "utf-16-be"
    return None


def _read_stream(stream: io.BufferedReader, fmt: str, path: str, limits: Limits,
                 count_rest: bool = True) -> Iterator[Item]:
    if not fmt:
        if stream.peek(2)[:2] == _GZIP_MAGIC:
            stream = _gunzip(stream, limits)  # type: ignore[arg-type]
    if fmt in ("", "jsonl"):
        wide = _wide_encoding(stream.peek(4)[:4])
        if wide is not None:
            stream = io.BufferedReader(_Transcoded(stream, wide), CHUNK)
    if not fmt:
        fmt = _sniff(stream)
    if fmt == "jsonl":
        yield from _read_jsonl(stream, path, limits)
    elif fmt == "warc":
        yield from _read_warc(stream, path, limits)
    else:
        media: MediaType = "text/html" if fmt == "html" else "text/plain"
        yield from _read_single(stream, Source(path=path), media, limits, count_rest)


def _open_file(path: Path) -> BinaryIO:
    """Open a file for reading (a seam for tests)."""
    return path.open("rb")


def _open_special(path: Path) -> BinaryIO:
    """Open a FIFO or a device named on the command line without waiting for a writer (a FIFO nobody
    writes to reads as empty), then read it normally."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb", buffering=0)
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _read_path(path: Path, limits: Limits) -> Iterator[Item]:
    source = Source(path=str(path))
    fmt, gz = _format_of(path.name)
    special = False
    try:
        if path.is_dir():
            os.scandir(path).close()  # the directory could not be listed when expanding: say why
            raise OSError("is a directory")
        st = path.stat()
        special = not stat.S_ISREG(st.st_mode)
        if not special:  # a device or a pipe has no size to check: its reads are bounded instead
            size = st.st_size
            if size > limits.max_file_bytes:
                raise _over("file", size, limits.max_file_bytes, "max_file_bytes")
            if not gz and fmt in ("text", "html") and size > limits.max_doc_bytes:
                raise _over("document", size, limits.max_doc_bytes, "max_doc_bytes")
        raw = _open_special(path) if special else _open_file(path)
    except DocumentError as e:
        yield _failure(source, e)
        return
    except OSError as e:
        yield _failure(source, ReadError(f"cannot open ({e.strerror or e})"))
        return
    with raw:
        if special:
            def over() -> LimitExceeded:
                return _over(_kind(st.st_mode), 0, limits.max_file_bytes, "max_file_bytes", more=True)

            raw = io.BufferedReader(_Bounded(raw, limits.max_file_bytes, over), CHUNK)  # type: ignore[assignment]
        stream = io.BufferedReader(raw, CHUNK)  # type: ignore[arg-type]
        try:
            if stream.peek(2)[:2] == _GZIP_MAGIC:  # also a gzip file without .gz in its name
                stream = _gunzip(stream, limits)  # type: ignore[arg-type]
            elif gz:
                raise ReadError("not a gzip file (no gzip header), though its name ends in .gz")
            yield from _read_stream(stream, fmt, str(path), limits, count_rest=not special)
        except DocumentError as e:
            yield _failure(source, e)
        except _StreamFailure as e:
            yield _failure(source, e.error)
        except OSError as e:
            yield _failure(source, ReadError(f"cannot read ({e.strerror or e})"))


def _read_stdin(stdin: BinaryIO, limits: Limits) -> Iterator[Item]:
    def over() -> LimitExceeded:
        return _over("input", 0, limits.max_file_bytes, "max_file_bytes", more=True)

    bounded = _Bounded(stdin, limits.max_file_bytes, over)
    try:
        yield from _read_stream(io.BufferedReader(bounded, CHUNK), "", STDIN, limits)
    except _StreamFailure as e:
        yield _failure(Source(path=STDIN), e.error)
    except OSError as e:
        yield _failure(Source(path=STDIN), ReadError(f"cannot read standard input ({e.strerror or e})"))


# --- public API ------------------------------------------------------------------------------------


def _skip(skipped: dict[str, int] | None, name: str) -> None:
    if skipped is not None:
        kind = "hidden" if name.startswith(".") else (Path(name).suffix.lower() or "no extension")
        skipped[kind] = skipped.get(kind, 0) + 1


def _broken(path: Path, reason: str) -> ReadFailure:
    return _failure(Source(path=str(path)), ReadError(reason))


def _walk(directory: Path, seen: set[tuple[int, int]], skipped: dict[str, int] | None) -> Iterator[Path | ReadFailure]:
    """Files under ``directory``, depth first, names sorted at each level: supported regular files as
    paths; a broken entry (a dangling symbolic link, a FIFO, a device, a socket) as a ``ReadFailure``;
    other files and hidden entries counted in ``skipped`` by type."""
    st = directory.stat()
    if (st.st_dev, st.st_ino) in seen:  # a symlink loop
        return
    seen.add((st.st_dev, st.st_ino))
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        yield directory  # reading it again reports why, as a ReadFailure
        return
    for entry in entries:
        if entry.name.startswith("."):
            _skip(skipped, entry.name)
            continue
        child = directory / entry.name
        try:
            if entry.is_dir():
                yield from _walk(child, seen, skipped)
                continue
            if entry.is_symlink() and not os.path.exists(child):
                yield _broken(child, f"a broken symbolic link (its target {os.readlink(child)} does not exist)")
                continue
            mode = child.stat().st_mode
            if not stat.S_ISREG(mode):
                yield _broken(child, f"{_kind(mode)}, not a file: not read (name it on the command line to read it)")
            elif entry.name.lower().endswith(SUPPORTED_SUFFIXES):
                yield child
            else:
                _skip(skipped, entry.name)
        except OSError as e:
            yield _broken(child, f"cannot read ({e.strerror or e})")


def expand_inputs(inputs: Sequence[str], skipped: dict[str, int] | None = None) -> list[Path | str | ReadFailure]:
    """Files to read, in order: files as given, directories walked (sorted), ``-`` for stdin; a broken
    entry of a directory as a ``ReadFailure``; files of other types counted in ``skipped`` (by extension).

    Raises ``InputNotFound`` for a path that does not exist.

    >>> expand_inputs(["-"])
    ['-']
    """
    out: list[Path | str | ReadFailure] = []
    for given in inputs:
        if given == STDIN:
            out.append(STDIN)
            continue
        path = Path(given)
        if not path.exists():
            if os.path.lexists(given):
                out.append(_broken(path, f"a broken symbolic link (its target {os.readlink(given)} does not exist)"))
                continue
            raise InputNotFound("no such file or directory", location=given, hint="check the path")
        out.extend(_walk(path, set(), skipped) if path.is_dir() else [path])
    return out


def iter_inputs(inputs: Sequence[str], limits: Limits, *, stdin: BinaryIO | None = None,
                skipped: dict[str, int] | None = None) -> Iterator[Item]:
    """Yield every document of ``inputs`` as a ``RawDoc``, or a ``ReadFailure`` saying why not; files of
    other types under a folder are counted in ``skipped``.

    ``InputNotFound`` (a missing path) is raised before the first document.
    """
    paths = expand_inputs(inputs, skipped)
    for p in paths:
        if isinstance(p, ReadFailure):
            yield p
        elif isinstance(p, str):
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, limits)
        else:
            yield from _read_path(p, limits)
