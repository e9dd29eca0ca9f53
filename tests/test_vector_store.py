"""Vectors kept between runs: a check run again encodes nothing it encoded before, and reports the same."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

import numpy as np
import pytest

from captioncheck.checker import Checker
from captioncheck.embeddings.vector_store import FILE, VectorStore, open_store
from captioncheck.settings import Settings

from conftest import ROOT, run_cli

ARTICLE = ROOT / "data" / "articles" / "fr-caption-es.md"


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CAPTIONCHECK_VECTOR_CACHE", "1")
    monkeypatch.setenv("CAPTIONCHECK_CACHE_DIR", str(tmp_path))
    return tmp_path


def _counted(checker: Checker) -> list[int]:
    """How many texts the model itself encodes (under both caches)."""
    raw = checker.encoder().encoder
    encode, texts = raw.encode, [0]

    def counting(batch):
        texts[0] += len(batch)
        return encode(batch)

    raw.encode = counting
    return texts


def test_a_second_checker_reads_what_the_first_encoded_and_reports_the_same(cache):
    first, second = Checker(Settings()), Checker(Settings())
    first_texts, second_texts = _counted(first), _counted(second)
    report = first.check_file(ARTICLE, "a.md")
    assert first_texts[0] > 10 and report.pairs
    assert second.check_file(ARTICLE, "a.md") == report
    assert second_texts[0] == 0  # every vector read back, none computed
    info = (cache / FILE).stat()
    assert stat.S_IMODE(info.st_mode) == 0o600


def test_a_vector_read_back_is_the_one_computed_bit_for_bit(tmp_path):
    store = VectorStore(tmp_path / FILE, "model-1")
    vectors = {"Kyiv": np.random.default_rng(0).standard_normal(512).astype(np.float32), "é\ud800": np.ones(512)}
    store.put(vectors)
    found = store.get(["Kyiv", "é\ud800", "absent"])
    assert set(found) == {"Kyiv", "é\ud800"} and np.array_equal(found["Kyiv"], vectors["Kyiv"])
    assert VectorStore(tmp_path / FILE, "model-2").get(["Kyiv"]) == {}  # another model's version: a stranger


def test_the_oldest_vectors_go_beyond_the_limit(tmp_path):
    store = VectorStore(tmp_path / FILE, "m", limit=10)
    for n in range(3):
        store.put({f"text {n}-{i}": np.full(512, n, dtype=np.float32) for i in range(6)})
    kept = store.get([f"text {n}-{i}" for n in range(3) for i in range(6)])
    assert len(kept) == 10 and all(f"text 2-{i}" in kept for i in range(6))


@pytest.mark.parametrize("damage", ["garbage", "group-writable"])
def test_a_damaged_or_foreign_file_is_not_used_and_the_check_goes_on(cache, damage):
    path = cache / FILE
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
        os.chmod(path, 0o600)
    else:
        VectorStore(path, "m").put({"x": np.zeros(512, dtype=np.float32)})
        os.chmod(path, 0o664)
    checker = Checker(Settings())
    texts = _counted(checker)
    report = checker.check_file(ARTICLE, "a.md")
    assert report.error is None and report.pairs and texts[0] > 10
    assert checker.encoder().store.broken


def test_a_write_another_process_holds_is_skipped(tmp_path):
    path = tmp_path / FILE
    store = VectorStore(path, "m")
    store.put({"a": np.zeros(512, dtype=np.float32)})
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    store.put({"b": np.ones(512, dtype=np.float32)})
    other.execute("ROLLBACK")
    other.close()
    assert not store.broken and set(store.get(["a", "b"])) == {"a"}


def test_the_command_line_run_twice_reports_the_same_and_can_be_told_not_to_keep_vectors(cache, tmp_path):
    first = run_cli("--format", "json", str(ARTICLE), process=True, env={"CAPTIONCHECK_CACHE_DIR": str(cache)})
    assert (cache / FILE).exists()
    second = run_cli("--format", "json", str(ARTICLE), process=True, env={"CAPTIONCHECK_CACHE_DIR": str(cache)})
    assert first.returncode == second.returncode == 1 and first.stdout == second.stdout
    assert json.loads(second.stdout)["files"][0]["findings"]
    other = tmp_path / "off"
    run_cli(str(ARTICLE), process=True, env={"CAPTIONCHECK_CACHE_DIR": str(other), "CAPTIONCHECK_VECTOR_CACHE": "0"})
    assert not (other / FILE).exists()


def test_the_store_is_off_without_a_cache_folder(monkeypatch):
    monkeypatch.setenv("CAPTIONCHECK_VECTOR_CACHE", "1")
    monkeypatch.setenv("CAPTIONCHECK_NO_CACHE", "1")
    assert open_store("m") is None
