"""Placement on hand-built weeks: every hard rule holds, soft rules bend only to reach the count.

A week is written one letter a day from Monday: ``-`` no run (rest), ``E`` easy, ``Q`` quality,
``L`` long run, ``X`` race.
"""

import itertools
import random
from datetime import date, timedelta

from runlift.sync.model import DayKind, Plan, Run
from runlift.sync.planning import PlanRules, make_plan
from runlift.sync.planning.place import DAY_BEFORE, FORBIDDEN, PREFERRED

MON = date(2026, 11, 23)  # a Monday, ISO week 2026-W48
KINDS = {"E": DayKind.EASY, "Q": DayKind.QUALITY, "L": DayKind.LONG, "X": DayKind.RACE}
HARD = {DayKind.QUALITY, DayKind.LONG, DayKind.RACE}


def runs_for(pattern: str, start: date = MON) -> list[Run]:
    letters = pattern.replace(" ", "")
    return [
        Run(day=start + timedelta(days=i), title=f"{letter} run", kind=KINDS[letter])
        for i, letter in enumerate(letters)
        if letter != "-"
    ]


def plan_for(pattern: str, start: date = MON, days: int | None = None, **rules: object) -> Plan:
    count = days if days is not None else len(pattern.replace(" ", ""))
    return make_plan(runs_for(pattern, start), start, count, PlanRules(**rules))  # type: ignore[arg-type]


def session_days(plan: Plan) -> list[str]:
    return [s.day.strftime("%a") for s in plan.sessions]


def kinds(plan: Plan) -> dict[date, DayKind]:
    return {d.day: d.kind for d in plan.days}


def test_never_on_a_quality_long_or_race_day() -> None:
    plan = plan_for("QE-QELX QEQ-LEE", periodize=False)
    by_day = kinds(plan)
    assert plan.sessions
    assert all(by_day[s.day] not in HARD for s in plan.sessions)
    skipped = {d.day.strftime("%a %d"): d.skip_reason for d in plan.days}
    assert skipped["Mon 23"] == "quality day"
    assert skipped["Sat 28"] == "long-run day"
    assert skipped["Sun 29"] == "race day"


def test_at_least_one_full_day_between_two_sessions() -> None:
    plan = plan_for("EEEEEEE EEEEEEE", sessions_per_week=3)
    days = [s.day for s in plan.sessions]
    assert len(days) == 6
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))


def test_a_wider_gap_can_be_asked_for() -> None:
    plan = plan_for("------- -------", min_gap_days=2)
    days = [s.day for s in plan.sessions]
    assert all((b - a).days >= 3 for a, b in itertools.pairwise(days))


def test_the_gap_holds_across_the_week_boundary() -> None:
    # Week 1 only has Sunday free, week 2 only Monday: both cannot have a session.
    plan = plan_for("QQQQQQE EQQQQQQ")
    assert len(plan.sessions) == 1
    assert plan.sessions[0].day in (MON + timedelta(days=6), MON + timedelta(days=7))
    placed = {s.day for s in plan.sessions}
    other = next(d for d in plan.days if d.kind is DayKind.EASY and d.day not in placed)
    assert other.skip_reason.startswith("too close to session A")


def test_the_gap_holds_with_a_session_done_before_the_window() -> None:
    sunday_before = MON - timedelta(days=1)
    plan = make_plan(runs_for("EEQQQQQ"), MON, 7, PlanRules(), done=[sunday_before])
    assert MON not in {s.day for s in plan.sessions}
    assert [s.day for s in plan.sessions] == [MON + timedelta(days=1)]


def test_sessions_done_before_the_window_count_for_their_iso_week() -> None:
    thursday = MON + timedelta(days=3)
    done = [MON, MON + timedelta(days=2)]
    plan = make_plan(runs_for("EEEEEEE EEEEEEE"), thursday, 11, PlanRules(), done=done)
    assert all(s.day >= MON + timedelta(days=7) for s in plan.sessions)
    assert len(plan.sessions) == 2
    assert any("2 session(s) already done" in note for note in plan.notes)


def test_at_most_sessions_per_week_in_each_iso_week() -> None:
    plan = plan_for("------- ------- -------")
    weeks = [s.day.isocalendar().week for s in plan.sessions]
    assert sorted(weeks) == [48, 48, 49, 49, 50, 50]


def test_a_window_starting_midweek_uses_iso_weeks_not_seven_day_blocks() -> None:
    thursday = MON + timedelta(days=3)
    plan = make_plan([], thursday, 7, PlanRules())
    weeks = [s.day.isocalendar().week for s in plan.sessions]
    assert weeks.count(48) == 2  # Thu-Sun of week 48
    assert weeks.count(49) <= 2  # Mon-Wed of week 49


def test_the_iso_week_across_new_year_is_one_week() -> None:
    # 2026-12-28 .. 2027-01-03 is ISO week 2026-W53.
    monday = date(2026, 12, 28)
    done = [monday, monday + timedelta(days=2)]
    plan = make_plan([], monday + timedelta(days=3), 4, PlanRules(), done=done)
    assert plan.sessions == ()
    assert plan.notes[-1] == "2026-W53: 2 session(s) already done before the window"


def test_no_strength_in_the_taper_before_a_race() -> None:
    plan = plan_for("------- ------X", periodize=False)
    race = MON + timedelta(days=13)
    assert all(not 0 < (race - s.day).days <= 7 for s in plan.sessions)
    taper_day = next(d for d in plan.days if d.day == race - timedelta(days=3))
    assert taper_day.skip_reason == "taper before the race on Sun 2026-12-06"
    assert any(note.startswith("2026-W49: 0 of 2 sessions") for note in plan.notes)


def test_the_taper_window_is_a_setting() -> None:
    plan = plan_for("------- ------X", taper_days=3, periodize=False)
    race = MON + timedelta(days=13)
    assert any(0 < (race - s.day).days < 7 for s in plan.sessions)
    assert all((race - s.day).days > 3 for s in plan.sessions)


def test_a_race_after_the_window_still_sets_the_taper_inside_it() -> None:
    # The window is one week; the race is on the following Wednesday.
    runs = runs_for("------- --X")
    plan = make_plan(runs, MON, 7, PlanRules(periodize=False))
    race = MON + timedelta(days=9)
    assert plan.sessions
    assert all((race - s.day).days > 7 for s in plan.sessions)


def test_none_on_the_day_after_a_race_even_across_the_window_start() -> None:
    sunday_race = Run(day=MON - timedelta(days=1), title="10K", kind=DayKind.RACE)
    plan = make_plan([sunday_race], MON, 7, PlanRules(periodize=False))
    assert MON not in {s.day for s in plan.sessions}
    assert plan.days[0].skip_reason == "right after the race"
    plan = make_plan([sunday_race], MON, 7, PlanRules())
    assert plan.days[0].skip_reason == "recovery after the race on Sun 2026-11-22 (2 days)"
    assert plan.days[1].skip_reason == "recovery after the race on Sun 2026-11-22 (2 days)"


def test_the_day_before_a_hard_day_is_avoided_when_the_week_allows() -> None:
    plan = plan_for("EQEE-EL")
    assert session_days(plan) == ["Wed", "Fri"]
    assert all(s.relaxed == () for s in plan.sessions)


def test_the_day_before_a_hard_day_is_used_only_to_reach_the_count_and_reported() -> None:
    # Classic week: quality Tue and Thu, long Sunday; only Friday is clean.
    plan = plan_for("-QEQ-EL")
    assert session_days(plan) == ["Mon", "Fri"]
    monday, friday = plan.sessions
    assert monday.relaxed == (DAY_BEFORE[DayKind.QUALITY],)
    assert "relaxed to reach 2 this week" in monday.reason
    assert friday.relaxed == ()


def test_rest_days_come_before_easy_days() -> None:
    plan = plan_for("EE-EE-E")
    assert session_days(plan) == ["Wed", "Sat"]
    assert plan.sessions[0].reason.startswith("rest day")


def test_preferred_weekdays_are_used_when_they_are_free() -> None:
    plan = plan_for("---E---", preferred_days=(1, 4))
    assert session_days(plan) == ["Tue", "Fri"]


def test_a_preferred_weekday_taken_by_a_hard_run_is_reported_when_another_day_is_used() -> None:
    plan = plan_for("EQEEEEE", preferred_days=(1, 4))
    assert session_days(plan) == ["Wed", "Fri"]
    assert [s.relaxed for s in plan.sessions] == [(PREFERRED,), ()]


def test_forbidden_weekdays_are_avoided() -> None:
    plan = plan_for("EEEEEEE", forbidden_days=(1, 2, 3, 4, 6))
    assert session_days(plan) == ["Mon", "Sat"]
    assert all(s.relaxed == () for s in plan.sessions)


def test_a_forbidden_weekday_is_used_only_to_reach_the_count_and_reported() -> None:
    plan = plan_for("QEEEEEQ", forbidden_days=(1, 2, 3, 4))
    assert session_days(plan) == ["Tue", "Sat"]
    assert plan.sessions[0].relaxed == (FORBIDDEN,)


def test_breaking_the_lighter_soft_rule_is_preferred() -> None:
    # Two sessions need one rule broken: Monday is forbidden (Mon + Wed), Thursday is the day
    # before Friday's quality run (Tue + Thu). The day before a quality day is the lighter one.
    plan = plan_for("--E-QQQ", forbidden_days=(0,))
    assert session_days(plan) == ["Tue", "Thu"]
    assert [s.relaxed for s in plan.sessions] == [(), (DAY_BEFORE[DayKind.QUALITY],)]


def test_fewer_sessions_when_even_relaxing_cannot_reach_the_count_with_the_reason() -> None:
    plan = plan_for("QQQEQQL")
    assert session_days(plan) == ["Thu"]
    assert plan.sessions[0].relaxed == (DAY_BEFORE[DayKind.QUALITY],)
    assert plan.notes == (
        "2026-W48: 1 of 2 sessions. Mon-Wed: quality day; Fri-Sat: quality day; Sun: long-run day",
    )


def test_a_week_with_nothing_free_gets_no_session_and_a_note_that_says_why() -> None:
    plan = plan_for("QQQQQQL")
    assert plan.sessions == ()
    assert plan.notes == ("2026-W48: 0 of 2 sessions. Mon-Sat: quality day; Sun: long-run day",)


def test_sessions_are_labelled_a_and_b_alternating_in_date_order() -> None:
    plan = plan_for("------- -------")
    assert [s.label for s in plan.sessions] == ["A", "B", "A", "B"]
    assert [s.day for s in plan.sessions] == sorted(s.day for s in plan.sessions)
    again = make_plan([], MON, 14, PlanRules(), first_label="B")
    assert [s.label for s in again.sessions] == ["B", "A", "B", "A"]


def test_the_same_input_gives_the_same_plan_whatever_the_order_of_the_runs() -> None:
    runs = runs_for("-QEQ-EL EQE-QEL ---E--X")
    first = make_plan(runs, MON, 21, PlanRules())
    shuffled = list(runs)
    random.Random(7).shuffle(shuffled)
    assert make_plan(shuffled, MON, 21, PlanRules()) == first


def test_no_sessions_are_placed_when_none_are_wanted() -> None:
    plan = plan_for("-------", sessions_per_week=0)
    assert plan.sessions == ()
    assert all(d.skip_reason == "sessions_per_week is 0" for d in plan.days)


def test_an_empty_window_says_so() -> None:
    plan = make_plan([], MON, 7, PlanRules())
    assert plan.notes[0] == "no runs between 2026-11-23 and 2026-11-29: every day counts as rest"
