"""A corpus of good documents mixed with every kind of bad input, run through the real CLI.

Every good document must come out exactly as in a clean run over the good documents alone; every bad
one must be in the errors file exactly once, with its stage and a one-line reason; nothing a document
contains may read files or decide where output goes; no traceback may reach the user.

The table of bad inputs and expected errors is ``tests/reliability/README.md``.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import unicodedata
import uuid
import zlib
from pathlib import Path

import pytest
from tests.conftest import to_cp1258
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corridor_ie.cli import app
from corridor_ie.records import RECORD_ADAPTER, ErrorRecord

REPO = Path(__file__).resolve().parents[2]
EX = REPO / "examples"
HANOI_HTML = EX / "vi" / "corridor-10-hanoi.html"
ZH_HTML = EX / "zh" / "corridor-10-hanoi.zh.html"
WEATHER_HTML = EX / "vi" / "unrelated-weather.html"
JOINT_TXT = EX / "vi" / "joint-committee-14.txt"
GMS_TXT = EX / "vi" / "lao-cai-gms-forum.txt"
EN_TXT = EX / "en" / "corridor-10-hanoi.en.txt"
SPORTS_TXT = EX / "vi" / "unrelated-sports.txt"
BATCH = EX / "batch" / "articles.jsonl"

BINARY = "binary content (NUL bytes / not text in any known encoding)"
NEWLINE_NAME = "a07 ..\\..\\evil\nname ..txt"  # a newline and Windows-style '..\' in a file name
BIG_BYTES = 50 * 1024 * 1024
# Today's reasons for a download cut inside a UTF-8 sequence; they become the "truncated" reasons of
# test_cut_inside_utf8_is_reported_as_truncated (xfail) once decode.py detects the cut.
CUT_UTF8_PAGE = "truncated: the file ends inside a UTF-8 character (an incomplete download?)"
CUT_UTF8_LINE = "line 2 is not valid JSON, perhaps truncated (it ends inside a UTF-8 character)"

runner = CliRunner()


# --- builders ---------------------------------------------------------------------------------------



def without_meta_charset(page: str) -> str:
    out, n = re.subn(r"<meta charset=\"utf-8\">\n", "", page)
    assert n == 1
    return out


def warc_bytes(records: list[tuple[str, bytes]]) -> bytes:
    """A WARC (warcinfo + one HTML response per (url, payload)), built with warcio."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for url, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                      http_headers=headers))
    return buf.getvalue()


def gzip_bomb(path: Path, total: int) -> None:
    """``total`` bytes of zeros as gzip, built fast by repeating one 10 MB member (gzip allows that)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = c.compress(b"\0" * 10_000_000) + c.flush()
    path.write_bytes(member * (total // 10_000_000))


def entity_page(body: str) -> str:
    """An XHTML-looking page with a billion-laughs DTD and an external entity naming /etc/passwd."""
    decls = '<!ENTITY a "' + "a" * 100 + '">\n'
    decls += "".join(f'<!ENTITY a{k} "' + f"&a{k - 1 if k > 1 else ''};" * 10 + '">\n' for k in range(1, 10))
    return ('<?xml version="1.0"?>\n<!DOCTYPE html [\n' + decls + '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
            "<html><body><article><h1>Hợp tác biên giới</h1>" + body + "<p>&a9; &xxe;</p></article></body></html>")


def paragraphs(text: str) -> str:
    return "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())


# --- the corpus -------------------------------------------------------------------------------------


def build_good(folder: Path) -> None:
    """The good documents alone (the clean run's input)."""
    folder.mkdir()
    shutil.copy(HANOI_HTML, folder / "hanoi.html")
    shutil.copy(JOINT_TXT, folder / "joint.txt")
    shutil.copy(GMS_TXT, folder / "gms.txt")
    shutil.copy(EN_TXT, folder / "en.txt")
    shutil.copy(SPORTS_TXT, folder / "sports.txt")
    shutil.copy(BATCH, folder / "batch.jsonl")
    (folder / "crawl.warc").write_bytes(warc_bytes(_warc_records()))


def _warc_records() -> list[tuple[str, bytes]]:
    return [("https://news.caiyunxinwen.cn/system/2023/11/14/032871456.shtml", ZH_HTML.read_bytes()),
            ("https://thoisuthudo.vn/xa-hoi/thoi-tiet/bac-bo-chuyen-ret-a49027.html", WEATHER_HTML.read_bytes())]


def build_mixed(folder: Path, marker: Path) -> dict[str, tuple[str, str]]:
    """Good documents (renamed) and bad ones. Returns {location: (stage, reason)} of expected errors."""
    folder.mkdir()
    expected: dict[str, tuple[str, str]] = {}

    def bad(name: str, stage: str, reason: str, item: int | None = None) -> None:
        loc = str(folder / name) + (f"#{item}" if item is not None else "")
        expected[loc] = (stage, reason)

    # good ones, renamed (identical bytes, so identical doc ids)
    shutil.copy(HANOI_HTML, folder / "a01 Hà Nội.html")
    shutil.copy(JOINT_TXT, folder / "a02_joint.txt")
    shutil.copy(GMS_TXT, folder / "a03_gms.txt")
    shutil.copy(EN_TXT, folder / "a04_en.TXT")
    shutil.copy(SPORTS_TXT, folder / NEWLINE_NAME)

    # empty file; binary bytes named .html
    (folder / "b01_empty.txt").write_bytes(b"")
    bad("b01_empty.txt", "read", "empty file")
    (folder / "b02_photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    bad("b02_photo.html", "read", BINARY)

    # truncated downloads: cut inside a tag (still readable: an HTML page has no length to check), and
    # cut inside a tag in the middle of a UTF-8 sequence (not UTF-8 any more: refused, never mis-decoded)
    page = HANOI_HTML.read_bytes()
    at = page.index(b"<p", len(page) // 2)
    (folder / "b03_cut_tag.html").write_bytes(page[: at + 2])  # ends in '<p': inside a tag, on an ASCII byte
    at = page.index('<meta name="description" content="Lễ'.encode())
    cut_utf8 = page[: at + len('<meta name="description" content="L') + 1]  # the first byte of 'ễ'
    (folder / "b04_cut_utf8.html").write_bytes(cut_utf8)
    bad("b04_cut_utf8.html", "read", CUT_UTF8_PAGE)

    # undeclared legacy encodings: decoded, and the same article as the UTF-8 page
    (folder / "c01_vi_1258.html").write_bytes(to_cp1258(without_meta_charset(HANOI_HTML.read_text("utf-8"))))
    (folder / "c02_zh_gb18030.html").write_bytes(without_meta_charset(ZH_HTML.read_text("utf-8")).encode("gb18030"))

    # JSONL whose lines 2 and 4 were cut in half, between good lines 1, 3 and 5: line 2 (Chinese) is cut
    # inside a UTF-8 sequence, line 4 (English) between characters
    lines = BATCH.read_bytes().splitlines()
    assert len(lines) == 3
    half2, half4 = lines[1][: len(lines[1]) // 2], lines[2][: len(lines[2]) // 2]
    with pytest.raises(UnicodeDecodeError):
        half2.decode("utf-8")
    (folder / "b05_cut_lines.jsonl").write_bytes(b"\n".join([lines[0], half2, lines[1], half4, lines[2]]) + b"\n")
    bad("b05_cut_lines.jsonl", "read", CUT_UTF8_LINE, item=2)
    with pytest.raises(json.JSONDecodeError) as e:
        json.loads(half4.decode("utf-8"))
    bad("b05_cut_lines.jsonl", "read",
        f"line 4 is not valid JSON, perhaps truncated ({e.value.msg}, column {e.value.colno})", item=4)

    # a WARC whose last record is cut inside its payload: the two complete records still come out
    full = warc_bytes([*_warc_records(), ("https://thoisuthudo.vn/cut", HANOI_HTML.read_bytes())])
    (folder / "b06_crawl.warc").write_bytes(full[:-2000])
    bad("b06_crawl.warc", "read", "truncated WARC record (the file ends inside it)", item=4)

    # a 50 MB page
    with (folder / "b07_huge.html").open("wb") as fh:
        fh.write(b"<html><body><p>")
        fh.write(b"a" * (BIG_BYTES - 33))
        fh.write(b"</p></body></html>")
    bad("b07_huge.html", "limits", f"document is {BIG_BYTES:,} bytes, over the 5,000,000-byte limit (max_doc_bytes)")

    # 10,000 nested divs
    (folder / "b08_deep.html").write_text(
        "<html><body>" + "<div>" * 10_000 + "Hà Nội và Vân Nam hợp tác. " * 20 + "</div>" * 10_000 + "</body></html>",
        encoding="utf-8")
    bad("b08_deep.html", "limits", "HTML nesting depth over 500 (limit max_html_depth)")

    # entity bomb + external entity around a real article: the entities stay inert
    (folder / "c03_entities.html").write_text(entity_page(paragraphs(GMS_TXT.read_text("utf-8"))), encoding="utf-8")

    # gzip decompression bomb named .txt.gz (600 MB of zeros in 6 MB)
    gzip_bomb(folder / "b09_bomb.txt.gz", 600_000_000)
    bad("b09_bomb.txt.gz", "limits",
        "decompressed size over 500,000,000 bytes (max_decompressed_bytes): possible decompression bomb")

    # a page that is only navigation
    menu = "".join(f'<li><a href="/chuyen-muc/{i}">Thời sự {i}</a></li>' for i in range(40))
    (folder / "b10_nav_only.html").write_text(
        f'<html lang="vi"><head><title>Báo Biên giới</title></head><body><nav><ul>{menu}</ul></nav>'
        f'<div role="navigation"><a href="/">Trang chủ</a> › <a href="/thoi-su">Thời sự</a></div></body></html>',
        encoding="utf-8")
    bad("b10_nav_only.html", "clean", "no article text found in the HTML page")

    # NFD-decomposed Vietnamese: the same article as the NFC text
    (folder / "c04_nfd.txt").write_text(unicodedata.normalize("NFD", JOINT_TXT.read_text("utf-8")), encoding="utf-8")

    # hostile metadata: nothing a document says decides where anything is written or what is read
    hostile = [
        {"url": f"file://{marker}", "title": "../../etc/passwd", "text": JOINT_TXT.read_text("utf-8") + "\nx"},
        {"url": "file:///etc/passwd", "title": "/etc/passwd\n../x", "published": "../../..",
         "html": f'<html><head><link rel="canonical" href="file:///etc/passwd"></head><body><article>'
                 f'{paragraphs(GMS_TXT.read_text("utf-8"))}<iframe src="file:///etc/passwd"></iframe>'
                 f'<img src="file:///etc/passwd"></article></body></html>'},
    ]
    (folder / "c05_hostile.jsonl").write_text(
        "".join(json.dumps(h, ensure_ascii=False) + "\n" for h in hostile), encoding="utf-8")
    return expected


# --- helpers ----------------------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_doc(records: list[dict]) -> dict[str, list[dict]]:
    """Records grouped per document (an article and the records after it), keyed by article location."""
    out: dict[str, list[dict]] = {}
    current: list[dict] = []
    for r in records:
        if r["record_type"] == "article":
            current = out.setdefault(r["source"]["path"], [])
        current.append(r)
    return out


def without_path(records: list[dict]) -> list[dict]:
    out = []
    for r in records:
        r = json.loads(json.dumps(r))
        if r["record_type"] == "article":
            del r["source"]["path"]
        out.append(r)
    return out


def without_identity(records: list[dict]) -> list[str]:
    """For documents whose bytes differ (another encoding, NFD): everything but doc id and source."""
    out = []
    for r in without_path(records):
        for key in ("title", "sitename"):  # page metadata is not NFC yet: test_metadata_is_nfc (xfail)
            if r.get(key):
                r[key] = unicodedata.normalize("NFC", r[key])
        s = json.dumps(r, ensure_ascii=False, sort_keys=True).replace(r["doc_id"], "DOC")
        out.append(re.sub(r'"source": \{[^}]*\}', '"source": {}', s))
    return out


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


# --- the test ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_bad_corpus_costs_only_the_bad_documents(tmp_path: Path) -> None:
    marker = Path("/tmp") / f"corridor-ie-must-not-exist-{uuid.uuid4().hex}"
    good_dir, mixed_dir = tmp_path / "good", tmp_path / "mixed"
    build_good(good_dir)
    expected = build_mixed(mixed_dir, marker)

    clean_out = tmp_path / "clean.jsonl"
    # every page extracted (``--unrelated full``): a page that is only navigation must still fail as such
    r = runner.invoke(app, ["extract", str(good_dir), "-o", str(clean_out), "--unrelated", "full"])
    assert r.exit_code == 0, r.output
    clean = read_jsonl(clean_out)

    before = files_under(tmp_path)
    out, err_file = tmp_path / "out" / "mixed.jsonl", tmp_path / "out" / "mixed.errors.jsonl"
    r = runner.invoke(app, ["extract", str(mixed_dir), "-o", str(out), "--unrelated", "full"])
    (mixed_dir / "b07_huge.html").unlink()  # 50 MB: don't keep it in pytest's tmp folders

    # exit code, summary line, no traceback
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.stdout and "Traceback" not in r.stderr
    assert r.stdout == ""
    records = read_jsonl(out)
    for rec in records:
        RECORD_ADAPTER.validate_python(rec)
    errors = read_jsonl(err_file)
    docs = by_doc(records)
    n_failed = len(expected)
    n_extracted = len(docs)
    kinds = {}
    for rec in records:
        kinds[rec["record_type"]] = kinds.get(rec["record_type"], 0) + 1
    kind_text = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    assert r.stderr == (f"documents: {n_extracted + n_failed} read, {n_extracted} extracted, {n_failed} failed; "
                        f"records: {len(records)} ({kind_text}) -> {out}; errors in {err_file}\n")

    # each bad document exactly once, with its stage and one-line reason
    got = {e["location"]: (e["stage"], e["reason"]) for e in errors}
    assert len(errors) == len(got), "a document is in the errors file twice"
    assert got == expected
    for e in errors:
        assert "\n" not in e["reason"] and "Traceback" not in e["reason"]
        ErrorRecord.model_validate(e)

    # every good document identical to the clean run (ignoring only source.path)
    clean_docs = by_doc(clean)
    m = str(mixed_dir)
    pairs = {
        f"{m}/a01 Hà Nội.html": f"{good_dir}/hanoi.html",
        f"{m}/a02_joint.txt": f"{good_dir}/joint.txt",
        f"{m}/a03_gms.txt": f"{good_dir}/gms.txt",
        f"{m}/a04_en.TXT": f"{good_dir}/en.txt",
        f"{m}/{NEWLINE_NAME}": f"{good_dir}/sports.txt",
        f"{m}/b05_cut_lines.jsonl#1": f"{good_dir}/batch.jsonl#1",
        f"{m}/b05_cut_lines.jsonl#3": f"{good_dir}/batch.jsonl#2",
        f"{m}/b05_cut_lines.jsonl#5": f"{good_dir}/batch.jsonl#3",
        f"{m}/b06_crawl.warc#2": f"{good_dir}/crawl.warc#2",
        f"{m}/b06_crawl.warc#3": f"{good_dir}/crawl.warc#3",
    }
    assert set(clean_docs) == set(pairs.values())
    for mixed_loc, clean_loc in pairs.items():
        assert without_path(docs[mixed_loc]) == without_path(clean_docs[clean_loc]), mixed_loc

    # other bytes, same article: legacy encodings and NFD text
    same = {
        f"{m}/c01_vi_1258.html": f"{good_dir}/hanoi.html",
        f"{m}/c02_zh_gb18030.html": f"{good_dir}/crawl.warc#2",
        f"{m}/c04_nfd.txt": f"{good_dir}/joint.txt",
    }
    for mixed_loc, clean_loc in same.items():
        assert without_identity(docs[mixed_loc]) == without_identity(clean_docs[clean_loc]), mixed_loc

    # the page cut inside a tag is read (HTML has no length to check) and keeps what it had
    (cut,) = [d for loc, d in docs.items() if loc.endswith("b03_cut_tag.html")]
    full_text = clean_docs[f"{good_dir}/hanoi.html"][0]["text"]
    assert 1000 < len(cut[0]["text"]) < len(full_text) and full_text.startswith(cut[0]["text"])

    # entity bomb / external entity: nothing expanded, nothing read, no DTD text leaked
    (ent,) = [d for loc, d in docs.items() if loc.endswith("c03_entities.html")]
    assert ent[0]["text"].startswith("Hợp tác biên giới\n")
    assert "]>" not in ent[0]["text"] and "aaaaaaaaaa" not in ent[0]["text"]

    # hostile JSONL metadata is only data
    hostile = [d for loc, d in docs.items() if "c05_hostile.jsonl" in loc]
    assert [h[0]["title"] for h in hostile] == ["../../etc/passwd", "/etc/passwd\n../x"]
    assert [h[0]["source"]["url"] for h in hostile] == [f"file://{marker}", "file:///etc/passwd"]

    # nothing read from /etc/passwd, nothing written but the two output files
    whole = out.read_text(encoding="utf-8") + err_file.read_text(encoding="utf-8") + r.stderr
    assert "root:" not in whole and ":/bin/" not in whole
    assert not marker.exists()
    assert files_under(tmp_path) - before == {out.parent, out, err_file}


def test_stderr_of_the_real_command_is_the_summary_only(tmp_path: Path) -> None:
    """Library log lines (trafilatura's "discarding data: None" on an empty page, printed through the root
    handler that underthesea installs) must not reach the user; CliRunner can't see them, a subprocess can."""
    import subprocess
    import sys

    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(JOINT_TXT, d / "a.txt")
    (d / "b_nav.html").write_text('<html><body><nav><a href="/">Trang chủ</a></nav></body></html>', encoding="utf-8")
    (d / "c_empty_body.html").write_text("<html><body></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    script = Path(sys.executable).parent / "corridor-ie"
    r = subprocess.run([str(script), "extract", str(d), "-o", str(out), "--unrelated", "full"],  # extract every page
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    assert r.stdout == ""
    assert re.fullmatch(r"documents: 3 read, 1 extracted, 2 failed; records: \d+ \([a-z0-9 ,]+\) -> "
                        + re.escape(f"{out}; errors in {tmp_path / 'out.errors.jsonl'}") + "\n", r.stderr), r.stderr


# --- known bugs -------------------------------------------------------------------------------------


def test_cut_inside_utf8_is_reported_as_truncated(tmp_path: Path) -> None:
    d = tmp_path / "corpus"
    d.mkdir()
    page = ('<html><head><meta charset="utf-8"></head><body><p>Hai tỉnh Lào Cai và Vân Nam ký kết hợp tác '
            "tại Hà Nội</p></body></html>").encode()
    (d / "a_short.html").write_bytes(page[: page.index("Nội".encode()) + 2])  # 'N' + the first byte of 'ộ'
    line = json.dumps({"url": "u", "text": "Hai tỉnh Lào Cai và Vân Nam"}, ensure_ascii=False).encode()
    (d / "b_cut.jsonl").write_bytes(line[: line.index("Vân".encode()) + 2] + b"\n" + line + b"\n")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["extract", str(d), "-o", str(out)])
    assert r.exit_code == 1
    errors = [(e["location"], e["stage"], e["reason"]) for e in read_jsonl(tmp_path / "out.errors.jsonl")]
    assert errors == [
        (str(d / "a_short.html"), "read", "truncated: the file ends inside a UTF-8 character (an incomplete download?)"),
        (f"{d / 'b_cut.jsonl'}#1", "read", "line 1 is not valid JSON, perhaps truncated (it ends inside a UTF-8 character)"),
    ]


NAV_MENU = "".join(f'<li><a href="/chuyen-muc/{i}">Chuyên mục {i}</a></li>' for i in range(30))


@pytest.mark.parametrize(
    "body",
    [
        f"<nav><ul>{NAV_MENU}</ul></nav>",
        f'<div role="navigation"><ul>{NAV_MENU}</ul></div>',
        pytest.param(f'<div class="menu"><ul>{NAV_MENU}</ul></div><footer>© 2024 Báo Lào Cai</footer>',
                     marks=pytest.mark.xfail(strict=True, reason="a link list outside <nav> is taken for the article "
                                             "by trafilatura's fallback")),
        pytest.param(f'<header><div class="logo">Báo Lào Cai</div><ul>{NAV_MENU}</ul></header><div id="main"></div>',
                     marks=pytest.mark.xfail(strict=True, reason="a header menu is taken for the article by "
                                             "trafilatura's fallback")),
    ],
    ids=["nav", "role-navigation", "div-menu", "header-menu"],
)
def test_navigation_only_page_has_no_article(tmp_path: Path, body: str) -> None:
    (tmp_path / "menu.html").write_text(f'<html lang="vi"><head><title>Báo</title></head><body>{body}</body></html>',
                                        encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["extract", str(tmp_path / "menu.html"), "-o", str(out), "--unrelated", "full"])
    assert r.exit_code == 1
    (err,) = read_jsonl(tmp_path / "out.errors.jsonl")
    assert (err["stage"], err["reason"]) == ("clean", "no article text found in the HTML page")
    assert out.read_text() == ""


@pytest.mark.parametrize("where", ["html", "jsonl"])
def test_metadata_is_nfc(tmp_path: Path, where: str) -> None:
    title = "Lào Cai và Vân Nam hợp tác"
    body = JOINT_TXT.read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", title)
    assert nfd != title
    if where == "html":
        page = f"<html><head><title>{nfd}</title></head><body><article>{paragraphs(body)}</article></body></html>"
        (tmp_path / "a.html").write_text(page, encoding="utf-8")
        src = tmp_path / "a.html"
    else:
        src = tmp_path / "a.jsonl"
        src.write_text(json.dumps({"url": "u", "title": nfd, "text": body}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["extract", str(src), "-o", str(out)]).exit_code == 0
    assert read_jsonl(out)[0]["title"] == title
