"""The athlete's current targets per move: config loads, moved on by what was lifted."""

from __future__ import annotations

from sync.config import Config
from workouts.settings import MoveTarget


def current_targets(config: Config) -> dict[str, MoveTarget]:
    return {key: MoveTarget(load=value) for key, value in config.loads.items()}
