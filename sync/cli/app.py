"""The typer application every command module registers on.

Command modules import only what their option parsing needs; anything heavy (garminconnect,
stravalib, fitparse) is imported inside the command body, so `runlift --help` stays fast.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="runlift",
    help=(
        "A runner's five-move strength program, placed around the running plan, on a Garmin watch."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
login_app = typer.Typer(help="Sign in to Garmin Connect or Strava.", no_args_is_help=True)
app.add_typer(login_app, name="login")
