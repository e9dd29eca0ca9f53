"""Which files to check, each with the settings that apply to it, in a stable order.

A file named on the command line is always checked, unless ``force-exclude`` is on and it matches
``exclude`` (pre-commit names every staged file). A directory is searched recursively (symbolic
links to folders are not followed; links to files only when they point inside the folder searched,
and not at all with ``follow-symlinks = false``) for the
``include`` globs, minus the ``exclude`` globs and hidden files and folders; globs are matched, with
``fnmatch`` (``*`` also crosses ``/``; include globs ignore case), against the path relative to the directory searched and
against the file name. Each file's settings come from its nearest configuration file, under what
the command line says.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from .config import ConfigFinder
from .settings import Settings, merge


@dataclass(frozen=True)
class Target:
    """A file to check with its settings, or a path that yields none (then ``error`` says why)."""

    path: Path
    display: str
    settings: Settings
    error: str | None = None


def _included(relative: str, name: str, patterns: tuple[str, ...]) -> bool:
    """Include globs ignore case: ``*.md`` takes ``NOTES.MD`` and ``page.Html`` too."""
    return _matches(relative.casefold(), name.casefold(), tuple(p.casefold() for p in patterns))


def _matches(relative: str, name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch(relative, p) or fnmatch(name, p) or fnmatch(relative, p.rstrip("/") + "/*")
               for p in patterns)


def _inside(path: Path, root: Path) -> bool:
    """Whether the symbolic link ``path`` points inside ``root`` (a loop or a dangling link does not)."""
    try:
        return path.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):
        return False


def _files_under(directory: Path, settings: Settings) -> Iterator[Path]:
    root_resolved = directory.resolve()
    for root, dirs, files in os.walk(directory):
        base = Path(root)
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and not _matches((base / d).relative_to(directory).as_posix(), d, settings.exclude)
        )
        for name in sorted(files):
            relative = (base / name).relative_to(directory).as_posix()
            if name.startswith(".") or not _included(relative, name, settings.include):
                continue
            if _matches(relative, name, settings.exclude):
                continue
            if (base / name).is_symlink() and not (settings.follow_symlinks and _inside(base / name, root_resolved)):
                continue  # a link out of the content folder (say to /etc/passwd or /dev/zero) is never read
            yield base / name


def discover(paths: list[str], command_line: Mapping[str, Any], finder: ConfigFinder,
             defaults: Settings = Settings()) -> Iterator[Target]:
    """The targets of ``paths``; configuration errors propagate as ConfigError."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            settings = merge(defaults, finder.for_path(path)[1], command_line)
            found = list(_files_under(path, settings))
            if not found:
                yield Target(path, given, settings,
                             f"no articles in this directory (include: {' '.join(settings.include)})")
            for file in found:
                yield Target(file, str(file), merge(defaults, finder.for_path(file)[1], command_line))
        else:
            parent = path.parent if path.parent.exists() else Path.cwd()
            config, values = finder.for_directory(parent)
            settings = merge(defaults, values, command_line)
            if settings.force_exclude and force_excluded(path, config, settings):
                continue
            yield Target(path, given, settings)


def force_excluded(path: Path, config: Path | None, settings: Settings) -> bool:
    """Whether a file named on the command line matches ``exclude`` (with ``force-exclude``): its path
    relative to the folder of its configuration file, or else to the current folder, and its name."""
    root = config.parent if config is not None else Path.cwd()
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        relative = path.as_posix()
    parts = relative.split("/")
    # "drafts" excludes drafts/a.md as it excludes the folder in a search
    return any(_matches("/".join(parts[:i]), parts[i - 1], settings.exclude) for i in range(1, len(parts) + 1))
