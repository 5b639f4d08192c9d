"""Each placed session gets its week's volume; a taper may get one body-weight session.

The body-weight session goes on the best day of the first half of the goal race's taper (not
on a quality, long-run or race day, ``min_gap_days`` from the other sessions; rest days before
easy days, then days before nothing hard, then the earlier day). Labels alternate A, B again
over all the sessions in date order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from runlift.sync.model import DayKind, DayPlan, Phase, PlannedSession, WeekPlan
from runlift.sync.planning.classify import HARD_KINDS
from runlift.sync.planning.phases import Periodization
from runlift.sync.planning.place import Placement
from runlift.sync.planning.rules import PlanRules
from runlift.workouts.volume import Volume

FULL_WEEK = "this week already has its sessions"
_PHASE_SKIP = {
    Phase.PEAK: "peak week: one maintenance session",
    Phase.TAPER: "taper: no strength",
    Phase.RECOVERY: "recovery week: no strength",
}


def with_volumes(
    placement: Placement,
    blocks: Periodization,
    plans: Mapping[date, DayPlan],
    rules: PlanRules,
    done: Sequence[date],
    first_label: str,
) -> tuple[tuple[PlannedSession, ...], tuple[DayPlan, ...]]:
    weeks = {week.monday: week for week in blocks.weeks}
    sessions = [
        replace(session, volume=_week_of(session.day, weeks).volume)
        for session in placement.sessions
    ]
    horizon = {plan.day for plan in placement.days}
    for taper in blocks.bodyweight_days:
        extra = _bodyweight_session(taper, horizon, plans, rules, sessions, done)
        if extra is not None:
            sessions.append(extra)
    sessions = _relabelled(sorted(sessions, key=lambda s: s.day), first_label)
    placed = {session.day for session in sessions}
    days = tuple(
        _explained(plan, placed, _week_of(plan.day, weeks), rules) for plan in placement.days
    )
    return tuple(sessions), days


def _week_of(day: date, weeks: Mapping[date, WeekPlan]) -> WeekPlan:
    return weeks[day - timedelta(days=day.weekday())]


def _bodyweight_session(
    taper: Sequence[date],
    horizon: set[date],
    plans: Mapping[date, DayPlan],
    rules: PlanRules,
    sessions: Sequence[PlannedSession],
    done: Sequence[date],
) -> PlannedSession | None:
    others = [*done, *(s.day for s in sessions)]
    options = []
    for day in taper:
        plan = plans.get(day)
        if day not in horizon or plan is None or plan.kind in HARD_KINDS or plan.off:
            continue
        if any(abs((day - other).days) <= rules.min_gap_days for other in others):
            continue
        tomorrow = plans.get(day + timedelta(days=1))
        hard_tomorrow = tomorrow is not None and tomorrow.kind in HARD_KINDS
        forbidden = day.weekday() in rules.forbidden_days
        options.append((forbidden, hard_tomorrow, plan.kind is not DayKind.REST, day))
    if not options:
        return None
    forbidden, hard_tomorrow, easy, day = min(options)
    parts = [
        "taper: one body-weight session early in the taper",
        "easy day" if easy else "rest day",
        "tomorrow is hard" if hard_tomorrow else "nothing hard tomorrow",
    ]
    relaxed = ("not on a forbidden weekday",) if forbidden else ()
    return PlannedSession(
        day=day, label="A", reason="; ".join(parts), relaxed=relaxed, volume=Volume.BODYWEIGHT
    )


def _relabelled(sessions: Sequence[PlannedSession], first_label: str) -> list[PlannedSession]:
    labels = ("A", "B") if first_label == "A" else ("B", "A")
    return [replace(s, label=labels[i % 2]) for i, s in enumerate(sessions)]


def _explained(plan: DayPlan, placed: set[date], week: WeekPlan, rules: PlanRules) -> DayPlan:
    if plan.day in placed:
        return replace(plan, skip_reason="")
    if plan.skip_reason == FULL_WEEK and week.sessions_target < rules.sessions_per_week:
        return replace(plan, skip_reason=_PHASE_SKIP.get(week.phase, FULL_WEEK))
    return plan
