"""captioncheck: find untranslated captions and mistranslations in translated news articles."""

import os

# captioncheck multiplies small matrices, a few per article, and runs one worker process per core:
# BLAS threads on top of that only contend (measured: twice as slow on 2 cores). Set before numpy
# loads; a value already in the environment is kept.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from .about import REPOSITORY, __version__

_API = ("check_text", "check_paths", "fix_text", "apply_fixes", "Report", "FixedText")


def __getattr__(name: str):  # the API loads the checker on first use: ``import captioncheck`` stays light
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'captioncheck' has no attribute {name!r}")


__all__ = ["REPOSITORY", "__version__", *_API]
