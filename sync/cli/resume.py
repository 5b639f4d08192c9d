"""`runlift resume SERVICE`: lift a pause of calls to a service that you know is wrong."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from runlift.sync.cli.app import app


class Service(StrEnum):
    garmin = "garmin"
    strava = "strava"
    intervals = "intervals"


# The key each service's pause is kept under.
_KEYS = {Service.garmin: "garmin", Service.strava: "strava", Service.intervals: "intervals.icu"}


@app.command()
def resume(
    service: Annotated[
        Service, typer.Argument(help="The service to call again: garmin, strava or intervals.")
    ],
) -> None:
    """Lift a pause of calls to a service now (after a 429, a read limit or refused sign-ins).

    A pause protects your account: lift it only when you know it is wrong (the limit was reset,
    you fixed the password). Garmin's count of refused sign-ins starts afresh too.
    """
    from runlift.sync import cooloff
    from runlift.sync.cli import output
    from runlift.sync.errors import service_name

    key = _KEYS[service]
    lifted = cooloff.clear(key)
    if service is Service.garmin:
        from runlift.sync.garmin.login import forget_failures

        forget_failures()
    if service is Service.strava:
        from runlift.sync.strava.budget import ReadBudget

        ReadBudget().forget()
    name = service_name(key)
    if lifted is None:
        output.say(f"{name} was not paused.")
        return
    until = cooloff.local_time(lifted.until)
    output.say(f"{name}: pause lifted (it ran until {until}: {lifted.why}).")
