"""The typer application every command module registers on.

Command modules import only what their option parsing needs; anything heavy (garminconnect,
stravalib, fitparse) is imported inside the command body, so `runlift --help` stays fast.

The command line's conventions, the same for every command: `-h` and `--help`; a bare `runlift`
or a bare group (`runlift login`) shows its help and exits 0; shell completion is offered
(`--install-completion`, `--show-completion`).
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from runlift.sync.cli.conventions import apply_metavars
from runlift.sync.cli.help_renderer import light_help
from runlift.sync.cli.plain_values import plain_values
from runlift.sync.cli.plugin_logins import LoginGroup

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def finished(command: Any) -> Any:
    """The click command typer built, as runlift runs it: the help's metavar policy applied,
    option values read without pydantic, the help drawn without rich's Markdown."""
    return light_help(plain_values(apply_metavars(command)))


def _show_help_when_bare(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def command_group(name: str, help: str, cls: type[TyperGroup] | None = None) -> typer.Typer:
    """A group of commands (`runlift login garmin`) whose bare name shows its help."""
    group = typer.Typer(
        name=name,
        help=help,
        cls=cls,
        invoke_without_command=True,
        no_args_is_help=False,
        context_settings=CONTEXT_SETTINGS,
    )
    group.callback()(_show_help_when_bare)
    return group


app = typer.Typer(
    name="runlift",
    help=(
        "A runner's five-move strength program, placed around the running plan, on a Garmin watch."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings=CONTEXT_SETTINGS,
)


def _print_version(value: bool) -> None:
    if value:
        from runlift import __version__

        typer.echo(f"runlift {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: bool = typer.Option(
        False,
        "--version",
        help="Print runlift's version and exit.",
        callback=_print_version,
        is_eager=True,
    ),
) -> None:
    """A runner's five-move strength program, placed around the running plan, on a Garmin watch."""
    _show_help_when_bare(ctx)


login_app = command_group(
    "login",
    "Sign in to Garmin Connect, Strava, or a service an installed plugin reads or writes.",
    cls=LoginGroup,
)
app.add_typer(login_app, name="login")
