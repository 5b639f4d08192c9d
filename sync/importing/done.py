"""Stored work sets as progression reads them: per activity and move, in the athlete's unit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from runlift.workouts.matching import COUNTED
from runlift.workouts.move_exercises import ExerciseKind, move_exercise
from runlift.workouts.moves import MOVES, Variant
from runlift.workouts.progression import (
    DoneSession,
    Increments,
    Progress,
    Rules,
    SessionFacts,
    WorkSet,
    fold,
    lifted_load,
)
from runlift.workouts.settings import MoveTarget
from runlift.workouts.units import Unit
from runlift.workouts.volume import volume_in_name

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.importing.store import StoredSet


@dataclass(frozen=True)
class Program:
    """What progression needs from the config: starting targets, variants, rules."""

    start: dict[str, MoveTarget]
    variants: dict[str, Variant]
    rules: Rules

    @property
    def unit(self) -> Unit:
        return self.rules.unit

    @classmethod
    def from_config(cls, config: Config) -> Program:
        settings = config.athlete_settings()
        increments = Increments(config.increments.dumbbell, config.increments.barbell)
        variants = {move.key: move.variant_for(settings.equipment) for move in MOVES}
        rules = Rules.of(increments, settings.units, config.equipment.barbell_kg)
        return cls(
            start={
                move.key: _on_the_bar(settings.target(move.key), variants[move.key], rules.bar)
                for move in MOVES
                if move.key in settings.targets or variants[move.key].load_kind == "barbell"
            },
            variants=variants,
            rules=rules,
        )

    def progress(self, sets: Sequence[StoredSet]) -> Progress:
        return self.fold(sessions(sets, self.unit))

    def fold(self, done: Sequence[StoredSession]) -> Progress:
        return fold([item.session for item in done], self.start, self.variants, self.rules)


def _on_the_bar(target: MoveTarget, variant: Variant, bar: float) -> MoveTarget:
    """A barbell move starts at the empty bar: with no load configured, or a lighter one."""
    if variant.load_kind == "barbell" and (not target.load or target.load < bar):
        return replace(target, load=bar)
    return target


@dataclass(frozen=True)
class StoredSession:
    """A session for progression, with the stored sets behind each move's work sets."""

    session: DoneSession
    # Move key -> the stored sets, in the order of ``session.sets[move]``.
    stored: dict[str, list[StoredSet]]


def work_set(stored: StoredSet, unit: Unit) -> WorkSet:
    kg = stored.weight_kg
    return WorkSet(
        reps=stored.reps,
        load=lifted_load(kg, unit) if kg else None,
        duration_s=stored.duration_s,
        kind=_exercise_kind(stored.category, stored.name),
    )


@lru_cache(maxsize=1024)
def _exercise_kind(category: str | None, name: str | None) -> ExerciseKind | None:
    # A history holds a handful of exercises, each set of it read here.
    known = move_exercise(category, name)
    return known.kind if known is not None else None


def sessions(sets: Sequence[StoredSet], unit: Unit) -> list[StoredSession]:
    """One session per stored activity, in the order stored; sets that did not count left out."""
    by_activity: dict[str, tuple[StoredSet, dict[str, list[StoredSet]]]] = {}
    for stored in sets:
        _, moves = by_activity.setdefault(stored.activity_id, (stored, {}))
        if stored.move is not None and stored.matched_by in COUNTED:
            moves.setdefault(stored.move, []).append(stored)
    found = []
    for key, (first, moves) in by_activity.items():
        done = DoneSession(
            first.day,
            {move: [work_set(s, unit) for s in items] for move, items in moves.items()},
            SessionFacts(trusted=True, volume=volume_in_name(first.workout)),
            key=key,
        )
        found.append(StoredSession(done, moves))
    return found
