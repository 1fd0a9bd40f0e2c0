import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor_ie.normalise import ascii_fold, fold_token, has_vietnamese_diacritics, normalise


@pytest.mark.parametrize("a,b", [("Hoà", "Hòa"), ("Thuỷ", "Thủy"), ("uỷ", "ủy"), ("HÒA", "hoà"),
                                 ("雲南", "云南"), ("–", "-"), ("—", "-")])
def test_fold_token_equates_variants(a, b):
    assert fold_token(a) == fold_token(b)


def test_fold_token_keeps_tones_apart():
    assert fold_token("Khắng") != fold_token("Kháng")
    assert fold_token("Hà") != fold_token("Hạ")


def test_fold_token_nfd_input():
    assert fold_token(unicodedata.normalize("NFD", "Quảng")) == fold_token("Quảng")


def test_ascii_fold_drops_diacritics():
    assert ascii_fold("Trần") == "tran" and ascii_fold("Đông") == "dong"


def test_normalise_explains_itself():
    text, steps = normalise("Ha\u0300 Giang\u00a0\u200b\r\n")
    assert text == "Hà Giang\n" and steps == ("newlines", "nfc", "zero_width", "spaces", "trailing_space")


def test_has_vietnamese_diacritics():
    assert has_vietnamese_diacritics("Trần Sỹ Thanh") and not has_vietnamese_diacritics("Tran Sy Thanh")
    assert not has_vietnamese_diacritics("云南")


@given(st.text())
def test_normalise_idempotent(s):
    once, _ = normalise(s)
    assert normalise(once)[0] == once


@given(st.text(max_size=30))
def test_fold_token_never_raises_and_is_stable(s):
    assert fold_token(s) == fold_token(fold_token(s)) or isinstance(fold_token(s), str)
