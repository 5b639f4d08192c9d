"""Read the upcoming runs from the chosen source, with the days around the window that matter.

A race weeks after the window still sets the window's phase (peak weeks, taper), and a race
just before the window still keeps its recovery days free, so the source is asked for more than
the window: the recovery days before it and the taper and peak weeks after it.

A provider that can tell every run it holds (``all_runs()``, optional: the ics provider has
it) gives them all too, so that the athlete's usual run, and with it every day's kind, is the
same whatever window is asked for.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from runlift.sync.model import DayKind, Run
from runlift.sync.planning import vocabulary
from runlift.sync.planning.rules import PlanRules
from runlift.sync.providers import registry

if TYPE_CHECKING:
    from runlift.sync.config import Config

DEMO = "demo"


def load_runs(
    config: Config,
    source: str,
    start: date,
    end: date,
    runs: str | None = None,
    notes: list[str] | None = None,
) -> list[Run]:
    """Runs from ``source`` (an entry-point name, or "demo") around start..end inclusive.

    ``runs`` is the calendar path or URL for the ``ics`` source. What the source says about
    events it did not read as runs (a provider's ``notes``) is added to ``notes``.
    """
    rules = PlanRules.from_config(config)
    with vocabulary.using(rules.vocabulary):
        return _load_runs(config, rules, source, start, end, runs, notes)


def _load_runs(
    config: Config,
    rules: PlanRules,
    source: str,
    start: date,
    end: date,
    runs: str | None,
    notes: list[str] | None,
) -> list[Run]:
    name, options = _provider_for(source, start, runs)
    provider = registry.make_provider(name, config, **options)
    first = start - timedelta(days=rules.days_after_races)
    last = end + timedelta(days=rules.days_before_races)
    found = provider.upcoming_runs(first, last)
    every = getattr(provider, "all_runs", None)
    held: list[Run] = every() if callable(every) else []
    if held:
        first_held, last_held = held[0].day, held[-1].day
        # all_runs() holds the runs; what the window read that is not a run stays listed.
        found = [
            run
            for run in found
            if run.kind is DayKind.NOT_A_RUN or not first_held <= run.day <= last_held
        ] + [run for run in held if run.kind is not DayKind.NOT_A_RUN]
    if notes is not None:
        notes.extend(str(note) for note in getattr(provider, "notes", ()))
    return sorted(found, key=lambda run: (run.day, run.title, str(run.kind)))


def _provider_for(source: str, start: date, runs: str | None) -> tuple[str, dict[str, Any]]:
    if source == DEMO:
        return "ics", {"demo": True, "anchor": start}
    if source == "ics" and runs:
        return "ics", {"runs": runs}
    return source, {}
