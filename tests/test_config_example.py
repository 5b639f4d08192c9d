"""config.example.toml lists every setting with its default, and bad settings name themselves."""

import tomllib
from dataclasses import fields, replace
from pathlib import Path

import pytest

from runlift.sync.config import SECTIONS, Config, parse_config
from runlift.sync.errors import UserError

EXAMPLE = Path(__file__).resolve().parents[1] / "config.example.toml"


def test_the_example_holds_every_setting_at_its_default() -> None:
    raw = tomllib.loads(EXAMPLE.read_text())
    for section, cls in SECTIONS.items():
        assert set(raw[section]) == {f.name for f in fields(cls)}, section
    assert replace(parse_config(raw, EXAMPLE), path=None) == Config()


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ({"daemon": {"sync_times": ["5.30"]}}, "daemon.sync_times"),
        ({"daemon": {"sync_times": ["24:00"]}}, "daemon.sync_times"),
        ({"athlete": {"rest_seconds": "90"}}, "athlete.rest_seconds"),
        ({"athlete": {"rest_seconds": -1}}, "athlete.rest_seconds"),
        ({"loads": {"romanian_deadlift": -5}}, "loads.romanian_deadlift"),
        ({"units": "lb", "loads": {"bent_over_row": 1000}}, "loads.bent_over_row: 1000 lb"),
        ({"athlete": {"equipment": ["kettlebell"]}}, "athlete.equipment"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"colour": "red"}, "colour"),
        ({"plan": {"peak_weeks": 0}}, "plan.peak_weeks"),
        ({"plan": {"deload_every": 1}}, "plan.deload_every"),
        ({"plan": {"periodize": "yes"}}, "plan.periodize"),
        ({"plan": {"recovery_days": 3}}, "plan.recovery_days"),
        ({"plan": {"recovery_days": {"marathon": 40}}}, "plan.recovery_days.marathon"),
        ({"plan": {"recovery_days": {"ultra": 9}}}, "plan.recovery_days.ultra"),
        ({"equipment": {"barbell_kg": 0}}, "equipment.barbell_kg"),
        ({"equipment": {"barbell_kg": "20"}}, "equipment.barbell_kg"),
    ],
)
def test_a_bad_setting_is_named(raw, named) -> None:
    with pytest.raises(UserError, match=named.replace(".", r"\.")):
        parse_config(raw)
