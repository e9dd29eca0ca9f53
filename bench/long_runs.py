"""Long runs of one character, in every place a pattern might split them: the slowest shapes, in time.

A regular expression that can split a run of spaces (or dots, or dashes) in several ways between two
of its parts takes time quadratic in the run, or worse; articles pasted from a CMS do carry such runs
(indentation, dot leaders, rules of dashes). For each punctuation mark and space below, the checker
reads an article whose one paragraph holds the character repeated ``--length`` times: after a word and
before spaces, after spaces, alone as a run, between short capitalised words, and after capitalised
words with two spaces; with ``--pair``, the same text ends both lines of a Spanish caption and its
French translation, so that the pair verdicts (names, numbers, alignment, omissions) read it too. Each
shape gets ``--limit`` seconds; the slowest are printed.

    python bench/long_runs.py [--length 20000] [--format text|markdown|html] [--pair] [--limit 20]
                              [--fail-over SECONDS]

With ``--fail-over`` it exits 1 when a shape takes longer (``.ci/run`` runs it so).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time

from captioncheck.checker import Checker
from captioncheck.settings import Settings

CHARACTERS = [*"«»“”\"()[]/|-–—:;,.©@#%&'’*_~+=<>{}¿¡?!", "\u00a0", "\u202f", "\t", "\u0301", "\u200b", "\u2028",
              "🙂", "1", "A", " / ", " - ", ". ", ", "]
BODY = "Un paragraphe du corps de l'article en français, assez long pour être du corps de texte."


class TooSlow(Exception):
    pass


def shapes(length: int) -> dict[str, str]:
    found = {}
    for character in CHARACTERS:
        found[f"word, {character!r}, spaces"] = "Le " + character + " " * length + "ministre."
        found[f"spaces, {character!r}"] = "Le" + " " * length + character + " ministre."
        found[f"run of {character!r}"] = "Le " + character * length + " ministre."
        found[f"'Ab{character}' repeated"] = "Le " + ("Ab" + character) * (length // 3) + " ministre."
        found[f"'Ab{character}  ' repeated"] = ("Ab" + character + "  ") * (length // 5) + "ministre."
    return found


def article(text: str, pair: bool, input_format: str) -> str:
    if pair:
        paragraphs = [f"AFP - El ministro de la ciudad habla {text}\nAFP - Le ministre de la ville parle {text}", BODY]
    else:
        paragraphs = [text, BODY]
    if input_format == "html":
        return "<h1>Titre de l'article</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    return "\n\n".join(["Titre de l'article", *paragraphs]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, default=20000)
    parser.add_argument("--format", default="text", choices=("text", "markdown", "html"))
    parser.add_argument("--pair", action="store_true", help="put the run at the end of both lines of a caption pair")
    parser.add_argument("--limit", type=int, default=20, help="seconds a shape may take")
    parser.add_argument("--fail-over", type=float, default=0.0, help="exit 1 when a shape takes longer than this")
    args = parser.parse_args()

    def stop(*_) -> None:
        raise TooSlow()
    signal.signal(signal.SIGALRM, stop)
    checker = Checker(Settings())
    timed = []
    for name, text in shapes(args.length).items():
        document = article(text, args.pair, args.format)
        signal.alarm(args.limit)
        started = time.perf_counter()
        try:
            checker.check_text(document, args.format, "runs")
            elapsed = time.perf_counter() - started
        except TooSlow:
            elapsed = float("inf")
        finally:
            signal.alarm(0)
        timed.append((elapsed, name))
    timed.sort(reverse=True)
    print(f"{len(timed)} shapes of {args.length} characters ({args.format}{', in a caption pair' if args.pair else ''})"
          f", the slowest:\n")
    print("| shape | seconds |")
    print("|---|---:|")
    for elapsed, name in timed[:8]:
        print(f"| {name} | {'over ' + str(args.limit) if elapsed == float('inf') else f'{elapsed:.2f}'} |")
    if args.fail_over and timed[0][0] > args.fail_over:
        print(f"long runs: '{timed[0][1]}' took longer than {args.fail_over} s", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
