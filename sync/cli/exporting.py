"""`runlift export`'s job: place the sessions, build them, write the files, show what is in them."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from runlift.sync.config import Config
from runlift.sync.fit_export import ExportedFile, write_sessions
from runlift.sync.ics_file import IcsReport, IcsTarget, planned_sessions
from runlift.sync.model import PlannedSession
from runlift.sync.planning import PlanRules
from runlift.workouts.moves import MOVES_BY_KEY, Equipment
from runlift.workouts.plates import on_the_grid
from runlift.workouts.progression import Increments, Rules
from runlift.workouts.session import Session, build_session
from runlift.workouts.settings import AthleteSettings
from runlift.workouts.units import Load, Unit


@dataclass(frozen=True)
class ExportResult:
    files: list[ExportedFile]
    placed: dict[date, PlannedSession]
    copied: list[Path]
    # What --ics wrote, when it was given.
    calendar: IcsReport | None = None


def export_sessions(
    config: Config,
    *,
    out: Path,
    start: date,
    weeks: int,
    units: str | None,
    no_bar: bool,
    new_files: Path | None,
    source: str | None,
    runs: str | None,
    demo: bool,
    created: datetime,
    calendar_file: IcsTarget | None = None,
) -> ExportResult:
    settings = athlete_settings(config, units=units, no_bar=no_bar)
    placed = place_sessions(config, start, weeks, source=source, runs=runs, demo=demo)
    sessions = [(p.day, build_session(p.label, settings, p.volume)) for p in placed]
    files, copied = write_sessions(sessions, out, created, new_files)
    written = None
    if calendar_file is not None:
        # Only the days export speaks for: up to its last session when it took its count (a
        # session planned after that, still in the week, is the next export's, not cancelled).
        full = len(placed) == PlanRules.from_config(config).sessions_per_week * weeks
        last = placed[-1].day if placed and full else start + timedelta(days=7 * weeks - 1)
        window = (start, last)
        written = calendar_file.write(planned_sessions(placed, settings), window, created)
    return ExportResult(files, {p.day: p for p in placed}, copied, written)


def athlete_settings(config: Config, *, units: str | None, no_bar: bool) -> AthleteSettings:
    from runlift.sync.progress_targets import current_targets

    settings = config.athlete_settings(targets=current_targets(config))
    if no_bar:
        settings = replace(settings, equipment=settings.equipment - {Equipment.BAR})
    if units and units != settings.units:
        settings = _in_units(settings, units, config.equipment.barbell_kg)  # type: ignore[arg-type]
    return settings


def _in_units(settings: AthleteSettings, unit: Unit, barbell_kg: float) -> AthleteSettings:
    """The same loads shown in another unit, each on that unit's grid of plates and dumbbells
    (a 42.5 kg deadlift is 95 lb, not 93.5 lb)."""
    bar = Rules.of(Increments(), unit, barbell_kg).bar
    targets = {}
    for key, target in settings.targets.items():
        kind = MOVES_BY_KEY[key].variant_for(settings.equipment).load_kind
        if target.load:
            load = on_the_grid(Load(target.load, settings.units), unit, kind, bar)
            target = replace(target, load=load.value)
        targets[key] = target
    return replace(settings, units=unit, targets=targets)


def place_sessions(
    config: Config, start: date, weeks: int, *, source: str | None, runs: str | None, demo: bool
) -> list[PlannedSession]:
    from runlift.sync.planning import make_plan
    from runlift.sync.providers.load import load_runs

    last = start + timedelta(days=7 * weeks - 1)
    # Placed as `runlift sync` places them (SyncRequest: at least plan.window_days, on to a Sunday),
    # so the files hold the days `runlift plan` shows and the sync puts on the watch: a window
    # ending mid-week pulls that week's sessions to other days.
    at_least = start + timedelta(days=max(7 * weeks, config.plan.window_days) - 1)
    end = at_least + timedelta(days=6 - at_least.weekday())
    chosen = "demo" if demo else ("ics" if runs else source or config.plan.source)
    upcoming = load_runs(config, chosen, start, end, runs=runs)
    rules = PlanRules.from_config(config)
    plan = make_plan(upcoming, start, (end - start).days + 1, rules)
    in_window = [session for session in plan.sessions if session.day <= last]
    return in_window[: rules.sessions_per_week * weeks]


def show(result: ExportResult, console: Console) -> None:
    """The sessions written, one table each (the files' content, on standard output)."""
    for exported in result.files:
        placed = result.placed.get(exported.day)
        reason = placed.reason if placed else ""
        table = Table(
            title=f"{exported.day:%a %d %b} · {exported.session.name} → {exported.path}",
            caption=reason,
            title_justify="left",
            caption_justify="left",
        )
        for column in ("Exercise", "Sets", "Target", "Load", "Rest"):
            table.add_column(column, justify="left" if column == "Exercise" else "right")
        for block in exported.session.blocks:
            target = f"{block.reps} reps" if block.reps is not None else f"{block.hold_s} s"
            load = str(block.load) if block.load else "body weight / open"
            table.add_row(block.name, str(block.sets), target, load, f"{block.rest_s} s")
        console.print(table)


def export_json(result: ExportResult) -> str:
    """``{"sessions": [...], "copied_to_watch": [...], "calendar_file": {...} | null}``."""
    sessions = []
    for exported in result.files:
        placed = result.placed.get(exported.day)
        session = exported.session
        sessions.append(
            {
                "date": exported.day.isoformat(),
                "weekday": f"{exported.day:%a}",
                "name": session.name,
                "label": session.label,
                "volume": session.volume.value,
                "file": str(exported.path),
                "reason": placed.reason if placed else "",
                "relaxed": list(placed.relaxed) if placed else [],
                "moves": [
                    {
                        "move": block.move,
                        "exercise": block.name,
                        "sets": block.sets,
                        "reps": block.reps,
                        "hold_s": block.hold_s,
                        "side": block.side.value if block.side else None,
                        "load": block.load.value if block.load else None,
                        "unit": block.load.unit if block.load else None,
                        "rest_s": block.rest_s,
                    }
                    for block in session.blocks
                ],
            }
        )
    document = {
        "sessions": sessions,
        "copied_to_watch": [str(path) for path in result.copied],
        "calendar_file": (
            {
                "path": str(result.calendar.path),
                "sessions": result.calendar.sessions,
                "cancelled": result.calendar.cancelled,
                "changed": result.calendar.changed,
            }
            if result.calendar
            else None
        ),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def describe(session: Session) -> str:
    lines = []
    for block in session.blocks:
        amount = f"{block.reps} reps" if block.reps is not None else f"{block.hold_s} s"
        load = f" @ {block.load}" if block.load else ""
        lines.append(f"{block.name}: {block.sets} x {amount}{load}, rest {block.rest_s} s")
    return "\n".join(lines)
