"""A recorded strength activity on or next to a scheduled session's day marks it done."""

from __future__ import annotations

from datetime import date, datetime

from runlift.sync.completion import match_completions
from runlift.sync.model import StrengthCompletion
from runlift.sync.providers.strava import is_strength
from runlift.sync.strava.activity import Activity

TUE, WED, THU, FRI = (date(2026, 3, d) for d in (3, 4, 5, 6))


def done(day: date, minutes: float, activity_id: int = 1) -> StrengthCompletion:
    return StrengthCompletion(day, minutes * 60, "strava", activity_id, "Weight Training")


def test_a_session_done_on_its_day_is_matched_with_its_duration() -> None:
    matched = match_completions([TUE, FRI], [done(TUE, 42)])
    assert list(matched) == [TUE]
    assert matched[TUE].duration_s == 42 * 60


def test_a_session_done_a_day_early_or_late_counts_but_two_days_off_does_not() -> None:
    assert set(match_completions([TUE], [done(WED, 40)])) == {TUE}
    assert set(match_completions([THU], [done(WED, 40)])) == {THU}
    assert match_completions([TUE], [done(THU, 40)]) == {}


def test_one_activity_marks_one_session_and_same_day_matches_come_first() -> None:
    # Wednesday's activity could belong to Tuesday or Thursday; Thursday has its own.
    matched = match_completions([TUE, THU], [done(WED, 35, 1), done(THU, 50, 2)])
    assert {day: c.activity_id for day, c in matched.items()} == {TUE: 1, THU: 2}
    only_one = match_completions([TUE, THU], [done(WED, 35)])
    assert list(only_one) == [TUE]


def test_of_two_activities_on_a_day_the_longer_counts() -> None:
    matched = match_completions([TUE], [done(TUE, 10, 1), done(TUE, 45, 2)])
    assert matched[TUE].activity_id == 2


def activity(sport: str, name: str) -> Activity:
    start = datetime(2026, 3, 3, 18)
    return Activity(1, name, sport, None, start, start, 0.0, 2400, 2400)


def test_strength_activities_are_weight_training_or_a_workout_named_so() -> None:
    assert is_strength(activity("WeightTraining", "Evening Weight Training"))
    assert is_strength(activity("Crossfit", "WOD"))
    assert is_strength(activity("Workout", "Krafttraining"))
    assert is_strength(activity("Workout", "runlift B"))
    assert not is_strength(activity("Workout", "Evening Workout"))
    assert not is_strength(activity("Yoga", "Gym yoga"))
    assert not is_strength(activity("Run", "Gym run"))
