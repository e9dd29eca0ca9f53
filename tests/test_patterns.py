"""Compiled patterns kept in the cache folder: the next run builds them without compiling, and a file
that is not plain data, or that others can write, is never used."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

ARTICLE = ROOT / "data" / "articles" / "fr-caption-es.txt"
CHECK_AND_REPORT = (
    "import sys, captioncheck\n"
    "from captioncheck import patterns\n"
    "report = captioncheck.check_text(open(sys.argv[1], encoding='utf-8').read())\n"
    "print(patterns._TABLE.changed, len(report.files[0].findings))\n"
)


def _run(cache: Path) -> tuple[bool, int]:
    environment = {**os.environ, "CAPTIONCHECK_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", CHECK_AND_REPORT, str(ARTICLE)], capture_output=True, text=True,
                          env=environment, check=True, timeout=120)
    changed, findings = done.stdout.split()
    return changed == "True", int(findings)


def _pattern_file(cache: Path) -> Path:
    files = list(cache.glob("patterns-*.pickle"))
    assert len(files) == 1, files
    return files[0]


def test_a_second_run_compiles_no_pattern_and_finds_the_same(tmp_path):
    cache = tmp_path / "cache"
    compiled, findings = _run(cache)
    assert compiled and findings > 0
    kept = _pattern_file(cache)
    assert kept.stat().st_mode & 0o777 == 0o600
    assert _run(cache) == (False, findings)


def test_a_file_that_is_not_plain_data_or_that_others_can_write_is_ignored(tmp_path):
    cache = tmp_path / "cache"
    _, findings = _run(cache)
    kept = _pattern_file(cache)
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    kept.write_bytes(pickle.dumps({("x", 0): Planted()}))
    kept.chmod(0o600)
    assert _run(cache) == (True, findings) and not marker.exists()  # compiled again, nothing run
    assert _run(cache) == (False, findings)  # and the file rewritten with plain data
    kept.chmod(0o620)  # writable by the group: never read
    assert _run(cache) == (True, findings)
