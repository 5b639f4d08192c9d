"""`runlift login ...`: sign in to a service once; runlift keeps the tokens fresh afterwards.

Nothing is asked without a terminal: with standard input not a terminal (a pipe, /dev/null,
closed), a login stops at once with one line, before any request, unless ``--stdin`` says the
answers come from standard input (for scripts).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from runlift.sync.cli.app import login_app
from runlift.sync.cli.options import ConfigOption, read_config
from runlift.sync.errors import UserError

StdinOption = Annotated[
    bool,
    typer.Option(
        "--stdin",
        help="Read the answers from standard input, one a line, instead of asking at a "
        "terminal (for scripts).",
    ),
]


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
        _need_terminal("strava", "the code or the address Strava sends you to")

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
    from runlift.sync.garmin.login import login_garmin

    config = read_config(config_path)
    ask: Callable[[str, bool], str] = _read_line
    if not from_stdin:
        _need_terminal("garmin", "your email and password")
        ask = _prompt
    store = login_garmin(
        config,
        ask_email=lambda: ask("Garmin Connect email", False),
        ask_password=lambda: ask("Password", True),
        ask_code=lambda: ask("Code Garmin sent you (MFA)", False),
    )
    typer.echo(f"Signed in to Garmin Connect; tokens saved in {store} (the password was not).")


def _has_terminal() -> bool:
    stream = sys.stdin
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False


def _need_terminal(service: str, what: str) -> None:
    if not _has_terminal():
        raise UserError(
            f"runlift login {service} asks for {what} at a terminal, and standard input is not "
            f"one: run it in a terminal, or pass --stdin to read the answers from standard input"
        )


def _prompt(question: str, hide_input: bool) -> str:
    """A prompt at the terminal (on stderr); Ctrl-C or Ctrl-D aborts."""
    return str(typer.prompt(question, hide_input=hide_input, err=True))


def _read_line(question: str, _hide_input: bool) -> str:
    """The next line of standard input (``--stdin``); its end is one line and exit 2."""
    try:
        line = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):
        line = ""
    if not line:
        raise UserError(f"runlift login garmin --stdin: standard input ended before '{question}'")
    return line.rstrip("\r\n")
