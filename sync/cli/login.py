"""`runlift login garmin|strava`: sign in once, keep only the service's tokens."""

from __future__ import annotations

import typer

from sync.cli.app import login_app
from sync.cli.options import ConfigOption, read_config


@login_app.command("garmin")
def garmin(config_path: ConfigOption = None) -> None:
    """Sign in to Garmin Connect (email, password, and the MFA code when asked)."""
    from sync.garmin.login import login_garmin

    config = read_config(config_path)
    store = login_garmin(
        config,
        ask_email=lambda: typer.prompt("Garmin Connect email"),
        ask_password=lambda: typer.prompt("Password", hide_input=True),
        ask_code=lambda: typer.prompt("Code Garmin sent you (MFA)"),
    )
    typer.echo(f"Signed in to Garmin Connect; tokens saved in {store} (the password was not).")
