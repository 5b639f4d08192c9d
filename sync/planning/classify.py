"""Each day becomes rest, easy, quality, long or race, with a one-line reason.

For one run, in this order: what the source itself says (a race event, a config weekday);
the workout's structure (repeats of work intervals, targets above easy); a race named in the
title; a workout named in the title; the length compared with the athlete's usual run (the
median of the runs given); then the title's and the description's words. A day without a run is
a rest day; a day with several runs is as hard as the hardest. The day keeps its runs with
their kind and reason filled in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from statistics import median

from runlift.sync.model import DayKind, DayPlan, Run, RunStructure
from runlift.sync.planning import measures, words

HARDNESS = {
    DayKind.REST: 0,
    DayKind.EASY: 1,
    DayKind.LONG: 2,
    DayKind.QUALITY: 3,
    DayKind.RACE: 4,
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


@dataclass(frozen=True)
class Verdict:
    kind: DayKind
    reason: str


@dataclass(frozen=True)
class UsualRun:
    """The athlete's usual run: the median length of the runs given (None when too few)."""

    duration_s: float | None = None
    distance_m: float | None = None

    @classmethod
    def of(cls, runs: Iterable[Run]) -> UsualRun:
        durations: list[float] = []
        distances: list[float] = []
        for run in runs:
            if run.plan_strength:
                continue
            if run.kind in (DayKind.REST, DayKind.RACE) or words.read(run.title).is_race:
                continue
            if (duration := run_duration_s(run)) is not None:
                durations.append(duration)
            if (distance := run_distance_m(run)) is not None:
                distances.append(distance)
        return cls(
            duration_s=median(durations) if len(durations) >= MIN_SAMPLES else None,
            distance_m=median(distances) if len(distances) >= MIN_SAMPLES else None,
        )


def run_duration_s(run: Run) -> float | None:
    return run.duration_s or measures.duration_s(run.title)


def run_distance_m(run: Run) -> float | None:
    return run.distance_m or measures.distance_m(run.title)


def classify_run(run: Run, usual: UsualRun) -> Verdict:
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
    strength = tuple(run for run in runs if run.plan_strength)
    runs = [run for run in runs if not run.plan_strength]
    if not runs:
        reason = "no run planned" + ("; the plan's strength day" if strength else "")
        return DayPlan(day=day, kind=DayKind.REST, reason=reason, runs=strength)
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
    return DayPlan(day=day, kind=hardest.kind, reason=reason, runs=(*classified, *strength))


def classify_days(runs: Iterable[Run], days: Iterable[date]) -> dict[date, DayPlan]:
    """Every day in ``days`` classified; the usual run is taken from all ``runs``."""
    runs = list(runs)
    usual = UsualRun.of(runs)
    by_day: dict[date, list[Run]] = {}
    for run in runs:
        by_day.setdefault(run.day, []).append(run)
    return {day: classify_day(day, by_day.get(day, []), usual) for day in days}


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
