"""`runlift export`'s job: place the sessions, build them, write the files, show what is in them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from runlift.sync.config import Config
from runlift.sync.fit_export import ExportedFile, write_sessions
from runlift.sync.ics_file import IcsTarget, planned_sessions
from runlift.sync.model import PlannedSession
from runlift.sync.planning import PlanRules
from runlift.workouts.moves import Equipment
from runlift.workouts.session import Session, build_session
from runlift.workouts.settings import AthleteSettings
from runlift.workouts.units import Load, Unit


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
    console: Console | None = None,
    calendar_file: IcsTarget | None = None,
) -> list[ExportedFile]:
    settings = athlete_settings(config, units=units, no_bar=no_bar)
    placed = place_sessions(config, start, weeks, source=source, runs=runs, demo=demo)
    sessions = [(p.day, build_session(p.label, settings, p.volume)) for p in placed]
    files, copied = write_sessions(sessions, out, created, new_files)
    console = console or Console()
    show(files, {p.day: p for p in placed}, copied, console)
    if calendar_file is not None:
        # Only the days export speaks for: up to its last session when it took its count (a
        # session planned after that, still in the week, is the next export's, not cancelled).
        full = len(placed) == PlanRules.from_config(config).sessions_per_week * weeks
        last = placed[-1].day if placed and full else start + timedelta(days=7 * weeks - 1)
        window = (start, last)
        written = calendar_file.write(planned_sessions(placed, settings), window, created)
        console.print(written.summary().capitalize())
    return files


def athlete_settings(config: Config, *, units: str | None, no_bar: bool) -> AthleteSettings:
    from runlift.sync.progress_targets import current_targets

    settings = config.athlete_settings(targets=current_targets(config))
    if no_bar:
        settings = replace(settings, equipment=settings.equipment - {Equipment.BAR})
    if units and units != settings.units:
        settings = _in_units(settings, units)  # type: ignore[arg-type]
    return settings


def _in_units(settings: AthleteSettings, unit: Unit) -> AthleteSettings:
    """The same loads shown in another unit, to the nearest half unit."""
    targets = {
        key: replace(target, load=round(2 * Load(target.load, settings.units).kg_in(unit)) / 2)
        if target.load
        else target
        for key, target in settings.targets.items()
    }
    return replace(settings, units=unit, targets=targets)


def place_sessions(
    config: Config, start: date, weeks: int, *, source: str | None, runs: str | None, demo: bool
) -> list[PlannedSession]:
    from runlift.sync.planning import make_plan
    from runlift.sync.providers.load import load_runs

    last = start + timedelta(days=7 * weeks - 1)
    # Placed as `runlift sync` places them (SyncRequest: at least plan.days, on to a Sunday),
    # so the files hold the days `runlift plan` shows and the sync puts on the watch: a window
    # ending mid-week pulls that week's sessions to other days.
    at_least = start + timedelta(days=max(7 * weeks, config.plan.days) - 1)
    end = at_least + timedelta(days=6 - at_least.weekday())
    chosen = "demo" if demo else ("ics" if runs else source or config.plan.source)
    upcoming = load_runs(config, chosen, start, end, runs=runs)
    rules = PlanRules.from_config(config)
    plan = make_plan(upcoming, start, (end - start).days + 1, rules)
    in_window = [session for session in plan.sessions if session.day <= last]
    return in_window[: rules.sessions_per_week * weeks]


def show(
    files: list[ExportedFile],
    placed: dict[date, PlannedSession],
    copied: list[Path],
    console: Console,
) -> None:
    for exported in files:
        reason = placed[exported.day].reason if exported.day in placed else ""
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
    if not files:
        console.print("No day in this window can take a strength session (see `runlift plan`).")
    for path in copied:
        console.print(f"Copied to the watch: {path}")


def describe(session: Session) -> str:
    lines = []
    for block in session.blocks:
        amount = f"{block.reps} reps" if block.reps is not None else f"{block.hold_s} s"
        load = f" @ {block.load}" if block.load else ""
        lines.append(f"{block.name}: {block.sets} x {amount}{load}, rest {block.rest_s} s")
    return "\n".join(lines)
