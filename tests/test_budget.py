"""The per-file time budget holds in any thread: a deadline the pipeline checks between its steps."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from captioncheck.api import check_article
from captioncheck.budget import checkpoint, time_limit
from captioncheck.errors import FileTimeout
from captioncheck.settings import Settings

ARTICLE = (Path(__file__).resolve().parents[1] / "data" / "articles" / "fr-caption-es.md").read_text(encoding="utf-8")


def _in_a_thread(function):
    """``function()``'s result or exception, run in a thread other than the main one (no SIGALRM there)."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = function()
        except BaseException as error:  # handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def test_a_check_in_a_worker_thread_stops_at_its_budget():
    long_article = ARTICLE + "\n\n" + "Le ministre a parlé à Paris avec ses homologues. " * 4000
    report = _in_a_thread(lambda: check_article(long_article, "markdown", "long.md", Settings(timeout_per_file=0.01)))
    assert report.error is not None and "0.01 s (--timeout-per-file)" in report.error
    report = _in_a_thread(lambda: check_article(ARTICLE, "markdown", "a.md", Settings(timeout_per_file=60)))
    assert report.error is None and report.findings


def test_a_deadline_is_checked_between_steps_and_nothing_is_left_behind():
    checkpoint()  # no budget: nothing to check
    with pytest.raises(FileTimeout, match="0.001 s"):
        with time_limit(0.001):
            time.sleep(0.01)
            checkpoint()
    checkpoint()  # the budget ended with its block


def test_a_budget_inside_another_ends_no_later_than_the_outer_one():
    def nested() -> None:
        with time_limit(0.01):
            with time_limit(60):
                time.sleep(0.02)
                checkpoint()

    with pytest.raises(FileTimeout, match="0.01 s"):
        _in_a_thread(nested)
    with pytest.raises(FileTimeout, match="0.01 s"):  # in the main thread too, where the real-time timer runs
        nested()
