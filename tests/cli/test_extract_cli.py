"""The extract command through typer's runner: exact messages and exit codes."""

import json

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app

runner = CliRunner()

ARTICLE = (
    "Lào Cai và Vân Nam thúc đẩy hợp tác cửa khẩu\n"
    "Sáng 12/3/2024, tại thành phố Lào Cai, lãnh đạo tỉnh Lào Cai và tỉnh Vân Nam (Trung Quốc) "
    "đã hội đàm về việc nâng cấp cặp cửa khẩu Kim Thành – Bắc Sơn.\n"
)


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_missing_input_is_a_usage_error(tmp_path):
    r = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_unknown_option_one_line(tmp_path):
    r = runner.invoke(app, ["extract", "--bogus", str(tmp_path)])
    assert r.exit_code == 2
    assert r.stderr == "corridor-ie: error: No such option: --bogus (see 'corridor-ie extract --help')\n"
    assert "Traceback" not in r.output


def test_invalid_pipeline_file(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text('name = "x"\nstages = ["read"]\nworkers = 3\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--pipeline", str(p)])
    assert r.exit_code == 2
    assert r.stderr == (f"corridor-ie: error: {p}:3: workers: Extra inputs are not permitted "
                        "(see pipelines/README.md for the keys)\n")


def test_extract_file_to_output(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    recs = _lines(out)
    assert recs[0]["record_type"] == "article" and recs[0]["source"]["path"] == str(src)
    n = len(recs)
    kinds = {}
    for rec in recs:
        kinds[rec["record_type"]] = kinds.get(rec["record_type"], 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    assert r.stderr == f"documents: 1 read, 1 extracted, 0 failed; records: {n} ({summary}) -> {out}\n"
    assert not (tmp_path / "out.errors.jsonl").exists()


def test_stdout_when_no_output(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["extract", str(src), "--quiet", "--errors", str(tmp_path / "e.jsonl")])
    assert r.exit_code == 0
    first = json.loads(r.stdout.splitlines()[0])
    assert first["record_type"] == "article" and "Kim Thành" in first["text"]
    assert r.stderr == ""


def test_bad_file_costs_only_itself(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "b.html").write_bytes(b"\x00\x01\x02\xff" * 100)
    (corpus / "c.txt").write_text(ARTICLE.replace("12/3/2024", "13/3/2024"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["extract", str(corpus), "-o", str(out)])
    assert r.exit_code == 1
    errors = tmp_path / "out.errors.jsonl"
    assert r.stderr.startswith("documents: 3 read, 2 extracted, 1 failed;")
    assert r.stderr.endswith(f"; errors in {errors}\n")
    arts = [x for x in _lines(out) if x["record_type"] == "article"]
    assert [a["source"]["path"] for a in arts] == [str(corpus / "a.txt"), str(corpus / "c.txt")]
    (err,) = _lines(errors)
    assert err["location"] == str(corpus / "b.html") and err["stage"] == "read" and "binary" in err["reason"]


def test_resume_skips_done_documents(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["extract", str(corpus), "-o", str(out), "-q"]).exit_code == 0
    before = out.read_text(encoding="utf-8")
    (corpus / "b.txt").write_text(ARTICLE.replace("12/3/2024", "14/3/2024"), encoding="utf-8")
    assert runner.invoke(app, ["extract", str(corpus), "-o", str(out), "-q", "--resume"]).exit_code == 0
    after = out.read_text(encoding="utf-8")
    assert after.startswith(before)
    arts = [x for x in _lines(out) if x["record_type"] == "article"]
    assert [a["source"]["path"].rsplit("/", 1)[-1] for a in arts] == ["a.txt", "b.txt"]


@pytest.mark.parametrize("cmd", [["schema"]])
def test_schema_is_json(cmd):
    r = runner.invoke(app, cmd)
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    assert set(schema["discriminator"]["mapping"]) == {"article", "conference", "official", "commitment"}


def test_schema_matches_the_models():
    from corridor_ie.records import RECORD_MODELS

    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    for model in RECORD_MODELS:
        props = schema["$defs"][model.__name__]["properties"]
        assert set(props) == set(model.model_fields), model.__name__
        assert props["record_type"]["const"] == model.model_fields["record_type"].default
