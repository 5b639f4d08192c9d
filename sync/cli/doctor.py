"""`runlift doctor garmin`: a self-check on the real account, run once."""

from __future__ import annotations

import typer

from runlift.sync.cli.app import app, command_group
from runlift.sync.cli.options import ConfigOption, read_config

doctor_app = command_group("doctor", "Check what runlift relies on, on your own account.")
app.add_typer(doctor_app, name="doctor")


@doctor_app.command("garmin")
def garmin(config_path: ConfigOption = None) -> None:
    """Create, read back, render, schedule, find, unschedule and delete a throwaway workout."""
    from runlift.sync import clock
    from runlift.sync.garmin.client import GarminClient
    from runlift.sync.garmin.doctor import check_garmin
    from runlift.sync.state import SyncState

    config = read_config(config_path)
    client = GarminClient.from_token_store(config)
    with SyncState() as state:
        result = check_garmin(
            client, state, clock.today(config.zone()), report=lambda c: typer.echo(c.line)
        )
    verdict = "all checks hold" if result.ok else "some checks differ (see above)"
    typer.echo(f"runlift doctor garmin: {verdict}; {client.requests_sent} requests.")
    if not result.ok:
        raise typer.Exit(1)
