"""Real published pages: does captioncheck read the article, and only the article?

Two public sets with ground truth, read from a scratch folder (not in this repository):

- mozilla/readability ``test/test-pages/NAME/{source,expected}.html`` (Apache-2.0): the whole article
  body is known. Scored as published extraction comparisons score it: the 4-word shingles of what
  captioncheck reads against those of ``expected.html``, precision, recall and F1 per page, averaged.
- trafilatura ``tests/evaldata.json`` and ``tests/eval/*.html`` (Apache-2.0): per page, snippets the
  article holds (``with``) and snippets of page furniture (``without``). Scored as the share of
  ``with`` snippets read and of ``without`` snippets left out.

Pages are split in two halves by a hash of their name: choose features and thresholds on ``design``,
report ``held-out`` beside it (``--half all`` for both together). Each figure is printed beside
trafilatura's own (``trafilatura.extract``) on the same pages, when trafilatura is installed.

    python bench/real_pages.py --readability DIR/test/test-pages --trafilatura DIR/tests [--half design]
    python bench/real_pages.py ... --findings    # untranslated-* errors on these monolingual pages
    python bench/real_pages.py ... --inject ../shared/eval/tatoeba-eng-spa-dev.tsv
                                     # a sentence and its Spanish translation left in: found at its line?

Get the pages with ``git clone https://github.com/mozilla/readability`` and
``https://github.com/adbar/trafilatura`` (or any copy of those folders).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from captioncheck.readers import decode, parse  # noqa: E402

WORD = re.compile(r"\w+")
TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    name: str
    source: str
    truth: str | None = None  # the article's text (readability's expected.html)
    present: tuple[str, ...] = ()  # snippets the article holds (trafilatura's "with")
    absent: tuple[str, ...] = ()  # snippets of furniture (trafilatura's "without")


def half_of(name: str) -> str:
    return "design" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "held-out"


def text_of_html(markup: str) -> str:
    return html.unescape(TAG.sub(" ", markup))


def shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    words = [w.lower() for w in WORD.findall(text)]
    return {tuple(words[i:i + size]) for i in range(max(len(words) - size + 1, 0))}


def normalised(text: str) -> str:
    return " ".join(w.lower() for w in WORD.findall(text))


def readability_pages(folder: Path) -> Iterator[Page]:
    for page in sorted(folder.iterdir()):
        source, expected = page / "source.html", page / "expected.html"
        if source.is_file() and expected.is_file():
            yield Page(f"readability/{page.name}", decode(source.read_bytes()),
                       truth=text_of_html(expected.read_text(encoding="utf-8", errors="replace")))


def trafilatura_pages(folder: Path) -> Iterator[Page]:
    records = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    for url, record in sorted(records.items()):
        path = folder / "eval" / record["file"]
        if not path.is_file():
            path = folder / "cache" / record["file"]
        if not path.is_file():
            continue
        try:
            source = decode(path.read_bytes())
        except Exception:  # noqa: BLE001 - a page we cannot decode is left out of both sides
            continue
        yield Page(f"trafilatura/{record['file']}", source, present=tuple(record.get("with") or ()),
                   absent=tuple(record.get("without") or ()))


def captioncheck_text(page: Page) -> str:
    """What captioncheck reads of the page: its segments, in order."""
    document = parse(page.source, "html", page.name)
    return "\n".join(segment.text for segment in document.segments)


def trafilatura_text(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.source, include_comments=False, include_tables=True) or ""


def readability_text(page: Page) -> str:
    from readability import Document

    return text_of_html(Document(page.source).summary(html_partial=True))


@dataclass
class Scores:
    f1: list[float]
    precision: list[float]
    recall: list[float]
    present: list[float]
    absent: list[float]
    empty: list[str]
    seconds: list[float]


def score(pages: list[Page], reader: Callable[[Page], str]) -> Scores:
    result = Scores([], [], [], [], [], [], [])
    for page in pages:
        started = time.perf_counter()
        text = reader(page)
        result.seconds.append(time.perf_counter() - started)
        if not text.strip():
            result.empty.append(page.name)
        if page.truth is not None:
            got, want = shingles(text), shingles(page.truth)
            if not want:
                continue
            common = len(got & want)
            precision = common / len(got) if got else 0.0
            recall = common / len(want)
            result.precision.append(precision)
            result.recall.append(recall)
            result.f1.append(2 * precision * recall / (precision + recall) if common else 0.0)
        else:
            flat = normalised(text)
            if page.present:
                result.present.append(sum(normalised(s) in flat for s in page.present) / len(page.present))
            if page.absent:
                result.absent.append(sum(normalised(s) not in flat for s in page.absent) / len(page.absent))
    return result


def _mean(values: list[float]) -> str:
    return f"{statistics.fmean(values):.3f}" if values else "-"


def report(name: str, scores: Scores, pages: int) -> str:
    return (f"| {name} | {_mean(scores.f1)} | {_mean(scores.precision)} | {_mean(scores.recall)} | "
            f"{_mean(scores.present)} | {_mean(scores.absent)} | {len(scores.empty)} of {pages} | "
            f"{1000 * statistics.median(scores.seconds):.0f} |")


UNTRANSLATED = ("untranslated-segment", "untranslated-fragment")


def findings_table(pages: list[Page], show: bool) -> None:
    """Every page checked as published (these pages are monolingual: any untranslated-* error is false)."""
    from collections import Counter

    from captioncheck.api import check_text

    with_errors, errors, notices, rules = 0, 0, 0, Counter()
    for page in pages:
        report = check_text(page.source, format="html", path=page.name)
        [entry] = report.files
        notices += bool(entry.notices)
        rules.update(f.rule for f in entry.findings)
        wrong = [f for f in entry.findings if f.rule in UNTRANSLATED]
        if wrong:
            with_errors += 1
            errors += len(wrong)
            if show:
                print(f"  {page.name}: {len(wrong)}, first: line {wrong[0].line}: {wrong[0].message[:150]}")
    print(f"\n{len(pages)} pages checked: {with_errors} with an untranslated-* error ({errors} errors); "
          f"{notices} with a notice; findings per rule: {dict(sorted(rules.items()))}")


def tatoeba_pairs(path: Path) -> list[tuple[str, str]]:
    """(English, Spanish) sentence pairs of 6+ words from the project's eval data (not in this repository)."""
    import csv

    pairs = []
    with path.open(encoding="utf-8") as rows:
        for row in csv.reader(rows, delimiter="\t"):
            if len(row) >= 4 and row[0] == "eng" and row[1] == "spa" and len(row[2].split()) >= 6 \
                    and len(row[3].split()) >= 6 and "<" not in row[2] + row[3] and "&" not in row[2] + row[3]:
                pairs.append((row[2], row[3]))
    return pairs


def inject_table(pages: list[Page], pairs: list[tuple[str, str]], show: bool) -> None:
    """Into each English page, after a paragraph of its article: a sentence and, beside it, its Spanish
    translation left in, as two paragraphs (``paragraph``) or as two captions of one figure
    (``caption``). Found: an untranslated-segment finding on the Spanish line."""
    from captioncheck.api import check_text
    from captioncheck.report import FileReport

    counts = {"paragraph": [0, 0], "caption": [0, 0]}
    for number, page in enumerate(pages):
        report: FileReport = check_text(page.source, format="html", path=page.name).files[0]
        if report.language != "en" or report.document is None:
            continue
        body = [s for s in report.document.segments if s.kind.value == "body" and len(s.text.split()) >= 12]
        if not body:
            continue
        anchor = body[len(body) // 2]
        line, column = anchor.span(len(anchor.text) - 1, len(anchor.text))[2:]
        starts = [0] + [i + 1 for i, char in enumerate(page.source) if char == "\n"]
        end = page.source.find(">", page.source.find("</", starts[line - 1] + column - 1)) + 1
        english, spanish = pairs[number % len(pairs)]
        for mode in counts:
            block = (f"\n<p>{english}</p>\n<p>{spanish}</p>\n" if mode == "paragraph" else
                     f'\n<figure><img src="photo.jpg" alt="">\n<figcaption>{english}</figcaption>\n'
                     f"<figcaption>{spanish}</figcaption></figure>\n")
            injected = page.source[:end] + block + page.source[end:]
            target = page.source.count("\n", 0, end) + block.count("\n")  # the Spanish line, 1-based
            result = check_text(injected, format="html", path=page.name).files[0]
            found = any(f.rule == "untranslated-segment" and f.line == target for f in result.findings)
            counts[mode][0] += found
            counts[mode][1] += 1
            if show and not found:
                print(f"  missed ({mode}): {page.name} line {target}")
    for mode, (found, total) in counts.items():
        print(f"injected untranslated {mode}s found at their line: {found} of {total}"
              + (f" ({100 * found / total:.1f}%)" if total else ""))


def speed_table(pages: list[Page]) -> None:
    """Reading time (parse, extractor included) of the pages of 250 to 350 KB, after one warm-up read."""
    sized = [p for p in pages if 250_000 <= len(p.source.encode()) <= 350_000]
    if not sized:
        print("no page of 250-350 KB")
        return
    parse(sized[0].source, "html", sized[0].name)
    times = []
    for page in sized:
        started = time.perf_counter()
        parse(page.source, "html", page.name)
        times.append(time.perf_counter() - started)
    times.sort()
    print(f"{len(sized)} pages of 250-350 KB read in {1000 * statistics.median(times):.0f} ms at the median, "
          f"{1000 * times[int(0.9 * len(times))]:.0f} ms at the 90th percentile")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readability", type=Path, help="readability's test/test-pages folder")
    parser.add_argument("--trafilatura", type=Path, help="trafilatura's tests folder (evaldata.json, eval/)")
    parser.add_argument("--half", choices=("design", "held-out", "all"), default="all")
    parser.add_argument("--limit", type=int, default=0, help="at most this many pages of each set")
    parser.add_argument("--show-empty", action="store_true", help="list the pages where nothing is read")
    parser.add_argument("--findings", action="store_true", help="check each page: untranslated-* errors")
    parser.add_argument("--speed", action="store_true", help="reading time of the pages of 250-350 KB")
    parser.add_argument("--show", action="store_true", help="with --findings or --inject: list the pages")
    parser.add_argument("--inject", type=Path, metavar="TATOEBA_ENG_SPA",
                        help="inject sentence pairs from this file (../shared/eval/tatoeba-eng-spa-dev.tsv)")
    args = parser.parse_args()
    sets: dict[str, list[Page]] = {}
    if args.readability:
        sets["readability"] = list(readability_pages(args.readability))
    if args.trafilatura:
        sets["trafilatura"] = list(trafilatura_pages(args.trafilatura))
    if not sets:  # the three licence-noted pages kept in the repository, as a smoke run
        print("no page set given: the three pages of tests/pages (give --readability and/or --trafilatura "
              "for the full sets, see this script's docstring)")
        sets["tests/pages"] = list(readability_pages(ROOT / "tests" / "pages"))
    readers: dict[str, Callable[[Page], str]] = {"captioncheck": captioncheck_text}
    for module, name, reader in (("trafilatura", "trafilatura.extract", trafilatura_text),
                                 ("readability", "readability-lxml", readability_text)):
        try:
            __import__(module)
            readers[name] = reader
        except ImportError:
            pass
    print(f"command: python {' '.join(sys.argv)}")
    if args.speed:
        speed_table([page for pages in sets.values() for page in pages])
        return
    halves = ("design", "held-out") if args.half == "all" else (args.half,)
    for set_name, pages in sets.items():
        for half in halves:
            chosen = [p for p in pages if half_of(p.name) == half]
            if args.limit:
                chosen = chosen[:args.limit]
            print(f"\n{set_name}, {half} half: {len(chosen)} pages\n")
            if args.findings:
                findings_table(chosen, args.show)
                continue
            if args.inject:
                inject_table(chosen, tatoeba_pairs(args.inject), args.show)
                continue
            print("| reader | F1 | precision | recall | 'with' read | 'without' left out | nothing read | ms/page |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|")
            for reader_name, reader in readers.items():
                scores = score(chosen, reader)
                print(report(reader_name, scores, len(chosen)))
                if args.show_empty and reader_name == "captioncheck" and scores.empty:
                    print("  nothing read: " + ", ".join(scores.empty))


if __name__ == "__main__":
    main()
