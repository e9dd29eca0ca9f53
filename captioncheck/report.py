"""What captioncheck says about one file: the record every door and every formatter reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from .context import Pair
from .document import Document
from .findings import Finding
from .langid import UNDETERMINED, Detection


@dataclass(frozen=True)
class FileReport:
    """Everything captioncheck says about one file; ``error`` is set when it could not be read."""

    path: str
    document: Document | None = None
    detections: tuple[Detection, ...] = ()
    language: str = UNDETERMINED
    pairs: tuple[Pair, ...] = ()
    findings: tuple[Finding, ...] = field(default=())
    error: str | None = None
    notices: tuple[str, ...] = ()
    fixed: int = 0  # fixes applied (--fix) or to apply (--diff)
    diff: str | None = None  # --diff: the unified diff of the fixes
