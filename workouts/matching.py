"""Which of the session's moves each recorded set was: by workout step, by exercise, or neither.

A set done from a workout step carries that step's index; that is the surest link. Otherwise the
watch (or the athlete, in Garmin Connect) names up to three candidate exercises, best first: the
first whose category belongs to the session wins. Anything else is kept as an unplanned set.
Rest sets are not work sets and are dropped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from runlift.workouts.session import Session

UNKNOWN = "unknown"
MatchedBy = Literal["step", "exercise", "unplanned"]


@dataclass(frozen=True)
class Guess:
    """An exercise as the FIT profile spells it (lower case); name None when not given."""

    category: str
    name: str | None = None


@dataclass(frozen=True)
class SetRecord:
    """One set as a watch file or Garmin Connect holds it, in plain values."""

    position: int
    active: bool
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
class MatchedSet:
    record: SetRecord
    move: str | None
    by: MatchedBy
    # The exercise the set is taken to be (the step's, the chosen guess, or the first guess).
    exercise: Guess


def move_categories(session: Session) -> dict[str, str]:
    """FIT exercise category -> move key, for the moves the session holds."""
    return {block.exercise.fit_category: block.move for block in session.blocks}


def match_sets(
    records: Iterable[SetRecord],
    categories: Mapping[str, str],
    steps: Mapping[int, Guess] | None = None,
) -> list[MatchedSet]:
    """The work sets of ``records`` with their move.

    ``categories`` maps exercise categories to move keys (see ``move_categories``); ``steps``
    maps workout step indexes to the exercise of that step, when the workout is known.
    """
    matched: list[MatchedSet] = []
    for record in records:
        if not record.active:
            continue
        matched.append(_match(record, categories, steps or {}))
    return matched


def _match(
    record: SetRecord, categories: Mapping[str, str], steps: Mapping[int, Guess]
) -> MatchedSet:
    if record.step_index is not None:
        step = steps.get(record.step_index)
        if step is not None and step.category in categories:
            return MatchedSet(record, categories[step.category], "step", step)
    for guess in record.guesses:
        if guess.category in categories:
            return MatchedSet(record, categories[guess.category], "exercise", guess)
    known = [g for g in record.guesses if g.category != UNKNOWN]
    return MatchedSet(record, None, "unplanned", known[0] if known else Guess(UNKNOWN))


def by_move(matched: Sequence[MatchedSet]) -> dict[str, list[MatchedSet]]:
    grouped: dict[str, list[MatchedSet]] = {}
    for item in matched:
        if item.move is not None:
            grouped.setdefault(item.move, []).append(item)
    return grouped


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
