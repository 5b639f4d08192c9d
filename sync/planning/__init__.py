"""The planner: classify the days of the running plan and place the strength sessions.

``make_plan(runs, start, days, rules)`` is pure: the same runs give the same plan. The planner
is handed its runs and reads nothing: ``runlift.sync.providers.load.load_runs`` reads them
through the provider chosen by the caller (the command line, the sync).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from runlift.sync.model import DayKind, Plan, Run
from runlift.sync.planning import vocabulary, words
from runlift.sync.planning.classify import classify_days, implied_races
from runlift.sync.planning.notes import reading_notes
from runlift.sync.planning.phases import periodize
from runlift.sync.planning.place import place
from runlift.sync.planning.rules import PlanRules
from runlift.sync.planning.volumes import with_volumes

__all__ = ["PlanRules", "make_plan"]


def make_plan(
    runs: list[Run],
    start: date,
    days: int,
    rules: PlanRules,
    done: Sequence[date] = (),
    first_label: str = "A",
) -> Plan:
    """Classify ``days`` days from ``start`` and place the sessions on them.

    ``runs`` may reach beyond the window: races after it still set the taper, a race right
    before it still blocks the day after. ``done`` lists the dates of sessions already done or
    placed before ``start`` (they count for their ISO week and for the gap), ``first_label``
    is the label the first new session gets.
    """
    with vocabulary.using(rules.vocabulary):
        return _make_plan(runs, start, days, rules, done, first_label)


def _make_plan(
    runs: list[Run],
    start: date,
    days: int,
    rules: PlanRules,
    done: Sequence[date],
    first_label: str,
) -> Plan:
    if days < 1:
        raise ValueError("days must be at least 1")
    if first_label not in ("A", "B"):
        raise ValueError("first_label must be A or B")
    horizon = [start + timedelta(days=i) for i in range(days)]
    first = start - timedelta(days=rules.days_after_races)
    last = horizon[-1] + timedelta(days=rules.days_before_races)
    context = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    # A source that holds more (a calendar file) also names the races beyond the context: the
    # goal race is the longest ahead, so a half marathon in view never takes the place of the
    # marathon a few weeks after it, whatever the window.
    beyond = sorted(
        {
            run.day
            for run in [*runs, *implied_races(runs)]
            if run.day > last and (run.kind is DayKind.RACE or words.read(run.title).is_race)
        }
    )
    overrides = dict(rules.day_kinds)
    classified = classify_days(runs, [*context, *beyond] if rules.periodize else context, overrides)
    plans = {day: classified[day] for day in context}
    blocks = periodize(classified, horizon, rules)
    targets = {_iso_week(week.monday): week.sessions_target for week in blocks.weeks}
    placement = place(
        plans,
        horizon,
        rules,
        done=done,
        first_label=first_label,
        race_blocks=blocks.race_blocks,
        targets=targets,
    )
    sessions, day_plans = with_volumes(placement, blocks, plans, rules, done, first_label)
    notes = [*placement.notes, *reading_notes([plans[day] for day in horizon], overrides)]
    if not any(start <= run.day <= horizon[-1] for run in runs):
        notes.insert(0, f"no runs between {start} and {horizon[-1]}: every day counts as rest")
    return Plan(days=day_plans, sessions=sessions, notes=tuple(notes), weeks=blocks.weeks)


def _iso_week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return (iso.year, iso.week)
