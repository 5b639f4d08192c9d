"""`runlift import` then `runlift history --json`: each matching rule and the working load, on
the real Forerunner 965 files and on activities made with Garmin's encoder."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from runlift.sync.cli import main
from runlift.sync.importing import store
from runlift.sync.importing.activity import SOURCE_LEGACY
from runlift.sync.importing.fit_reader import read_strength
from runlift.sync.importing.importer import Importer
from runlift.sync.importing.store import Outcome
from runlift.workouts.catalog import fit_name_number
from runlift.workouts.matching import session_steps
from runlift.workouts.session import build_session
from runlift.workouts.settings import AthleteSettings
from tests.fitgen import FakeSet, Part, strength_activity
from tests.paths import FIXTURES

FR965 = [
    FIXTURES / "fit" / "fr965-strength-activity.fit",
    FIXTURES / "fit" / "fr965-strength-then-run.fit",
]
MOVE_KEYS = [
    "walking_lunge",
    "romanian_deadlift",
    "bent_over_row",
    "side_plank_leg_lift",
    "hanging_leg_raise",
]
SET_KEYS = ["category", "name", "reps", "weight_kg", "duration_s", "matched_by", "warmup"]
RDL = 23  # deadlift/romanian_deadlift
BARBELL_ROW = 46  # row/bent_over_row_with_barbell
SIDE_PLANK = 80  # plank/side_plank_with_leg_lift


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "160")
    return tmp_path / "home"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text("[loads]\nromanian_deadlift = 40\nbent_over_row = 30\n")
    return path


def activity(tmp_path: Path, sets: list[FakeSet], day: int = 3, **workout: Any) -> Path:
    path = tmp_path / f"activity-{day}.fit"
    start = datetime(2026, 3, day, 17, 0, tzinfo=UTC)
    path.write_bytes(
        strength_activity(start, [Part("strength", 40, sets)], serial=5000 + day, **workout)
    )
    return path


def history(paths: list[Path], config: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["import", *map(str, paths)]) == 0
    capsys.readouterr()
    assert main(["history", "--json", "--config", str(config)]) == 0
    return json.loads(capsys.readouterr().out)


def move(document: dict[str, Any], key: str) -> dict[str, Any]:
    return next(m for m in document["moves"] if m["move"] == key)


def runlift_steps(label: str = "A") -> dict[int, tuple[str, int]]:
    """The workout steps of runlift's own session as the watch copies them into the activity."""
    layout = session_steps(build_session(label, AthleteSettings()))
    return {i: (g.category, fit_name_number(g.category, g.name or "")) for i, g in layout.items()}


def step_of(category: str, label: str = "A") -> int:
    return next(i for i, (c, _) in runlift_steps(label).items() if c == category)


def done_from_a_workout() -> list[FakeSet]:
    """Sets done from workout steps, with the watch's noisy guesses beside them."""
    rdl, row = step_of("deadlift"), step_of("row")
    return [
        FakeSet(["total_body", "plyo", "lunge"], 12, 40.0, step_index=rdl),
        FakeSet(["total_body", "plyo", "lunge"], 12, 40.0, step_index=rdl),
        FakeSet(["lateral_raise", "shrug"], 12, 30.0, step_index=row),
        FakeSet(["lateral_raise", "shrug"], 11, 30.0, step_index=row),
    ]


def test_the_json_has_the_promised_shape(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = activity(tmp_path, [FakeSet(["deadlift"], 12, 40.0, subtypes=[RDL])] * 2)
    document = history([path], config, capsys)
    assert list(document) == ["moves", "unplanned"]
    assert [m["move"] for m in document["moves"]] == MOVE_KEYS
    rdl = move(document, "romanian_deadlift")
    assert list(rdl) == ["move", "exercise", "next", "sessions"]
    assert rdl["exercise"] == {
        "category": "deadlift",
        "name": "romanian_deadlift",
        "equipment": "barbell",
    }
    assert rdl["next"] == {"sets": 2, "reps": 8, "load": 42.5, "hold_s": None, "unit": "kg"}
    [session] = rdl["sessions"]
    assert list(session) == ["date", "decision", "sets"]
    assert session["date"] == "2026-03-03"
    assert "add 2.5 kg -> 42.5 kg" in session["decision"]
    assert all(list(s) == SET_KEYS for s in session["sets"])
    assert session["sets"][0] == {
        "category": "deadlift",
        "name": "romanian_deadlift",
        "reps": 12,
        "weight_kg": 40.0,
        "duration_s": 40.0,
        "matched_by": "exercise",
        "warmup": False,
    }
    plank = move(document, "side_plank_leg_lift")
    assert plank["next"] == {"sets": 3, "reps": None, "load": None, "hold_s": 10, "unit": "kg"}
    lunge = move(document, "walking_lunge")
    assert lunge["exercise"]["equipment"] == "dumbbells" and lunge["sessions"] == []


def test_a_session_from_runlifts_own_workout_counts_by_its_steps(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = activity(
        tmp_path, done_from_a_workout(), workout_name="Runner Strength A", steps=runlift_steps()
    )
    document = history([path], config, capsys)
    rdl, row = move(document, "romanian_deadlift"), move(document, "bent_over_row")
    assert [s["matched_by"] for s in rdl["sessions"][0]["sets"]] == ["step", "step"]
    assert rdl["sessions"][0]["sets"][0]["name"] == "romanian_deadlift"
    assert rdl["next"]["load"] == 42.5
    assert [s["matched_by"] for s in row["sessions"][0]["sets"]] == ["step", "step"]
    assert (row["next"]["load"], row["next"]["reps"]) == (30.0, 12)
    assert document["unplanned"] == []


def test_runlifts_marker_in_the_workouts_description_makes_a_renamed_workout_runlifts(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = activity(
        tmp_path,
        done_from_a_workout(),
        workout_name="Legs before the long run",
        workout_description="Two sets each.\nrunlift:v1 key=2026-03-03/A hash=0123456789ab",
        steps=runlift_steps(),
    )
    document = history([path], config, capsys)
    assert document["unplanned"] == []
    assert move(document, "romanian_deadlift")["next"]["load"] == 42.5


def test_the_same_sets_from_someone_elses_workout_do_not_count(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = activity(tmp_path, done_from_a_workout(), workout_name="Circuito", steps=runlift_steps())
    document = history([path], config, capsys)
    assert all(m["sessions"] == [] for m in document["moves"])
    assert move(document, "romanian_deadlift")["next"]["load"] == 40.0
    reasons = [u["reason"] for u in document["unplanned"]]
    assert len(reasons) == 4
    assert reasons[0] == (
        "done from the workout 'Circuito', not runlift's; watch's first guess total_body"
    )
    assert reasons[2].endswith("watch's first guess lateral_raise")


def test_exact_first_guesses_count_and_second_guesses_do_not(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sets = [
        FakeSet(["deadlift", "row"], 10, 40.0, subtypes=[RDL, None]),
        FakeSet(["deadlift"], 10, 40.0, subtypes=[RDL]),
        # A lateral raise the watch guessed as a barbell row third.
        FakeSet(
            ["lateral_raise", "lateral_raise", "row"], 12, 6.0, subtypes=[None, 3, BARBELL_ROW]
        ),
        FakeSet(["plank"], None, 0.0, duration_s=30.0),
        FakeSet(["plank"], None, 0.0, duration_s=10.0, subtypes=[SIDE_PLANK]),
    ]
    document = history([activity(tmp_path, sets)], config, capsys)
    rdl = move(document, "romanian_deadlift")
    assert [s["matched_by"] for s in rdl["sessions"][0]["sets"]] == ["exercise", "exercise"]
    assert move(document, "bent_over_row")["sessions"] == []
    assert move(document, "bent_over_row")["next"]["load"] == 30.0
    [plank] = move(document, "side_plank_leg_lift")["sessions"]
    assert [s["duration_s"] for s in plank["sets"]] == [10.0]
    assert [(u["category"], u["reason"]) for u in document["unplanned"]] == [
        ("lateral_raise", "watch's first guess lateral_raise"),
        ("plank", "watch's first guess plank, a category without an exercise name"),
    ]


def test_a_conventional_deadlift_is_not_a_romanian_one(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conventional = fit_name_number("deadlift", "barbell_deadlift")
    sets = [FakeSet(["deadlift"], 5, kg, subtypes=[conventional]) for kg in (76.0, 106.0, 136.0)]
    sets += [FakeSet(["deadlift", "squat"], 3, 136.0)]
    document = history([activity(tmp_path, sets)], config, capsys)
    rdl = move(document, "romanian_deadlift")
    assert rdl["sessions"] == [] and rdl["next"]["load"] == 40.0
    assert [u["reason"] for u in document["unplanned"]] == [
        "watch's first guess barbell_deadlift"
    ] * 3 + ["watch's first guess deadlift, a category without an exercise name"]


def test_warm_up_sets_are_shown_as_such_and_the_working_load_moves_on(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sets = [
        FakeSet(["deadlift"], reps, kg, subtypes=[RDL])
        for reps, kg in ((10, 20.0), (8, 30.0), (12, 45.0), (12, 45.0))
    ]
    document = history([activity(tmp_path, sets)], config, capsys)
    rdl = move(document, "romanian_deadlift")
    [session] = rdl["sessions"]
    assert [s["warmup"] for s in session["sets"]] == [True, True, False, False]
    assert rdl["next"]["load"] == 47.5
    assert main(["history", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "1 x 10 @ 20 kg (warm-up), 1 x 8 @ 30 kg (warm-up), 2 x 12 @ 45 kg" in out


@pytest.mark.parametrize(
    ("units", "settings", "bar"),
    [("kg", "", 20.0), ("lb", "", 45.0), ("kg", "[equipment]\nbarbell_kg = 15\n", 15.0)],
)
def test_a_row_at_14_then_4_kg_gives_the_empty_bar_not_4_kg(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], units: str, settings: str, bar: float
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'units = "{units}"\n{settings}')
    sets = [FakeSet(["row"], 10, kg, subtypes=[BARBELL_ROW]) for kg in (14.0, 4.0)]
    document = history([activity(tmp_path, sets)], config, capsys)
    row = move(document, "bent_over_row")
    assert (row["next"]["load"], row["next"]["unit"]) == (bar, units)
    assert "never below the empty bar" in row["sessions"][0]["decision"]


def test_the_real_forerunner_965_sessions_count_toward_no_move(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Free sessions: no workout, and no first guess names an exercise (the row guess is the
    # category alone). Under the old rules they moved the row and the lunge.
    assert main(["import", *map(str, FR965)]) == 0
    assert "0 of 58 work sets count toward the five moves" in capsys.readouterr().out
    document = history(FR965, config, capsys)
    assert all(m["sessions"] == [] for m in document["moves"])
    assert move(document, "bent_over_row")["next"]["load"] == 30.0
    assert len(document["unplanned"]) == 38 + 20
    reasons = {u["reason"] for u in document["unplanned"]}
    assert "watch's first guess row, a category without an exercise name" in reasons
    assert "watch's first guess lunge, a category without an exercise name" in reasons
    assert "watch's first guess triceps_extension" in reasons
    assert "the watch guessed no exercise" in reasons
    assert {u["date"] for u in document["unplanned"]} == {"2025-09-23", "2025-10-01"}


def test_history_json_with_nothing_imported_gives_the_starting_targets(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "--json", "--config", str(config)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert move(document, "romanian_deadlift")["next"]["load"] == 40.0
    assert document["unplanned"] == []


OLD_SCHEMA = """
CREATE TABLE lift_activities (activity_id TEXT PRIMARY KEY, source TEXT NOT NULL,
    start_utc TEXT NOT NULL UNIQUE, day TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '');
CREATE TABLE lift_sets (activity_id TEXT NOT NULL REFERENCES lift_activities (activity_id)
    ON DELETE CASCADE, position INTEGER NOT NULL, start_utc TEXT, category TEXT NOT NULL,
    name TEXT, reps INTEGER, weight_kg REAL, duration_s REAL, display_unit TEXT, move TEXT,
    matched_by TEXT NOT NULL, PRIMARY KEY (activity_id, position));
"""


def test_sets_stored_under_the_old_category_rules_stop_counting_until_imported_again(
    tmp_path: Path,
) -> None:
    database = tmp_path / "state.sqlite3"
    real = read_strength(FR965[0].read_bytes(), "fr965")
    assert real is not None
    with sqlite3.connect(database) as old:
        old.executescript(OLD_SCHEMA)
        old.execute(
            "INSERT INTO lift_activities VALUES (?, 'fit', ?, '2025-09-23', 'Strength', 'x')",
            (real.activity_id, real.start.isoformat()),
        )
        old.execute(
            "INSERT INTO lift_sets VALUES (?, 5, NULL, 'row', NULL, 10, 4.0, 26.0, NULL, "
            "'bent_over_row', 'exercise')",
            (real.activity_id,),
        )
    with store.opened(database) as conn:
        [stored] = store.work_sets(conn)
        assert (stored.move, stored.matched_by) == (None, "unplanned")
        assert "import it again" in stored.reason
        assert store.known(conn, real.activity_id) is None
        conn.execute(
            "INSERT INTO lift_activities (activity_id, source, start_utc, day) "
            "VALUES ('garmin:1', 'legacy', '2025-10-01T08:00:00+00:00', '2025-10-01')"
        )
        # A plain `runlift import --garmin` reads the default weeks again, not from that day.
        assert store.latest_garmin_day(conn) is None
        [source] = conn.execute("SELECT source FROM lift_activities").fetchone()
        assert source == SOURCE_LEGACY
        assert Importer(conn, AthleteSettings()).add(real) is Outcome.REPLACED
        assert len(store.work_sets(conn)) == 38
        assert all(s.reason != stored.reason for s in store.work_sets(conn))
    with store.opened(database) as again:  # the change is made once
        assert len(store.work_sets(again)) == 38
