import json

from corridor_ie.output import JsonlWriter, done_ids, iter_jsonl, repair_tail
from corridor_ie.records import ArticleRecord, ErrorRecord, SourceInfo


def _article(i: int) -> ArticleRecord:
    return ArticleRecord(doc_id=f"d{i}", source=SourceInfo(path=f"a{i}.txt"), lang="vi", text="Hà Nội")


def test_record_type_first_and_utf8(tmp_path):
    p = tmp_path / "o.jsonl"
    with JsonlWriter(p) as w:
        w.write_batch([_article(1)])
    line = p.read_text(encoding="utf-8")
    assert line.startswith('{"record_type":"article"') and "Hà Nội" in line and line.endswith("\n")


def test_repair_tail_cuts_partial_line(tmp_path):
    p = tmp_path / "o.jsonl"
    with JsonlWriter(p) as w:
        w.write_batch([_article(1), _article(2)])
    with p.open("ab") as fh:
        fh.write(b'{"record_type":"article","doc_id":"d3","sour')
    assert repair_tail(p) > 0
    assert [r["doc_id"] for r in iter_jsonl(p)] == ["d1", "d2"]


def test_append_repairs_then_continues(tmp_path):
    p = tmp_path / "o.jsonl"
    p.write_bytes(b'{"record_type":"article","doc_id":"d1"}\n{"trunc')
    with JsonlWriter(p, append=True) as w:
        w.write_batch([_article(2)])
    lines = p.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["doc_id"] for x in lines] == ["d1", "d2"]
    assert done_ids(p) == {"d1", "d2"}


def test_error_record_reason_is_one_line():
    e = ErrorRecord(location="x.html", stage="read", code="E201", reason="bad\nthing  here")
    assert e.reason == "bad thing here"
