"""Checking several files together in one process: their encoder calls joined into one.

A file's pipeline is written as a generator (:data:`Steps`) that stops each time it is about to
encode texts with the embedding model, says which (an :class:`Encoding`), and, resumed, finds them in
the encoder's cache. :func:`run` checks one file that way (each encoding as soon as it is asked for);
:func:`run_together` advances a batch of files to their next stop, encodes what they all asked of
one model in one call, and resumes them. One call of the embedded encoder streams its weights once,
whatever it encodes: an article's verdicts encode about a dozen short texts (its captions, each side
without a clause, its words), and checked together eight articles encode theirs for little more than
the price of one call.

A text's vector does not depend on the texts it is encoded with (:func:`captioncheck.embeddings.
use_forward.product`), so a report is the same whichever files it was checked with.

Time limits (``--timeout-per-file``) hold per file: each step of a file runs within what is left of
its budget. A file that asks for many texts (more than ``ALONE_CHARACTERS``) has them encoded alone,
within its own budget, so that a huge article cannot make the files checked with it run out of time.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .budget import time_limit
from .embeddings import Encoder
from .errors import FileTimeout

Result = TypeVar("Result")
ALONE_CHARACTERS = 50_000  # texts asked for by one file, above which they are encoded alone


@dataclass(frozen=True)
class Encoding:
    """Texts a file is about to encode with ``encoder`` (which caches their vectors)."""

    encoder: Encoder
    texts: Sequence[str]

    @property
    def characters(self) -> int:
        return sum(map(len, self.texts))


Steps = Generator[Encoding, None, Result]


def run(steps: Steps[Result], seconds: float | None = None) -> Result:
    """The result of one file's steps, each encoding done when asked for, within ``seconds``."""
    return run_together([steps], [seconds])[0]


@dataclass
class _File(Generic[Result]):
    steps: Steps[Result]
    seconds: float | None
    spent: float = 0.0
    asked: Encoding | None = None
    done: bool = False
    result: Any = None
    pending: BaseException | None = field(default=None, repr=False)


def _advance(file: _File[Result]) -> None:
    """Run ``file`` to its next encoding or its end, within what is left of its time budget."""
    started = time.monotonic()
    try:
        with time_limit(file.seconds, spent=file.spent):
            _resume(file)
            while not file.done and file.asked is not None and file.asked.characters > ALONE_CHARACTERS:
                file.asked.encoder.encode(list(file.asked.texts))  # alone, within this file's budget
                _resume(file)
    except FileTimeout as error:
        # The budget ran out outside the file's own code (between two of its steps): the file's
        # pipeline turns it into its report, as it does a timeout inside it.
        if not file.done:
            file.pending = error
            _resume(file)
    finally:
        file.spent += time.monotonic() - started


def _resume(file: _File[Result]) -> None:
    error, file.pending, file.asked = file.pending, None, None
    try:
        file.asked = file.steps.throw(error) if error is not None else file.steps.send(None)
    except StopIteration as end:
        file.done, file.result = True, end.value


def run_together(batch: Sequence[Steps[Any]], seconds: Sequence[float | None]) -> list[Any]:
    """The results of a batch of files' steps, in order; ``seconds[i]`` is file ``i``'s time budget
    (None: none). Files stop at their encodings; what the stopped files ask of one encoder is encoded
    in one call, then each is resumed; until every file is done."""
    return [result for result, _ in timed_together(batch, seconds)]


def timed_together(batch: Sequence[Steps[Any]], seconds: Sequence[float | None]) -> list[tuple[Any, float]]:
    """:func:`run_together`, each result with the seconds its own steps took (the joined encoder
    calls aside)."""
    files = [_File(steps, limit) for steps, limit in zip(batch, seconds)]
    for file in files:
        _advance(file)
    while waiting := [file for file in files if not file.done]:
        by_encoder: dict[int, tuple[Encoder, dict[str, None]]] = {}
        for file in waiting:
            assert file.asked is not None
            encoder, texts = by_encoder.setdefault(id(file.asked.encoder), (file.asked.encoder, {}))
            texts.update(dict.fromkeys(file.asked.texts))
        for encoder, texts in by_encoder.values():
            try:
                encoder.encode(list(texts))
            except Exception:  # noqa: BLE001 - only a prefetch: each file, resumed, encodes what it still
                pass  # lacks in its own code, which reports the error as that file's
        for file in waiting:
            _advance(file)
    return [(file.result, file.spent) for file in files]
