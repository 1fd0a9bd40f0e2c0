"""Random bytes, random HTML and random JSON Lines beside good documents, through ``extract``: the exit
code is 0 or 1, nothing reaches stderr but the summary line (no traceback), every output and errors line
is a JSON object with a ``record_type``, and every good document is extracted as if alone."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.reliability.kit import articles_by_path, cli, write_good

import corridor_ie.runner as runner_module

TAGS = ["p", "div", "article", "span", "b", "script", "style", "nav", "table", "td", "h1", "br", "html", "body",
        "meta", "title", "!--", "![CDATA[", "?xml"]
WORDS = ["Lào Cai", "Vân Nam", "hợp tác", "&amp;", "&#0;", "&#x1F600;", "\x08", "\x1b", "\ufffe", "\ud800",
         "'", '"', "<", ">", "=", "lang=", "charset=", "\u202e", "", " ", "\n"]

text_piece = st.one_of(st.sampled_from(WORDS), st.text(max_size=20))


@st.composite
def random_html(draw) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(st.sampled_from(TAGS))
        attrs = "".join(f' {draw(st.sampled_from(["lang", "class", "id", "charset", "x"]))}="{draw(text_piece)}"'
                        for _ in range(draw(st.integers(0, 3))))
        parts.append(draw(st.sampled_from([f"<{tag}{attrs}>", f"</{tag}>", draw(text_piece)])))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1258", "latin-1"]))
    return "".join(parts).encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                              st.sampled_from(["text", "title", "lang", "url", "published", "html", "x"]), inner,
                              max_size=5), max_leaves=12)


@st.composite
def random_jsonl(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["json", "bytes", "deep", "doc"]))
        if kind == "json":
            lines.append(json.dumps(draw(json_value)).encode())
        elif kind == "bytes":
            lines.append(draw(st.binary(max_size=60)).replace(b"\n", b" "))
        elif kind == "deep":
            lines.append(b"[" * draw(st.integers(900, 20_000)))
        else:
            lines.append(json.dumps({"text": draw(st.text(max_size=80)), "lang": draw(text_piece)}).encode())
    return b"\n".join(lines) + draw(st.sampled_from([b"\n", b""]))


inputs = st.lists(st.one_of(
    st.tuples(st.sampled_from([".html", ".txt", ".jsonl", ".warc", ".gz"]), st.binary(max_size=400)),
    st.tuples(st.just(".html"), random_html()),
    st.tuples(st.just(".jsonl"), random_jsonl()),
), min_size=1, max_size=4)


@pytest.fixture(scope="module", autouse=True)
def resources_once() -> Iterator[None]:
    """Every example runs the same pipeline: its resources (and stages, once built) are kept from one
    run to the next, so that an example costs its documents only."""
    made = {}
    real = runner_module.load_resources

    def load_resources(config, gazetteers=None, *, unrelated="stub"):
        if unrelated not in made:
            made[unrelated] = real(config, gazetteers, unrelated=unrelated)
        return made[unrelated]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(runner_module, "load_resources", load_resources)
        yield


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bad=inputs)
def test_random_inputs_never_break_extract(bad: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        write_good(folder)
        for n, (suffix, data) in enumerate(bad):
            (folder / f"bad-{n}{suffix}").write_bytes(data)
        out = Path(tmp) / "out.jsonl"
        r = cli("extract", folder, "-o", out, "-w", "1")
        assert r.exit_code in (0, 1), r.stderr
        assert r.stderr.count("\n") == 1 and r.stderr.startswith("documents: "), r.stderr
        for f in (out, Path(tmp) / "out.errors.jsonl"):
            for line in (f.read_text(encoding="utf-8").splitlines() if f.exists() else []):
                assert isinstance(json.loads(line).get("record_type"), str), line
        arts = articles_by_path(out)
        assert {"good-1.txt", "good-2.txt"} <= set(arts)
        assert all(arts[g]["relevant"] and arts[g]["text"] for g in ("good-1.txt", "good-2.txt"))
