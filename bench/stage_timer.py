"""Time per pipeline stage, for benchmarks: each stage's function wrapped where it is called from.

A stage's time is exclusive: what it spends in another timed stage (the encoder, inside a verdict)
counts for that one. A stage written as a generator (pairing stops where it encodes: see
``captioncheck.steps``) is timed while it runs, not while it waits. Installed for the duration of a ``with`` block; the pipeline is unchanged
outside it.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import time
from collections import Counter
from collections.abc import Callable, Iterator


def _targets() -> list[tuple[str, object, str]]:
    """(stage, owner, attribute): where each stage's function is looked up when it is called."""
    from captioncheck import checker, pairing
    from captioncheck.compare import names
    from captioncheck.embeddings.use_m3 import UseM3Encoder
    from captioncheck.rules.registry import RULES

    targets = [
        ("read: load and decode", checker, "load"),
        ("read: parse", checker, "parse"),
        ("language: split joined lines", checker.Checker, "segmenter"),
        ("language: segments", checker.Checker, "detect_segments"),
        ("language: short captions", checker.Checker, "short_detections"),
        ("language: article", checker, "decide_article_language"),
        ("language: slots", checker, "decide_in_slots"),
        ("pairing", checker, "pair_segments"),
        ("pairing: words and clauses to encode", pairing, "texts_to_encode"),
        ("pairing: content words", pairing, "content_words"),
        ("verdict: word alignment", pairing, "align"),
        ("verdict: names", names, "missing"),
        ("verdict: names absent", names, "absent_names"),
        ("verdict: equivalence, omission", pairing, "evaluate"),
        ("encoder (network)", UseM3Encoder, "encode"),
        ("policy", checker, "apply_policy"),
    ]
    targets += [(f"rule: {rule.RULE.id}", rule, "check") for rule in RULES]
    return targets


class StageTimer:
    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self._stack: list[list[float]] = []  # per active stage: [started, time spent in inner stages]

    def _wrap(self, stage: str, function: Callable) -> Callable:
        if inspect.isgeneratorfunction(function):
            return self._wrap_steps(stage, function)

        @functools.wraps(function)
        def timed(*args, **kwargs):
            self._enter()
            try:
                return function(*args, **kwargs)
            finally:
                self._leave(stage)
                self.calls[stage] += 1
        return timed

    def _wrap_steps(self, stage: str, function: Callable) -> Callable:
        @functools.wraps(function)
        def timed(*args, **kwargs):
            steps, sent = function(*args, **kwargs), None
            self.calls[stage] += 1
            while True:
                self._enter()
                try:
                    asked = steps.send(sent)
                except StopIteration as end:
                    return end.value
                finally:
                    self._leave(stage)
                sent = yield asked
        return timed

    def _enter(self) -> None:
        self._stack.append([time.perf_counter(), 0.0])

    def _leave(self, stage: str) -> None:
        started, inner = self._stack.pop()
        elapsed = time.perf_counter() - started
        self.seconds[stage] += elapsed - inner
        if self._stack:
            self._stack[-1][1] += elapsed

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        saved = []
        for stage, owner, attribute in _targets():
            original = owner.__dict__[attribute] if isinstance(owner, type) else getattr(owner, attribute)
            saved.append((owner, attribute, original))
            setattr(owner, attribute, self._wrap(stage, original))
        try:
            yield
        finally:
            for owner, attribute, original in reversed(saved):
                setattr(owner, attribute, original)

    def table(self, total: float) -> str:
        lines = ["| stage | calls | seconds | share |", "|---|---:|---:|---:|"]
        for stage, seconds in self.seconds.most_common():
            lines.append(f"| {stage} | {self.calls[stage]} | {seconds:.2f} | {100 * seconds / total:.0f}% |")
        rest = total - sum(self.seconds.values())
        lines.append(f"| everything else (rules' own work aside from the above, report) | | {rest:.2f} | "
                     f"{100 * rest / total:.0f}% |")
        return "\n".join(lines)


__all__ = ["StageTimer"]
