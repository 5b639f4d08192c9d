"""Targets are found by name in the ``runlift.targets`` entry-point group.

runlift's own (garmin, coros) register there exactly as a third party's would, in its package
metadata. The entry point names a class; runlift opens it with
``cls.from_config(config, state=..., connections=...)`` for one sync.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any

from runlift.sync.errors import UserError

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.connections import Connections
    from runlift.sync.engine.target import Target
    from runlift.sync.state import SyncState

GROUP = "runlift.targets"


def available() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def target_class(name: str) -> Any:
    found = available()
    if name not in found:
        from runlift.sync.config_messages import did_you_mean, nearest

        known = ", ".join(sorted(found)) or "none installed"
        raise UserError(
            f"sync.targets: unknown target {name!r} (known: {known})"
            f"{did_you_mean(nearest(name, found))}"
        )
    try:
        cls = found[name].load()
    except (ImportError, AttributeError) as exc:
        raise UserError(f"target {name!r} cannot be loaded ({exc})") from None
    if not callable(getattr(cls, "from_config", None)):
        raise UserError(f"target {name!r} ({found[name].value}) has no from_config")
    return cls


def open_target(name: str, config: Config, *, state: SyncState, connections: Connections) -> Target:
    target: Target = target_class(name).from_config(config, state=state, connections=connections)
    return target
