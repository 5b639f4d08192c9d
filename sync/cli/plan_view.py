"""`runlift plan`'s output: a calendar table for people, a fixed JSON shape for scripts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from runlift.sync.model import DayKind, DayPlan, Phase, Plan, PlannedSession, Run, WeekPlan
from runlift.workouts.session import session_name

PHASE_STYLE = {
    Phase.BASE: "bold cyan",
    Phase.PEAK: "bold yellow",
    Phase.TAPER: "bold red",
    Phase.RECOVERY: "bold blue",
}
KIND_STYLE = {
    DayKind.REST: "dim",
    DayKind.EASY: "green",
    DayKind.QUALITY: "bold yellow",
    DayKind.LONG: "bold magenta",
    DayKind.RACE: "bold red",
    DayKind.STRENGTH: "cyan",
    DayKind.OFF: "dim red",
}


def plan_json(plan: Plan, source: str) -> dict[str, Any]:
    sessions = {s.day: s for s in plan.sessions}
    return {
        "source": source,
        "start": plan.days[0].day.isoformat() if plan.days else None,
        "end": plan.days[-1].day.isoformat() if plan.days else None,
        "weeks": [
            {
                "week": week.week,
                "phase": str(week.phase),
                "sessions_target": week.sessions_target,
                "reason": week.reason,
            }
            for week in plan.weeks
        ],
        "days": [_day_json(day, sessions.get(day.day)) for day in plan.days],
        "sessions": [
            {
                "date": s.day.isoformat(),
                "name": session_name(s.label, s.volume),
                "label": s.label,
                "volume": str(s.volume),
                "sets_per_move": s.volume.sets_per_move,
                "reason": s.reason,
                "relaxed": list(s.relaxed),
            }
            for s in plan.sessions
        ],
        "notes": list(plan.notes),
    }


def _day_json(day: DayPlan, session: PlannedSession | None) -> dict[str, Any]:
    return {
        "date": day.day.isoformat(),
        "weekday": day.day.strftime("%a"),
        "kind": str(day.kind),
        "reason": day.reason,
        "runs": [_run_json(run) for run in day.runs],
        "session": session.label if session else None,
        "skip_reason": day.skip_reason,
        "plan_strength": day.plan_strength or None,
        "off": day.off or None,
    }


def _run_json(run: Run) -> dict[str, Any]:
    return {
        "title": run.title,
        "kind": str(run.kind) if run.kind else None,
        "reason": run.reason,
        "source": run.source,
        "duration_s": run.duration_s,
        "distance_m": run.distance_m,
        "confidence": run.confidence,
    }


def show_plan(plan: Plan, source: str, console: Console) -> None:
    sessions = {s.day: s for s in plan.sessions}
    first, last = plan.days[0].day, plan.days[-1].day
    table = Table(
        title=f"Strength around your running, {first:%a %d %b} to {last:%a %d %b} ({source})",
        show_lines=True,
    )
    table.add_column("Day", no_wrap=True)
    table.add_column("Running")
    table.add_column("Strength")
    weeks = {week.monday: week for week in plan.weeks}
    for index, day in enumerate(plan.days):
        if index == 0 or day.day.weekday() == 0:
            week = weeks.get(day.day - timedelta(days=day.day.weekday()))
            if week is not None:
                table.add_row(*_week_row(week))
        table.add_row(f"{day.day:%a %d %b}", _running(day), _strength(day, sessions.get(day.day)))
    console.print(table)
    for note in plan.notes:
        console.print(f"Note: {note}")
    if plan.sessions and all(not s.relaxed for s in plan.sessions):
        console.print("Every session keeps all the placement rules.")


def _week_row(week: WeekPlan) -> tuple[Text, Text, Text]:
    style = PHASE_STYLE[week.phase]
    count = week.sessions_target
    target = f"{count} session{'s' if count != 1 else ''}"
    if count and week.volume.sets_per_move:
        target += f" · {week.volume}"
    return Text(week.week, style=style), Text(week.reason, style=style), Text(target, style=style)


def _running(day: DayPlan) -> Text:
    text = Text(str(day.kind), style=KIND_STYLE[day.kind])
    for run in day.runs:
        if run.kind is DayKind.REST and day.kind is not DayKind.REST:
            continue
        text.append(f"\n{run.title}")
        if run.kind and run.kind is not day.kind:
            text.append(f" ({run.kind})", style=KIND_STYLE[run.kind])
        if run.confidence:
            text.append(f" [{run.confidence}]", style="cyan")
    text.append(f"\n{_why(day)}", style="dim")
    return text


def _why(day: DayPlan) -> str:
    if len(day.runs) == 1 and day.reason.startswith(f"{day.runs[0].title}: "):
        return day.reason[len(day.runs[0].title) + 2 :]
    return day.reason


def _strength(day: DayPlan, session: PlannedSession | None) -> Text:
    if session is None:
        return Text(f"- {day.skip_reason}" if day.skip_reason else "-", style="dim")
    text = Text(session_name(session.label, session.volume), style="bold green")
    if session.volume.sets_per_move:
        text.append(f"\n{session.volume.sets_per_move} set per move", style="green")
    text.append(f"\n{session.reason}", style="yellow" if session.relaxed else "")
    return text
