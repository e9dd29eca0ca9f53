"""The checkers a process keeps: one per set of models, whatever the order of its languages, and a bounded number."""

from __future__ import annotations

import itertools

from captioncheck.runner import Checkers
from captioncheck.settings import Settings, merge


def _settings(languages: tuple[str, ...]) -> Settings:
    return merge(Settings(), {"languages": languages})


def test_the_order_of_the_languages_makes_no_new_checker():
    checkers = Checkers()
    orders = list(itertools.permutations(("fr", "es", "en", "de")))
    first = checkers.for_settings(_settings(orders[0]))
    assert all(checkers.for_settings(_settings(order)) is first for order in orders) and len(checkers) == 1


def test_new_language_sets_cannot_grow_the_checkers_past_the_bound():
    checkers = Checkers()
    sets = [("fr", "es", other) for other in ("en", "de", "it", "pt", "nl", "ca", "pl", "ro", "sv", "da", "ru")]
    for languages in sets:
        checkers.for_settings(_settings(languages))
    assert len(checkers) == Checkers.MAX_CHECKERS
    recent = checkers.for_settings(_settings(sets[-1]))
    assert checkers.for_settings(_settings(sets[-1])) is recent  # the one used last is kept
