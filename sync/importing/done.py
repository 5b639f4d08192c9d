"""Stored work sets as progression reads them: per activity and move, in the athlete's unit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runlift.sync.config import Config
from runlift.sync.importing.store import StoredSet
from runlift.workouts.moves import MOVES, Variant
from runlift.workouts.progression import (
    DoneSession,
    Increments,
    Progress,
    WorkSet,
    fold,
    lifted_load,
)
from runlift.workouts.settings import MoveTarget
from runlift.workouts.units import Unit
from runlift.workouts.volume import volume_in_name


@dataclass(frozen=True)
class Program:
    """What progression needs from the config: starting targets, variants, steps, unit."""

    start: dict[str, MoveTarget]
    variants: dict[str, Variant]
    increments: Increments
    unit: Unit

    @classmethod
    def from_config(cls, config: Config) -> Program:
        settings = config.athlete_settings()
        return cls(
            start=dict(settings.targets),
            variants={move.key: move.variant_for(settings.equipment) for move in MOVES},
            increments=Increments(config.increments.dumbbell, config.increments.barbell),
            unit=settings.units,
        )

    def progress(self, sets: Sequence[StoredSet]) -> Progress:
        return fold(
            sessions(sets, self.unit), self.start, self.variants, self.increments, self.unit
        )


def work_set(stored: StoredSet, unit: Unit) -> WorkSet:
    kg = stored.weight_kg
    return WorkSet(
        reps=stored.reps,
        load=lifted_load(kg, unit) if kg else None,
        duration_s=stored.duration_s,
    )


def sessions(sets: Sequence[StoredSet], unit: Unit) -> list[DoneSession]:
    """One DoneSession per stored activity, in date order; unplanned sets left out."""
    by_activity: dict[str, tuple[StoredSet, dict[str, list[WorkSet]]]] = {}
    for stored in sets:
        _, moves = by_activity.setdefault(stored.activity_id, (stored, {}))
        if stored.move is not None:
            moves.setdefault(stored.move, []).append(work_set(stored, unit))
    return [
        DoneSession(first.day, moves, volume_in_name(first.activity_name))
        for first, moves in by_activity.values()
    ]
