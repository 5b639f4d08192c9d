"""How a Garmin Connect call failed, in the terms the sync acts on."""

from __future__ import annotations

from runlift.sync.errors import ServiceUnreachable, UserError

SERVICE = "garmin"


class GarminUnavailable(ServiceUnreachable):
    """Garmin Connect could not be reached (network, 5xx), even after the bounded retries."""

    def __init__(self, reason: str, note: str = "") -> None:
        super().__init__(SERVICE, reason, note)


class GarminRejected(UserError):
    """Garmin Connect refused a request (4xx): it did not land, and sending it again won't help."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class NotFound(Exception):
    """The workout or calendar entry does not exist (any more)."""


class WriteUncertain(Exception):
    """A write failed in a way that does not say whether Garmin Connect applied it."""
