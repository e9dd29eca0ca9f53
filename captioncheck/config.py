"""Configuration files: ``.captioncheck.toml``, or ``[tool.captioncheck]`` in ``pyproject.toml``.

The file that applies to an article is the nearest one found walking up from the article's folder;
in a folder holding both, ``.captioncheck.toml`` wins. Keys are those of the command line (see
:mod:`captioncheck.settings`), and the command line wins over the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .settings import ConfigError, from_mapping

CONFIG_NAME = ".captioncheck.toml"


MAX_CONFIG_BYTES = 1_000_000


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML document of ``path``; ConfigError (one line naming the file) for anything unusable."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_CONFIG_BYTES:,} bytes, not a configuration file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deep") from None


def _table_in(directory: Path) -> tuple[Path, dict[str, Any]] | None:
    dedicated = directory / CONFIG_NAME
    if dedicated.is_file():
        return dedicated, _read_toml(dedicated)
    project = directory / "pyproject.toml"
    if project.is_file():
        tool = _read_toml(project).get("tool", {})
        table = tool.get("captioncheck") if isinstance(tool, dict) else None
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError(f"{project}: [tool.captioncheck] must be a table")
            return project, table
    return None


class ConfigFinder:
    """Finds and reads the configuration of each folder once."""

    def __init__(self) -> None:
        self._by_directory: dict[Path, tuple[Path | None, dict[str, Any]]] = {}

    def for_directory(self, directory: Path) -> tuple[Path | None, dict[str, Any]]:
        """The nearest configuration file at or above ``directory`` and its Settings values."""
        directory = directory.resolve()
        if directory not in self._by_directory:
            found = _table_in(directory)
            if found is not None:
                path, table = found
                values = from_mapping(table, str(path))
                model = values.get("model")
                if model and (path.parent / model).exists():  # a model folder named relative to the file
                    values["model"] = str((path.parent / model).resolve())
                result: tuple[Path | None, dict[str, Any]] = (path, values)
            elif directory.parent != directory:
                result = self.for_directory(directory.parent)
            else:
                result = (None, {})
            self._by_directory[directory] = result
        return self._by_directory[directory]

    def for_path(self, path: Path) -> tuple[Path | None, dict[str, Any]]:
        return self.for_directory(path if path.is_dir() else path.parent)
