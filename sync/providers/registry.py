"""Providers are found by name in the ``runlift.providers`` entry-point group.

runlift's own (config, ics, garmin, strava) register there exactly as a third party's would,
in its package metadata, so adding a source never means changing runlift.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any

from runlift.sync.errors import UserError
from runlift.sync.plugins import PROVIDERS

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.providers.base import RunsProvider

GROUP = PROVIDERS.group


def available() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def provider_class(name: str) -> type[RunsProvider]:
    found = available()
    if name not in found:
        from runlift.sync.config_messages import did_you_mean, nearest

        known = ", ".join(sorted(found)) or "none installed"
        raise UserError(
            f"unknown runs source {name!r} (known: {known}){did_you_mean(nearest(name, found))}"
        )
    try:
        cls: type[RunsProvider] = found[name].load()
    except (ImportError, AttributeError) as exc:
        raise UserError(f"runs source {name!r} cannot be loaded ({exc})") from None
    if not callable(getattr(cls, "from_config", None)):
        raise UserError(f"runs source {name!r} ({found[name].value}) has no from_config")
    return cls


def make_provider(name: str, config: Config, **options: Any) -> RunsProvider:
    return provider_class(name).from_config(config, **options)
