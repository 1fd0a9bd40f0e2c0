"""Commitment measures of ``corridor-ie evaluate``: recall, precision, sector and modality agreement per language."""

from __future__ import annotations

from corridor_ie.tools.annotations import GoldCommitment, GoldDoc
from corridor_ie.tools.evaluate import Report, as_json, as_table, score_commitments


def gold(lang: str, *coms: tuple[str, str, list[str]]) -> GoldDoc:
    return GoldDoc(source="examples/x", lang=lang,
                   commitments=[GoldCommitment(action=a, modality=m, sectors=s) for a, m, s in coms])


def rec(action: str, modality: str, sectors: list[str]) -> dict:
    return {"record_type": "commitment", "action": action, "modality": modality, "sectors": sectors}


def test_scores_per_language_with_sector_and_modality_agreement():
    report = Report()
    score_commitments(gold("vi", ("đẩy mạnh kết nối giao thông", "agreed", ["transport"]),
                           ("mở rộng hợp tác du lịch", "agreed", ["tourism"])),
                      [rec("đẩy mạnh kết nối giao thông", "agreed", ["transport"]),
                       rec("mở rộng hợp tác du lịch", "proposed", ["tourism", "trade"]),
                       rec("tăng cường giao lưu nhân dân", "agreed", ["people_exchange"]),
                       {"record_type": "conference"}], report)
    score_commitments(gold("zh", ("加快口岸升级", "agreed", ["border_management"])), [], report)
    vi, zh = report.commitments["vi"].as_dict(), report.commitments["zh"].as_dict()
    assert (vi["gold"], vi["output"], vi["matched"]) == (2, 3, 2)
    assert (vi["recall"], vi["precision"]) == (1.0, 0.667)
    assert (vi["sector_agreement"], vi["modality_agreement"]) == (0.5, 0.5)
    assert (zh["recall"], zh["precision"], zh["sector_agreement"]) == (0.0, 0.0, 0.0)
    assert set(as_json(report)["commitments_by_lang"]) == {"vi", "zh"}
    table = as_table(report)
    assert "lang vi" in table and "lang zh" in table and "sectors" in table
    lines = table.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("commitments "))
    all_row = next(line for line in lines[head:] if line.startswith("all "))
    assert all_row.split()[1:5] == ["3", "3", "0.67", "0.67"]
