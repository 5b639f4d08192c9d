"""The strength plan follows the running block: base, peak, taper and recovery weeks.

Each calendar is a runner's usual week (intervals Tuesday, easy Wednesday and Friday, tempo
Thursday, long run Sunday, rest Monday and Saturday) around one or two races.
"""

from datetime import date, timedelta

import pytest

from runlift.sync.model import DayKind, Phase, Plan, Run
from runlift.sync.planning import PlanRules, make_plan
from runlift.sync.planning.phases import race_distance_m
from runlift.workouts.volume import Volume

BERLIN = date(2027, 9, 26)  # a Sunday
WEEK = {1: DayKind.QUALITY, 2: DayKind.EASY, 3: DayKind.QUALITY, 4: DayKind.EASY, 6: DayKind.LONG}


def training(first: date, last: date, *races: Run) -> list[Run]:
    race_days = {race.day for race in races}
    runs = [
        Run(day=day, title=f"{WEEK[day.weekday()]} run", kind=WEEK[day.weekday()])
        for day in (first + timedelta(days=i) for i in range((last - first).days + 1))
        if day.weekday() in WEEK and day not in race_days
    ]
    return sorted([*runs, *races], key=lambda run: run.day)


def race(day: date, title: str, distance_m: float | None = None, priority: str = "") -> Run:
    return Run(
        day=day, title=title, kind=DayKind.RACE, distance_m=distance_m, race_priority=priority
    )


def plan_around(runs: list[Run], start: date, weeks: int, **rules: object) -> Plan:
    return make_plan(runs, start, 7 * weeks, PlanRules(**rules))  # type: ignore[arg-type]


def phases(plan: Plan) -> dict[str, Phase]:
    return {week.week: week.phase for week in plan.weeks}


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def test_a_marathon_block_is_base_then_six_peak_weeks_then_taper_then_recovery() -> None:
    marathon = race(BERLIN, "Berlin Marathon", 42_195)
    start = monday(BERLIN) - timedelta(weeks=10)
    plan = plan_around(training(start, BERLIN + timedelta(days=21), marathon), start, 13)
    assert [week.phase for week in plan.weeks] == [
        *[Phase.BASE] * 4,
        *[Phase.PEAK] * 6,
        Phase.TAPER,
        Phase.RECOVERY,
        Phase.BASE,
    ]
    peak = next(week for week in plan.weeks if week.phase is Phase.PEAK and week.week == "2027-W35")
    assert peak.reason == (
        "peak: 4 weeks to Berlin Marathon on Sun 2027-09-26; one maintenance session"
    )
    by_week: dict[str, list[Volume]] = {}
    for session in plan.sessions:
        iso = session.day.isocalendar()
        by_week.setdefault(f"{iso.year}-W{iso.week:02d}", []).append(session.volume)
    for week in plan.weeks:
        done = by_week.get(week.week, [])
        if week.phase is Phase.PEAK:
            assert done == [Volume.MAINTENANCE], week
        elif week.phase in (Phase.TAPER, Phase.RECOVERY):
            assert done == [], week
        else:
            assert len(done) == 2 and set(done) <= {Volume.FULL, Volume.DELOAD}, week
    after = [s.day for s in plan.sessions if s.day > BERLIN]
    assert min(after) > BERLIN + timedelta(days=7)  # seven days without strength after it


def test_recovery_after_a_race_depends_on_its_distance() -> None:
    start = monday(BERLIN)

    def blocked_after(title: str, distance: float | None) -> list[int]:
        runs = training(start, BERLIN, race(BERLIN, title, distance))  # nothing after it
        plan = make_plan(runs, start, 28, PlanRules())
        return [
            (d.day - BERLIN).days
            for d in plan.days
            if d.day > BERLIN and d.skip_reason.startswith("recovery after the race")
        ]

    assert blocked_after("City 10K", 10_000) == [1, 2]
    assert blocked_after("Half", 21_097.5) == [1, 2, 3, 4]
    assert blocked_after("Berlin Marathon", None) == [1, 2, 3, 4, 5, 6, 7]
    assert blocked_after("Mystery race", None) == [1, 2, 3, 4]  # unknown length: as a half


def test_recovery_days_are_settings() -> None:
    start = monday(BERLIN)
    runs = training(start, BERLIN, race(BERLIN, "Trail 10K", 10_000))
    plan = make_plan(runs, start, 21, PlanRules(recovery_days_10k=5))
    blocked = [d.day for d in plan.days if d.skip_reason.startswith("recovery after")]
    assert blocked == [BERLIN + timedelta(days=i) for i in range(1, 6)]


def test_a_half_marathon_week_after_is_a_recovery_week_and_strength_comes_back_after() -> None:
    half = race(BERLIN, "Kö-Lauf Halbmarathon")
    start = monday(BERLIN) - timedelta(weeks=1)
    plan = plan_around(training(start, BERLIN + timedelta(days=21), half), start, 4)
    assert [week.phase for week in plan.weeks] == [
        Phase.PEAK,
        Phase.TAPER,
        Phase.RECOVERY,
        Phase.BASE,
    ]
    assert plan.weeks[2].reason == (
        "recovery: 4 days without strength after Kö-Lauf Halbmarathon on Sun 2027-09-26"
    )
    assert [s.volume for s in plan.sessions if s.day > BERLIN] == [Volume.FULL, Volume.FULL]


def test_a_b_race_inside_the_marathon_block_keeps_the_block_and_its_own_days_free() -> None:
    marathon = race(BERLIN, "Berlin Marathon", 42_195)
    half_day = BERLIN - timedelta(weeks=4)  # a Sunday in the peak weeks
    half = race(half_day, "Test half", 21_097.5)
    start = monday(BERLIN) - timedelta(weeks=8)
    plan = plan_around(training(start, BERLIN, marathon, half), start, 9)
    assert list(phases(plan).values()) == [Phase.BASE, Phase.BASE, *[Phase.PEAK] * 6, Phase.TAPER]
    skips = {d.day: d.skip_reason for d in plan.days}
    for offset in (1, 2):
        assert skips[half_day - timedelta(days=offset)] == "days before the race on Sun 2027-08-29"
    for offset in (1, 3):  # Monday, Wednesday (Tuesday and Thursday are quality days anyway)
        assert skips[half_day + timedelta(days=offset)].startswith(
            "recovery after the race on Sun 2027-08-29"
        )
    week_after_half = [s for s in plan.sessions if half_day < s.day < half_day + timedelta(days=7)]
    assert [s.volume for s in week_after_half] == [Volume.MAINTENANCE]


def test_a_half_in_view_is_not_the_goal_when_the_calendar_holds_a_marathon_after_it() -> None:
    # A marathon plan with a tune-up half in week 9: a calendar file hands over every run, and
    # a two-week window far from the marathon reads its weeks as the whole block does.
    marathon = race(BERLIN, "Berlin Marathon", 42_195)
    half = race(BERLIN - timedelta(weeks=8), "City Half Marathon", 21_097.5)
    first = monday(BERLIN) - timedelta(weeks=16)
    runs = training(first, BERLIN, marathon, half)
    whole = {w.week: (w.phase, w.reason) for w in plan_around(runs, first, 17).weeks}
    for weeks_in in range(0, 8):
        part = make_plan(runs, first + timedelta(weeks=weeks_in), 14, PlanRules())
        for week in part.weeks:
            assert (week.phase, week.reason) == whole[week.week]
            assert "City Half" not in week.reason
    assert next(iter(whole.values())) == (
        Phase.BASE,
        "base: 17 weeks to Berlin Marathon on Sun 2027-09-26",
    )


def test_the_race_marked_a_is_the_goal_even_when_a_longer_one_comes_later() -> None:
    goal = race(BERLIN, "Autumn 10K", 10_000, priority="A")
    later = race(BERLIN + timedelta(weeks=6), "Winter marathon", 42_195, priority="C")
    start = monday(BERLIN) - timedelta(weeks=2)
    plan = plan_around(training(start, later.day, goal, later), start, 3)
    assert [week.phase for week in plan.weeks] == [Phase.PEAK, Phase.PEAK, Phase.TAPER]
    assert "Autumn 10K" in plan.weeks[0].reason


def test_without_a_race_every_week_is_base_with_a_deload_every_fourth_week() -> None:
    start = date(2026, 11, 23)
    runs = training(start, start + timedelta(weeks=8))
    plan = plan_around(runs, start, 8)
    assert {week.phase for week in plan.weeks} == {Phase.BASE}
    deloads = [week.week for week in plan.weeks if week.volume is Volume.DELOAD]
    assert len(deloads) == 2
    assert all(week.reason.startswith("base: no race ahead") for week in plan.weeks)
    for session in plan.sessions:
        iso = session.day.isocalendar()
        deload = f"{iso.year}-W{iso.week:02d}" in deloads
        assert session.volume is (Volume.DELOAD if deload else Volume.FULL)
    assert len(plan.sessions) == 16  # a deload week keeps its two sessions, lighter
    assert not any(
        w.volume is Volume.DELOAD for w in plan_around(runs, start, 8, deload_every=0).weeks
    )


def test_the_same_week_is_read_the_same_whatever_the_window() -> None:
    marathon = race(BERLIN, "Berlin Marathon", 42_195)
    first = monday(BERLIN) - timedelta(weeks=8)
    runs = training(first - timedelta(weeks=8), BERLIN + timedelta(weeks=3), marathon)
    whole = {w.week: (w.phase, w.volume, w.reason) for w in plan_around(runs, first, 11).weeks}
    for offset in range(0, 60, 4):
        part = make_plan(runs, first + timedelta(days=offset), 14, PlanRules())
        for week in part.weeks:
            assert whole[week.week] == (week.phase, week.volume, week.reason)
    # Without a race in view, deload weeks follow the calendar: any window agrees.
    early = {w.week: w.volume for w in plan_around(runs, first - timedelta(weeks=8), 6).weeks}
    for offset in range(0, 28, 3):
        part = make_plan(runs, first - timedelta(weeks=8, days=-offset), 14, PlanRules())
        for week in part.weeks:
            if week.week in early:
                assert early[week.week] == week.volume


def test_a_bodyweight_session_early_in_the_taper_when_asked() -> None:
    marathon = race(BERLIN, "Berlin Marathon", 42_195)
    start = monday(BERLIN) - timedelta(weeks=1)
    runs = training(start, BERLIN, marathon)
    assert not [
        s for s in plan_around(runs, start, 2).sessions if s.day > BERLIN - timedelta(days=8)
    ]
    plan = plan_around(runs, start, 2, taper_bodyweight=True)
    taper = [s for s in plan.sessions if s.day >= BERLIN - timedelta(days=7)]
    assert len(taper) == 1
    session = taper[0]
    assert session.volume is Volume.BODYWEIGHT
    assert BERLIN - timedelta(days=7) <= session.day <= BERLIN - timedelta(days=4)
    kinds = {d.day: d.kind for d in plan.days}
    assert kinds[session.day] not in (DayKind.QUALITY, DayKind.LONG, DayKind.RACE)
    assert "taper" in plan.weeks[1].reason and "body-weight" in plan.weeks[1].reason


def test_with_periodize_off_every_week_gets_the_full_program() -> None:
    marathon = race(BERLIN, "Berlin Marathon", 42_195)
    start = monday(BERLIN) - timedelta(weeks=4)
    plan = plan_around(training(start, BERLIN, marathon), start, 3, periodize=False)
    assert len(plan.sessions) == 6
    assert {s.volume for s in plan.sessions} == {Volume.FULL}
    assert {week.phase for week in plan.weeks} == {Phase.BASE}


@pytest.mark.parametrize(
    ("title", "metres"),
    [
        ("Berlin Marathon", 42_195.0),
        ("Kö-Lauf Halbmarathon", 21_097.5),
        ("Semi-marathon de Paris", 21_097.5),
        ("Half Marathon", 21_097.5),
        ("Parkrun 5 km", 5_000.0),
        ("City 10K", 10_000.0),
        ("Ultra Trail 100 km", 50_000.0),
        ("Club championship", None),
    ],
)
def test_a_race_distance_from_its_name(title: str, metres: float | None) -> None:
    assert race_distance_m(title) == metres
