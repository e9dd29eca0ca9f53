"""The bad-file matrix: every file a content repository may hold, checked beside a good article.

Each case runs the real command line on a bad file and a good article together, and asserts: the
exit status, one clear line on standard error naming the bad file, bounded time and memory, that the
good article is still reported, and that no input file was written (same bytes, same mtime).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, run_cli

GOOD = DATA / "fr-caption-es.txt"  # one untranslated caption: exit 1 on its own
TIME_LIMIT_S = 30.0
MEMORY_LIMIT_KB = 500_000


def _run(*args: str, timeout: float = TIME_LIMIT_S) -> tuple[subprocess.CompletedProcess, int]:
    """The CLI in a child process that must end within ``timeout`` seconds (a hang fails the test), and
    that child's peak memory (KB)."""
    result = run_cli(*args, process=True, timeout=timeout)
    return result, result.peak_kb


def _fingerprint(path: Path) -> tuple[str, int]:
    info = os.stat(path, follow_symlinks=False)
    data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    return hashlib.sha256(data).hexdigest(), info.st_mtime_ns


def _one_article(text: str) -> str:
    return f"Le titre de l'article\n\n{text}\n\nUn paragraphe du corps de l'article, en français, sur le sujet.\n"


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _names(count: int, offset: int) -> list[str]:
    """``count`` made-up two-word names, distinct for each ``offset``."""
    syllables = "ka lo mi ra te su na vo pe li do ga ri ne to ba".split()
    words = ["".join(parts).capitalize() for parts in itertools.product(syllables, repeat=3)]
    return [f"{words[(offset + 2 * i) % len(words)]} {words[(offset + 2 * i + 1) % len(words)]}"
            for i in range(count)]


CASES = {
    # name: (file name, content, expected words of its error line or None for no error)
    "empty": ("empty.txt", b"", None),
    "whitespace": ("blank.txt", b"  \n\t\n   \n", None),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100, "NUL bytes"),
    "nul-after-8k": ("late.txt", b"Le titre\n\n" + b"a" * 9000 + b"\x00 fin\n", "NUL bytes"),
    "latin-1": ("latin.txt", "Le café est très chaud ce matin.".encode("latin-1"), "not valid UTF-8"),
    "utf-16-bom": ("utf16.txt", "Le café est très chaud.".encode("utf-16"), "UTF-16"),
    "utf-16-no-bom": ("utf16le.txt", "Le café est très chaud.".encode("utf-16-le"), "NUL bytes"),
    "utf-8-bom": ("bom.txt", b"\xef\xbb\xbf" + _one_article("Un texte.").encode(), None),
    "crlf": ("crlf.txt", _one_article("Une ligne.").replace("\n", "\r\n").encode(), None),
    "lone-cr": ("cr.txt", _one_article("Une ligne.").replace("\n", "\r").encode(), None),
    "10-MB-single-line": ("huge.txt", b"mot " * 2_600_000, "larger than the limit"),
    "unclosed-tags": ("unclosed.html", b"<html><body><div><p>Un paragraphe <b>sans fin <i>du tout", None),
    "deep-html": ("deep.html", b"<div>" * 100_000 + b"<p>Un paragraphe du corps.</p>" + b"</div>" * 100_000, None),
    "deep-unclosed-html": ("deep2.html", b"<div>" * 100_000 + b"<p>Un paragraphe du corps.", None),
    "marked-section": ("marked.html", b"<html><body><![g><p>Un paragraphe du corps de la page.</p></body></html>", None),
    "unclosed-marked-section": ("marked2.html", b"<html><body><p>Un paragraphe du corps de la page.</p><![0", None),
    "long-marked-section": ("marked3.html", b"<p>Un paragraphe du corps.</p><![0" + b"a" * 20_000 + b"><p>Fin.</p>", None),
    "deep-yaml": ("deep.md", b"---\nlang: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n\n# T\n", "nested too deep"),
    "deep-toml": ("deep2.md", b"+++\nlang = " + b"[" * 5000 + b"]" * 5000 + b"\n+++\n\n# T\n", "nested too deep"),
    "yaml-alias-bomb": ("bomb.md", ("---\na: &a [x, x, x, x, x, x, x, x, x]\n"
                                    + "".join(f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n"
                                              for p, c in zip("abcdefgh", "bcdefghi"))
                                    + "lang: fr\n---\n\n# Titre\n\nUn paragraphe.\n").encode(), None),
    "broken-yaml": ("broken.md", b"---\nlang: [fr\n---\n\n# T\n", "front matter cannot be read"),
    "suppression-typo": ("typo.txt", _one_article("captioncheck: ignore[;]\nUne ligne.").encode(), None),
    "name with spaces": ("un article.txt", _one_article("Une ligne.").encode(), None),
    "name with newline": ("un\narticle.txt", _one_article("Une ligne.").encode(), None),
    "non-ascii name": ("artículo-été.txt", _one_article("Une ligne.").encode(), None),
    # a paragraph and its translation of nothing but written-out numbers: read, paired and compared
    "number-words": ("nombres.txt", ("Des nombres\n\n" + "veinte y tres, cuarenta y uno, " * 6000 + "\n\n"
                                     + "vingt-trois, quarante et un, " * 6000 + "\n").encode(), None),
    # two caption lines of one slot with 16,000 times of day each: each number is tested against the times
    "times": ("horaires.txt", ("Les horaires des trains de la ville\n\nAFP - Llegó el tren "
                               + "a las 2:30 y 14h15, " * 8000 + "con retraso.\nAFP - Le train est arrivé "
                               + "à 2:30 et 14h15, " * 8000 + "en retard.\n").encode(), None),
    # long runs of spaces, dots and copyright signs: each once made a pattern try every way of splitting
    # the run (an unclosed quotation mark, a credit's line end, a clause break, a sentence end)
    "spaces": ("espaces.txt", ("Le titre\n\nAFP" + " " * 100_000 + "/ Le «" + " " * 100_000 + "ministre : parle"
                               + " " * 100_000 + "- et rit.\n").encode(), None),
    "dots": ("points.txt", ("Le titre\n\nLe ministre " + "." * 50_000 + " parle" + "!" * 50_000 + "\n").encode(), None),
    "copyright-signs": ("copyright.txt", ("Le titre\n\nLe ministre " + "Ab©" * 30_000 + " parle.\n").encode(), None),
    # two caption lines of one slot naming 2,500 people each, none the same: every name is looked for
    # on the other side
    "names": ("noms.txt", ("Le ministre présente son plan aux habitants de la ville\n\nAFP - El ministro "
                           + " ".join(f"saluda a {n}, alcalde de la ciudad, y" for n in _names(2500, 0))
                           + " se va.\nAFP - Le ministre "
                           + " ".join(f"salue {n}, maire de la ville, et" for n in _names(2500, 1))
                           + " s'en va.\n").encode(), None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_file_beside_a_good_one(case: str, tmp_path: Path):
    name, content, error = CASES[case]
    bad = _write(tmp_path / name, content)
    good = tmp_path / "good.txt"
    shutil.copy(GOOD, good)
    before = {p: _fingerprint(p) for p in (bad, good)}
    result, peak = _run("--format", "json", str(bad), str(good))
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    report = json.loads(result.stdout)
    paths = [f["path"] for f in report["files"]]
    assert paths == [str(bad), str(good)]
    assert report["files"][1]["findings"], "the good article is still reported"
    if error is None:
        assert "error" not in report["files"][0], stderr
        assert result.returncode == 1
    else:
        assert result.returncode == 2
        lines = [line for line in stderr.splitlines() if line.startswith("captioncheck: error:")]
        assert len(lines) == 1 and error in lines[0], stderr
    assert peak < MEMORY_LIMIT_KB
    assert {p: _fingerprint(p) for p in (bad, good)} == before


def test_fifo_and_devices_are_refused_without_reading(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    shutil.copy(GOOD, good)
    result = run_cli(str(fifo), "/dev/zero", "/dev/urandom", str(good))
    errors = result.stderr.decode().splitlines()
    assert result.returncode == 2
    assert errors == [f"captioncheck: error: {fifo}: not a regular file (a FIFO), not read",
                      "captioncheck: error: /dev/zero: not a regular file (a device), not read",
                      "captioncheck: error: /dev/urandom: not a regular file (a device), not read"]
    assert "untranslated-segment" in result.stdout.decode()


def test_links_out_of_the_folder_fifos_and_loops_in_a_folder_are_never_read(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(GOOD, content / "good.txt")
    os.mkfifo(content / "pipe.txt")
    (content / "passwd.txt").symlink_to("/etc/passwd")
    (content / "zero.txt").symlink_to("/dev/zero")
    (content / "loop.txt").symlink_to(content / "loop.txt")
    (content / "inside.txt").symlink_to(content / "good.txt")
    result, _ = _run("--format", "json", "--jobs", "2", str(content))
    report = json.loads(result.stdout)
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert "root:" not in result.stdout.decode()
    assert set(by_name) == {"good.txt", "inside.txt", "pipe.txt"}
    assert "not a regular file" in by_name["pipe.txt"]["error"]
    assert by_name["inside.txt"]["findings"] and by_name["good.txt"]["findings"]
    assert result.returncode == 2
    no_links = run_cli("--format", "json", "--no-follow-symlinks", str(content))
    assert {Path(f["path"]).name for f in json.loads(no_links.stdout)["files"]} == {"good.txt", "pipe.txt"}


def test_a_path_that_cannot_be_opened_is_one_line(tmp_path: Path):
    # (Tests run as root here, who reads any file whatever its mode: a path through a file stands in.)
    through_a_file = _write(tmp_path / "plain.txt", "Un texte.") / "article.txt"
    result = run_cli(str(through_a_file))
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"captioncheck: error: {through_a_file}: Not a directory"


@pytest.mark.slow
def test_a_folder_of_5000_files_in_parallel(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    text = _one_article("Une ligne de légende sans rien à signaler.")
    for n in range(5000):
        (content / f"a{n:04d}.txt").write_text(text, encoding="utf-8")
    shutil.copy(GOOD, content / "zz-good.txt")
    result, _ = _run("--format", "json", "--jobs", "2", str(content), timeout=120)
    report = json.loads(result.stdout)
    assert len(report["files"]) == 5001
    assert report["files"][-1]["findings"]
    assert result.returncode == 1


@pytest.mark.slow
def test_100000_paragraphs_and_a_5_MB_line_are_checked_or_refused_in_bounded_time(tmp_path: Path):
    paragraphs = _write(tmp_path / "many.txt", "\n\n".join(
        f"Le paragraphe numéro {n} parle du gouvernement et de la ville." for n in range(100_000)))
    line = _write(tmp_path / "line.md", "Le ministre parle de la ville et du pays. " * 110_000)
    for path in (paragraphs, line):
        result, peak = _run("--format", "json", "--timeout-per-file", "45", str(path), timeout=60)
        assert result.returncode in (0, 1, 2)
        assert "Traceback" not in result.stderr.decode()
        assert peak < MEMORY_LIMIT_KB
