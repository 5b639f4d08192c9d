"""What every fuzz property of the readers checks, and the budgets they run with.

The properties (tests/test_fuzz_*.py) hand each reader generated hostile input and hold it to
issue 24's promise: no exception escapes but runlift's one-line UserError (or the reader's own
skip), every line is one line and none is Python's exception text, and each case ends within
``CASE_SECONDS`` and ``CASE_BYTES`` of Python memory (tracemalloc's peak).

Budgets: in CI (the default) every property runs a small fixed number of cases, derandomized and
without Hypothesis' database, so the same code gives the same cases and the same result.
``bench/fuzz.py`` sets RUNLIFT_FUZZ=long (and RUNLIFT_FUZZ_CASES) for long random runs, and
counts the cases each property ran (``count``).
"""

from __future__ import annotations

import os
import re
import signal
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from hypothesis import HealthCheck, settings

LONG = os.environ.get("RUNLIFT_FUZZ") == "long"
CASE_SECONDS = 20
CASE_BYTES = 300 * 2**20
_SLOW_IS_FINE = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.function_scoped_fixture,
    HealthCheck.large_base_example,
]
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_IS_FINE,
)
settings.register_profile(
    "long",
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_IS_FINE,
)
settings.load_profile("long" if LONG else "ci")

# Cases per property and run, for bench/fuzz.py.
cases: Counter[str] = Counter()


def budget(ci_cases: int) -> settings:
    """``ci_cases`` in CI; RUNLIFT_FUZZ_CASES (default 2,000) in a long run."""
    if LONG:
        return settings(max_examples=int(os.environ.get("RUNLIFT_FUZZ_CASES", "2000")))
    return settings(max_examples=ci_cases)


@contextmanager
def bounded(name: str) -> Iterator[None]:
    """One case of property ``name``: counted, within CASE_SECONDS and CASE_BYTES."""
    cases[name] += 1

    def too_long(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"one case of {name} ran past {CASE_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(CASE_SECONDS)
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert peak < CASE_BYTES, f"one case of {name} peaked at {peak / 2**20:.0f} MiB"


# Python's words that a line for a runner never holds.
_PYTHON = re.compile(
    r"Traceback|\b[A-Z][A-Za-z]*(Error|Exception)\b|Errno|errno|object has no attribute|"
    r"unsupported operand|NoneType|invalid literal|not subscriptable|codec can't"
)


def one_line(text: str) -> str:
    """``text`` if it is one line in a runner's words; fails the property otherwise."""
    assert text, "an empty line"
    assert "\n" not in text and "\r" not in text, f"more than one line: {text!r}"
    assert not _PYTHON.search(text), f"Python's words: {text!r}"
    return text
