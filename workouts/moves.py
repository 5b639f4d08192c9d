"""The coach's five moves: what each is, how much of it, with what, and how to do it well."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from runlift.workouts.catalog import Exercise


class Equipment(StrEnum):
    DUMBBELLS = "dumbbells"
    BARBELL = "barbell"
    BAR = "bar"  # something to hang from


ALL_EQUIPMENT: frozenset[Equipment] = frozenset(Equipment)

LoadKind = Literal["dumbbell", "barbell", "bodyweight"]


@dataclass(frozen=True)
class Prescription:
    """Sets of a rep range or of a hold. ``per_side`` moves are done for each leg or side."""

    sets: int
    reps: tuple[int, int] | None = None
    hold_s: int | None = None
    per_side: bool = False
    # Both legs in one set, one after the other (walking lunge), rather than a set per side.
    alternating: bool = False
    # None: the athlete's rest between sets.
    rest_s: int | None = None

    @property
    def is_hold(self) -> bool:
        return self.hold_s is not None


@dataclass(frozen=True)
class Variant:
    exercise: Exercise
    title: str
    needs: frozenset[Equipment]
    load_kind: LoadKind
    prescription: Prescription
    cue: str


@dataclass(frozen=True)
class Move:
    key: str
    title: str
    # In order of preference: the first whose equipment the athlete has is used.
    variants: tuple[Variant, ...]

    def variant_for(self, equipment: frozenset[Equipment]) -> Variant:
        for variant in self.variants:
            if variant.needs <= equipment:
                return variant
        return self.variants[-1]


_STRENGTH_8_12 = Prescription(sets=2, reps=(8, 12))

WALKING_LUNGE = Move(
    key="walking_lunge",
    title="Walking lunge",
    variants=(
        Variant(
            Exercise("lunge", "walking_dumbbell_lunge", "Walking Dumbbell Lunge"),
            "Walking DB Lunge",
            frozenset({Equipment.DUMBBELLS}),
            "dumbbell",
            Prescription(sets=2, reps=(8, 12), per_side=True, alternating=True),
            "Step long, chest tall, drop the back knee until the front knee is at a right angle; "
            "push through the front heel into the next step.",
        ),
        Variant(
            Exercise("lunge", "walking_lunge", "Walking Lunge"),
            "Walking Lunge",
            frozenset(),
            "bodyweight",
            Prescription(sets=2, reps=(8, 12), per_side=True, alternating=True),
            "Step long, chest tall, drop the back knee until the front knee is at a right angle; "
            "push through the front heel into the next step.",
        ),
    ),
)

ROMANIAN_DEADLIFT = Move(
    key="romanian_deadlift",
    title="Romanian deadlift",
    variants=(
        Variant(
            Exercise("deadlift", "romanian_deadlift", "Romanian Deadlift"),
            "Romanian Deadlift",
            frozenset({Equipment.BARBELL}),
            "barbell",
            _STRENGTH_8_12,
            "Feet a little wider than the hips, knees soft. Push the hips back with a flat back, "
            "then stand up by squeezing hamstrings and glutes. The last two reps should be hard.",
        ),
        Variant(
            Exercise(
                "deadlift", "dumbbell_straight_leg_deadlift", "Dumbbell Straight-leg Deadlift"
            ),
            "DB Romanian Deadlift",
            frozenset({Equipment.DUMBBELLS}),
            "dumbbell",
            _STRENGTH_8_12,
            "Dumbbells close to the legs, knees soft. Push the hips back with a flat back, then "
            "stand up by squeezing hamstrings and glutes. The last two reps should be hard.",
        ),
        Variant(
            Exercise("deadlift", "romanian_deadlift", "Romanian Deadlift"),
            "Romanian Deadlift",
            frozenset(),
            "bodyweight",
            _STRENGTH_8_12,
            "Knees soft, hinge at the hips with a flat back until you feel the hamstrings, "
            "then drive the hips forward to stand tall.",
        ),
    ),
)

BENT_OVER_ROW = Move(
    key="bent_over_row",
    title="Bent-over row",
    variants=(
        Variant(
            Exercise("row", "bent_over_row_with_barbell", "Bent-over Row with Barbell"),
            "Bent-over Row",
            frozenset({Equipment.BARBELL}),
            "barbell",
            _STRENGTH_8_12,
            "Hinge until the torso is nearly level with the floor, back flat. "
            "Pull the bar to the lower ribs, shoulders down and back; lower under control.",
        ),
        Variant(
            # "DUMBELL" is how both catalogs spell it.
            Exercise("row", "bent_over_row_with_dumbell", "Bent-over Row with Dumbbell"),
            "DB Bent-over Row",
            frozenset({Equipment.DUMBBELLS}),
            "dumbbell",
            _STRENGTH_8_12,
            "Hinge until the torso is nearly level with the floor, back flat. "
            "Pull both dumbbells to the ribs, shoulders down and back; lower under control.",
        ),
        Variant(
            Exercise("row", "bent_over_row_with_barbell", "Bent-over Row with Barbell"),
            "Bent-over Row",
            frozenset(),
            "bodyweight",
            _STRENGTH_8_12,
            "Hinge with a flat back and row whatever you have (a loaded backpack works) "
            "to the ribs, shoulders down and back.",
        ),
    ),
)

SIDE_PLANK_LEG_LIFT = Move(
    key="side_plank_leg_lift",
    title="Side plank with leg lift",
    variants=(
        Variant(
            Exercise("plank", "side_plank_with_leg_lift", "Side Plank with Leg Lift"),
            "Side Plank Leg Lift",
            frozenset(),
            "bodyweight",
            Prescription(sets=3, hold_s=10, per_side=True, rest_s=30),
            "From a high plank, roll onto the edge of one foot, feet stacked, free arm to the "
            "ceiling. Raise the straight top leg and hold; hips stay high.",
        ),
    ),
)

HANGING_LEG_RAISE = Move(
    key="hanging_leg_raise",
    title="Hanging leg raise",
    variants=(
        Variant(
            Exercise("leg_raise", "hanging_leg_raise", "Hanging Leg Raise"),
            "Hanging Leg Raise",
            frozenset({Equipment.BAR}),
            "bodyweight",
            Prescription(sets=3, reps=(10, 10)),
            "Hang still, legs straight. Lift them to hip height without swinging, "
            "lower slowly. Fewer clean reps beat many swung ones.",
        ),
        Variant(
            # Neither catalog has a boat pose both know (FIT's pose/boat is missing from
            # Garmin Connect): a V-up held at the top is the same position.
            Exercise("sit_up", "v_up", "V-up"),
            "Boat Pose Hold",
            frozenset(),
            "bodyweight",
            Prescription(sets=3, hold_s=20, rest_s=45),
            "Sit tall, lean back a little and lift straight legs so the body makes a V; "
            "arms forward, chest open. Hold without rounding the back.",
        ),
    ),
)

MOVES: tuple[Move, ...] = (
    WALKING_LUNGE,
    ROMANIAN_DEADLIFT,
    BENT_OVER_ROW,
    SIDE_PLANK_LEG_LIFT,
    HANGING_LEG_RAISE,
)
MOVES_BY_KEY: dict[str, Move] = {move.key: move for move in MOVES}
