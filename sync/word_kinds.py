"""The kinds of runs a runner may teach runlift words for (config.toml's ``[plan.words]``).

Its own module: the config names them without loading the planner and its word lists.
"""

from __future__ import annotations

RUNNER_KINDS = ("quality", "long", "race", "easy", "strength", "not_a_run")
