"""Is a calendar event a run, a rest day, or something else (dentist, gym, a bike ride)?

Calendars mix training with life. An event is a run when its title says running ("Run",
"Dauerlauf", "footing", "corsa"), or names a session and says nothing of another sport
("Tempo 3 x 10 min", "Fractionné", "Long run 18 km"). Words that are everyday words too
("sprint planning", "long lunch", "F1 race") count only with support: a distance or duration,
repeats, a second session word, or a description that says running or gives a length; in a
calendar that is mostly training (``training_calendar``) they count alone. A title that only
says "Workout" or "Training" is read through its description. A rest day written as an event
("Rest day", "Ruhetag") is a rest day.
"""

from __future__ import annotations

from enum import StrEnum

from sync.planning import measures, words


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
    if any(not words.everyday(word) for word in named):
        return EventKind.RUN
    told = words.read(description)
    if told.other_sport and not told.run:
        return EventKind.OTHER
    supported = (
        training_calendar
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


def _measured(text: str) -> bool:
    return measures.distance_m(text) is not None or measures.duration_s(text) is not None
