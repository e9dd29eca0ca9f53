"""Names and words folded for comparison: lower case, no accents, letters and digits only."""

from __future__ import annotations

import functools
import unicodedata


from .. import patterns

_ALNUM_RUN = patterns.compile(r"[\p{L}\d]+")


@functools.lru_cache(maxsize=1 << 15)
def fold(value: str) -> str:
    """Lower case, no accents, letters and digits separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_ALNUM_RUN.findall(plain))
