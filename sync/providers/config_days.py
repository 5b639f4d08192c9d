"""Runs from fixed weekdays in the config, for runners without a digital plan.

[plan] quality_days, long_days and rest_days name weekdays; any other day is taken as an
easy run. With none of them set there is nothing to read and no run is returned.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Self

from runlift.sync.errors import UserError
from runlift.sync.model import DayKind, Run
from runlift.sync.planning.rules import WEEKDAY_KEYS

if TYPE_CHECKING:
    from runlift.sync.config import Config

SOURCE = "config"
_LISTS = (
    ("quality_days", DayKind.QUALITY, "Quality session"),
    ("long_days", DayKind.LONG, "Long run"),
    ("rest_days", DayKind.REST, "Rest day"),
)


class ConfigDaysProvider:
    name = SOURCE

    def __init__(self, kinds: dict[int, DayKind]) -> None:
        self.kinds = kinds

    @classmethod
    def from_config(cls, config: Config, **options: Any) -> Self:
        plan = config.plan
        where = config.where()
        kinds: dict[int, DayKind] = {}
        names: dict[int, str] = {}
        for setting, kind, _title in _LISTS:
            for key in getattr(plan, setting):
                day = WEEKDAY_KEYS.index(key)
                if day in names and names[day] != setting:
                    raise UserError(f"{where}plan: {key} is in both {names[day]} and {setting}")
                kinds[day], names[day] = kind, setting
        if len(kinds) == 7 and DayKind.REST not in kinds.values() and plan.sessions_per_week:
            raise UserError(
                f"{where}plan: every weekday is a quality or long day, so no strength session "
                "can ever be placed; free a day or set sessions_per_week = 0"
            )
        return cls(kinds)

    def upcoming_runs(self, start: date, end: date) -> list[Run]:
        if not self.kinds:
            return []
        runs = []
        day = start
        while day <= end:
            runs.append(self._run(day))
            day += timedelta(days=1)
        return runs

    def _run(self, day: date) -> Run:
        weekday = WEEKDAY_KEYS[day.weekday()]
        kind = self.kinds.get(day.weekday(), DayKind.EASY)
        for setting, listed, title in _LISTS:
            if listed is kind:
                return Run(
                    day=day,
                    title=title,
                    source=SOURCE,
                    kind=kind,
                    reason=f"{weekday} is in plan.{setting}",
                )
        return Run(
            day=day,
            title="Easy run",
            source=SOURCE,
            kind=DayKind.EASY,
            reason=f"{weekday} is not in plan.quality_days, long_days or rest_days: easy",
        )
