"""Errors that reach the user as one line and exit status 2, and how such a line is made."""

from collections.abc import Iterable
from typing import Any

ONE_LINE_LIMIT = 300  # characters of a message that may quote what a client or an archive holds


def printable(value: Any) -> str:
    """``value`` as text any output can hold: a lone surrogate becomes its escape (``\\ud800``)."""
    return str(value).encode("utf-8", "backslashreplace").decode("utf-8")


def one_line(message: Any) -> str:
    """``message`` on one line, printable, at most ONE_LINE_LIMIT characters: it may quote input."""
    text = printable(" ".join(str(message).split()))
    return text if len(text) <= ONE_LINE_LIMIT else text[:ONE_LINE_LIMIT - 1] + "…"


class CaptionCheckError(Exception):
    """A problem with the user's input, options or configuration (exit status 2)."""


class InputError(CaptionCheckError):
    """A file that cannot be checked; the message names the reason, the caller adds the path."""


class UnknownLanguages(CaptionCheckError):
    """Candidate languages a language identifier cannot identify; ``known`` are the codes it can."""

    def __init__(self, engine: str, unknown: Iterable[str], known: Iterable[str]) -> None:
        self.engine, self.unknown, self.known = engine, tuple(sorted(unknown)), tuple(sorted(known))
        super().__init__(f"{engine} does not know {', '.join(self.unknown)}")


class FileTimeout(BaseException):
    """One file took longer than its time budget (``--timeout-per-file``).

    A BaseException, like KeyboardInterrupt, so that no library's ``except Exception`` swallows it.
    """
