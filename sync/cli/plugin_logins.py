"""`runlift login NAME` for an installed plugin that declares a sign-in (runlift.sync.plugins).

The login group finds a plugin's sign-in when it is asked for by name, and lists every
installed one when its help or the manual's reference is shown; other commands import no
plugin. runlift's own sign-ins (garmin, strava) keep their names.

A plugin's sign-in runs once per command: it asks through ``TerminalAsk`` (each question once,
no prompt without a terminal; ``--stdin`` for a script), and whatever it prints or raises is one
line with the secrets typed masked. An error of its own making (any exception) is one line
naming the plugin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from runlift.sync import plugins
from runlift.sync.cli.options import ConfigOption, read_config
from runlift.sync.cli.prompts import StdinOption, TerminalAsk
from runlift.sync.errors import UserError

# The command line's own control flow (an abort at a prompt, an exit): never reworded.
_FRAMEWORKS = ("click", "typer")


class LoginGroup(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        add_plugin_logins(self)
        return list(super().list_commands(ctx))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = super().get_command(ctx, cmd_name)
        if found is None:
            step = plugins.login_named(cmd_name)
            if step is not None:
                found = self.commands[cmd_name] = login_command(cmd_name, step)
        return found


def add_plugin_logins(group: Any) -> None:
    """Every installed plugin's sign-in into ``group`` (runlift's own names win)."""
    for name, step in plugins.with_logins(besides=set(group.commands)).items():
        group.commands[name] = login_command(name, step)


def login_command(name: str, step: plugins.LoginStep) -> Any:
    from runlift.sync.cli.app import CONTEXT_SETTINGS, finished

    app = typer.Typer(add_completion=False, context_settings=CONTEXT_SETTINGS)

    @app.command(name=name, help=plugins.login_help(step, name))
    def sign_in(from_stdin: StdinOption = False, config_path: ConfigOption = None) -> None:
        run_login(name, step, config_path, from_stdin)

    return finished(typer.main.get_command(app))


def run_login(
    name: str, step: plugins.LoginStep, config_path: Path | None, from_stdin: bool = False
) -> None:
    from runlift.sync.redaction import redact

    config = read_config(config_path)
    ask = TerminalAsk(f"runlift login {name}", from_stdin)
    try:
        said = step(config, ask)
    except UserError as exc:
        raise UserError(redact(str(exc), ask.secrets)) from None
    except Exception as exc:
        if type(exc).__module__.split(".")[0] in _FRAMEWORKS:
            raise
        what = redact(" ".join(str(exc).split())[:200], ask.secrets)
        raise UserError(
            f"runlift login {name}: the {name} plugin failed ({type(exc).__name__}: {what})"
        ) from None
    typer.echo(redact(str(said), ask.secrets))
