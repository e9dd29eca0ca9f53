"""One schema for the command line and the configuration file.

Every option is declared once, in :data:`OPTIONS`: its key (``--fail-on`` on the command line,
``fail-on`` in ``[tool.captioncheck]`` or ``.captioncheck.toml``), its help, and how a value is read
from either source. The command line is generated from this list, configuration files are checked
against it (an unknown key is an error that names it), and :class:`Settings` holds the result:
defaults, overridden by the configuration file, overridden by the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

import regex

from . import patterns
from .embeddings import DEFAULT_MODEL
from .compare.calibration import THRESHOLD
from .errors import CaptionCheckError
from .findings import Severity
from .langid import DEFAULT_ENGINE, DEFAULT_LANGUAGES, ENGINES

FORMATS = ("text", "json", "sarif", "github", "html")
LEVELS = ("error", "warning", "off")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")


class ConfigError(CaptionCheckError):
    """An option with a value that cannot be used; the message names the option and its source."""


@dataclass(frozen=True)
class Settings:
    language: str | None = None
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    allowed_languages: tuple[str, ...] = ()
    langid: str = DEFAULT_ENGINE
    model: str = DEFAULT_MODEL
    fail_on: Severity = Severity.ERROR
    severity: tuple[tuple[str, str], ...] = ()
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    divergence_threshold: float = THRESHOLD
    output_format: str = "text"
    statistics: bool = False
    quiet: bool = False
    jobs: int | None = None
    input_format: str | None = None
    max_file_size: int = 5_000_000
    timeout_per_file: float = 60.0
    follow_symlinks: bool = True
    force_exclude: bool = False
    report_unused_suppressions: bool = False
    exit_zero: bool = False
    output_file: str | None = None
    stdin_filename: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False

    def level_of(self, rule: str, default: Severity) -> Severity | None:
        """The severity a rule's findings get, or None when the rule is off or ignored."""
        if rule in self.ignore:
            return None
        level = dict(self.severity).get(rule)
        if level is None:
            return default
        return None if level == "off" else Severity(level)

    @property
    def checker_key(self) -> tuple:
        """What the language and embedding models depend on: one checker per distinct key."""
        return (tuple(sorted(set(self.languages))), self.langid, self.model)  # "fr,es" is "es,fr"


# --- readers of option values -------------------------------------------------------------------

def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: expected a non-empty string, got {value!r}")
    return value.strip()


def _codes(value: Any, where: str) -> tuple[str, ...]:
    """A list of codes, from a TOML list, a repeated option, or "a,b" text."""
    items = value if isinstance(value, (list, tuple)) else [value]
    codes: list[str] = []
    for item in items:
        codes += [part.strip().lower() for part in _text(item, where).split(",") if part.strip()]
    return tuple(dict.fromkeys(codes))


_LANGUAGE_CODE = patterns.compile(r"[a-z]{2,3}")
_SIZE = patterns.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<unit>b|kb|kib|k|mb|mib|m|gb|gib|g)?", regex.IGNORECASE)
_UNITS = {None: 1, "b": 1, "k": 1000, "kb": 1000, "kib": 1024, "m": 10**6, "mb": 10**6, "mib": 2**20,
          "g": 10**9, "gb": 10**9, "gib": 2**30}


def _languages(value: Any, where: str) -> tuple[str, ...]:
    """Language codes (ISO 639-1 or -3), at least one."""
    codes = _codes(value, where)
    if not codes:
        raise ConfigError(f"{where}: expected at least one language code, got {value!r}")
    bad = [code for code in codes if not _LANGUAGE_CODE.fullmatch(code)]
    if bad:
        raise ConfigError(f"{where}: {bad[0]!r} is not a language code such as fr or es")
    return codes


def _language(value: Any, where: str) -> str:
    codes = _languages(value, where)
    if len(codes) > 1:
        raise ConfigError(f"{where}: expected one language code, got {value!r}")
    return codes[0]


def _patterns(value: Any, where: str) -> tuple[str, ...]:
    items = value if isinstance(value, (list, tuple)) else [value]
    return tuple(_text(item, where) for item in items)


def _choice(choices: tuple[str, ...]) -> Callable[[Any, str], str]:
    def read(value: Any, where: str) -> str:
        text = _text(value, where).lower()
        if text not in choices:
            raise ConfigError(f"{where}: {value!r} is not one of {', '.join(choices)}")
        return text
    return read


def _rules(value: Any, where: str) -> tuple[str, ...]:
    from .catalog import resolve, unknown_rule

    rules = _codes(value, where)
    unknown = [rule for rule in rules if resolve(rule) is None]
    if unknown:
        raise ConfigError(f"{where}: {unknown_rule(unknown[0])}")
    return tuple(dict.fromkeys(resolve(rule) for rule in rules))  # ids, whether named by id or code


def _severity(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    """``{rule = "warning"}`` in a file, ``RULE=LEVEL`` (repeatable) on the command line."""
    if isinstance(value, Mapping):
        pairs = list(value.items())
    else:
        pairs = []
        for item in value if isinstance(value, (list, tuple)) else [value]:
            rule, sep, level = _text(item, where).partition("=")
            if not sep:
                raise ConfigError(f"{where}: expected RULE=LEVEL, got {item!r}")
            pairs.append((rule.strip(), level.strip()))
    result = {}
    for rule, level in pairs:
        for rule_id in _rules(rule, where):
            result[rule_id] = _choice(LEVELS)(level, f"{where} ({rule})")
    return tuple(sorted(result.items()))


def _threshold(value: Any, where: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: expected a number between 0 and 1, got {value!r}") from None
    if not 0.0 <= number <= 1.0 or isinstance(value, bool):
        raise ConfigError(f"{where}: expected a number between 0 and 1, got {value!r}")
    return number


MAX_JOBS = 256


def _jobs(value: Any, where: str) -> int:
    """A whole number of worker processes, 1 to MAX_JOBS (the runner caps it by the cores too)."""
    if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
        raise ConfigError(f"{where}: expected a whole number, got {value!r}")
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f"{where}: expected a whole number, got {value!r}") from None
    if not 1 <= number <= MAX_JOBS:
        raise ConfigError(f"{where}: expected a whole number from 1 to {MAX_JOBS}, got {value!r}")
    return number


def parse_size(value: Any, where: str) -> int:
    """A size in bytes: a whole number, or text such as ``5MB``, ``500kB``, ``1GiB``."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a size such as 5MB, got {value!r}")
    if isinstance(value, int):
        number = value
    else:
        match = _SIZE.fullmatch(_text(value, where).replace(" ", ""))
        if match is None:
            raise ConfigError(f"{where}: expected a size such as 5MB, got {value!r}")
        number = int(float(match.group("number")) * _UNITS[(match.group("unit") or "b").lower()])
    if number < 1:
        raise ConfigError(f"{where}: expected a positive size, got {value!r}")
    return number


def _seconds(value: Any, where: str) -> float:
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a number of seconds, got {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f"{where}: expected a number of seconds, got {value!r}") from None
    if not 0 < number <= 86400:
        raise ConfigError(f"{where}: expected seconds between 0 and 86400 (0 excluded), got {value!r}")
    return number


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    return value


@dataclass(frozen=True)
class Option:
    """One option: its key in both sources, the Settings field it sets, and how to read it."""

    key: str
    attribute: str
    help: str
    read: Callable[[Any, str], Any]
    metavar: str = ""
    short: str | None = None
    multiple: bool = False
    flag: bool = False
    choices: tuple[str, ...] = ()
    in_config: bool = True


OPTIONS: tuple[Option, ...] = (
    Option("format", "output_format", "Output format.", _choice(FORMATS), short="-f", choices=FORMATS),
    Option("language", "language", "The article's language (default: the majority language of its body).",
           _language, metavar="LANG", short="-l"),
    Option("languages", "languages", "Comma-separated languages a segment may be identified as "
           f"(default: {','.join(DEFAULT_LANGUAGES)}).", _languages, metavar="LANG,..."),
    Option("allow-language", "allowed_languages", "A language accepted on purpose besides the article's.",
           _languages, metavar="LANG", multiple=True),
    Option("langid", "langid", f"Language identification engine (default: {DEFAULT_ENGINE}).",
           _choice(tuple(sorted(ENGINES))), choices=tuple(sorted(ENGINES))),
    Option("model", "model", f"Embedding model for pairing: {DEFAULT_MODEL} (embedded, default) or a local "
           "sentence-transformers model directory or cached name.", _text, metavar="MODEL"),
    Option("fail-on", "fail_on", "Lowest severity that makes the exit status 1 (default: error).",
           lambda v, w: Severity(_choice(("error", "warning"))(v, w)), choices=("error", "warning")),
    Option("severity", "severity", "Set a rule's severity: RULE=error|warning|off.", _severity,
           metavar="RULE=LEVEL", multiple=True),
    Option("ignore", "ignore", "A rule to ignore.", _rules, metavar="RULE", multiple=True),
    Option("include", "include", "Glob of files to check in directories (default: "
           f"{' '.join(DEFAULT_INCLUDE)}).", _patterns, metavar="GLOB", multiple=True),
    Option("exclude", "exclude", "Glob of files or directories to skip.", _patterns, metavar="GLOB", multiple=True),
    Option("divergence-threshold", "divergence_threshold",
           f"Equivalence below which a pair is reported as divergent (default: {THRESHOLD}).",
           _threshold, metavar="SCORE"),
    Option("input-format", "input_format", "Read every file as this format instead of by its extension.",
           _choice(("text", "markdown", "html")), choices=("text", "markdown", "html")),
    Option("jobs", "jobs", "Files checked in parallel (default: the number of cores).", _jobs, metavar="N",
           short="-j"),
    Option("max-file-size", "max_file_size", "Largest article read, in bytes or with a unit such as 5MB "
           "(default: 5MB); a larger file is an error.", parse_size, metavar="SIZE"),
    Option("timeout-per-file", "timeout_per_file", "Seconds one file may take before it is reported as an error "
           "(default: 60).", _seconds, metavar="SECONDS"),
    Option("follow-symlinks", "follow_symlinks", "Check symbolic links found in folders when they point inside "
           "the folder searched (default: true); never outside it.", _flag, flag=True),
    Option("force-exclude", "force_exclude", "Apply the exclude globs to files named on the command line too "
           "(pre-commit names every staged file).", _flag, flag=True),
    Option("report-unused-suppressions", "report_unused_suppressions", "Report suppression comments that "
           "suppressed nothing (unused-suppression).", _flag, flag=True),
    Option("fix", "fix", "Apply the safe fixes to the files (standard input: print the fixed article), "
           "then report what remains.", _flag, flag=True),
    Option("unsafe-fixes", "unsafe_fixes", "With --fix or --diff, apply the unsafe fixes too.", _flag, flag=True),
    Option("diff", "diff", "Print the fixes as a unified diff and change nothing (exit 1 when there is one).",
           _flag, flag=True, in_config=False),
    Option("statistics", "statistics", "Print the number of findings per rule.", _flag, flag=True),
    Option("quiet", "quiet", "Print only the findings, no summary line.", _flag, short="-q", flag=True),
    Option("output-file", "output_file", "Write the report to this file instead of standard output.", _text,
           metavar="PATH", short="-o", in_config=False),
    Option("exit-zero", "exit_zero", "Exit 0 even when findings are reported (2 still means a file could not "
           "be checked).", _flag, flag=True, in_config=False),
    Option("stdin-filename", "stdin_filename", "The name of the article read from standard input (PATH '-'): "
           "its format, its configuration and its name in the report.", _text, metavar="PATH", in_config=False),
)
BY_KEY = {option.key: option for option in OPTIONS}


def from_mapping(values: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Settings field values from a configuration table; unknown keys are an error naming them."""
    result = {}
    for key, value in values.items():
        option = BY_KEY.get(key)
        if option is None or not option.in_config:
            known = ", ".join(o.key for o in OPTIONS if o.in_config)
            raise ConfigError(f"{source}: unknown key {key!r} (known keys: {known})")
        result[option.attribute] = option.read(value, f"{source}: {key}")
    return result


def merge(base: Settings, *layers: Mapping[str, Any]) -> Settings:
    """``base`` with each layer's values applied in turn (later layers win)."""
    names = {f.name for f in fields(Settings)}
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update({k: v for k, v in layer.items() if k in names})
    settings = replace(base, **merged)
    if settings.language and settings.language not in settings.languages:
        settings = replace(settings, languages=settings.languages + (settings.language,))
    return settings
