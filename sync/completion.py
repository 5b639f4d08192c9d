"""Which scheduled strength sessions were done: a recorded strength activity on the session's
date, or failing that on the day before or after, marks it done.

Each activity marks at most one session. Same-day matches come first; then, session by session
in date order, an activity the day before (done early) and then the day after (done late).
Of several activities on one day the longest counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from runlift.sync.model import StrengthCompletion

NEIGHBOUR_OFFSETS = (-1, 1)


def match_completions(
    planned_days: Sequence[date], completions: Iterable[StrengthCompletion]
) -> dict[date, StrengthCompletion]:
    by_day: dict[date, list[StrengthCompletion]] = {}
    for completion in sorted(completions, key=lambda c: -c.duration_s):
        by_day.setdefault(completion.day, []).append(completion)
    matched: dict[date, StrengthCompletion] = {}
    days = sorted(set(planned_days))
    for day in days:
        if by_day.get(day):
            matched[day] = by_day[day].pop(0)
    for day in days:
        if day in matched:
            continue
        for offset in NEIGHBOUR_OFFSETS:
            candidates = by_day.get(day + timedelta(days=offset))
            if candidates:
                matched[day] = candidates.pop(0)
                break
    return matched
