"""Read the upcoming runs from the chosen source, with the days around the window that matter.

A race a few days after the window still puts the window's last days in its taper, and a race
the day before the window still blocks its first day, so the source is asked for a little more
than the window: the post-race days before it and the taper days (plus one) after it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from runlift.sync.model import Run
from runlift.sync.planning.rules import PlanRules
from runlift.sync.providers import registry

if TYPE_CHECKING:
    from runlift.sync.config import Config

DEMO = "demo"


def load_runs(
    config: Config, source: str, start: date, end: date, runs: str | None = None
) -> list[Run]:
    """Runs from ``source`` (an entry-point name, or "demo") around start..end inclusive.

    ``runs`` is the calendar path or URL for the ``ics`` source.
    """
    rules = PlanRules.from_config(config)
    name, options = _provider_for(source, start, runs)
    provider = registry.make_provider(name, config, **options)
    first = start - timedelta(days=max(1, rules.post_race_days))
    last = end + timedelta(days=rules.taper_days + 1)
    found = provider.upcoming_runs(first, last)
    return sorted(found, key=lambda run: (run.day, run.title))


def _provider_for(source: str, start: date, runs: str | None) -> tuple[str, dict[str, Any]]:
    if source == DEMO:
        return "ics", {"demo": True, "anchor": start}
    if source == "ics" and runs:
        return "ics", {"runs": runs}
    return source, {}
