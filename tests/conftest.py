from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from captioncheck.checker import Checker
from captioncheck.document import Document
from captioncheck.readers import parse
from captioncheck.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "articles"

def shared_dir() -> Path | None:
    """The project's read-only shared folder (seed article, eval data), if this machine has it."""
    for candidate in (os.environ.get("CAPTIONCHECK_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "articles").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def seed_article() -> Path:
    shared = shared_dir()
    if shared is None:
        if os.environ.get("CAPTIONCHECK_REQUIRE_SHARED"):
            pytest.fail("CAPTIONCHECK_REQUIRE_SHARED is set but the shared folder was not found")
        pytest.skip("the shared folder with the seed article is not on this machine")
    return shared / "articles" / "nato-kyiv-fr.txt"


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker(Settings())


@pytest.fixture(scope="session")
def encoder(checker: Checker):
    """The embedded encoder, with the checker's cache."""
    return checker.encoder()


def document_from(text: str, path: str = "test.txt", input_format: str = "text") -> Document:
    return parse(text, input_format, path)


def run_cli(*args: str, cwd: Path | None = None, input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    """The real command line, in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "captioncheck", *args],
        capture_output=True, cwd=cwd, input=input_bytes, timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
