"""runlift: a runner's five-move strength program as structured workouts on a Garmin watch.

The code lives in the repository's top-level folders ``workouts/`` (the pure core) and ``sync/``
(everything that talks to the world); they are installed as ``runlift.workouts`` and
``runlift.sync``. What a provider plugin may import is ``runlift.api``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("runlift")
except PackageNotFoundError:  # pragma: no cover - running from a tree that was never installed
    __version__ = "0+unknown"
