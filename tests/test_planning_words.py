"""Sessions are told apart by what plans call them, whichever tool or language wrote them."""

from datetime import date

import pytest

from runlift.sync.model import DayKind, Run
from runlift.sync.planning.classify import UsualRun, classify_run
from runlift.sync.planning.events import EventKind, event_kind

EASY, QUALITY, LONG, RACE, REST = (
    DayKind.EASY,
    DayKind.QUALITY,
    DayKind.LONG,
    DayKind.RACE,
    DayKind.REST,
)
DAY = date(2026, 11, 24)


def kind_of(title: str, description: str = "") -> DayKind:
    return classify_run(Run(day=DAY, title=title, description=description), UsualRun()).kind


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Garmin Coach adaptive sessions, in the languages a watch is set to.
        ("Base", EASY),
        ("Tempo", QUALITY),
        ("Threshold", QUALITY),
        ("Intervals", QUALITY),
        ("VO2 Max", QUALITY),
        ("Anaerobic", QUALITY),
        ("Sprint", QUALITY),
        ("Long Run", LONG),
        ("Recovery", EASY),
        ("Grundlage", EASY),
        ("Schwelle", QUALITY),
        ("Intervalle", QUALITY),
        ("Anaerob", QUALITY),
        ("Langer Lauf", LONG),
        ("Erholung", EASY),
        ("Seuil", QUALITY),
        ("Intervalles", QUALITY),
        ("Anaérobie", QUALITY),
        ("Sortie longue", LONG),
        ("Récupération", EASY),
        ("Umbral", QUALITY),
        ("Intervalos", QUALITY),
        ("Anaeróbico", QUALITY),
        ("Carrera larga", LONG),
        ("Recuperación", EASY),
        ("Soglia", QUALITY),
        ("Intervalli", QUALITY),
        ("Corsa lunga", LONG),
        ("Recupero", EASY),
        ("Basis", EASY),
        ("Drempel", QUALITY),
        ("Intervallen", QUALITY),
        ("Anaeroob", QUALITY),
        ("Lange duurloop", LONG),
        ("Herstel", EASY),
        ("Limiar", QUALITY),
        ("Corrida longa", LONG),
        ("Recuperação", EASY),
    ],
)
def test_garmin_coach_titles_in_seven_languages(title: str, expected: DayKind) -> None:
    assert kind_of(title) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # TrainingPeaks
        ("Aerobic Endurance Run", EASY),
        ("Threshold Intervals", QUALITY),
        ("Easy Run w/ Strides", EASY),
        ("Hill Repeats", QUALITY),
        ("Race: Chicago Marathon", RACE),
        ("Run: Long Run 2:15", LONG),
        # Final Surge
        ("Run - Easy 5 mi", EASY),
        ("Run - 6 x 800m @ 5k pace", QUALITY),
        ("Run - Long 12 mi", LONG),
        ("Run - 4 x 1 mi @ T pace", QUALITY),
        # Runna
        ("Easy Run • 5km", EASY),
        ("Intervals • 8 x 400m", QUALITY),
        ("Tempo • 6km", QUALITY),
        ("Long Run • 16km", LONG),
        ("Race Day 🏁", RACE),
        ("Progression Run • 8km", QUALITY),
        # intervals.icu
        ("Z2 Endurance", EASY),
        ("VO2max 5x3m", QUALITY),
        ("Threshold 2x20m", QUALITY),
        ("Easy 45m", EASY),
        # Personal calendars
        ("Morning run", EASY),
        ("Run with Sarah", EASY),
        ("Parkrun", QUALITY),
        ("Track session", QUALITY),
        ("10K", RACE),
        ("Berlin Marathon", RACE),
        ("Easy 10K", EASY),
        ("Pre-race shakeout", EASY),
        ("Race week: easy 30 min", EASY),
        ("10 km @ half marathon pace", QUALITY),
        # German
        ("Lockerer Dauerlauf 10 km", EASY),
        ("Intervalle 8x400m", QUALITY),
        ("Tempodauerlauf 3x2km", QUALITY),
        ("Langer Lauf 25 km", LONG),
        ("Longrun 28 km", LONG),
        ("Regenerationslauf 30'", EASY),
        ("Fahrtspiel 40 min", QUALITY),
        ("Bergläufe 10 x 200 m", QUALITY),
        ("Wettkampf: Silvesterlauf", RACE),
        ("8 km im Marathontempo", QUALITY),
        ("DL 45 min + 5 Steigerungsläufe", EASY),
        ("Halbmarathon", RACE),
        # French
        ("Footing 45'", EASY),
        ("Fractionné 10 x 400 m", QUALITY),
        ("Sortie longue 1h45", LONG),
        ("Seuil 2 x 15'", QUALITY),
        ("VMA courte 30/30", QUALITY),
        ("Footing + 5 lignes droites", EASY),
        ("Semi-marathon de Paris", RACE),
        ("Endurance fondamentale 50'", EASY),
        # Spanish
        ("Rodaje suave 40'", EASY),
        ("Series 6 x 1000", QUALITY),
        ("Tirada larga 18 km", LONG),
        ("Cuestas 8 x 200 m", QUALITY),
        ("Carrera 10K", RACE),
        ("Medio maratón de Valencia", RACE),
        ("Carrera continua 40 min", EASY),
        # Italian
        ("Corsa lenta 50'", EASY),
        ("Ripetute 5 x 1000", QUALITY),
        ("Lungo 25 km", LONG),
        ("Gara 10 km", RACE),
        ("Corsa lenta + 6 allunghi", EASY),
        ("Mezza maratona di Roma", RACE),
        # Dutch
        ("Rustige duurloop 8 km", EASY),
        ("Intervallen 6x800m", QUALITY),
        ("Lange duurloop 20 km", LONG),
        ("Drempeltraining", QUALITY),
        ("Wedstrijd: Dam tot Damloop", RACE),
        ("Duurloop met versnellingen", EASY),
        # Portuguese
        ("Rodagem leve 40 min", EASY),
        ("Tiros 10 x 400 m", QUALITY),
        ("Longão 25 km", LONG),
        ("Limiar 3 x 10 min", QUALITY),
        ("Meia maratona do Porto", RACE),
    ],
)
def test_titles_as_training_tools_and_runners_write_them(title: str, expected: DayKind) -> None:
    assert kind_of(title) is expected


@pytest.mark.parametrize(
    "title",
    [
        "Easy 40 min + 6 x 20 s strides",
        "Easy + strides",
        "Easy 8 km with 4-6 strides",
        "Easy run, 6 x 100 m strides at the end",
        "Steigerungen: 5 x 80 m",
        "Easy 30' + 6 x 20\" pick-ups",
    ],
)
def test_easy_runs_with_strides_stay_easy(title: str) -> None:
    assert kind_of(title) is EASY


def test_strides_do_not_hide_real_intervals_in_the_same_title() -> None:
    assert kind_of("6 x 800 m + 4 strides") is QUALITY
    assert kind_of("Intervals 5 x 1 km, strides after") is QUALITY


def test_a_generic_title_is_read_through_its_description() -> None:
    assert kind_of("Run", "WU 2 mi, 4 x 1 mi @ T pace w/ 2 min jog, CD 2 mi") is QUALITY
    assert kind_of("Tuesday", "Keep it conversational, then 4 strides.") is EASY
    assert kind_of("Saturday session", "Long run, 2 h, easy effort") is LONG


def test_the_title_outweighs_the_description() -> None:
    assert kind_of("Easy 40 min", "Keep it easy: Thursday's intervals need fresh legs") is EASY


def test_a_run_with_nothing_hard_about_it_is_easy_and_says_so() -> None:
    verdict = classify_run(Run(day=DAY, title="Run"), UsualRun())
    assert verdict.kind is EASY
    assert "nothing" in verdict.reason


def test_a_rest_day_written_as_a_title_is_rest() -> None:
    assert kind_of("Rest day") is REST
    assert kind_of("Ruhetag") is REST
    assert kind_of("Rest or easy 20 min") is EASY


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        ("Dentist", "", EventKind.OTHER),
        ("Team meeting", "we run through the slides", EventKind.OTHER),
        ("Sprint planning", "", EventKind.OTHER),
        ("Long lunch with Anna", "", EventKind.OTHER),
        ("F1 race", "", EventKind.OTHER),
        ("Gym", "", EventKind.STRENGTH),
        ("Strength & mobility", "", EventKind.STRENGTH),
        ("Yoga for runners", "", EventKind.OTHER),
        ("Bike: Tempo 2x20", "", EventKind.OTHER),
        ("Swim 10 x 100 m", "", EventKind.OTHER),
        ("Masters swim", "Technique session, easy.", EventKind.OTHER),
        ("Langlauf", "", EventKind.OTHER),
        ("Cycling - long ride", "", EventKind.OTHER),
        ("Morning run", "", EventKind.RUN),
        ("Intervals", "", EventKind.RUN),
        ("Fartlek 40'", "", EventKind.RUN),
        ("10 km", "", EventKind.RUN),
        ("Easy", "45 min at conversational pace", EventKind.RUN),
        ("Workout", "Run 45 min with 5 x 3 min hard", EventKind.RUN),
        ("Brick: bike 60' + run 20'", "", EventKind.RUN),
        ("Race: Berlin Half Marathon", "", EventKind.RUN),
        ("Hardlopen", "", EventKind.RUN),
        ("Sweet Spot 3 x 15 min", "Workout type: Bike", EventKind.OTHER),
        ("Threshold 2 x 20'", "Sport: Run\nWarm up 15 min", EventKind.RUN),
        ("Rest day", "optional easy jog", EventKind.REST),
        ("Ruhetag", "", EventKind.REST),
        ("Repos", "", EventKind.REST),
        ("Cross-training or rest", "", EventKind.REST),
    ],
)
def test_calendar_events_that_are_not_runs_are_told_apart(
    title: str, description: str, expected: EventKind
) -> None:
    assert event_kind(title, description) is expected


def test_everyday_words_count_alone_only_in_a_calendar_that_is_mostly_training() -> None:
    assert event_kind("Race Day") is EventKind.OTHER
    assert event_kind("Race Day", training_calendar=True) is EventKind.RUN
    assert event_kind("Dentist", training_calendar=True) is EventKind.OTHER
