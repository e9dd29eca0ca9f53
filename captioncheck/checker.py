"""The pipeline for one file: read, identify languages, pair, run the rules, apply the policy.

Each ``check_*`` method has a ``*_steps`` twin, the same pipeline as a generator of
:mod:`captioncheck.steps` that stops where it encodes, so that a batch of files can share encoder calls
(:meth:`Checker.check_files`).
"""

from __future__ import annotations

from pathlib import Path

from .compare.alignment import CACHE_SIZE as EMBEDDINGS_KEPT, WordVectors
from .budget import checkpoint
from .context import Context
from .document import Document, Kind
from .embeddings import CachedEncoder, Encoder, LazyEncoder, load_encoder, preload_encoder, vector_store_for
from .errors import CaptionCheckError, FileTimeout, InputError, UnknownLanguages
from .langid import Detection, LanguageDetector, UNDETERMINED, make_engine
from .langid.detector import favour
from .langid.article import decide as decide_article_language
from .langid.mask import without_set_apart
from .langid.slots import SHORT_WORDS, decide_in_slots
from .report import FileReport
from .langid.words import WordEvidence
from .pairing import pair_segments
from .policy import apply_policy
from .readers import decode, format_of, load, parse
from .readers.structure import RawSegment
from .segmentation import split_by_language
from .rules.registry import run_rules
from .settings import Settings
from .steps import Steps, run, run_together

NO_CONTENT = "no article content found: nothing was checked"
LANGUAGE_FREE_KINDS = frozenset({Kind.CREDIT, Kind.BOILERPLATE})


def _unknown_languages(error: UnknownLanguages, settings: Settings) -> str:
    """The one-line error for language codes the engine cannot identify: which option gave them, and
    the codes it accepts."""
    codes = ", ".join(error.unknown)
    option = "-l/--language" if settings.language in error.unknown else "--languages"
    return (f"{option}: the language identifier {error.engine} does not know {codes}; "
            f"it knows {len(error.known)} codes: {', '.join(error.known)}")


class Checker:
    """Checks files; the language and embedding models are loaded once, here, for one checker key."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        try:
            self.detector = LanguageDetector(make_engine(settings.langid, settings.languages),
                                             word_evidence=WordEvidence())
        except UnknownLanguages as error:
            raise CaptionCheckError(_unknown_languages(error, settings)) from None
        self._encoder: Encoder | None = None
        preload_encoder(settings.model)
        self._word_vectors: WordVectors | None = None

    def encoder(self) -> Encoder:
        """The embedding model, loaded on first use (an article with nothing to pair never needs it),
        with the vectors of captions and words cached across the files this checker checks."""
        if self._encoder is None:
            model = self.settings.model
            self._encoder = CachedEncoder(LazyEncoder(lambda: load_encoder(model), model), EMBEDDINGS_KEPT,
                                          store=vector_store_for(model))
        return self._encoder

    def word_vectors(self) -> WordVectors:
        """Word vectors of the embedding model, from the same cache as the captions'."""
        if self._word_vectors is None:
            self._word_vectors = WordVectors(self.encoder())
        return self._word_vectors

    def segmenter(self, segments: list[RawSegment]) -> list[RawSegment]:
        """Cut joined lines that are in different languages (see :mod:`captioncheck.segmentation`)."""
        return split_by_language(segments, self.detector.detect)

    def detect_segments(self, document: Document) -> tuple[Detection, ...]:
        detections = []
        for segment in document.segments:
            checkpoint()
            detections.append(Detection(UNDETERMINED, 0.0, 0) if segment.kind in LANGUAGE_FREE_KINDS
                              else self.detector.detect(without_set_apart(segment.text, segment.titles)))
        return tuple(detections)

    def short_detections(self, document: Document, detections: tuple[Detection, ...]) -> dict[int, Detection]:
        """What the detector says of each undetermined caption of ``SHORT_WORDS`` words, allowed to judge
        that few (see :func:`~captioncheck.langid.slots.decide_in_slots`)."""
        return {segment.id: self.detector.detect(segment.text, min_words=SHORT_WORDS)
                for segment, detection in zip(document.segments, detections)
                if segment.kind is Kind.CAPTION and not detection.determined and detection.words == SHORT_WORDS}

    def check_document(self, document: Document, settings: Settings | None = None) -> FileReport:
        return run(self.check_document_steps(document, settings))

    def check_document_steps(self, document: Document, settings: Settings | None = None) -> Steps[FileReport]:
        settings = settings or self.settings
        detections = self.detect_segments(document)
        decided = decide_article_language(document, detections, settings.language, settings.languages)
        language = decided.language
        if not decided.checked:  # a language nobody asked for: one notice, no finding
            return FileReport(path=document.path, document=document, detections=detections, language=language,
                              notices=decided.notices)
        if language != UNDETERMINED:
            detections = tuple(favour(d, language) for d in detections)
            detections = decide_in_slots(document, detections, language, self.short_detections(document, detections))
        checkpoint()
        other_language = {s.id for s, d in zip(document.segments, detections)
                          if d.determined and language != UNDETERMINED and d.language != language}
        pairs = yield from pair_segments(document, detections, language, other_language, self.encoder,
                                         self.word_vectors)
        context = Context(
            document=document,
            detections=detections,
            language=language,
            allowed_languages=frozenset(settings.allowed_languages),
            pairs=pairs,
            detector=self.detector,
            divergence_threshold=settings.divergence_threshold,
        )
        findings = apply_policy(run_rules(context), settings, document.suppressions)
        notices = decided.notices if document.segments else (NO_CONTENT,)
        return FileReport(path=document.path, document=document, detections=detections, language=language,
                          pairs=context.pairs, findings=tuple(findings), notices=notices)

    def check_file(self, path: Path, display_path: str, settings: Settings | None = None) -> FileReport:
        """Check one file; whatever goes wrong with it becomes its one-line error, never an exception."""
        settings = settings or self.settings
        return run(self.check_file_steps(path, display_path, settings), settings.timeout_per_file)

    def check_files(self, files: list[tuple[Path, str]], settings: Settings | None = None) -> list[FileReport]:
        """:meth:`check_file` of each ``(path, display path)``, the files checked together."""
        settings = settings or self.settings
        return run_together([self.check_file_steps(path, display, settings) for path, display in files],
                            [settings.timeout_per_file] * len(files))

    def check_file_steps(self, path: Path, display_path: str, settings: Settings) -> Steps[FileReport]:
        """The steps of :meth:`check_file`; the time limit is the caller's (see :mod:`.steps`)."""
        try:
            text = decode(load(path, settings.max_file_size))
        except InputError as error:
            return FileReport(path=display_path, error=str(error))
        except FileTimeout as error:
            return FileReport(path=display_path, error=str(error))
        return (yield from self.check_text_steps(text, settings.input_format or format_of(path), display_path,
                                                 settings))

    def check_text(self, text: str, input_format: str, display_path: str,
                   settings: Settings | None = None) -> FileReport:
        """Check an article given as text; ``input_format`` is ``text``, ``markdown`` or ``html``."""
        return run(self.check_text_steps(text, input_format, display_path, settings))

    def check_texts(self, texts: list[tuple[str, str, str]], settings: Settings | None = None) -> list[FileReport]:
        """:meth:`check_text` of each ``(text, input format, display path)``, the texts checked together."""
        return run_together([self.check_text_steps(text, input_format, display, settings)
                             for text, input_format, display in texts], [None] * len(texts))

    def check_text_steps(self, text: str, input_format: str, display_path: str,
                         settings: Settings | None = None) -> Steps[FileReport]:
        settings = settings or self.settings
        try:
            document = parse(text, input_format, display_path, self.segmenter)
            checkpoint()
            return (yield from self.check_document_steps(document, settings))
        except InputError as error:
            return FileReport(path=display_path, error=str(error))
        except CaptionCheckError:
            raise
        except RecursionError:
            return FileReport(path=display_path, error="nested too deep to be read")
        except MemoryError:
            return FileReport(path=display_path, error="not enough memory to check this file")
        except FileTimeout as error:
            return FileReport(path=display_path, error=str(error))
        except Exception as error:  # a bug must not stop the other files; say so plainly
            return FileReport(path=display_path,
                              error=f"internal error ({type(error).__name__}: {error}); please report it")
