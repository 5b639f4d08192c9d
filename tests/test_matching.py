"""Sets to moves: workout step first, then the best candidate that belongs to the session."""

from __future__ import annotations

from runlift.workouts.matching import Guess, SetRecord, match_sets, move_categories, session_steps
from runlift.workouts.moves import Equipment
from runlift.workouts.session import build_session
from runlift.workouts.settings import AthleteSettings

WITH_BAR = build_session("A", AthleteSettings())
NO_BAR = build_session("A", AthleteSettings(equipment=frozenset({Equipment.DUMBBELLS})))


def work(*guesses: tuple[str, str | None], step: int | None = None) -> SetRecord:
    return SetRecord(
        position=0, active=True, guesses=tuple(Guess(c, n) for c, n in guesses), step_index=step
    )


def test_the_first_candidate_that_belongs_to_the_session_wins() -> None:
    # A Forerunner's guesses for one set of the fixture: total_body, plyo, lunge.
    record = work(("total_body", None), ("plyo", None), ("lunge", None))
    [matched] = match_sets([record], move_categories(WITH_BAR))
    assert (matched.move, matched.by, matched.exercise) == (
        "walking_lunge",
        "exercise",
        Guess("lunge"),
    )


def test_a_category_belongs_only_if_the_athletes_session_holds_it() -> None:
    # sit_up is boat pose's category: a leg-raise set without a bar, not with one.
    record = work(("sit_up", None), ("squat", None))
    [with_bar] = match_sets([record], move_categories(WITH_BAR))
    [no_bar] = match_sets([record], move_categories(NO_BAR))
    assert with_bar.move is None and with_bar.by == "unplanned"
    assert with_bar.exercise == Guess("sit_up")
    assert no_bar.move == "hanging_leg_raise"


def test_the_workout_step_beats_the_watchs_guess() -> None:
    steps = session_steps(WITH_BAR)
    deadlift_step = next(i for i, g in steps.items() if g.category == "deadlift")
    record = work(("row", None), step=deadlift_step)
    [matched] = match_sets([record], move_categories(WITH_BAR), steps)
    assert (matched.move, matched.by) == ("romanian_deadlift", "step")
    assert matched.exercise == Guess("deadlift", "romanian_deadlift")


def test_a_step_index_from_an_unknown_workout_falls_back_to_the_guesses() -> None:
    [matched] = match_sets([work(("row", None), step=99)], move_categories(WITH_BAR), {})
    assert (matched.move, matched.by) == ("bent_over_row", "exercise")


def test_rest_sets_are_not_work_sets_and_unknown_sets_stay_unplanned() -> None:
    rest = SetRecord(position=1, active=False, duration_s=60)
    unknown = SetRecord(position=2, active=True, reps=10)
    matched = match_sets([rest, unknown], move_categories(WITH_BAR))
    assert [(m.record.position, m.move, m.by, m.exercise.category) for m in matched] == [
        (2, None, "unplanned", "unknown")
    ]
