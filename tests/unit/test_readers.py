"""iter_inputs / expand_inputs: every format, stdin, directory order, limits and a bad-input corpus."""

from __future__ import annotations

import gzip
import io
import json
import os
import unicodedata
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corridor_ie.config import Limits
from corridor_ie.errors import InputNotFound, LimitExceeded, ReadError
from corridor_ie.ingest import readers
from corridor_ie.ingest.readers import ReadFailure, expand_inputs, iter_inputs
from corridor_ie.types import RawDoc

VI = "Tỉnh Lào Cai và tỉnh Vân Nam thống nhất mở rộng hợp tác tại cửa khẩu quốc tế."
ZH = "云南省与老街省同意扩大口岸合作。"
EN = "Lao Cai and Yunnan agreed to widen cooperation at the international border gate."
LIMITS = Limits()


def html_page(body: str, charset: str = "utf-8") -> str:
    return f'<html><head><meta charset="{charset}"><title>t</title></head><body><p>{body}</p></body></html>'


def read_all(inputs: list[str], limits: Limits = LIMITS, stdin: io.BytesIO | None = None) -> list:
    items = list(iter_inputs(inputs, limits, stdin=stdin))
    assert all(isinstance(i, RawDoc | ReadFailure) for i in items)
    return items


def docs(items: list) -> list[RawDoc]:
    return [i for i in items if isinstance(i, RawDoc)]


def failures(items: list) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def write_warc(path: Path, records: list[tuple[str, str, bytes]], *, gz: bool = False) -> bytes:
    """Records are (url, content type, payload); also writes one request and one image record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "test"}))
    for url, ctype, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(rec)
    data = buf.getvalue()
    path.write_bytes(data)
    return data


# --- formats --------------------------------------------------------------------------------------


def test_txt_and_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(VI, encoding="utf-8")
    (tmp_path / "b.html").write_text(html_page(ZH), encoding="utf-8")
    (tmp_path / "c.htm").write_text(html_page(EN), encoding="utf-8")
    items = read_all([str(tmp_path / n) for n in ("a.txt", "b.html", "c.htm")])
    a, b, c = docs(items)
    assert (a.content, a.media_type, a.encoding) == (VI, "text/plain", "utf-8")
    assert a.doc_id == RawDoc.make_id(VI.encode("utf-8"))
    assert ZH in b.content and b.media_type == "text/html"
    assert EN in c.content and c.source.item is None


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = html_page(ZH, charset="gb2312")
    (tmp_path / "gb.html").write_bytes(page.encode("gb18030"))
    (doc,) = docs(read_all([str(tmp_path / "gb.html")]))
    assert ZH in doc.content and doc.encoding == "gb18030"


def test_html_windows_1258_meta(tmp_path: Path) -> None:
    from tests.conftest import to_cp1258

    (tmp_path / "vi.html").write_bytes(to_cp1258(html_page(VI, charset="windows-1258")))
    (doc,) = docs(read_all([str(tmp_path / "vi.html")]))
    assert doc.encoding == "cp1258"
    assert VI in unicodedata.normalize("NFC", doc.content)


def test_source_path_stays_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(EN)
    monkeypatch.chdir(tmp_path)
    (doc,) = docs(read_all(["corpus/"]))
    assert doc.source.path == os.path.join("corpus", "a.txt")


def test_jsonl_lines_and_meta(tmp_path: Path) -> None:
    lines = [
        {"url": "https://a.vn/1", "html": html_page(VI), "title": "Hợp tác", "published": "2024-11-06", "lang": "vi"},
        {"url": "https://b.cn/2", "text": ZH},
        {"url": "https://c.com/3", "text": EN, "extra": {"ignored": True}},
    ]
    raw = [json.dumps(x, ensure_ascii=False).encode("utf-8") for x in lines]
    (tmp_path / "a.jsonl").write_bytes(b"\n".join(raw) + b"\n\n")
    items = read_all([str(tmp_path / "a.jsonl")])
    assert not failures(items)
    d1, d2, d3 = docs(items)
    assert d1.media_type == "text/html" and VI in d1.content
    assert (d1.meta.title, d1.meta.published, d1.meta.lang) == ("Hợp tác", "2024-11-06", "vi")
    assert d1.source.url == "https://a.vn/1" and d1.source.location == f"{tmp_path / 'a.jsonl'}#1"
    assert (d2.media_type, d2.content, d2.source.item) == ("text/plain", ZH, 2)
    assert d3.doc_id == RawDoc.make_id(raw[2])


def test_jsonl_gz(tmp_path: Path) -> None:
    body = json.dumps({"url": "u", "text": VI}, ensure_ascii=False).encode() + b"\n"
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(body * 3))
    items = read_all([str(tmp_path / "a.jsonl.gz")])
    assert [d.source.item for d in docs(items)] == [1, 2, 3] and not failures(items)


@pytest.mark.parametrize("name", ["a.txt.gz", "a.html.gz"])
def test_single_gz(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(gzip.compress(html_page(VI).encode()))
    (doc,) = docs(read_all([str(tmp_path / name)]))
    assert VI in doc.content
    assert doc.media_type == ("text/html" if "html" in name else "text/plain")


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_only(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    payloads = [html_page(VI).encode(), html_page(ZH, charset="gb2312").encode("gb18030")]
    write_warc(
        path,
        [
            ("https://a.vn/1", "text/html; charset=utf-8", payloads[0]),
            ("https://a.vn/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            ("https://b.cn/2", "text/html", payloads[1]),
        ],
        gz=gz,
    )
    items = read_all([str(path)])
    assert not failures(items)
    d1, d2 = docs(items)
    assert (d1.source.url, d1.source.item, d2.source.url, d2.source.item) == (
        "https://a.vn/1",
        2,
        "https://b.cn/2",
        4,
    )
    assert VI in d1.content and ZH in d2.content and d2.encoding == "gb18030"
    assert d1.doc_id == RawDoc.make_id(payloads[0])


# --- stdin ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "media_types"),
    [
        (b'{"url": "u", "text": "a"}\n{"url": "v", "html": "<p>b</p>"}\n', ["text/plain", "text/html"]),
        (b"  <html><body>" + VI.encode() + b"</body></html>", ["text/html"]),
        (VI.encode(), ["text/plain"]),
        (gzip.compress(b"<html>" + VI.encode()), ["text/html"]),
    ],
)
def test_stdin_auto_detect(data: bytes, media_types: list[str]) -> None:
    items = read_all(["-"], stdin=io.BytesIO(data))
    assert [d.media_type for d in docs(items)] == media_types
    assert all(d.source.path == "-" for d in docs(items))


def test_stdin_over_file_limit() -> None:
    (f,) = read_all(["-"], Limits(max_file_bytes=100), stdin=io.BytesIO(b"x" * 1000))
    assert isinstance(f.error, LimitExceeded)
    assert f.error.message == "input is more than 100 bytes, over the 100-byte limit (max_file_bytes)"


# --- directories ----------------------------------------------------------------------------------


def test_directory_recursion_order(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.html", "a.txt", "a/b/c.jsonl", "c.warc", ".hidden.txt", ".git/x.txt", "notes.md"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    got = [p.relative_to(tmp_path).as_posix() for p in expand_inputs([str(tmp_path)])]  # type: ignore[union-attr]
    assert got == ["a/b/c.jsonl", "a/z.html", "a.txt", "b.txt", "c.warc"]


def test_expand_keeps_order_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x")
    assert expand_inputs(["-", str(tmp_path / "x.txt")]) == ["-", tmp_path / "x.txt"]


def test_missing_input_raises_before_any_document(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x")
    it = iter_inputs([str(tmp_path / "x.txt"), str(tmp_path / "nope")], LIMITS)
    with pytest.raises(InputNotFound, match="nope: no such file or directory"):
        next(it)


def test_explicit_file_with_other_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_text(html_page(EN))
    (doc,) = docs(read_all([str(tmp_path / "page.dat")]))
    assert doc.media_type == "text/html"


# --- the bad-input corpus -------------------------------------------------------------------------


def test_bad_input_corpus(tmp_path: Path) -> None:
    """Every bad input gives exactly one expected failure, and every good document still comes out."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "01_good.txt").write_text(VI)
    (d / "02_empty.txt").write_bytes(b"")
    (d / "03_binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good = json.dumps({"url": "u1", "text": EN}).encode()
    (d / "04_lines.jsonl").write_bytes(good + b"\n" + '{"url": "u2", "text": "Hà N'.encode() + b"\n" + good + b"\n")
    (d / "05_types.jsonl").write_bytes(
        b'{"url": "u", "text": 5}\n{"url": "u"}\n[1, 2]\n{"url": "u", "html": "", "text": ""}\n' + good
    )
    warc = write_warc(
        tmp_path / "full.warc",
        [("https://a.vn/1", "text/html", html_page(VI).encode()), ("https://a.vn/2", "text/html", html_page(ZH).encode())],
    )
    (d / "06_cut.warc").write_bytes(warc[:-60])  # inside the last payload
    (d / "07_big.txt").write_bytes(b"a" * 5001)
    (d / "08_bomb.txt.gz").write_bytes(gzip.compress(b"\x00" * 2_000_000))
    nested = "<div>" * 5000 + VI + "</div>" * 5000
    (d / "09_deep.html").write_text(nested)
    limits = Limits(max_doc_bytes=5000 * 12, max_decompressed_bytes=100_000)
    (d / "07_big.txt").write_bytes(b"a" * (limits.max_doc_bytes + 1))

    items = read_all([str(d)], limits)
    got = [(Path(i.source.path).name, i.source.item) for i in docs(items)]
    assert got == [
        ("01_good.txt", None),
        ("04_lines.jsonl", 1),
        ("04_lines.jsonl", 3),
        ("05_types.jsonl", 5),
        ("06_cut.warc", 2),
        ("09_deep.html", None),
    ]
    reasons = [(Path(f.source.path).name, f.source.item, type(f.error).__name__, f.error.message) for f in failures(items)]
    size = f"{limits.max_doc_bytes + 1:,}"
    assert reasons == [
        ("02_empty.txt", None, "ReadError", "empty file"),
        ("03_binary.html", None, "ReadError", "binary content (NUL bytes / not text in any known encoding)"),
        ("04_lines.jsonl", 2, "ReadError", "line 2 is not valid JSON, perhaps truncated (Unterminated string starting at, column 23)"),
        ("05_types.jsonl", 1, "ReadError", "line 1 has a wrong type: text: Input should be a valid string"),
        ("05_types.jsonl", 2, "ReadError", "line 2 has neither a non-empty 'html' nor a non-empty 'text' field"),
        ("05_types.jsonl", 3, "ReadError", "line 3 is a JSON list, expected an object with url and html or text"),
        ("05_types.jsonl", 4, "ReadError", "line 4 has neither a non-empty 'html' nor a non-empty 'text' field"),
        ("06_cut.warc", 3, "ReadError", "truncated WARC record (the file ends inside it)"),
        ("07_big.txt", None, "LimitExceeded", f"document is {size} bytes, over the 60,000-byte limit (max_doc_bytes)"),
        (
            "08_bomb.txt.gz",
            None,
            "LimitExceeded",
            "decompressed size over 100,000 bytes (max_decompressed_bytes): possible decompression bomb",
        ),
    ]
    assert all(str(f.error).startswith(f.source.location + ": ") for f in failures(items))
    assert all("\n" not in str(f.error) for f in failures(items))


def test_oversize_document_message_uses_real_size(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"a" * 52_428_800)
    (f,) = read_all([str(tmp_path / "big.txt")])
    assert f.error.message == "document is 52,428,800 bytes, over the 5,000,000-byte limit (max_doc_bytes)"


def test_oversize_jsonl_line_is_skipped_not_truncated(tmp_path: Path) -> None:
    good = json.dumps({"url": "u", "text": EN}).encode()
    big = json.dumps({"url": "u", "text": "x" * 500}).encode()
    (tmp_path / "a.jsonl").write_bytes(good + b"\n" + big + b"\n" + good)
    items = read_all([str(tmp_path / "a.jsonl")], Limits(max_doc_bytes=200))
    assert [d.source.item for d in docs(items)] == [1, 3]
    (f,) = failures(items)
    assert f.error.message == f"line 2 is {len(big):,} bytes, over the 200-byte limit (max_doc_bytes)"


def test_gzip_bomb_inside_jsonl_gz_keeps_earlier_lines(tmp_path: Path) -> None:
    good = json.dumps({"url": "u", "text": EN}).encode() + b"\n"
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(good * 2 + b" " * 3_000_000))
    items = read_all([str(tmp_path / "a.jsonl.gz")], Limits(max_decompressed_bytes=1_000_000))
    assert len(docs(items)) == 2
    (f,) = failures(items)
    assert "possible decompression bomb" in f.error.message


@pytest.mark.parametrize("name", ["a.warc.gz", "a.jsonl.gz", "a.txt.gz"])
def test_truncated_gzip(tmp_path: Path, name: str) -> None:
    body = b"".join(json.dumps({"url": "u", "text": os.urandom(40).hex()}).encode() + b"\n" for _ in range(200))
    if name.endswith(".warc.gz"):
        data = write_warc(tmp_path / "x.warc", [("https://a.vn/1", "text/html", b"<p>" + body + b"</p>")] * 3)
        body = data
    (tmp_path / name).write_bytes(gzip.compress(body)[:-3000])
    items = read_all([str(tmp_path / name)])
    f = failures(items)[-1]
    assert isinstance(f.error, ReadError)
    assert "truncated" in f.error.message


def test_file_over_max_file_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(b'{"url": "u", "text": "a"}\n' * 10)
    (f,) = read_all([str(tmp_path / "a.jsonl")], Limits(max_file_bytes=100))
    assert f.error.message == "file is 260 bytes, over the 100-byte limit (max_file_bytes)"


def test_unopenable_file_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "b.txt").write_text(VI)

    def deny(path: Path):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return path.open("rb")

    monkeypatch.setattr(readers, "_open_file", deny)
    items = read_all([str(tmp_path)])
    assert [d.content for d in docs(items)] == [VI]
    (f,) = failures(items)
    assert f.error.message == "cannot open (Permission denied)"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_mode(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(EN)
    p.chmod(0)
    (f,) = read_all([str(p)])
    assert f.error.message == "cannot open (Permission denied)"


def test_not_a_warc(tmp_path: Path) -> None:
    (tmp_path / "a.warc").write_text("this is not a WARC file at all\n")
    (f,) = read_all([str(tmp_path / "a.warc")])
    assert f.error.message.startswith("not a WARC file")


def test_reading_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(EN)
    it = iter_inputs([str(tmp_path)], LIMITS)
    first = next(it)
    (tmp_path / "2.txt").write_text(VI)  # changed after the first document was read
    rest = list(it)
    assert isinstance(first, RawDoc) and rest[-1].content == VI


@pytest.mark.parametrize("cut", [10, 60, 250, 350, 500])
def test_warc_cut_anywhere_in_the_last_record(tmp_path: Path, cut: int) -> None:
    records = [("https://a.vn/1", "text/html", html_page(VI).encode()), ("https://a.vn/2", "text/html", html_page(ZH).encode())]
    full = write_warc(tmp_path / "full.warc", records)
    (tmp_path / "cut.warc").write_bytes(full[:-cut])
    items = read_all([str(tmp_path / "cut.warc")])
    assert [d.source.item for d in docs(items)] == [2]
    (f,) = failures(items)
    assert f.source.item == 3 and f.error.message.startswith("truncated WARC record (")


def test_warc_with_trailing_blank_lines_is_complete(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "a.warc", [("https://a.vn/1", "text/html", html_page(VI).encode())])
    (tmp_path / "a.warc").write_bytes(full + b"\r\n\r\n\n")
    items = read_all([str(tmp_path / "a.warc")])
    assert len(docs(items)) == 1 and not failures(items)
