"""`runlift daemon`: sync at the configured local times, then read back what was done."""

from __future__ import annotations

from typing import Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import ConfigOption, read_config


@app.command()
def daemon(
    print_systemd_unit: Annotated[
        bool, typer.Option("--print-systemd-unit", help="Print a systemd user unit and exit.")
    ] = False,
    config_path: ConfigOption = None,
) -> None:
    """Keep the next two weeks of strength sessions on the watch, unattended."""
    if print_systemd_unit:
        from runlift.sync.daemon.systemd import unit_text

        typer.echo(unit_text(), nl=False)
        return
    from runlift.sync import logs
    from runlift.sync.daemon.service import run_daemon

    config = read_config(config_path)
    logs.setup()
    run_daemon(config)
