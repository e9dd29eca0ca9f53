from pathlib import Path

from captioncheck import model_cache


def test_builds_once_then_loads(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CAPTIONCHECK_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "model.bin"
    source.write_bytes(b"weights")
    calls = []

    def build():
        calls.append(1)
        return {"unpacked": [1, 2, 3]}

    assert model_cache.cached("demo", [source], "1.0", build) == {"unpacked": [1, 2, 3]}
    assert model_cache.cached("demo", [source], "1.0", build) == {"unpacked": [1, 2, 3]}
    assert len(calls) == 1
    model_cache.cached("demo", [source], "2.0", build)
    assert len(calls) == 2, "a new version must not reuse the old entry"


def test_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("CAPTIONCHECK_CACHE_DIR", str(blocker / "cache"))
    source = tmp_path / "model.bin"
    source.write_bytes(b"w")
    assert model_cache.cached("demo", [source], "1", lambda: 42) == 42


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CAPTIONCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CAPTIONCHECK_NO_CACHE", "1")
    source = tmp_path / "model.bin"
    source.write_bytes(b"w")
    assert model_cache.cached("demo", [source], "1", lambda: 7) == 7
    assert not (tmp_path / "cache").exists()


def test_unpicklable_value_is_returned_and_not_cached(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CAPTIONCHECK_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "model.bin"
    source.write_bytes(b"w")
    value = model_cache.cached("demo", [source], "1", lambda: (lambda: 1))
    assert value() == 1
    assert not list((tmp_path / "cache").glob("*.pickle"))
