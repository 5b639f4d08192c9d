"""The connections one command opens, one per service, shared by whoever talks to that service.

A sync writes to its targets and reads runs from a source; when both are the same service
(Garmin Connect as target and as runs source) they share one connection, so the calendar is
read once per sync and its requests are counted once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

C = TypeVar("C")


class Connections:
    def __init__(self) -> None:
        self._open: dict[str, object] = {}

    def get(self, service: str, kind: type[C], make: Callable[[], C]) -> C:
        """The open connection to ``service``, made by ``make`` the first time it is asked."""
        found = self._open.get(service)
        if not isinstance(found, kind):
            found = make()
            self._open[service] = found
        return found
