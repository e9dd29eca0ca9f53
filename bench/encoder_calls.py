"""What an encoder call costs: the same sentences encoded in one call, in calls of four, and one by one.

Each call of the embedded encoder streams the network's weights through once, whatever it encodes;
this is why captioncheck encodes what an article's pair verdicts need in one call. The sentences are
generated here (no evaluation data); each timing is the median of REPEAT runs.

    python bench/encoder_calls.py [--sentences 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from captioncheck.embeddings import load_encoder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    encoder = load_encoder()
    sentences = [f"Le président {i} visite la ville de Kyiv avec {3 * i} soldats ukrainiens"
                 for i in range(args.sentences)]
    encoder.encode(sentences[:8])  # touch the weights once

    def timed(batch: int) -> float:
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            for i in range(0, len(sentences), batch):
                encoder.encode(sentences[i:i + batch])
            runs.append(time.perf_counter() - started)
        return statistics.median(runs) * 1000

    print(f"command: python {' '.join(sys.argv)}; cores: {os.cpu_count()}")
    for label, batch in (("one call", len(sentences)), ("calls of 4", 4), ("calls of 1", 1)):
        print(f"{args.sentences} sentences, {label}: {timed(batch):.0f} ms")


if __name__ == "__main__":
    main()
