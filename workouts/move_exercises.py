"""Which named exercises are each of the five moves, and what each is done with.

A set counts toward a move only when its exercise is named as one of these (the FIT profile's
spelling, lower case; Garmin Connect's upper-case names are the same words). The list is the
moves' own variants plus the names Garmin gives the same movement: a Romanian deadlift is also
a straight-leg deadlift, a barbell row is a bent-over row. A category alone ("deadlift",
"plank") never says which exercise was done: a conventional deadlift or a front plank is not one
of the five moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from runlift.workouts.moves import MOVES

# What a set of the exercise is measured in: a load on a barbell or on dumbbells, the body's own
# weight (reps), or a held position (seconds).
ExerciseKind = Literal["barbell", "dumbbell", "bodyweight", "hold"]


@dataclass(frozen=True)
class MoveExercise:
    move: str
    category: str
    name: str
    kind: ExerciseKind


def _named(move: str, kind: ExerciseKind, category: str, *names: str) -> list[MoveExercise]:
    return [MoveExercise(move, category, name, kind) for name in names]


_OTHER_NAMES: list[MoveExercise] = [
    *_named(
        "walking_lunge", "dumbbell", "lunge", "walking_dumbbell_lunge", "weighted_walking_lunge"
    ),
    *_named("walking_lunge", "bodyweight", "lunge", "walking_lunge"),
    *_named("romanian_deadlift", "barbell", "deadlift", "romanian_deadlift"),
    *_named(
        "romanian_deadlift",
        "barbell",
        "deadlift",
        "barbell_straight_leg_deadlift",
        "straight_leg_deadlift",
    ),
    *_named("romanian_deadlift", "dumbbell", "deadlift", "dumbbell_straight_leg_deadlift"),
    *_named("bent_over_row", "barbell", "row", "bent_over_row_with_barbell", "barbell_row"),
    # "dumbell" is how both of Garmin's catalogs spell it.
    *_named("bent_over_row", "dumbbell", "row", "bent_over_row_with_dumbell"),
    *_named(
        "side_plank_leg_lift",
        "hold",
        "plank",
        "side_plank_with_leg_lift",
        "weighted_side_plank_with_leg_lift",
    ),
    *_named(
        "hanging_leg_raise",
        "bodyweight",
        "leg_raise",
        "hanging_leg_raise",
        "weighted_hanging_leg_raise",
    ),
    # Without a bar the program holds boat pose (a V-up held at the top).
    *_named("hanging_leg_raise", "hold", "pose", "boat"),
    *_named("hanging_leg_raise", "hold", "sit_up", "v_up"),
]

MOVE_EXERCISES: dict[tuple[str, str], MoveExercise] = {
    (e.category, e.name): e for e in _OTHER_NAMES
}


def move_exercise(category: str | None, name: str | None) -> MoveExercise | None:
    """The move an exercise named ``category``/``name`` is, or None (always None without a name)."""
    if category is None or name is None:
        return None
    return MOVE_EXERCISES.get((category.lower(), name.lower()))


def _check_variants_are_listed() -> None:
    for move in MOVES:
        for variant in move.variants:
            key = (variant.exercise.fit_category, variant.exercise.fit_name)
            if key not in MOVE_EXERCISES or MOVE_EXERCISES[key].move != move.key:
                raise AssertionError(f"{move.key}: variant {key} missing from MOVE_EXERCISES")


_check_variants_are_listed()
