"""Fixed weekdays from the config, and the settings that contradict each other."""

from datetime import date

import pytest

from runlift.sync.config import Config, parse_config
from runlift.sync.errors import UserError
from runlift.sync.model import DayKind
from runlift.sync.planning import PlanRules, make_plan
from runlift.sync.providers.config_days import ConfigDaysProvider
from runlift.sync.providers.load import load_runs

MON = date(2026, 11, 23)
SUN = date(2026, 11, 29)


def config(**plan: object) -> Config:
    return parse_config({"plan": plan})


def test_weekdays_from_the_config_become_quality_long_rest_and_easy_days() -> None:
    cfg = config(quality_days=["tue", "thu"], long_days=["sun"], rest_days=["mon", "fri"])
    runs = ConfigDaysProvider.from_config(cfg).upcoming_runs(MON, SUN)
    assert [r.kind for r in runs] == [
        DayKind.REST,
        DayKind.QUALITY,
        DayKind.EASY,
        DayKind.QUALITY,
        DayKind.REST,
        DayKind.EASY,
        DayKind.LONG,
    ]
    assert runs[1].reason == "tue is in plan.quality_days"


def test_the_config_source_places_sessions_through_the_registry() -> None:
    cfg = config(quality_days=["tue", "thu"], long_days=["sun"], rest_days=["mon", "fri"])
    runs = load_runs(cfg, "config", MON, SUN)
    plan = make_plan(runs, MON, 7, PlanRules.from_config(cfg))
    assert [s.day.strftime("%a") for s in plan.sessions] == ["Mon", "Fri"]


def test_without_any_weekday_set_there_is_nothing_to_read() -> None:
    assert ConfigDaysProvider.from_config(config()).upcoming_runs(MON, SUN) == []


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (
            {"quality_days": ["tue"], "rest_days": ["tue"]},
            "tue is in both quality_days and rest_days",
        ),
        (
            {"long_days": ["sun"], "quality_days": ["sun"]},
            "sun is in both quality_days and long_days",
        ),
        (
            {"quality_days": ["mon", "tue", "wed", "thu", "fri", "sat"], "long_days": ["sun"]},
            "every weekday is a quality or long day",
        ),
    ],
)
def test_contradictory_weekdays_are_a_one_line_error(plan: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        ConfigDaysProvider.from_config(config(**plan))


def test_a_weekday_both_preferred_and_forbidden_is_an_error() -> None:
    with pytest.raises(UserError, match="sat is both in preferred_days and forbidden_days"):
        PlanRules.from_config(config(preferred_days=["sat"], forbidden_days=["sat", "sun"]))


def test_forbidding_every_weekday_is_an_error_unless_no_sessions_are_wanted() -> None:
    week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    with pytest.raises(UserError, match="forbids every weekday"):
        PlanRules.from_config(config(forbidden_days=week))
    assert PlanRules.from_config(config(forbidden_days=week, sessions_per_week=0)).forbidden_days


def test_rules_come_from_the_plan_section() -> None:
    rules = PlanRules.from_config(
        config(sessions_per_week=3, taper_days=10, preferred_days=["wed", "mon"])
    )
    assert rules == PlanRules(sessions_per_week=3, taper_days=10, preferred_days=(0, 2))


def test_the_example_config_lists_the_plan_settings_at_their_defaults() -> None:
    import tomllib
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "config.example.toml"
    raw = tomllib.loads(example.read_text(encoding="utf-8"))
    assert parse_config({"plan": raw["plan"]}).plan == parse_config({}).plan
    # Every plan setting is written; day_kinds as the (empty) [plan.days] table, its dates
    # shown commented out.
    written = set(vars(parse_config({}).plan)) - {"day_kinds"} | {"days"}
    assert set(raw["plan"]) == written
    text = example.read_text(encoding="utf-8")
    assert '[plan.days]\n# "2027-03-22" = "race"' in text
    commented = text.split("\n[plan.days]\n", 1)[1].split("\n\n", 1)[0]
    table = tomllib.loads("[plan.days]\n" + commented.replace("# ", ""))
    assert parse_config(table).plan.day_kinds == {"2027-03-22": "race", "2027-03-24": "easy"}


def test_a_window_and_dates_kinds_can_be_set_together_and_an_older_days_number_works() -> None:
    both = parse_config({"plan": {"window_days": 21, "days": {"2027-03-22": "race"}}})
    assert both.plan.window_days == 21 and both.plan.day_kinds == {"2027-03-22": "race"}
    assert parse_config({"plan": {"days": 28}}).plan.window_days == 28
    with pytest.raises(UserError, match=r"plan\.days must be 1-60"):
        parse_config({"plan": {"days": 61}})
    with pytest.raises(UserError, match="both set the days shown"):
        parse_config({"plan": {"days": 21, "window_days": 14}})
