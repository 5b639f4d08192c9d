"""`runlift login ...`: sign in to a service once; runlift keeps the tokens fresh afterwards.

Nothing is asked without a terminal: with standard input not a terminal (a pipe, /dev/null,
closed), a login stops at once with one line, before any request, unless ``--stdin`` says the
answers come from standard input (for scripts).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from runlift.sync.cli.app import login_app
from runlift.sync.cli.options import ConfigOption, read_config
from runlift.sync.cli.prompts import StdinOption, asker, need_terminal

GARMIN = "runlift login garmin"


@login_app.command("strava")
def strava(
    no_browser: Annotated[
        bool,
        typer.Option("--no-browser", help="Only print the sign-in URL; do not open a browser."),
    ] = False,
    from_stdin: StdinOption = False,
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
    if not from_stdin:
        need_terminal("runlift login strava", "the code or the address Strava sends you to")

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
        paste_is_final=from_stdin,
    )
    who = f"athlete {tokens.athlete_id}" if tokens.athlete_id else "your athlete account"
    typer.echo(f"Signed in to Strava as {who}; tokens saved in {token_file()}")
    if tokens.scope and "activity:read_all" not in tokens.scope:
        typer.echo("Note: private activities stay hidden (only 'activity:read' was allowed).")


@login_app.command("garmin")
def garmin(from_stdin: StdinOption = False, config_path: ConfigOption = None) -> None:
    """Sign in to Garmin Connect (email, password, and the MFA code when asked)."""
    from runlift.sync.targets.garmin.login import login_garmin

    config = read_config(config_path)
    if not from_stdin:
        need_terminal(GARMIN, "your email and password")
    ask = asker(GARMIN, from_stdin)
    store = login_garmin(
        config,
        ask_email=lambda: ask("Garmin Connect email", False),
        ask_password=lambda: ask("Password", True),
        ask_code=lambda: ask("Code Garmin sent you (MFA)", False),
    )
    typer.echo(f"Signed in to Garmin Connect; tokens saved in {store} (the password was not).")
