"""A content repository's worth of articles: wall time and core use, serial and in parallel.

Generates N articles (the example articles of ``data/articles`` in turn, each with a numbered
paragraph of its own so no two files are the same) in a temporary directory, then runs
``captioncheck --format json --jobs J DIR`` for each J, and checks that every run gives the same
report, byte for byte, in the same order.

With ``--distinct``, no text repeats: each article is written from Tatoeba sentences of
``../shared/eval`` (a headline and three paragraphs in the article's language, and a pair as a
caption left untranslated above its translation), so caches of detections and embeddings only
help with what recurs in every article (the credit line, common words).

With ``--pairs``, the caption-pair-heavy mix: each article is a headline, a paragraph and a caption
pair (a credited caption left in its language above its translation), 70% of the pairs translations
of Tatoeba and 30% sentence pairs of REFreSD (divergent or not), so that every article has verdicts
to give. ``--stages`` then checks the same articles in this process, in batches as the command line
does, and prints where the time goes (reading, language identification, pairing, encoding, each
verdict and rule), and the encoder floor: every segment of every article encoded once, in batches,
nothing else.

``--again`` then checks the articles twice more with the vectors kept in the cache folder (the user's:
the first of the two runs fills it, unless an earlier run of this bench did) and prints the second
run's time: a repository checked again.

    python bench/batch_speed.py [--articles 500] [--jobs 1 2] [--distinct | --pairs] [--stages] [--again]
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


def generate_distinct(directory: Path, count: int, eval_dir: Path = EVAL) -> None:
    import random
    from collections import defaultdict

    from true_pairs import CREDIT, load_pairs

    pairs = load_pairs(eval_dir)
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


def generate_pairs(directory: Path, count: int, eval_dir: Path = EVAL) -> None:
    import csv
    import random

    from true_pairs import CREDIT, load_pairs

    translated = load_pairs(eval_dir)
    with (eval_dir / "refresd-dev.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    divergent = [("en", "fr", row["english"].strip(), row["french"].strip()) for row in rows]
    generator = random.Random(0)
    generator.shuffle(translated)
    generator.shuffle(divergent)
    prose: dict[str, list[str]] = {}
    for first, second, text1, text2 in translated:
        prose.setdefault(first, []).append(text1)
        prose.setdefault(second, []).append(text2)
    taken = {id(translated): 0, id(divergent): 0}  # each article its own pair, until a corpus runs out
    for n in range(count):
        kind = divergent if n % 10 >= 7 else translated
        source_language, language, source, target = kind[taken[id(kind)] % len(kind)]
        taken[id(kind)] += 1
        pool = prose[language]
        headline, paragraph = pool[(2 * n) % len(pool)], pool[(2 * n + 1) % len(pool)]
        text = "\n\n".join([headline, paragraph, f"{CREDIT}{source}\n{CREDIT}{target}"])
        folder = directory / f"section-{n % 10}"
        folder.mkdir(exist_ok=True)
        (folder / f"{n:04d}-{source_language}-{language}.txt").write_text(text + "\n", encoding="utf-8")


def stages(directory: Path) -> None:
    """Check every article of ``directory`` in this process and print the time per stage (exclusive:
    a stage's time leaves out the stages it calls), and the encoder floor."""
    from stage_timer import StageTimer

    from captioncheck.api import checker_for
    from captioncheck.readers import parse
    from captioncheck.runner import BATCH
    from captioncheck.settings import Settings

    files = sorted(directory.rglob("*.txt"))
    settings = Settings()
    checker = checker_for(settings)
    checker.check_file(files[0], str(files[0]), settings)  # models loaded: not a stage
    timer = StageTimer()
    with timer.installed():
        started = time.perf_counter()
        for first in range(0, len(files), BATCH):  # as the command line checks them
            checker.check_files([(path, str(path)) for path in files[first:first + BATCH]], settings)
        total = time.perf_counter() - started
    print(f"\nstages of {len(files)} articles checked in batches of {BATCH} in one process: {total:.2f} s")
    print(timer.table(total))

    texts = []
    for path in files:
        document = parse(path.read_text(encoding="utf-8"), "text", str(path), checker.segmenter)
        texts += [segment.text for segment in document.segments]
    encoder = checker.encoder().encoder  # the raw encoder, without the cache
    started = time.perf_counter()
    for first in range(0, len(texts), 64):
        encoder.encode(texts[first:first + 64])
    floor = time.perf_counter() - started
    print(f"\nencoder floor: {len(texts)} segments ({sum(map(len, texts))} characters) encoded once, "
          f"in batches of 64: {floor:.2f} s in one process ({floor / 2:.2f} s of wall time on two cores)")


def _check(directory: Path, jobs: int, keep_vectors: bool = False) -> tuple[float, float, str]:
    """Wall and CPU seconds of ``captioncheck --format json --jobs JOBS DIR`` in a process of its own, as
    a CI job runs it, and a digest of its report."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "captioncheck", "--format", "json", "--jobs", str(jobs),
                             str(directory)], capture_output=True,
                            env={**os.environ, "CAPTIONCHECK_VECTOR_CACHE": "1" if keep_vectors else "0"})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr.decode())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, hashlib.sha256(result.stdout).hexdigest()


def main() -> None:
    # Every text encoded, as in a repository checked for the first time (captioncheck would otherwise
    # read back the vectors an earlier run of this bench kept: see captioncheck/embeddings/vector_store.py).
    os.environ["CAPTIONCHECK_VECTOR_CACHE"] = "0"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--distinct", action="store_true", help="articles that share no sentence")
    parser.add_argument("--pairs", action="store_true", help="articles that each hold a caption pair")
    parser.add_argument("--stages", action="store_true", help="also the time per stage and the encoder floor")
    parser.add_argument("--again", action="store_true",
                        help="also check twice with vectors kept in the cache folder (a repository checked again)")
    parser.add_argument("--eval-dir", type=Path, default=EVAL, help="the shared eval data (--distinct, --pairs)")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="captioncheck-batch-"))
    try:
        if args.pairs or args.distinct:
            (generate_pairs if args.pairs else generate_distinct)(directory, args.articles, args.eval_dir)
        else:
            generate(directory, args.articles)
        outputs = {}
        print(f"command: python {' '.join(sys.argv)}")
        kind = "caption-pair " if args.pairs else "distinct " if args.distinct else ""
        print(f"{args.articles} {kind}articles, {os.cpu_count()} cores\n")
        print("| --jobs | wall s | files/s | CPU s (user+sys) | cores used |")
        print("|---:|---:|---:|---:|---:|")
        for jobs in args.jobs:
            wall, cpu, outputs[jobs] = _check(directory, jobs)
            print(f"| {jobs} | {wall:.1f} | {args.articles / wall:.0f} | {cpu:.1f} | {cpu / wall:.2f} |")
        same = len(set(outputs.values())) == 1
        print(f"\nsame report, byte for byte, for every --jobs: {'yes' if same else 'NO'}")
        if args.again:
            jobs = max(args.jobs)
            runs = [_check(directory, jobs, keep_vectors=True) for _ in range(2)]
            same = {digest for _, _, digest in runs} == {outputs[jobs]}
            print(f"\nwith vectors kept in the cache folder, --jobs {jobs}: first run {runs[0][0]:.1f} s, checked again "
                  f"{runs[1][0]:.1f} s ({runs[1][1]:.1f} CPU s); the same report: {'yes' if same else 'NO'}")
        if args.stages:
            stages(directory)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
