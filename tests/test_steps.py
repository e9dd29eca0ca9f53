"""Files checked together: the same reports as alone, fewer encoder calls, a time budget per file."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from captioncheck.budget import checkpoint
from captioncheck.checker import Checker
from captioncheck.errors import FileTimeout
from captioncheck.settings import Settings
from captioncheck.steps import ALONE_CHARACTERS, Encoding, run, run_together

from conftest import ROOT

ARTICLES = sorted(p for p in (ROOT / "data" / "articles").iterdir() if p.suffix in (".txt", ".md", ".html"))


class RecordingEncoder:
    """Encodes nothing: records the texts of each call."""

    name = "recording"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return np.zeros((len(texts), 512), dtype=np.float32)


def _asking(encoder, *requests: list[str], pause: float = 0.0):
    """Steps that ask for each request in turn (pausing ``pause`` s before each, checking the budget),
    and return what they asked for, or the timeout's message."""
    try:
        for texts in requests:
            time.sleep(pause)
            checkpoint()
            yield Encoding(encoder, texts)
        time.sleep(pause)
        checkpoint()
    except FileTimeout as error:
        return str(error)
    return [text for texts in requests for text in texts]


def test_what_files_ask_of_one_encoder_is_encoded_in_one_call_per_round():
    encoder, other = RecordingEncoder(), RecordingEncoder()
    results = run_together([_asking(encoder, ["a", "b"], ["c"]), _asking(encoder, ["b", "d"]),
                            _asking(other, ["x"]), _asking(encoder)], [None] * 4)
    assert results == [["a", "b", "c"], ["b", "d"], ["x"], []]
    assert encoder.calls == [["a", "b", "d"], ["c"]]  # each text once per call
    assert other.calls == [["x"]]  # another model's texts are not mixed in


def test_a_joined_call_that_fails_leaves_each_file_to_encode_its_own():
    class Failing(RecordingEncoder):
        def encode(self, texts):
            super().encode(texts)
            raise MemoryError("no room")

    encoder = Failing()
    assert run_together([_asking(encoder, ["a"]), _asking(encoder, ["b"])], [None, None]) == [["a"], ["b"]]
    assert encoder.calls == [["a", "b"]]


def test_a_file_that_asks_for_many_texts_has_them_encoded_alone_within_its_budget():
    encoder = RecordingEncoder()
    big = ["x" * (ALONE_CHARACTERS // 2), "y" * (ALONE_CHARACTERS // 2 + 1)]
    run_together([_asking(encoder, ["a"]), _asking(encoder, big), _asking(encoder, ["b"])], [None] * 3)
    assert encoder.calls == [big, ["a", "b"]]


def test_a_files_budget_is_spent_across_its_steps_and_the_others_are_finished():
    encoder = RecordingEncoder()
    # 0.3 s a step against 0.5 s: the first step fits, the second runs out; the other file has no budget
    results = run_together([_asking(encoder, ["a"], ["b"], pause=0.3), _asking(encoder, ["c"], pause=0.3)],
                           [0.5, None])
    assert results == ["took longer than 0.5 s (--timeout-per-file); not checked", ["c"]]
    with pytest.raises(FileTimeout):  # a budget spent before a step starts
        run(_raising_after(0.05), 0.01)


def _raising_after(seconds: float):
    time.sleep(seconds)
    yield Encoding(RecordingEncoder(), ["a"])
    return "not stopped"


def test_files_checked_together_are_reported_as_each_alone_with_fewer_encoder_calls():
    def counted(checker: Checker) -> list[int]:
        raw = checker.encoder().encoder  # under the cache: one call per encoding
        calls = [0]
        encode = raw.encode

        def counting(texts):
            calls[0] += 1
            return encode(texts)

        raw.encode = counting
        return calls

    settings = Settings()
    alone, together = Checker(settings), Checker(settings)
    alone_calls, together_calls = counted(alone), counted(together)
    files = [(path, path.name) for path in ARTICLES]
    reports = together.check_files(files)
    assert reports == [alone.check_file(path, name) for path, name in files]
    assert sum(bool(r.pairs) for r in reports) >= 8  # the fixtures have pairs to give verdicts on
    assert together_calls[0] < alone_calls[0] / 4


def test_articles_checked_together_are_reported_as_each_alone_and_a_bad_one_is_its_own_error():
    from captioncheck.api import check_article, check_articles, settings_for

    settings = Settings()
    items = [(path.read_text(encoding="utf-8"), "markdown" if path.suffix == ".md" else
              "html" if path.suffix == ".html" else "text", path.name, settings) for path in ARTICLES[:9]]
    items.insert(3, ("Un texte.", "text", "huge.txt", settings_for({"max-file-size": 4})))
    items.insert(5, ("Un texte.", "text", "unknown.txt", Settings(languages=("fr", "xx"))))
    results = check_articles(items)
    assert [report for report, _ in results][:3] == [check_article(*item) for item in items[:3]]
    assert all(seconds >= 0 for _, seconds in results)
    assert "larger than the limit of 4 bytes" in results[3][0].error
    assert "xx" in results[5][0].error and results[6][0].error is None


def test_a_file_out_of_time_in_a_batch_is_its_own_error_and_the_others_are_checked(tmp_path):
    import json

    from conftest import run_cli

    article = (ROOT / "data" / "articles" / "fr-caption-es.md").read_text(encoding="utf-8")
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    (tmp_path / "b-long.md").write_text(article + "\n\n" + "".join(
        f"Le ministre numéro {n} a parlé à Paris avec {n * 7} homologues.\n\n"
        f"El ministro número {n} habló en París con {n * 7} homólogos.\n\n" for n in range(3000)), encoding="utf-8")
    (tmp_path / "c.md").write_text(article, encoding="utf-8")
    done = run_cli("--format", "json", "--jobs", "1", "--timeout-per-file", "3", str(tmp_path), process=True)
    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert "took longer than 3 s (--timeout-per-file)" in files["b-long.md"]["error"]
    assert files["a.md"].get("error") is None and files["a.md"]["findings"]
    assert files["c.md"]["findings"] == files["a.md"]["findings"]
