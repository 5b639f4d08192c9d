"""Which of the five moves each recorded set was, on what evidence, or why it counts for none.

Watches guess the exercise of a set done outside a workout (up to three guesses) and the guesses
are noise: a lateral raise guessed "lateral_raise, lateral_raise, row", a conventional deadlift
guessed "deadlift". So a set counts toward a move only when

- ``step``: it was done from a step of one of runlift's own workouts (the activity's workout
  carries runlift's name or marker) and that step is the move's exercise;
- ``exercise``: the watch's FIRST guess names one of the move's exercises (see
  ``move_exercises``), not just its category;
- ``garmin_connect``: Garmin Connect's exercise sets (what the athlete left or set there) name
  one of the move's exercises first.

Every other work set is kept apart with the reason it did not count. Rest sets are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from runlift.workouts.move_exercises import MOVE_EXERCISES, move_exercise
from runlift.workouts.session import NAME_PREFIX, Session, session_name

UNKNOWN = "unknown"
MatchedBy = Literal["step", "exercise", "garmin_connect", "unplanned"]
COUNTED: frozenset[str] = frozenset({"step", "exercise", "garmin_connect"})
# "Runner Strength A" (a FIT file runlift wrote), "Runner Strength A · Tue 24 Nov" (its Garmin
# Connect workout), "Paris - Runner Strength A · Tue 24 Nov" (an activity Garmin Connect named
# after the workout it was done from).
_RUNLIFT_NAME = re.compile(rf"(?:^|\s-\s){re.escape(NAME_PREFIX)}(?P<label>[A-Z])(?:\s·\s.*)?$")
_MOVE_CATEGORIES = frozenset(category for category, _ in MOVE_EXERCISES)


@dataclass(frozen=True)
class Guess:
    """An exercise as the FIT profile spells it (lower case); name None when not given."""

    category: str
    name: str | None = None

    def __str__(self) -> str:
        return self.name or self.category


@dataclass(frozen=True)
class SetRecord:
    """One set as a watch file or Garmin Connect holds it, in plain values."""

    position: int
    active: bool
    # Best first; the first is the watch's own guess (or the athlete's pick in Garmin Connect).
    guesses: tuple[Guess, ...] = ()
    reps: int | None = None
    # 0: body weight or no weight entered.
    weight_kg: float | None = None
    duration_s: float | None = None
    step_index: int | None = None
    start: datetime | None = None
    # "kg" or "lb" when the watch recorded how the athlete sees weights.
    display_unit: str | None = None


@dataclass(frozen=True)
class WorkoutDone:
    """What an activity says about the workout it was done from (nothing: done free-form)."""

    name: str | None = None
    # The workout's description held runlift's marker.
    marker: bool = False
    # Step index -> exercise, from the workout steps the activity file carries.
    steps: Mapping[int, Guess] = field(default_factory=dict)

    @property
    def label(self) -> str | None:
        """The session label (A, B) when the name is one runlift gives its workouts."""
        found = _RUNLIFT_NAME.search(self.name or "")
        return found["label"] if found else None

    @property
    def is_runlift(self) -> bool:
        return self.marker or self.label is not None


@dataclass(frozen=True)
class Evidence:
    """Everything about an activity, beyond its sets, that says what the sets were."""

    workout: WorkoutDone = field(default_factory=WorkoutDone)
    # The sets are Garmin Connect's exercise-sets answer, not a watch file.
    from_connect: bool = False
    # Session label -> step index -> exercise, as runlift lays out its own FIT workout files:
    # used for an activity done from such a file when it does not carry its steps.
    layouts: Mapping[str, Mapping[int, Guess]] = field(default_factory=dict)

    def runlift_steps(self) -> Mapping[int, Guess]:
        workout = self.workout
        if not workout.is_runlift:
            return {}
        if workout.steps:
            return workout.steps
        label = workout.label
        # Only the plain name is a file runlift wrote itself, whose step indexes are known.
        if label is not None and workout.name == session_name(label):
            return self.layouts.get(label, {})
        return {}


@dataclass(frozen=True)
class MatchedSet:
    record: SetRecord
    move: str | None
    by: MatchedBy
    # The exercise the set is taken to be: the step's or the first guess (unknown: none).
    exercise: Guess
    # Why the set counts toward none of the moves; empty when it counts.
    reason: str = ""

    @property
    def counted(self) -> bool:
        return self.by in COUNTED


def match_sets(records: Iterable[SetRecord], evidence: Evidence | None = None) -> list[MatchedSet]:
    """The work sets of ``records``, each with its move and how it was matched, or why not."""
    evidence = evidence or Evidence()
    steps = evidence.runlift_steps()
    return [_match(record, evidence, steps) for record in records if record.active]


def _match(record: SetRecord, evidence: Evidence, steps: Mapping[int, Guess]) -> MatchedSet:
    workout = evidence.workout
    if workout.is_runlift and record.step_index is not None:
        step = steps.get(record.step_index)
        known = move_exercise(step.category, step.name) if step is not None else None
        if known is not None:
            return MatchedSet(record, known.move, "step", Guess(known.category, known.name))
    first = record.guesses[0] if record.guesses else None
    if first is not None:
        known = move_exercise(first.category, first.name)
        if known is not None:
            by: MatchedBy = "garmin_connect" if evidence.from_connect else "exercise"
            return MatchedSet(record, known.move, by, Guess(known.category, known.name))
    reason = _reason(record, evidence, steps)
    return MatchedSet(record, None, "unplanned", first or Guess(UNKNOWN), reason)


def _reason(record: SetRecord, evidence: Evidence, steps: Mapping[int, Guess]) -> str:
    first = record.guesses[0] if record.guesses else None
    who = "Garmin Connect's exercise" if evidence.from_connect else "watch's first guess"
    if first is None:
        why = "no exercise recorded" if evidence.from_connect else "the watch guessed no exercise"
    elif first.name is None and first.category in _MOVE_CATEGORIES:
        why = f"{who} {first.category}, a category without an exercise name"
    else:
        why = f"{who} {first}"
    workout = evidence.workout
    if record.step_index is None or (not workout.name and not workout.marker):
        return why
    if not workout.is_runlift:
        return f"done from the workout {workout.name!r}, not runlift's; {why}"
    if steps:
        return f"step {record.step_index} of runlift's workout is none of the five moves; {why}"
    return why


def session_steps(session: Session) -> dict[int, Guess]:
    """Workout step index -> exercise, for the session as runlift writes it (a FIT workout)."""
    from runlift.workouts.fit_workout import workout_steps
    from runlift.workouts.session import Block

    by_category: dict[str, Block] = {b.exercise.fit_category: b for b in session.blocks}
    steps: dict[int, Guess] = {}
    for step in workout_steps(session):
        category = step.get("exercise_category")
        if category in by_category:
            steps[step["message_index"]] = Guess(category, by_category[category].exercise.fit_name)
    return steps
