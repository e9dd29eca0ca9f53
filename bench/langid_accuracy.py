"""Accuracy of each language identification engine on the real sentences of shared/eval.

Every sentence of 5+ words in the Tatoeba and REFreSD files is identified by captioncheck's detector
(masking names, credits and numbers, restricted to the default candidate languages, abstaining as
``und`` when unsure), with and without word evidence (``+words``, the default). A sentence counts as
correct only when the detector names its language: an abstention is counted against the engine.
A second table shows sentences of 3-4 words: how often the detector answers, and how often it is
right when it does. A third, two-word captions in a caption slot beside their translation (the first
and last two words of each sentence), judged as ``langid.slots.slot_detection`` does: how often they are
called foreign in an article of another language, and, a false alarm, in one of their own.

    python bench/langid_accuracy.py [--eval-dir ../shared/eval] [--min-words 5]
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path

from captioncheck.langid import DEFAULT_LANGUAGES, ENGINES, LanguageDetector, UNDETERMINED, make_engine
from captioncheck.langid.words import WordEvidence

ISO3 = {"fra": "fr", "spa": "es", "eng": "en", "deu": "de", "ita": "it"}
LANGUAGES = ("fr", "es", "en", "de", "it")


def load_sentences(eval_dir: Path, min_words: int) -> list[tuple[str, str]]:
    sentences: set[tuple[str, str]] = set()
    for path in sorted(eval_dir.glob("tatoeba-*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                sentences.add((ISO3[row[0]], row[2]))
                sentences.add((ISO3[row[1]], row[3]))
    with (eval_dir / "refresd-dev.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            sentences.add(("en", row["english"]))
            sentences.add(("fr", row["french"]))
    return sorted(s for s in sentences if len(s[1].split()) >= min_words)


def lingua_row(sentences: list[tuple[str, str]], totals: Counter) -> None:
    """lingua-language-detector on the raw sentences, when it is installed (it is not a dependency)."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        print("| lingua (not installed: pip install lingua-language-detector) | | | | | | | | |")
        return
    codes = {"fr": "FRENCH", "es": "SPANISH", "en": "ENGLISH", "de": "GERMAN", "it": "ITALIAN",
             "pt": "PORTUGUESE", "ca": "CATALAN", "nl": "DUTCH"}
    by_language = {getattr(Language, name): code for code, name in codes.items() if code in DEFAULT_LANGUAGES}
    started = time.perf_counter()
    detector = LanguageDetectorBuilder.from_languages(*by_language).with_preloaded_language_models().build()
    loaded = time.perf_counter() - started
    correct, undetermined = Counter(), 0
    started = time.perf_counter()
    for lang, sentence in sentences:
        found = detector.detect_language_of(sentence)
        correct[lang] += found is not None and by_language[found] == lang
        undetermined += found is None
    per_sentence = (time.perf_counter() - started) * 1000 / len(sentences)
    cells = " | ".join(f"{100 * correct[lang] / totals[lang]:.1f}%" for lang in LANGUAGES)
    print(f"| lingua (raw sentences, high accuracy) | {loaded:.2f} | {cells} | {undetermined} | {per_sentence:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    parser.add_argument("--min-words", type=int, default=5)
    args = parser.parse_args()
    sentences = load_sentences(args.eval_dir, args.min_words)
    totals = Counter(lang for lang, _ in sentences)
    print(f"{len(sentences)} sentences of {args.min_words}+ words: "
          + ", ".join(f"{lang} {totals[lang]}" for lang in LANGUAGES))
    print(f"candidates: {','.join(DEFAULT_LANGUAGES)}\n")
    print("| engine | load s | " + " | ".join(LANGUAGES) + " | und | ms/sentence |")
    print("|---|---:|" + "---:|" * (len(LANGUAGES) + 2))
    short = [s for s in load_sentences(args.eval_dir, 3) if len(s[1].split()) < args.min_words]
    short_rows = []
    for name in sorted(ENGINES):
        for words in (False, True):
            started = time.perf_counter()
            detector = LanguageDetector(make_engine(name, DEFAULT_LANGUAGES),
                                        word_evidence=WordEvidence() if words else None)
            loaded = time.perf_counter() - started
            correct, undetermined = Counter(), 0
            started = time.perf_counter()
            for lang, sentence in sentences:
                found = detector.detect(sentence).language
                correct[lang] += found == lang
                undetermined += found == UNDETERMINED
            per_sentence = (time.perf_counter() - started) * 1000 / len(sentences)
            cells = " | ".join(f"{100 * correct[lang] / totals[lang]:.1f}%" for lang in LANGUAGES)
            label = name + ("+words" if words else "")
            print(f"| {label} | {loaded:.2f} | {cells} | {undetermined} | {per_sentence:.2f} |")
            answers = [(lang, detector.detect(sentence).language) for lang, sentence in short]
            given = [(lang, found) for lang, found in answers if found != UNDETERMINED]
            right = sum(lang == found for lang, found in given)
            short_rows.append(f"| {label} | {len(short)} | {100 * len(given) / len(short):.1f}% | "
                              f"{100 * right / max(len(given), 1):.1f}% |")
    lingua_row(sentences, totals)
    print(f"\nSentences of 3-{args.min_words - 1} words:\n")
    print("| engine | sentences | answered | right when answered |")
    print("|---|---:|---:|---:|")
    print("\n".join(short_rows))
    two_word_slots(load_sentences(args.eval_dir, 1))


def two_word_slots(sentences: list[tuple[str, str]]) -> None:
    """Two-word captions in a caption slot (``langid.slots.slot_detection``): the first and the last two
    words (names, figures masked) of every sentence, judged in an article of each other language
    (found: called foreign) and of their own (false alarm: called foreign)."""
    from captioncheck import text as textutil
    from captioncheck.langid.mask import mask
    from captioncheck.langid.slots import SHORT_WORDS, slot_detection
    from captioncheck.langid import Detection

    detector = LanguageDetector(make_engine("py3langid", DEFAULT_LANGUAGES), word_evidence=WordEvidence())
    pieces = set()
    for lang, sentence in sentences:
        words = mask(sentence).split()
        for start in (0, len(words) - SHORT_WORDS):
            piece = " ".join(words[max(start, 0):max(start, 0) + SHORT_WORDS])
            if len(textutil.words(piece)) == SHORT_WORDS:
                pieces.add((lang, piece))
    found, foreign, false_alarms = 0, 0, 0
    for lang, piece in sorted(pieces):
        alone, short = Detection(UNDETERMINED, 0.0, SHORT_WORDS), detector.detect(piece, min_words=SHORT_WORDS)
        false_alarms += slot_detection(alone, short, lang) is not None
        for article in LANGUAGES:
            if article != lang:
                foreign += 1
                found += slot_detection(alone, short, article) is not None
    print(f"\nTwo-word captions in a caption slot ({len(pieces)} first or last two words of the sentences):\n")
    print("| called foreign in an article of another language | in an article of their own |")
    print("|---:|---:|")
    print(f"| {100 * found / foreign:.1f}% of {foreign} | {100 * false_alarms / len(pieces):.2f}% of {len(pieces)} |")


if __name__ == "__main__":
    main()
