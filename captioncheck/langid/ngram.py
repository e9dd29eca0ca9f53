"""py3langid's model, scored by captioncheck over plain arrays restricted to the checked languages.

py3langid (a fork of Marco Lui's langid.py) is a naive Bayes classifier over byte n-grams: a DFA
walks the UTF-8 bytes of the text and emits a feature at each state that ends an n-gram; each
language's score is the sum of log(1 + count) times the feature's weight, plus the language's prior.
Its package loads the model from an LZMA archive (half a second) into 97 languages; a run that checks
eight needs an eighth of the weight table. Here the archive is unpacked once into the model store
(:mod:`captioncheck.model_store`), the weights are stored one feature per row (every language's
weight of a feature side by side: 284 bytes), and a run maps the DFA and reads, for each text, the
rows of the features the text has, and nothing else: no copy of any language's weights at start, and
a text touches one page per feature, not one per feature and language (which, on a machine that
reclaims idle page cache, read most of the 27 MB table again at each start). The arithmetic is
py3langid's (``norm_probs=True``), so the rankings are the same; ``tests/test_langid_engines.py``
checks it against py3langid itself.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .. import background, model_store
from ..errors import UnknownLanguages

DISTRIBUTION = "py3langid"


def _model_file() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("py3langid")  # found, not imported: the package loads its own model
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("py3langid is not installed")
    return Path(spec.submodule_search_locations[0]) / "data" / "model.npz.xz"


def _unpack(path: Path) -> dict[str, np.ndarray]:
    # One call decompresses the whole archive with the GIL released throughout: read in chunks, each
    # chunk would wait for the GIL while the main thread imports, and take three times as long.
    import io
    import lzma  # only when the store has no entry: a run that maps one never imports it

    with np.load(io.BytesIO(lzma.decompress(path.read_bytes())), allow_pickle=False) as data:
        return {
            "weights_by_feature": np.ascontiguousarray(data["ptc"]),  # features x languages, float16
            "priors": data["pc"].astype(np.float32),
            "classes": data["classes"].astype(str),
            "next_state": data["nextmove"].astype(np.uint32),
            "row_base": data["nextmove_row"].astype(np.int64) << 8,
            "feature_of_state": data["out_feat"].astype(np.int32),
        }


def stored_model() -> model_store.Model:
    """The model as the model store keeps it (every language: the checked ones are picked at load)."""
    path = _model_file()
    return model_store.Model("py3langid", (path,), lambda: _unpack(path), distribution=DISTRIBUTION,
                             variant="by-feature")


def _arrays_loading() -> background.Load:
    """The model's arrays from the model store, in a thread (see :mod:`captioncheck.background`):
    without an entry, unpacking the LZMA archive takes half a second that overlaps the imports."""
    model = stored_model()
    return background.load(f"py3langid:{model.sources[0]}", lambda: model_store.load(model))


def preload() -> None:
    """Start loading the model, so that it is ready when the first text is identified."""
    try:
        _arrays_loading()
    except ValueError:  # not installed: NgramModel says so
        pass


class NgramModel:
    """py3langid's byte n-gram model over ``languages``."""

    def __init__(self, languages: Sequence[str]) -> None:
        arrays = _arrays_loading().result()
        classes = [str(c) for c in arrays["classes"]]
        unknown = sorted(set(languages) - set(classes))
        if unknown:
            raise UnknownLanguages("py3langid", unknown, set(classes))
        wanted = set(languages)
        rows = [i for i, c in enumerate(classes) if c in wanted and classes.index(c) == i]
        others = [i for i, c in enumerate(classes) if c not in wanted and classes.index(c) == i]
        self.languages = [classes[i] for i in rows]
        self.others = [classes[i] for i in others]
        self._priors = np.asarray(arrays["priors"][rows], dtype=np.float32)
        # Every weight stays in the mapped store (float16): a text reads the rows of its features.
        self._weights = arrays["weights_by_feature"]
        self._rows = np.asarray(rows, dtype=np.intp)
        self._other_rows = np.asarray(others, dtype=np.intp)
        self._other_priors = np.asarray(arrays["priors"][others], dtype=np.float32)
        self._next_state = memoryview(arrays["next_state"])
        self._row_base = memoryview(arrays["row_base"])
        self._feature_of_state = memoryview(arrays["feature_of_state"])

    def _features(self, data: bytes) -> Counter[int] | None:
        next_state, row_base, feature_of_state = self._next_state, self._row_base, self._feature_of_state
        state, found = 0, []
        append = found.append
        for byte in data:
            state = next_state[row_base[state] + byte]
            feature = feature_of_state[state]
            if feature >= 0:
                append(feature)
        return Counter(found) if found else None

    def rank(self, text: str) -> list[tuple[str, float]]:
        """The checked languages with their probabilities, most likely first (ties in model order)."""
        return self.rank_all(text)[0]

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one model per checker; rank and beyond share a text
    def rank_all(self, text: str) -> tuple[list[tuple[str, float]], tuple[str, float]]:
        """The checked languages ranked as if no other existed (py3langid's own arithmetic over them),
        and, over every language the model knows, the likeliest unchecked one with the probability
        that the text is in some unchecked language."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        counts = self._features(data)
        if counts is None:
            scores = np.concatenate([self._priors, self._other_priors]) * 0.0
        else:
            index = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            values = np.log1p(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
            found = self._weights[index]  # features found x every language
            # C-ordered copies, as the arithmetic was calibrated and tested with (a column selection is
            # Fortran-ordered, and BLAS then sums in another order: last-digit differences)
            checked_scores = values @ np.ascontiguousarray(found[:, self._rows], dtype=np.float32) + self._priors
            other_scores = (np.ascontiguousarray(found[:, self._other_rows].T).astype(np.float32) @ values
                            + self._other_priors) if self.others else self._other_priors
            scores = np.concatenate([checked_scores, other_scores])
        scores *= 1.0 / math.sqrt(len(data) or 1)
        checked = scores[:len(self.languages)]
        checked = np.exp(checked - checked.max())
        checked /= checked.sum()
        ranked = sorted(zip(self.languages, checked.tolist()), key=lambda item: -item[1])
        if not self.others:
            return ranked, ("und", 0.0)
        np.exp(scores - scores.max(), out=scores)
        other = scores[len(self.languages):]
        best = int(other.argmax())
        return ranked, (self.others[best], float(other.sum() / scores.sum()))
