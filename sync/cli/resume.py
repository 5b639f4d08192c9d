"""`runlift resume SERVICE`: lift a pause of calls to a service that you know is wrong."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from runlift.sync.cli.app import app

# The key a service's pause is kept under, where it differs from the name typed.
_KEYS = {"intervals": "intervals.icu"}
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


@app.command()
def resume(
    service: Annotated[
        str,
        typer.Argument(
            metavar="SERVICE",
            help="The service to call again: garmin, strava, intervals or an installed "
            "plugin's, as `runlift status` names it.",
            show_default=False,
        ),
    ],
) -> None:
    """Lift a pause of calls to a service now (after a 429, a read limit or refused sign-ins).

    A pause protects your account: lift it only when you know it is wrong (the limit was reset,
    you fixed the password). Garmin's count of refused sign-ins starts afresh too.
    """
    from runlift.sync import cooloff
    from runlift.sync.cli import output
    from runlift.sync.errors import UserError, service_name

    typed = service.strip().lower()
    if not _NAME.fullmatch(typed):
        raise UserError(f"resume {service!r}: not a service name (garmin, strava, intervals)")
    key = _KEYS.get(typed, typed)
    lifted = cooloff.clear(key)
    if key == "garmin":
        from runlift.sync.targets.garmin.login import forget_failures

        forget_failures()
    if key == "strava":
        from runlift.sync.strava.budget import ReadBudget

        ReadBudget().forget()
    name = service_name(key)
    if lifted is None:
        output.say(f"{name} was not paused.")
        return
    until = cooloff.local_time(lifted.until)
    output.say(f"{name}: pause lifted (it ran until {until}: {lifted.why}).")
