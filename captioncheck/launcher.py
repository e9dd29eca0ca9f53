"""The console entry point: starts what can load in the background, then runs the command line.

Importing the command line and the rules takes about 0.3 s; the embedded model's tokenizer takes
0.2 s to load in C++ that releases the GIL, and on the first run after an install the language and
sentence models take a second to unpack (LZMA, zlib). Starting those loads first lets them overlap
on a second core (:mod:`captioncheck.background`). They are skipped when the command line names
another model or only asks for information (``--help``, ``--version``...); a configuration file
that names another model or language engine costs the background load and nothing else.
"""

from __future__ import annotations

import os
import sys

INFORMATION_ONLY = ("--help", "--version", "--list-rules", "--explain", "--show-config", "--install-completion",
                    "--show-completion")


def _will_check(arguments: list[str]) -> bool:
    if arguments[:1] in (["serve"], ["audit"]):
        return False  # their worker processes load the models
    return not any(a == "--model" or a.startswith("--model=") or a in INFORMATION_ONLY for a in arguments)


def run() -> None:
    """Console entry point (``captioncheck``): the check runs in this process, and ends with it."""
    if _will_check(sys.argv[1:]):
        from .embeddings.tokenizer_loading import start as start_tokenizer

        start_tokenizer()  # first: the longest load, and it needs none of the imports below
        from .embeddings import preload_encoder
        from .langid.ngram import preload as preload_ngrams

        preload_ngrams()
        preload_encoder()
    from .cli import run as run_command_line

    try:
        run_command_line()
    except SystemExit as done:
        from .patterns import save as save_patterns

        save_patterns()  # the patterns compiled by this run, for the next one (once after an install)
        _exit(done.code)


def _exit(code: int | str | None) -> None:
    """Exit; without waiting for a background load still in C++ (a usage error exits in 0.3 s).

    The interpreter's shutdown would end that thread in the middle of C++ code, which aborts the
    process; output is flushed and the process ends at once instead.
    """
    from .embeddings.use_m3 import loading_in_background

    if not loading_in_background():
        sys.exit(code)
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # AttributeError: a stream closed at start (None)
            pass
    os._exit(code or 0)
