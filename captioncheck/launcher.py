"""The console entry point: starts what can load in the background, then runs the command line.

Importing the command line and the rules takes about 0.3 s; the embedded model's tokenizer takes
0.2 s to load in C++ that releases the GIL. Starting that load first lets the two overlap on a
second core. It is skipped when the command line names another model or only asks for
information (``--help``, ``--version``...); a configuration file that names another model costs
the background load and nothing else.
"""

from __future__ import annotations

import sys

INFORMATION_ONLY = ("--help", "--version", "--list-rules", "--explain", "--show-config", "--install-completion",
                    "--show-completion")


def _will_embed(arguments: list[str]) -> bool:
    if arguments[:1] == ["serve"]:
        return False  # the server's worker processes load the models
    return not any(a == "--model" or a.startswith("--model=") or a in INFORMATION_ONLY for a in arguments)


def run() -> None:
    """Console entry point (``captioncheck``)."""
    if _will_embed(sys.argv[1:]):
        from .embeddings import preload_encoder

        preload_encoder()
    from .cli import run as run_command_line

    run_command_line()
