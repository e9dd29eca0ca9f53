"""The pipeline's shape: stages import only the stages below them, and a stage loads only what it needs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DATA, ROOT

HEAVY = ("captioncheck.rules.", "captioncheck.compare.", "captioncheck.pairing", "captioncheck.embeddings.",
         "captioncheck.checker", "captioncheck.cli")
LIGHT = {"captioncheck.compare.calibration"}  # the fitted numbers alone: the default threshold


def _heavy(loaded: list[str]) -> list[str]:
    return [module for module in loaded if module.startswith(HEAVY) and module not in LIGHT]


def _loaded_after(code: str) -> list[str]:
    """The captioncheck modules a fresh interpreter has loaded after running ``code``."""
    program = code + "\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('captioncheck'))))"
    completed = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.splitlines()[-1])


def test_reading_an_article_loads_no_rule_and_no_verdict():
    loaded = _loaded_after(
        "from pathlib import Path\nfrom captioncheck.readers import read_document\n"
        f"for name in ('fr-caption-es.txt', 'fr-caption-es.html', 'fr-caption-es.md'):\n"
        f"    path = {str(DATA)!r} + '/' + name\n"
        "    assert read_document(Path(path)).segments\n"
    )
    assert "captioncheck.readers" in loaded
    assert _heavy(loaded) == []


def test_loading_the_configuration_loads_no_rule_and_no_verdict(tmp_path: Path):
    (tmp_path / ".captioncheck.toml").write_text('ignore = ["CC302"]\ndivergence-threshold = 0.4\n', encoding="utf-8")
    loaded = _loaded_after(
        "from pathlib import Path\nfrom captioncheck.config import ConfigFinder\n"
        f"print(ConfigFinder().for_directory(Path({str(tmp_path)!r})))\n"
    )
    assert "captioncheck.settings" in loaded
    assert _heavy(loaded) == []


def test_the_import_contracts_hold():
    """pyproject.toml's [tool.importlinter] contracts: stages in order, no cycle, readers load no rule."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command is not None, "import-linter, a test dependency, is not installed: pip install -e '.[test]'"
    completed = subprocess.run([command, "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "0 broken" in completed.stdout


def test_the_default_install_brings_no_heavy_dependency():
    """pip install captioncheck: no Parquet (the audit extra), no torch, no server, no Dask."""
    import re
    from importlib.metadata import requires

    core = [requirement for requirement in requires("captioncheck") or () if "extra ==" not in requirement]
    names = {re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower() for requirement in core}
    assert "numpy" in names and "typer" in names
    assert not names & {"pyarrow", "torch", "sentence-transformers", "fastapi", "uvicorn", "dask", "distributed"}
