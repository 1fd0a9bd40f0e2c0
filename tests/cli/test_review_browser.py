"""The review page in a real browser: headless Chromium (Debian package ``chromium``) takes a screenshot and
dumps the DOM it built; the text of a highlighted name keeps its spaces (DOM text, not pixels), every line
of the article is a paragraph of exactly its text, and a page built from hostile fields holds no element
or attribute the input created. Skipped, with the reason, where /usr/bin/chromium is absent
(``apt-get install chromium``; ``.ci/run`` installs it when it can)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from tests.cli.test_show import PAYLOADS, Page, hostile_review
from typer.testing import CliRunner

from corridor_ie.cli import app
from corridor_ie.tools.review.page import render_page

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="headless browser test: /usr/bin/chromium is absent "
                                "(Debian: apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"  # a fresh profile per run
    return subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("browser")
    src = repo / "examples/vi/joint-committee-14.txt"
    runner = CliRunner()
    out = tmp / "review.html"
    assert runner.invoke(app, ["show", str(src), "--html", str(out)]).exit_code == 0
    article = json.loads(runner.invoke(app, ["extract", str(src), "-q"]).stdout.splitlines()[0])
    return out, article


def test_screenshot_is_made(page, tmp_path: Path) -> None:
    out, _ = page
    shot = tmp_path / "review.png"
    r = chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", out.as_uri())
    assert shot.is_file(), r.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a picture with content, not a blank page


def test_dom_text_keeps_spaces_and_lines(page, tmp_path: Path) -> None:
    out, article = page
    r = chromium(tmp_path, "--dump-dom", out.as_uri())
    assert r.returncode == 0 and "<html" in r.stdout[:100], r.stderr[-2000:]
    dom = Page(r.stdout)
    names = ["".join(t) for a, t in dom.marks if a.get("data-id") == "person.vn.bui-van-khang"]
    assert names == ["Bùi Văn Kháng"]  # spaces between the syllables, as written
    assert dom.paragraphs == [line for line in article["text"].split("\n") if line]


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_hostile_page_in_the_browser(payload: str, tmp_path: Path) -> None:
    f = tmp_path / "hostile.html"
    f.write_text(render_page(hostile_review(payload)), encoding="utf-8")
    r = chromium(tmp_path, "--dump-dom", f.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    dom = Page(r.stdout)
    assert not [t for t, _ in dom.elements if t in {"script", "img", "iframe"}]
    assert not [n for _, a in dom.elements for n in a if n.startswith("on") or n == "src"]
    assert payload.replace("&lt;", "<").replace("&gt;", ">") in "".join(dom.text) or payload in "".join(dom.text)
