"""Where the strength sessions go: hard rules never broken, soft rules only to reach the count.

Hard rules: no strength on a quality, long-run or race day, nor on a day the athlete cannot
train (``DayPlan.off``: sick, injured, away); ``min_gap_days`` full days between
two sessions (also with sessions done before the window); none in the taper before a race or on
the days right after one; at most ``sessions_per_week`` per ISO week.

Soft rules: not the day before a quality, long-run or race day; not on a forbidden weekday; on a
preferred weekday when some are named. A soft rule is broken only when the plan cannot otherwise
reach ``sessions_per_week`` in a week, and the session says which it broke. Among equally good
choices rest days come before easy days, then sessions spread further apart, then earlier dates:
the same input always gives the same plan.

The plan's own strength days (``DayPlan.plan_strength``: "💪 Strength: Full Body", "Gym") are
the athlete's strength days: sessions go there first, replacing the plan's generic strength,
and never on the day next to one (a hard rule). Where a week holds more of them than
``sessions_per_week``, the ones that break the fewest soft rules win. Only a forbidden weekday
weighs more than the plan's choice; the hard rules always hold.

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
from runlift.sync.planning.phases import flat_race_blocks
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
# What a day that is not the plan's strength day costs, on the same scale.
NOT_PLAN_STRENGTH_WEIGHT = 3
PLAN_STRENGTH = "the plan's strength day"
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
    race_blocks: Mapping[date, str] | None = None,
    targets: Mapping[tuple[int, int], int] | None = None,
) -> Placement:
    """Place sessions on ``horizon`` days; ``plans`` also holds the days around it.

    ``race_blocks`` are the days races keep free (taper, recovery) with the reason; ``targets``
    the sessions each ISO week should get (default: ``sessions_per_week``).
    """
    if race_blocks is None:
        race_blocks = flat_race_blocks(plans, rules)
    strength_days = {day for day, plan in plans.items() if plan.plan_strength}
    blocked = {
        day: _hard_block(plans[day], race_blocks.get(day, ""))
        or _next_to_plan_strength(day, strength_days)
        for day in horizon
    }
    weeks = _weeks(horizon)
    wanted = {
        week: rules.sessions_per_week if targets is None else targets.get(week, 0) for week in weeks
    }
    done_sorted = tuple(sorted(done))
    quotas = {
        week: max(0, wanted[week] - sum(1 for d in done_sorted if _week(d) == week))
        for week in weeks
    }
    candidates = {
        week: [
            _Candidate(day, plans[day].kind, _soft(day, plans, rules), day in strength_days)
            for day in days
            if not blocked[day]
        ]
        for week, days in weeks.items()
    }
    chosen = _search(weeks, quotas, candidates, rules, done_sorted[-1] if done_sorted else None)
    sessions = _sessions(chosen, plans, candidates, wanted, done_sorted, first_label)
    day_plans = _explain_days(horizon, plans, blocked, sessions, rules, weeks, quotas)
    notes = _week_notes(weeks, wanted, quotas, sessions, day_plans)
    return Placement(tuple(sessions), day_plans, notes)


def _hard_block(plan: DayPlan, race_block: str) -> str:
    if plan.off:
        return plan.off
    if plan.kind in HARD_KINDS:
        return KIND_PHRASE[plan.kind]
    return race_block


def _next_to_plan_strength(day: date, strength_days: set[date]) -> str:
    if day in strength_days:
        return ""
    for near in (day - timedelta(days=1), day + timedelta(days=1)):
        if near in strength_days:
            return f"next to {PLAN_STRENGTH} on {_day(near)}"
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
    # A last session this far before a week neither limits nor costs anything in it.
    far = max(min_apart, IDEAL_GAP_DAYS)
    for week, days_of_week in weeks.items():
        paths = _forget_far(paths, days_of_week[0], far)
        quota = quotas[week]
        options = candidates[week]
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
                    cost = (
                        quota - size,
                        sum(SOFT_WEIGHT[rule] for c in combo for rule in c.soft)
                        + sum(NOT_PLAN_STRENGTH_WEIGHT for c in combo if not c.plan_strength),
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


def _forget_far(paths: dict[date | None, _Path], first: date, far: int) -> dict[date | None, _Path]:
    """Paths whose last session is far before ``first`` share one key: they go on alike."""
    kept: dict[date | None, _Path] = {}
    for last, path in paths.items():
        key = None if last is None or (first - last).days >= far else last
        best = kept.get(key)
        if best is None or (path.cost, path.chosen) < (best.cost, best.chosen):
            kept[key] = path
    return kept


def _add(a: _Cost, b: _Cost) -> _Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])


def _sessions(
    chosen: Sequence[date],
    plans: Mapping[date, DayPlan],
    candidates: Mapping[tuple[int, int], list[_Candidate]],
    wanted: Mapping[tuple[int, int], int],
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
                reason=_session_reason(day, plans, previous, relaxed, wanted[_week(day)]),
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
    wanted: int,
) -> str:
    plan = plans[day]
    titles = ", ".join(
        run.title
        for run in plan.runs
        if run.title and run.kind not in (DayKind.REST, DayKind.STRENGTH, DayKind.OFF)
    )
    parts = [f"{PLAN_STRENGTH} ({plan.plan_strength})"] if plan.plan_strength else []
    parts.append(
        f"easy day ({titles})" if plan.kind is DayKind.EASY and titles else f"{plan.kind} day"
    )
    tomorrow = plans.get(day + timedelta(days=1))
    if tomorrow is not None and tomorrow.kind in HARD_KINDS:
        parts.append(f"tomorrow is a {KIND_PHRASE[tomorrow.kind]}")
    else:
        parts.append("nothing hard tomorrow")
    if previous is not None:
        parts.append(f"{(day - previous).days} days after the last session")
    if relaxed and plan.plan_strength:
        parts.append(f"the plan's choice, though: {', '.join(relaxed)}")
    elif relaxed:
        parts.append(f"relaxed to reach {wanted} this week: {', '.join(relaxed)}")
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
            if plans[day].plan_strength:
                reason = f"{PLAN_STRENGTH}, but {reason}"
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
    wanted: Mapping[tuple[int, int], int],
    quotas: Mapping[tuple[int, int], int],
    sessions: Sequence[PlannedSession],
    day_plans: Sequence[DayPlan],
) -> tuple[str, ...]:
    notes = []
    skip = {plan.day: plan.skip_reason for plan in day_plans}
    for week, days in weeks.items():
        name = f"{week[0]}-W{week[1]:02d}"
        placed = sum(1 for s in sessions if _week(s.day) == week)
        already = wanted[week] - quotas[week]
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
