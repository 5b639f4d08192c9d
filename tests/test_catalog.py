"""Every exercise runlift puts on a watch exists in both of Garmin's catalogs."""

from garmin_fit_sdk import Profile
from garminconnect import exercises

from runlift.workouts.moves import MOVES

VARIANTS = [variant for move in MOVES for variant in move.variants]


def test_every_fit_identifier_is_in_the_fit_profile() -> None:
    for variant in VARIANTS:
        ex = variant.exercise
        assert Profile["types"]["exercise_category"][ex.fit_category_id] == ex.fit_category
        names = Profile["types"][f"{ex.fit_category}_exercise_name"]
        assert names[ex.fit_name_id] == ex.fit_name


def test_every_garmin_connect_identifier_is_in_garminconnect_exercises() -> None:
    valid = {(e["category"], e["exercise"]) for e in exercises.EXERCISES}
    for variant in VARIANTS:
        assert variant.exercise.connect_ids() in valid, variant.exercise


def test_both_catalogs_name_the_same_exercise() -> None:
    for variant in VARIANTS:
        ex = variant.exercise
        assert ex.connect_ids() == (ex.fit_category.upper(), ex.fit_name.upper())


def test_the_five_moves_are_the_coachs() -> None:
    assert [m.key for m in MOVES] == [
        "walking_lunge",
        "romanian_deadlift",
        "bent_over_row",
        "side_plank_leg_lift",
        "hanging_leg_raise",
    ]
    preferred = {m.key: m.variants[0].exercise.fit_name for m in MOVES}
    assert preferred == {
        "walking_lunge": "walking_dumbbell_lunge",
        "romanian_deadlift": "romanian_deadlift",
        "bent_over_row": "bent_over_row_with_barbell",
        "side_plank_leg_lift": "side_plank_with_leg_lift",
        "hanging_leg_raise": "hanging_leg_raise",
    }
