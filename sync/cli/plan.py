"""`runlift plan`: the coming days' running, and where the strength sessions go and why."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import (
    ConfigOption,
    IcsOption,
    JsonOption,
    QuietOption,
    RunsOption,
    SourceOption,
    StartOption,
    VerboseOption,
    parse_start,
    parse_whole_number,
    read_config,
)
from runlift.sync.errors import UserError

if TYPE_CHECKING:
    from runlift.sync.ics_file import IcsTarget


MAX_DAYS = 366


@app.command()
def plan(
    days: Annotated[
        str | None,
        typer.Option(
            "--days",
            metavar="N",
            help=f"Days to plan, 1-{MAX_DAYS} (up to a year). Default: plan.window_days (14).",
        ),
    ] = None,
    start: StartOption = None,
    source: SourceOption = None,
    runs: RunsOption = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Use the built-in sample half-marathon plan.")
    ] = False,
    as_json: JsonOption = False,
    ics: IcsOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    config_path: ConfigOption = None,
) -> None:
    """Show the coming two weeks: each day's runs and kind, the strength days and why."""
    from runlift.sync import clock
    from runlift.sync.cli import output
    from runlift.sync.cli.plan_view import plan_json, show_plan
    from runlift.sync.planning import PlanRules, make_plan
    from runlift.sync.providers.load import load_runs
    from runlift.workouts.session import session_name

    output.set_verbosity(quiet=quiet, verbose=verbose)
    count = parse_whole_number("--days", days, 1, MAX_DAYS) if days is not None else None
    config = read_config(config_path)
    chosen = choose_source(source, runs, demo, config.plan.source)
    first_day = parse_start(start, default_start(chosen, clock.today(config.zone())))
    count = count or config.plan.window_days
    rules = PlanRules.from_config(config)
    target = _ics_target(ics)
    end = first_day + timedelta(days=count - 1)
    source_notes: list[str] = []
    # Placed on to the Sunday, as `runlift sync` and `runlift export` place them, and shown up
    # to ``end``: a window ending mid-week would pull that week's sessions to other days.
    sunday = end + timedelta(days=6 - end.weekday())
    found = load_runs(config, chosen, first_day, sunday, runs=runs, notes=source_notes)
    whole = make_plan(found, first_day, (sunday - first_day).days + 1, rules)
    result = replace(
        whole,
        days=tuple(day for day in whole.days if day.day <= end),
        sessions=tuple(session for session in whole.sessions if session.day <= end),
        notes=(
            *source_notes,
            *whole.notes,
            *(
                f"{session_name(session.label, session.volume)} on {session.day:%a %Y-%m-%d} "
                "completes its week, after the "
                "days shown"
                for session in whole.sessions
                if session.day > end
            ),
        ),
    )
    if target is not None:
        from runlift.sync.cli.exporting import athlete_settings
        from runlift.sync.ics_file import planned_sessions

        settings = athlete_settings(config, units=None, no_bar=False)
        written = target.write(
            planned_sessions(result.sessions, settings), (first_day, end), clock.now()
        )
        output.say(written.summary().capitalize())
    if as_json:
        output.json_out(json.dumps(plan_json(result, chosen), indent=2, ensure_ascii=False))
    elif output.verbosity() > output.Verbosity.QUIET:
        show_plan(result, chosen, output.data())
    if chosen == "config" and not found:
        output.say(
            "No running plan configured: set [plan] quality_days, long_days and rest_days, "
            "read a calendar with --runs FILE|URL, or try --demo."
        )


def default_start(source: str, today: date) -> date:
    """Today; for the demo the coming Monday, so that its first week is a whole one."""
    if source == "demo":
        from runlift.sync.providers import demo

        return demo.first_day(today)
    return today


def choose_source(source: str | None, runs: str | None, demo: bool, default: str) -> str:
    if demo:
        if source or runs:
            raise UserError("--demo reads the built-in plan: leave out --source and --runs")
        return "demo"
    if runs:
        if source and source != "ics":
            raise UserError(f"--runs reads a calendar (source ics), not --source {source}")
        return "ics"
    return source or default


def _ics_target(path: Path | None) -> IcsTarget | None:
    """Checked (and its previous content read) before any runs are read."""
    if path is None:
        return None
    from runlift.sync.ics_file import IcsTarget

    return IcsTarget(path)
