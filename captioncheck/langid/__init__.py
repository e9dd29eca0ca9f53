"""Language identification: engines behind one protocol, and a detector that masks and abstains."""

from .detector import Detection, LanguageDetector, UNDETERMINED
from .engines import ENGINES, DEFAULT_ENGINE, DEFAULT_LANGUAGES, Engine, make_engine

__all__ = [
    "DEFAULT_ENGINE", "DEFAULT_LANGUAGES", "Detection", "ENGINES", "Engine", "LanguageDetector",
    "UNDETERMINED", "make_engine",
]
