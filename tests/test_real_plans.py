"""Training plans as real runners' calendars hold them, read as a coach reads them.

Plan generators give every run the same one-hour block and write the distance in the title;
Higdon-style calendars are all-day events titled "3 m run" (miles); a plan may carry its own
strength days; a plan may end with the pre-race shakeout and leave the race out.
"""

import itertools
import random
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from runlift.sync.cli import main
from runlift.sync.model import DayKind, Run
from runlift.sync.planning import PlanRules, make_plan
from runlift.sync.planning.classify import UsualRun, classify_run
from runlift.sync.planning.measures import MILE, distance_m
from tests.plan_calendars import Item, kinds, plan_from, runs_from, weekly, write_plan

MON = date(2027, 1, 4)  # a Monday
SEVEN_AM = time(7, 0)


def marathon_block(weeks: int = 16) -> list[list[str]]:
    """A generator's marathon block: miles in every title, the long run growing to 20 mi."""
    block = []
    for w in range(weeks):
        long = min(20, 10 + w)
        block.append(
            ["Rest", f"Run {3 + w % 2} mi", f"Run {5 + w % 3} mi", "Run 3 mi", "Rest",
             f"Run {4 + w % 2} mi", f"Run {long} mi"]
        )  # fmt: skip
    return block


@pytest.mark.parametrize(
    ("title", "miles_or_km"),
    [
        ("Run 20 mi", 20 * MILE),
        ("Run - 12 miles", 12 * MILE),
        ("12.0 mile run", 12 * MILE),
        ("Run 32 km", 32_000),
        ("Long Run 9.0km", 9_000),
        ("3 m run", 3 * MILE),
        ("5 m pace", 5 * MILE),
        ("Long run: half marathon distance", 21_097.5),
        ("Full marathon", 42_195),
        ("10 km @ half marathon pace", 10_000),
        ("LSD长距离慢跑 25公里", 25_000),
        ("ロング走 30キロ", 30_000),
        ("장거리 20km", 20_000),
    ],
)
def test_the_distance_written_in_a_title_is_read(title: str, miles_or_km: float) -> None:
    assert distance_m(title) == pytest.approx(miles_or_km)


def test_repeats_and_metres_are_not_a_runs_length() -> None:
    assert distance_m("6 x 400 m") is None
    assert distance_m("Intervals 8 x 800 m @ 5K pace") is None


def test_a_fixed_one_hour_block_does_not_hide_the_20_miler(tmp_path: Path) -> None:
    path = write_plan(tmp_path, weekly(MON, marathon_block(), SEVEN_AM))
    start = MON + timedelta(weeks=10)
    plan = plan_from(path, start, 14)
    by_day = kinds(plan)
    sundays = [start + timedelta(days=6), start + timedelta(days=13)]
    assert [by_day[d] for d in sundays] == [DayKind.LONG, DayKind.LONG]
    # No session on the long run, nor the day before it.
    days = {s.day for s in plan.sessions}
    assert not days & {d - timedelta(days=i) for d in sundays for i in (0, 1)}
    assert len(plan.sessions) == 4


def test_the_block_length_is_not_handed_on_as_the_runs_length(tmp_path: Path) -> None:
    path = write_plan(tmp_path, weekly(MON, marathon_block(4), SEVEN_AM))
    runs = runs_from(path, MON, MON + timedelta(days=27))
    assert {r.duration_s for r in runs} == {None}


def test_a_calendar_whose_blocks_are_the_runs_lengths_keeps_them(tmp_path: Path) -> None:
    items = []
    for w in range(4):
        monday = MON + timedelta(weeks=w)
        items += [
            Item(monday + timedelta(days=1), "Easy run", SEVEN_AM, 45),
            Item(monday + timedelta(days=3), "Easy run", SEVEN_AM, 40),
            Item(monday + timedelta(days=4), "Run with the club", SEVEN_AM, 50),
            Item(monday + timedelta(days=6), "Sunday run", SEVEN_AM, 110),
        ]
    path = write_plan(tmp_path, items)
    plan = plan_from(path, MON, 14)
    assert kinds(plan)[MON + timedelta(days=6)] is DayKind.LONG
    assert kinds(plan)[MON + timedelta(days=4)] is DayKind.EASY


def test_an_event_length_that_cannot_be_the_runs_does_not_count() -> None:
    usual = UsualRun(duration_s=40 * 60)
    # 10 km in 3 h 30 is a walk's pace: the block is an appointment, not the run.
    assert classify_run(Run(MON, "Run 10 km", duration_s=210 * 60), usual).kind is DayKind.EASY
    # 8 km in 100 min is a slow but real run: the length counts.
    assert classify_run(Run(MON, "Run 8 km", duration_s=100 * 60), usual).kind is DayKind.LONG


def test_higdon_all_day_miles_with_pace_runs_cross_and_the_race(tmp_path: Path) -> None:
    weeks = [
        ["Rest", "3 m run", "5 m pace", "3 m run", "Rest", f"{8 + w} m run", "Cross"]
        for w in range(6)
    ]
    weeks.append(["Rest", "3 m run", "4 m pace", "2 m run", "Rest", "2 m run", "Half Marathon"])
    path = write_plan(tmp_path, weekly(MON, weeks))
    start = MON + timedelta(weeks=4)
    plan = plan_from(path, start, 21)
    by_day = kinds(plan)
    assert by_day[start + timedelta(days=5)] is DayKind.LONG  # "12 m run"
    assert by_day[start + timedelta(days=2)] is DayKind.QUALITY  # "5 m pace"
    assert by_day[start + timedelta(days=1)] is DayKind.EASY  # "3 m run"
    assert by_day[start + timedelta(days=6)] is DayKind.REST  # "Cross" is not a run
    assert by_day[start + timedelta(days=20)] is DayKind.RACE
    assert plan.sessions
    race = start + timedelta(days=20)
    assert all(not 0 < (race - s.day).days <= 7 for s in plan.sessions)


@pytest.mark.parametrize(
    ("first", "days"),
    [(0, 7), (0, 28), (21, 7), (14, 21), (-70, 120), (7, 366)],
)
def test_a_day_reads_the_same_whatever_the_window(tmp_path: Path, first: int, days: int) -> None:
    path = write_plan(tmp_path, weekly(MON, marathon_block(), SEVEN_AM))
    reference = kinds(plan_from(path, MON, 16 * 7))
    start = MON + timedelta(weeks=8) + timedelta(days=first)
    window = kinds(plan_from(path, start, days))
    shared = set(reference) & set(window)
    assert shared
    assert {d: window[d] for d in shared} == {d: reference[d] for d in shared}
    twenty = MON + timedelta(weeks=10, days=6)  # "Run 20 mi"
    if twenty in window:
        assert window[twenty] is DayKind.LONG


def test_plan_days_366_shows_a_whole_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    path = write_plan(tmp_path, weekly(MON, marathon_block(18), SEVEN_AM))
    argv = ["plan", "--runs", str(path), "--start", MON.isoformat(), "--days", "366", "--json"]
    assert main(argv) == 0
    shown = json.loads(capsys.readouterr().out)
    assert len(shown["days"]) == 366
    assert len(shown["sessions"]) >= 2 * 17
    assert main([*argv[:-2], "367"]) == 2


# --- the plan's own strength days -----------------------------------------------------------


def strength_week(strength: str, days: tuple[int, ...] = (0, 3)) -> list[str]:
    week = ["Rest", "Intervals 6 x 800 m", "Easy 6 km", "Easy 8 km", "Rest", "Easy 5 km",
            "Long run 18 km"]  # fmt: skip
    for d in days:
        week[d] = strength if week[d] == "Rest" else f"{week[d]} + {strength}"
    return week


@pytest.mark.parametrize(
    "title",
    ["💪 Strength: Full Body", "Kraft", "Gym", "力量训练", "筋トレ", "근력 운동", "WeightTraining"],
)
def test_sessions_go_on_the_plans_strength_days(tmp_path: Path, title: str) -> None:
    path = write_plan(tmp_path, weekly(MON, [strength_week(title)] * 3))
    plan = plan_from(path, MON, 14)
    assert [s.day.weekday() for s in plan.sessions] == [0, 3, 0, 3]
    assert all("the plan's strength day" in s.reason for s in plan.sessions)
    by_day = {d.day: d for d in plan.days}
    assert by_day[MON].plan_strength == title
    assert by_day[MON + timedelta(days=3)].kind is DayKind.EASY  # strength does not make it hard


def test_never_on_the_day_next_to_the_plans_strength_day(tmp_path: Path) -> None:
    # Strength on Wednesday only: Tue and Thu are beside it, the rest day Monday takes the other.
    week = ["Rest", "Easy 6 km", "💪 Strength: Full Body", "Easy 7 km", "Rest", "Easy 5 km",
            "Easy 6 km"]  # fmt: skip
    path = write_plan(tmp_path, weekly(MON, [week] * 2))
    plan = plan_from(path, MON, 14)
    assert [s.day.weekday() for s in plan.sessions] == [0, 2, 0, 2]
    by_day = {d.day: d for d in plan.days}
    for beside in (1, 3, 8, 10):
        assert by_day[MON + timedelta(days=beside)].skip_reason.startswith(
            "next to the plan's strength day on Wed"
        )


def test_of_more_strength_days_than_sessions_those_that_keep_the_rules_win(
    tmp_path: Path,
) -> None:
    # Mon, Wed and Fri: Monday is the day before the intervals, so Wed and Fri.
    week = ["Gym", "Intervals 6 x 800 m", "Easy 6 km + Gym", "Easy 8 km", "Gym",
            "Easy 5 km", "Long run 18 km"]  # fmt: skip
    path = write_plan(tmp_path, weekly(MON, [week] * 2))
    plan = plan_from(path, MON, 14)
    assert [s.day.weekday() for s in plan.sessions] == [2, 4, 2, 4]
    assert all(not s.relaxed for s in plan.sessions)
    monday = next(d for d in plan.days if d.day == MON)
    assert monday.skip_reason.startswith("the plan's strength day, but ")


def test_a_provider_hands_the_plans_strength_over_as_a_strength_activity() -> None:
    # What any provider (an intervals.icu WeightTraining event, say) gives the planner.
    runs = [
        Run(MON + timedelta(days=1), "Intervals", kind=DayKind.QUALITY),
        Run(MON + timedelta(days=2), "WeightTraining", kind=DayKind.STRENGTH),
        Run(MON + timedelta(days=3), "Easy", kind=DayKind.EASY),
        Run(MON + timedelta(days=5), "WeightTraining", kind=DayKind.STRENGTH),
        Run(MON + timedelta(days=6), "Long", kind=DayKind.LONG),
    ]
    plan = make_plan(runs, MON, 7, PlanRules())
    assert [s.day for s in plan.sessions] == [MON + timedelta(days=2), MON + timedelta(days=5)]
    assert plan.sessions[1].relaxed == ("not the day before a long run",)
    assert "the plan's strength day (WeightTraining)" in plan.sessions[0].reason


def test_a_plans_strength_day_never_overrides_the_hard_rules(tmp_path: Path) -> None:
    week = ["Rest", "Intervals 6 x 800 m + Strength", "Easy 6 km", "Tempo 20 min",
            "Strength", "Easy 5 km", "Half Marathon"]  # fmt: skip
    path = write_plan(tmp_path, weekly(MON, [strength_week("Strength"), week]))
    plan = plan_from(path, MON, 14, PlanRules(periodize=False))
    race_week = [s for s in plan.sessions if s.day >= MON + timedelta(days=7)]
    assert race_week == []
    assert [s.day.weekday() for s in plan.sessions] == [0, 3]


# --- a plan that ends with the shakeout ---------------------------------------------------------


@pytest.mark.parametrize(
    "shakeout",
    ["Pre-Race Shakeout", "Easy 20 min shakeout before the race", "Vorbelastung 5 km",
     "Race week: shakeout 3 mi", "Shakeout 20 min + 4 strides"],
)  # fmt: skip
def test_a_plan_ending_with_the_shakeout_tapers_for_the_race_the_next_day(
    tmp_path: Path, shakeout: str
) -> None:
    normal = ["Rest", "Intervals 6 x 800 m", "Easy 6 km", "Tempo 20 min", "Rest", "Easy 5 km",
              "Long run 18 km"]  # fmt: skip
    last = ["Rest", "Easy 6 km", "Easy 5 km", "Rest", "Easy 4 km", shakeout, ""]
    path = write_plan(tmp_path, weekly(MON, [normal, normal, last]))
    plan = plan_from(path, MON + timedelta(weeks=1), 14)
    race = MON + timedelta(weeks=2, days=6)
    assert kinds(plan)[race] is DayKind.RACE
    assert all(s.day < race - timedelta(days=7) for s in plan.sessions)
    taper = [
        d
        for d in plan.days
        if race - timedelta(days=7) <= d.day < race and d.kind in (DayKind.REST, DayKind.EASY)
    ]
    assert {d.skip_reason for d in taper} == {"taper before the race on Sun 2027-01-24"}


def test_a_shakeout_that_is_not_the_plans_end_implies_nothing(tmp_path: Path) -> None:
    week = ["Rest", "Intervals 6 x 800 m", "Easy 6 km", "Tempo 20 min", "Rest",
            "Pre-race shakeout 3 km", "Easy 8 km"]  # fmt: skip
    path = write_plan(tmp_path, weekly(MON, [week, week]))
    plan = plan_from(path, MON, 14)
    assert DayKind.RACE not in kinds(plan).values()


def test_a_coach_bots_plan_with_emoji_titles_in_one_hour_blocks(tmp_path: Path) -> None:
    week = ["😴 Rest Day", "🔥 Intervals: 6 x 800m", "🏃 Easy Run 6 km", "💪 Strength: Full Body",
            "🔥 Tempo Run 8 km", "🏃 Easy Run 5 km", "🏃 Long Run: 16 km"]  # fmt: skip
    last = ["😴 Rest Day", "🏃 Easy Run 5 km", "🔥 Tempo Run 4 km", "💪 Strength: Full Body",
            "😴 Rest Day", "🏃 Pre-Race Shakeout 3 km", ""]  # fmt: skip
    path = write_plan(tmp_path, weekly(MON, [week] * 5 + [last], SEVEN_AM))
    plan = plan_from(path, MON + timedelta(weeks=3), 21)
    by_day = kinds(plan)
    sundays = [MON + timedelta(weeks=w, days=6) for w in (3, 4)]
    assert [by_day[d] for d in sundays] == [DayKind.LONG, DayKind.LONG]
    race = MON + timedelta(weeks=5, days=6)
    assert by_day[race] is DayKind.RACE
    # Peak weeks before the race: the one maintenance session goes on the plan's strength day.
    assert [s.day.weekday() for s in plan.sessions] == [3, 3]
    assert all(s.day < race - timedelta(days=7) for s in plan.sessions)
    thursdays = [s for s in plan.sessions if s.day.weekday() == 3]
    assert all(
        s.reason.startswith("the plan's strength day (💪 Strength: Full Body)") for s in thursdays
    )


def test_higdon_strengthen_days_and_a_5k_tune_up_race(tmp_path: Path) -> None:
    week = ["Stretch & strengthen", "3 m run", "2 m run or cross", "3 m run", "Rest",
            "30 min cross", "8 m run"]  # fmt: skip
    tune_up = ["Stretch & strengthen", "3 m run", "2 m run or cross", "3 m run", "Rest",
               "Rest", "5-K Race"]  # fmt: skip
    path = write_plan(tmp_path, weekly(MON, [week, week, week, tune_up, week, week]))
    plan = plan_from(path, MON + timedelta(weeks=2), 14)
    by_day = kinds(plan)
    assert by_day[MON + timedelta(weeks=3, days=6)] is DayKind.RACE
    assert by_day[MON + timedelta(weeks=2, days=6)] is DayKind.LONG  # "8 m run"
    assert by_day[MON + timedelta(weeks=2, days=5)] is DayKind.REST  # cross-training
    mondays = [d for d in plan.days if d.day.weekday() == 0]
    assert all(d.plan_strength == "Stretch & strengthen" for d in mondays)
    # The race week's strength day is in the taper: nothing that week, nothing beside Mondays.
    assert [s.day for s in plan.sessions][:1] == [MON + timedelta(weeks=2)]
    assert all(s.day.weekday() not in (1, 6) for s in plan.sessions)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Medium-Long Run: 15 miles", DayKind.LONG),
        ("Long Run: 18 miles", DayKind.LONG),
        ("Lactate Threshold: 8 miles w/ 4 mi @ 15K to half marathon pace", DayKind.QUALITY),
        ("VO2max: 8 miles w/ 5 x 600m @ 5K race pace", DayKind.QUALITY),
        ("General Aerobic: 10 miles and 10x100m strides, total 11 miles", DayKind.EASY),
        ("Recovery: 5 miles", DayKind.EASY),
        ("8K-15K tune-up race", DayKind.RACE),
    ],
)
def test_pfitzinger_style_titles(title: str, kind: DayKind) -> None:
    usual = UsualRun(distance_m=8 * MILE)
    assert classify_run(Run(MON, title), usual).kind is kind


def test_a_race_pace_is_not_the_runs_length() -> None:
    title = "Lactate Threshold: 8 miles w/ 4 mi @ 15K to half marathon pace"
    assert distance_m(title) == pytest.approx(8 * MILE)


def test_a_coach_bots_lift_tags_and_lift_events(tmp_path: Path) -> None:
    week = ["Rest or mobility.", "KEY: 6.0 mi: 1 easy, 3.3 at tempo, 1 easy @ 8:50-9:10/mi",
            "Easy 4.0 mi  [lift]", "Easy 5.0 mi @ 9:30-10:00/mi, HR < 145",
            "Strength: full body, off the legs before the long run.", "Rest or mobility.",
            "Long run 16.0 mi"]  # fmt: skip
    path = write_plan(tmp_path, weekly(MON, [week] * 3))
    plan = plan_from(path, MON + timedelta(weeks=1), 7)
    by_day = {d.day.weekday(): d for d in plan.days}
    assert by_day[2].kind is DayKind.EASY and by_day[2].plan_strength == "Easy 4.0 mi  [lift]"
    assert by_day[4].kind is DayKind.REST and by_day[4].plan_strength.startswith("Strength:")
    assert by_day[6].kind is DayKind.LONG and by_day[1].kind is DayKind.QUALITY
    assert [s.day.weekday() for s in plan.sessions] == [2, 4]


def test_when_only_the_big_runs_have_a_length_they_are_not_the_usual_run(tmp_path: Path) -> None:
    items = []
    for w in range(5):
        monday = MON + timedelta(weeks=w)
        items += [Item(monday + timedelta(days=d), "Easy run") for d in (1, 2, 3, 4)]
        items.append(Item(monday + timedelta(days=6), "Sunday run with the club", SEVEN_AM, 130))
    path = write_plan(tmp_path, items)
    plan = plan_from(path, MON, 14)
    assert kinds(plan)[MON + timedelta(days=6)] is DayKind.LONG


def test_on_many_random_plans_with_strength_days_the_rules_always_hold() -> None:
    rng = random.Random(15)
    kinds_ = [DayKind.EASY, DayKind.EASY, DayKind.QUALITY, DayKind.LONG, None]
    for _ in range(200):
        runs: list[Run] = []
        strength_days: set[date] = set()
        for offset in range(28):
            day = MON + timedelta(days=offset)
            kind = rng.choice(kinds_)
            if kind is not None:
                runs.append(Run(day, f"{kind} run", kind=kind))
            if rng.random() < 0.3:
                runs.append(Run(day, "Gym", kind=DayKind.STRENGTH))
                strength_days.add(day)
        plan = make_plan(runs, MON, 21, PlanRules())
        by_day = {d.day: d for d in plan.days}
        chosen = [s.day for s in plan.sessions]
        for day in chosen:
            assert by_day[day].kind in (DayKind.REST, DayKind.EASY)
            if day not in strength_days:
                assert not {day - timedelta(days=1), day + timedelta(days=1)} & strength_days
        assert all((b - a).days >= 2 for a, b in itertools.pairwise(chosen))
        for week in range(3):
            monday = MON + timedelta(weeks=week)
            assert len([d for d in chosen if monday <= d < monday + timedelta(days=7)]) <= 2
        for session in plan.sessions:
            on_plan_day = session.reason.startswith("the plan's strength day")
            assert on_plan_day == (session.day in strength_days)


# --- what the plan's structure says --------------------------------------------------------------


def test_a_plan_ending_with_a_marathons_length_ends_with_its_race(tmp_path: Path) -> None:
    # Nike Run Club's marathon plan ends with "long run" whose one step is 42.2 km.
    week = ["Rest", "Intervals 6 x 800 m", "Easy 8 km", "Tempo 20 min", "Rest", "Easy 6 km",
            "Long run 24 km"]  # fmt: skip
    last = ["Rest", "Easy 6 km", "Easy 5 km", "Rest", "Easy 4 km", "Rest", ""]
    items = weekly(MON, [week, week, last])
    items.append(Item(MON + timedelta(weeks=2, days=6), "01wtg long run",
                      description="interval 42.2km LONG_RUN_HEART_RATE"))  # fmt: skip
    path = write_plan(tmp_path, items)
    plan = plan_from(path, MON + timedelta(weeks=1), 14)
    race = MON + timedelta(weeks=2, days=6)
    assert kinds(plan)[race] is DayKind.RACE
    assert all(s.day < race - timedelta(days=7) for s in plan.sessions)


def test_a_bricks_bike_part_beside_the_days_run_is_not_a_second_run(tmp_path: Path) -> None:
    # Garmin Coach triathlon plans: "Bike/Run Brick" and "Easy Run" on one Saturday.
    items = [
        Item(MON + timedelta(days=1), "Easy Run 30 min"),
        Item(MON + timedelta(days=3), "Intervals 5 x 3 min"),
        Item(MON + timedelta(days=5), "W01D6a-Bike/Run Brick", description="Bike, easy effort"),
        Item(MON + timedelta(days=5), "W01D6b-Easy Run", description="Run, easy effort, 20 min"),
    ]
    path = write_plan(tmp_path, items)
    plan = plan_from(path, MON, 7)
    saturday = next(d for d in plan.days if d.day == MON + timedelta(days=5))
    assert saturday.kind is DayKind.EASY
    [brick] = [r for r in saturday.runs if r.kind is DayKind.NOT_A_RUN]
    assert brick.reason == "the bike part of a brick; its run is the day's 'W01D6b-Easy Run'"


def test_a_plan_of_bare_numbers_reads_them_in_its_unit_and_its_zeros_as_rest(
    tmp_path: Path,
) -> None:
    # A plan table converted word for word: each cell a number of miles, 0 on rest days.
    weeks = [["0", "4", "5", "4", "0", "6", f"{10 + w}"] for w in range(4)]
    path = write_plan(tmp_path, weekly(MON, weeks))
    plan = plan_from(path, MON + timedelta(weeks=1), 14)
    by_day = kinds(plan)
    sunday = MON + timedelta(weeks=1, days=6)
    assert by_day[sunday] is DayKind.LONG  # "11", the week's longest by far
    assert by_day[sunday - timedelta(days=5)] is DayKind.EASY  # "5"
    assert by_day[MON + timedelta(weeks=1)] is DayKind.REST  # "0"
    assert DayKind.UNSURE not in by_day.values()


@pytest.mark.parametrize(
    ("last", "kind"),
    [
        ("13.1 mi", DayKind.RACE),  # a half marathon plan's goal, as its last run
        ("Run 21.1 km", DayKind.RACE),
        ("Run 5K", DayKind.RACE),
        ("Run 5K, jog at a slow and conversational pace", DayKind.EASY),  # a graduation jog
        ("Easy 13.1 mi", DayKind.LONG),  # a training run: the week's longest
        ("Run 7 mi", DayKind.LONG),  # no race's distance
    ],
)
def test_a_calendars_last_run_of_a_races_distance_is_its_race(
    tmp_path: Path, last: str, kind: DayKind
) -> None:
    week = ["Rest", "Intervals 6 x 800 m", "Easy 5 mi", "Tempo 4 mi", "Rest", "Easy 4 mi",
            "Long run 10 mi"]  # fmt: skip
    final = ["Rest", "Easy 4 mi", "Easy 3 mi", "Rest", "Easy 3 mi", "Rest", last]
    path = write_plan(tmp_path, weekly(MON, [week, week, final]))
    plan = plan_from(path, MON + timedelta(weeks=1), 14)
    assert kinds(plan)[MON + timedelta(weeks=2, days=6)] is kind


def test_a_windows_last_run_is_no_plans_end() -> None:
    # A source that hands over a window (Garmin, intervals.icu) ends where the window ends: a
    # half-marathon-length long run there is a long run.
    runs = [Run(MON + timedelta(days=d), "Easy 8 km") for d in (1, 3, 8, 10)]
    runs.append(Run(MON + timedelta(days=13), "Run 21.1 km"))
    plan = make_plan(runs, MON, 14, PlanRules())
    assert kinds(plan)[MON + timedelta(days=13)] is DayKind.LONG


def test_an_unsure_day_takes_the_hard_kind_its_weekday_holds_in_every_other_week() -> None:
    runs = []
    for week in range(6):
        monday = MON + timedelta(weeks=week)
        tuesday = "QRX 8 km" if week == 3 else "Intervals 6 x 800 m"
        runs += [Run(monday + timedelta(days=1), tuesday), Run(monday + timedelta(days=3),
                 "QRX 6 km" if week == 3 else "Easy 6 km"), Run(monday + timedelta(days=6),
                 "Long run 18 km")]  # fmt: skip
    plan = make_plan(runs, MON + timedelta(weeks=3), 7, PlanRules())
    by_day = {d.day.weekday(): d for d in plan.days}
    assert by_day[1].kind is DayKind.QUALITY
    assert by_day[1].reason.endswith("the plan's other Tuesdays are quality days")
    # A weekday of easy runs gives no reason to lift on an unsure day: it stays protected.
    assert by_day[3].kind is DayKind.UNSURE
