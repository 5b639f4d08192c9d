"""`runlift doctor garmin`: a self-check on the real account, run once."""

from __future__ import annotations

from typing import Annotated

import typer

from runlift.sync.cli.app import app, command_group
from runlift.sync.cli.options import ConfigOption, read_config

doctor_app = command_group("doctor", "Check what runlift relies on, on your own account.")
app.add_typer(doctor_app, name="doctor")


@doctor_app.command("garmin")
def garmin(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the checks as JSON, once all have run.")
    ] = False,
    config_path: ConfigOption = None,
) -> None:
    """Create, read back, render, schedule, find, unschedule and delete a throwaway workout."""
    import json

    from runlift.sync import clock
    from runlift.sync.state import SyncState
    from runlift.sync.targets.garmin.client import GarminClient
    from runlift.sync.targets.garmin.doctor import Check, check_garmin

    config = read_config(config_path)
    client = GarminClient.from_token_store(config)

    def show(check: Check) -> None:
        if not as_json:
            typer.echo(check.line)

    with SyncState() as state:
        result = check_garmin(client, state, clock.today(config.zone()), report=show)
    if as_json:
        body = {
            "ok": result.ok,
            "checks": [check.as_json() for check in result.checks],
            "weight_factor": result.factor,
            "requests": client.requests_sent,
        }
        typer.echo(json.dumps(body, indent=2))
    else:
        verdict = "all checks hold" if result.ok else "some checks differ (see above)"
        typer.echo(f"runlift doctor garmin: {verdict}; {client.requests_sent} requests.")
    if not result.ok:
        raise typer.Exit(1)
