"""Errors that reach the user as one line and exit status 2."""


class CaptionCheckError(Exception):
    """A problem with the user's input, options or configuration (exit status 2)."""


class InputError(CaptionCheckError):
    """A file that cannot be checked; the message names the reason, the caller adds the path."""


class FileTimeout(BaseException):
    """One file took longer than its time budget (``--timeout-per-file``).

    A BaseException, like KeyboardInterrupt, so that no library's ``except Exception`` swallows it.
    """
