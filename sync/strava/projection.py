"""The coming days' running, projected from what the athlete ran on each weekday lately.

Strava knows no planned runs, so the last ``weeks`` weeks before ``as_of`` stand in for the
plan: every weekday the athlete ran on in at least half of those weeks (REGULAR_SHARE) is a
running day; any other weekday produces no run and so reads as rest. A running day is hard
when at least half of its runs were hard (HARD_SHARE): a long run when long runs outnumber
workouts and races, otherwise a quality day (a race in the history makes a quality day, never a
projected race: a race does not repeat every week). Each projected Run says how sure it is:
"runs 7 of the last 8 Tuesdays, 5 of them intervals".

Days before ``as_of``, and ``as_of`` itself once run, get the runs actually done instead.
Pure: no clock, no files, no network.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from runlift.sync.model import DayKind, Run
from runlift.sync.strava.activity import Activity
from runlift.sync.strava.kinds import (
    EASY_RUNS,
    LONG_RUNS,
    RACES,
    WORKOUTS,
    Label,
    RunKind,
    Usual,
    Verdict,
    classify,
    hardest,
)

SOURCE = "strava"
DEFAULT_WEEKS = 8
# A weekday run on in at least this share of the weeks is a running day.
REGULAR_SHARE = 0.5
# A running day whose runs were hard at least this often is a hard day.
HARD_SHARE = 0.5
_GENERIC = {
    RunKind.RACE: RACES,
    RunKind.LONG: LONG_RUNS,
    RunKind.WORKOUT: WORKOUTS,
    RunKind.EASY: EASY_RUNS,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class RunDay:
    """One date of the history on which the athlete ran, judged by its hardest run."""

    day: date
    verdict: Verdict
    moving_time_s: float
    distance_m: float


@dataclass(frozen=True)
class WeekdayPattern:
    weekday: int
    weeks: int
    days: tuple[RunDay, ...]

    @property
    def name(self) -> str:
        return WEEKDAY_NAMES[self.weekday]

    @property
    def regular(self) -> bool:
        return len(self.days) >= max(1, math.ceil(REGULAR_SHARE * self.weeks))

    @property
    def hard_days(self) -> tuple[RunDay, ...]:
        return tuple(d for d in self.days if d.verdict.kind is not RunKind.EASY)

    @property
    def kind(self) -> DayKind:
        hard = self.hard_days
        if not hard or len(hard) < HARD_SHARE * len(self.days):
            return DayKind.EASY
        long_runs = sum(1 for d in hard if d.verdict.kind is RunKind.LONG)
        return DayKind.LONG if long_runs > len(hard) - long_runs else DayKind.QUALITY

    def label(self) -> Label:
        """What the projected run is called: the label its days share, else the kind's name."""
        kind = self.kind
        if kind is DayKind.EASY:
            return EASY_RUNS
        if kind is DayKind.LONG:
            return LONG_RUNS
        days = self._days_like_kind()
        labels = {d.verdict.label for d in days}
        return labels.pop() if len(labels) == 1 else WORKOUTS

    def confidence(self) -> str:
        text = f"runs {len(self.days)} of the last {self.weeks} {self.name}s"
        hard = self.hard_days
        if not hard:
            return f"{text}, all easy"
        by_kind: dict[RunKind, list[RunDay]] = {}
        for d in hard:
            by_kind.setdefault(d.verdict.kind, []).append(d)
        counts = Counter({kind: len(days) for kind, days in by_kind.items()})
        parts = [
            _how_many(count, _shared_label(by_kind[kind]), first=index == 0)
            for index, (kind, count) in enumerate(counts.most_common())
        ]
        return f"{text}, {_join(parts)}"

    def projected_run(self, day: date) -> Run:
        label = self.label()
        like = self._days_like_kind() or self.days
        return Run(
            day=day,
            title=f"Usual {self.name} {label.singular}",
            source=SOURCE,
            kind=self.kind,
            reason=f"projected from the last {self.weeks} weeks on Strava",
            duration_s=median(d.moving_time_s for d in like),
            distance_m=median(d.distance_m for d in like),
            confidence=self.confidence(),
        )

    def _days_like_kind(self) -> tuple[RunDay, ...]:
        kind = self.kind
        if kind is DayKind.EASY:
            return tuple(d for d in self.days if d.verdict.kind is RunKind.EASY)
        if kind is DayKind.LONG:
            return tuple(d for d in self.days if d.verdict.kind is RunKind.LONG)
        return tuple(d for d in self.days if d.verdict.kind in (RunKind.WORKOUT, RunKind.RACE))


def project(
    activities: Iterable[Activity],
    as_of: date,
    start: date,
    end: date,
    weeks: int = DEFAULT_WEEKS,
) -> list[Run]:
    """Runs on start..end: done ones before ``as_of`` (and on it, once run), projected after."""
    runs = [a for a in activities if a.is_run]
    patterns = weekday_patterns(runs, as_of, weeks)
    usual = usual_run(runs, as_of, weeks)
    done: dict[date, list[Activity]] = {}
    for run in runs:
        if start <= run.day <= end and run.day <= as_of:
            done.setdefault(run.day, []).append(run)
    result: list[Run] = []
    day = start
    while day <= end:
        if day in done:
            result.extend(_done_run(run, usual) for run in done[day])
        elif day >= as_of and patterns[day.weekday()].regular:
            result.append(patterns[day.weekday()].projected_run(day))
        day += timedelta(days=1)
    return result


def weekday_patterns(runs: Sequence[Activity], as_of: date, weeks: int) -> list[WeekdayPattern]:
    """For Monday..Sunday, the dates run in the ``weeks`` weeks before ``as_of``."""
    window = _window(runs, as_of, weeks)
    usual = Usual.of(window)
    by_day: dict[date, list[Activity]] = {}
    for run in window:
        by_day.setdefault(run.day, []).append(run)
    days = [
        RunDay(
            day=day,
            verdict=hardest([classify(run, usual) for run in day_runs]),
            moving_time_s=sum(run.moving_time_s for run in day_runs),
            distance_m=sum(run.distance_m for run in day_runs),
        )
        for day, day_runs in sorted(by_day.items())
    ]
    return [
        WeekdayPattern(weekday, weeks, tuple(d for d in days if d.day.weekday() == weekday))
        for weekday in range(7)
    ]


def usual_run(runs: Sequence[Activity], as_of: date, weeks: int) -> Usual:
    return Usual.of(_window(runs, as_of, weeks))


def _window(runs: Sequence[Activity], as_of: date, weeks: int) -> list[Activity]:
    first = as_of - timedelta(weeks=weeks)
    return [run for run in runs if run.is_run and first <= run.day < as_of]


def _done_run(run: Activity, usual: Usual) -> Run:
    verdict = classify(run, usual)
    return Run(
        day=run.day,
        title=run.name or run.sport_type,
        source=SOURCE,
        kind=verdict.kind.day_kind,
        reason=f"run on Strava: {verdict.reason}",
        duration_s=float(run.moving_time_s),
        distance_m=run.distance_m,
        confidence="done",
    )


def _shared_label(days: Sequence[RunDay]) -> Label:
    """The label all ``days`` share, else the name of their kind."""
    labels = {d.verdict.label for d in days}
    return labels.pop() if len(labels) == 1 else _GENERIC[days[0].verdict.kind]


def _how_many(count: int, label: Label, first: bool) -> str:
    of_them = " of them" if first else ""
    if count == 1:
        article = "an" if label.singular[0] in "aeiou" else "a"
        return f"one{of_them} {article} {label.singular}"
    return f"{count}{of_them} {label.plural}"


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
