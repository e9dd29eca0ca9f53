"""Pair each untranslated segment with its translation in the same article: structure first.

Sources are the prose segments in another language than the article's.

**Structural pairs.** A foreign caption and a caption in the article's language that fill the same
slot are paired whatever they say: two lines of one block (no blank line between them) side by side,
preferring one that shares the source's credit; the ``alt`` text and the ``figcaption`` of one HTML
``figure``; the alt text and the caption line of one Markdown image. The structure of the article says
they belong together, so when they do not say the same thing, that is the defect to report.

**Similarity pairs**, for the sources left: candidates are the captions of the article (within
``CAPTION_REACH`` segments) and
the segments within ``WINDOW`` places of the source, in the article's language. A candidate's score is
the cosine of the two contents' embeddings (credits and icon words removed), plus a bonus for sitting
right beside the source and for sharing its credit. Pairs are chosen greedily, best score first, one
to one; a pair needs ``MIN_SCORE``, and a pair of two non-captions a cosine of ``MIN_PROSE_COSINE``.

Each pair carries its equivalence score (see :mod:`captioncheck.compare.equivalence`), which
``meaning-divergence`` thresholds.

Pairing is a generator of :mod:`captioncheck.steps`: it stops before each of its encoder calls (the
candidates' contents; everything the verdicts encode; the names the encoder is asked about) so that
a batch of articles makes those calls together.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

import numpy as np

from . import patterns
from .vocabulary import lexicon
from .compare import names
from .compare.alignment import WordVectors, align, content_words
from .context import PROSE_KINDS, Pair
from .document import Document, Kind, Segment
from .embeddings import Encoder
from .steps import Encoding, Steps
from .compare.calibration import THRESHOLD
from .compare.equivalence import evaluate, texts_to_encode
from .langid import Detection

WORD_TRANSLATION = 0.75  # word cosine from which a word translates a word of a name (see _renderings)
# Beyond this many distinct content words the other side is no caption, and its words are not searched
# for translations of name words (the search is the product of the two sides' word counts).
MAX_RENDERING_WORDS = 300
NAME_TRANSLATION = 0.6  # cosine from which two names are translations of each other (see _translations)
# A slot's caption translates another slot's caption rather than its own when their cosine reaches
# CROSSED_COSINE and beats the slot's own by CROSSED_MARGIN (see crossed_slots).
CROSSED_COSINE = 0.6
CROSSED_MARGIN = 0.15
CROSSED_REACH = 8  # slots either side a slot's captions are set against (photos of one story are near)

WINDOW = 2
# Captions further than this many segments away are not candidates (an article has a few dozen).
CAPTION_REACH = 60
ADJACENT_BONUS = 0.1
SHARED_CREDIT_BONUS = 0.1
MIN_SCORE = 0.45
# Paragraphs on one topic resemble each other, and a caption resembles the paragraph that tells its
# story: unless both sides are captions, a pair needs a translation's cosine.
MIN_PROSE_COSINE = 0.65


def _slot_partner(source: Segment, block: list[Segment], eligible: set[int], taken: set[int],
                  credits: Callable[[int], set[str]]) -> int | None:
    """The caption in the article's language that fills the same slot as caption ``source``."""
    if source.kind is not Kind.CAPTION:
        return None
    same_block = [s for s in block if s.id != source.id and s.kind is Kind.CAPTION and s.id in eligible
                  and s.id not in taken]
    if not same_block:
        return None
    shared = [s for s in same_block if credits(s.id) & credits(source.id)]
    ranked = sorted(shared or same_block, key=lambda s: (abs(s.id - source.id), s.id))
    best = ranked[0]
    # Lines of a plain-text block pair only with a neighbour; a figure's captions with any other.
    if abs(best.id - source.id) > 1 and not shared and _is_line_block(source, best):
        return None
    return best.id


def _is_line_block(a: Segment, b: Segment) -> bool:
    return a.line != b.line and abs(a.line - b.line) > 1


def _renderings(vectors: WordVectors) -> Callable[[str, str, str], bool]:
    """Whether a word of the other side translates a word of a name, by the encoder's word vectors:
    the ordinary words names are made of are translated word for word (Bridge and pont 0.84, Cross
    and Cruz 0.77, Security and Seguridad 0.93, White and Blanca 0.91), while names of different
    places, people or brands stay below WORD_TRANSLATION (Israel and Palestina 0.71, Madrid and
    Barcelona 0.59, Messi and Ronaldo 0.61, Tom and Pedro 0.49)."""
    others: dict[tuple[str, str], np.ndarray] = {}  # the other side's word vectors, once per side

    def renders(word: str, other_text: str, other_language: str) -> bool:
        if (other_text, other_language) not in others:
            words = list(dict.fromkeys(w for _, _, w in content_words(other_text, other_language)))
            others[other_text, other_language] = vectors.vectors(words) if 0 < len(words) <= MAX_RENDERING_WORDS \
                else np.zeros((0, 1), dtype=np.float32)
        matrix = others[other_text, other_language]
        if not len(matrix):
            return False
        return float((matrix @ vectors.vectors([word.casefold()])[0]).max()) >= WORD_TRANSLATION
    return renders


def _translations(vectors: WordVectors) -> Callable[[str, str], bool]:
    """Whether the encoder reads two names, or a word of each, as translations of each other (John and
    Juan, VIH and SIDA, Phantom and Fantasma: cosine 0.64 to 0.94; "St Peter's" and "San Pedro" by
    Peter and Pedro, 0.79); different names stay below (Tim and Tom 0.55, Tom and Pedro 0.45, Paris
    and Berlin 0.51)."""
    def translated(left: str, right: str) -> bool:
        left_words, right_words = _name_parts(left), _name_parts(right)
        found = vectors.vectors([left, right, *left_words, *right_words])
        if float(found[0] @ found[1]) >= NAME_TRANSLATION:
            return True
        if len(left_words) + len(right_words) <= 2:  # one word each: the names themselves were compared
            return False
        words_left, words_right = found[2:2 + len(left_words)], found[2 + len(left_words):]
        return bool(len(words_left) and len(words_right) and (words_left @ words_right.T).max() >= NAME_TRANSLATION)
    return translated


_POSSESSIVE = patterns.compile(r"['’]s$")


def _name_parts(name: str) -> list[str]:
    """The words of a name of three letters or more, without a possessive ending ("Peter's": Peter)."""
    return [word for word in (_POSSESSIVE.sub("", w) for w in name.split()) if len(word) >= 3]


def crossed_slots(slots: list[tuple[int, int]], source_vectors: np.ndarray,
                  target_vectors: np.ndarray) -> dict[int, int]:
    """The slots (source id, target id), in the order of the article, whose captions belong to other
    slots: for each such source, the caption of a nearby slot (``CROSSED_REACH`` slots either side)
    that its target translates, else the one that translates it, better than the two translate each
    other.
    The vectors are the slots' sources' and targets' embeddings, row for row.

    Captions swapped between two photos of one story ("a nurse takes a patient's blood pressure" beside
    the doctor's photo, and the reverse) share the story's words and names, so their own pair may score
    as a loose translation; set against the other slot they are plain: each translates the other
    slot's caption (cosine ``CROSSED_COSINE`` or more) far better (``CROSSED_MARGIN``) than its own.
    """
    crossed: dict[int, int] = {}
    own = np.einsum("ij,ij->i", source_vectors, target_vectors)
    for i, (source, target) in enumerate(slots):
        low, high = max(0, i - CROSSED_REACH), min(len(slots), i + CROSSED_REACH + 1)
        nearby = [j for j in range(low, high) if j != i]
        if not nearby:
            continue
        translates_it = source_vectors[nearby] @ target_vectors[i]  # other sources against this target
        it_translates = target_vectors[nearby] @ source_vectors[i]  # this source against other targets
        needed = max(CROSSED_COSINE, float(own[i]) + CROSSED_MARGIN)
        # the target read as another photo's translation first: that is what the finding is about
        for side, values in ((0, translates_it), (1, it_translates)):
            k = int(values.argmax())
            if values[k] >= needed:
                crossed[source] = slots[nearby[k]][side]
                break
    return crossed


def pair_segments(document: Document, detections: tuple[Detection, ...], language: str,
                  foreign: set[int], encoder_factory: Callable[[], Encoder],
                  word_vectors: Callable[[], WordVectors]) -> Steps[tuple[Pair, ...]]:
    """The pairs of ``document``; the factories are called only when there is something to pair."""
    segments = document.segments
    # An image's alt text is read by those who cannot see the page's captions: never a pair's side.
    sources = [s for s in segments if s.id in foreign and s.kind in PROSE_KINDS and not s.alt_text]
    if not sources:
        return ()
    eligible = {t.id for t in segments if t.kind in PROSE_KINDS and t.id not in foreign and not t.alt_text
                and detections[t.id].language in (language, "und")}
    credit_cache: dict[int, set[str]] = {}

    def credits(segment_id: int) -> set[str]:
        if segment_id not in credit_cache:
            credit_cache[segment_id] = lexicon.credit_keys(segments[segment_id].text)
        return credit_cache[segment_id]

    blocks: dict[int, list[Segment]] = {}
    for segment in segments:
        blocks.setdefault(segment.block, []).append(segment)
    structural: dict[int, int] = {}
    taken: set[int] = set()
    for source in sources:
        partner = _slot_partner(source, blocks[source.block], eligible, taken, credits)
        if partner is not None:
            structural[source.id] = partner
            taken.add(partner)

    captions = [t for t in sorted(eligible) if segments[t].kind is Kind.CAPTION]
    candidates: dict[int, list[int]] = {}
    for source in sources:
        if source.id in structural:
            continue
        near = range(max(0, source.id - WINDOW), min(len(segments), source.id + WINDOW + 1))
        low, high = bisect.bisect_left(captions, source.id - CAPTION_REACH), bisect.bisect_right(
            captions, source.id + CAPTION_REACH)
        candidates[source.id] = sorted({t for t in (*captions[low:high], *near)
                                        if t != source.id and t in eligible and t not in taken})
    needed = sorted({s.id for s in sources} | set(structural.values())
                    | {t for ts in candidates.values() for t in ts})
    if not structural and not any(candidates.values()):
        return ()
    contents = {i: lexicon.content(segments[i].text) for i in needed}
    texts = [contents[i] for i in needed]
    yield Encoding(encoder_factory(), texts)
    vectors = encoder_factory().encode(texts)
    row = {segment_id: n for n, segment_id in enumerate(needed)}

    def cosine(a: int, b: int) -> float:
        return float(vectors[row[a]] @ vectors[row[b]])

    chosen: list[tuple[int, int, float, bool]] = [(s, t, cosine(s, t), True) for s, t in structural.items()]
    slots = sorted(structural.items())
    crossed = crossed_slots(slots, vectors[[row[s] for s, _ in slots]],
                            vectors[[row[t] for _, t in slots]]) if len(slots) > 1 else {}
    scored = []
    for source_id, targets in candidates.items():
        for target in targets:
            value = cosine(source_id, target)
            bonus = ADJACENT_BONUS if abs(target - source_id) == 1 else 0.0
            if credits(source_id) & credits(target):
                bonus += SHARED_CREDIT_BONUS
            both_captions = segments[source_id].kind is Kind.CAPTION is segments[target].kind
            if value + bonus >= MIN_SCORE and (both_captions or value >= MIN_PROSE_COSINE):
                scored.append((-(value + bonus), source_id, target, value))
    used = set(taken) | set(structural)
    for _, source_id, target_id, value in sorted(scored):
        if source_id in used or target_id in used:
            continue
        used.update((source_id, target_id))
        chosen.append((source_id, target_id, value, False))

    # Everything the verdicts below encode (the words to align, the sides without what they share or
    # without a clause), in one call: each call streams the network's weights once, about 2 ms.
    prefetch: list[str] = []
    for source_id, target_id, _, _ in chosen:
        source_text, target_text = contents[source_id], contents[target_id]
        source_language = detections[source_id].language
        prefetch += [w for _, _, w in content_words(source_text, source_language)]
        prefetch += [w for _, _, w in content_words(target_text, language)]
        prefetch += texts_to_encode(source_text, target_text, source_language, language)
    if prefetch:
        yield Encoding(encoder_factory(), list(dict.fromkeys(prefetch)))

    # The names of each side absent from the other, then, in one call, those the encoder is asked about
    absent = [names.absent_names(contents[source_id], contents[target_id], detections[source_id].language, language,
                                 renders=_renderings(word_vectors())) for source_id, target_id, _, _ in chosen]
    asked = [text for gap in absent for name in names.names_to_translate(gap) for text in (name, *_name_parts(name))]
    if asked:
        yield Encoding(encoder_factory(), list(dict.fromkeys(asked)))

    pairs = []
    for (source_id, target_id, value, slot), gap in zip(chosen, absent):
        source_language = detections[source_id].language
        alignment = align(contents[source_id], contents[target_id], source_language, language, word_vectors())
        name_gap = names.missing(contents[source_id], contents[target_id], source_language, language,
                                 translated=_translations(word_vectors()), absent=gap)
        equivalence, omission, distinct = evaluate(max(value, 0.0), contents[source_id], contents[target_id],
                                                   source_language, language, alignment, encoder_factory(),
                                                   name_gap)
        if not slot and equivalence < THRESHOLD:
            # Outside its slot a caption pairs with the nearest caption that resembles it; when that one
            # does not translate it (another photo's caption about the same place), it has no translation
            # here, and a verdict on the two would only report that they differ.
            continue
        pairs.append(Pair(source_id, target_id, round(equivalence, 4), round(value, 4), structural=slot,
                          alignment=alignment, names=(tuple(name_gap[0]), tuple(name_gap[1])),
                          omission=omission, distinct_cosine=round(distinct, 4),
                          crossed=crossed.get(source_id) if slot else None))
    return tuple(sorted(pairs, key=lambda p: (p.source, p.target)))
