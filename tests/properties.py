"""Properties every input must keep, shared by the property tests and the long fuzz run (bench/fuzz.py).

For any text in any format: checking never raises (a file is checked or gets a one-line error, never
an "internal error"), every position stays inside the text, the JSON and SARIF reports validate and
are the same bytes for the same input. For any configuration value: it is accepted or refused with a
ConfigError naming the key, never anything else.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

from captioncheck.checker import Checker
from captioncheck.report import FileReport
from captioncheck.formatters import FORMATTERS, OutputOptions
from captioncheck.settings import OPTIONS, ConfigError, from_mapping

SCHEMAS = Path(__file__).parent / "schemas"

WORDS = ["El presidente habla con la prensa", "Le président parle à la presse", "The president speaks",
         "Der Präsident spricht", "Il presidente parla", "Sergei SUPINSKY / AFP -", "(Reuters)", "Foto: EFE",
         "photo_camera", "Plus dans Politique", "40", "vingt-cinq", "(izda.)", "(à droite)", "Zelensky",
         "© AFP", "Imagen de archivo", "AFP / POOL / Name", "Lire aussi"]
MARKUP = ["<p>", "</p>", "<div>", "</div>", "<figure>", "</figure>", "<figcaption>", "</figcaption>",
          "<img alt=\"El ministro en Atocha\">", "<article>", "</article>", "<aside>", "<script>", "</script>",
          "<![g>", "<![", "<!-- captioncheck: disable=boilerplate -->", "<!--", "-->", "&amp;", "&#x202e;", "&bogus;",
          "---\n", "+++\n", "lang: es\n", "# ", "## ", "![alt](a.jpg \"title\")", "*", "_", "`", "```\n",
          "{{< figure caption=\"Leyenda\" >}}", "{% include figure.html caption='x' %}", "captioncheck: ignore[;]",
          "captioncheck: ignore[number-mismatch]", "\n", "\n\n", "\r", "\r\n", "\t", "\x00", "\x1b[31m", "\u200b",
          "\u202e", "\u0301", "🙂", "שלום", "مرحبا", "\ufeff", "\\", "[", "]", "(", ")", "/", "|", " - "]

texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP),
                       st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)),
             max_size=40).map("".join),
)
formats = st.sampled_from(["text", "markdown", "html"])
config_values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                          st.text(max_size=20), st.lists(st.text(max_size=8), max_size=3),
                          st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=2))
config_keys = st.sampled_from([option.key for option in OPTIONS if option.in_config] + ["unknown-key"])


def check_properties(checker: Checker, text: str, input_format: str, sarif_validator) -> FileReport:
    """Check ``text`` and assert every property; returns the report."""
    report = checker.check_text(text, input_format, "fuzz.txt")
    assert report.error is None or "internal error" not in report.error, report.error
    if report.error is None:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for segment in report.document.segments:
            for piece in segment.pieces:
                assert 1 <= piece.line <= len(lines)
                assert 1 <= piece.column <= len(lines[piece.line - 1]) + 1
        for finding in report.findings:
            assert 1 <= finding.line <= finding.end_line <= len(lines)
    first = FORMATTERS["json"]([report], OutputOptions())
    json.loads(first)
    assert FORMATTERS["json"]([checker.check_text(text, input_format, "fuzz.txt")], OutputOptions()) == first
    sarif = json.loads(FORMATTERS["sarif"]([report], OutputOptions()))
    sarif_validator.validate(sarif)
    for name in ("text", "github"):
        FORMATTERS[name]([report], OutputOptions())
    return report


def check_config_value(key: str, value: object) -> None:
    try:
        from_mapping({key: value}, "fuzz.toml")
    except ConfigError as error:
        assert "fuzz.toml" in str(error)


def sarif_validator():
    import jsonschema

    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)
