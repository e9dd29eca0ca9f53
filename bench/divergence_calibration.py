"""Calibrate and measure the pair equivalence score on REFreSD (English-French, labelled by people).

Prints ROC AUC of plain cosine and of captioncheck's equivalence score (as shipped, and 10-fold
cross-validated for the same model form, an honest held-out figure), the three binary tests of the
REFreSD paper with weighted F1 at the shipped threshold, and with ``--fit`` the weights to put in
``captioncheck/equivalence.py``.

    python bench/divergence_calibration.py [--eval-dir ../shared/eval] [--model use-m3] [--fit]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from captioncheck import equivalence
from captioncheck.embeddings import DEFAULT_MODEL, load_encoder

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


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 5000) -> np.ndarray:
    """Weights (intercept first) of an L2-regularised logistic regression, by gradient descent."""
    mean, std = x.mean(0), x.std(0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mean) / std]
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        w -= 0.5 * (z.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]])
    slopes = w[1:] / std
    return np.r_[w[0] - np.sum(slopes * mean), slopes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--fit", action="store_true", help="print weights fitted on all pairs")
    args = parser.parse_args()

    with (args.eval_dir / "refresd-dev.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    encoder = load_encoder(args.model)
    english = encoder.encode([r["english"] for r in rows])
    french = encoder.encode([r["french"] for r in rows])
    cosine = np.sum(english * french, axis=1)
    feats = [equivalence.features(float(c), r["english"], r["french"], "en", "fr") for c, r in zip(cosine, rows)]
    x = np.array([[getattr(f, n) for n in NAMES] for f in feats])
    y = np.array([r["label"] == "equivalent" for r in rows], dtype=float)
    shipped = np.array([equivalence.score(f) for f in feats])

    folds = np.random.default_rng(0).permutation(len(y)) % 10
    held_out = np.empty(len(y))
    for fold in range(10):
        w = fit_logistic(x[folds != fold], y[folds != fold])
        held_out[folds == fold] = 1 / (1 + np.exp(-(w[0] + x[folds == fold] @ w[1:])))

    print(f"REFreSD dev: {len(rows)} pairs ({int(y.sum())} equivalent, {int(len(y) - y.sum())} divergent), "
          f"model {encoder.name}\n")
    print("| score | ROC AUC divergent vs equivalent | some vs no difference | unrelated vs no difference |")
    print("|---|---:|---:|---:|")
    label3 = np.array([r["label3"] for r in rows])
    for name, values in (("cosine", cosine), ("equivalence (shipped)", shipped), ("equivalence (10-fold)", held_out)):
        cells = [roc_auc(values, y)]
        for other in ("some_meaning_difference", "unrelated"):
            keep = np.isin(label3, [other, "no_meaning_difference"])
            cells.append(roc_auc(values[keep], (label3[keep] == "no_meaning_difference").astype(float)))
        print(f"| {name} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")

    predicted = (shipped >= equivalence.THRESHOLD).astype(float)
    print(f"\nAt the shipped threshold {equivalence.THRESHOLD}: weighted F1 {weighted_f1(predicted, y):.3f}, "
          f"10-fold weighted F1 {weighted_f1((held_out >= equivalence.THRESHOLD).astype(float), y):.3f}")
    for cls, name in ((0, "divergent"), (1, "equivalent")):
        tp = np.sum((predicted == cls) & (y == cls))
        print(f"  {name}: precision {tp / max(np.sum(predicted == cls), 1):.3f}, "
              f"recall {tp / max(np.sum(y == cls), 1):.3f}")
    if args.fit:
        w = fit_logistic(x, y)
        print("\nWEIGHTS = {")
        for name, value in zip(["intercept", *NAMES], w):
            print(f'    "{name}": {value:.4f},')
        print("}")


if __name__ == "__main__":
    main()
