"""How an intervals.icu workout_doc becomes the planner's summary of a run's steps."""

from __future__ import annotations

from runlift.sync.intervals.structure import summarise
from tests.fakes.intervals import empty_doc, pct, repeat, span, step, workout_doc


def test_nested_repeats_multiply_and_keep_the_step_names() -> None:
    doc = workout_doc(
        step(900, warmup=True, text="Warm up"),
        repeat(
            2,
            repeat(4, step(60, pace=pct(110, "%pace"), text="Hard"), step(60)),
            step(300, text="Float"),
        ),
    )
    structure = summarise(doc)
    assert structure is not None
    assert structure.work_intervals == 8
    assert structure.hard_targets
    assert structure.step_names == ("Warm up", "Hard", "Float")


def test_short_repeats_by_distance_are_strides_even_with_an_estimated_time() -> None:
    doc = workout_doc(
        step(2400, pace=pct(2, "pace_zone")),
        repeat(6, {**step(metres=100), "duration": 22}, step(60)),
    )
    structure = summarise(doc)
    assert structure is not None
    assert structure.strides_only
    assert not structure.hard_targets


def test_a_ramp_counts_by_its_middle_and_a_long_block_is_tempo_length() -> None:
    doc = workout_doc(step(1500, hr={"start": 88.0, "end": 96.0, "units": "%lthr", "ramp": True}))
    structure = summarise(doc)
    assert structure is not None
    assert structure.hard_targets
    assert structure.longest_work_s == 1500


def test_absolute_targets_without_an_easy_step_to_compare_say_nothing() -> None:
    structure = summarise(workout_doc(step(3000, power=pct(230, "w"))))
    assert structure is not None
    assert not structure.hard_targets


def test_a_workout_without_steps_has_no_structure() -> None:
    assert summarise(empty_doc()) is None
    assert summarise({"steps": "garbled"}) is None


def test_ranges_count_by_their_middle() -> None:
    wide = summarise(workout_doc(step(3000, pace=span(80, 110, "%pace"))))
    easy = summarise(workout_doc(step(3000, pace=span(78, 88, "%pace"))))
    assert wide is not None and wide.hard_targets
    assert easy is not None and not easy.hard_targets


def test_steps_labelled_recovery_or_warmup_are_never_work() -> None:
    doc = workout_doc(
        {**step(600, hr=pct(4, "hr_zone")), "intensity": "warmup"},
        repeat(5, step(180, pace=pct(3, "pace_zone")), {**step(90), "intensity": "recovery"}),
        {**step(300, pace=pct(100, "%pace")), "intensity": "rest"},
    )
    structure = summarise(doc)
    assert structure is not None
    assert structure.work_intervals == 5
    assert structure.longest_work_s == 180
