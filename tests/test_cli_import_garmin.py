"""`runlift import --garmin`: the sets lifted come from Garmin Connect through the real client,
signed in with the saved token store, and move the next targets on."""

import json
from datetime import date

from runlift.sync import paths
from runlift.sync.cli import main


def test_import_from_garmin_on_the_command_line(runlift_home, garmin_redirect, capsys) -> None:
    fake = garmin_redirect
    fake.write_tokenstore(paths.garmin_token_dir())
    sets = [
        {
            "exercises": [
                {"category": "DEADLIFT", "name": "ROMANIAN_DEADLIFT", "probability": 100}
            ],
            "repetitionCount": 12,
            "weight": 40000.0,
            "duration": 45.0,
            "setType": "ACTIVE",
        }
        for _ in range(2)
    ]
    fake.add_strength_activity(date(2026, 11, 20), exercise_sets=sets, name="Runner Strength A")
    argv = ["import", "--garmin", "--since", "2026-11-01", "--json"]
    assert main(argv) == 0
    imported = json.loads(capsys.readouterr().out)
    assert [(s["category"], s["name"], s["reps"], s["weight_kg"]) for s in imported] == [
        ("deadlift", "romanian_deadlift", 12, 40.0),
        ("deadlift", "romanian_deadlift", 12, 40.0),
    ]
    before = len(fake.log)
    assert main(argv) == 0
    # Already stored: only the activity list is asked again.
    assert [e.path for e in fake.log.entries[before:]] == [
        "/activitylist-service/activities/search/activities"
    ] * (len(fake.log) - before)


def test_import_from_garmin_without_sign_in_says_what_to_do(runlift_home, capsys) -> None:
    assert main(["import", "--garmin"]) == 2
    err = capsys.readouterr().err
    assert "runlift login garmin" in err and err.count("\n") == 1


def test_an_activity_with_neither_sets_nor_a_file_is_skipped_not_a_crash(
    runlift_home, garmin_redirect, capsys
) -> None:
    """Garmin answers 404 for the original of an activity that has no upload (one entered by
    hand): the rest of the import goes on, and the daemon's read-back does not fail on it."""
    fake = garmin_redirect
    fake.write_tokenstore(paths.garmin_token_dir())
    fake.add_strength_activity(date(2026, 11, 18), name="Strength (entered by hand)")
    sets = [
        {
            "exercises": [{"category": "ROW", "name": "BENT_OVER_ROW", "probability": 100}],
            "repetitionCount": 10,
            "weight": 30000.0,
            "setType": "ACTIVE",
        }
    ]
    fake.add_strength_activity(date(2026, 11, 20), exercise_sets=sets)
    assert main(["import", "--garmin", "--since", "2026-11-01", "--json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert [(s["category"], s["name"], s["weight_kg"]) for s in imported] == [
        ("row", "bent_over_row", 30.0)
    ]
