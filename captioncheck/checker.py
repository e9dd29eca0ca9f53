"""The pipeline for one file: read, identify languages, pair, run the rules; and file discovery."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .context import Context, Pair, article_language
from .document import Document, Kind
from .errors import CaptionCheckError, InputError
from .findings import Finding
from .embeddings import Encoder, load_encoder
from .langid import Detection, LanguageDetector, UNDETERMINED, make_engine
from .pairing import pair_segments
from .readers import ARTICLE_SUFFIXES, read_document
from .rules import run_rules
from .settings import Settings

LANGUAGE_FREE_KINDS = frozenset({Kind.CREDIT, Kind.BOILERPLATE})


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


class Checker:
    """Checks files with one set of settings; the language models are loaded once, here."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.detector = LanguageDetector(make_engine(settings.langid, settings.languages))
        self._encoder: Encoder | None = None

    def encoder(self) -> Encoder:
        """The embedding model, loaded on first use: an article with nothing to pair never needs it."""
        if self._encoder is None:
            self._encoder = load_encoder(self.settings.model)
        return self._encoder

    def detect_segments(self, document: Document) -> tuple[Detection, ...]:
        return tuple(
            Detection(UNDETERMINED, 0.0, 0) if segment.kind in LANGUAGE_FREE_KINDS
            else self.detector.detect(segment.text)
            for segment in document.segments
        )

    def check_document(self, document: Document) -> FileReport:
        detections = self.detect_segments(document)
        language = self.settings.language or document.declared_language or article_language(document, detections)
        other_language = {s.id for s, d in zip(document.segments, detections)
                          if d.determined and language != UNDETERMINED and d.language != language}
        context = Context(
            document=document,
            detections=detections,
            language=language,
            allowed_languages=frozenset(self.settings.allowed_languages),
            pairs=pair_segments(document, detections, language, other_language, self.encoder),
            detector=self.detector,
        )
        return FileReport(path=document.path, document=document, detections=detections, language=language,
                          pairs=context.pairs, findings=tuple(run_rules(context)))

    def check_file(self, path: Path, display_path: str) -> FileReport:
        try:
            document = read_document(path, display_path)
        except InputError as error:
            return FileReport(path=display_path, error=str(error))
        try:
            return self.check_document(document)
        except CaptionCheckError:
            raise
        except Exception as error:  # a bug must not stop the other files; say so plainly
            return FileReport(path=display_path,
                              error=f"internal error ({type(error).__name__}: {error}); please report it")


@dataclass(frozen=True)
class Target:
    """A file to check, or a path given by the user that yields none (then ``error`` says why)."""

    path: Path
    display: str
    error: str | None = None


def discover(paths: list[str]) -> Iterator[Target]:
    """The files to check, in a stable order: each given file, and the articles under each directory."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(_articles_under(path))
            if not found:
                yield Target(path, given, f"no articles ({', '.join(ARTICLE_SUFFIXES)}) in this directory")
            for file in found:
                yield Target(file, str(file))
        else:
            yield Target(path, given)


def _articles_under(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                yield Path(root) / name
