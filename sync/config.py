"""The TOML config: read once, validated, every error naming the file and the setting."""

from __future__ import annotations

import os
import re
import tomllib
import typing
from dataclasses import Field, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runlift.sync import limits, paths, plugins, safe_paths
from runlift.sync.config_messages import (
    did_you_mean,
    key_as_written,
    kind_words,
    nearest,
    one_of,
    shown,
    toml_text,
    with_article,
)
from runlift.sync.errors import UserError
from runlift.sync.redaction import keep_out_of_logs, redact
from runlift.sync.word_kinds import RUNNER_KINDS
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
EQUIPMENT = tuple(e.value for e in Equipment)
UNITS = ("kg", "lb")

Model = TypeVar("Model")


def setting(
    default: Any,
    help: str,
    *,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[str, ...] | None = None,
    allowed: str = "",
    example: str = "",
    secret: bool = False,
) -> Any:
    """A config key with what a user reads about it: the help, the values it takes.

    ``low``/``high`` (inclusive) and ``choices`` (for a text, or for each item of a list) are
    checked for every key that has them; ``allowed`` says in words what a key with its own check
    takes. ``secret`` keys are never echoed in a message, whatever was written there.
    """
    meta = {
        "help": help,
        "low": low,
        "high": high,
        "choices": choices,
        "allowed": allowed,
        "example": example,
        "secret": secret,
    }
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class AthleteSection:
    """What you train with and how long you rest."""

    equipment: tuple[str, ...] = setting(
        EQUIPMENT,
        "What you can train with: dumbbells, a barbell, a bar to hang from. Without a bar, "
        "boat pose replaces hanging leg raises; with dumbbells only, rows and Romanian "
        "deadlifts use dumbbells.",
        choices=EQUIPMENT,
    )
    rest_seconds: int = setting(
        90,
        "Rest between sets of the loaded moves, in seconds (holds use their own short rests).",
        low=0,
        high=MAX_REST_S,
    )


@dataclass(frozen=True)
class IncrementsSection:
    """Smallest load step per kind of equipment, in the athlete's unit."""

    dumbbell: float = setting(
        2.0,
        "Smallest step between your dumbbells, in `units`.",
        allowed="above 0, at most 20",
    )
    barbell: float = setting(
        2.5,
        "Smallest barbell load step, in `units` (e.g. 5 for lb plates).",
        allowed="above 0, at most 20",
    )


@dataclass(frozen=True)
class RecoveryDaysSection:
    """Days without strength after a race, by its distance."""

    up_to_10k: int = setting(2, "Days without strength after a race up to 10 km.", low=0, high=28)
    half_marathon: int = setting(4, "Days without strength after a half marathon.", low=0, high=28)
    marathon: int = setting(7, "Days without strength after a marathon or longer.", low=0, high=28)


@dataclass(frozen=True)
class EquipmentSection:
    """Your equipment's own weight."""

    barbell_kg: float = setting(
        20.0,
        'Your empty barbell, in kg. No barbell load goes below it (with units = "lb", the '
        "default 20 kg bar counts as 45 lb).",
        low=1,
        high=50,
    )


_DAYS_HELP = "Weekdays (mon ... sun)"
# What [plan.days] may say a date is: a kind of day, or the runner's own strength day.
DAY_KINDS = ("rest", "easy", "quality", "long", "race", "strength")
# A runner's word list stays a list of words, not a dictionary.
MAX_RUNNER_WORDS = 200
MAX_RUNNER_WORD_CHARS = 100


@dataclass(frozen=True)
class PlanSection:
    """Where the runs come from and how the strength sessions are placed around them."""

    source: str = setting(
        "config",
        "Where the upcoming runs come from: config (the weekdays below), ics (a calendar file "
        "or feed, see `runs`), garmin (Garmin Connect's calendar), strava (projected from your "
        "Strava history), intervals (your intervals.icu calendar), or an installed provider.",
        allowed="config, ics, garmin, strava, intervals, or an installed provider",
    )
    runs: str = setting(
        "",
        'For source = "ics": an .ics file or an http(s)/webcal URL of your training '
        "calendar. `--runs` overrides it.",
        example="~/plan.ics",
    )
    window_days: int = setting(
        14,
        "Days `runlift plan` and `runlift sync` show (`runlift plan --days` goes up to 366). "
        "A number written as `days = 14`, as before [plan.days] existed, still sets it.",
        low=1,
        high=60,
    )
    sessions_per_week: int = setting(
        2, "Strength sessions per ISO week (Monday to Sunday).", low=0, high=3
    )
    taper_days: int = setting(
        7,
        "No strength on this many days before the goal race (before every race with "
        "periodize = false; other races keep at most 2 days).",
        low=0,
        high=21,
    )
    quality_days: tuple[str, ...] = setting(
        (), f'{_DAYS_HELP} of your quality runs, for source = "config".', choices=WEEKDAYS
    )
    long_days: tuple[str, ...] = setting(
        (), f'{_DAYS_HELP} of your long runs, for source = "config".', choices=WEEKDAYS
    )
    rest_days: tuple[str, ...] = setting(
        (),
        f'{_DAYS_HELP} without a run, for source = "config" (other days are easy runs).',
        choices=WEEKDAYS,
    )
    preferred_days: tuple[str, ...] = setting(
        (), f"{_DAYS_HELP} you would rather lift on.", choices=WEEKDAYS
    )
    forbidden_days: tuple[str, ...] = setting(
        (),
        f"{_DAYS_HELP} you cannot lift on; used only when a week could not otherwise get its "
        "sessions, and then said.",
        choices=WEEKDAYS,
    )
    periodize: bool = setting(
        True,
        "The strength plan follows the running block around the next goal race: base, peak "
        "(one maintenance session a week), taper (none), recovery. false: every week the full "
        "program, taper_days before every race and one day after.",
    )
    peak_weeks: int = setting(
        6, "Weeks of one maintenance session a week before the taper.", low=1, high=16
    )
    deload_every: int = setting(
        4,
        "Every n-th base week is a deload week (one set per move, same loads); 0: none.",
        allowed="0 (no deloads) or 2-12",
    )
    taper_bodyweight: bool = setting(
        False, "One body-weight session (one set per move, no added load) early in the taper."
    )
    recovery_days: RecoveryDaysSection = field(
        default_factory=RecoveryDaysSection,
        metadata={"help": "Days without strength after a race, by its distance."},
    )
    words: dict[str, tuple[str, ...]] = field(
        default_factory=dict,
        metadata={
            "help": "Your own words for kinds of runs, added to runlift's word lists: a table of "
            f"kinds ({', '.join(RUNNER_KINDS)}), each a list of words or patterns "
            "(`interval*` starts with, `*lauf` ends with, `#` a number). `runlift plan` says "
            "which days it read from them.",
            "allowed": f"kinds {', '.join(RUNNER_KINDS)}",
            "example": 'quality = ["tdl", "bahn*"]',
        },
    )
    day_kinds: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "key": "days",
            "help": "A date's kind as you know it, over what runlift read "
            f"({', '.join(DAY_KINDS)}; strength marks your own strength day).",
            "allowed": f"dates YYYY-MM-DD, each one of {', '.join(DAY_KINDS)}",
            "example": '"2027-03-22" = "race"',
        },
    )


@dataclass(frozen=True)
class SyncSection:
    """Where `runlift sync` puts the sessions."""

    targets: tuple[str, ...] = setting(
        ("garmin",),
        "The platforms `runlift sync` puts each session on, once on each: garmin (Garmin "
        "Connect), coros (COROS Training Hub), or an installed target; one alone works.",
        allowed="garmin, coros, or an installed target, each once",
        example='["garmin", "coros"]',
    )


@dataclass(frozen=True)
class GarminSection:
    """Garmin Connect: pauses and retries."""

    cooloff_minutes: int = setting(
        60,
        "After Garmin Connect answers 429 (too many requests) without a Retry-After: minutes "
        "without any call to it (syncs, the daemon and sign-ins all wait).",
        low=1,
        high=1440,
    )
    read_retries: int = setting(
        3,
        "Reads only (writes are never blindly retried): retries on 5xx and network errors.",
        low=0,
        high=5,
    )
    retry_wait_seconds: float = setting(
        1.0, "First pause between read retries, in seconds; it doubles each time.", low=0, high=60
    )
    login_max_failures: int = setting(
        3,
        "This many failed `runlift login garmin` within login_cooloff_minutes pause sign-ins "
        "and syncs for login_cooloff_minutes.",
        low=1,
        high=10,
    )
    login_cooloff_minutes: int = setting(
        180, "How long failed sign-ins count, and the pause they cause.", low=1, high=2880
    )
    timeout_seconds: float = setting(
        limits.REMOTE_CALL_S,
        "Seconds one call to Garmin Connect may take, from connecting to the last byte of the "
        "answer (redirects, a slow server and read retries included).",
        low=1,
        high=300,
    )


@dataclass(frozen=True)
class StravaSection:
    """Strava: your API application and runlift's read budget."""

    client_id: str = setting(
        "",
        "Your Strava API application's client id (STRAVA_CLIENT_ID in the environment wins).",
        example="12345",
    )
    client_secret: str = setting(
        "",
        "Your Strava API application's client secret (STRAVA_CLIENT_SECRET in the environment "
        "wins and keeps it out of this file).",
        secret=True,
    )
    history_weeks: int = setting(
        8, "Weeks of running history that make up your usual week.", low=1, high=52
    )
    timeout_seconds: float = setting(
        limits.REMOTE_CALL_S,
        "Seconds one call to Strava may take, from connecting to the last byte of the answer.",
        low=1,
        high=300,
    )
    redirect_port: int = setting(
        0,
        "Port on 127.0.0.1 for the sign-in redirect of `runlift login strava`; 0: any free port.",
        low=0,
        high=65535,
    )
    reads_per_15min: int = setting(
        100, "runlift's read budget per 15 minutes (Strava allows 100).", low=1, high=100
    )
    reads_per_day: int = setting(
        1000, "runlift's read budget per day (Strava allows 1,000).", low=1, high=1000
    )


@dataclass(frozen=True)
class IntervalsSection:
    """intervals.icu as the source of planned runs."""

    api_key: str = setting(
        "",
        "Your intervals.icu API key (settings page, Developer Settings); INTERVALS_API_KEY in "
        "the environment wins and keeps it out of this file.",
        secret=True,
    )
    athlete_id: str = setting(
        "0",
        'The athlete whose calendar is read: "0" is the key\'s owner (INTERVALS_ATHLETE_ID wins).',
        allowed="0 or an athlete id like i12345",
    )
    base_url: str = setting(
        "https://intervals.icu",
        "Where intervals.icu answers (a proxy, a test server).",
        allowed="an http(s) URL",
        example="https://intervals.icu",
    )
    timeout_seconds: float = setting(
        limits.REMOTE_CALL_S,
        "Seconds one call to intervals.icu may take, from connecting to the last byte of the "
        "answer.",
        low=1,
        high=300,
    )
    cooloff_minutes: int = setting(
        60,
        "After intervals.icu answers 429 without a Retry-After: minutes without any call to it.",
        low=1,
        high=1440,
    )
    strength_on_holiday: bool = setting(
        False,
        "Days marked SICK or INJURED on intervals.icu get no strength session; HOLIDAY days get "
        "none either unless this is true (you lift while away).",
    )


@dataclass(frozen=True)
class DaemonSection:
    """When `runlift daemon` syncs, and what it writes besides."""

    sync_times: tuple[str, ...] = setting(
        ("05:30", "17:30"),
        "Local times (in `timezone`) at which `runlift daemon` syncs and then reads back what "
        "was done.",
        allowed="at least one time HH:MM",
        example='["05:30", "17:30"]',
    )
    ics_path: str = setting(
        "",
        "After each sync, write the planned sessions as an iCalendar file here, for a calendar "
        'app to subscribe to; "" = none.',
        example="/srv/www/cal/strength.ics",
    )


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    timezone: str = setting(
        "",
        "IANA time zone of your calendar dates; empty: the system's.",
        allowed="a time zone of the tz database",
        example="Europe/Berlin",
    )
    units: str = setting(
        "kg", "Unit of the loads you give and of the loads on the watch.", choices=UNITS
    )
    athlete: AthleteSection = field(default_factory=AthleteSection)
    loads: dict[str, float] = field(
        default_factory=dict,
        metadata={
            "help": "Starting load per move, in `units` (per dumbbell for dumbbell moves); "
            "0: body weight, or left open on the watch. runlift moves these on from what you "
            "actually lift.",
        },
    )
    increments: IncrementsSection = field(default_factory=IncrementsSection)
    equipment: EquipmentSection = field(default_factory=EquipmentSection)
    plan: PlanSection = field(default_factory=PlanSection)
    sync: SyncSection = field(default_factory=SyncSection)
    garmin: GarminSection = field(default_factory=GarminSection)
    strava: StravaSection = field(default_factory=StravaSection)
    intervals: IntervalsSection = field(default_factory=IntervalsSection)
    daemon: DaemonSection = field(default_factory=DaemonSection)
    # Installed plugins' own tables by their name as written ("providers.trackclub"), each
    # validated by the model its plugin declares (runlift.sync.plugins).
    plugin_tables: dict[str, Any] = field(default_factory=dict)
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

    def plugin_settings(self, model: type[Model]) -> Model:
        """A plugin's own table, validated by ``model`` (the plugin's ``settings``); the
        model's defaults when the user wrote no table for it."""
        written = {name: t for name, t in self.plugin_tables.items() if type(t) is model}
        tables = list(written.values())
        if any(table != tables[0] for table in tables):
            names = " and ".join(f"[{name}]" for name in written)
            raise UserError(f"{self.where()}{names} hold the same plugin's settings: keep one")
        return tables[0] if tables else model()


SECTIONS: dict[str, type] = {
    "athlete": AthleteSection,
    "increments": IncrementsSection,
    "equipment": EquipmentSection,
    "plan": PlanSection,
    "sync": SyncSection,
    "garmin": GarminSection,
    "strava": StravaSection,
    "intervals": IntervalsSection,
    "daemon": DaemonSection,
}


# Config files are a few kilobytes; this leaves room for comments.
MAX_CONFIG_BYTES = limits.CONFIG_BYTES


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
    try:
        data = safe_paths.read_regular(path, MAX_CONFIG_BYTES)
    except safe_paths.PathRefused as exc:
        if str(exc) == safe_paths.FOLDER:
            raise IsADirectoryError(path) from None
        if str(exc) == safe_paths.SPECIAL:
            raise UserError(
                f"{path}: not a regular file (a pipe or device), not a config file"
            ) from None
        raise UserError(f"{path}: config file larger than {MAX_CONFIG_BYTES // 1024} KiB") from None
    return data.decode("utf-8")


def parse_config(raw: dict[str, Any], path: Path | None = None) -> Config:
    where = f"{path}: " if path else ""
    values: dict[str, Any] = {"path": path}
    top = {item.name: item for item in fields(Config)}
    hints = typing.get_type_hints(Config)
    for key, value in raw.items():
        if key in SECTIONS:
            if not isinstance(value, dict):
                raise UserError(
                    f"{where}{key} must be a table (a [{key}] section), not {shown(value)}"
                )
            values[key] = _section(SECTIONS[key], key, value, where)
        elif key == "loads":
            values[key] = _loads(value, where)
        elif key in ("timezone", "units"):
            values[key] = _value(top[key], hints[key], key, value, where)
        elif key in plugins.KINDS:
            tables = values.setdefault("plugin_tables", {})
            tables.update(_plugin_tables(plugins.KINDS[key], value, where))
        else:
            hint = _unknown_hint(key, value)
            raise UserError(f"{where}unknown setting {key_as_written(key)}{hint}")
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


def _dotted_keys(cls: type, prefix: str) -> list[str]:
    keys = []
    for item in fields(cls):
        default = item.default_factory() if callable(item.default_factory) else item.default
        if is_dataclass(default):
            keys.append(f"[{prefix}{item.name}]")
            keys += _dotted_keys(type(default), f"{prefix}{item.name}.")
        else:
            keys.append(f"{prefix}{item.name}")
    return keys


def _anywhere(key: str, *, in_section: bool = False) -> list[str]:
    """The setting a key written in the wrong place or misspelled most likely means: a
    top-level key, a section, or a key of a section by its own name."""
    top = " (at the top, before any [section])" if in_section else ""
    places = {"timezone": f"timezone{top}", "units": f"units{top}", "loads": "[loads]"}
    places |= {name: f"[{name}]" for name in SECTIONS}
    near = nearest(key, places)
    if near:
        return [places[name] for name in near]
    leaves: dict[str, str] = {}
    for name, cls in SECTIONS.items():
        for dotted in _dotted_keys(cls, f"{name}."):
            leaves.setdefault(dotted.strip("[]").rsplit(".", 1)[-1], dotted)
    leaves |= {move: f"loads.{move}" for move in MOVES_BY_KEY}
    return [leaves[name] for name in nearest(key, leaves)]


def _unknown_hint(key: str, value: Any) -> str:
    """The setting an unknown top-level key most likely means; for a table, the plugin table
    it may be meant as."""
    near = _anywhere(key)
    if near or not isinstance(value, dict):
        return did_you_mean(near)
    for kind in plugins.KINDS.values():
        found = plugins.installed(kind)
        if key in found and plugins.settings_model(plugins.load(kind, key, found[key]), key):
            return did_you_mean([f"[{kind.table}.{key}]"])
    tables = " or ".join(f"[{kind}.{key_as_written(key)}]" for kind in plugins.KINDS)
    return f" (a plugin's settings go in {tables}, once the plugin is installed)"


def _plugin_tables(kind: plugins.PluginKind, raw: Any, where: str) -> dict[str, Any]:
    """[providers.NAME] or [targets.NAME]: each installed plugin's table, read by its model."""
    if not isinstance(raw, dict):
        raise UserError(
            f"{where}{kind.table} must be a table of plugins' tables (a [{kind.table}.NAME] "
            "section for each)"
        )
    found = plugins.installed(kind)
    tables: dict[str, Any] = {}
    for name, value in raw.items():
        dotted = f"{kind.table}.{name}"
        if name not in found:
            every = [f"{k.table}.{n}" for k in plugins.KINDS.values() for n in plugins.installed(k)]
            near = nearest(dotted, every)
            hint = (
                did_you_mean([f"[{n}]" for n in near])
                if near
                else f" (installed: {', '.join(sorted(found)) or 'none'})"
            )
            raise UserError(
                f"{where}unknown setting {key_as_written(dotted)}: no {kind.noun} called "
                f"{shown(name)} is installed{hint}"
            )
        model = plugins.settings_model(plugins.load(kind, name, found[name]), name)
        if model is None:
            own = did_you_mean([f"[{name}]"]) if name in SECTIONS else ""
            raise UserError(
                f"{where}unknown setting {key_as_written(dotted)}: the {name} {kind.noun} has "
                f"no settings of its own{own}"
            )
        if not isinstance(value, dict):
            raise UserError(
                f"{where}{key_as_written(dotted)} must be a table (a [{dotted}] section)"
            )
        tables[dotted] = _plugin_section(model, dotted, value, where)
    return tables


def _plugin_section(model: type, dotted: str, raw: dict[str, Any], where: str) -> Any:
    """A plugin's table read as runlift's own sections are; a ValueError its model raises
    (its own checks, in ``__post_init__``) is one line, with the table's secrets masked."""
    secrets = _secret_texts(model, raw)
    keep_out_of_logs(*secrets)
    try:
        return _section(model, dotted, raw, where, elsewhere=False)
    except ValueError as exc:
        said = redact(" ".join(str(exc).split()), secrets)
        raise UserError(f"{where}{dotted}: {said}") from None


def _secret_texts(model: type, raw: dict[str, Any]) -> list[str]:
    """What the user wrote for the model's secret keys, nested tables included."""
    texts: list[str] = []
    for item in fields(model):
        value = raw.get(item.name)
        default = item.default_factory() if callable(item.default_factory) else item.default
        if is_dataclass(default) and isinstance(value, dict):
            texts += _secret_texts(type(default), value)
        elif item.metadata.get("secret") and value is not None:
            texts += [str(v) for v in (value if isinstance(value, list) else [value])]
    return texts


def _section(
    cls: type, name: str, raw: dict[str, Any], where: str, *, elsewhere: bool = True
) -> Any:
    """A table read by its model. ``elsewhere``: an unknown key may be one of runlift's own
    keys written in the wrong section (a plugin's table is suggested only its own keys)."""
    known = {f.name: f for f in fields(cls)}
    # The keys as the user writes them ([plan.days] fills day_kinds).
    written = [f.metadata.get("key") or f.name for f in fields(cls)]
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for key, value in raw.items():
        dotted = f"{name}.{key}"
        if cls is PlanSection and key == "words":
            values["words"] = _plan_words(value, where)
            continue
        if cls is PlanSection and key == "days":
            if isinstance(value, dict):
                values["day_kinds"] = _plan_days(value, where)
                continue
            # `days = 14`: the window's length, as written before [plan.days] took the name.
            if "window_days" in raw:
                raise UserError(
                    f"{where}plan.days and plan.window_days both set the days shown: keep "
                    "window_days (a [plan.days] table sets dates' kinds)"
                )
            key, dotted = "window_days", f"{name}.days"
        if key not in known or (cls is PlanSection and key == "day_kinds"):
            near = [f"{name}.{k}" for k in nearest(key, written)]
            if not near and elsewhere:
                near = _anywhere(key, in_section=True)
            raise UserError(f"{where}unknown setting {key_as_written(dotted)}{did_you_mean(near)}")
        item = known[key]
        default = item.default_factory() if callable(item.default_factory) else item.default
        if is_dataclass(default):
            if not isinstance(value, dict):
                raise UserError(
                    f"{where}{dotted} must be a table (a [{dotted}] section), not {shown(value)}"
                )
            values[key] = _section(type(default), dotted, value, where, elsewhere=elsewhere)
        else:
            values[key] = _value(item, hints[key], dotted, value, where)
    return cls(**values)


def _plan_words(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    """[plan.words]: kinds, each a list of words or patterns the word lists' way."""
    from runlift.sync.planning.lexicon import PatternError
    from runlift.sync.planning.vocabulary import runner_entries

    if not isinstance(raw, dict):
        raise UserError(f"{where}[plan.words] must be a table of kinds, each a list of words")
    words: dict[str, tuple[str, ...]] = {}
    for kind, items in raw.items():
        if kind not in RUNNER_KINDS:
            raise UserError(
                f"{where}{key_as_written(f'plan.words.{kind}')}: not a kind runlift reads "
                f"({', '.join(RUNNER_KINDS)})"
            )
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise UserError(f'{where}plan.words.{kind} must be a list of words, e.g. ["tdl"]')
        if len(items) > MAX_RUNNER_WORDS:
            raise UserError(f"{where}plan.words.{kind}: more than {MAX_RUNNER_WORDS} words")
        for item in items:
            if len(item) > MAX_RUNNER_WORD_CHARS:
                raise UserError(
                    f"{where}plan.words.{kind}: a word longer than {MAX_RUNNER_WORD_CHARS} "
                    "characters"
                )
            try:
                runner_entries(kind, [item])
            except PatternError as exc:
                raise UserError(f"{where}plan.words.{kind}: {item!r} is no word ({exc})") from None
        words[kind] = tuple(items)
    return words


def _plan_days(raw: dict[str, Any], where: str) -> dict[str, str]:
    """[plan.days]: dates (YYYY-MM-DD), each a kind of day."""
    from datetime import date

    kinds: dict[str, str] = {}
    for key, kind in raw.items():
        try:
            day = date.fromisoformat(key) if len(key) == 10 else None
        except ValueError:
            day = None
        if day is None or not 1900 <= day.year <= 2999:
            raise UserError(f"{where}{key_as_written(f'plan.days.{key}')}: not a date (YYYY-MM-DD)")
        if not isinstance(kind, str) or kind not in DAY_KINDS:
            raise UserError(
                f"{where}{key_as_written(f'plan.days.{key}')}: {shown(kind)} is not one of "
                f"{', '.join(DAY_KINDS)}"
            )
        kinds[day.isoformat()] = kind
    return kinds


def _value(item: Field[Any], kind: Any, dotted: str, value: Any, where: str) -> Any:
    """``value`` checked against the key's kind, choices and range; the one place config
    values are judged, so every key's message reads the same."""
    meta = item.metadata
    secret = bool(meta.get("secret"))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    is_list = typing.get_origin(kind) is tuple
    fits = (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
        if is_list
        else isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
    )
    if not fits:
        written = "the value written is not shown (a secret)" if secret else f"not {shown(value)}"
        raise UserError(f"{where}{dotted} must be {with_article(kind_words(kind))}; {written}")
    choices: tuple[str, ...] = meta.get("choices") or ()
    for item_value in (value if is_list else [value]) if choices else []:
        if item_value not in choices:
            raise UserError(
                f"{where}{dotted}: {shown(item_value)} is not one of {one_of(choices)}"
                f"{did_you_mean([toml_text(c) for c in nearest(item_value, choices)])}"
            )
    low, high = meta.get("low"), meta.get("high")
    if low is not None and high is not None and not low <= value <= high:
        raise UserError(f"{where}{dotted} must be {low:g}-{high:g}, not {shown(value)}")
    return tuple(value) if is_list else value


def _loads(raw: Any, where: str) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise UserError(f"{where}loads must be a table (a [loads] section), not {shown(raw)}")
    loads: dict[str, float] = {}
    for key, value in raw.items():
        if key not in MOVES_BY_KEY:
            raise UserError(
                f"{where}loads.{key_as_written(key)}: not one of {', '.join(MOVES_BY_KEY)}"
                f"{did_you_mean([f'loads.{m}' for m in nearest(key, MOVES_BY_KEY)])}"
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise UserError(f"{where}loads.{key} must be a number (in units); not {shown(value)}")
        loads[key] = float(value)
    return loads


def _validate(config: Config, where: str) -> None:
    """The checks a key's kind, choices and range (in ``_value``) do not cover."""
    _validate_timezone(config.timezone, where)
    for key, load in config.loads.items():
        kg = load if config.units == "kg" else load * KG_PER_LB
        if not 0 <= kg <= MAX_LOAD_KG:
            raise UserError(
                f"{where}loads.{key}: {load:g} {config.units} is not a load a person lifts"
            )
    plan = config.plan
    if plan.deload_every == 1 or not 0 <= plan.deload_every <= 12:
        raise UserError(
            f"{where}plan.deload_every must be 0 (no deloads) or 2-12, not {plan.deload_every}"
        )
    if not config.daemon.sync_times:
        raise UserError(
            f"{where}daemon.sync_times is empty: the daemon would never sync "
            '(give at least one HH:MM, e.g. ["05:30", "17:30"])'
        )
    for slot in config.daemon.sync_times:
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", slot):
            raise UserError(
                f'{where}daemon.sync_times: {shown(slot)} is not a time HH:MM (e.g. "05:30")'
            )
    for name in ("dumbbell", "barbell"):
        step = getattr(config.increments, name)
        if not 0 < step <= 20:
            raise UserError(
                f"{where}increments.{name} must be above 0 and at most 20, not {shown(step)}"
            )
    _validate_intervals(config.intervals, where)
    _validate_targets(config.sync.targets, where)
    config.athlete_settings()


def _validate_targets(targets: tuple[str, ...], where: str) -> None:
    """At least one, each once; whether each is installed is checked when a sync opens it."""
    if not targets:
        raise UserError(
            f'{where}sync.targets is empty: give at least one, e.g. ["garmin"] or ["coros"]'
        )
    twice = sorted({name for name in targets if targets.count(name) > 1})
    if twice:
        raise UserError(f"{where}sync.targets names {shown(twice[0])} twice; give each once")


def _validate_timezone(name: str, where: str) -> None:
    if not name:
        return
    try:
        ZoneInfo(name)
        return
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    raise UserError(f"{where}timezone {shown(name)} is not a time zone{_zone_hint(name)}")


def _zone_hint(name: str) -> str:
    """From the tz database: "Berlin" is Europe/Berlin; "Europe" is a region of zones."""
    from zoneinfo import available_timezones

    zones = sorted(available_timezones())
    folded = name.strip().strip("/").replace(" ", "_").lower()
    cities = [zone for zone in zones if zone.lower().rsplit("/", 1)[-1] == folded]
    if cities:
        return did_you_mean([toml_text(zone) for zone in cities[:3]])
    region = [zone for zone in zones if zone.lower().startswith(folded + "/")]
    if folded and region:
        examples = ", ".join(toml_text(zone) for zone in region[:3])
        return f" but a region: give one of its zones, e.g. {examples}"
    near = nearest(name, zones) or nearest(name, {z.rsplit("/", 1)[-1]: z for z in zones})
    near = [zone if "/" in zone else _full_zone(zone, zones) for zone in near]
    return did_you_mean([toml_text(zone) for zone in near]) or ' (e.g. "Europe/Berlin")'


def _full_zone(city: str, zones: list[str]) -> str:
    return next((zone for zone in zones if zone.rsplit("/", 1)[-1] == city), city)


def _validate_intervals(intervals: IntervalsSection, where: str) -> None:
    if not _is_http_url(intervals.base_url):
        raise UserError(
            f'{where}intervals.base_url must be an http(s) URL (e.g. "https://intervals.icu"), '
            f"not {shown(intervals.base_url)}"
        )
    if not re.fullmatch(r"i?\d+", intervals.athlete_id):
        raise UserError(
            f"{where}intervals.athlete_id must be 0 (the key's owner) or an athlete id like i12345"
        )


def _is_http_url(url: str) -> bool:
    """A URL an HTTP client can send a request to: http(s), a host, a port that exists."""
    if not re.fullmatch(r"https?://[^\s/?#]+([/?#]\S*)?", url):
        return False
    try:
        parts = urlsplit(url)
        if not parts.hostname or parts.port == 0:
            return False
    except ValueError:
        return False
    import httpx

    try:
        httpx.URL(url)
    except (httpx.InvalidURL, ValueError, UnicodeError):
        return False
    return True
