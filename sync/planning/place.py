"""Where the strength sessions go: hard rules never broken, soft rules only to reach the count.

Hard rules: no strength on a quality, long-run or race day; ``min_gap_days`` full days between
two sessions (also with sessions done before the window); none in the taper before a race or on
the days right after one; at most ``sessions_per_week`` per ISO week.

Soft rules: not the day before a quality, long-run or race day; not on a forbidden weekday; on a
preferred weekday when some are named. A soft rule is broken only when the plan cannot otherwise
reach ``sessions_per_week`` in a week, and the session says which it broke. Among equally good
choices rest days come before easy days, then sessions spread further apart, then earlier dates:
the same input always gives the same plan.

The search runs over whole weeks in order, remembering only the last session's date, so a
Sunday session in one week is weighed against the Monday it blocks in the next.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import combinations, pairwise

from runlift.sync.model import DayKind, DayPlan, PlannedSession
from runlift.sync.planning.classify import HARD_KINDS
from runlift.sync.planning.rules import WEEKDAY_NAMES, PlanRules

DAY_BEFORE = {
    DayKind.QUALITY: "not the day before a quality day",
    DayKind.LONG: "not the day before a long run",
    DayKind.RACE: "not the day before a race",
}
FORBIDDEN = "not on a forbidden weekday"
PREFERRED = "on a preferred weekday"
# How much breaking each soft rule costs; the plan breaks as little as it can.
SOFT_WEIGHT = {FORBIDDEN: 4, **dict.fromkeys(DAY_BEFORE.values(), 2), PREFERRED: 1}
# Each of the plan's own strength days left unused while a session goes elsewhere costs this
# (more than a session the day before a hard day: the plan chose those days).
PLAN_STRENGTH_WEIGHT = 3
KIND_COST = {DayKind.REST: 0, DayKind.EASY: 1}
# Sessions closer than this many days apart cost a little (48 h is the minimum, not the aim).
IDEAL_GAP_DAYS = 3
KIND_PHRASE = {
    DayKind.QUALITY: "quality day",
    DayKind.LONG: "long-run day",
    DayKind.RACE: "race day",
}


@dataclass(frozen=True)
class Placement:
    sessions: tuple[PlannedSession, ...]
    days: tuple[DayPlan, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class _Candidate:
    day: date
    kind: DayKind
    soft: tuple[str, ...]
    plan_strength: bool = False


# Cost of a plan, compared in this order: sessions missing, soft rules broken, easy days used
# instead of rest days, sessions close together.
_Cost = tuple[int, int, int, int]


@dataclass(frozen=True)
class _Path:
    cost: _Cost
    chosen: tuple[date, ...]


def place(
    plans: Mapping[date, DayPlan],
    horizon: Sequence[date],
    rules: PlanRules,
    done: Sequence[date] = (),
    first_label: str = "A",
) -> Placement:
    """Place sessions on ``horizon`` days; ``plans`` also holds the days around it."""
    races = sorted(day for day, plan in plans.items() if plan.kind is DayKind.RACE)
    blocked = {day: _hard_block(day, plans[day], races, rules) for day in horizon}
    weeks = _weeks(horizon)
    done_sorted = tuple(sorted(done))
    quotas = {
        week: max(0, rules.sessions_per_week - sum(1 for d in done_sorted if _week(d) == week))
        for week in weeks
    }
    candidates = {
        week: [
            _Candidate(
                day, plans[day].kind, _soft(day, plans, rules), is_plan_strength_day(plans[day])
            )
            for day in days
            if not blocked[day]
        ]
        for week, days in weeks.items()
    }
    chosen = _search(weeks, quotas, candidates, rules, done_sorted[-1] if done_sorted else None)
    sessions = _sessions(chosen, plans, candidates, rules, done_sorted, first_label)
    day_plans = _explain_days(horizon, plans, blocked, sessions, rules, weeks, quotas)
    notes = _week_notes(weeks, quotas, sessions, day_plans, done_sorted, rules)
    return Placement(tuple(sessions), day_plans, notes)


def _hard_block(day: date, plan: DayPlan, races: list[date], rules: PlanRules) -> str:
    if plan.kind in HARD_KINDS:
        return KIND_PHRASE[plan.kind]
    for race in races:
        if 0 < (race - day).days <= rules.taper_days:
            return f"taper before the race on {_day(race)}"
        if 0 < (day - race).days <= rules.post_race_days:
            return "right after the race" if (day - race).days == 1 else "after the race"
    return ""


def _soft(day: date, plans: Mapping[date, DayPlan], rules: PlanRules) -> tuple[str, ...]:
    broken = []
    tomorrow = plans.get(day + timedelta(days=1))
    if tomorrow is not None and tomorrow.kind in HARD_KINDS:
        broken.append(DAY_BEFORE[tomorrow.kind])
    if day.weekday() in rules.forbidden_days:
        broken.append(FORBIDDEN)
    if rules.preferred_days and day.weekday() not in rules.preferred_days:
        broken.append(PREFERRED)
    return tuple(broken)


def is_plan_strength_day(plan: DayPlan | None) -> bool:
    """The running plan put its own strength session on this day: runlift's takes its place."""
    return plan is not None and any(run.plan_strength for run in plan.runs)


def _search(
    weeks: Mapping[tuple[int, int], list[date]],
    quotas: Mapping[tuple[int, int], int],
    candidates: Mapping[tuple[int, int], list[_Candidate]],
    rules: PlanRules,
    last_done: date | None,
) -> tuple[date, ...]:
    """The cheapest choice of days over all weeks (ties: earliest dates)."""
    min_apart = rules.min_gap_days + 1
    paths: dict[date | None, _Path] = {last_done: _Path((0, 0, 0, 0), ())}
    for week in weeks:
        quota = quotas[week]
        options = candidates[week]
        strength_days = sum(1 for c in options if c.plan_strength)
        following: dict[date | None, _Path] = {}
        for last, path in paths.items():
            for size in range(min(quota, len(options)) + 1):
                for combo in combinations(options, size):
                    days = [c.day for c in combo]
                    previous = [last] if last is not None else []
                    spaced = [*previous, *days]
                    gaps = [(b - a).days for a, b in pairwise(spaced)]
                    if any(gap < min_apart for gap in gaps):
                        continue
                    unused = min(size, strength_days) - sum(1 for c in combo if c.plan_strength)
                    cost = (
                        quota - size,
                        sum(SOFT_WEIGHT[rule] for c in combo for rule in c.soft)
                        + PLAN_STRENGTH_WEIGHT * unused,
                        sum(KIND_COST[c.kind] for c in combo),
                        sum(max(0, IDEAL_GAP_DAYS - gap) for gap in gaps),
                    )
                    total = _Path(_add(path.cost, cost), (*path.chosen, *days))
                    end = days[-1] if days else last
                    best = following.get(end)
                    if best is None or (total.cost, total.chosen) < (best.cost, best.chosen):
                        following[end] = total
        paths = following
    best_path = min(paths.values(), key=lambda p: (p.cost, p.chosen))
    return best_path.chosen


def _add(a: _Cost, b: _Cost) -> _Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])


def _sessions(
    chosen: Sequence[date],
    plans: Mapping[date, DayPlan],
    candidates: Mapping[tuple[int, int], list[_Candidate]],
    rules: PlanRules,
    done: Sequence[date],
    first_label: str,
) -> list[PlannedSession]:
    soft = {c.day: c.soft for options in candidates.values() for c in options}
    labels = ("A", "B") if first_label == "A" else ("B", "A")
    sessions = []
    previous = done[-1] if done else None
    for index, day in enumerate(chosen):
        relaxed = soft[day]
        sessions.append(
            PlannedSession(
                day=day,
                label=labels[index % 2],
                reason=_session_reason(day, plans, previous, relaxed, rules),
                relaxed=relaxed,
            )
        )
        previous = day
    return sessions


def _session_reason(
    day: date,
    plans: Mapping[date, DayPlan],
    previous: date | None,
    relaxed: tuple[str, ...],
    rules: PlanRules,
) -> str:
    plan = plans[day]
    titles = ", ".join(
        run.title
        for run in plan.runs
        if run.title and run.kind != DayKind.REST and not run.plan_strength
    )
    parts = [f"easy day ({titles})" if plan.kind is DayKind.EASY and titles else f"{plan.kind} day"]
    if is_plan_strength_day(plan):
        parts.append("the plan's strength day")
    tomorrow = plans.get(day + timedelta(days=1))
    if tomorrow is not None and tomorrow.kind in HARD_KINDS:
        parts.append(f"tomorrow is a {KIND_PHRASE[tomorrow.kind]}")
    else:
        parts.append("nothing hard tomorrow")
    if previous is not None:
        parts.append(f"{(day - previous).days} days after the last session")
    if relaxed:
        parts.append(f"relaxed to reach {rules.sessions_per_week} this week: {', '.join(relaxed)}")
    return "; ".join(parts)


def _explain_days(
    horizon: Sequence[date],
    plans: Mapping[date, DayPlan],
    blocked: Mapping[date, str],
    sessions: Sequence[PlannedSession],
    rules: PlanRules,
    weeks: Mapping[tuple[int, int], list[date]],
    quotas: Mapping[tuple[int, int], int],
) -> tuple[DayPlan, ...]:
    by_day = {s.day: s for s in sessions}
    per_week = {week: sum(1 for s in sessions if _week(s.day) == week) for week in weeks}
    explained = []
    for day in horizon:
        reason = ""
        if day not in by_day:
            reason = blocked[day] or _why_not(day, plans, by_day, rules, per_week, quotas)
        explained.append(replace(plans[day], skip_reason=reason))
    return tuple(explained)


def _why_not(
    day: date,
    plans: Mapping[date, DayPlan],
    by_day: Mapping[date, PlannedSession],
    rules: PlanRules,
    per_week: Mapping[tuple[int, int], int],
    quotas: Mapping[tuple[int, int], int],
) -> str:
    if rules.sessions_per_week == 0:
        return "sessions_per_week is 0"
    for offset in range(1, rules.min_gap_days + 1):
        for near in (day - timedelta(days=offset), day + timedelta(days=offset)):
            if near in by_day:
                return f"too close to session {by_day[near].label} on {_day(near)}"
    week = _week(day)
    if per_week[week] >= quotas[week]:
        return "this week already has its sessions"
    soft = _soft(day, plans, rules)
    if soft:
        return ", ".join(soft)
    return "not needed"


def _week_notes(
    weeks: Mapping[tuple[int, int], list[date]],
    quotas: Mapping[tuple[int, int], int],
    sessions: Sequence[PlannedSession],
    day_plans: Sequence[DayPlan],
    done: Sequence[date],
    rules: PlanRules,
) -> tuple[str, ...]:
    notes = []
    skip = {plan.day: plan.skip_reason for plan in day_plans}
    for week, days in weeks.items():
        name = f"{week[0]}-W{week[1]:02d}"
        placed = sum(1 for s in sessions if _week(s.day) == week)
        already = rules.sessions_per_week - quotas[week]
        if already:
            notes.append(f"{name}: {already} session(s) already done before the window")
        if placed >= quotas[week]:
            continue
        why = [
            f"{_span(group)}: {reason}"
            for reason, group in _groups(days, skip)
            if reason and reason != "not needed"
        ]
        if len(days) < 7:
            why.append(f"only {_span(days)} of this week in the window")
        notes.append(f"{name}: {placed} of {quotas[week]} sessions. " + "; ".join(why))
    return tuple(notes)


def _groups(days: Sequence[date], skip: Mapping[date, str]) -> list[tuple[str, list[date]]]:
    groups: list[tuple[str, list[date]]] = []
    for day in days:
        reason = skip.get(day, "")
        if groups and groups[-1][0] == reason:
            groups[-1][1].append(day)
        else:
            groups.append((reason, [day]))
    return groups


def _span(days: Sequence[date]) -> str:
    first, last = WEEKDAY_NAMES[days[0].weekday()], WEEKDAY_NAMES[days[-1].weekday()]
    return first if len(days) == 1 else f"{first}-{last}"


def _weeks(horizon: Sequence[date]) -> dict[tuple[int, int], list[date]]:
    weeks: dict[tuple[int, int], list[date]] = {}
    for day in sorted(horizon):
        weeks.setdefault(_week(day), []).append(day)
    return weeks


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return (iso.year, iso.week)


def _day(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}"
