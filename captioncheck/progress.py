"""The one progress bar (tqdm, on standard error): for long runs on a terminal only."""

from __future__ import annotations

import sys
from collections.abc import Callable

Progress = Callable[[int, int], None]


def progress_bar(enabled: bool, unit: str) -> Progress | None:
    """``update(done, total)`` drawing a bar (count, rate, time left) on standard error, or None when
    not ``enabled`` (standard error is not a terminal, or the run is short). The bar closes at the end."""
    if not enabled:
        return None
    from tqdm import tqdm  # loaded only when a bar is drawn

    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, initial=done, unit=unit, file=sys.stderr, smoothing=0.1, leave=True)
        else:
            bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update
