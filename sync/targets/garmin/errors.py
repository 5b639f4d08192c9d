"""How a Garmin Connect call failed, in the terms the sync acts on (``runlift.sync.errors``)."""

from __future__ import annotations

from runlift.sync.errors import NotFound, Rejected, ServiceUnreachable, WriteUncertain

SERVICE = "garmin"


class GarminUnavailable(ServiceUnreachable):
    """Garmin Connect could not be reached (network, 5xx), even after the bounded retries."""

    def __init__(self, reason: str, note: str = "") -> None:
        super().__init__(SERVICE, reason, note)


class GarminRejected(Rejected):
    """Garmin Connect refused a request (4xx): it did not land, and sending it again won't help."""


__all__ = ["SERVICE", "GarminRejected", "GarminUnavailable", "NotFound", "WriteUncertain"]
