"""A crawl-like corpus of unrelated news pages, for the screen benchmark (``bench.py`` line (d)).

Every page is written from text this module makes up (word lists and sentence templates in Vietnamese,
Chinese and English) inside one of several site templates, 40–80 KB each, the way real news pages are:

- chrome: a top bar, a menu of sections, a breadcrumb, share bars, a cookie banner, a "most read"
  sidebar of teaser headlines, a comment form, a footer with the newsroom's address and licence;
- weight: inline CSS and JavaScript (analytics, ad and consent snippets, a bundled configuration), a
  JSON-LD ``NewsArticle`` block and ``<meta>`` tags, then widgets (boxes of teasers in nested
  wrappers), scripts and styles until the page reaches its drawn size;
- bait: many pages name China or Viet Nam as countries ("sales in China", "tiếng Trung Quốc",
  "中国市场"), a Vietnamese city or a Chinese city, never a place on the border, a gate, a conference
  series or an official of the gazetteer, and never a Vietnamese and a Chinese place together: by the
  relevance rule every page here is unrelated, so any page found relevant is a false alarm;
- one template (``regional``) has a menu of provinces that includes border provinces, as regional
  portals do: those pages pass the screen and are ruled out only after extraction.

Example:
    >>> from pathlib import Path
    >>> stats = write_unrelated(Path("/tmp/u"), 600, seed=1)  # doctest: +SKIP
"""

from __future__ import annotations

import html as htmllib
import json
import random
from collections import Counter
from pathlib import Path

# --- text ------------------------------------------------------------------------------------------

VI = {
    "subjects": ("Nhiều doanh nghiệp", "Các hợp tác xã", "Người tiêu dùng", "Ngân hàng", "Các trường đại học",
                 "Sở Y tế", "Các nhà bán lẻ", "Công ty chứng khoán", "Nông dân", "Các hãng hàng không"),
    "verbs": ("mở rộng", "điều chỉnh", "công bố", "tăng cường", "cắt giảm", "thử nghiệm", "đầu tư vào",
              "hoàn thiện", "quảng bá", "nâng cấp"),
    "objects": ("dịch vụ thanh toán không tiền mặt", "chuỗi cửa hàng tiện lợi", "giá bán lẻ điện",
                "chương trình học bổng", "mạng lưới giao hàng", "sản phẩm bảo hiểm sức khỏe",
                "hệ thống kho lạnh", "gói tín dụng ưu đãi", "ứng dụng đặt vé", "lớp học kỹ năng mềm"),
    "tails": ("trong quý này", "từ đầu tháng {m}", "với mức tăng {n}%", "theo kế hoạch năm {y}",
              "để thu hút khách hàng trẻ", "dù thị trường còn nhiều biến động"),
    "bait": ("Giá sầu riêng xuất khẩu sang Trung Quốc tăng khoảng {n}% so với cùng kỳ.",
             "Nhiều sinh viên đăng ký học tiếng Trung Quốc để tìm cơ hội việc làm.",
             "Hàng điện tử nhập khẩu từ Trung Quốc chiếm tỷ trọng lớn trong tháng {m}.",
             "Du khách Trung Quốc và Hàn Quốc là hai thị trường khách quốc tế lớn của Việt Nam.",
             "Một công ty Trung Quốc công bố kế hoạch mở nhà máy pin mặt trời tại Việt Nam."),
    "places": ("Hà Nội", "Đà Nẵng", "Cần Thơ", "Huế", "Nghệ An", "Thanh Hóa", "Bình Dương", "Khánh Hòa"),
    "place_bait": ("Thời tiết {p} hôm nay có mưa rào rải rác, nhiệt độ cao nhất {n} độ C.",
                   "Giá nhà chung cư tại {p} tiếp tục tăng trong tháng {m}.",
                   "{p} đón hơn {n} nghìn lượt khách trong dịp nghỉ lễ."),
    "sections": ("Thời sự", "Kinh tế", "Xã hội", "Giáo dục", "Sức khỏe", "Du lịch", "Thể thao", "Pháp luật",
                 "Công nghệ", "Bất động sản", "Văn hóa", "Quốc tế"),
    "chrome": ("Trang chủ", "Đăng nhập", "Đăng ký nhận tin", "Chia sẻ", "Bình luận", "Tin đọc nhiều",
               "Chúng tôi dùng cookie để cải thiện trải nghiệm của bạn.", "Đồng ý", "Gửi bình luận",
               "Cơ quan chủ quản: Tòa soạn Tin Nhanh. Giấy phép số {n}/GP-BTTTT.",
               "Địa chỉ: số {n} phố Hàng Ngang, quận Hoàn Kiếm, Hà Nội. Điện thoại: 024 {n}.",
               "Bản quyền thuộc về tòa soạn. Không sao chép khi chưa được phép."),
}

ZH = {
    "subjects": ("多家企业", "各大银行", "消费者", "部分高校", "电商平台", "新能源车企", "物流公司", "旅游景区",
                 "保险机构", "科技公司"),
    "verbs": ("推出", "调整", "公布", "加快", "扩大", "试点", "升级", "优化", "宣传", "投资"),
    "objects": ("线上支付服务", "便利店网络", "居民电价", "奖学金项目", "配送体系", "健康保险产品", "冷链仓储",
                "消费信贷", "订票应用", "职业技能课程"),
    "tails": ("本季度", "自{m}月起", "同比增长{n}%", "按照{y}年计划", "以吸引年轻客户", "尽管市场波动较大"),
    "bait": ("今年以来，中国新能源汽车出口同比增长{n}%。", "越南榴莲在中国市场的销量持续走高。",
             "不少越南留学生选择来中国学习中文。", "中国多家电商平台宣布扩大东南亚业务。",
             "据海关统计，{m}月中国对东盟进出口总值再创新高。"),
    "places": ("北京", "上海", "深圳", "杭州", "成都"),
    "place_bait": ("{p}今日多云转晴，最高气温{n}摄氏度。", "{p}二手房成交量{m}月环比上升。",
                   "假期期间，{p}接待游客超过{n}万人次。"),
    "sections": ("首页", "要闻", "财经", "社会", "教育", "健康", "旅游", "体育", "法治", "科技", "房产", "文化"),
    "chrome": ("首页", "登录", "注册", "分享到微信", "评论", "热门排行", "本网站使用Cookie以改善您的体验。", "同意",
               "发表评论", "主办单位：某某新闻网 备案号：{n}号", "地址：某某路{n}号 电话：010-{n}",
               "版权所有 未经授权禁止转载"),
}

EN = {
    "subjects": ("Several retailers", "The bank", "Consumers", "Universities", "Online platforms", "Carmakers",
                 "Logistics firms", "Hotel groups", "Insurers", "The software company"),
    "verbs": ("expanded", "adjusted", "announced", "accelerated", "cut", "piloted", "upgraded", "streamlined",
              "promoted", "invested in"),
    "objects": ("cashless payment services", "its store network", "retail electricity prices", "a scholarship scheme",
                "its delivery fleet", "health insurance products", "cold storage capacity", "consumer loans",
                "a ticketing app", "skills courses"),
    "tails": ("this quarter", "from month {m}", "with growth of {n} percent", "under its {y} plan",
              "to attract younger customers", "despite a volatile market"),
    "bait": ("Sales in China fell {n} percent in the quarter, the company said.",
             "Demand from China remained weak while Vietnam became its fastest-growing market.",
             "The group plans to open a second factory in Vietnam next year.",
             "Analysts expect revenue from China to recover in the second half.",
             "Shares rose after the firm reported strong orders from customers in China."),
    "places": ("Hanoi", "Da Nang", "Shanghai", "Shenzhen", "Singapore"),
    "place_bait": ("Its office in {p} will add {n} staff.", "Rents in {p} rose for the {m}th month in a row.",
                   "The {p} plant produced {n} thousand units."),
    "sections": ("Home", "World", "Business", "Markets", "Technology", "Health", "Travel", "Sport", "Opinion",
                 "Science", "Property", "Culture"),
    "chrome": ("Home", "Sign in", "Subscribe", "Share", "Comments", "Most read",
               "We use cookies to improve your experience.", "Accept", "Post comment",
               "Published by Example Media Ltd, registered no. {n}.",
               "Newsroom: {n} Harbour Road. Tel: +1 555 {n}.", "All rights reserved. Do not reproduce without permission."),
}

TEXT = {"vi": VI, "zh": ZH, "en": EN}
#: cities named in one page are of one side only (a Vietnamese and a Chinese place together would be relevant)
SIDE = {"Hanoi": "vn", "Da Nang": "vn", "Shanghai": "cn", "Shenzhen": "cn", "Singapore": "x"}

#: the regional template's province menu (Vietnamese): border provinces among others
REGIONAL_MENU = ("Hà Nội", "Hải Phòng", "Quảng Ninh", "Lạng Sơn", "Cao Bằng", "Lào Cai", "Nghệ An", "Đà Nẵng",
                 "Khánh Hòa", "Cần Thơ", "An Giang", "Cà Mau")

TEMPLATES = ("portal", "magazine", "wire", "blog", "tabloid", "regional")


def _fill(s: str, rng: random.Random) -> str:
    return s.format(n=rng.randint(2, 950), m=rng.randint(1, 12), y=rng.randint(2018, 2026), p="{p}")


def _sentence(t: dict, lang: str, rng: random.Random) -> str:
    subj, verb, obj, tail = (rng.choice(t[k]) for k in ("subjects", "verbs", "objects", "tails"))
    tail = _fill(tail, rng)
    if lang == "zh":
        return f"{subj}{tail}{verb}{obj}。"
    return f"{subj} {verb} {obj} {tail}."


def article(lang: str, rng: random.Random) -> tuple[str, list[str]]:
    """A headline and paragraphs of made-up news, with bait mentions of one side at most."""
    t = TEXT[lang]
    side = rng.choice(("vn", "cn", "none"))
    places = [p for p in t["places"] if SIDE.get(p, "vn" if lang == "vi" else "cn" if lang == "zh" else "x")
              in (side, "x")]
    sep = "" if lang == "zh" else " "
    paras = []
    for _ in range(rng.randint(5, 12)):
        sents = [_sentence(t, lang, rng) for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.5:
            sents.insert(rng.randrange(len(sents) + 1), _fill(rng.choice(t["bait"]), rng))
        if places and rng.random() < 0.3:
            sents.append(_fill(rng.choice(t["place_bait"]), rng).format(p=rng.choice(places)))
        paras.append(sep.join(sents))
    headline = _sentence(t, lang, rng).rstrip(".。")
    return headline, paras


# --- weight: scripts and styles --------------------------------------------------------------------

_IDENT = "abcdefghijklmnopqrstuvwxyz"


def _ident(rng: random.Random) -> str:
    return "".join(rng.choice(_IDENT) for _ in range(rng.randint(4, 10)))


def script_block(rng: random.Random, size: int) -> str:
    """Minified-looking JavaScript of about ``size`` characters."""
    parts = []
    while sum(map(len, parts)) < size:
        a, b, c = _ident(rng), _ident(rng), _ident(rng)
        parts.append(rng.choice((
            f"function {a}({b},{c}){{return {b}&&{b}.{c}?{b}.{c}({rng.randint(1, 99)}):null}}",
            f"var {a}=window.{b}||{{}};{a}.{c}=\"{_ident(rng)}-{rng.randint(100, 999)}\";",
            f"document.addEventListener(\"{rng.choice(('click', 'scroll', 'load'))}\",function(){{{a}.{b}()}});",
            f"if(typeof {a}!==\"undefined\"){{{a}.push([\"{b}\",{rng.random():.4f}])}}",
        )))
    return "".join(parts)


def style_block(rng: random.Random, size: int) -> str:
    parts = []
    while sum(map(len, parts)) < size:
        parts.append(f".{_ident(rng)}-{_ident(rng)}{{margin:{rng.randint(0, 24)}px;color:#{rng.randrange(16**6):06x};"
                     f"font-size:{rng.randint(10, 22)}px;display:{rng.choice(('flex', 'block', 'none'))}}}")
    return "".join(parts)


# --- pages -----------------------------------------------------------------------------------------


def _links(items, rng: random.Random, cls: str) -> str:
    return "".join(f'<li class="{cls}"><a href="/{_ident(rng)}-{rng.randint(1, 9999)}.html">{htmllib.escape(x)}</a></li>'
                   for x in items)


def page(lang: str, template: str, rng: random.Random, target: int) -> str:
    """One unrelated page of about ``target`` characters."""
    t = TEXT[lang]
    headline, paras = article(lang, rng)
    teasers = [article(lang, rng)[0] for _ in range(rng.randint(6, 12))]
    chrome = [_fill(c, rng) for c in t["chrome"]]
    menu = list(t["sections"])
    rng.shuffle(menu)
    if template == "regional":
        menu = list(REGIONAL_MENU) + menu[:4]
    body_tag, body_cls = {"portal": ("article", "article-body"), "magazine": ("div", "entry-content"),
                          "wire": ("div", "story-text"), "blog": ("section", "post"),
                          "tabloid": ("div", "detail__content"), "regional": ("div", "content-detail")}[template]
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
          "datePublished": f"{rng.randint(2018, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
          "publisher": {"@type": "Organization", "name": chrome[-3][:40]}}
    head = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{htmllib.escape(headline)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta property="og:title" content="{htmllib.escape(headline)}">'
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=rng.random() < 0.5)}</script>'
            f"<style>{style_block(rng, rng.randint(2000, 6000))}</style>"
            f"<script>{script_block(rng, rng.randint(2000, 6000))}</script></head>")
    top = (f'<body class="{template}"><div class="cookie-banner"><p>{chrome[6]}</p><button>{chrome[7]}</button></div>'
           f'<header><div class="topbar"><a href="/login">{chrome[1]}</a> | <a href="/subscribe">{chrome[2]}</a></div>'
           f'<nav class="menu"><ul>{_links(menu, rng, "menu-item")}</ul></nav></header>'
           f'<ol class="breadcrumb"><li><a href="/">{chrome[0]}</a></li><li><a href="/s">{menu[0]}</a></li></ol>')
    ps = "".join(f"<p>{htmllib.escape(p)}</p>" for p in paras)
    main = (f'<main><{body_tag} class="{body_cls}"><h1>{htmllib.escape(headline)}</h1>'
            f'<div class="meta"><span class="author">{_ident(rng).title()}</span> <time>{rng.randint(1, 28)}/{rng.randint(1, 12)}</time></div>'
            f"{ps}<div class=\"share\">{chrome[3]}: <a href=\"#\">Facebook</a> <a href=\"#\">X</a></div></{body_tag}>"
            f'<aside class="most-read"><h3>{chrome[5]}</h3><ul>{_links(teasers, rng, "teaser")}</ul></aside>'
            f'<section class="comments"><h3>{chrome[4]}</h3><form><textarea></textarea><button>{chrome[8]}</button></form></section></main>')
    foot = f'<footer><p>{chrome[9]}</p><p>{chrome[10]}</p><p>{chrome[11]}</p></footer>'
    out = head + top + main + foot
    pads = []
    while len(out) + sum(map(len, pads)) < target:  # widgets, ads and trackers until the drawn size
        kind = rng.random()
        if kind < 0.45:
            pads.append(widget(t, lang, rng))
        elif kind < 0.85:
            pads.append(f"<script>{script_block(rng, rng.randint(2000, 7000))}</script>")
        else:
            pads.append(f"<style>{style_block(rng, rng.randint(2000, 5000))}</style>")
    return out + "".join(pads) + "</body></html>"


def widget(t: dict, lang: str, rng: random.Random) -> str:
    """A box of teasers (thumbnail, headline, time) in nested wrappers, as news sidebars and footers are."""
    items = "".join(
        f'<li class="item"><div class="thumb"><a href="/{_ident(rng)}.html"><img src="/img/{_ident(rng)}.jpg" '
        f'alt="" loading="lazy"></a></div><div class="info"><h4 class="title"><a href="/{_ident(rng)}.html">'
        f'{htmllib.escape(_sentence(t, lang, rng).rstrip(".。"))}</a></h4><span class="time">{rng.randint(1, 23)}:'
        f'{rng.randint(10, 59)}</span></div></li>' for _ in range(rng.randint(4, 10)))
    return (f'<div class="box box-{_ident(rng)}"><div class="box-inner"><div class="box-head"><h3>'
            f'{htmllib.escape(rng.choice(t["sections"]))}</h3></div><div class="box-body"><ul class="list">{items}'
            f"</ul></div></div></div>")


def write_unrelated(root: Path, n: int, *, seed: int = 0, min_kb: int = 40, max_kb: int = 80) -> dict[str, int]:
    """Write ``n`` unrelated HTML pages into ``root``; return counts by language and template."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    width = len(str(n))
    for i in range(n):
        lang = rng.choices(("vi", "zh", "en"), (0.5, 0.25, 0.25))[0]
        template = rng.choice(TEMPLATES) if lang == "vi" else rng.choice(TEMPLATES[:-1])
        content = page(lang, template, rng, rng.randint(min_kb, max_kb) * 1000)
        (root / f"{i:0{width}d}.html").write_text(content, encoding="utf-8")
        counts[lang] += 1
        counts[f"template {template}"] += 1
    return dict(sorted(counts.items()))
