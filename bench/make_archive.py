"""A synthetic archive for ``captioncheck audit``: N articles as JSON Lines or Parquet, one a row.

Every other row is one of the example articles of ``data/articles`` (text, Markdown, HTML; with a
paragraph of its own, so no two rows are the same); the others are written from Tatoeba sentences of
``../shared/eval`` (a headline and paragraphs in the article's language and a caption left
untranslated above its translation, or above another sentence: a wrong caption). Rows carry ``id``,
``text``, ``format``, ``path`` (ten sections) and a ``published`` date, which the audit carries
through. ``--bad-every K`` makes every K-th row unreadable as an article (no text).

    python bench/make_archive.py archive.parquet [--rows 100000] [--bad-every 0]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch_speed import DATA, EVAL  # noqa: E402
from true_pairs import CREDIT, load_pairs  # noqa: E402

FORMATS = {".txt": "text", ".md": "markdown", ".html": "html"}
UPDATE = {"fr": "Mise à jour numéro {n} de cet article, publiée après vérification par la rédaction.",
          "es": "Actualización número {n} de este artículo, publicada tras la verificación de la redacción.",
          "en": "Update number {n} of this article, published after the newsroom checked it."}


def rows(count: int, bad_every: int = 0, seed: int = 0) -> Iterator[dict]:
    examples = sorted(p for p in DATA.iterdir() if p.suffix in FORMATS)
    texts = {p: p.read_text(encoding="utf-8") for p in examples}
    pairs = load_pairs(EVAL)
    rng = random.Random(seed)
    rng.shuffle(pairs)
    by_language: dict[str, list[str]] = defaultdict(list)
    for first, second, text1, text2 in pairs:
        by_language[first].append(text1)
        by_language[second].append(text2)
    for n in range(count):
        section = f"section-{n % 10}"
        if n % 2 == 0:
            source = examples[(n // 2) % len(examples)]
            language = source.name[:2] if source.name[:2] in UPDATE else "fr"
            extra = UPDATE[language].format(n=n)
            text = texts[source]
            if source.suffix == ".html":
                text = text.replace("</article>", f"<p>{extra}</p>\n</article>")
            else:
                text = text.rstrip("\n") + f"\n\n{extra}\n"
            row = {"id": f"a{n:07d}", "text": text, "format": FORMATS[source.suffix],
                   "path": f"{section}/{n:07d}-{source.name}"}
        else:
            source_language, language, source, target = pairs[(n // 2) % len(pairs)]
            pool = by_language[language]
            prose = [pool[rng.randrange(len(pool))] for _ in range(4)]
            if n % 10 == 3:  # a wrong caption: beside another sentence
                target = pool[rng.randrange(len(pool))]
            text = "\n\n".join([prose[0], prose[1], f"{CREDIT}{source}\n{CREDIT}{target}", prose[2], prose[3]])
            row = {"id": f"a{n:07d}", "text": text + "\n", "format": "text",
                   "path": f"{section}/{n:07d}-{source_language}-{language}.txt"}
        row["published"] = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
        if bad_every and n % bad_every == bad_every - 1:
            row.pop("text")
        yield row


def write(path: Path, count: int, bad_every: int = 0) -> None:
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("format", pa.string()),
                            ("path", pa.string()), ("published", pa.string())])
        with pq.ParquetWriter(path, schema, compression="zstd") as writer:
            batch: list[dict] = []
            for row in rows(count, bad_every):
                batch.append(row)
                if len(batch) == 10_000:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    else:
        with path.open("w", encoding="utf-8") as handle:
            for row in rows(count, bad_every):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, help="the file to write (.jsonl or .parquet)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--bad-every", type=int, default=0)
    args = parser.parse_args()
    write(args.archive, args.rows, args.bad_every)
    print(f"{args.rows} articles written to {args.archive} ({args.archive.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
