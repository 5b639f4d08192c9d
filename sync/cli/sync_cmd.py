"""`runlift sync`: put the planned sessions on each target's calendar, idempotently."""

from __future__ import annotations

from typing import Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import (
    ConfigOption,
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

MAX_DAYS = 60


@app.command("sync")
def sync_command(
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show what would change; change nothing anywhere."),
    ] = False,
    days: Annotated[
        str | None,
        typer.Option(
            "--days",
            metavar="N",
            help=f"Days to plan from the start, 1-{MAX_DAYS}, on to the end of that week "
            "(default plan.window_days).",
        ),
    ] = None,
    start: StartOption = None,
    source: SourceOption = None,
    runs: RunsOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    config_path: ConfigOption = None,
) -> None:
    """Create, move, update or delete runlift's strength workouts on each target (sync.targets)."""
    from runlift.sync import clock
    from runlift.sync.cli import output
    from runlift.sync.cli.sync_view import show_messages, show_result, sync_json
    from runlift.sync.lock import sync_lock
    from runlift.sync.syncing import SyncRequest, sync_once

    output.set_verbosity(quiet=quiet, verbose=verbose)
    count = parse_whole_number("--days", days, 1, MAX_DAYS) if days is not None else None
    config = read_config(config_path)
    request = SyncRequest(
        start=parse_start(start, clock.today(config.zone())),
        days=count or config.plan.window_days,
        source="ics" if runs else (source or config.plan.source),
        runs=runs or config.plan.runs or None,
        dry_run=dry_run,
    )
    if dry_run:
        result = sync_once(config, request, partial=True)
    else:
        with sync_lock():
            result = sync_once(config, request, partial=True)
    if as_json:
        output.json_out(sync_json(result, dry_run=dry_run))
    elif output.verbosity() > output.Verbosity.QUIET:
        show_result(result, output.data(), dry_run=dry_run)
    show_messages(result, dry_run=dry_run)
    if result.failures:  # what the other targets did is shown; this one's error ends it
        raise result.failures[0]
