"""What the plan says about its own reading: the days read from the runner's config, and the
days it could not read with confidence (unsure) with how to teach runlift the word."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from runlift.sync.model import DayKind, DayPlan
from runlift.sync.planning import words
from runlift.sync.planning.rules import WEEKDAY_NAMES

# Days named in one note at most; the rest are counted.
NAMED = 6
RUNNER_WORD = "(your word in plan.words."


def reading_notes(days: Sequence[DayPlan], overrides: Mapping[date, str]) -> list[str]:
    notes = []
    from_days = [day for day in days if day.day in overrides]
    if from_days:
        named = ", ".join(f"{_day(d.day)} ({overrides[d.day]})" for d in from_days[:NAMED])
        notes.append(f"read from your config's plan.days: {named}{_more(from_days)}")
    from_words = [
        day
        for day in days
        if day.day not in overrides and any(RUNNER_WORD in run.reason for run in day.runs)
    ]
    if from_words:
        named = ", ".join(_day(d.day) for d in from_words[:NAMED])
        notes.append(f"read with your config's plan.words: {named}{_more(from_words)}")
    unsure = [day for day in days if day.kind is DayKind.UNSURE]
    if unsure:
        notes.append(_unsure_note(unsure))
    return notes


def _unsure_note(unsure: Sequence[DayPlan]) -> str:
    titles = []
    for day in unsure[:NAMED]:
        run = next((r for r in day.runs if r.kind is DayKind.UNSURE), None)
        title = run.title.strip()[:30] if run else ""
        titles.append(f"{_day(day.day)} '{title}'" if title else _day(day.day))
    word = _unknown_word(unsure)
    teach = (
        f'[plan.words] quality = ["{word}"] (or long, easy, race...)' if word else ("[plan.words]")
    )
    first = unsure[0].day.isoformat()
    return (
        f"unsure: {', '.join(titles)}{_more(unsure)}: runlift cannot tell what kind of run "
        "this is, so it keeps strength off the day and the day before. Teach it in "
        f'config.toml: {teach}, or the day itself: [plan.days] "{first}" = "easy"'
    )


def _unknown_word(unsure: Sequence[DayPlan]) -> str:
    for day in unsure:
        for run in day.runs:
            if run.kind is DayKind.UNSURE and (unknown := words.read(run.title).unknown):
                return unknown[0]
    return ""


def _day(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}"


def _more(items: Sequence[object]) -> str:
    return f" and {len(items) - NAMED} more" if len(items) > NAMED else ""
