"""A content repository's worth of articles: wall time and core use, serial and in parallel.

Generates N articles (the example articles of ``data/articles`` in turn, each with a numbered
paragraph of its own so no two files are the same) in a temporary directory, then runs
``captioncheck --format json --jobs J DIR`` for each J, and checks that every run gives the same
report, byte for byte, in the same order.

With ``--distinct``, no text repeats: each article is written from Tatoeba sentences of
``../shared/eval`` (a headline and three paragraphs in the article's language, and a pair as a
caption left untranslated above its translation), so caches of detections and embeddings only
help with what recurs in every article (the credit line, common words).

    python bench/batch_speed.py [--articles 500] [--jobs 1 2] [--distinct]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def generate(directory: Path, count: int) -> None:
    sources = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".md", ".html"))
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        extra = f"Mise à jour numéro {n} de cet article, publiée après vérification par la rédaction."
        if source.suffix == ".html":
            text = text.replace("</article>", f"<p>{extra}</p>\n</article>")
        else:
            text = text.rstrip("\n") + f"\n\n{extra}\n"
        folder = directory / f"section-{n % 10}"
        folder.mkdir(exist_ok=True)
        (folder / f"{n:04d}-{source.name}").write_text(text, encoding="utf-8")


def generate_distinct(directory: Path, count: int) -> None:
    import random
    from collections import defaultdict

    from true_pairs import CREDIT, load_pairs

    pairs = load_pairs(EVAL)
    random.Random(0).shuffle(pairs)
    by_language: dict[str, list[str]] = defaultdict(list)
    for first, second, text1, text2 in pairs:
        by_language[first].append(text1)
        by_language[second].append(text2)
    used: dict[str, int] = defaultdict(int)
    for n in range(count):
        source_language, language, source, target = pairs[n % len(pairs)]
        pool = by_language[language]
        prose = [pool[(used[language] + i) % len(pool)] for i in range(4)]
        used[language] += 4
        text = "\n\n".join([prose[0], prose[1], f"{CREDIT}{source}\n{CREDIT}{target}", prose[2], prose[3]])
        folder = directory / f"section-{n % 10}"
        folder.mkdir(exist_ok=True)
        (folder / f"{n:04d}-{source_language}-{language}.txt").write_text(text + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--distinct", action="store_true", help="articles that share no sentence")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="captioncheck-batch-"))
    try:
        (generate_distinct if args.distinct else generate)(directory, args.articles)
        outputs = {}
        print(f"command: python {' '.join(sys.argv)}")
        print(f"{args.articles} {'distinct ' if args.distinct else ''}articles, {os.cpu_count()} cores\n")
        print("| --jobs | wall s | files/s | CPU s (user+sys) | cores used |")
        print("|---:|---:|---:|---:|---:|")
        for jobs in args.jobs:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            # in a process of its own, as a CI job runs it
            result = subprocess.run([sys.executable, "-m", "captioncheck", "--format", "json", "--jobs", str(jobs),
                                     str(directory)], capture_output=True)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if result.returncode not in (0, 1):
                raise SystemExit(result.stderr.decode())
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            outputs[jobs] = hashlib.sha256(result.stdout).hexdigest()
            print(f"| {jobs} | {wall:.1f} | {args.articles / wall:.0f} | {cpu:.1f} | {cpu / wall:.2f} |")
        same = len(set(outputs.values())) == 1
        print(f"\nsame report, byte for byte, for every --jobs: {'yes' if same else 'NO'}")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
