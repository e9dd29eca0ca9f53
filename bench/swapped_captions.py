"""Two photos of one story: captions swapped between them are found, faithful ones are left alone.

Every Tatoeba pair of ``../shared/eval/tatoeba-*-dev.tsv`` with 4+ words on each side (as in
``bench/true_pairs.py``) is set beside a second pair of the same direction in an article with two photo
slots, each slot an untranslated caption above its translation with one credit, a body paragraph
between them. The second pair is either the one whose translation the embedded encoder finds most like
the first's (below a cosine of 0.7: two photos of the same kind of scene, the hard case) or one drawn
at random. Then, per direction:

- **faithful**: each slot holds its own translation; the share of articles where either slot gets a
  ``meaning-divergence``, and the share where one is said to translate the other photo's caption;
- **swapped**: the two translations are exchanged; the share of slots reported (``meaning-divergence``
  on the translation's line), the share of those whose message names the other photo's caption, and
  the share the equivalence score alone reports (without the check of crossed slots).

    python bench/swapped_captions.py [--eval-dir ../shared/eval] [--limit N] [--jobs N] [--show KIND]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from true_pairs import ARTICLE, CLOSE_BELOW, CREDIT, Found, check_all, found, load_pairs

from captioncheck.embeddings import DEFAULT_MODEL, load_encoder
from captioncheck.compare.equivalence import THRESHOLD, divergent

CROSSED = "another photo's caption"
TARGET_LINES = (6, 11)  # the translations' lines in the article below


@dataclass(frozen=True)
class Story:
    direction: str
    partner: str  # "close" or "random"
    swapped: bool
    first: tuple[str, str]  # (untranslated caption, translation) of the first slot
    second: tuple[str, str]


def article(story: Story) -> str:
    title, standfirst, body1, body2 = ARTICLE[story.direction.split(">")[1]]
    (source1, target1), (source2, target2) = story.first, story.second
    slot1 = f"{CREDIT}{source1}\n{CREDIT}{target1}"
    slot2 = f"{CREDIT}{source2}\n{CREDIT}{target2}"
    return "\n\n".join([title, standfirst, slot1, body1, slot2, body2]) + "\n"


def _check(report) -> tuple[list[Found], set[int]]:
    """The findings of an article's report, and the lines of the translations whose pair the
    equivalence score alone reports: what the check of crossed slots adds is the rest."""
    by_score = {report.document.segments[p.target].line for p in report.pairs
                if divergent(p.similarity, p.cosine, p.structural, THRESHOLD, p.distinct_cosine)}
    return found(report), by_score


def partners(by_direction: dict[str, list[tuple[str, str]]], rng: random.Random) -> Iterator:
    """(direction, kind, pair, partner pair) for each pair: its closest and a random partner."""
    encoder = load_encoder(DEFAULT_MODEL)
    for direction in sorted(by_direction):
        pairs = by_direction[direction]
        if len(pairs) < 2:
            continue
        vectors = encoder.encode([target for _, target in pairs])
        similarity = vectors @ vectors.T
        similarity[similarity >= CLOSE_BELOW] = -1.0  # itself, and its rewordings
        for index, pair in enumerate(pairs):
            yield direction, "close", pair, pairs[int(similarity[index].argmax())]
            yield direction, "random", pair, rng.choice(pairs[:index] + pairs[index + 1:])


def main() -> None:
    os.environ["CAPTIONCHECK_VECTOR_CACHE"] = "0"  # as bench/true_pairs.py
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pairs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--show", default="", help="print the cases of this kind that go wrong: "
                        "'faithful' (flagged) or 'swapped' (missed)")
    args = parser.parse_args()
    pairs = load_pairs(args.eval_dir)
    if args.limit:
        pairs = pairs[:args.limit]
    started = time.perf_counter()
    by_direction: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for first, second, text1, text2 in pairs:
        by_direction[f"{first}>{second}"].append((text1, text2))
        by_direction[f"{second}>{first}"].append((text2, text1))
    stories = []
    for direction, kind, (source1, target1), (source2, target2) in partners(by_direction, random.Random(0)):
        stories.append(Story(direction, kind, False, (source1, target1), (source2, target2)))
        stories.append(Story(direction, kind, True, (source1, target2), (source2, target1)))
    results = check_all([article(story) for story in stories], args.jobs, _check)
    count, flagged, crossed, by_score = Counter(), Counter(), Counter(), Counter()
    for story, (findings, score_lines) in zip(stories, results):
        reported = [f for f in findings if f.rule == "meaning-divergence" and f.line in TARGET_LINES]
        key = (story.direction, story.partner, story.swapped)
        if not story.swapped:
            count[key] += 1
            flagged[key] += bool(reported)
            crossed[key] += any(CROSSED in f.message for f in reported)
            if reported and args.show == "faithful":
                print(f"[{story.direction} {story.partner}] {story.first} / {story.second}: "
                      + "; ".join(f.message for f in reported))
        else:
            count[key] += 2
            flagged[key] += len(reported)
            crossed[key] += sum(CROSSED in f.message for f in reported)
            by_score[key] += len(score_lines & set(TARGET_LINES))
            if len(reported) < 2 and args.show == "swapped":
                print(f"[{story.direction} {story.partner}] {story.first} / {story.second}: "
                      + "; ".join(f.message for f in reported))
    elapsed = time.perf_counter() - started
    print(f"{len(stories)} two-photo articles checked in {elapsed:.0f} s\n")
    directions = sorted({d for d, _, _ in count})
    for partner in ("close", "random"):
        print(f"Second photo: the {partner} pair.\n")
        print("| direction | faithful articles | either slot flagged | said crossed | swapped slots | reported "
              "| naming the other caption | by the score alone |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for direction in [*directions, "all"]:
            chosen = directions if direction == "all" else [direction]

            def total(counter: Counter, swapped: bool) -> int:
                return sum(counter[(d, partner, swapped)] for d in chosen)

            faithful, swapped = total(count, False), total(count, True)
            print(f"| {direction} | {faithful} | {100 * total(flagged, False) / faithful:.1f}% | "
                  f"{100 * total(crossed, False) / faithful:.2f}% | {swapped} | "
                  f"{100 * total(flagged, True) / swapped:.1f}% | {100 * total(crossed, True) / swapped:.1f}% | "
                  f"{100 * total(by_score, True) / swapped:.1f}% |")
        print()


if __name__ == "__main__":
    main()
