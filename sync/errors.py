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
