"""What kind of run one Strava activity was, judged against the athlete's usual run.

In this order: Strava's ``workout_type`` (1 race, 2 long run, 3 workout) when set; nothing more
for an athlete who tags their runs (a quarter or more of them carry a type, so an untagged run
is a plain one); a race named in the title; a long run by title, or by distance or moving time
at least 1.5 times the usual run (and at least an hour or 12 km, as the planner counts it); a
workout named in the title (in any language the planner reads); an easy run named
in the title; a run of half an hour or more at least 10 % faster than the usual pace; else easy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import median

from runlift.sync.model import DayKind
from runlift.sync.planning import words
from runlift.sync.planning.classify import LONG_FLOOR_M, LONG_FLOOR_S, LONG_RATIO
from runlift.sync.strava.activity import Activity

# An athlete whose runs carry a workout_type this often sets it deliberately.
TAGGER_SHARE = 0.25
# Faster than the usual pace by this factor, for at least this long: a quality run.
FAST_RATIO = 1.10
FAST_MIN_S = 30 * 60

WORKOUT_TYPE_RACE = 1
WORKOUT_TYPE_LONG = 2
WORKOUT_TYPE_WORKOUT = 3


class RunKind(StrEnum):
    RACE = "race"
    LONG = "long"
    WORKOUT = "workout"
    EASY = "easy"

    @property
    def day_kind(self) -> DayKind:
        return _DAY_KINDS[self]


_DAY_KINDS = {
    RunKind.RACE: DayKind.RACE,
    RunKind.LONG: DayKind.LONG,
    RunKind.WORKOUT: DayKind.QUALITY,
    RunKind.EASY: DayKind.EASY,
}
# Hardest first: a day with several runs counts as its hardest.
HARDNESS = (RunKind.RACE, RunKind.LONG, RunKind.WORKOUT, RunKind.EASY)


@dataclass(frozen=True)
class Label:
    """How a kind of run reads in a sentence: "an interval session", "5 of them intervals"."""

    singular: str
    plural: str


RACES = Label("race", "races")
LONG_RUNS = Label("long run", "long runs")
WORKOUTS = Label("workout", "workouts")
FAST_RUNS = Label("fast run", "fast runs")
RACE_PACE = Label("race-pace run", "race-pace runs")
EASY_RUNS = Label("easy run", "easy runs")
# A workout word's first letters -> what the session is called.
_WORKOUT_LABELS: tuple[tuple[tuple[str, ...], Label], ...] = (
    (
        (
            "interval",
            "serie",
            "fraction",
            "fraccion",
            "ripetut",
            "tiro",
            "repeat",
            "rep",
            "wiederholung",
            "blokken",
            "yasso",
            "pyramid",
            "piramide",
            "ladder",
        ),
        Label("interval session", "intervals"),
    ),
    (
        ("fartlek", "fahrtspiel", "tempowechsel", "cambio", "variazioni", "surge"),
        Label("fartlek", "fartleks"),
    ),
    (("tempo", "cruise", "progressi", "progresivo"), Label("tempo run", "tempo runs")),
    (
        (
            "threshold",
            "lt",
            "lactate",
            "schwelle",
            "seuil",
            "umbral",
            "soglia",
            "drempel",
            "limiar",
            "cv",
        ),
        Label("threshold run", "threshold runs"),
    ),
    (
        ("hill", "berg", "hugel", "cotes", "cuesta", "salit", "heuvel", "subida"),
        Label("hill session", "hill sessions"),
    ),
    (("track", "bahn", "piste", "pista", "baan"), Label("track session", "track sessions")),
    (
        ("vo2", "vma", "anaero", "speed", "sprint", "esprint", "velocidad", "velocita", "snelheid"),
        Label("speed session", "speed sessions"),
    ),
)


@dataclass(frozen=True)
class Verdict:
    kind: RunKind
    label: Label
    reason: str


@dataclass(frozen=True)
class Usual:
    """The athlete's usual run over a stretch of history (medians), and whether they tag runs."""

    distance_m: float = 0.0
    moving_time_s: float = 0.0
    speed_m_s: float = 0.0
    tags_workout_type: bool = False

    @classmethod
    def of(cls, runs: Sequence[Activity]) -> Usual:
        if not runs:
            return cls()
        timed = [run for run in runs if run.moving_time_s > 0]
        tagged = sum(1 for run in runs if run.workout_type in _TAGS)
        return cls(
            distance_m=median(run.distance_m for run in runs),
            moving_time_s=median(run.moving_time_s for run in runs),
            speed_m_s=median(run.speed_m_s for run in timed) if timed else 0.0,
            tags_workout_type=tagged >= TAGGER_SHARE * len(runs),
        )


_TAGS = (WORKOUT_TYPE_RACE, WORKOUT_TYPE_LONG, WORKOUT_TYPE_WORKOUT)


def classify(run: Activity, usual: Usual) -> Verdict:
    if run.workout_type == WORKOUT_TYPE_RACE:
        return Verdict(RunKind.RACE, RACES, "marked a race on Strava")
    if run.workout_type == WORKOUT_TYPE_LONG:
        return Verdict(RunKind.LONG, LONG_RUNS, "marked a long run on Strava")
    if run.workout_type == WORKOUT_TYPE_WORKOUT:
        return Verdict(RunKind.WORKOUT, _title_label(run.name), "marked a workout on Strava")
    if usual.tags_workout_type:
        return Verdict(RunKind.EASY, EASY_RUNS, "not marked race, long run or workout")
    title = words.read(run.name)
    if title.race:
        return Verdict(RunKind.RACE, RACES, f"'{title.race}' in the title")
    if title.long:
        return Verdict(RunKind.LONG, LONG_RUNS, f"'{title.long}' in the title")
    if (verdict := _by_length(run, usual)) is not None:
        return verdict
    if workout := title.workout:
        return Verdict(RunKind.WORKOUT, _title_label(run.name), f"'{workout}' in the title")
    if title.easy or title.strides:
        return Verdict(RunKind.EASY, EASY_RUNS, f"'{title.easy or title.strides}' in the title")
    if (verdict := _by_pace(run, usual)) is not None:
        return verdict
    return Verdict(RunKind.EASY, EASY_RUNS, "usual length and pace")


def hardest(verdicts: Sequence[Verdict]) -> Verdict:
    return min(verdicts, key=lambda verdict: HARDNESS.index(verdict.kind))


def _by_length(run: Activity, usual: Usual) -> Verdict | None:
    if usual.distance_m > 0 and run.distance_m >= LONG_FLOOR_M:
        ratio = run.distance_m / usual.distance_m
        if ratio >= LONG_RATIO:
            return Verdict(
                RunKind.LONG,
                LONG_RUNS,
                f"{run.distance_m / 1000:.1f} km, {ratio:.1f}x the usual "
                f"{usual.distance_m / 1000:.1f} km",
            )
    if usual.moving_time_s > 0 and run.moving_time_s >= LONG_FLOOR_S:
        ratio = run.moving_time_s / usual.moving_time_s
        if ratio >= LONG_RATIO:
            return Verdict(
                RunKind.LONG,
                LONG_RUNS,
                f"{run.moving_time_s / 60:.0f} min, {ratio:.1f}x the usual "
                f"{usual.moving_time_s / 60:.0f} min",
            )
    return None


def _by_pace(run: Activity, usual: Usual) -> Verdict | None:
    if usual.speed_m_s <= 0 or run.moving_time_s < FAST_MIN_S:
        return None
    ratio = run.speed_m_s / usual.speed_m_s
    if ratio < FAST_RATIO:
        return None
    return Verdict(
        RunKind.WORKOUT,
        FAST_RUNS,
        f"{_pace(run.speed_m_s)}, {round((ratio - 1) * 100)} % faster than the usual "
        f"{_pace(usual.speed_m_s)}",
    )


def _title_label(title: str) -> Label:
    found = words.read(title)
    if found.repeats:
        return _WORKOUT_LABELS[0][1]
    if word := found.quality:
        for prefixes, label in _WORKOUT_LABELS:
            if word.startswith(prefixes):
                return label
    return RACE_PACE if found.race_pace else WORKOUTS


def _pace(speed_m_s: float) -> str:
    seconds = round(1000 / speed_m_s)
    return f"{seconds // 60}:{seconds % 60:02d}/km"
