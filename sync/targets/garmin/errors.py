"""How a Garmin Connect call failed, in the terms the sync acts on (``runlift.sync.errors``)."""

from __future__ import annotations

from runlift.sync.errors import NotFound, Rejected, Unavailable, WriteUncertain


class GarminUnavailable(Unavailable):
    """Garmin Connect did not answer (network, 5xx) even after the bounded retries."""


class GarminRejected(Rejected):
    """Garmin Connect refused a request (4xx): it did not land, and sending it again won't help."""


__all__ = ["GarminRejected", "GarminUnavailable", "NotFound", "WriteUncertain"]
