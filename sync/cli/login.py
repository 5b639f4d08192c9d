"""`runlift login ...`: sign in to a service once; runlift keeps the tokens fresh afterwards."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from runlift.sync.cli.app import login_app
from runlift.sync.cli.options import ConfigOption, read_config
from runlift.sync.cli.prompts import ask_at_terminal

GARMIN = "runlift login garmin"


@login_app.command("strava")
def strava(
    no_browser: Annotated[
        bool,
        typer.Option("--no-browser", help="Only print the sign-in URL; do not open a browser."),
    ] = False,
    config_path: ConfigOption = None,
) -> None:
    """Sign in to Strava (read access to your activities, private ones included).

    Approve on the printed page; on another machine, paste the address you land on.
    """
    from runlift.sync.strava.client import make_http
    from runlift.sync.strava.credentials import app_credentials
    from runlift.sync.strava.oauth import login
    from runlift.sync.strava.tokens import token_file

    config = read_config(config_path)
    credentials = app_credentials(config)

    def show(url: str) -> None:
        typer.echo("Open this address to let runlift read your Strava activities:")
        typer.echo(f"\n  {url}\n")
        typer.echo("Waiting for Strava (or paste the code or the address you land on here)...")
        if not no_browser:
            import webbrowser

            webbrowser.open(url)

    tokens = login(
        credentials,
        make_http(config),
        show_url=show,
        port=config.strava.redirect_port,
        paste_from=sys.stdin,
    )
    who = f"athlete {tokens.athlete_id}" if tokens.athlete_id else "your athlete account"
    typer.echo(f"Signed in to Strava as {who}; tokens saved in {token_file()}")
    if tokens.scope and "activity:read_all" not in tokens.scope:
        typer.echo("Note: private activities stay hidden (only 'activity:read' was allowed).")


@login_app.command("garmin")
def garmin(config_path: ConfigOption = None) -> None:
    """Sign in to Garmin Connect (email, password, and the MFA code when asked)."""
    from runlift.sync.targets.garmin.login import login_garmin

    config = read_config(config_path)
    store = login_garmin(
        config,
        ask_email=lambda: ask_at_terminal(GARMIN, "Garmin Connect email"),
        ask_password=lambda: ask_at_terminal(GARMIN, "Password", hide_input=True),
        ask_code=lambda: ask_at_terminal(GARMIN, "Code Garmin sent you (MFA)"),
    )
    typer.echo(f"Signed in to Garmin Connect; tokens saved in {store} (the password was not).")
