"""Benchmark corpora generated from the project's own examples, varied so no cache can answer them.

Every document is written as a file (``.html`` or ``.txt``) into a folder, so the benchmark reads it
back through the ordinary readers. Variation, per document:

- long paragraphs (lines or ``<p>`` elements of at least ``LONG_PARAGRAPH`` characters) change places;
  short lines (captions, bylines, teaser lists, boilerplate) stay where they were;
- numbers and dates in the text are replaced by others of the same shape (valid dates stay valid);
- a sentence carrying a random id is appended to the body, so every document's bytes are unique.

Unrelated pages are variants of ``examples/vi/unrelated-*`` and plain Vietnamese news-like text
generated from a small word list (as a text scrape and as a full HTML page). Generated text names no
place or person of the gazetteers' corridor entities.

Example:
    >>> from pathlib import Path
    >>> stats = write_corpus(Path("/tmp/c"), 100, relevant_share=0.2, seed=1)  # doctest: +SKIP
"""

from __future__ import annotations

import html as htmllib
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LONG_PARAGRAPH = 160

#: relevant example files (language by folder); batch items are added by ``load_sources``
RELEVANT_FILES = ("vi/corridor-10-hanoi.html", "vi/joint-committee-14.txt", "vi/lao-cai-gms-forum.txt",
                  "zh/corridor-10-hanoi.zh.html", "en/corridor-10-hanoi.en.txt")
UNRELATED_FILES = ("vi/unrelated-sports.txt", "vi/unrelated-weather.html")

ID_SENTENCE = {"vi": "Mã bài viết: {id}.", "zh": "文章编号：{id}。", "en": "Article ID: {id}."}


@dataclass(frozen=True)
class Source:
    """One example document the generator varies."""

    name: str
    lang: str
    kind: str  # "html" or "txt"
    content: str
    relevant: bool


def load_sources() -> list[Source]:
    out = []
    for rel in RELEVANT_FILES + UNRELATED_FILES:
        p = EXAMPLES / rel
        out.append(Source(rel, rel.split("/")[0], "html" if p.suffix == ".html" else "txt",
                          p.read_text(encoding="utf-8"), rel in RELEVANT_FILES))
    batch = EXAMPLES / "batch" / "articles.jsonl"
    for i, line in enumerate(batch.read_text(encoding="utf-8").splitlines()):
        item = json.loads(line)
        if "html" in item:
            out.append(Source(f"batch#{i}", item["lang"], "html", item["html"], True))
        else:
            title = item.get("title", "")
            body = item["text"] if item["text"].startswith(title) else f"{title}\n{item['text']}"
            out.append(Source(f"batch#{i}", item["lang"], "txt", body, True))
    return out


# --- variation ----------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<!\d)(?:(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<zh>\d{4})年(?P<zhm>\d{1,2})月(?P<zhd>\d{1,2})日"
    r"|(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?"
    r"|(?P<n>\d+))(?!\d)"
)


def _swap_numbers(text: str, rng: random.Random) -> str:
    """Numbers and dates replaced by random ones of the same shape."""

    def year() -> int:
        return rng.randint(2016, 2025)

    def sub(m: re.Match[str]) -> str:
        if m["iso"]:
            return f"{year()}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if m["zh"]:
            return f"{year()}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        if m["d"]:
            s = f"{rng.randint(1, 28)}/{rng.randint(1, 12)}"
            return s + (f"/{year()}" if m["y"] else "")
        n = m["n"]
        if len(n) <= 2:
            return str(rng.randint(1, 28))
        if len(n) == 4 and n[:2] in ("19", "20"):
            return str(year())
        return str(rng.randint(10 ** (len(n) - 1), 10 ** len(n) - 1))

    return _NUMBER.sub(sub, text)


def _permute(items: list[str], rng: random.Random) -> list[str]:
    items = list(items)
    rng.shuffle(items)
    return items


def _vary_text(text: str, lang: str, rng: random.Random, doc_id: str) -> str:
    lines = text.split("\n")
    slots = [i for i, ln in enumerate(lines) if i > 0 and len(ln) >= LONG_PARAGRAPH]
    for i, ln in zip(slots, _permute([lines[i] for i in slots], rng), strict=True):
        lines[i] = ln
    lines = [_swap_numbers(ln, rng) for ln in lines]
    at = (slots[-1] + 1) if slots else len(lines)
    lines.insert(at, ID_SENTENCE[lang].format(id=doc_id))
    return "\n".join(lines)


_P = re.compile(r"<p\b[^>]*>(?:(?!</?p\b).)*</p>", re.S)
_TEXT_NODE = re.compile(r"(?<=>)[^<>]+(?=<)")


def _vary_html(page: str, lang: str, rng: random.Random, doc_id: str) -> str:
    paras = [m for m in _P.finditer(page) if len(m.group(0)) >= LONG_PARAGRAPH]
    if paras:
        moved = _permute([m.group(0) for m in paras], rng)
        pieces, pos = [], 0
        for m, new in zip(paras, moved, strict=True):
            pieces += [page[pos:m.start()], new]
            pos = m.end()
        page = "".join(pieces) + page[pos:]
    # numbers in text nodes only: attributes (URLs, meta) keep theirs
    head_end = page.find("<body")
    head, body = (page[:head_end], page[head_end:]) if head_end >= 0 else ("", page)
    body = _TEXT_NODE.sub(lambda m: _swap_numbers(m.group(0), rng), body)
    page = head + body
    id_p = f"<p>{htmllib.escape(ID_SENTENCE[lang].format(id=doc_id))}</p>"
    last = list(_P.finditer(page))
    long_last = [m for m in last if len(m.group(0)) >= LONG_PARAGRAPH]
    if long_last:
        at = long_last[-1].end()
    else:
        at = page.rfind("</body>") if "</body>" in page else len(page)
    return page[:at] + id_p + page[at:]


def _text_as_html(text: str, lang: str) -> str:
    """A plain-text scrape rendered as a simple article page (headline, paragraphs, footer)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    head, body = (lines[0], lines[1:]) if lines else ("", [])
    paras = "\n".join(f"      <p>{htmllib.escape(ln)}</p>" for ln in body)
    return PAGE.format(lang=lang, title=htmllib.escape(head), body=paras)


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{title} | Tin tức</title></head>
<body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/kinh-te">Kinh tế</a></li><li><a href="/xa-hoi">Xã hội</a></li></ul></nav></header>
<main>
  <article>
    <h1>{title}</h1>
    <div class="article-body">
{body}
    </div>
  </article>
  <aside><h3>Tin cùng chuyên mục</h3><ul><li><a href="/a1.html">Tin khác</a></li></ul></aside>
</main>
<footer><p>Bản quyền thuộc về Tòa soạn. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></footer>
</body>
</html>
"""


# --- plain Vietnamese news-like text ---------------------------------------------------------------

SUBJECTS = ("Ủy ban nhân dân quận", "ngành giáo dục", "các hộ dân", "Sở Y tế", "người lao động",
            "doanh nghiệp nhỏ", "hợp tác xã", "ban quản lý chợ", "học sinh", "nông dân",
            "lực lượng chức năng", "công ty cấp nước", "bệnh viện tuyến huyện", "nhà trường")
VERBS = ("triển khai", "kiểm tra", "hỗ trợ", "đề xuất", "hoàn thành", "tổ chức", "khắc phục",
         "đẩy mạnh", "rà soát", "thí điểm", "nâng cấp", "tuyên truyền", "đầu tư", "cải tạo")
OBJECTS = ("tuyến đường nội thị", "hệ thống thoát nước", "mô hình trồng rau sạch", "chương trình tiêm chủng",
           "khu vui chơi cho trẻ em", "dịch vụ công trực tuyến", "chợ truyền thống", "lớp học nghề",
           "trạm y tế phường", "công viên ven sông", "nguồn vốn vay ưu đãi", "đợt khám sức khỏe miễn phí",
           "phong trào thể dục buổi sáng", "kế hoạch phòng cháy chữa cháy")
TAILS = ("trong thời gian tới", "theo đúng tiến độ", "ngay từ đầu năm", "với nhiều kết quả tích cực",
         "nhằm phục vụ người dân tốt hơn", "trước mùa mưa bão", "trên địa bàn", "theo kế hoạch đã đề ra",
         "dù còn không ít khó khăn", "với sự tham gia của đông đảo người dân")
OPENERS = ("Theo báo cáo,", "Sáng {d}/{m},", "Chiều {d}/{m},", "Trong tháng {m},", "Từ đầu năm {y},",
           "Cũng theo đại diện địa phương,", "Năm nay,", "Bên cạnh đó,", "Trước đó,", "")
QUOTES = ("“Chúng tôi sẽ tiếp tục lắng nghe ý kiến của người dân”, đại diện đơn vị cho biết.",
          "Nhiều người dân bày tỏ phấn khởi khi công trình sớm được đưa vào sử dụng.",
          "Tổng kinh phí thực hiện khoảng {n} triệu đồng, chủ yếu từ ngân sách địa phương.",
          "Đến nay đã có hơn {n} lượt người được hưởng lợi.")
SECTIONS = ("Xã hội", "Đời sống", "Giáo dục", "Sức khỏe", "Đô thị", "Nông nghiệp")


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(QUOTES).format(n=rng.randint(20, 900))
    opener = rng.choice(OPENERS).format(d=rng.randint(1, 28), m=rng.randint(1, 12), y=rng.randint(2016, 2025))
    s = f"{rng.choice(SUBJECTS)} đã {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    if rng.random() < 0.4:
        s += f", đồng thời {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    s = f"{opener} {s}".strip()
    return s[0].upper() + s[1:] + "."


def generated_news(rng: random.Random, doc_id: str) -> tuple[str, list[str]]:
    """A headline and paragraphs of Vietnamese news-like text (the id sentence closes the body)."""
    subj, obj = rng.choice(SUBJECTS), rng.choice(OBJECTS)
    headline = f"{subj[0].upper() + subj[1:]} {rng.choice(VERBS)} {obj}"
    paras = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(4, 12))]
    paras.append(ID_SENTENCE["vi"].format(id=doc_id))
    return headline, paras


def _generated_txt(rng: random.Random, doc_id: str) -> str:
    headline, paras = generated_news(rng, doc_id)
    return "\n".join([headline, f"Tin tức > {rng.choice(SECTIONS)}", *paras, "Thu Hà", "Chia sẻ Bình luận"])


def _generated_html(rng: random.Random, doc_id: str) -> str:
    headline, paras = generated_news(rng, doc_id)
    body = "\n".join(f"      <p>{htmllib.escape(p)}</p>" for p in paras)
    return PAGE.format(lang="vi", title=htmllib.escape(headline), body=body)


# --- corpora ------------------------------------------------------------------------------------


def _doc_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(64):016x}"


def make_document(kind: str, sources: list[Source], rng: random.Random) -> tuple[str, str, bool]:
    """One document: (suffix, content, expected relevant). ``kind`` picks the family."""
    did = _doc_id(rng)
    if kind == "generated-txt":
        return ".txt", _generated_txt(rng, did), False
    if kind == "generated-html":
        return ".html", _generated_html(rng, did), False
    src = rng.choice(sources)
    as_html = src.kind == "html" or (kind.endswith("-any") and rng.random() < 0.5)
    if src.kind == "html":
        return ".html", _vary_html(src.content, src.lang, rng, did), src.relevant
    text = _vary_text(src.content, src.lang, rng, did)
    if as_html:
        return ".html", _text_as_html(text, src.lang), src.relevant
    return ".txt", text, src.relevant


#: the mixed corpus, by share: relevant examples (all languages), unrelated example variants,
#: generated unrelated news
def mixed_plan(relevant_share: float) -> list[tuple[str, float]]:
    rest = 1.0 - relevant_share
    return [("relevant-any", relevant_share), ("unrelated-any", rest * 0.4),
            ("generated-txt", rest * 0.3), ("generated-html", rest * 0.3)]


def write_corpus(root: Path, n: int, *, relevant_share: float = 0.2, seed: int = 0,
                 only_vi_relevant: bool = False, expected: dict[str, bool] | None = None) -> dict[str, int]:
    """Write ``n`` documents into ``root``; return counts by family and format.

    ``only_vi_relevant`` writes Vietnamese relevant articles only (the tokeniser baselines' corpus).
    ``expected``, when given, receives each file's name and whether it is relevant by construction.
    """
    rng = random.Random(seed)
    sources = load_sources()
    relevant = [s for s in sources if s.relevant and (s.lang == "vi" or not only_vi_relevant)]
    unrelated = [s for s in sources if not s.relevant]
    plan = [("relevant-any", 1.0)] if only_vi_relevant else mixed_plan(relevant_share)
    kinds, weights = zip(*plan, strict=True)
    root.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    width = len(str(n))
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        pool = relevant if kind.startswith("relevant") else unrelated
        suffix, content, rel = make_document(kind, pool, rng)
        (root / f"{i:0{width}d}{suffix}").write_text(content, encoding="utf-8")
        if expected is not None:
            expected[f"{i:0{width}d}{suffix}"] = rel
        counts[f"{'relevant' if rel else 'unrelated'}{suffix}"] += 1
    return dict(sorted(counts.items()))
