"""Errors the command line turns into one line on stderr and exit code 2."""

# How each service is named in messages, by the key runlift files it under (cool-offs, status).
SERVICE_NAMES = {
    "garmin": "Garmin Connect",
    "strava": "Strava",
    "intervals.icu": "intervals.icu",
    "coros": "COROS Training Hub",
}


def service_name(service: str) -> str:
    return SERVICE_NAMES.get(service, service)


class UserError(Exception):
    """Bad input or a state the user must fix; the message names the field, file or command."""


class RateLimited(UserError):
    """A service asked us to stop; the message says until when."""


class ServiceUnreachable(UserError):
    """No answer runlift can act on came back from a service: no network, a name that does not
    resolve, a refused, timed-out or lost connection, a failed TLS handshake, or a server error
    (5xx). Never a refusal: it pauses nothing, and the daemon tries again later.

    ``reason`` is short and the user's ("connection refused", "server error 503"); the command
    line adds which command to run again.
    """

    def __init__(self, service: str, reason: str, note: str = "") -> None:
        self.service = service
        self.reason = reason
        message = f"cannot reach {service_name(service)} ({reason})"
        super().__init__(f"{message}; {note}" if note else message)


class AuthRequired(UserError):
    """Tokens are missing, expired or revoked; the message says which login to run.

    ``service`` names the service whose sign-in failed when it is not the one the caller
    was talking to (a sync to Garmin that reads its runs from Strava).
    """

    def __init__(self, message: str, service: str | None = None) -> None:
        super().__init__(message)
        self.service = service


# How a remote write or read failed, in the terms the sync engine acts on; each target raises
# these (or its own subclasses: a service out of reach is ``ServiceUnreachable``), so the engine
# knows no service's errors.


class Rejected(UserError):
    """The service refused a request (4xx): it did not land, and sending it again won't help."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class NotFound(Exception):
    """The workout or calendar entry does not exist (any more)."""


class WriteUncertain(Exception):
    """A write failed in a way that does not say whether the service applied it."""
