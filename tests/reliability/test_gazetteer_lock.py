"""Two writers of one gazetteer folder at once (``gazetteer add`` twice, ``alias``, ``apply``): each one
holds the folder's lock while it reads and rewrites the files, so no entry is lost or written twice; a
writer that cannot get the lock in time is refused in one line and writes nothing."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from filelock import FileLock
from tests.reliability.kit import cli, one_error_line

import corridor_ie.tools.gazetteer.edit as edit


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "gaz"
    folder.mkdir()
    (folder / "places.cn.jsonl").write_text(json.dumps(
        {"id": "cn.prov.guangxi", "type": "province", "names": {"vi": "Quảng Tây"}, "country": "CN"},
        ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


def _add(folder: Path, n: int):
    return cli("gazetteer", "add", "--type", "person", "--id", f"person.vn.test-{n}", "--vi", f"Người Thử {n}",
               "--country", "VN", "-g", folder)


def _ids(folder: Path) -> list[str]:
    return sorted(json.loads(line)["id"] for f in folder.glob("*.jsonl")
                  for line in f.read_text(encoding="utf-8").splitlines())


def test_a_gazetteer_write_waits_for_the_lock_then_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setattr(edit, "LOCK_WAIT", 0.2)
    lock = folder / ".corridor-ie-gazetteer.lock"
    with FileLock(str(lock), timeout=0):  # another command is writing the folder
        msg = one_error_line(_add(folder, 1), code=2)
    assert msg == f"{folder}: another corridor-ie command is writing this gazetteer (it holds {lock}) " \
                  "(try again when it has finished)"
    assert _ids(folder) == ["cn.prov.guangxi"]
    assert _add(folder, 1).exit_code == 0  # released: it goes through, and no lock file is left
    assert _ids(folder) == ["cn.prov.guangxi", "person.vn.test-1"] and not lock.exists()


def test_concurrent_adds_lose_no_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    real = edit.write_entries

    def slow_write(*args, **kwargs):  # widen the window between reading the files and writing them
        threading.Event().wait(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(edit, "write_entries", slow_write)
    done: list[str] = []

    def add(n: int) -> None:  # the library call behind `gazetteer add` (CliRunner is not thread-safe)
        data = {"id": f"person.vn.test-{n}", "type": "person", "names": {"vi": f"Người Thử {n}"}, "country": "VN"}
        done.append(edit.add_entry(folder, data).entry.id)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(done) == 3
    assert _ids(folder) == ["cn.prov.guangxi", "person.vn.test-0", "person.vn.test-1", "person.vn.test-2"]
