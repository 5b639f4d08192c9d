"""Each day becomes rest, easy, quality, long, race or unsure, with a one-line reason.

For one run, in this order: what the source itself says (a race event, a config weekday);
the workout's structure (repeats of work intervals, targets above easy); a race named in the
title; a workout named in the title; its length read as a coach reads a plan (the week's
longest run by far is the long run; a run far longer than the athlete's usual one is long,
unless its title calls it easy and its week holds a longer one; a run given in distance beside
runs given in time is compared by the paces a run can have); then the title's and the
description's words. A length written in the title ("Run 20 mi", "3 m run") wins over the
source's; an event's length that cannot be the run's (20 miles in an hour) does not count; a
title that is one bare number ("12.9") is a length in the plan's own unit (the unit most of its
titles are written in). A run whose words say nothing a list knows (numbers only, an
abbreviation) is **unsure**: placed as a hard day until the runner teaches runlift the word.
A day without a run is a rest day; a day with several runs is as hard as the hardest. The day
keeps its runs with their kind and reason filled in.

The plan's own strength sessions (runs of kind STRENGTH) make no day harder: their day is
marked as the plan's strength day (``DayPlan.plan_strength``). Events that are not runs (kind
NOT_A_RUN, with the provider's reason) make no day harder either; the day keeps them, so the
plan can list them. A day the source marks as one the athlete cannot train (runs of kind OFF:
sick, injured, away) keeps its kind from its runs and says why in ``DayPlan.off``. A pre-race
shakeout that is the plan's last run ("Pre-Race Shakeout", "Vorbelastung") means a race the next
day even when the race itself is not in the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from statistics import median

from runlift.sync.model import DayKind, DayPlan, Run, RunStructure
from runlift.sync.planning import measures, words

HARDNESS = {
    DayKind.REST: 0,
    DayKind.STRENGTH: 0,
    DayKind.NOT_A_RUN: 0,
    DayKind.OFF: 0,
    DayKind.EASY: 1,
    DayKind.UNSURE: 2,
    DayKind.LONG: 3,
    DayKind.QUALITY: 4,
    DayKind.RACE: 5,
}
# Kinds that keep strength off the day itself and off the day before.
HARD_KINDS = frozenset({DayKind.QUALITY, DayKind.LONG, DayKind.RACE, DayKind.UNSURE})

# Long: this much longer than the usual run, and at least an hour or 12 km.
LONG_RATIO = 1.5
LONG_FLOOR_S = 60 * 60
LONG_FLOOR_M = 12_000.0
# With fewer than MIN_SAMPLES runs to compare, only these absolute lengths count as long.
MIN_SAMPLES = 3
LONG_ABSOLUTE_S = 100 * 60
LONG_ABSOLUTE_M = 20_000.0
# The week's long run, when none of its runs is named long: its longest, at least this much
# longer than each of its other runs given the same way (a beginner's "4 mi run" beside "3 mi
# run" days).
WEEK_RATIO = 1.25
# A second long run of the week (an ultra plan's back-to-back weekend): the day before or after
# the long run, this much longer than the week's median run, this share of its longest, and
# at least BACK_TO_BACK_M or BACK_TO_BACK_S.
BACK_TO_BACK_RATIO = 1.5
BACK_TO_BACK_SHARE = 0.6
BACK_TO_BACK_M = 10_000.0
BACK_TO_BACK_S = 60 * 60
# Paces (seconds per km) that bound how long a run given in distance takes, to compare it with
# runs given in time.
BOUND_FAST_S_KM = 180.0
BOUND_SLOW_S_KM = 540.0
# A plan that ends with a run this long, of a race's distance, ends with its race.
FINAL_RACE_MIN_M = 42_000.0
FINAL_RACE_TOLERANCE = 0.02
GOAL_DISTANCES_M = (42_195.0, 50_000.0, 80_467.0, 100_000.0, 160_934.0)
# The distances a whole plan may end with as its race (goal_race).
GOAL_RACES_M = (5_000.0, 8_000.0, 10_000.0, 15_000.0, 16_093.0, 21_097.5, 25_000.0, 30_000.0,
                *GOAL_DISTANCES_M)  # fmt: skip
GOAL_MIN_M = 4_900.0
# An unsure day takes its weekday's kind when the plan's other weeks hold it on that weekday
# this many times and this share of them.
PATTERN_MIN_WEEKS = 3
PATTERN_SHARE = 0.8
# A plan writes its runs as bare distances ("4k", "12.9") when it has this many of them.
DISTANCES_PLAN_MIN = 3
# A single work step this long with a target above easy reads as a tempo block.
TEMPO_BLOCK_S = 10 * 60
# The usual run needs lengths from at least this share of the runs (else it is the few
# special ones, like the long runs a calendar gives a length).
USUAL_SHARE = 1 / 3
# Paces a run can have, seconds per km; a length outside them is not this run's length.
FASTEST_PACE_S_KM = 150.0
SLOWEST_PACE_S_KM = 20 * 60.0
NOT_RUNS = (DayKind.REST, DayKind.STRENGTH, DayKind.NOT_A_RUN, DayKind.OFF)
# The runner's [plan.days] kinds (beside the day kinds): the plan's strength day.
STRENGTH_DAY = "strength"


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


@dataclass(frozen=True)
class Context:
    """What a run is read against: the usual run, and what the plan's structure says of it."""

    usual: UsualRun = field(default_factory=UsualRun)
    # By run (its identity in the runs being read): the long runs the weeks make.
    structural: Mapping[int, Verdict] = field(default_factory=dict)
    # Runs whose week gives other runs a length to compare with (the usual run is not asked).
    in_week: frozenset[int] = frozenset()
    # The plan writes its runs as bare distances ("4k", "6k"): a bare "5k" is one of them.
    distances_plan: bool = False


def run_duration_s(run: Run) -> float | None:
    """The title's duration, else the source's when it can be this run's length."""
    if (written := measures.total_duration_s(run.title)) is not None:
        return written
    if not run.duration_s:
        if measures.distance_m(run.title) is None and not run.distance_m:
            return measures.single_length(run.description)[1]
        return None
    distance = run_distance_m(run)
    if distance:
        pace = run.duration_s / (distance / 1000)
        if not FASTEST_PACE_S_KM <= pace <= SLOWEST_PACE_S_KM:
            return None
    return run.duration_s


def run_distance_m(run: Run) -> float | None:
    """The title's distance ("Run 20 mi", "3 m run"), else the source's, else a description's
    one length ("interval 42.2km")."""
    return (
        measures.total_distance_m(run.title)
        or run.distance_m
        or measures.single_length(run.description)[0]
    )


def classify_run(run: Run, usual: UsualRun | Context) -> Verdict:
    context = usual if isinstance(usual, Context) else Context(usual=usual)
    if run.kind is DayKind.STRENGTH:
        return Verdict(DayKind.STRENGTH, run.reason or "a strength session in the plan")
    if run.kind is DayKind.NOT_A_RUN:
        return Verdict(DayKind.NOT_A_RUN, run.reason or "not a run")
    if run.kind is not None:
        return Verdict(run.kind, run.reason or f"{run.source or 'the source'} says {run.kind}")
    title = words.read(run.title)
    description = words.read(run.description)
    targeted = run.structure is not None and run.structure.hard_targets
    if run.structure is not None and (verdict := _from_structure(run.structure, title)):
        return verdict
    if race := _race(title, description, context):
        return Verdict(DayKind.RACE, _said(title, race, "race", "title"))
    if title.long:
        return Verdict(DayKind.LONG, _said(title, title.long, "long", "title"))
    if not targeted and (walk := _run_walk(title, description)):
        return Verdict(DayKind.EASY, f"a run/walk session ('{walk}')")
    if workout := title.workout:
        return Verdict(DayKind.QUALITY, _said(title, workout, "quality", "title"))
    if title.practice and not title.coached and run_distance_m(run) is None:
        return Verdict(DayKind.QUALITY, f"'{title.practice}' without a length: the group's workout")
    if (verdict := context.structural.get(id(run))) is not None:
        return verdict
    alone = id(run) not in context.in_week and not (title.easy or title.strides)
    if alone and (verdict := _by_usual(run, context.usual)) is not None:
        return verdict
    if verdict := _from_words(title, "title"):
        return verdict
    if workout := description.workout:
        return Verdict(DayKind.QUALITY, _said(description, workout, "quality", "description"))
    if verdict := _from_words(description, "description"):
        return verdict
    if run.structure is not None:
        if run.structure.strides_only:
            return Verdict(
                DayKind.EASY, "easy run with strides (only short repeats in the workout)"
            )
        return Verdict(DayKind.EASY, "a workout without a hard step")
    if title.says_running or description.says_running:
        return Verdict(DayKind.EASY, "nothing in it says hard, long or race")
    if title.wordless and context.distances_plan:
        return Verdict(DayKind.EASY, "a distance, the way this plan writes its runs")
    return Verdict(DayKind.UNSURE, _unsure_reason(run, title))


def _run_walk(title: words.Markers, description: words.Markers) -> str:
    """A run/walk session (walking and running in one, nothing harder asked): easy running."""
    walk = title.walk or description.walk
    if not walk:
        return ""
    running = title.run or description.run or title.easy or description.easy
    hard = (
        title.strong_quality
        or title.race_pace
        or title.hard_zone
        or description.strong_quality
        or description.race_pace
        or description.hard_zone
    )
    return walk if running and not hard else ""


def _race(title: words.Markers, description: words.Markers, context: Context) -> str:
    """The race word or distance that makes the run a race ("" when none)."""
    if title.wordless and context.distances_plan:
        return ""  # "5k" in a plan of "4k" and "6k" runs is a distance
    if race := title.is_race:
        named_only = not title.race and title.training
        if named_only and (description.easy or description.strides):
            return ""  # "Run 5K" told as a conversational jog
        return race
    if title.race_distance and not title.coached and description.race:
        return f"{title.race_distance}' and '{description.race}"
    return ""


def _unsure_reason(run: Run, title: words.Markers) -> str:
    if title.wordless:
        return f"only numbers ('{run.title.strip()[:40]}'): what kind of run is it?"
    if title.unknown:
        return f"no word runlift knows ('{title.unknown[0]}')"
    return "nothing in it says what kind of run it is"


def classify_day(day: date, runs: Sequence[Run], usual: UsualRun | Context) -> DayPlan:
    strength = [run for run in runs if run.kind is DayKind.STRENGTH]
    ignored = [run for run in runs if run.kind is DayKind.NOT_A_RUN]
    plan_strength = strength[0].title if strength else ""
    away = [run for run in runs if run.kind is DayKind.OFF]
    off = (away[0].reason or away[0].title or "no training this day") if away else ""
    aside = (*strength, *away)
    runs = [
        run for run in runs if run.kind not in (DayKind.STRENGTH, DayKind.NOT_A_RUN, DayKind.OFF)
    ]
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
            runs=(*aside, *ignored),
            plan_strength=plan_strength,
            off=off,
        )
    runs, bricks = _brick_parts(runs)
    ignored += bricks
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
        runs=(*classified, *aside, *ignored),
        plan_strength=plan_strength,
        off=off,
    )


def _brick_parts(runs: list[Run]) -> tuple[list[Run], list[Run]]:
    """A day's entry that joins another sport and a run ("Bike/Run Brick") beside an entry of
    its own for the run ("Easy Run") is the other sport's part: not a run."""
    plain = [run for run in runs if run.kind is None and not words.read(run.title).other_sport]
    if not plain:
        return runs, []
    kept, parts = [], []
    for run in runs:
        found = words.read(run.title)
        if run.kind is None and found.other_sport and found.run:
            parts.append(
                replace(
                    run,
                    kind=DayKind.NOT_A_RUN,
                    reason=f"the {found.other_sport} part of a brick; its run is the day's "
                    f"'{plain[0].title}'",
                )
            )
        else:
            kept.append(run)
    return kept, parts


def classify_days(
    runs: Iterable[Run],
    days: Iterable[date],
    overrides: Mapping[date, str] | None = None,
) -> dict[date, DayPlan]:
    """Every day in ``days`` classified; the usual run is taken from all ``runs``.

    ``overrides`` are the runner's own kinds of days ([plan.days]): a day kind, or "strength"
    for the plan's strength day.
    """
    runs = _final_race(with_plan_unit(list(runs)))
    structural, in_week = _structure(runs)
    context = Context(UsualRun.of(runs), structural, in_week, _distances_plan(runs))
    by_day: dict[date, list[Run]] = {}
    for run in [*runs, *implied_races(runs)]:
        by_day.setdefault(run.day, []).append(run)
    classified = {day: classify_day(day, by_day.get(day, []), context) for day in days}
    if any(plan.kind is DayKind.UNSURE for plan in classified.values()):
        classified = _by_weekly_pattern(classified, by_day, context)
    for day, kind in (overrides or {}).items():
        if day in classified:
            classified[day] = overridden(classified[day], kind)
    return classified


def _by_weekly_pattern(
    classified: dict[date, DayPlan], by_day: Mapping[date, list[Run]], context: Context
) -> dict[date, DayPlan]:
    """An unsure day on a weekday the plan keeps for one hard kind (its other Tuesdays are all
    quality days, its other Sundays long runs) is that kind: the plan repeats its week. An
    unsure day on a weekday of easy runs stays unsure (its run stays protected)."""
    kinds_by_weekday: dict[int, list[DayKind]] = {}
    for day, runs in by_day.items():
        if any(run.kind not in NOT_RUNS for run in runs):
            kind = classify_day(day, runs, context).kind
            kinds_by_weekday.setdefault(day.weekday(), []).append(kind)
    result = dict(classified)
    for day, plan in classified.items():
        if plan.kind is not DayKind.UNSURE:
            continue
        others = [k for k in kinds_by_weekday.get(day.weekday(), []) if k is not DayKind.UNSURE]
        if len(others) < PATTERN_MIN_WEEKS:
            continue
        kind = max(set(others), key=others.count)
        share = others.count(kind) / len(others)
        if kind in (DayKind.QUALITY, DayKind.LONG) and share >= PATTERN_SHARE:
            name = day.strftime("%A")
            result[day] = replace(
                plan, kind=kind, reason=f"{plan.reason}; the plan's other {name}s are {kind} days"
            )
    return result


def overridden(plan: DayPlan, kind: str) -> DayPlan:
    """The day as the runner's [plan.days] says it is."""
    reason = f'plan.days in your config says "{kind}"'
    if kind == STRENGTH_DAY:
        return replace(plan, plan_strength=plan.plan_strength or "your strength day", reason=reason)
    return replace(plan, kind=DayKind(kind), reason=reason)


def with_plan_unit(runs: list[Run]) -> list[Run]:
    """Runs whose title is one bare number ("12.9") get it as their length, in the plan's unit."""
    bare = [(i, n) for i, run in enumerate(runs) if (n := _bare(run)) is not None]
    if not bare:
        return runs
    unit, factor = measures.plan_unit([run.title for run in runs])
    result = list(runs)
    for index, number in bare:
        run = runs[index]
        if unit == "duration":
            result[index] = replace(run, duration_s=number * factor)
        else:
            result[index] = replace(run, distance_m=number * factor)
    return result


def _bare(run: Run) -> float | None:
    if run.kind is not None or run.distance_m or run.duration_s:
        return None
    return measures.bare_number(run.title)


@dataclass(frozen=True)
class _Member:
    """A run of a week, as the week's structure weighs it."""

    run: Run
    distance_m: float | None
    duration_s: float | None
    # Could be the week's long run: no workout, race, recovery run, shakeout, run/walk or
    # optional run, and not one of a day's two runs.
    candidate: bool
    named_long: bool
    # Says nothing of its effort (a distance, "run", a bare number): a back-to-back long run.
    plain: bool


def _structure(runs: Sequence[Run]) -> tuple[dict[int, Verdict], frozenset[int]]:
    """The long runs the weeks make, and the runs a week gives lengths to compare with.

    A week whose runs name no long run has its longest run as the long run when it is at
    least WEEK_RATIO times each of its other runs given the same way; a run the day before
    or after the week's long run that says nothing of its effort is a second long run when
    it is long enough (BACK_TO_BACK_*).
    """
    by_week: dict[tuple[int, int], list[_Member]] = {}
    per_day: dict[date, int] = {}
    running = [run for run in runs if run.kind is None or run.kind in (DayKind.EASY,)]
    for run in running:
        per_day[run.day] = per_day.get(run.day, 0) + 1
    bare = _distances_plan(runs)
    for run in runs:
        if run.kind in NOT_RUNS:
            continue
        iso = run.day.isocalendar()
        by_week.setdefault((iso.year, iso.week), []).append(_member(run, per_day, bare))
    structural: dict[int, Verdict] = {}
    in_week: set[int] = set()
    for members in by_week.values():
        for measure in ("distance_m", "duration_s"):
            given = [m for m in members if getattr(m, measure) is not None]
            if len(given) >= 2:
                in_week.update(id(m.run) for m in given)
        longest = _week_long_run(members, structural)
        if longest is not None:
            _back_to_back(members, longest, structural)
    return structural, frozenset(in_week)


def _member(run: Run, per_day: Mapping[date, int], distances_plan: bool = False) -> _Member:
    title = words.read(run.title)
    description = words.read(run.description)
    # "10 miles" in a plan that writes its runs as distances is a distance, as _race reads it.
    race = "" if title.wordless and distances_plan else title.is_race
    workout = bool(
        title.workout
        or (run.structure is not None and _from_structure(run.structure, title) is not None)
        or run.kind is not None
    )
    easy_only = _recovery(title) or title.pre_race or _run_walk(title, description)
    candidate = not (
        workout or race or easy_only or (title.rest and title.run) or per_day.get(run.day, 0) > 1
    )
    plain = not (title.coached or title.practice or race or description.coached)
    return _Member(
        run, run_distance_m(run), run_duration_s(run), candidate, bool(title.long), plain
    )


def _recovery(title: words.Markers) -> bool:
    """A run named recovery or a shakeout: never the week's long run."""
    return bool(title.pre_race or title.recovery)


def _week_long_run(members: Sequence[_Member], structural: dict[int, Verdict]) -> _Member | None:
    """The week's long run: the one named long, else its longest by far (which is marked).

    Runs are compared with the runs given the same way (in distance, or in time); a week that
    gives a run only in the other way compares it by the paces a run can have ("11 km" is longer
    than "Steady 15 min" whatever the pace)."""
    named = [m for m in members if m.named_long]
    if named:
        return max(named, key=lambda m: (m.distance_m or 0.0, m.duration_s or 0.0))
    for measure, show in (("distance_m", _km), ("duration_s", _minutes)):
        given = [m for m in members if getattr(m, measure) is not None]
        if len(given) < 2:
            continue
        longest = max(given, key=lambda m: getattr(m, measure))
        length = getattr(longest, measure)
        others = [getattr(m, measure) for m in given if m is not longest]
        if not longest.candidate or length < WEEK_RATIO * max(others):
            return None
        if _outrun(longest, members):
            break
        ratio = length / max(others)
        structural[id(longest.run)] = Verdict(
            DayKind.LONG, f"{show(length)}, the week's longest run ({ratio:.1f}x its next)"
        )
        return longest
    return _longest_across_measures(members, structural)


def _outrun(member: _Member, members: Sequence[_Member]) -> bool:
    """Whether a run of the week is longer than ``member`` whatever the paces of the two."""
    bounds = _time_bounds(member)
    if bounds is None:
        return False
    return any(
        other is not member
        and (theirs := _time_bounds(other)) is not None
        and theirs[0] > bounds[1]
        for other in members
    )


def _time_bounds(member: _Member) -> tuple[float, float] | None:
    """How long a run takes at least and at most: its duration, or its distance at the fastest
    and the slowest pace a plan's run is given at."""
    if member.duration_s is not None:
        return member.duration_s, member.duration_s
    if member.distance_m is not None:
        km = member.distance_m / 1000
        return km * BOUND_FAST_S_KM, km * BOUND_SLOW_S_KM
    return None


def _longest_across_measures(
    members: Sequence[_Member], structural: dict[int, Verdict]
) -> _Member | None:
    """A week that gives one run in distance and the others in time ("11 km" beside "Steady 15
    min"): its long run is the run that is the longest whatever the paces, by WEEK_RATIO."""
    timed = [(m, bounds) for m in members if (bounds := _time_bounds(m)) is not None]
    if len(timed) < 2:
        return None
    longest, (least, _) = max(timed, key=lambda item: item[1][0])
    most_other = max(most for m, (_, most) in timed if m is not longest)
    if not longest.candidate or least < WEEK_RATIO * most_other:
        return None
    shown = _km(longest.distance_m) if longest.distance_m else _minutes(least)
    structural[id(longest.run)] = Verdict(
        DayKind.LONG, f"{shown}, the week's longest run whatever its pace"
    )
    return longest


def _back_to_back(
    members: Sequence[_Member], longest: _Member, structural: dict[int, Verdict]
) -> None:
    for measure, floor, show in (
        ("distance_m", BACK_TO_BACK_M, _km),
        ("duration_s", BACK_TO_BACK_S, _minutes),
    ):
        top = getattr(longest, measure)
        given = [getattr(m, measure) for m in members if getattr(m, measure) is not None]
        if top is None or len(given) < 3:
            continue
        middle = median(given)
        for member in members:
            length = getattr(member, measure)
            if member is longest or length is None or not member.plain:
                continue
            if abs((member.run.day - longest.run.day).days) != 1:
                continue
            if (
                length >= BACK_TO_BACK_RATIO * middle
                and length >= BACK_TO_BACK_SHARE * top
                and length >= floor
            ):
                structural[id(member.run)] = Verdict(
                    DayKind.LONG, f"{show(length)}, back to back with the week's long run"
                )
        return


def _distances_plan(runs: Sequence[Run]) -> bool:
    """Whether the plan writes its runs as bare distances ("4k", "6k", "12.9")."""
    bare = sum(1 for run in runs if run.kind is None and words.read(run.title).wordless)
    return bare >= DISTANCES_PLAN_MIN


def goal_race(runs: list[Run]) -> list[Run]:
    """For a source that holds the whole plan (a calendar file): its last run is its race when
    that run is a race's distance (a half marathon plan's last "13.1 mi", a 10K plan's "10 km")
    and nothing in it says it is a training run ("Run 5K, jog at a conversational pace").

    Only a whole plan can say this: the last run of a window is no plan's end.
    """
    runs = with_plan_unit(list(runs))
    running = [run for run in runs if run.kind is None]
    if not running:
        return runs
    last_day = max(run.day for run in runs if run.kind not in NOT_RUNS)
    last = [run for run in running if run.day == last_day]
    if len(last) != 1:
        return runs
    run = last[0]
    title, description = words.read(run.title), words.read(run.description)
    if (
        title.coached
        or description.coached
        or title.practice
        or title.pre_race
        or description.pre_race
        or _run_walk(title, description)
    ):
        return runs
    distance = run_distance_m(run)
    if distance is None or distance < GOAL_MIN_M:
        return runs
    # Past a marathon any distance is a race's (a 63 km trail): nobody ends a plan training so far.
    if distance < FINAL_RACE_MIN_M and not any(
        abs(distance - goal) <= FINAL_RACE_TOLERANCE * goal for goal in GOAL_RACES_M
    ):
        return runs
    race = replace(
        run,
        kind=DayKind.RACE,
        distance_m=distance,
        reason=f"the plan ends with {_km(distance)}, a race's distance: its race",
    )
    return [race if r is run else r for r in runs]


def _final_race(runs: list[Run]) -> list[Run]:
    """The plan's last run is its race when it is a marathon's or an ultra's distance ("01wtg
    long run", 42.2 km; a 100-mile plan's last "100"): nobody trains that far."""
    running = [run for run in runs if run.kind is None]
    if not running:
        return runs
    last_day = max(run.day for run in runs if run.kind not in NOT_RUNS)
    last = [run for run in running if run.day == last_day]
    if len(last) != 1:
        return runs
    run = last[0]
    title = words.read(run.title)
    if title.easy or title.strides or title.workout or words.read(run.description).easy:
        return runs
    distance = run_distance_m(run)
    if distance is None or distance < FINAL_RACE_MIN_M:
        return runs
    if not any(abs(distance - goal) <= FINAL_RACE_TOLERANCE * goal for goal in GOAL_DISTANCES_M):
        return runs
    race = replace(
        run,
        kind=DayKind.RACE,
        distance_m=distance,
        reason=f"the plan ends with {_km(distance)}, a race's distance: its race",
    )
    return [race if r is run else r for r in runs]


def implied_races(runs: Sequence[Run]) -> list[Run]:
    """The race the day after the plan's last run when that run is a pre-race shakeout.

    Only when nothing is planned on the next day: a plan that writes its race down says so
    itself, and one that writes a rest day there has no race then.
    """
    days_with_events = {run.day for run in runs if run.kind is not DayKind.NOT_A_RUN}
    running = [run for run in runs if run.kind not in NOT_RUNS]
    if not running:
        return []
    if (end := _plan_end(runs)) is not None:
        return [end]
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


def _plan_end(runs: Sequence[Run]) -> Run | None:
    """The race on the plan's last day when that day holds only the plan's end ("Plan Ends"):
    a plan written for a race ends on its race."""
    last_day = max(run.day for run in runs)
    last = [run for run in runs if run.day == last_day]
    ends = [run for run in last if words.read(run.title).plan_end]
    if not ends or any(run.kind not in (None, DayKind.NOT_A_RUN) for run in last):
        return None
    if any(words.read(run.title).says_running for run in last if run not in ends):
        return None
    return Run(
        day=last_day,
        title="Race (the plan's end)",
        source=ends[0].source,
        kind=DayKind.RACE,
        reason=f"the plan ends here ('{ends[0].title}'): a plan ends on its race",
    )


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


def _by_usual(run: Run, usual: UsualRun) -> Verdict | None:
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
        return Verdict(DayKind.LONG, _said(found, found.long, "long", where))
    if found.strides:
        return Verdict(DayKind.EASY, f"easy run with strides ('{found.strides}' in the {where})")
    if found.easy:
        return Verdict(DayKind.EASY, _said(found, found.easy, "easy", where))
    if found.steady_pace:
        return Verdict(DayKind.EASY, f"a steady pace ('{found.steady_pace}' in the {where})")
    if found.rest and not found.run and where == "title":
        return Verdict(DayKind.REST, f"'{found.rest}' in the title")
    return None


def _said(found: words.Markers, word: str, kind: str, where: str) -> str:
    """ "'tempo' in the title", or with the runner's own word, where it comes from."""
    if found.by(word):
        return f"'{word}' in the {where} (your word in plan.words.{kind})"
    return f"'{word}' in the {where}"


def _minutes(seconds: float) -> str:
    return f"{round(seconds / 60)} min"


def _km(metres: float) -> str:
    return f"{metres / 1000:.3g} km"
