"""The pipeline for one file: read, identify languages, pair, run the rules, apply the policy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .compare.alignment import CACHE_SIZE as EMBEDDINGS_KEPT, WordVectors
from .budget import time_limit
from .context import Context, Pair, article_language
from .document import Document, Kind
from .embeddings import CachedEncoder, Encoder, load_encoder, preload_encoder
from .errors import CaptionCheckError, FileTimeout, InputError
from .findings import Finding
from .langid import Detection, LanguageDetector, UNDETERMINED, make_engine
from .langid.detector import favour
from .langid.words import WordEvidence
from .pairing import pair_segments
from .policy import apply_policy
from .readers import decode, format_of, load, parse
from .readers.structure import RawSegment
from .segmentation import split_by_language
from .rules import run_rules
from .settings import Settings

NO_CONTENT = "no article content found: nothing was checked"
LANGUAGE_FREE_KINDS = frozenset({Kind.CREDIT, Kind.BOILERPLATE})


# A short caption the detector left undetermined is judged at this confidence when it fills a slot beside
# a caption in the article's language: the structure says one of the two is a translation of the other.
# Below it the caption still counts as foreign when the article's language is not even among the
# detector's best candidates ("Ve a casa de Juan.": Spanish 0.44, Catalan 0.40, Portuguese 0.14, in an
# English article): which language it is may be unsure, that it is not the article's is not.
SLOT_CONFIDENCE = 0.5
# A caption of two words once its names are masked ("EFE - Angela Merkel, muy emocionada") is never
# judged alone. In a slot it is, from what its two words say (``SHORT_WORDS``), when the detector is
# this sure and the article's language is not among its three best candidates. The last table of
# bench/langid_accuracy.py: the first or last two words of the dev sentences are called foreign 42% of
# the time beside a caption of another language, and never (0 of 5,769) beside one of their own.
SHORT_WORDS = 2
SHORT_SLOT_CONFIDENCE = 0.9
# A slot of two captions holds an untranslated caption and its translation: when its other caption is in
# a third language, a caption detected in a neighbour of the article's language is in the article's
# language if the detector gives that language at least a tenth of its best (a short
# Spanish caption read as Portuguese 0.70 and Spanish 0.22, below a French caption in a Spanish article). Two foreign captions of
# two languages in one slot are rarer than a short caption the neighbours share most words with.
SLOT_PRIOR = 10.0


def slot_detection(detection: Detection, short: Detection | None, language: str) -> Detection | None:
    """An undetermined caption's detection decided for a slot beside a caption in ``language``, or
    None when it stays undetermined. ``short`` is what the detector says of a caption of
    ``SHORT_WORDS`` words when allowed to judge that few."""
    if detection.determined:
        return None
    if detection.words >= 3 and detection.alternatives:
        alternatives = detection.alternatives
        contenders = {candidate for candidate, _ in alternatives}
        sure = alternatives[0][1] >= SLOT_CONFIDENCE or language not in contenders
    elif detection.words == SHORT_WORDS and short is not None and short.alternatives:
        alternatives = short.alternatives
        contenders = {candidate for candidate, _ in alternatives}
        sure = alternatives[0][1] >= SHORT_SLOT_CONFIDENCE and language not in contenders
    else:
        return None
    best, confidence = alternatives[0]
    decided = replace(detection, language=best, confidence=confidence, alternatives=alternatives)
    # the article's language is likelier a priori here too ("Marta no era feliz.": Portuguese 0.60,
    # Spanish 0.32, in a Spanish article, is Spanish)
    if not sure or favour(decided, language).language == language:
        return None
    return decided


def decide_in_slots(document: Document, detections: tuple[Detection, ...], language: str,
                    short: Mapping[int, Detection] | None = None) -> tuple[Detection, ...]:
    """Detections with short undetermined captions decided where they sit beside their translation
    (see :func:`slot_detection`; ``short`` by segment id)."""
    short = short or {}
    decided = list(detections)
    segments = document.segments

    def in_language(index: int) -> bool:
        guess = short.get(index)
        return detections[index].language == language or (
            guess is not None and bool(guess.alternatives) and guess.alternatives[0][0] == language)

    def beside(segment) -> list[int]:
        """The captions of ``segment``'s slot: the captions right above and below it in its block."""
        return [i for i in (segment.id - 1, segment.id + 1) if 0 <= i < len(segments)
                and segments[i].kind is Kind.CAPTION and segments[i].block == segment.block]

    for segment, detection in zip(segments, detections):
        if segment.kind is not Kind.CAPTION:
            continue
        if detection.determined and detection.language != language:
            if any(detections[i].determined and detections[i].language not in (language, detection.language)
                   for i in beside(segment)):
                decided[segment.id] = favour(detection, language, SLOT_PRIOR)
            continue
        judged = slot_detection(detection, short.get(segment.id), language)
        if judged is not None and any(in_language(i) for i in beside(segment)):
            decided[segment.id] = judged
    return tuple(decided)


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


class Checker:
    """Checks files; the language and embedding models are loaded once, here, for one checker key."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        try:
            self.detector = LanguageDetector(make_engine(settings.langid, settings.languages),
                                             word_evidence=WordEvidence())
        except ValueError as error:
            raise CaptionCheckError(str(error)) from None
        self._encoder: Encoder | None = None
        preload_encoder(settings.model)
        self._word_vectors: WordVectors | None = None

    def encoder(self) -> Encoder:
        """The embedding model, loaded on first use (an article with nothing to pair never needs it),
        with the vectors of captions and words cached across the files this checker checks."""
        if self._encoder is None:
            self._encoder = CachedEncoder(load_encoder(self.settings.model), EMBEDDINGS_KEPT)
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
        return tuple(
            Detection(UNDETERMINED, 0.0, 0) if segment.kind in LANGUAGE_FREE_KINDS
            else self.detector.detect(segment.text)
            for segment in document.segments
        )

    def short_detections(self, document: Document, detections: tuple[Detection, ...]) -> dict[int, Detection]:
        """What the detector says of each undetermined caption of ``SHORT_WORDS`` words, allowed to judge
        that few (see :func:`decide_in_slots`)."""
        return {segment.id: self.detector.detect(segment.text, min_words=SHORT_WORDS)
                for segment, detection in zip(document.segments, detections)
                if segment.kind is Kind.CAPTION and not detection.determined and detection.words == SHORT_WORDS}

    def check_document(self, document: Document, settings: Settings | None = None) -> FileReport:
        settings = settings or self.settings
        detections = self.detect_segments(document)
        language = settings.language or document.declared_language or article_language(document, detections)
        if language != UNDETERMINED:
            detections = tuple(favour(d, language) for d in detections)
            detections = decide_in_slots(document, detections, language, self.short_detections(document, detections))
        other_language = {s.id for s, d in zip(document.segments, detections)
                          if d.determined and language != UNDETERMINED and d.language != language}
        context = Context(
            document=document,
            detections=detections,
            language=language,
            allowed_languages=frozenset(settings.allowed_languages),
            pairs=pair_segments(document, detections, language, other_language, self.encoder, self.word_vectors),
            detector=self.detector,
            divergence_threshold=settings.divergence_threshold,
        )
        findings = apply_policy(run_rules(context), settings, document.suppressions)
        notices = () if document.segments else (NO_CONTENT,)
        return FileReport(path=document.path, document=document, detections=detections, language=language,
                          pairs=context.pairs, findings=tuple(findings), notices=notices)

    def check_file(self, path: Path, display_path: str, settings: Settings | None = None) -> FileReport:
        """Check one file; whatever goes wrong with it becomes its one-line error, never an exception."""
        settings = settings or self.settings
        try:
            with time_limit(settings.timeout_per_file):
                text = decode(load(path, settings.max_file_size))
                return self.check_text(text, settings.input_format or format_of(path), display_path, settings)
        except InputError as error:
            return FileReport(path=display_path, error=str(error))
        except FileTimeout as error:
            return FileReport(path=display_path, error=str(error))

    def check_text(self, text: str, input_format: str, display_path: str,
                   settings: Settings | None = None) -> FileReport:
        """Check an article given as text; ``input_format`` is ``text``, ``markdown`` or ``html``."""
        settings = settings or self.settings
        try:
            document = parse(text, input_format, display_path, self.segmenter)
            return self.check_document(document, settings)
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
