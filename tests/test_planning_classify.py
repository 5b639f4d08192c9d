"""A day's kind comes from the source, then the workout's structure, then length, then words."""

from datetime import date, timedelta

from runlift.sync.model import DayKind, Run, RunStructure
from runlift.sync.planning.classify import UsualRun, classify_day, classify_days, classify_run

MON = date(2026, 11, 23)


def run(title: str = "Run", day: date = MON, **fields: object) -> Run:
    return Run(day=day, title=title, **fields)  # type: ignore[arg-type]


def test_the_sources_own_kind_wins_over_everything_else() -> None:
    race = run("Easy", kind=DayKind.RACE, reason="race in the Garmin calendar")
    verdict = classify_run(race, UsualRun())
    assert verdict.kind is DayKind.RACE
    assert verdict.reason == "race in the Garmin calendar"


def test_repeats_of_work_intervals_make_a_quality_day_whatever_the_title() -> None:
    structured = run("Easy", structure=RunStructure(work_intervals=6, hard_targets=True))
    verdict = classify_run(structured, UsualRun())
    assert verdict.kind is DayKind.QUALITY
    assert "6 work intervals" in verdict.reason


def test_easy_run_walk_repeats_without_targets_stay_easy() -> None:
    run_walk = run("Easy run/walk", structure=RunStructure(work_intervals=10))
    assert classify_run(run_walk, UsualRun()).kind is DayKind.EASY
    targeted = run("Easy run/walk", structure=RunStructure(work_intervals=10, hard_targets=True))
    assert classify_run(targeted, UsualRun()).kind is DayKind.QUALITY


def test_a_long_block_above_easy_effort_is_a_tempo_and_quality() -> None:
    tempo = run("Thursday", structure=RunStructure(longest_work_s=1200, hard_targets=True))
    verdict = classify_run(tempo, UsualRun())
    assert verdict.kind is DayKind.QUALITY
    assert "20 min" in verdict.reason


def test_a_step_named_like_a_workout_makes_it_quality() -> None:
    named = run("Thursday", structure=RunStructure(step_names=("Warm up", "Threshold block")))
    assert classify_run(named, UsualRun()).kind is DayKind.QUALITY


def test_strides_only_structure_stays_easy() -> None:
    strides = RunStructure(work_intervals=6, strides_only=True, step_names=("Stride",))
    verdict = classify_run(run("Easy 40", structure=strides), UsualRun())
    assert verdict.kind is DayKind.EASY


def test_a_structure_without_anything_hard_leaves_the_decision_to_length_and_words() -> None:
    plain = RunStructure(longest_work_s=3600)
    assert classify_run(run("Long Run", structure=plain), UsualRun()).kind is DayKind.LONG
    assert classify_run(run("Run", structure=plain), UsualRun()).kind is DayKind.EASY


def test_a_run_half_again_as_long_as_the_usual_one_is_long() -> None:
    week = [run("Run", MON + timedelta(days=i), duration_s=45 * 60) for i in range(4)]
    longer = run("Run", MON + timedelta(days=6), duration_s=100 * 60)
    usual = UsualRun.of([*week, longer])
    assert usual.duration_s == 45 * 60
    verdict = classify_run(longer, usual)
    assert verdict.kind is DayKind.LONG
    assert "2.2x the usual 45 min" in verdict.reason
    assert classify_run(run("Run", duration_s=60 * 60), usual).kind is DayKind.EASY


def test_length_is_relative_so_an_ultra_runners_usual_two_hours_is_not_long() -> None:
    runs = [run("Run", MON + timedelta(days=i), duration_s=120 * 60) for i in range(5)]
    usual = UsualRun.of(runs)
    assert classify_run(runs[0], usual).kind is DayKind.EASY


def test_a_beginners_forty_minutes_is_not_long_even_at_twice_the_usual() -> None:
    runs = [run("Run", MON + timedelta(days=i), duration_s=20 * 60) for i in range(4)]
    usual = UsualRun.of(runs)
    assert classify_run(run("Run", duration_s=40 * 60), usual).kind is DayKind.EASY


def test_distances_in_titles_count_when_no_duration_is_known() -> None:
    titles = ["Run 8 km", "Run 10 km", "Run 8 km", "Run 9 km", "Run 21 km"]
    runs = [run(title, MON + timedelta(days=i)) for i, title in enumerate(titles)]
    plans = classify_days(runs, [r.day for r in runs])
    assert [plans[r.day].kind for r in runs] == [DayKind.EASY] * 4 + [DayKind.LONG]


def test_with_too_few_runs_to_compare_only_a_clearly_long_run_is_long() -> None:
    assert classify_run(run("Run", duration_s=150 * 60), UsualRun()).kind is DayKind.LONG
    assert classify_run(run("Run", duration_s=70 * 60), UsualRun()).kind is DayKind.EASY


def test_a_workout_named_in_the_title_is_quality_even_when_long() -> None:
    runs = [run("Easy", MON + timedelta(days=i), duration_s=40 * 60) for i in range(4)]
    usual = UsualRun.of(runs)
    tempo = run("Tempo 16 km with 10 km at marathon pace", duration_s=90 * 60)
    assert classify_run(tempo, usual).kind is DayKind.QUALITY


def test_a_day_without_a_run_is_rest() -> None:
    plan = classify_day(MON, [], UsualRun())
    assert plan.kind is DayKind.REST
    assert plan.reason == "no run planned"


def test_a_day_with_several_runs_is_as_hard_as_the_hardest_and_keeps_them_all() -> None:
    plan = classify_day(MON, [run("Easy 30 min"), run("Intervals 6 x 800 m")], UsualRun())
    assert plan.kind is DayKind.QUALITY
    assert plan.reason.startswith("Intervals 6 x 800 m: ")
    assert plan.reason.endswith("(+1 more)")
    assert [r.kind for r in plan.runs] == [DayKind.EASY, DayKind.QUALITY]


def test_a_rest_event_beside_a_run_leaves_the_run_in_charge() -> None:
    rest = run("Rest day", kind=DayKind.REST, reason="a rest day in the calendar")
    assert classify_day(MON, [rest, run("Easy 5 km")], UsualRun()).kind is DayKind.EASY
