"""Errors the command line turns into one line on stderr and exit code 2."""


class UserError(Exception):
    """Bad input or a state the user must fix; the message names the field, file or command."""


class RateLimited(UserError):
    """A service asked us to stop; the message says until when."""


class AuthRequired(UserError):
    """Tokens are missing, expired or revoked; the message says which login to run.

    ``service`` names the service whose sign-in failed when it is not the one the caller
    was talking to (a sync to Garmin that reads its runs from Strava).
    """

    def __init__(self, message: str, service: str | None = None) -> None:
        super().__init__(message)
        self.service = service


# How a remote write or read failed, in the terms the sync engine acts on; each target raises
# these (or its own subclasses), so the engine knows no service's errors.


class Unavailable(UserError):
    """The service did not answer (network, timeout, 5xx) even after the bounded retries."""


class Rejected(UserError):
    """The service refused a request (4xx): it did not land, and sending it again won't help."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class NotFound(Exception):
    """The workout or calendar entry does not exist (any more)."""


class WriteUncertain(Exception):
    """A write failed in a way that does not say whether the service applied it."""
