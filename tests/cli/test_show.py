"""`corridor-ie show`: the review page (the text as written, mentions with label and id, a legend, records
whose fields link to their evidence, what the cleaner removed), one page per document plus an index for a
folder, every value escaped; and the terminal form (mentions marked, control characters shown as escapes).
The page in a real browser: ``test_review_browser.py``."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app
from corridor_ie.tools.review.page import Review, render_page

runner = CliRunner()
VOID = {"meta", "br", "img", "link", "input", "hr", "source", "wbr", "area", "base", "col", "embed", "param",
        "track"}


class Page(HTMLParser):
    """Elements, attributes, text per paragraph of the text, mark texts, ids and links of a page."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.paragraphs: list[str] = []
        self.marks: list[tuple[dict[str, str | None], list[str]]] = []
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.feed(page)
        self.close()

    def _in(self, tag: str, cls: str | None = None) -> bool:
        return any(t == tag and (cls is None or cls in (a.get("class") or "").split()) for t, a in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag in VOID:
            return
        self.stack.append((tag, a))
        if tag == "p" and self._in("div", "text"):
            self.paragraphs.append("")
        if tag == "mark":
            self.marks.append((a, []))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(tag)
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._in("p") and self._in("div", "text"):
            self.paragraphs[-1] += data
        for attrs, parts in self.marks:
            if any(a is attrs for _, a in self.stack):
                parts.append(data)


def show(*args: str):
    return runner.invoke(app, ["show", *args])


@pytest.fixture(scope="module")
def joint_page(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> tuple[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("show") / "review.html"
    r = show(str(repo / "examples/vi/joint-committee-14.txt"), "--html", str(out))
    assert r.exit_code == 0 and r.stdout == f"wrote {out}\n", r.output
    records = runner.invoke(app, ["extract", str(repo / "examples/vi/joint-committee-14.txt"), "-q"]).stdout
    article = json.loads(records.splitlines()[0])
    return out.read_text(encoding="utf-8"), article


def test_page_is_well_formed_and_safe_by_policy(joint_page) -> None:
    page, _ = joint_page
    assert page.startswith('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">')
    assert "Content-Security-Policy" in page and "<script" not in page
    p = Page(page)
    assert p.errors == [] and p.stack == []


def test_text_as_written_paragraph_by_paragraph(joint_page) -> None:
    page, article = joint_page
    lines = [line for line in article["text"].split("\n") if line]
    assert Page(page).paragraphs == lines  # every space, every punctuation mark, every line


def test_mentions_carry_label_and_id_and_keep_their_text(joint_page) -> None:
    page, article = joint_page
    p = Page(page)
    marks = [(a, "".join(t)) for a, t in p.marks if "cont" not in (a.get("class") or "")]
    assert len(marks) == len(article["entities"])
    by_id = {a["id"]: (a, text) for a, text in marks}
    for i, e in enumerate(article["entities"]):
        attrs, text = by_id[f"m-{i}"]
        assert attrs["data-label"] == e["label"] and attrs.get("data-id") == e["id"]
        assert attrs["title"].startswith(" ".join(x for x in (e["label"], e["id"]) if x))
        if not any("cut" in (a.get("class") or "") for a, _ in marks if a is attrs):
            assert e["text"].startswith(text) or text.startswith(e["text"]) or e["text"] in text
    khang = next(text for a, text in marks if a.get("data-id") == "person.vn.bui-van-khang")
    assert khang == "Bùi Văn Kháng"
    assert 'title="PERSON person.vn.bui-van-khang · Bùi Văn Khắng · fuzzy' in page


def test_legend_counts_labels(joint_page) -> None:
    page, article = joint_page
    n = sum(1 for e in article["entities"] if e["label"] == "PERSON")
    assert f'<span class="L-PERSON">PERSON {n}</span>' in page


def test_every_record_field_links_to_a_span_of_the_text(joint_page, repo) -> None:
    page, _ = joint_page
    p = Page(page)
    out = runner.invoke(app, ["extract", str(repo / "examples/vi/joint-committee-14.txt"), "-q"]).stdout
    records = [json.loads(line) for line in out.splitlines()][1:]
    assert len(records) > 10 and page.count('<section class="record"') == len(records)  # one section each
    internal = [h for h in p.hrefs if h.startswith("#")]
    assert internal and all(h[1:] in p.ids for h in internal)  # no dangling link
    rows = re.findall(r"<tr><th>([a-z_]+)</th><td>(.*?)</td></tr>", page)
    assert rows and all(td.startswith('<a href="#') for _, td in rows), [r for r in rows if "href" not in r[1]][:3]
    # a field found word for word in the evidence gets its own span; an id goes to its mention
    assert re.search(r'<th>title</th><td><a href="#(f-\d+-title)">', page)
    assert re.search(r'<th>jurisdiction</th><td><a href="#m-\d+">Quảng Ninh</a> <code>vn.prov.quang-ninh</code>', page)


def test_no_python_reprs(joint_page) -> None:
    page, _ = joint_page
    text = "".join(Page(page).text)
    assert not re.search(r"\{'|\['|\bNone\b|\bTrue\b|\bFalse\b", text)


def test_cleaner_removals_collapsed(joint_page) -> None:
    page, article = joint_page
    assert f'<details id="removed"><summary>Removed by the cleaner ({len(article["removed"])})</summary>' in page
    assert article["removed"][0]["reason"] in "".join(Page(page).text)


def test_folder_gives_one_page_per_document_and_an_index(tmp_path: Path, repo: Path) -> None:
    out = tmp_path / "review"
    r = show(str(repo / "examples"), "--html", str(out))
    assert r.exit_code == 0 and r.stdout == f"wrote 10 page(s) and {out / 'index.html'}\n"
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    pages = [h for h in index.hrefs]
    assert len(pages) == 10 and all((out / h).is_file() for h in pages)
    one = (out / pages[0]).read_text(encoding="utf-8")
    assert '<a href="index.html">← all documents</a>' in one


def test_a_file_of_several_documents_with_item_gives_one_page(tmp_path: Path, repo: Path) -> None:
    out = tmp_path / "one.html"
    r = show(str(repo / "examples/batch/articles.jsonl"), "--item", "2", "--html", str(out))
    assert r.exit_code == 0 and out.is_file()
    assert "articles.jsonl#2" in out.read_text(encoding="utf-8")


PAYLOADS = ['<script>alert(1)</script>', '" onmouseover="alert(1)" x="', "' onfocus='alert(1)' autofocus='",
            '"><img src=x onerror=alert(1)>', "</p></div><iframe src=javascript:alert(1)>", "&lt;b&gt;"]


def hostile_review(p: str) -> Review:
    text = f"Ông Bùi Văn A {p} nói.\n{p}"
    i = text.index("Bùi Văn A")
    ent = {"label": p, "text": "Bùi Văn A", "start": i, "end": i + 9, "id": p, "value": [p, {"k": p}],
           "method": p, "score": 0.5, "reading": p}
    j = text.index(p)
    ent2 = {"label": "ORG", "text": p, "start": j, "end": j + len(p), "id": None, "value": p}
    article = {"record_type": "article", "doc_id": p, "lang": p, "title": p, "text": text, "published": p,
               "sitename": p, "byline": p, "source": {"path": p, "url": f"javascript:alert({p!r})"},
               "entities": [ent, ent2], "removed": [{"kind": p, "text": p, "reason": p}], "captions": [p],
               "relevance": {"relevant": True, "reasons": [p]}, "gazetteer_version": p, "pipeline": p}
    ev = [{"start": 0, "end": len(text), "text": text}]
    records = [
        {"record_type": "official", "doc_id": p, "name": p, "person_id": p, "title": p, "organization": p,
         "jurisdiction": {"id": p, "name": p}, "roles": [p], "evidence": ev, p: p},
        {"record_type": p, "event_id": p, "series_name": p, "members": [{"id": p, "name": p}],
         "attendance": [{"value": 3, "unit": p, "text": p}], "start_date": p, "evidence": [{"start": 0, "end": 3}]},
    ]
    return Review(article, records)


def _shape(page: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(tag, tuple(sorted(a))) for tag, a in Page(page).elements]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_fields_create_no_element_or_attribute(payload: str) -> None:
    page = render_page(hostile_review(payload))
    benign = render_page(hostile_review("x" * len(payload)))
    p = Page(page)
    assert p.errors == [] and p.stack == []
    assert _shape(page) == _shape(benign)  # the same elements with the same attributes as for plain text
    assert not [t for t, _ in p.elements if t in {"script", "img", "iframe"}]
    assert not [n for _, a in p.elements for n in a if n.startswith("on") or n in ("src", "autofocus")]
    assert '<html lang="und">' in page and "javascript:" not in "".join(p.hrefs)
    assert payload in "".join(p.text)  # shown as text


def test_hostile_document_end_to_end(tmp_path: Path) -> None:
    src = tmp_path / "hostile.jsonl"
    text = "Chiều 13/11/2023, Hội nghị hợp tác hành lang kinh tế lần thứ 10 bế mạc tại Hà Nội. " + PAYLOADS[0] + \
           " Ông Trần Sỹ Thanh phát biểu. " + PAYLOADS[3]
    src.write_text(json.dumps({"text": text, "title": PAYLOADS[1], "lang": PAYLOADS[3],
                               "url": "javascript:alert(1)"}) + "\n", encoding="utf-8")
    out = tmp_path / "h.html"
    r = show(str(src), "--html", str(out))
    assert r.exit_code == 0, r.output
    p = Page(out.read_text(encoding="utf-8"))
    assert not [t for t, _ in p.elements if t in {"script", "img"}]
    assert not [n for _, a in p.elements for n in a if n.startswith("on")]


def test_terminal_form_marks_mentions(repo: Path) -> None:
    r = show(str(repo / "examples/vi/joint-committee-14.txt"))
    assert r.exit_code == 0
    assert "[Bùi Văn Kháng](PERSON:person.vn.bui-van-khang)" in r.stdout
    assert "record_type=conference" in r.stdout and "jurisdiction=Quảng Ninh(vn.prov.quang-ninh)" in r.stdout
    assert "{'" not in r.stdout and "['" not in r.stdout


def test_terminal_prints_control_characters_as_escapes(tmp_path: Path) -> None:
    f = tmp_path / "esc.txt"
    f.write_text("Hội nghị hợp tác hành lang kinh tế lần thứ 10 \x1b[2J\x1b]0;pwned\x07 bế mạc tại Hà Nội.\x08\u202e\n",
                 encoding="utf-8")
    r = show(str(f))
    assert r.exit_code == 0
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", r.stdout)
    assert "\\x1b" in r.stdout and "\\x07" in r.stdout and "\\u202e" in r.stdout


def test_missing_article(tmp_path: Path) -> None:
    r = show(str(tmp_path / "nope.txt"))
    assert r.exit_code == 2 and r.stderr == f"corridor-ie: error: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_html_into_an_unwritable_place_is_one_line(tmp_path: Path, repo: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = show(str(repo / "examples/vi/joint-committee-14.txt"), "--html", str(blocker / "sub" / "page.html"))
    assert r.exit_code == 2 and r.stderr.startswith("corridor-ie: error: ") and len(r.stderr.splitlines()) == 1
