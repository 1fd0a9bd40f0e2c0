"""The person-link and official-title measures of ``corridor-ie evaluate`` (tools/evaluate.py)."""

from __future__ import annotations

from corridor_ie.tools.annotations import GoldDoc, GoldOfficial, Span
from corridor_ie.tools.evaluate import LinkCounts, TitleCounts, score_entity_links, score_officials


def span(start: int, end: int, text: str, eid: str | None) -> Span:
    return Span("PERSON", start, end, text, eid, text)


def test_link_precision_counts_wrong_ids_among_linked_mentions() -> None:
    gold = [span(0, 5, "Lê An", "person.vn.a"), span(10, 15, "Võ Ba", "person.vn.b"), span(20, 25, "Hà Cư", None)]
    pred = [span(0, 5, "Lê An", "person.vn.a"), span(10, 15, "Võ Ba", "person.vn.x"), span(20, 25, "Hà Cư", "person.vn.c"),
            span(30, 35, "Lò Dư", "person.vn.d")]  # no gold span: not counted
    counts = LinkCounts()
    score_entity_links(gold, pred, counts, "doc: ")
    assert (counts.right, counts.wrong, counts.unverified) == (1, 1, 1)
    assert counts.precision == 0.5 and counts.wrong_examples == ["doc: 'Võ Ba': person.vn.x (gold person.vn.b)"]


def test_an_unlinked_mention_is_no_wrong_link() -> None:
    counts = LinkCounts()
    score_entity_links([span(0, 5, "Lê An", "person.vn.a")], [span(0, 5, "Lê An", None)], counts)
    assert (counts.right, counts.wrong, counts.precision) == (0, 0, 1.0)


def test_official_titles_exact_and_contains() -> None:
    gold = GoldDoc(source="seeds/x.txt", lang="vi", officials=[
        GoldOfficial(name="Lê An", person_id="person.vn.a", title="Phó Thủ tướng"),
        GoldOfficial(name="Võ Ba", title="Bí thư Tỉnh ủy Cao Bằng"),
        GoldOfficial(name="Hà Cư", title=None)])
    records = [
        {"record_type": "official", "name": "Lê An", "person_id": "person.vn.a", "title": "Phó  Thủ tướng"},
        {"record_type": "official", "name": "Võ Ba", "person_id": "person.vn.b", "title": "Bí thư Tỉnh ủy Cao Bằng và đồng chí"},
        {"record_type": "official", "name": "Hà Cư", "person_id": None, "title": "Chủ tịch"},
    ]
    links, titles = LinkCounts(), TitleCounts()
    score_officials(gold, records, links, titles)
    assert (titles.total, titles.exact, titles.contains) == (2, 1, 2)  # spaces aside; a null gold title is skipped
    assert titles.misses == ["Võ Ba: 'Bí thư Tỉnh ủy Cao Bằng' | 'Bí thư Tỉnh ủy Cao Bằng và đồng chí'"]
    assert (links.right, links.wrong, links.unverified) == (1, 0, 1)
