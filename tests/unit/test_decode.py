"""decode_bytes: BOMs, UTF-16 without BOM, strict UTF-8, declared charsets, legacy encodings, rejects."""

from __future__ import annotations

import unicodedata

import pytest
from tests.conftest import to_cp1258

from corridor_ie.errors import ReadError
from corridor_ie.ingest.decode import (
    BINARY,
    EMPTY,
    canonical_encoding,
    decode_bytes,
    header_declared_charset,
    html_declared_charset,
    plausibility,
)

VI = "Đoàn đại biểu tỉnh Lạng Sơn đã hội đàm với lãnh đạo Khu tự trị dân tộc Choang Quảng Tây về thương mại."
ZH = "广西壮族自治区与越南谅山省在南宁举行边境合作会谈，双方同意扩大口岸贸易。"
ZH_HANT = "廣西壯族自治區與越南諒山省舉行會談，雙方同意擴大口岸貿易。"
MIXED = "Cửa khẩu Hữu Nghị 友谊关 border gate"



@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + VI.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + VI.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + VI.encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe\x00\x00" + VI.encode("utf-32-le"), "utf-32-le"),
        (b"\x00\x00\xfe\xff" + VI.encode("utf-32-be"), "utf-32-be"),
    ],
)
def test_bom_is_detected_and_removed(data: bytes, encoding: str) -> None:
    assert decode_bytes(data) == (VI, encoding)


@pytest.mark.parametrize("text", [VI, MIXED, "Vietnam and Guangxi sign a trade memorandum."])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_utf16_without_bom_mostly_chinese() -> None:
    text = ZH + " 2024"
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")


def test_utf8_wins_over_a_wrong_declaration() -> None:
    assert decode_bytes(VI.encode("utf-8"), declared="iso-8859-1") == (VI, "utf-8")


def test_nfd_input_passes_through_unchanged() -> None:
    nfd = unicodedata.normalize("NFD", VI)
    assert nfd != VI
    text, enc = decode_bytes(nfd.encode("utf-8"))
    assert (text, enc) == (nfd, "utf-8")


def test_windows_1258_vietnamese_is_detected() -> None:
    data = to_cp1258(VI)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, enc = decode_bytes(data)
    assert enc == "cp1258"
    assert text != VI  # tone marks stay combining: NFC is the normalise stage's job
    assert unicodedata.normalize("NFC", text) == VI


@pytest.mark.parametrize(
    "sentence",
    [
        "Xin chào Việt Nam",
        "Hội nghị lần thứ mười được tổ chức tại thành phố Lào Cai.",
        "Ủy ban nhân dân tỉnh Hà Giang ký biên bản ghi nhớ về cửa khẩu.",
    ],
)
def test_windows_1258_short_sentences(sentence: str) -> None:
    text, enc = decode_bytes(to_cp1258(sentence))
    assert (unicodedata.normalize("NFC", text), enc) == (sentence, "cp1258")


def test_declared_charset_is_used_when_not_utf8() -> None:
    text, enc = decode_bytes(to_cp1258(VI), declared="windows-1258")
    assert enc == "cp1258" and unicodedata.normalize("NFC", text) == VI


def test_unknown_declared_charset_is_ignored() -> None:
    text, enc = decode_bytes(to_cp1258(VI), declared="x-no-such-charset")
    assert enc == "cp1258" and unicodedata.normalize("NFC", text) == VI


@pytest.mark.parametrize(("text", "encoding"), [(ZH, "gb18030"), (ZH_HANT, "big5")])
def test_chinese_legacy_encodings(text: str, encoding: str) -> None:
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded == text


def test_declared_gb2312_means_gb18030() -> None:
    assert decode_bytes(ZH.encode("gb18030"), declared="GB2312") == (ZH, "gb18030")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", BINARY),
        (bytes(range(256)), BINARY),
        (b"abc\x00def", BINARY),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08 ok", BINARY),
        ("text\x00with a NUL".encode("utf-16-le") + b"\x00\xd8", BINARY),
    ],
)
def test_rejects_with_one_line_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        decode_bytes(data, location="corpus/a.html")
    assert info.value.message == reason
    assert str(info.value) == f"corpus/a.html: {reason}"
    assert "\n" not in str(info.value)


def test_bom_followed_by_invalid_data_is_undecodable() -> None:
    with pytest.raises(ReadError, match=r"^undecodable: starts with a utf-16-le byte-order mark"):
        decode_bytes(b"\xff\xfe\x00\xd8")  # a lone surrogate


def test_plausibility_prefers_vietnamese_letters() -> None:
    assert plausibility(VI) > 0
    assert plausibility(VI) > plausibility(to_cp1258(VI).decode("cp1250"))
    assert plausibility(ZH) == len([c for c in ZH if "\u4e00" <= c <= "\u9fff"])


def test_charset_helpers() -> None:
    head = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    assert html_declared_charset(head) == "windows-1258"
    assert html_declared_charset(b"<meta charset='utf-8'>") == "utf-8"
    assert html_declared_charset(b"<html><body>no meta</body>") is None
    assert header_declared_charset('text/html; charset="GB2312"') == "GB2312"
    assert header_declared_charset("text/html") is None
    assert canonical_encoding("ISO-8859-1") == "cp1252"
    assert canonical_encoding("") is None
