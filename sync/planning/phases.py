"""The phase of the running block each week is in, and the days races keep free of strength.

From the next goal race (the race the source marks "A", otherwise the longest race ahead):

- ``taper``: the ``taper_days`` days before it (no strength, or one body-weight session early in
  the taper when ``taper_bodyweight`` is on);
- ``peak``: the ``peak_weeks`` weeks before the taper, starting on a Monday (one maintenance
  session a week: loads kept, one set per move at the bottom of the rep range);
- ``recovery``: the days after it, by its distance (``recovery_days``);
- ``base`` otherwise, and everywhere when no race is ahead (the program as prescribed; every
  ``deload_every``-th week of the calendar is a deload week: one set per move, same loads).

A week takes the phase most of its seven days are in (ties: taper, recovery, peak, base). Deload
weeks are counted back from the first peak week when a goal race is in view (the 4th, 8th, ...
week before it: the block reaches its peak weeks fresh), otherwise on the calendar from Monday
2024-01-01. So the same week is read the same way whatever window is planned, except once: when
a goal race first comes into view (about eight weeks ahead), the deload weeks before it may
move to line up with its peak weeks.

Other races (B and C races) keep their own day, the ``OTHER_RACE_DAYS_BEFORE`` days before it
and their recovery days free of strength, without changing the week's phase.

With ``periodize`` off, every race gets the taper before it and ``post_race_days`` after it,
and every week is a base week without deloads (runlift's rules before periodization).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runlift.sync.model import DayKind, DayPlan, Phase, WeekPlan
from runlift.sync.planning import measures, vocabulary, words
from runlift.sync.planning.rules import WEEKDAY_NAMES, PlanRules
from runlift.workouts.volume import Volume

DELOAD_ANCHOR = date(2024, 1, 1)  # a Monday
OTHER_RACE_DAYS_BEFORE = 2
# Up to this distance a race counts as "up to 10 km", up to the next as a half marathon.
SHORT_RACE_MAX_M = 10_500.0
HALF_RACE_MAX_M = 25_000.0
_LABEL_ORDER = (Phase.TAPER, Phase.RECOVERY, Phase.PEAK, Phase.BASE)


@dataclass(frozen=True)
class Race:
    day: date
    title: str
    distance_m: float | None
    priority: str = ""

    @property
    def described(self) -> str:
        return f"{self.title} on {WEEKDAY_NAMES[self.day.weekday()]} {self.day.isoformat()}"


@dataclass(frozen=True)
class Periodization:
    weeks: tuple[WeekPlan, ...]
    # Days that a race keeps free of strength, with the reason (taper, recovery, ...).
    race_blocks: Mapping[date, str]
    # Per goal race, the first half of its taper, where one body-weight session may go.
    bodyweight_days: tuple[tuple[date, ...], ...] = ()


def races_in(plans: Mapping[date, DayPlan]) -> list[Race]:
    """The races of the classified days, one per race day (the first race run of the day)."""
    races = []
    for day in sorted(plans):
        plan = plans[day]
        if plan.kind is not DayKind.RACE:
            continue
        run = next(
            (r for r in plan.runs if r.kind is DayKind.RACE or words.read(r.title).is_race),
            plan.runs[0] if plan.runs else None,
        )
        title = run.title if run and run.title else "the race"
        distance = (run.distance_m if run else None) or race_distance_m(title)
        races.append(Race(day, title, distance, run.race_priority if run else ""))
    return races


def race_distance_m(title: str) -> float | None:
    """A race's distance from its name: "Berlin Marathon", "Halbmarathon", "Parkrun 5 km"."""
    name = words.read(title).race_distance_name
    if name:
        return vocabulary.current().race_metres[name]
    return measures.distance_m(title)


def recovery_days(race: Race, rules: PlanRules) -> int:
    """Days without strength after ``race``; a race of unknown length counts as a half."""
    distance = race.distance_m
    if distance is not None and distance <= SHORT_RACE_MAX_M:
        return rules.recovery_days_10k
    if distance is None or distance <= HALF_RACE_MAX_M:
        return rules.recovery_days_half
    return rules.recovery_days_marathon


def goal_race(races: Sequence[Race], day: date) -> Race | None:
    """The goal race on or after ``day``: the next one marked A, else the longest ahead.

    A race its source ranks B or C (intervals.icu's RACE_B, RACE_C) is run without a taper and
    is never the goal, even with no A race ahead.
    """
    ahead = [race for race in races if race.day >= day and race.priority not in ("B", "C")]
    marked = [race for race in ahead if race.priority == "A"]
    if marked:
        return marked[0]
    if not ahead:
        return None
    return max(ahead, key=lambda r: (r.distance_m or 0.0, -r.day.toordinal()))


def periodize(
    plans: Mapping[date, DayPlan], horizon: Sequence[date], rules: PlanRules
) -> Periodization:
    races = races_in(plans)
    if not rules.periodize:
        return Periodization(_unperiodized_weeks(horizon, rules), flat_race_blocks(plans, rules))
    goals = [race for race in races if goal_race(races, race.day) == race]
    mondays = sorted({day - timedelta(days=day.weekday()) for day in horizon})
    weeks = tuple(_week(monday, races, goals, rules) for monday in mondays)
    bodyweight = _bodyweight_days(goals, rules) if rules.taper_bodyweight else ()
    return Periodization(weeks, _race_blocks(races, goals, rules), bodyweight)


def day_phase(day: date, races: Sequence[Race], goals: Sequence[Race], rules: PlanRules) -> Phase:
    for race in goals:
        if 0 < (day - race.day).days <= recovery_days(race, rules):
            return Phase.RECOVERY
    goal = goal_race(races, day)
    if goal is None:
        return Phase.BASE
    taper_start = goal.day - timedelta(days=rules.taper_days)
    if day >= taper_start:
        return Phase.TAPER
    if day >= _peak_start(goal, rules):
        return Phase.PEAK
    return Phase.BASE


def _peak_start(goal: Race, rules: PlanRules) -> date:
    earliest = goal.day - timedelta(days=rules.taper_days + 7 * rules.peak_weeks)
    return earliest + timedelta(days=(7 - earliest.weekday()) % 7)


def _week(monday: date, races: Sequence[Race], goals: Sequence[Race], rules: PlanRules) -> WeekPlan:
    days = [monday + timedelta(days=i) for i in range(7)]
    counts = Counter(day_phase(day, races, goals, rules) for day in days)
    phase = max(_LABEL_ORDER, key=lambda p: (counts[p], -_LABEL_ORDER.index(p)))
    goal = goal_race(races, monday)
    per_week = rules.sessions_per_week
    if phase is Phase.BASE:
        deload = is_deload_week(monday, goal, rules)
        volume = Volume.DELOAD if deload else Volume.FULL
        return WeekPlan(
            _name(monday),
            monday,
            phase,
            per_week,
            volume,
            _base_reason(goal, monday, deload, rules),
        )
    if phase is Phase.PEAK:
        assert goal is not None
        reason = f"peak: {_weeks_to(goal, monday)} to {goal.described}; one maintenance session"
        return WeekPlan(_name(monday), monday, phase, min(1, per_week), Volume.MAINTENANCE, reason)
    if phase is Phase.TAPER:
        race = goal or _last_before(goals, monday + timedelta(days=7))
        what = (
            "one body-weight session early in the taper"
            if rules.taper_bodyweight
            else "no strength"
        )
        reason = f"taper: {race.described if race else 'the race'}; {what}"
        return WeekPlan(_name(monday), monday, phase, 0, Volume.BODYWEIGHT, reason)
    past = _last_before(goals, monday + timedelta(days=7))
    reason = "recovery after the race"
    if past is not None:
        reason = (
            f"recovery: {recovery_days(past, rules)} days without strength after {past.described}"
        )
    return WeekPlan(_name(monday), monday, phase, 0, Volume.FULL, reason)


def _base_reason(goal: Race | None, monday: date, deload: bool, rules: PlanRules) -> str:
    where = f"{_weeks_to(goal, monday)} to {goal.described}" if goal else "no race ahead"
    if deload:
        return f"base: {where}; deload week (every {rules.deload_every}th week): one set per move"
    return f"base: {where}"


def is_deload_week(monday: date, goal: Race | None, rules: PlanRules) -> bool:
    if rules.deload_every <= 0:
        return False
    if goal is not None:
        weeks_before_peak = (_peak_start(goal, rules) - monday).days // 7
        return weeks_before_peak > 0 and weeks_before_peak % rules.deload_every == 0
    index = (monday - DELOAD_ANCHOR).days // 7
    return index % rules.deload_every == rules.deload_every - 1


def _weeks_to(race: Race, monday: date) -> str:
    weeks = math.ceil((race.day - monday).days / 7)
    return "1 week" if weeks == 1 else f"{weeks} weeks"


def _last_before(races: Iterable[Race], day: date) -> Race | None:
    before = [race for race in races if race.day < day]
    return before[-1] if before else None


def _race_blocks(races: Sequence[Race], goals: Sequence[Race], rules: PlanRules) -> dict[date, str]:
    blocks: dict[date, str] = {}
    for race in races:
        before = (
            rules.taper_days if race in goals else min(rules.taper_days, OTHER_RACE_DAYS_BEFORE)
        )
        why = "taper before" if race in goals else "days before"
        for offset in range(before, 0, -1):
            blocks.setdefault(
                race.day - timedelta(days=offset), f"{why} the race on {_day(race.day)}"
            )
        after = recovery_days(race, rules)
        for offset in range(1, after + 1):
            blocks.setdefault(
                race.day + timedelta(days=offset),
                f"recovery after the race on {_day(race.day)} ({after} days)",
            )
    return blocks


def flat_race_blocks(plans: Mapping[date, DayPlan], rules: PlanRules) -> dict[date, str]:
    """Without periodization: every race gets the taper before it and post_race_days after."""
    blocks: dict[date, str] = {}
    for race in sorted(day for day, plan in plans.items() if plan.kind is DayKind.RACE):
        for offset in range(rules.taper_days, 0, -1):
            blocks.setdefault(
                race - timedelta(days=offset), f"taper before the race on {_day(race)}"
            )
        for offset in range(1, rules.post_race_days + 1):
            blocks.setdefault(
                race + timedelta(days=offset),
                "right after the race" if offset == 1 else "after the race",
            )
    return blocks


def _bodyweight_days(goals: Sequence[Race], rules: PlanRules) -> tuple[tuple[date, ...], ...]:
    half = math.ceil(rules.taper_days / 2)
    return tuple(
        tuple(goal.day - timedelta(days=rules.taper_days - offset) for offset in range(half))
        for goal in goals
    )


def _unperiodized_weeks(horizon: Sequence[date], rules: PlanRules) -> tuple[WeekPlan, ...]:
    mondays = sorted({day - timedelta(days=day.weekday()) for day in horizon})
    return tuple(
        WeekPlan(
            _name(monday),
            monday,
            Phase.BASE,
            rules.sessions_per_week,
            Volume.FULL,
            "periodize is off: every week as prescribed",
        )
        for monday in mondays
    )


def _name(monday: date) -> str:
    iso = monday.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _day(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}"
