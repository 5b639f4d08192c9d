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


def _print_version(value: bool) -> None:
    if value:
        from runlift import __version__

        typer.echo(f"runlift {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False,
        "--version",
        help="Print runlift's version and exit.",
        callback=_print_version,
        is_eager=True,
    ),
) -> None:
    """A runner's five-move strength program, placed around the running plan, on a Garmin watch."""


login_app = typer.Typer(help="Sign in to Garmin Connect or Strava.", no_args_is_help=True)
app.add_typer(login_app, name="login")
