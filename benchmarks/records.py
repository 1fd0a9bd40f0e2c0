"""Generated records files for the export benchmark: synthetic documents shaped like ``extract``'s output.

Each document is an article (a short generated text with a few mentions), one conference record, two
officials and five or six commitments (sectors, actors, a gate-pair object, evidence): about nine records
per document, so 100,000 records are about 11,000 documents. Texts are built from a few generic words,
not copied from any article. Deterministic for a seed.

    python benchmarks/records.py out/bench-records.jsonl 100000
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from corridor_ie.output import JsonlWriter
from corridor_ie.records import (
    ArticleRecord,
    CommitmentRecord,
    ConferenceRecord,
    Entity,
    Evidence,
    OfficialRecord,
    Ref,
    SourceInfo,
)

WORDS = ("hợp tác", "thương mại", "du lịch", "cửa khẩu", "logistics", "đầu tư", "giao thông", "hạ tầng",
         "nông sản", "kết nối", "thông quan", "doanh nghiệp", "phát triển", "biên giới", "xúc tiến")
SECTORS = ("trade", "tourism", "transport", "logistics", "investment", "agriculture", "customs", "health")
VERBS = ("đẩy mạnh", "tăng cường", "mở rộng", "thúc đẩy", "nâng cấp")


def document(rng: random.Random, n: int) -> list:
    """The records of the n-th generated document."""
    doc = f"gen{n:07d}"
    series, edition = f"series.bench-{n % 7}", 1 + n % 15
    event = f"{series}#{edition}"
    clauses = [f"{rng.choice(VERBS)} {' '.join(rng.sample(WORDS, 4))}" for _ in range(6)]
    text = "Hội nghị lần thứ " + str(edition) + ". " + ". ".join(c.capitalize() for c in clauses) + "."
    pos = [text.index(c.capitalize()) for c in clauses]
    records: list = [
        ArticleRecord(doc_id=doc, source=SourceInfo(path=f"gen/{doc}.txt", url=f"https://bench.test/{doc}"),
                      lang="vi", title=f"Tin {n}", published=f"20{10 + n % 15}-0{1 + n % 9}-1{n % 10}", text=text,
                      entities=[Entity(label="DATE", text=str(edition), start=17, end=17 + len(str(edition)),
                                       value=None, method="pattern")]),
        ConferenceRecord(doc_id=doc, event_id=event, series_id=series, series_name=f"Hội nghị {n % 7}",
                         edition=edition, status="reported" if n % 3 else "referenced", year=2010 + edition,
                         host=Ref(id=None, name=f"Tỉnh {n % 11}"), members=[Ref(id=None, name="A"),
                                                                           Ref(id=None, name="B")],
                         evidence=[Evidence(start=0, end=16 + len(str(edition)), text=text[:16 + len(str(edition))])]),
    ]
    for k in range(2):
        records.append(OfficialRecord(doc_id=doc, name=f"Nguyễn Văn {n % 50}{k}", person_id=f"person.bench-{n % 50}{k}",
                                      title="Phó Chủ tịch", event_id=event, roles=["spoke"]))
    for c, start in zip(clauses[: 5 + n % 2], pos, strict=False):
        records.append(CommitmentRecord(
            doc_id=doc, event_id=event, action=c, sectors=rng.sample(SECTORS, 1 + n % 3),
            actors=[Ref(id=None, name="hai bên")], objects=[Ref(id=f"pair.bench-{n % 5}", name=f"Cặp {n % 5}")],
            modality="agreed", evidence=[Evidence(start=start, end=start + len(c), text=text[start:start + len(c)])]))
    return records


def write_records(path: Path, n_records: int, seed: int = 7) -> int:
    """Write at least ``n_records`` records (whole documents) to ``path``; returns the number written."""
    rng = random.Random(seed)
    written = n = 0
    with JsonlWriter(path) as w:
        while written < n_records:
            batch = document(rng, n)
            w.write_batch(batch)
            written += len(batch)
            n += 1
    return written


if __name__ == "__main__":
    print(write_records(Path(sys.argv[1]), int(sys.argv[2])))
