"""The athlete's Garmin Connect account for one command: the client, Garmin's caches in the
state file, and this sync's one read of the calendar, shared by the Garmin target and the
Garmin runs source."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from runlift.sync.targets.garmin.port import GarminPort
from runlift.sync.targets.garmin.snapshot import CalendarSnapshot, read_snapshot

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.connections import Connections
    from runlift.sync.state import SyncState
    from runlift.sync.targets.garmin.cache import GarminCache

SERVICE = "garmin"


class GarminAccount:
    def __init__(
        self,
        client: GarminPort | None = None,
        cache: GarminCache | None = None,
        *,
        make_client: Callable[[], GarminPort] | None = None,
    ) -> None:
        # The client, or how to make it (signing in from the token store when first needed).
        self._client = client
        self._make_client = make_client
        self.cache = cache
        self._snapshot: CalendarSnapshot | None = None

    @classmethod
    def shared(cls, config: Config, state: SyncState, connections: Connections) -> GarminAccount:
        """The command's one Garmin account (made the first time it is asked for)."""

        def make() -> GarminAccount:
            from runlift.sync.targets.garmin.cache import GarminCache
            from runlift.sync.targets.garmin.client import GarminClient

            return cls(
                cache=GarminCache(state),
                make_client=lambda: GarminClient.from_token_store(config),
            )

        account = connections.get(SERVICE, cls, make)
        if account.cache is None:
            from runlift.sync.targets.garmin.cache import GarminCache

            account.cache = GarminCache(state)
        return account

    @property
    def client(self) -> GarminPort:
        if self._client is None:
            assert self._make_client is not None, "a GarminAccount needs a client"
            self._client = self._make_client()
        return self._client

    def calendar(
        self, start: date, end: date, *, near: tuple[date, date] | None = None
    ) -> CalendarSnapshot:
        """The calendar from ``start`` to ``end``: read once per command, then the same read
        for any range inside it (the target reads the union of what the sync needs first)."""
        kept = self._snapshot
        if kept is not None and kept.start <= start and end <= kept.end:
            return kept
        self._snapshot = read_snapshot(self.client, start, end, near=near, cache=self.cache)
        return self._snapshot
