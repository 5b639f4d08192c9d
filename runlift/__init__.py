"""runlift: a runner's five-move strength program as structured workouts on a Garmin watch.

The code lives in the repository's top-level folders ``workouts/`` (the pure core) and ``sync/``
(everything that talks to the world); they are installed as ``runlift.workouts`` and
``runlift.sync``. What a provider plugin may import is ``runlift.api``.
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # ``__version__`` is read from the installed package's metadata when it is asked for:
    # importlib.metadata costs more to import than every command's own start-up work.
    if name != "__version__":
        raise AttributeError(f"module 'runlift' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("runlift")
    except PackageNotFoundError:  # pragma: no cover - a tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
