"""Each day becomes rest, easy, quality, long or race, with a one-line reason.

For one run, in this order: what the source itself says (a race event, a config weekday);
the workout's structure (repeats of work intervals, targets above easy); a race named in the
title; a workout named in the title; the length compared with the athlete's usual run (the
median of all the runs given, which is every run the source holds when it can say); then the
title's and the description's words. A length written in the title ("Run 20 mi", "3 m run")
wins over the source's; an event's length that cannot be the run's (20 miles in an hour) does
not count. A day without a run is a rest day; a day with several runs is as hard as the
hardest. The day keeps its runs with their kind and reason filled in.

The plan's own strength sessions (runs of kind STRENGTH) make no day harder: their day is
marked as the plan's strength day (``DayPlan.plan_strength``). A day the source marks as one the
athlete cannot train (runs of kind OFF: sick, injured, away) keeps its kind from its runs and says
why in ``DayPlan.off``. A pre-race shakeout that is
the plan's last run ("Pre-Race Shakeout", "Vorbelastung") means a race the next day even when
the race itself is not in the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from statistics import median

from runlift.sync.model import DayKind, DayPlan, Run, RunStructure
from runlift.sync.planning import measures, words

HARDNESS = {
    DayKind.REST: 0,
    DayKind.EASY: 1,
    DayKind.LONG: 2,
    DayKind.QUALITY: 3,
    DayKind.RACE: 4,
    DayKind.STRENGTH: 0,
    DayKind.OFF: 0,
}
# Kinds that keep strength off the day itself and off the day before.
HARD_KINDS = frozenset({DayKind.QUALITY, DayKind.LONG, DayKind.RACE})

# Long: this much longer than the usual run, and at least an hour or 12 km.
LONG_RATIO = 1.5
LONG_FLOOR_S = 60 * 60
LONG_FLOOR_M = 12_000.0
# With fewer than MIN_SAMPLES runs to compare, only these absolute lengths count as long.
MIN_SAMPLES = 3
LONG_ABSOLUTE_S = 100 * 60
LONG_ABSOLUTE_M = 20_000.0
# A single work step this long with a target above easy reads as a tempo block.
TEMPO_BLOCK_S = 10 * 60
# The usual run needs lengths from at least this share of the runs (else it is the few
# special ones, like the long runs a calendar gives a length).
USUAL_SHARE = 1 / 3
# Paces a run can have, seconds per km; a length outside them is not this run's length.
FASTEST_PACE_S_KM = 150.0
SLOWEST_PACE_S_KM = 20 * 60.0
NOT_RUNS = (DayKind.REST, DayKind.STRENGTH, DayKind.OFF)


@dataclass(frozen=True)
class Verdict:
    kind: DayKind
    reason: str


@dataclass(frozen=True)
class UsualRun:
    """The athlete's usual run: the median length of the runs given.

    None when too few runs have that length: fewer than MIN_SAMPLES, or fewer than USUAL_SHARE
    of the runs (a calendar that gives only its long runs a length says nothing usual).
    """

    duration_s: float | None = None
    distance_m: float | None = None

    @classmethod
    def of(cls, runs: Iterable[Run]) -> UsualRun:
        durations: list[float] = []
        distances: list[float] = []
        counted = 0
        for run in runs:
            if run.kind in (*NOT_RUNS, DayKind.RACE) or words.read(run.title).is_race:
                continue
            counted += 1
            if (duration := run_duration_s(run)) is not None:
                durations.append(duration)
            if (distance := run_distance_m(run)) is not None:
                distances.append(distance)
        enough = max(MIN_SAMPLES, USUAL_SHARE * counted)
        return cls(
            duration_s=median(durations) if len(durations) >= enough else None,
            distance_m=median(distances) if len(distances) >= enough else None,
        )


def run_duration_s(run: Run) -> float | None:
    """The title's duration, else the source's when it can be this run's length."""
    if (written := measures.duration_s(run.title)) is not None:
        return written
    if not run.duration_s:
        return None
    distance = run_distance_m(run)
    if distance:
        pace = run.duration_s / (distance / 1000)
        if not FASTEST_PACE_S_KM <= pace <= SLOWEST_PACE_S_KM:
            return None
    return run.duration_s


def run_distance_m(run: Run) -> float | None:
    """The title's distance ("Run 20 mi", "3 m run"), else the source's."""
    return measures.distance_m(run.title) or run.distance_m


def classify_run(run: Run, usual: UsualRun) -> Verdict:
    if run.kind is DayKind.STRENGTH:
        return Verdict(DayKind.STRENGTH, run.reason or "a strength session in the plan")
    if run.kind is not None:
        return Verdict(run.kind, run.reason or f"{run.source or 'the source'} says {run.kind}")
    title = words.read(run.title)
    if run.structure is not None and (verdict := _from_structure(run.structure, title)):
        return verdict
    if race := title.is_race:
        return Verdict(DayKind.RACE, f"'{race}' in the title")
    if workout := title.workout:
        return Verdict(DayKind.QUALITY, f"'{workout}' in the title")
    if (verdict := _by_length(run, usual)) is not None:
        return verdict
    if verdict := _from_words(title, "title"):
        return verdict
    description = words.read(run.description)
    if workout := description.workout:
        return Verdict(DayKind.QUALITY, f"'{workout}' in the description")
    if verdict := _from_words(description, "description"):
        return verdict
    if run.structure is not None and run.structure.strides_only:
        return Verdict(DayKind.EASY, "easy run with strides (only short repeats in the workout)")
    return Verdict(DayKind.EASY, "nothing in it says hard, long or race")


def classify_day(day: date, runs: Sequence[Run], usual: UsualRun) -> DayPlan:
    strength = [run for run in runs if run.kind is DayKind.STRENGTH]
    plan_strength = strength[0].title if strength else ""
    away = [run for run in runs if run.kind is DayKind.OFF]
    off = (away[0].reason or away[0].title or "no training this day") if away else ""
    aside = (*strength, *away)
    runs = [run for run in runs if run.kind not in (DayKind.STRENGTH, DayKind.OFF)]
    if not runs:
        reason = "no run planned"
        if plan_strength:
            reason += f"; the plan's strength day ({plan_strength})"
        if off:
            reason += f"; {off}"
        return DayPlan(
            day=day,
            kind=DayKind.REST,
            reason=reason,
            runs=aside,
            plan_strength=plan_strength,
            off=off,
        )
    classified = []
    for run in runs:
        verdict = classify_run(run, usual)
        classified.append(replace(run, kind=verdict.kind, reason=verdict.reason))
    hardest = max(classified, key=lambda run: HARDNESS[run.kind or DayKind.EASY])
    reason = hardest.reason
    if hardest.title and hardest.title not in reason:
        reason = f"{hardest.title}: {reason}"
    if len(classified) > 1:
        reason += f" (+{len(classified) - 1} more)"
    assert hardest.kind is not None
    return DayPlan(
        day=day,
        kind=hardest.kind,
        reason=reason,
        runs=(*classified, *aside),
        plan_strength=plan_strength,
        off=off,
    )


def classify_days(runs: Iterable[Run], days: Iterable[date]) -> dict[date, DayPlan]:
    """Every day in ``days`` classified; the usual run is taken from all ``runs``."""
    runs = list(runs)
    usual = UsualRun.of(runs)
    by_day: dict[date, list[Run]] = {}
    for run in [*runs, *implied_races(runs)]:
        by_day.setdefault(run.day, []).append(run)
    return {day: classify_day(day, by_day.get(day, []), usual) for day in days}


def implied_races(runs: Sequence[Run]) -> list[Run]:
    """The race the day after the plan's last run when that run is a pre-race shakeout.

    Only when nothing is planned on the next day: a plan that writes its race down says so
    itself, and one that writes a rest day there has no race then.
    """
    days_with_events = {run.day for run in runs}
    running = [run for run in runs if run.kind not in NOT_RUNS]
    if not running:
        return []
    last_day = max(run.day for run in running)
    implied = []
    for run in running:
        if run.day != last_day or run.kind is DayKind.RACE:
            continue
        found = words.read(run.title).pre_race or words.read(run.description).pre_race
        race_day = run.day + timedelta(days=1)
        if found and race_day not in days_with_events:
            implied.append(
                Run(
                    day=race_day,
                    title="Race (implied)",
                    source=run.source,
                    kind=DayKind.RACE,
                    reason=f"the plan ends with '{run.title}' the day before",
                )
            )
            break
    return implied


def _from_structure(structure: RunStructure, title: words.Markers) -> Verdict | None:
    if structure.strides_only:
        return None
    if structure.work_intervals >= 2:
        if not structure.hard_targets and (title.easy or title.other_sport) and not title.workout:
            # "Easy run/walk 10 x (2' run, 1' walk)": repeats, but nothing asks for more.
            return None
        return Verdict(DayKind.QUALITY, f"{structure.work_intervals} work intervals")
    if structure.hard_targets:
        if structure.longest_work_s >= TEMPO_BLOCK_S:
            minutes = round(structure.longest_work_s / 60)
            return Verdict(DayKind.QUALITY, f"{minutes} min work step above easy effort")
        return Verdict(DayKind.QUALITY, "work steps with targets above easy effort")
    for name in structure.step_names:
        step = words.read(name)
        if step.workout and not step.strides:
            return Verdict(DayKind.QUALITY, f"a step named '{name}'")
    return None


def _by_length(run: Run, usual: UsualRun) -> Verdict | None:
    """Long against the usual run: the distance first (the title's wins), then the duration.

    The first length that has a usual one to compare with decides; without one, only a length
    long by any measure is long.
    """
    distance = run_distance_m(run)
    if distance is not None:
        if usual.distance_m:
            ratio = distance / usual.distance_m
            if ratio >= LONG_RATIO and distance >= LONG_FLOOR_M:
                return Verdict(
                    DayKind.LONG,
                    f"{_km(distance)}, {ratio:.1f}x the usual {_km(usual.distance_m)}",
                )
            return None
        if distance >= LONG_ABSOLUTE_M:
            return Verdict(DayKind.LONG, f"{_km(distance)}, long by any measure")
    duration = run_duration_s(run)
    if duration is not None:
        if usual.duration_s:
            ratio = duration / usual.duration_s
            if ratio >= LONG_RATIO and duration >= LONG_FLOOR_S:
                return Verdict(
                    DayKind.LONG,
                    f"{_minutes(duration)}, {ratio:.1f}x the usual {_minutes(usual.duration_s)}",
                )
            return None
        if duration >= LONG_ABSOLUTE_S:
            return Verdict(DayKind.LONG, f"{_minutes(duration)}, long by any measure")
    return None


def _from_words(found: words.Markers, where: str) -> Verdict | None:
    if found.long:
        return Verdict(DayKind.LONG, f"'{found.long}' in the {where}")
    if found.strides:
        return Verdict(DayKind.EASY, f"easy run with strides ('{found.strides}' in the {where})")
    if found.easy:
        return Verdict(DayKind.EASY, f"'{found.easy}' in the {where}")
    if found.rest and not found.run and where == "title":
        return Verdict(DayKind.REST, f"'{found.rest}' in the title")
    return None


def _minutes(seconds: float) -> str:
    return f"{round(seconds / 60)} min"


def _km(metres: float) -> str:
    return f"{metres / 1000:.3g} km"
