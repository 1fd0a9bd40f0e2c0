"""The sector vocabulary: fixed names, documented, cue words in vi/zh/en, tone- and case-insensitive."""

from __future__ import annotations

from importlib import resources

import pytest
from tests.conftest import language

from corridor_ie.errors import ConfigError
from corridor_ie.lang.cues import SectorCues
from corridor_ie.lang.tables import SectorsTable, SectorVocabulary
from corridor_ie.tables import load_table


def sector_names() -> list[str]:
    return sorted(load_table(resources.files("corridor_ie.data").joinpath("sectors.toml"), SectorVocabulary).sectors)


def find_sectors(text: str, lang: str) -> list[str]:
    return language(lang).sectors.find(text)

REQUIRED = {"transport", "logistics", "trade", "investment", "tourism", "education", "health", "culture",
            "agriculture", "finance", "insurance", "border_management", "security", "digital_economy",
            "energy", "environment", "industry", "science_technology", "people_exchange", "party_exchange",
            "labour", "customs"}


def test_vocabulary_holds_the_required_sectors():
    assert REQUIRED <= set(sector_names())


def test_every_sector_is_documented():
    table = load_table(resources.files("corridor_ie.data").joinpath("sectors.toml"), SectorVocabulary)
    assert all(len(what) > 5 for what in table.sectors.values())


@pytest.mark.parametrize("lang", ["vi", "zh", "en"])
def test_every_sector_has_cues_in_each_language(lang):
    ((table, _, _),) = language(lang).sectors.tables
    named = set().union(*table.values())
    assert named == set(sector_names())


def test_a_cue_list_for_a_sector_outside_the_vocabulary_is_refused(tmp_path):
    from corridor_ie.lang import Language

    (tmp_path / "sectors.toml").write_text('[sectors]\ntransport = ["road"]\nweather = ["rain"]\n', encoding="utf-8")

    class Toy(Language):
        code = "xx"
        data = tmp_path

    with pytest.raises(ConfigError, match=r"sectors.toml:3: sectors.weather: not a sector of the vocabulary"):
        Toy(sector_names=sector_names())


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("đẩy mạnh kết nối giao thông", "vi", ["transport"]),
    ("tiếp tục tăng cường, mở rộng hợp tác thương mại, đầu tư, du lịch, giáo dục, y tế", "vi",
     ["education", "health", "investment", "tourism", "trade"]),
    ("ủng hộ triển khai hợp tác về tiền tệ và nghiệp vụ bảo hiểm", "vi", ["finance", "insurance"]),
    ("thúc đẩy hợp tác logistics qua biên giới", "vi", ["logistics"]),
    ("hợp tác trong lĩnh vực nông nghiệp", "vi", ["agriculture"]),
    ("加强卫生领域合作，联合开展传染病监测", "zh", ["health"]),
    ("提升铁路、公路货运能力，合作建设沿线物流设施", "zh", ["logistics", "transport"]),
    ("raise rail and road freight capacity and develop logistics centres", "en", ["logistics", "transport"]),
    ("expand e-commerce and customs clearance", "en", ["customs", "digital_economy", "trade"]),
])
def test_find_sectors(text, lang, expected):
    assert find_sectors(text, lang) == expected


def test_matching_ignores_case_and_tone_mark_placement():
    assert find_sectors("hợp tác văn hoá", "vi") == find_sectors("HỢP TÁC VĂN HÓA", "vi") == ["culture"]
    assert find_sectors("深化經貿合作", "zh") == ["trade"]  # traditional characters


def test_longest_cue_wins_and_excluded_phrases_give_nothing():
    assert find_sectors("công nghiệp văn hóa", "vi") == ["culture"]
    assert find_sectors("tạo dựng môi trường kinh doanh tốt", "vi") == []
    assert find_sectors("nhu cầu của doanh nghiệp", "vi") == []


def test_whole_words_only():
    assert find_sectors("the passport office", "en") == []


def test_unknown_language_uses_every_list():
    assert find_sectors("logistics", "fr") == ["logistics"]


def test_output_is_sorted_unique():
    out = find_sectors("thương mại, thương mại và du lịch, du lịch", "vi")
    assert out == sorted(set(out)) == ["tourism", "trade"]


def test_sector_cues_from_a_small_table():
    v = SectorCues.from_table(SectorsTable(sectors={"a": ["x y"], "b": ["x y", "z"]}, exclude=["z w"]))
    assert v.find("x y") == ["a", "b"]
    assert v.find("z w") == []
    assert v.find("z") == ["b"]
