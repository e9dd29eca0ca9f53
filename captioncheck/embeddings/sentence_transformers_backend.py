"""Any local sentence-transformers model (LaBSE, paraphrase-multilingual-*, multilingual-e5-*, ...).

The model is a directory on disk or a name already in the local Hugging Face cache; the hub is never
contacted (``HF_HUB_OFFLINE=1``). Installed with ``pip install 'captioncheck[sentence-transformers]'``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from ..errors import CaptionCheckError
from . import normalise


class SentenceTransformersEncoder:
    def __init__(self, model: str) -> None:
        self.name = model
        for variable, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                                ("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TRANSFORMERS_VERBOSITY", "error")):
            os.environ.setdefault(variable, value)
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
        except ImportError:
            raise CaptionCheckError(
                f"model {model!r} needs the sentence-transformers backend: "
                "pip install 'captioncheck[sentence-transformers]'"
            ) from None
        try:
            # Never run code shipped in a model folder: a configuration file must not execute anything.
            self._model = SentenceTransformer(model, device="cpu", local_files_only=True, trust_remote_code=False,
                                              model_kwargs={"use_safetensors": True})
        except Exception as error:  # the library raises many types for a missing model
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise CaptionCheckError(f"model {model!r} is not available locally ({reason})") from None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            dimension = self._model.get_sentence_embedding_dimension() or 0
            return np.zeros((0, dimension), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=32, show_progress_bar=False,
                                     convert_to_numpy=True, normalize_embeddings=True)
        return normalise(vectors)
