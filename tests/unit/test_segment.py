from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import language

from corridor_ie.segment.sentences import split_sentences as _split
from corridor_ie.spacy_doc import build_doc


def tokenize(text: str, lang: str) -> list[tuple[int, int]]:
    return language(lang).tokenize(text)


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    return _split(text, language(lang))


def test_tokens_are_syllables_and_han_characters():
    t = "Kim Thành–Bắc Sơn và 河口口岸."
    words = [t[s:e] for s, e in tokenize(t, "vi")]
    assert words == ["Kim", "Thành", "–", "Bắc", "Sơn", "và", "河", "口", "口", "岸", "."]


def test_doc_text_round_trips_with_line_breaks():
    t = "Dòng một.\n\n  Dòng hai  có   khoảng trắng.\n"
    doc = build_doc(t, tokenize(t, "vi"))
    assert doc.text == t


def test_sentences_never_cross_lines():
    t = "Hội nghị khai mạc. Các bên ký kết\nDòng mới không dấu chấm"
    spans = split_sentences(t, "vi")
    assert [t[s:e] for s, e in spans] == ["Hội nghị khai mạc.", "Các bên ký kết", "Dòng mới không dấu chấm"]


def test_chinese_and_english_sentences():
    z = "会议在河内举行。双方签署了纪要！"
    assert [z[s:e] for s, e in split_sentences(z, "zh")] == ["会议在河内举行。", "双方签署了纪要！"]
    e = "The conference opened in Hanoi. Both sides signed the minutes."
    assert len(split_sentences(e, "en")) == 2


@given(st.text(max_size=200), st.sampled_from(["vi", "zh", "en"]))
def test_offsets_exact_for_any_text(text, lang):
    toks = tokenize(text, lang)
    assert all(0 <= s < e <= len(text) for s, e in toks)
    assert build_doc(text, toks).text == text
    for s, e in split_sentences(text, lang):
        assert 0 <= s < e <= len(text) and text[s:e].strip() == text[s:e]


def test_lines_in_another_language_are_marked():
    from corridor_ie.api import extract_text

    text = ("Hội nghị hợp tác hành lang kinh tế lần thứ 10 diễn ra tại Hà Nội với sự tham dự của tỉnh Vân Nam.\n"
            "云南省政协主席刘晓凯在会上表示，双方将进一步深化经贸合作，推动经济走廊建设。\n"
            "Các bên thống nhất tăng cường hợp tác thương mại.")
    art = extract_text(text)[0]
    assert art.lang == "vi"
    (para,) = art.paragraph_langs
    assert para["lang"] == "zh" and art.text[para["start"]:para["end"]].startswith("云南省政协")
    assert extract_text("Chỉ có tiếng Việt ở đây, tỉnh Vân Nam (Trung Quốc).")[0].paragraph_langs == []
