"""Calibrate and measure the pair equivalence score on REFreSD and on caption pairs from Tatoeba.

Two labelled sets, both development splits of ``../shared/eval``:

- REFreSD dev: English-French Wikipedia sentence pairs labelled equivalent or divergent by people;
- caption pairs: the Tatoeba pairs of ``bench/true_pairs.py`` (4+ words each side, every direction),
  each as a faithful pair (equivalent), with its last clause dropped and beside another pair's
  translation (divergent).

Prints ROC AUC of plain cosine and of the equivalence score (as shipped, and 10-fold cross-validated
for the same model form over both sets: the honest held-out figure), precision and recall of the
divergent class on REFreSD and the share of faithful caption pairs flagged, for a sweep of
thresholds, and with ``--fit`` the weights to put in ``captioncheck/compare/calibration.py``.

    python bench/divergence_calibration.py [--eval-dir ../shared/eval] [--model use-m3] [--fit]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

import numpy as np

from captioncheck.compare import equivalence, omission
from captioncheck.compare.alignment import WordVectors, align
from captioncheck.embeddings import DEFAULT_MODEL, CachedEncoder, load_encoder

sys.path.insert(0, str(Path(__file__).resolve().parent))
from true_pairs import cases, load_pairs  # noqa: E402

NAMES = list(equivalence.Features.__dataclass_fields__)


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def weighted_f1(predicted: np.ndarray, labels: np.ndarray) -> float:
    total = 0.0
    for cls in (0, 1):
        tp = np.sum((predicted == cls) & (labels == cls))
        precision = tp / max(np.sum(predicted == cls), 1)
        recall = tp / max(np.sum(labels == cls), 1)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total += f1 * np.sum(labels == cls)
    return float(total / len(labels))


def fit_logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None, l2: float = 1e-3,
                 steps: int = 4000) -> np.ndarray:
    """Weights (intercept first) of an L2-regularised, sample-weighted logistic regression."""
    weight = np.ones(len(y)) if weight is None else weight
    mean, std = x.mean(0), x.std(0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mean) / std]
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        w -= 0.5 * (z.T @ (weight * (p - y)) / weight.sum() + l2 * np.r_[0, w[1:]])
    slopes = w[1:] / std
    return np.r_[w[0] - np.sum(slopes * mean), slopes]


def feature_rows(pairs, encoder, vectors) -> np.ndarray:
    """Features of (left, right, left_language, right_language) pairs."""
    left = encoder.encode([p[0] for p in pairs])
    right = encoder.encode([p[1] for p in pairs])
    cosine = np.sum(left * right, axis=1)
    rows = []
    for c, (a, b, la, lb) in zip(cosine, pairs):
        excess = equivalence.length_excess(a, b, la, lb)
        c = float(max(c, 0.0))
        f = equivalence.features(c, a, b, la, lb, align(a, b, la, lb, vectors),
                                 omission=omission.find(a, b, la, lb, excess, encoder),
                                 distinct=equivalence.distinct_cosine(c, a, b, la, lb, encoder))
        rows.append([getattr(f, n) for n in NAMES])
    return np.array(rows), cosine


def caption_pairs(eval_dir: Path) -> tuple[list, np.ndarray, list[str]]:
    """(source, target, source language, article language), label (1 equivalent) and kind."""
    pairs, labels, kinds = [], [], []
    for case in cases(load_pairs(eval_dir), random.Random(0)):
        if case.kind not in ("faithful", "clause", "wrong") or (case.kind == "faithful" and not case.foreign_first):
            continue
        source_language = case.direction.split(">")[0]
        pairs.append((case.source, case.target, source_language, case.article))
        labels.append(1.0 if case.kind == "faithful" else 0.0)
        kinds.append(case.kind)
    return pairs, np.array(labels), kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--fit", action="store_true", help="print weights fitted on both sets")
    args = parser.parse_args()

    with (args.eval_dir / "refresd-dev.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    encoder = CachedEncoder(load_encoder(args.model), 200_000)
    vectors = WordVectors(encoder)
    x_r, cos_r = feature_rows([(r["english"], r["french"], "en", "fr") for r in rows], encoder, vectors)
    y_r = np.array([r["label"] == "equivalent" for r in rows], dtype=float)
    label3 = np.array([r["label3"] for r in rows])
    cap, y_c, kinds = caption_pairs(args.eval_dir)
    x_c, cos_c = feature_rows(cap, encoder, vectors)
    kinds = np.array(kinds)

    x = np.r_[x_r, x_c]
    y = np.r_[y_r, y_c]
    # Both sets weigh the same in the fit, whatever their sizes.
    weight = np.r_[np.full(len(y_r), len(y) / (2 * len(y_r))), np.full(len(y_c), len(y) / (2 * len(y_c)))]
    source = np.r_[np.zeros(len(y_r)), np.ones(len(y_c))]
    shipped = np.array([equivalence.score(equivalence.Features(*row)) for row in x])

    folds = np.random.default_rng(0).permutation(len(y)) % 10
    held_out = np.empty(len(y))
    for fold in range(10):
        w = fit_logistic(x[folds != fold], y[folds != fold], weight[folds != fold])
        held_out[folds == fold] = 1 / (1 + np.exp(-(w[0] + x[folds == fold] @ w[1:])))

    print(f"REFreSD dev: {len(rows)} pairs ({int(y_r.sum())} equivalent, {int(len(y_r) - y_r.sum())} divergent); "
          f"caption pairs: {len(y_c)} ({int(y_c.sum())} faithful, {int((kinds == 'clause').sum())} clause dropped, "
          f"{int((kinds == 'wrong').sum())} wrong caption); model {encoder.name}\n")
    print("| score | REFreSD divergent vs equivalent | some vs no difference | unrelated vs no difference "
          "| captions faithful vs changed |")
    print("|---|---:|---:|---:|---:|")
    r, c = source == 0, source == 1
    for name, values in (("cosine", np.r_[cos_r, cos_c]), ("equivalence (shipped)", shipped),
                         ("equivalence (10-fold)", held_out)):
        cells = [roc_auc(values[r], y[r])]
        for other in ("some_meaning_difference", "unrelated"):
            keep = np.isin(label3, [other, "no_meaning_difference"])
            cells.append(roc_auc(values[r][keep], (label3[keep] == "no_meaning_difference").astype(float)))
        cells.append(roc_auc(values[c], y[c]))
        print(f"| {name} | " + " | ".join(f"{v:.3f}" for v in cells) + " |")

    print("\n| threshold | score | REFreSD divergent precision | recall | weighted F1 | faithful captions flagged "
          "| clause dropped found | wrong caption found |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for threshold in sorted({0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, equivalence.THRESHOLD}):
        for name, values in (("shipped", shipped), ("10-fold", held_out)):
            flagged = values < threshold
            # caption pairs fill one slot: below this cosine they are divergent whatever the score
            flagged[c] |= np.minimum(np.r_[cos_r, cos_c], x[:, NAMES.index("distinct_cosine")])[c] \
                < equivalence.SLOT_NO_TRANSLATION_COSINE
            tp = np.sum(flagged[r] & (y[r] == 0))
            precision = tp / max(np.sum(flagged[r]), 1)
            recall = tp / max(np.sum(y[r] == 0), 1)
            f1 = weighted_f1((~flagged[r]).astype(float), y[r])
            faithful = np.mean(flagged[c][kinds == "faithful"])
            clause = np.mean(flagged[c][kinds == "clause"])
            wrong = np.mean(flagged[c][kinds == "wrong"])
            print(f"| {threshold:.2f} | {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {100 * faithful:.1f}% "
                  f"| {100 * clause:.1f}% | {100 * wrong:.1f}% |")
    if args.fit:
        w = fit_logistic(x, y, weight)
        print("\nWEIGHTS = {")
        for name, value in zip(["intercept", *NAMES], w):
            print(f'    "{name}": {value:.4f},')
        print("}")


if __name__ == "__main__":
    main()
