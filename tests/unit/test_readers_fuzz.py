"""Random bytes through every reader: nothing escapes, every item is a RawDoc or a ReadFailure."""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor_ie.config import Limits
from corridor_ie.errors import DocumentError
from corridor_ie.ingest.decode import decode_bytes
from corridor_ie.ingest.readers import SUPPORTED_SUFFIXES, ReadFailure, iter_inputs
from corridor_ie.types import RawDoc

LIMITS = Limits(max_doc_bytes=2000, max_decompressed_bytes=20_000, max_file_bytes=50_000)

# bytes that look a little like the real formats, so the fuzzer reaches past the first check
PREFIXES = [b"", b"{", b'{"url": "u", "text": "', b"<html>", b"WARC/1.0\r\n", b"\xef\xbb\xbf", b"\xff\xfe"]
payloads = st.builds(lambda p, b: p + b, st.sampled_from(PREFIXES), st.binary(max_size=600))


def check(items: list) -> None:
    for item in items:
        assert isinstance(item, RawDoc | ReadFailure)
        if isinstance(item, ReadFailure):
            assert isinstance(item.error, DocumentError)
            assert "\n" not in str(item.error)
        else:
            assert isinstance(item.content, str) and "\x00" not in item.content


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payloads, gz=st.booleans())
def test_random_bytes_through_every_extension(data: bytes, gz: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for i, suffix in enumerate(SUPPORTED_SUFFIXES):
            body = gzip.compress(data) if suffix.endswith(".gz") and gz else data
            (Path(tmp) / f"{i:02d}{suffix}").write_bytes(body)
        check(list(iter_inputs([tmp], LIMITS)))


@settings(max_examples=100, deadline=None)
@given(data=payloads)
def test_random_bytes_on_stdin(data: bytes) -> None:
    check(list(iter_inputs(["-"], LIMITS, stdin=io.BytesIO(data))))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400), declared=st.sampled_from([None, "utf-8", "windows-1258", "gb2312", "bogus"]))
def test_decode_bytes_returns_or_raises_read_error(data: bytes, declared: str | None) -> None:
    try:
        text, encoding = decode_bytes(data, declared=declared)
    except DocumentError as e:
        assert "\n" not in str(e)
    else:
        assert isinstance(text, str) and encoding


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(st.one_of(st.binary(max_size=80), st.just(b'{"url": "u", "text": "ok"}')), max_size=8))
def test_random_jsonl_lines_keep_the_good_ones(lines: list[bytes]) -> None:
    lines = [ln.replace(b"\n", b" ").replace(b"\r", b" ") for ln in lines]
    items = list(iter_inputs(["-"], LIMITS, stdin=io.BytesIO(b'{"url": "u", "text": "first"}\n' + b"\n".join(lines))))
    check(items)
    good = [i for i in items if isinstance(i, RawDoc)]
    assert good and good[0].content == "first"
    assert len(good) >= sum(1 for ln in lines if ln == b'{"url": "u", "text": "ok"}')
