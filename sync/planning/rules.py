"""The placement rules' settings: how many sessions, which days, how far from races."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from runlift.sync.errors import UserError
from runlift.sync.planning.vocabulary import Vocabulary, builtin

if TYPE_CHECKING:
    from runlift.sync.config import Config

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class PlanRules:
    sessions_per_week: int = 2
    # No strength on the taper_days days before a race.
    taper_days: int = 7
    # No strength on the post_race_days days after a race.
    post_race_days: int = 1
    # Full days without strength between two sessions (1: Mon then Wed at the earliest).
    min_gap_days: int = 1
    # Weekdays as ints, 0 = Monday.
    preferred_days: tuple[int, ...] = ()
    forbidden_days: tuple[int, ...] = ()
    # The strength plan follows the running block (sync/planning/phases.py); off: every race
    # gets taper_days before and post_race_days after, every week the full program.
    periodize: bool = True
    peak_weeks: int = 6
    # Every deload_every-th calendar week that is a base week is a deload week; 0: none.
    deload_every: int = 4
    recovery_days_10k: int = 2
    recovery_days_half: int = 4
    recovery_days_marathon: int = 7
    taper_bodyweight: bool = False
    # The runner's own words by kind ([plan.words]) and kinds of dates ([plan.days]).
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    day_kinds: tuple[tuple[date, str], ...] = ()

    def __post_init__(self) -> None:
        counts = (
            self.sessions_per_week,
            self.taper_days,
            self.post_race_days,
            self.peak_weeks,
            self.deload_every,
            self.recovery_days_10k,
            self.recovery_days_half,
            self.recovery_days_marathon,
        )
        if any(count < 0 for count in counts):
            raise ValueError("plan counts (sessions, days, weeks) must be >= 0")
        if self.min_gap_days < 0:
            raise ValueError("min_gap_days must be >= 0")
        for day in (*self.preferred_days, *self.forbidden_days):
            if not 0 <= day <= 6:
                raise ValueError(f"weekday {day} is not 0 (Monday) to 6 (Sunday)")

    @classmethod
    def from_config(cls, config: Config) -> PlanRules:
        plan = config.plan
        where = config.where()
        preferred = _weekdays(plan.preferred_days)
        forbidden = _weekdays(plan.forbidden_days)
        both = sorted(set(preferred) & set(forbidden))
        if both:
            names = ", ".join(WEEKDAY_KEYS[d] for d in both)
            raise UserError(f"{where}plan: {names} is both in preferred_days and forbidden_days")
        if plan.sessions_per_week and len(set(forbidden)) == 7:
            raise UserError(
                f"{where}plan.forbidden_days forbids every weekday but sessions_per_week is "
                f"{plan.sessions_per_week}"
            )
        return cls(
            sessions_per_week=plan.sessions_per_week,
            taper_days=plan.taper_days,
            preferred_days=preferred,
            forbidden_days=forbidden,
            periodize=plan.periodize,
            peak_weeks=plan.peak_weeks,
            deload_every=plan.deload_every,
            recovery_days_10k=plan.recovery_days.up_to_10k,
            recovery_days_half=plan.recovery_days.half_marathon,
            recovery_days_marathon=plan.recovery_days.marathon,
            taper_bodyweight=plan.taper_bodyweight,
            words=tuple(sorted(plan.words.items())),
            day_kinds=tuple(
                sorted((date.fromisoformat(day), kind) for day, kind in plan.day_kinds.items())
            ),
        )

    def vocabulary(self) -> Vocabulary:
        """runlift's word lists with the runner's own words added."""
        return builtin().with_runner_words(dict(self.words))

    @property
    def days_after_races(self) -> int:
        """How many days after a race can still keep a day free of strength."""
        if not self.periodize:
            return max(1, self.post_race_days)
        return max(1, self.recovery_days_10k, self.recovery_days_half, self.recovery_days_marathon)

    @property
    def days_before_races(self) -> int:
        """How far ahead a race can still shape a day: its taper, and its peak weeks."""
        if not self.periodize:
            return self.taper_days + 1
        return self.taper_days + 7 * (self.peak_weeks + 1) + 1


def _weekdays(keys: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(sorted({WEEKDAY_KEYS.index(key) for key in keys}))
