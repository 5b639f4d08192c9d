"""The athlete's current targets per move: config loads, moved on by what was lifted.

Called by `runlift sync` and `runlift export` so the next sessions carry the new targets:
``config.athlete_settings(targets=current_targets(config))``.
"""

from __future__ import annotations

from runlift.sync import paths
from runlift.sync.config import Config
from runlift.workouts.settings import MoveTarget


def current_targets(config: Config) -> dict[str, MoveTarget]:
    from runlift.sync.importing.done import Program

    program = Program.from_config(config)
    database = paths.state_db()
    if not database.exists():
        return program.start
    from runlift.sync.importing import store

    with store.opened(database) as conn:
        sets = store.work_sets(conn)
    return program.progress(sets).targets
