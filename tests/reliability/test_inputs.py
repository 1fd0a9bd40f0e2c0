"""Readers, round 2: one stray character never costs an article, UTF-16 JSONL is read whole, junk is
not an article, every file under an input folder is read or listed, a FIFO or device is read with a
bounded read, deep JSON costs one line, warcio's chatter stays off stderr and a WARC record whose
Content-Length lies is an error line.

The table of cases and exact reasons is ``tests/reliability/README.md`` (round 2, inputs)."""

from __future__ import annotations

import io
import json
import os
import random
import re
import threading
from pathlib import Path

import pytest
from tests.reliability.kit import GOOD, articles_by_path, cli, errors_by_path, write_good
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPH = "Ngày 12/3/2026, đoàn công tác tỉnh Lào Cai sang thăm tỉnh Vân Nam để bàn về hợp tác thương mại."


def _page(paragraph: str) -> str:
    return (f"<html lang='vi'><head><title>Hợp tác</title></head><body><article><p>{paragraph}</p>"
            f"<p>Hai bên thống nhất mở rộng hợp tác thương mại qua cửa khẩu.</p></article></body></html>")


def _extract(tmp_path: Path, *inputs: Path | str):
    out = tmp_path / "out.jsonl"
    r = cli("extract", *inputs, "-o", out)
    return r, out, tmp_path / "out.errors.jsonl"


@pytest.mark.parametrize("char", ["\x08", "\x1b", "\ufffe"])
def test_one_control_character_in_a_page_keeps_the_article(tmp_path: Path, char: str) -> None:
    page = tmp_path / "p.html"
    page.write_text(_page(PARAGRAPH.replace("Lào Cai", f"Lào{char} Cai", 1).replace("Vân", f"Vân{char}")),
                    encoding="utf-8")
    r, out, _ = _extract(tmp_path, page)
    assert r.exit_code == 0, r.stderr
    (art,) = articles_by_path(out).values()
    assert "Vân Nam" in art["text"] and "mở rộng hợp tác" in art["text"]
    assert char not in art["text"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_jsonl_is_read_whole(tmp_path: Path, encoding: str) -> None:
    """PowerShell writes UTF-16 with a BOM and CRLF; every line is a document, no phantom ones."""
    src = tmp_path / "ps.jsonl"
    lines = [json.dumps({"text": text, "title": f"t{n}"}, ensure_ascii=False) for n, text in enumerate(GOOD.values())]
    data = "\r\n".join(lines) + "\r\n"
    src.write_bytes(data.encode(encoding) if encoding != "utf-16-be" else b"\xfe\xff" + data.encode(encoding))
    r, out, errors = _extract(tmp_path, src)
    assert r.exit_code == 0, (r.stderr, errors.exists() and errors.read_text())
    assert sorted(articles_by_path(out)) == ["ps.jsonl#1", "ps.jsonl#2"]
    assert [a["title"] for a in articles_by_path(out).values()] == ["t0", "t1"]


@pytest.mark.parametrize("kind", ["random", "printable"])
def test_random_bytes_named_html_are_refused(tmp_path: Path, kind: str) -> None:
    rnd = random.Random(19)
    if kind == "random":
        data = bytes(rnd.randrange(256) for _ in range(20_000))
    else:  # no NUL, every byte printable ASCII: it decodes, but it is no text
        data = bytes(rnd.choice(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") for _ in range(20_000))
    junk = tmp_path / "junk.html"
    junk.write_bytes(data)
    (good, _) = write_good(tmp_path / "good")
    r, out, errors = _extract(tmp_path, junk, good)
    assert r.exit_code == 1
    assert list(articles_by_path(out)) == ["good-1.txt"]  # no article of junk characters
    reason = errors_by_path(errors)["junk.html"]["reason"]
    assert reason.startswith(("binary content", "not text")), reason


def test_every_file_under_an_input_folder_is_read_or_listed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_good(folder)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "folder.json").mkdir()  # a folder with a file-like name: walked, not read as a file
    (folder / "folder.json" / "inner.txt").write_text(GOOD["good-1.txt"].replace("12/3", "13/3"), encoding="utf-8")
    r, out, errors = _extract(tmp_path, folder)
    assert r.exit_code == 1
    assert sorted(articles_by_path(out)) == ["good-1.txt", "good-2.txt", "inner.txt"]
    errs = errors_by_path(errors)
    assert errs["dangling.txt"]["reason"] == f"a broken symbolic link (its target {tmp_path / 'nowhere.txt'} does not exist)"
    assert errs["pipe.txt"]["reason"] == "a FIFO (named pipe), not a file: not read (name it on the command line to read it)"
    assert set(errs) == {"dangling.txt", "pipe.txt"}
    assert "; skipped 2 files not read (.docx 1, .pdf 1)" in r.stderr


def test_a_folder_named_json_on_the_command_line_is_read_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data.json"
    write_good(folder)
    r, out, _ = _extract(tmp_path, folder)
    assert r.exit_code == 0, r.stderr
    assert sorted(articles_by_path(out)) == ["good-1.txt", "good-2.txt"]


def test_a_device_on_the_command_line_is_read_with_a_bounded_read(tmp_path: Path) -> None:
    """``stat`` says 0 bytes for /dev/zero: the limit holds on the bytes actually read."""
    r, out, errors = _extract(tmp_path, "/dev/zero")
    assert r.exit_code == 1
    assert errors_by_path(errors)["zero"]["reason"] == \
        "document is more than 5,000,000 bytes, over the 5,000,000-byte limit (max_doc_bytes)"


def test_an_endless_fifo_on_the_command_line_is_read_with_a_bounded_read(tmp_path: Path) -> None:
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as fh:
                while True:
                    fh.write(b"Lao Cai " * 8192)
        except (BrokenPipeError, OSError):
            pass

    t = threading.Thread(target=feed, daemon=True)
    t.start()
    r, _, errors = _extract(tmp_path, fifo)
    assert r.exit_code == 1
    assert errors_by_path(errors)["endless.txt"]["stage"] == "limits"
    t.join(timeout=10)
    assert not t.is_alive()  # the reader closed it: the writer got a broken pipe


def test_deeply_nested_json_in_a_jsonl_input_costs_that_line_only(tmp_path: Path) -> None:
    src = tmp_path / "deep.jsonl"
    good = [json.dumps({"text": t}, ensure_ascii=False) for t in GOOD.values()]
    src.write_text("\n".join([good[0], "[" * 100_000 + "]" * 100_000, '{"text": ' * 50_000, good[1]]) + "\n",
                   encoding="utf-8")
    r, out, errors = _extract(tmp_path, src)
    assert r.exit_code == 1
    assert sorted(articles_by_path(out)) == ["deep.jsonl#1", "deep.jsonl#4"]
    errs = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert [e["location"].rsplit("#", 1)[1] for e in errs] == ["2", "3"]
    assert errs[0]["reason"] == "line 2 is JSON nested too deeply to read (not an article object)"


def _warc(records: list[str]) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    for n, paragraph in enumerate(records):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://example.test/{n}", "response",
                                           payload=io.BytesIO(_page(paragraph).encode("utf-8")), http_headers=http))
    return buf.getvalue()


@pytest.mark.parametrize("delta", [-40, +40])
def test_a_lying_content_length_is_an_error_line_and_warcio_stays_quiet(tmp_path: Path, delta: int) -> None:
    data = _warc([PARAGRAPH, PARAGRAPH.replace("12/3", "14/3")])
    m = re.search(rb"Content-Length: (\d+)\r\n", data)
    assert m is not None
    lie = str(int(m.group(1)) + delta).encode()
    warc = tmp_path / "lie.warc"
    warc.write_bytes(data[: m.start(1)] + lie + data[m.end(1):])
    r, _, errors = _extract(tmp_path, warc)
    assert r.exit_code == 1
    (err,) = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert err["stage"] == "read"
    assert err["reason"].startswith(f"WARC record whose Content-Length ({lie.decode()}) does not match its content")
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("documents: ")  # the summary line only


def test_a_good_warc_reads_every_record(tmp_path: Path) -> None:
    warc = tmp_path / "ok.warc"
    warc.write_bytes(_warc([PARAGRAPH, PARAGRAPH.replace("12/3", "14/3")]))
    r, out, _ = _extract(tmp_path, warc)
    assert r.exit_code == 0 and len(articles_by_path(out)) == 2
