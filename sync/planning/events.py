"""Is a calendar event a run, a rest day, or something else (dentist, gym, a bike ride)?

Calendars mix training with life. An event is a run when its title says running ("Run",
"Dauerlauf", "footing", "corsa"), or names a session and says nothing of another sport
("Tempo 3 x 10 min", "Fractionné", "Long run 18 km"). Words that are everyday words too
("sprint planning", "long lunch", "F1 race") count only with support: a distance or duration,
a second session word, a word like "session" or "club", or a description that says running or
gives a length; in a calendar that is mostly training (``training_calendar``) they count alone,
and next to meeting words ("Track meeting") never. A title that only
says "Workout" or "Training" is read through its description, and a description that labels
the sport ("Workout type: Bike") settles it. A rest day written as an event ("Rest day",
"Ruhetag") is a rest day. A strength session ("💪 Strength: Full Body", "Kraft", "Gym",
"力量训练", "筋トレ", "근력") is the plan's strength day, not a run; a run whose title adds one
("Easy 5 km + strength") is both.
"""

from __future__ import annotations

import re
from enum import StrEnum

from runlift.sync.planning import measures, words

# "Workout type: Bike", "Sport: Run", "Sportart: Laufen" in a description says the sport.
SPORT_LABEL = re.compile(
    r"\b(sport|sport ?type|type|activity|activity ?type|workout ?type|discipline|sportart"
    r"|deporte|disciplina|sporttype)\s*:\s*([a-z]+( [a-z]+)?)"
)


class EventKind(StrEnum):
    RUN = "run"
    REST = "rest"
    STRENGTH = "strength"
    OTHER = "other"


# Where a title joins two sessions: "Easy 5 km + Strength", "Run 4 mi & gym", "Easy 4 mi [lift]".
_JOINS = re.compile(r"\s*(?:\+|&|/|;|,|\[|\]|\(|\)|\band\b|\bund\b|\bet\b|\bplus\b|\bthen\b)\s*")


def event_kind(title: str, description: str = "", *, training_calendar: bool = False) -> EventKind:
    found = words.read(title)
    named = found.session_words
    if _labelled_strength(title):
        return EventKind.STRENGTH
    if found.strength and not found.run and not _names_a_run(found):
        return EventKind.RUN if _run_part(title) else EventKind.STRENGTH
    if found.rest and not named:
        return EventKind.REST
    if found.run:
        return EventKind.RUN
    if found.other_sport:
        return EventKind.OTHER
    labelled = _labelled_sport(description)
    if labelled is not None:
        return labelled
    if any(not words.everyday(word) for word in named):
        return EventKind.RUN
    if found.life:
        return EventKind.OTHER
    told = words.read(description)
    if told.other_sport and not told.run:
        return EventKind.OTHER
    supported = (
        training_calendar
        or found.session
        or _measured(title)
        or len(named) >= 2
        or told.run
        or _measured(description)
    )
    if named and supported:
        return EventKind.RUN
    if measures.distance_m(title) is not None:
        return EventKind.RUN
    if not named and told.run and (told.session_words or _measured(description)):
        return EventKind.RUN
    return EventKind.OTHER


def _labelled_sport(description: str) -> EventKind | None:
    match = SPORT_LABEL.search(words.normalize(description))
    if match is None:
        return None
    named = words.read(match.group(2))
    if named.run:
        return EventKind.RUN
    if named.strength:
        return EventKind.STRENGTH
    if named.other_sport:
        return EventKind.OTHER
    return None


# The end of a title's label: "Strength: ...", "Gym - ...", "Kraft | ...".
_LABEL = re.compile(r"\s*(?::|\s-\s|\|)\s*")


def adds_strength(title: str) -> bool:
    """A run's title that also schedules strength as a part of its own ("Easy 5 km + Gym")."""
    for part in _JOINS.split(words.normalize(title)):
        found = words.read(part)
        if found.strength and not found.run and not _names_a_run(found):
            return True
    return False


def _labelled_strength(title: str) -> bool:
    """A title whose label says strength ("Strength: full body, off the legs before the long
    run", "Kraft - Rumpf"): what follows describes the session, it does not make it a run."""
    parts = _LABEL.split(words.normalize(title), maxsplit=1)
    if len(parts) < 2:
        return False
    label = words.read(parts[0])
    return bool(label.strength) and not label.run and not label.session_words


def _run_part(title: str) -> bool:
    """A part of a joined title that is a run on its own ("Easy 5 km" in "Easy 5 km + Gym")."""
    parts = _JOINS.split(words.normalize(title))
    if len(parts) < 2:
        return False
    for part in parts:
        found = words.read(part)
        if found.strength or found.other_sport:
            continue
        if event_kind(part, training_calendar=True) is EventKind.RUN:
            return True
    return False


def _names_a_run(found: words.Markers) -> bool:
    """Session words that only a run has (a strength circuit has "intervals" too, so no)."""
    return bool(found.long or found.race or found.race_distance or found.strides)


def _measured(text: str) -> bool:
    return measures.distance_m(text) is not None or measures.duration_s(text) is not None
