"""The model store: plain arrays, memory-mapped, keyed by content, rebuilt when it cannot be trusted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from captioncheck import model_store


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAPTIONCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("CAPTIONCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(model_store, "PACKAGED", tmp_path / "wheel" / "captioncheck" / "models")
    return folder


def _source(tmp_path: Path, content: bytes = b"model weights") -> Path:
    path = tmp_path / "model.bin"
    path.write_bytes(content)
    return path


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, np.ndarray]:
        self.calls += 1
        return {"weights": np.arange(12, dtype=np.float32).reshape(3, 4), "names": np.array(["fr", "es"])}


def test_built_once_then_memory_mapped_from_plain_npy_files(store: Path, tmp_path: Path):
    source, build = _source(tmp_path), Builder()
    first = model_store.load(model_store.Model("demo", (source,), build))
    second = model_store.load(model_store.Model("demo", (source,), build))
    assert build.calls == 1
    assert isinstance(second["weights"].base, np.memmap) and not second["weights"].flags.writeable
    assert np.array_equal(first["weights"], second["weights"]) and list(second["names"]) == ["fr", "es"]
    (entry,) = [p for p in store.iterdir()]
    assert sorted(p.name for p in entry.iterdir()) == ["arrays.bin", "manifest.json"]
    assert not list(store.rglob("*.pickle"))


def test_key_is_content_not_install_path(store: Path, tmp_path: Path):
    build = Builder()
    one, two = tmp_path / "venv1", tmp_path / "venv2"
    one.mkdir(), two.mkdir()
    model_store.load(model_store.Model("demo", (_source(one),), build))
    model_store.load(model_store.Model("demo", (_source(two),), build))  # another install, same content
    assert build.calls == 1
    model_store.load(model_store.Model("demo", (_source(two, b"other weights"),), build))
    assert build.calls == 2
    model_store.load(model_store.Model("demo", (_source(two),), build, variant="fr,es"))
    assert build.calls == 3


def test_recorded_hash_of_the_installed_package_is_the_key(store: Path, tmp_path: Path):
    site = tmp_path / "site-packages"
    (site / "demo_pkg").mkdir(parents=True)
    (site / "demo_pkg-1.0.dist-info").mkdir()
    source = site / "demo_pkg" / "model.bin"
    source.write_bytes(b"weights")
    (site / "demo_pkg-1.0.dist-info" / "RECORD").write_text("demo_pkg/model.bin,sha256=RECORDED,7\n")
    with_record = model_store.content_digest([source], "demo-pkg")
    without_record = model_store.content_digest([source], None)
    assert with_record != without_record
    (site / "demo_pkg-1.0.dist-info" / "RECORD").write_text("demo_pkg/model.bin,sha256=CHANGED,7\n")
    assert model_store.content_digest([source], "demo-pkg") != with_record


@pytest.mark.parametrize("damage", ["truncate", "manifest", "shape", "group-writable", "pickle"])
def test_a_damaged_or_foreign_entry_is_rebuilt_never_trusted(store: Path, tmp_path: Path, damage: str):
    source, build = _source(tmp_path), Builder()
    model_store.load(model_store.Model("demo", (source,), build))
    (entry,) = store.iterdir()
    if damage == "truncate":
        data = (entry / "arrays.bin").read_bytes()
        (entry / "arrays.bin").write_bytes(data[:len(data) // 2])
    elif damage == "manifest":
        (entry / "manifest.json").write_text("{not json")
    elif damage == "shape":
        manifest = json.loads((entry / "manifest.json").read_text())
        manifest["arrays"]["weights"][1] = [40, 30]
        (entry / "manifest.json").write_text(json.dumps(manifest))
    elif damage == "group-writable":
        os.chmod(entry, 0o777)
    else:  # an entry that claims an object (pickled) array
        manifest = json.loads((entry / "manifest.json").read_text())
        manifest["arrays"]["weights"][0] = "O"
        (entry / "manifest.json").write_text(json.dumps(manifest))
    arrays = model_store.load(model_store.Model("demo", (source,), build))
    assert build.calls == 2
    assert np.array_equal(arrays["weights"], np.arange(12, dtype=np.float32).reshape(3, 4))
    assert model_store.load(model_store.Model("demo", (source,), build)) is not None and build.calls == 2  # repaired


def test_old_entries_of_a_model_are_pruned(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    build = Builder()
    for version in range(5):
        model_store.load(model_store.Model("demo", (_source(tmp_path, f"weights v{version}".encode()),), build))
    assert len([p for p in store.iterdir() if p.name.startswith("demo-")]) == model_store.KEEP
    monkeypatch.setattr(model_store, "STALE_SECONDS", -1)
    model_store.load(model_store.Model("demo", (_source(tmp_path, b"weights v9"),), build))
    assert len([p for p in store.iterdir() if p.name.startswith("demo-")]) == 1


def test_files_of_the_earlier_pickle_cache_are_removed(store: Path, tmp_path: Path):
    store.mkdir(parents=True)
    legacy = store / "demo-4a5fed6f6d8c6d09.pickle"
    legacy.write_bytes(b"old cache entry")
    model_store.load(model_store.Model("demo", (_source(tmp_path),), Builder()))
    assert not legacy.exists()


def test_unwritable_or_disabled_store_still_gives_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CAPTIONCHECK_CACHE_DIR", str(blocker / "cache"))
    source, build = _source(tmp_path), Builder()
    assert model_store.load(model_store.Model("demo", (source,), build))["weights"].shape == (3, 4)
    monkeypatch.setenv("CAPTIONCHECK_NO_CACHE", "1")
    model_store.load(model_store.Model("demo", (source,), build))
    assert build.calls == 2


class Refuse:
    def __call__(self) -> dict[str, np.ndarray]:
        raise AssertionError("built although the wheel carries the entry")


def test_an_entry_packaged_in_the_wheel_is_mapped_and_nothing_is_unpacked(store: Path, tmp_path: Path):
    source = _source(tmp_path)
    written = model_store.package(model_store.Model("demo", (source,), Builder()), model_store.PACKAGED)
    assert oct(written.stat().st_mode & 0o777) == "0o755"  # readable by every user of the install
    arrays = model_store.load(model_store.Model("demo", (source,), Refuse()))
    assert isinstance(arrays["weights"].base, np.memmap)
    assert np.array_equal(arrays["weights"], np.arange(12, dtype=np.float32).reshape(3, 4))
    assert not store.exists()  # the user's cache is not touched
    # Other model content (another version of the model's package): the packaged entry does not apply.
    build = Builder()
    model_store.load(model_store.Model("demo", (_source(tmp_path, b"other weights"),), build))
    assert build.calls == 1 and len(list(store.iterdir())) == 1


def test_a_packaged_entry_others_can_write_is_ignored(store: Path, tmp_path: Path):
    source = _source(tmp_path)
    written = model_store.package(model_store.Model("demo", (source,), Builder()), model_store.PACKAGED)
    os.chmod(written / "arrays.bin", 0o666)
    build = Builder()
    model_store.load(model_store.Model("demo", (source,), build))
    assert build.calls == 1
