"""`corridor-ie show`: the review page opens in a browser (valid HTML, highlighted mentions, records
with evidence) and the terminal form marks mentions."""

from html.parser import HTMLParser

from typer.testing import CliRunner

from corridor_ie.cli import app

runner = CliRunner()


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.text, self.labels = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br", "img", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(tag)
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_html_review_page(tmp_path, repo):
    out = tmp_path / "review.html"
    r = runner.invoke(app, ["show", str(repo / "examples/vi/lao-cai-gms-forum.txt"), "--html", str(out)])
    assert r.exit_code == 0 and r.stdout == f"wrote {out}\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<meta charset='utf-8'>" in page
    p = _Collect()
    p.feed(page)
    assert p.errors == [] and p.stack == []
    text = "".join(p.text)
    # mentions are highlighted with their labels, records listed with their evidence sentences
    assert "PERSON" in text and "BORDER_GATE_PAIR" in text and "Kim Thành – Bắc Sơn" in text
    assert page.count("class='record'") >= 3 and "class='evidence'" in page


def test_terminal_form_marks_mentions(repo):
    r = runner.invoke(app, ["show", str(repo / "examples/vi/joint-committee-14.txt")])
    assert r.exit_code == 0
    assert "[Bùi Văn Kháng](PERSON:person.vn.bui-van-khang)" in r.stdout
    assert "record_type=conference" in r.stdout


def test_missing_article(tmp_path):
    r = runner.invoke(app, ["show", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2 and r.stderr == f"corridor-ie: error: {tmp_path / 'nope.txt'}: no such file or directory\n"
