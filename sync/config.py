"""The TOML config: read once, validated, every error naming the file and the setting."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runlift.sync import paths
from runlift.sync.errors import UserError
from runlift.workouts.moves import MOVES_BY_KEY, Equipment
from runlift.workouts.settings import (
    MAX_LOAD_KG,
    MAX_REST_S,
    AthleteSettings,
    MoveTarget,
    SettingsError,
)
from runlift.workouts.units import KG_PER_LB

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class AthleteSection:
    equipment: tuple[str, ...] = tuple(e.value for e in Equipment)
    rest_seconds: int = 90


@dataclass(frozen=True)
class IncrementsSection:
    """Smallest load step per kind of equipment, in the athlete's unit."""

    dumbbell: float = 2.0
    barbell: float = 2.5


@dataclass(frozen=True)
class RecoveryDaysSection:
    """Days without strength after a race, by its distance."""

    up_to_10k: int = 2
    half_marathon: int = 4
    marathon: int = 7


@dataclass(frozen=True)
class EquipmentSection:
    # An empty barbell, kg (the default 20 kg bar reads 45 lb with units = "lb").
    barbell_kg: float = 20.0


@dataclass(frozen=True)
class PlanSection:
    source: str = "config"
    runs: str = ""
    days: int = 14
    sessions_per_week: int = 2
    taper_days: int = 7
    quality_days: tuple[str, ...] = ()
    long_days: tuple[str, ...] = ()
    rest_days: tuple[str, ...] = ()
    preferred_days: tuple[str, ...] = ()
    forbidden_days: tuple[str, ...] = ()
    periodize: bool = True
    peak_weeks: int = 6
    deload_every: int = 4
    taper_bodyweight: bool = False
    recovery_days: RecoveryDaysSection = field(default_factory=RecoveryDaysSection)


@dataclass(frozen=True)
class GarminSection:
    # After a 429 without Retry-After: no call to Garmin Connect for this long.
    cooloff_minutes: int = 60
    # Reads only (writes are never blindly retried): retries on 5xx and network errors.
    read_retries: int = 3
    # First backoff between read retries; it doubles each time (with jitter).
    retry_wait_seconds: float = 1.0
    # This many failed `runlift login garmin` within login_cooloff_minutes stop sign-ins
    # (and syncs) for login_cooloff_minutes.
    login_max_failures: int = 3
    login_cooloff_minutes: int = 180


@dataclass(frozen=True)
class StravaSection:
    client_id: str = ""
    client_secret: str = ""
    history_weeks: int = 8
    timeout_seconds: float = 20.0
    # 0: any free port for the sign-in redirect on 127.0.0.1.
    redirect_port: int = 0
    reads_per_15min: int = 100
    reads_per_day: int = 1000


@dataclass(frozen=True)
class IntervalsSection:
    # INTERVALS_API_KEY / INTERVALS_ATHLETE_ID in the environment win over these.
    api_key: str = ""
    # "0" is the key's owner.
    athlete_id: str = "0"
    base_url: str = "https://intervals.icu"
    timeout_seconds: float = 20.0
    # After a 429 without Retry-After: no call to intervals.icu for this long.
    cooloff_minutes: int = 60
    # A HOLIDAY event keeps strength off its days unless this is true (sick and injured always do).
    strength_on_holiday: bool = False


@dataclass(frozen=True)
class DaemonSection:
    sync_times: tuple[str, ...] = ("05:30", "17:30")
    # After each sync, the planned sessions as an iCalendar file here ("" = none).
    ics_path: str = ""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    timezone: str = ""
    units: str = "kg"
    athlete: AthleteSection = field(default_factory=AthleteSection)
    loads: dict[str, float] = field(default_factory=dict)
    increments: IncrementsSection = field(default_factory=IncrementsSection)
    equipment: EquipmentSection = field(default_factory=EquipmentSection)
    plan: PlanSection = field(default_factory=PlanSection)
    garmin: GarminSection = field(default_factory=GarminSection)
    strava: StravaSection = field(default_factory=StravaSection)
    intervals: IntervalsSection = field(default_factory=IntervalsSection)
    daemon: DaemonSection = field(default_factory=DaemonSection)
    # Settings read but without effect, each one line ("loads.side_plank...: ... ignored").
    warnings: tuple[str, ...] = ()

    def zone(self) -> ZoneInfo | None:
        """The athlete's time zone, or None for the system's."""
        return ZoneInfo(self.timezone) if self.timezone else None

    def athlete_settings(self, **overrides: Any) -> AthleteSettings:
        targets = {key: MoveTarget(load=value) for key, value in self.loads.items()}
        values: dict[str, Any] = {
            "equipment": frozenset(Equipment(e) for e in self.athlete.equipment),
            "units": self.units,
            "rest_s": self.athlete.rest_seconds,
            "targets": targets,
        }
        values.update(overrides)
        try:
            return AthleteSettings(**values)
        except SettingsError as exc:
            raise UserError(f"{self.where()}{exc}") from None

    def where(self) -> str:
        return f"{self.path}: " if self.path else ""


_SECTIONS: dict[str, type] = {
    "athlete": AthleteSection,
    "increments": IncrementsSection,
    "equipment": EquipmentSection,
    "plan": PlanSection,
    "garmin": GarminSection,
    "strava": StravaSection,
    "intervals": IntervalsSection,
    "daemon": DaemonSection,
}


# Config files are a few kilobytes; this leaves room for comments.
MAX_CONFIG_BYTES = 1024 * 1024


def load_config(path: Path | None = None) -> Config:
    """Read ``path``, or the user's config file if it exists, or the defaults.

    A link to nowhere, a pipe or device, a huge file and TOML nested past what the parser can
    follow are one-line errors, not a hang, a traceback or a silent fallback to defaults.
    """
    if path is None:
        default = paths.config_file()
        if not default.exists() and not default.is_symlink():
            return Config()
        path = default
    try:
        text = _read_text(path)
        raw = tomllib.loads(text)
    except FileNotFoundError:
        if path.is_symlink():
            raise UserError(
                f"{path}: config file is a link to {os.readlink(path)}, which does not exist"
            ) from None
        raise UserError(f"{path}: config file not found") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a config file") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: cannot read config file ({exc.reason})") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read config file ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise UserError(f"{path}: not valid TOML (nested too deeply)") from None
    return parse_config(raw, path)


def _read_text(path: Path) -> str:
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(path)
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"{path}: not a regular file (a pipe or device), not a config file")
    with path.open("rb") as handle:
        data = handle.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise UserError(f"{path}: config file larger than {MAX_CONFIG_BYTES // 1024} KiB")
    return data.decode("utf-8")


def parse_config(raw: dict[str, Any], path: Path | None = None) -> Config:
    where = f"{path}: " if path else ""
    values: dict[str, Any] = {"path": path}
    for key, value in raw.items():
        if key in _SECTIONS:
            if not isinstance(value, dict):
                raise UserError(f"{where}[{key}] must be a table")
            values[key] = _section(_SECTIONS[key], key, value, where)
        elif key == "loads":
            values[key] = _loads(value, where)
        elif key in ("timezone", "units"):
            values[key] = _typed(key, value, str, where)
        else:
            raise UserError(f"{where}unknown setting {key!r}")
    values["warnings"] = tuple(_load_warnings(values.get("loads", {}), where))
    config = Config(**values)
    _validate(config, where)
    return config


def _load_warnings(loads: dict[str, float], where: str) -> list[str]:
    """Loads given for moves done with body weight alone (holds, leg raises) change nothing."""
    return [
        f"{where}loads.{key}: {MOVES_BY_KEY[key].title.lower()} is done with body weight; "
        "the load is ignored"
        for key, value in loads.items()
        if value and all(v.load_kind == "bodyweight" for v in MOVES_BY_KEY[key].variants)
    ]


def _section(cls: type, name: str, raw: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise UserError(f"{where}unknown setting {name}.{key}")
        default = known[key].default
        factory = known[key].default_factory
        if default is MISSING and callable(factory):
            default = factory()
        if is_dataclass(default):
            if not isinstance(value, dict):
                raise UserError(f"{where}[{name}.{key}] must be a table")
            values[key] = _section(type(default), f"{name}.{key}", value, where)
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UserError(f"{where}{name}.{key} must be a list of strings")
            values[key] = tuple(value)
        else:
            values[key] = _typed(f"{name}.{key}", value, type(default), where)
    return cls(**values)


def _typed(name: str, value: Any, kind: type, where: str) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise UserError(f"{where}{name} must be a {kind.__name__}, not {value!r}")
    return value


def _loads(raw: Any, where: str) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise UserError(f"{where}[loads] must be a table")
    loads: dict[str, float] = {}
    for key, value in raw.items():
        if key not in MOVES_BY_KEY:
            raise UserError(f"{where}loads.{key}: not one of {', '.join(MOVES_BY_KEY)}")
        loads[key] = _typed(f"loads.{key}", value, float, where)
    return loads


def _validate(config: Config, where: str) -> None:
    if config.units not in ("kg", "lb"):
        raise UserError(f"{where}units must be kg or lb, not {config.units!r}")
    if config.timezone:
        try:
            ZoneInfo(config.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise UserError(
                f"{where}timezone {config.timezone!r} is not a known time zone"
            ) from None
    for item in config.athlete.equipment:
        if item not in {e.value for e in Equipment}:
            raise UserError(f"{where}athlete.equipment: unknown item {item!r}")
    if not 0 <= config.athlete.rest_seconds <= MAX_REST_S:
        raise UserError(f"{where}athlete.rest_seconds must be 0-{MAX_REST_S}")
    for key, load in config.loads.items():
        kg = load if config.units == "kg" else load * KG_PER_LB
        if not 0 <= kg <= MAX_LOAD_KG:
            raise UserError(
                f"{where}loads.{key}: {load:g} {config.units} is not a load a person lifts"
            )
    plan = config.plan
    for name in ("quality_days", "long_days", "rest_days", "preferred_days", "forbidden_days"):
        for day in getattr(plan, name):
            if day not in WEEKDAYS:
                raise UserError(f"{where}plan.{name}: {day!r} is not one of {', '.join(WEEKDAYS)}")
    if not 1 <= plan.days <= 60:
        raise UserError(f"{where}plan.days must be 1-60")
    if not 0 <= plan.sessions_per_week <= 3:
        raise UserError(f"{where}plan.sessions_per_week must be 0-3")
    if not 0 <= plan.taper_days <= 21:
        raise UserError(f"{where}plan.taper_days must be 0-21")
    if not 1 <= plan.peak_weeks <= 16:
        raise UserError(f"{where}plan.peak_weeks must be 1-16")
    if not 0 <= plan.deload_every <= 12 or plan.deload_every == 1:
        raise UserError(f"{where}plan.deload_every must be 0 (no deloads) or 2-12")
    for name in ("up_to_10k", "half_marathon", "marathon"):
        if not 0 <= getattr(plan.recovery_days, name) <= 28:
            raise UserError(f"{where}plan.recovery_days.{name} must be 0-28")
    garmin = config.garmin
    if not 1 <= garmin.cooloff_minutes <= 1440:
        raise UserError(f"{where}garmin.cooloff_minutes must be 1-1440")
    if not 0 <= garmin.read_retries <= 5:
        raise UserError(f"{where}garmin.read_retries must be 0-5")
    if not 0 <= garmin.retry_wait_seconds <= 60:
        raise UserError(f"{where}garmin.retry_wait_seconds must be 0-60")
    if not 1 <= garmin.login_max_failures <= 10:
        raise UserError(f"{where}garmin.login_max_failures must be 1-10")
    if not 1 <= garmin.login_cooloff_minutes <= 2880:
        raise UserError(f"{where}garmin.login_cooloff_minutes must be 1-2880")
    if not config.daemon.sync_times:
        raise UserError(
            f"{where}daemon.sync_times is empty: the daemon would never sync "
            "(give at least one HH:MM)"
        )
    for slot in config.daemon.sync_times:
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", slot):
            raise UserError(f"{where}daemon.sync_times: {slot!r} is not a time HH:MM")
    for name in ("dumbbell", "barbell"):
        if not 0 < getattr(config.increments, name) <= 20:
            raise UserError(f"{where}increments.{name} must be above 0 and at most 20")
    if not 1 <= config.equipment.barbell_kg <= 50:
        raise UserError(f"{where}equipment.barbell_kg must be 1-50")
    _validate_strava(config.strava, where)
    _validate_intervals(config.intervals, where)
    config.athlete_settings()


def _validate_strava(strava: StravaSection, where: str) -> None:
    if not 1 <= strava.history_weeks <= 52:
        raise UserError(f"{where}strava.history_weeks must be 1-52")
    if not 1 <= strava.timeout_seconds <= 300:
        raise UserError(f"{where}strava.timeout_seconds must be 1-300")
    if not 0 <= strava.redirect_port <= 65535:
        raise UserError(f"{where}strava.redirect_port must be 0-65535")
    if not 1 <= strava.reads_per_15min <= 100:
        raise UserError(f"{where}strava.reads_per_15min must be 1-100 (Strava allows 100)")
    if not 1 <= strava.reads_per_day <= 1000:
        raise UserError(f"{where}strava.reads_per_day must be 1-1000 (Strava allows 1,000)")


def _validate_intervals(intervals: IntervalsSection, where: str) -> None:
    if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", intervals.base_url):
        raise UserError(f"{where}intervals.base_url must be an http(s) URL")
    if not re.fullmatch(r"i?\d+", intervals.athlete_id):
        raise UserError(
            f"{where}intervals.athlete_id must be 0 (the key's owner) or an athlete id like i12345"
        )
    if not 1 <= intervals.timeout_seconds <= 300:
        raise UserError(f"{where}intervals.timeout_seconds must be 1-300")
    if not 1 <= intervals.cooloff_minutes <= 1440:
        raise UserError(f"{where}intervals.cooloff_minutes must be 1-1440")
