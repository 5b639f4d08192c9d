"""Reading strength sets out of real and made FIT files, and storing them once."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from garmin_fit_sdk import Decoder, Stream

from runlift.sync.importing import store
from runlift.sync.importing.activity import SOURCE_GARMIN_SETS, Activity
from runlift.sync.importing.fit_probe import NotFitError, extract, probe
from runlift.sync.importing.fit_reader import read_strength
from runlift.sync.importing.importer import Importer
from runlift.sync.importing.store import Outcome
from runlift.workouts.matching import Guess, MatchedSet, SetRecord
from runlift.workouts.settings import AthleteSettings
from tests.fitgen import FakeSet, Part, run_activity, strength_activity
from tests.paths import FIXTURES

FIT = FIXTURES / "fit"
STRENGTH = FIT / "fr965-strength-activity.fit"
STRENGTH_THEN_RUN = FIT / "fr965-strength-then-run.fit"


def sdk_sets(data: bytes, **options: bool) -> list[dict]:
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read(**options)
    assert errors == []
    return messages["set_mesgs"]


@pytest.mark.parametrize("path", [STRENGTH, STRENGTH_THEN_RUN], ids=lambda p: p.name)
def test_fitparse_sets_match_garmins_decoder_one_for_one(path: Path) -> None:
    data = path.read_bytes()
    ours = read_strength(data, path.name)
    assert ours is not None
    theirs = sdk_sets(data)
    assert len(ours.sets) == len(theirs)
    for position, (record, message) in enumerate(zip(ours.sets, theirs, strict=True)):
        active = message["set_type"] == "active"
        assert record.position == position
        assert record.active is active
        assert record.start == message["start_time"]
        assert record.duration_s == pytest.approx(message["duration"])
        assert record.reps == (message.get("repetitions") if active else None)
        assert record.weight_kg == (message.get("weight") if active else None)
        categories = [c for c in message.get("category", []) if c not in (None, "unknown")]
        assert [g.category for g in record.guesses] == categories


def test_set_weight_is_sixteenths_of_a_kilogram_and_zero_means_body_weight() -> None:
    data = STRENGTH.read_bytes()
    unscaled = sdk_sets(data, apply_scale_and_offset=False, merge_heart_rates=False)
    raw = [m for m in unscaled if m["set_type"] == "active"]
    ours = [s for s in read_strength(data, "x").sets if s.active]  # type: ignore[union-attr]
    assert {s.weight_kg for s in ours} == {0.0, 1.0, 2.0, 4.0, 14.0}
    for record, message in zip(ours, raw, strict=True):
        assert record.weight_kg == message["weight"] / 16


def test_strength_then_run_yields_the_sets_of_both_strength_parts_only() -> None:
    activity = read_strength(STRENGTH_THEN_RUN.read_bytes(), "x")
    assert activity is not None
    active = [s for s in activity.sets if s.active]
    assert len(active) == 20
    # The run's elapsed time runs past the start of the second strength part; a set there is
    # still a strength set.
    assert datetime(2025, 10, 1, 9, 41, 42, tzinfo=UTC) in {s.start for s in active}
    assert activity.start == datetime(2025, 10, 1, 9, 10, 26, tzinfo=UTC)
    assert activity.day.isoformat() == "2025-10-01"


def test_a_set_recorded_during_the_run_part_is_left_out() -> None:
    start = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    data = strength_activity(
        start,
        [
            Part("strength", 20, [FakeSet(["deadlift"], 12, 40.0), FakeSet(["row"], 10, 30.0)]),
            Part("run", 10, [FakeSet(["lunge"], 10, 10.0)]),
        ],
    )
    activity = read_strength(data, "x")
    assert activity is not None
    assert [g.category for s in activity.sets if s.active for g in s.guesses] == [
        "deadlift",
        "row",
    ]


def test_runs_are_told_apart_without_decoding_and_hold_no_strength() -> None:
    run = run_activity(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), 900)
    assert not probe(run).has_sets
    assert read_strength(run, "run.fit") is None
    assert probe(STRENGTH.read_bytes()).has_sets
    # A workout file (no sets) is no activity either.
    assert not probe((FIT / "garmin-connect-strength-workout.fit").read_bytes()).has_sets


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty file"),
        (b"date,distance\n2026-03-01,10.0\n", "not a FIT file"),
        (STRENGTH.read_bytes()[:20000], "truncated"),
    ],
    ids=["empty", "csv", "truncated"],
)
def test_the_probe_names_what_is_wrong(data: bytes, says: str) -> None:
    with pytest.raises(NotFitError, match=says):
        probe(data)


def test_a_garbled_strength_file_is_refused() -> None:
    data = bytearray(STRENGTH.read_bytes())
    data[30000] ^= 0xFF  # one byte flipped inside a record: structure fine, CRC wrong
    with pytest.raises(NotFitError, match="CRC mismatch"):
        read_strength(bytes(data), "x")


def test_only_the_messages_read_are_handed_to_fitparse() -> None:
    data = STRENGTH_THEN_RUN.read_bytes()
    small = extract(data, {0, 18, 34, 225})
    assert small is not None and len(small) < len(data) // 10
    assert probe(small).messages == {0, 18, 34, 225}


def test_loads_entered_in_pounds_keep_the_athletes_unit_and_the_workout_step() -> None:
    start = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    data = strength_activity(
        start,
        [Part("strength", 20, [FakeSet(["row"], 12, 20.4375, step_index=6, display_unit="pound")])],
        steps={6: ("row", 46)},
    )
    activity = read_strength(data, "x")
    assert activity is not None
    [work] = [s for s in activity.sets if s.active]
    assert (work.weight_kg, work.display_unit, work.step_index) == (20.4375, "lb", 6)
    assert activity.workout.steps == {6: Guess("row", "bent_over_row_with_barbell")}


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    connection = store.connect(tmp_path / "state.sqlite3")
    yield connection
    connection.close()


def dump(conn: sqlite3.Connection) -> tuple[list, list]:
    return (
        conn.execute("SELECT * FROM lift_activities ORDER BY activity_id").fetchall(),
        conn.execute("SELECT * FROM lift_sets ORDER BY activity_id, position").fetchall(),
    )


def test_importing_the_same_activity_twice_changes_nothing(conn: sqlite3.Connection) -> None:
    importer = Importer(conn, AthleteSettings())
    for path in (STRENGTH, STRENGTH_THEN_RUN):
        activity = read_strength(path.read_bytes(), path.name)
        assert activity is not None
        assert importer.add(activity) is Outcome.ADDED
    before = dump(conn)
    assert len(before[1]) == 38 + 20
    again = Importer(conn, AthleteSettings())
    for path in (STRENGTH, STRENGTH_THEN_RUN):
        assert again.add(read_strength(path.read_bytes(), path.name)) is Outcome.UNCHANGED  # type: ignore[arg-type]
    assert dump(conn) == before


def test_garmin_connects_corrected_sets_replace_the_watch_file_once(
    conn: sqlite3.Connection,
) -> None:
    importer = Importer(conn, AthleteSettings())
    from_file = read_strength(STRENGTH.read_bytes(), STRENGTH.name)
    assert from_file is not None
    importer.add(from_file)
    corrected = Activity(
        activity_id="garmin:20474406937",
        source=SOURCE_GARMIN_SETS,
        start=from_file.start,
        day=from_file.day,
        name="Strength",
        sets=(SetRecord(0, True, (Guess("deadlift", "romanian_deadlift"),), 12, 40.0, 50.0),),
    )
    assert importer.add(corrected) is Outcome.REPLACED
    assert importer.add(from_file) is Outcome.UNCHANGED
    assert importer.add(corrected) is Outcome.UNCHANGED
    activities, sets = dump(conn)
    assert [a[0] for a in activities] == ["garmin:20474406937"]
    assert [(s[3], s[9]) for s in sets] == [("deadlift", "romanian_deadlift")]


def test_an_activity_is_stored_whole_or_not_at_all(conn: sqlite3.Connection) -> None:
    activity = read_strength(STRENGTH.read_bytes(), STRENGTH.name)
    assert activity is not None
    record = next(s for s in activity.sets if s.active)
    twice = [MatchedSet(record, None, "unplanned", Guess("unknown"))] * 2  # same key twice
    with pytest.raises(sqlite3.IntegrityError):
        store.save(conn, activity, twice)
    assert dump(conn) == ([], [])
