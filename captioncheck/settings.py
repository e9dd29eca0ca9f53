"""The settings of one run, shared by the command line (and, later, configuration files)."""

from __future__ import annotations

from dataclasses import dataclass

from .embeddings import DEFAULT_MODEL
from .findings import Severity
from .langid import DEFAULT_ENGINE, DEFAULT_LANGUAGES

FORMATS = ("text", "json")


@dataclass(frozen=True)
class Settings:
    language: str | None = None
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    allowed_languages: tuple[str, ...] = ()
    langid: str = DEFAULT_ENGINE
    fail_on: Severity = Severity.ERROR
    output_format: str = "text"
    model: str = DEFAULT_MODEL
