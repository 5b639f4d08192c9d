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
"Ruhetag") is a rest day.
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
    OTHER = "other"


def event_kind(title: str, description: str = "", *, training_calendar: bool = False) -> EventKind:
    found = words.read(title)
    named = found.session_words
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
    if named.other_sport:
        return EventKind.OTHER
    return None


def _measured(text: str) -> bool:
    return measures.distance_m(text) is not None or measures.duration_s(text) is not None
