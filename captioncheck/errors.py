"""Errors that reach the user as one line and exit status 2."""

from collections.abc import Iterable


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
