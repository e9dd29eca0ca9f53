"""Builds the wheel with the models unpacked in it (see captioncheck/packaged_models.py).

Everything else about the package is declared in pyproject.toml.
"""

import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithModels(build_py):
    """build_py, then the model store's entries of the models the wheel's checks load by default."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install builds no wheel: it unpacks into the cache
            return
        target = Path(self.build_lib) / "captioncheck" / "models"
        environment = {**os.environ, "PYTHONPATH": str(ROOT), "CAPTIONCHECK_NO_CACHE": "1"}
        completed = subprocess.run([sys.executable, "-m", "captioncheck.packaged_models", str(target)],
                                   env=environment, check=False)
        if completed.returncode != 0:  # the wheel still works: its first run unpacks into the cache
            self.warn("captioncheck: the models could not be packaged; the first run will unpack them")


setup(cmdclass={"build_py": BuildWithModels})
