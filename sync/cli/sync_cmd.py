"""`runlift sync`: put the planned sessions on the Garmin Connect calendar, idempotently."""

from __future__ import annotations

from typing import Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import (
    ConfigOption,
    SourceOption,
    StartOption,
    parse_start,
    read_config,
)


@app.command("sync")
def sync_command(
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show what would change; change nothing anywhere."),
    ] = False,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            min=1,
            max=60,
            help="Days to plan from the start, on to the end of that week (default plan.days).",
        ),
    ] = None,
    start: StartOption = None,
    source: SourceOption = None,
    runs: Annotated[
        str | None, typer.Option("--runs", help="An .ics file or URL of the running plan.")
    ] = None,
    config_path: ConfigOption = None,
) -> None:
    """Create, move, update or delete runlift's strength workouts on Garmin Connect."""
    from rich.console import Console

    from runlift.sync import clock
    from runlift.sync.engine.show import show_diff
    from runlift.sync.lock import sync_lock
    from runlift.sync.syncing import SyncRequest, sync_once

    config = read_config(config_path)
    request = SyncRequest(
        start=parse_start(start, clock.today(config.zone())),
        days=days or config.plan.days,
        source="ics" if runs else (source or config.plan.source),
        runs=runs or config.plan.runs or None,
        dry_run=dry_run,
    )
    console = Console()
    if dry_run:
        outcome = sync_once(config, request)
    else:
        with sync_lock():
            outcome = sync_once(config, request)
    show_diff(outcome.diff, console, dry_run=dry_run)
    for note in outcome.notes:
        if note not in outcome.diff.notes:
            console.print(f"Note: {note}")
    console.print(f"Garmin Connect requests: {outcome.requests_sent}.")
