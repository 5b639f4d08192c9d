"""Sets to moves on evidence only: runlift's workout step, the first guess by name, or Garmin
Connect's exercise; everything else apart, with its reason."""

from __future__ import annotations

import pytest
from garminconnect import exercises

from runlift.workouts.catalog import fit_name_number
from runlift.workouts.matching import (
    Evidence,
    Guess,
    SetRecord,
    WorkoutDone,
    match_sets,
    session_steps,
)
from runlift.workouts.move_exercises import MOVE_EXERCISES
from runlift.workouts.moves import MOVES
from runlift.workouts.session import build_session
from runlift.workouts.settings import AthleteSettings

SESSION_A = build_session("A", AthleteSettings())
LAYOUT_A = session_steps(SESSION_A)
RDL_STEP = next(i for i, g in LAYOUT_A.items() if g.category == "deadlift")


def work(*guesses: tuple[str, str | None], step: int | None = None) -> SetRecord:
    return SetRecord(
        position=0, active=True, guesses=tuple(Guess(c, n) for c, n in guesses), step_index=step
    )


def one(record: SetRecord, evidence: Evidence | None = None):  # type: ignore[no-untyped-def]
    [matched] = match_sets([record], evidence)
    return matched


def test_a_first_guess_that_names_the_exercise_counts() -> None:
    matched = one(work(("deadlift", "romanian_deadlift"), ("row", None)))
    assert (matched.move, matched.by, matched.reason) == ("romanian_deadlift", "exercise", "")


@pytest.mark.parametrize(
    ("category", "name"),
    [(v.exercise.fit_category, v.exercise.fit_name) for m in MOVES for v in m.variants]
    + [("deadlift", "barbell_straight_leg_deadlift"), ("row", "barbell_row"), ("pose", "boat")],
)
def test_every_variant_of_a_move_counts_by_its_name(category: str, name: str) -> None:
    assert one(work((category, name))).move == MOVE_EXERCISES[(category, name)].move


def test_the_names_are_garmins_own() -> None:
    connect = {(e["category"].lower(), e["exercise"].lower()) for e in exercises.EXERCISES}
    for category, name in MOVE_EXERCISES:
        fit_name_number(category, name)  # raises for a name the FIT profile lacks
        # Garmin Connect has no pose category: boat pose exists only in FIT.
        assert (category, name) in connect or category == "pose"


def test_a_lateral_raise_guessed_row_third_is_not_a_row() -> None:
    matched = one(work(("lateral_raise", None), ("lateral_raise", None), ("row", None)))
    assert (matched.move, matched.by) == (None, "unplanned")
    assert matched.reason == "watch's first guess lateral_raise"


def test_a_category_without_a_name_says_nothing() -> None:
    # The Forerunner 965's own row guess: category row, no exercise name.
    matched = one(work(("row", None), ("shrug", "barbell_shrug")))
    assert matched.move is None
    assert matched.reason == "watch's first guess row, a category without an exercise name"


@pytest.mark.parametrize(
    ("guess", "says"),
    [
        (("deadlift", "barbell_deadlift"), "watch's first guess barbell_deadlift"),
        (("plank", "plank"), "watch's first guess plank"),
        (("plank", "side_plank"), "watch's first guess side_plank"),
        (("lunge", "dumbbell_lunge"), "watch's first guess dumbbell_lunge"),
        (("leg_raise", "hanging_knee_raise"), "watch's first guess hanging_knee_raise"),
    ],
)
def test_look_alike_exercises_are_not_the_moves(guess: tuple[str, str], says: str) -> None:
    fit_name_number(*guess)
    matched = one(work(guess))
    assert (matched.move, matched.reason) == (None, says)


def test_a_step_of_runlifts_own_workout_beats_the_watchs_guess() -> None:
    evidence = Evidence(WorkoutDone("Runner Strength A", steps=LAYOUT_A))
    matched = one(work(("total_body", None), ("plyo", None), step=RDL_STEP), evidence)
    assert (matched.move, matched.by) == ("romanian_deadlift", "step")
    assert matched.exercise == Guess("deadlift", "romanian_deadlift")


def test_runlifts_file_without_its_steps_is_read_against_runlifts_layout() -> None:
    evidence = Evidence(WorkoutDone("Runner Strength A"), layouts={"A": LAYOUT_A})
    assert one(work(step=RDL_STEP), evidence).by == "step"


def test_a_step_of_someone_elses_workout_is_not_runlifts() -> None:
    steps = {RDL_STEP: Guess("deadlift", "romanian_deadlift")}
    evidence = Evidence(WorkoutDone("Circuito", steps=steps), layouts={"A": LAYOUT_A})
    matched = one(work(("row", None), step=RDL_STEP), evidence)
    assert (matched.move, matched.by) == (None, "unplanned")
    assert matched.reason.startswith("done from the workout 'Circuito', not runlift's;")
    # In someone else's workout, a set the watch names counts by that name.
    named = one(work(("deadlift", "romanian_deadlift"), step=RDL_STEP), evidence)
    assert (named.move, named.by) == ("romanian_deadlift", "exercise")


@pytest.mark.parametrize(
    ("workout", "label"),
    [
        (WorkoutDone("Runner Strength B"), "B"),
        (WorkoutDone("Runner Strength A · Tue 24 Nov"), "A"),
        (WorkoutDone("Lyon - Runner Strength A · Tue 24 Nov"), "A"),
        (WorkoutDone("Circuito"), None),
        (WorkoutDone("My Runner Strength A copy"), None),
        (WorkoutDone(None), None),
    ],
)
def test_runlifts_workouts_are_known_by_their_name(workout: WorkoutDone, label: str) -> None:
    assert workout.label == label
    assert workout.is_runlift is (label is not None)


def test_runlifts_marker_makes_a_renamed_workout_runlifts() -> None:
    evidence = Evidence(WorkoutDone("Legs", marker=True, steps=LAYOUT_A))
    assert one(work(step=RDL_STEP), evidence).by == "step"


def test_a_garmin_connect_workout_name_without_steps_falls_back_to_the_exercise() -> None:
    # Its step numbers are Garmin Connect's, not runlift's FIT layout: not guessed at.
    evidence = Evidence(
        WorkoutDone("Runner Strength A · Tue 24 Nov"), from_connect=True, layouts={"A": LAYOUT_A}
    )
    assert one(work(("row", None), step=RDL_STEP), evidence).move is None
    matched = one(work(("deadlift", "romanian_deadlift"), step=RDL_STEP), evidence)
    assert (matched.move, matched.by) == ("romanian_deadlift", "garmin_connect")


def test_garmin_connects_exercise_is_the_athletes_choice() -> None:
    evidence = Evidence(from_connect=True)
    matched = one(work(("row", "bent_over_row_with_barbell")), evidence)
    assert (matched.move, matched.by) == ("bent_over_row", "garmin_connect")
    other = one(work(("lateral_raise", "lateral_raise")), evidence)
    assert other.reason == "Garmin Connect's exercise lateral_raise"


def test_rest_sets_are_not_work_sets_and_unguessed_sets_stay_apart() -> None:
    rest = SetRecord(position=1, active=False, duration_s=60)
    unknown = SetRecord(position=2, active=True, reps=10)
    matched = match_sets([rest, unknown])
    assert [(m.record.position, m.move, m.by, m.exercise.category, m.reason) for m in matched] == [
        (2, None, "unplanned", "unknown", "the watch guessed no exercise")
    ]
