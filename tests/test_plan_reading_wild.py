"""Kinds of plan a runner brings that the corpus holds little of: each test writes its own
titles and calendars in the style of a kind met in real published plans outside the corpus
(German Greif- and Steffny-style tables, French trail and club plans, Danish and Norwegian club
programmes, Italian and Japanese coaches' tables, Chinese plan tables, Pfitzinger's half
marathon plans), and fails without the reading it checks.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from runlift.sync.model import DayKind, Run
from runlift.sync.planning import measures
from runlift.sync.planning.classify import UsualRun, classify_run
from runlift.sync.planning.events import EventKind, event_kind, parts, read_event
from tests.plan_calendars import plan_from, weekly, write_plan

EASY, QUALITY, LONG, RACE, REST, UNSURE = (
    DayKind.EASY,
    DayKind.QUALITY,
    DayKind.LONG,
    DayKind.RACE,
    DayKind.REST,
    DayKind.UNSURE,
)
DAY = date(2027, 3, 2)
MONDAY = date(2027, 3, 1)


def kind_of(title: str) -> DayKind:
    return classify_run(Run(day=DAY, title=title), UsualRun()).kind


def plan_kinds(tmp_path: Path, weeks: list[list[str]]) -> dict[date, DayKind]:
    path = write_plan(tmp_path, weekly(MONDAY, weeks))
    shown = plan_from(path, MONDAY, 7 * len(weeks))
    return {day.day: day.kind for day in shown.days}


# --- Repeats written another way than "6 x 800 m" ----------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Einlaufen 15 min, 8 mal 600 m, Auslaufen",  # German: "mal"
        "Echauffement 20 min + 12*300 m",  # "*" for "x"
        "Oppvarming, 6 ganger 1000 m, nedjogg",  # Norwegian: "ganger"
        "4 per 1500 a ritmo sostenuto",  # Italian: "per"
        "Run 600m x 6",  # the length first, the count after
        "3km×3本 4:20/km",  # Japanese: length × count, with its counter
    ],
)
def test_repeats_written_with_a_word_a_star_or_the_length_first_are_a_workout(
    title: str,
) -> None:
    assert event_kind(title, training_calendar=True) is EventKind.RUN
    assert kind_of(title) is QUALITY


def test_a_count_after_a_length_needs_a_whole_number_that_is_no_length() -> None:
    assert kind_of("Easy 6 km x 1") is EASY
    assert kind_of("3 km x 5 min") is not QUALITY


# --- "Tempo" that says a pace, not a workout ---------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Løb 40 min i roligt tempo",
        "Lauf 45 min in ruhigem Tempo",
        "Jogg 35 min i eget tempo",
        "Löpning 30 min i lugnt tempo",
        "Duurloop 40 min in rustig tempo",
    ],
)
def test_tempo_with_an_easy_or_own_pace_word_is_an_easy_run(title: str) -> None:
    assert kind_of(title) is EASY


def test_tempo_on_its_own_and_a_brisk_tempo_stay_workouts() -> None:
    assert kind_of("Tempo 25 min") is QUALITY
    assert kind_of("Løb 8 min interval i godt tempo") is QUALITY


# --- Time trials and tests named in their language ----------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["Løb 5 km på tid", "Lop 3 km på tid", "8 km Testlauf", "Tijdrit 5 km", "タイムトライアル 3km"],
)
def test_a_time_trial_in_any_language_is_a_workout(title: str) -> None:
    assert kind_of(title) is QUALITY


# --- A word of one language is not another language's reminder or walk -----------------------


@pytest.mark.parametrize("title", ["14 km fondo lento", "Rodaje lento 45 min", "Lento 40'"])
def test_slow_in_italian_and_spanish_is_no_finnish_flight(title: str) -> None:
    reading = read_event(title, training_calendar=True)
    assert reading.kind is EventKind.RUN, reading.reason
    assert kind_of(title) is EASY


def test_reminders_are_still_reminders() -> None:
    assert event_kind("Flight to Lisbon") is EventKind.OTHER
    assert event_kind("Lento Helsinkiin ✈") is EventKind.OTHER


def test_a_general_aerobic_zone_is_no_walk_so_the_weeks_longest_run_is_its_long_run(
    tmp_path: Path,
) -> None:
    # "GA1" reads "ga", the Norwegian and Swedish "walk": that made every GA1 run a run/walk.
    got = plan_kinds(
        tmp_path,
        [
            ["11 km ruhiger DL, GA1", "", "7 x 800 m Intervalle", "", "9 km ruhiger DL, GA1",
             "", "24 km ruhiger DL, GA1"],
        ],
    )  # fmt: skip
    assert got[MONDAY + timedelta(days=6)] is LONG
    assert got[MONDAY] is EASY


def test_a_steady_aerobic_zone_beside_an_easy_word_is_an_easy_run() -> None:
    assert kind_of("11 km lockerer DL, GA2") is EASY


# --- Elevation gain beside a length --------------------------------------------------------------


def test_elevation_gain_is_no_join_and_no_length() -> None:
    assert parts("Trail 2h30 D+600m") == ["trail 2h30 d+600m"]
    assert event_kind("Randonnée 3h D+900", training_calendar=True) is EventKind.OTHER
    assert event_kind("Marche nordique 1h D+250m", training_calendar=True) is EventKind.OTHER
    assert measures.total_distance_m("Trail 16 km +700 Hm") == 16_000.0
    assert measures.total_distance_m("Trail 22 km / 1400 D+") == 22_000.0


# --- A run in words runlift does not know, with a length, in a training plan -------------------


def test_a_session_with_a_length_in_unknown_words_is_a_run_in_a_training_plan_only() -> None:
    assert event_kind("Sortie 2h10", training_calendar=True) is EventKind.RUN
    assert event_kind("Sortie 2h10", training_calendar=False) is EventKind.OTHER
    assert kind_of("Sortie 2h10") is not EASY  # unsure, or long by the week: never guessed easy


def test_an_unknown_weekend_outing_is_the_weeks_long_run_not_a_dropped_event(
    tmp_path: Path,
) -> None:
    got = plan_kinds(
        tmp_path,
        [["Repos", "Footing 45 min", "Fractionné 8x400", "Repos", "Footing 40 min", "Repos",
          "Sortie 2h10"]],
    )  # fmt: skip
    assert got[MONDAY + timedelta(days=6)] is LONG


# --- A week that gives its long run in distance and the others in time -------------------------


def test_the_long_run_given_in_km_beside_runs_given_in_minutes_is_the_long_run(
    tmp_path: Path,
) -> None:
    got = plan_kinds(
        tmp_path,
        [["", "8 x 1 min @ Z4 / 1 min", "", "Steady 20 min", "", "", "12 km"]],
    )
    assert got[MONDAY + timedelta(days=6)] is LONG
    assert got[MONDAY + timedelta(days=3)] is EASY


# --- A workout counts by its whole length ---------------------------------------------------------


def test_a_workout_written_in_parts_counts_by_their_sum() -> None:
    title = "10 min warm-up, 5 x 4 min hard with 2 min jog, 10 min cool-down"
    assert measures.total_duration_s(title) == (10 + 20 + 2 + 10) * 60
    assert measures.total_duration_s("40 min (25 min easy, 3 x 4 min steady)") == 40 * 60
    assert measures.total_duration_s("Easy 45 min") == 45 * 60


def test_an_easy_run_is_not_long_beside_a_workout_as_long_as_it(tmp_path: Path) -> None:
    got = plan_kinds(
        tmp_path,
        [["Easy 25 min", "", "10 min warm-up, 5 x 4 min, 10 min cool-down", "", "", "",
          "Easy 35 min"]],
    )  # fmt: skip
    assert got[MONDAY + timedelta(days=6)] is EASY


# --- A trail plan ends with its race, whatever the distance --------------------------------------


def test_a_plan_ending_with_a_trail_ultra_distance_ends_on_its_race(tmp_path: Path) -> None:
    weeks = [
        ["", "Footing 1h", "Côtes 8x1min", "", "Footing 50 min", "", "Trail 3h D+900m"],
        ["", "Footing 45 min", "", "", "", "", "Course : 71 km / 3600 D+"],
    ]
    got = plan_kinds(tmp_path, weeks)
    assert got[MONDAY + timedelta(days=13)] is RACE
    assert got[MONDAY + timedelta(days=6)] is LONG


def test_a_long_run_past_a_marathon_inside_a_plan_is_no_race(tmp_path: Path) -> None:
    weeks = [
        ["", "Easy 10 km", "", "Tempo 8 km", "", "", "46 km long trail run"],
        ["", "Easy 10 km", "", "Tempo 8 km", "", "", "Easy 12 km"],
    ]
    got = plan_kinds(tmp_path, weeks)
    assert got[MONDAY + timedelta(days=6)] is LONG


# --- Spanish "carrera": a run, and a race only when named as one ---------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Carrera 40 min", EASY),
        ("Carrera (calidad): 15 min calentamiento + 6x800", QUALITY),
        ("Carrera 10K", RACE),
        ("Carrera popular de San Antón", RACE),
        ("Carrera de 10 km", RACE),
    ],
)
def test_carrera_is_a_run_and_a_race_when_named_one(title: str, expected: DayKind) -> None:
    assert kind_of(title) is expected


# --- A rest day with an optional light activity ------------------------------------------------


@pytest.mark.parametrize("title", ["休息日，可选择轻松活动", "Rest day, light activity optional"])
def test_a_rest_day_with_a_light_activity_is_rest(title: str) -> None:
    assert event_kind(title, training_calendar=True) is EventKind.REST


# --- Recoveries between repeats are no workout words -----------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "General aerobic 8 mi w/ 2 sets of 6x100m strides (jog 200m between intervals)",
        "Easy 40 min + 8 x 80 m strides, jog back between reps",
    ],
)
def test_strides_with_their_recoveries_stay_an_easy_run(title: str) -> None:
    assert kind_of(title) is EASY


# --- A race's distance in a plan that writes its runs as distances ------------------------------


def test_ten_miles_in_a_plan_of_distances_can_be_its_long_run(tmp_path: Path) -> None:
    weeks = [["", "4 miles", "6 miles", "4 miles", "", "5 miles pace", "10 miles"]] * 2
    weeks.append(["", "3 miles", "4 miles", "", "", "2 miles", "Half Marathon"])
    got = plan_kinds(tmp_path, weeks)
    assert got[MONDAY + timedelta(days=6)] is LONG
    assert got[MONDAY + timedelta(days=13)] is LONG


# --- Units and words missing in a language -----------------------------------------------------


def test_miles_in_italian_spanish_and_portuguese_are_miles() -> None:
    for title in ("6 miglia corsa lenta", "6 millas rodaje", "6 milhas leve"):
        assert measures.distance_m(title) == pytest.approx(6 * measures.MILE)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Rando 3h", EventKind.OTHER),
        ("Pliométrie 30'", EventKind.STRENGTH),
        ("Trapplöpning 30 min", EventKind.RUN),
        ("Skidlöpning 2 h", EventKind.OTHER),
    ],
)
def test_words_that_were_missing(title: str, expected: EventKind) -> None:
    assert event_kind(title, training_calendar=True) is expected


def test_a_norwegian_ten_km_pace_and_hours_written_t() -> None:
    assert kind_of("3 x 2 km i milfart") is QUALITY
    assert measures.duration_s("Langkjøring 1t 30min") == 90 * 60
