"""`runlift daemon`: sync at the configured local times, then read back what was done."""

from __future__ import annotations

from typing import Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import ConfigOption, read_config
from runlift.sync.daemon.manager import Manager


@app.command()
def daemon(
    install: Annotated[
        bool,
        typer.Option(
            "--install",
            help="Install the daemon as a service of your user (systemd on Linux, launchd on "
            "macOS), started now and at every log-in.",
        ),
    ] = False,
    uninstall: Annotated[
        bool, typer.Option("--uninstall", help="Stop the installed daemon and remove it.")
    ] = False,
    service_manager: Annotated[
        Manager | None,
        typer.Option(
            "--service-manager",
            metavar="MANAGER",
            help="With --install or --uninstall: systemd or launchd. Default: launchd on macOS, "
            "systemd elsewhere.",
        ),
    ] = None,
    print_systemd_unit: Annotated[
        bool, typer.Option("--print-systemd-unit", help="Print a systemd user unit and exit.")
    ] = False,
    config_path: ConfigOption = None,
) -> None:
    """Keep the next two weeks of strength sessions on the watch, unattended."""
    import os
    import sys
    from pathlib import Path

    from runlift.sync.daemon.install import (
        Installer,
        daemon_command,
        daemon_environment,
        manager_for,
    )
    from runlift.sync.errors import UserError

    if install and uninstall:
        raise UserError("--install and --uninstall: one at a time")
    if print_systemd_unit:
        from runlift.sync.daemon.systemd import unit_text

        command = daemon_command(config_path)
        typer.echo(unit_text(command, daemon_environment(os.environ)), nl=False)
        return
    if install or uninstall:
        if install:
            read_config(config_path)  # a config the daemon could not use stops here, not there
        installer = Installer(service_manager or manager_for(sys.platform), Path.home(), os.environ)
        lines = installer.install(daemon_command(config_path)) if install else installer.uninstall()
        from runlift.sync.cli import output

        for line in lines:
            output.say(line)
        return
    if service_manager is not None:
        raise UserError("--service-manager goes with --install or --uninstall")
    from runlift.sync import logs
    from runlift.sync.daemon.service import run_daemon

    config = read_config(config_path)
    logs.setup()
    run_daemon(config)
