"""The corpus of real plans stays what it claims to be: real, sourced, labelled, split by rule.

Not a test of runlift's reading (bench/plan_reading.py measures that): a test that the corpus
the reading is measured on keeps its provenance, its labels cover every day, its converted
calendars are what the converter makes of the published files, and its halves never move.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.plan_convert import convert
from tests.plan_corpus import (
    CHECK,
    CORPUS,
    OTHER_KINDS,
    RUN_KINDS,
    STRENGTH,
    TUNING,
    CorpusPlan,
    half_of,
    load_plans,
)

PLANS = load_plans()
LICENCES = {"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "CC0-1.0", "CC-BY-4.0",
            "Unlicense", "public domain"}  # fmt: skip
HELD_OUT = {
    "alexteal/runplan-calendar-inator",
    "matthewbeckler/training_plan_to_ics",
    "duarteocarmo/tandarunner",
    "lennee/strava-mcp",
    "reichenbach1891-byte/training-calendar",
    "Armaan-Mangat/race-plan",
    "mmichelli/training",
    "StephenDillon/stephendillon.github.io",
    "lujiaying/lujiaying.github.io",
    "charlieshao5189/charlieshao5189.github.io",
    "braxmeierandreas/obsidian",
    "lheumell/running_speed",
    "trifgeorge/6-Month-Marathon-Training-Plan",
}
# Held out from repositories whose other plans are fair game: (repository, a path's part).
HELD_OUT_PLANS = {("nanreh/calendar-hack", "boston_level_three"), ("hoovercj/time-to-run", "18_55")}
# The issue's seven kinds of misreading, as the corpus names them (tests/fixtures/plans/README.md).
ISSUE_KINDS = (
    "race-not-called-race",
    "banners",
    "combined-entries",
    "quality-by-pace",
    "long-by-structure",
    "bare-numbers",
    "runs-that-may-be-dropped",
)


# Languages other than English whose plans name quality, long and race days in their own words.
# Issue 21 asks for three; the public index held one under a licence that allows it (NOTICE.md,
# "Languages"), so this is the floor the corpus keeps until more such plans are found.
LANGUAGES_WITH_HARD_DAYS_BESIDES_ENGLISH = 1
HARD = {"quality", "long", "race"}


def ids(plans: list[CorpusPlan]) -> list[str]:
    return [plan.name for plan in plans]


def test_the_corpus_holds_at_least_40_plans_in_at_least_6_languages() -> None:
    languages = {plan.language for plan in PLANS} - {"zxx"}
    assert len(PLANS) >= 40
    assert len(languages) >= 6


def test_languages_besides_english_carry_quality_long_and_race_days_in_their_own_words() -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    for plan in PLANS:
        if plan.language not in ("en", "zxx"):
            kinds[plan.language] |= {label.run_kind for label in plan.labels.values()}
    with_hard_days = {language for language, seen in kinds.items() if seen >= HARD}
    assert len(with_hard_days) >= LANGUAGES_WITH_HARD_DAYS_BESIDES_ENGLISH, sorted(kinds)


def test_both_halves_hold_several_plans_and_languages() -> None:
    for half in (TUNING, CHECK):
        plans = [plan for plan in PLANS if plan.half == half]
        assert len(plans) >= 15
        assert len({plan.language for plan in plans} - {"zxx"}) >= 3


def test_the_split_is_the_rule_and_split_txt_lists_it() -> None:
    listed = dict(
        line.split() for line in (CORPUS / "SPLIT.txt").read_text().splitlines() if line.strip()
    )
    assert listed == {plan.name: half_of(plan.name) for plan in PLANS}


def test_the_rule_depends_on_the_name_alone_and_is_fixed() -> None:
    # Pinned: a change to the rule would move plans between the halves.
    assert half_of("en-calendarhack-c25k") == CHECK
    assert half_of("en-calendarhack-c25k-rbp") == TUNING
    assert half_of("de-openc25k") == TUNING
    assert half_of("fr-openc25k") == CHECK


@pytest.mark.parametrize("plan", PLANS, ids=ids(PLANS))
def test_every_plan_names_its_source_and_a_licence_that_allows_it(plan: CorpusPlan) -> None:
    source = plan.source
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", source["repo"])
    assert re.fullmatch(r"[0-9a-f]{40}", source["commit"])
    assert source["licence"] in LICENCES
    assert source["paths"] and source["what"]
    assert plan.title and plan.language and plan.kinds
    assert any((plan.folder / "source").iterdir())
    ZoneInfo(plan.timezone)


@pytest.mark.parametrize("plan", PLANS, ids=ids(PLANS))
def test_the_notice_gives_every_plan_its_source_commit_and_licence(plan: CorpusPlan) -> None:
    notice = (CORPUS / "NOTICE.md").read_text(encoding="utf-8")
    (row,) = [line for line in notice.splitlines() if line.startswith(f"| {plan.name} |")]
    for part in (plan.source["repo"], plan.source["commit"][:12], plan.source["licence"]):
        assert part in row


@pytest.mark.parametrize("plan", PLANS, ids=ids(PLANS))
def test_no_plan_comes_from_the_held_out_plans(plan: CorpusPlan) -> None:
    repo = plan.source["repo"]
    assert repo.lower() not in {held.lower() for held in HELD_OUT}
    for held_repo, part in HELD_OUT_PLANS:
        if repo.lower() == held_repo.lower():
            assert not any(part in path for path in plan.source["paths"])
            assert not any(part in path.name for path in plan.folder.rglob("*"))


@pytest.mark.parametrize("plan", PLANS, ids=ids(PLANS))
def test_labels_cover_every_day_of_the_plans_span_with_known_kinds(plan: CorpusPlan) -> None:
    entry_days = calendar_days(plan)
    spans = plan.spans
    if "spans" not in plan.meta:
        assert spans == [(min(entry_days), max(entry_days))]
    days = {
        first + timedelta(days=i) for first, last in spans for i in range((last - first).days + 1)
    }
    assert set(plan.labels) == days
    assert all(any(first <= day <= last for first, last in spans) for day in entry_days)
    for label in plan.labels.values():
        parts = label.parts
        assert parts[0] in (*RUN_KINDS, *OTHER_KINDS), label
        assert parts[1:] in ((), (STRENGTH,)) and (parts[0] in RUN_KINDS or not parts[1:]), label


@pytest.mark.parametrize(
    "plan", [p for p in PLANS if p.converted], ids=ids([p for p in PLANS if p.converted])
)
def test_a_converted_calendar_is_what_the_converter_makes_of_the_published_plan(
    plan: CorpusPlan,
) -> None:
    assert plan.calendar.read_bytes() == convert(plan)


def test_each_of_the_issues_kinds_is_carried_by_a_tuning_plan() -> None:
    tuning = {kind for plan in PLANS if plan.half == TUNING for kind in plan.kinds}
    assert set(ISSUE_KINDS) <= tuning


def calendar_days(plan: CorpusPlan) -> set[date]:
    """Every day an event of the plan's calendar covers, in the plan's time zone."""
    zone = ZoneInfo(plan.timezone)
    calendar = Calendar.from_ical(plan.calendar.read_bytes())
    days: set[date] = set()
    for event in calendar.walk("VEVENT"):
        start = event["DTSTART"].dt
        end = event["DTEND"].dt if "DTEND" in event else None
        if isinstance(start, datetime):
            first = (start.astimezone(zone) if start.tzinfo else start).date()
            days.add(first)
            continue
        last = end - timedelta(days=1) if isinstance(end, date) and end > start else start
        days.update(start + timedelta(days=i) for i in range((last - start).days + 1))
    return days
