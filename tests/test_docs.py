"""The documentation says what the code does: generated references up to date, a README that a new
user can follow, and tables that match the code they describe."""

from __future__ import annotations

import re
import tomllib

from captioncheck.catalog import CATALOG
from captioncheck.reference import DOCUMENTS, stale

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_AND_RUN = ("python3 -m venv .venv && .venv/bin/pip install . && "
                   ".venv/bin/captioncheck data/articles/fr-caption-es.txt")


def test_the_generated_references_are_up_to_date():
    assert stale(ROOT / "docs") == [], "run: python -m captioncheck.reference docs/"
    assert set(DOCUMENTS) <= {path.name for path in (ROOT / "docs").iterdir()}


def test_the_readme_is_short_and_holds_both_commands_verbatim():
    assert len(README.splitlines()) < 250
    assert INSTALL_AND_RUN in README
    test_command = re.search(r'TEST_COMMAND="([^"]+)"', (ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert test_command is not None and test_command.group(1) in README


def test_every_local_link_of_the_docs_leads_to_a_file():
    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", document.read_text(encoding="utf-8")):
            assert (document.parent / target).exists(), f"{document.name} links to {target}"


def test_the_readme_rules_table_is_the_catalog():
    rows = re.findall(r"^\| (CC\d+) \| `([a-z-]+)` \| (error|warning) \|", README, flags=re.MULTILINE)
    assert rows == [(info.code, info.id, info.severity.value) for info in CATALOG]


def test_the_layers_drawn_in_the_docs_are_the_import_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    drawn = (ROOT / "docs" / "how-it-works.md").read_text(encoding="utf-8")
    table = drawn[drawn.index("| layer (top imports bottom) |"):]
    for layer in layers:
        for module in re.split(r"\s*\|\s*", layer):
            name = module.removeprefix("captioncheck.")
            assert f"`{name}`" in table or f"`{name}/`" in table, f"{module} is not drawn in docs/how-it-works.md"
