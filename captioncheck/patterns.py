"""Regular expressions compiled once per installation instead of once per run.

The ``regex`` module compiles a pattern in Python (its parser and code generator): the checker's
hundred-odd patterns take about 70 ms at each start, a fifth of a one-article check in its own
process. What compiling produces is a list of numbers for the matching engine, which ``regex`` itself
hands over when a pattern is pickled (``Pattern._pickled_data``) and builds a pattern from without
compiling (``_regex.compile``): 2 ms for all of them. So :func:`compile` keeps the compiled form of
every pattern a run compiles in one file of the cache folder (:mod:`captioncheck.cache_folder`),
``patterns-<key>.pickle``, keyed by the versions of Python, ``regex`` and captioncheck, and the next
run builds its patterns from there; a pattern not in the file is compiled as usual, and :func:`save`
(called when the command ends) rewrites the file with it.

The file holds plain data only (strings, numbers, lists, dictionaries): it is read with an unpickler
that refuses any class or function, only from a file the user owns and nobody else can write (as the
model store's entries), and anything unexpected in it makes it ignored and rewritten. Without a
usable cache folder, patterns are compiled as usual.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import pickle
import sys
from pathlib import Path
from typing import Any

import regex

from .about import __version__
from .cache_folder import store_dir, trusted

FORMAT = 1
Key = tuple[str, int]


class _PlainData(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


class _Table:
    """The compiled forms this process knows (read from the file at first use), and whether any
    pattern was compiled that the file lacks."""

    def __init__(self) -> None:
        self.loaded = False
        self.forms: dict[Key, tuple] = {}
        self.changed = False


_TABLE = _Table()  # one per process, like regex's own cache of compiled patterns


def _file() -> Path | None:
    folder = store_dir()
    if folder is None:
        return None
    versions = f"{FORMAT} {sys.version} {regex.__version__} {__version__}"
    return folder / f"patterns-{hashlib.sha256(versions.encode()).hexdigest()[:16]}.pickle"


def _load() -> dict[Key, tuple]:
    path = _file()
    try:
        if path is None or not path.is_file() or not trusted(path):
            return {}
        forms = _PlainData(io.BytesIO(path.read_bytes())).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
        return {}
    if not isinstance(forms, dict) or not all(isinstance(k, tuple) and isinstance(v, tuple) for k, v in forms.items()):
        return {}
    return forms


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - regex.compile's name, on purpose
    """``regex.compile(pattern, flags)``, built from its compiled form when a run before kept it."""
    table = _TABLE
    if not table.loaded:
        table.forms, table.loaded = _load(), True
    key = (pattern, int(flags))  # a RegexFlag is a class instance: the file holds plain numbers
    form = table.forms.get(key)
    if form is not None:
        try:
            return regex._regex.compile(*form)
        except Exception:  # a form from elsewhere: compile instead, and replace it
            pass
    compiled = regex.compile(pattern, flags)
    form = compiled._pickled_data
    if _plain(form):  # a named list (a set) would make the file unreadable: such a pattern is not kept
        table.forms[key] = form
        if not table.changed:
            table.changed = True
            atexit.register(save)  # a program using the API; the command line saves when it ends
    return compiled


def _plain(form: tuple) -> bool:
    try:
        _PlainData(io.BytesIO(pickle.dumps(form))).load()
    except pickle.UnpicklingError:
        return False
    return True


def save() -> None:
    """Write the compiled forms to the cache folder if this run compiled a pattern it lacked (once)."""
    table = _TABLE
    path = _file()
    if not table.changed or path is None:
        return
    table.changed = False
    try:
        from .atomic import replacing

        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as temporary:
            temporary.write_bytes(pickle.dumps(table.forms, protocol=pickle.HIGHEST_PROTOCOL))
            temporary.chmod(0o600)  # whatever the umask: a file others can write is never read
    except OSError:  # a read-only or full cache folder: compile again next time
        pass
