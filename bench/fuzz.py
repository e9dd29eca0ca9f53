"""The long fuzz run: the properties of tests/properties.py on many generated inputs (10,000 by default).

Texts of every shape (random Unicode, RTL, combining marks, zero-width characters, emoji, NULs,
control characters, Markdown and HTML fragments, front matter, suppressions, credits) in each format,
and configuration values of every type. Prints how many inputs were checked and how many broke a
property; exits 1 with Hypothesis's smallest failing example if one did.

    python bench/fuzz.py [--examples 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from captioncheck.checker import Checker  # noqa: E402
from captioncheck.settings import Settings  # noqa: E402
from properties import check_config_value, check_properties, config_keys, config_values, formats, \
    sarif_validator, texts  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    checker, validator = Checker(Settings()), sarif_validator()
    counts = {"articles": 0, "config values": 0}
    profile = settings(max_examples=args.examples, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))

    @seed(args.seed)
    @profile
    @given(text=texts, input_format=formats)
    def articles(text: str, input_format: str) -> None:
        counts["articles"] += 1
        check_properties(checker, text, input_format, validator)

    @seed(args.seed)
    @profile
    @given(key=config_keys, value=config_values)
    def config(key: str, value: object) -> None:
        counts["config values"] += 1
        check_config_value(key, value)

    started = time.perf_counter()
    failed = 0
    for run in (articles, config):
        try:
            run()
        except Exception as error:  # Hypothesis re-raises the smallest failing example
            failed += 1
            print(f"FAILED: {type(error).__name__}: {error}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    print(f"fuzz: {total} inputs ({counts['articles']} articles, {counts['config values']} configuration values) "
          f"in {elapsed:.0f} s, seed {args.seed}: {failed} properties broken")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
