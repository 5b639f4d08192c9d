"""Is a calendar event a run, a rest day, the plan's strength day, or not a run (and why)?

Calendars mix training with life. An event is a run when its title says running ("Run",
"Dauerlauf", "footing", "corsa"), or names a session and says nothing of another sport
("Tempo 3 x 10 min", "Fractionné", "Long run 18 km"). Words that are everyday words too
("sprint planning", "long lunch", "F1 race") count only with support: a distance or duration,
a second session word, a word like "session" or "club", or a description that says running or
gives a length; in a calendar that is mostly training (``training_calendar``) they count alone,
as does a title that is only numbers ("12.9": a plan table's cell in the plan's unit) or a
length in words runlift does not know ("Sortie 2h10": a run of unknown kind, unsure), and next
to meeting words ("Track meeting") never. A title that only says "Workout" or "Training" is
read through its description, and a description that labels the sport ("Workout type: Bike")
settles it. A rest day written as an event ("Rest day", "Ruhetag") is a rest day. A strength
session ("💪 Strength: Full Body", "Kraft", "CrossFit", "力量训练", "筋トレ", "근력") is the plan's
strength day, not a run; a title that joins a run and another session ("Easy 5 km + Gym",
"Easy 40 min + CrossFit", "Easy 30' + bike 20'") is a run, and the plan's strength day when the
other session is strength. Reminders and placeholders ("✈ Register for Oslo Half Marathon",
"⚙ Gym membership active") are not a run, a race nor a strength day.

Every reading has a reason; for events that are not runs it is the line the plan shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from runlift.sync.planning import measures, vocabulary, words
from runlift.sync.planning.lexicon import Token, TokenKind, normalize, tokenize

# Why an event whose words runlift does not know at all is not read as a run.
NOTHING_KNOWN = "nothing in it says running"


class EventKind(StrEnum):
    RUN = "run"
    REST = "rest"
    STRENGTH = "strength"
    OTHER = "other"


@dataclass(frozen=True)
class EventReading:
    kind: EventKind
    # Why; for OTHER, why the event is not a run ("a bike ride ('bike')").
    reason: str
    # A run's title that also schedules strength ("Gym A" of "Easy + Gym A"): the part.
    strength_part: str = ""


# Marks that join two sessions in one title: "Easy 5 km + Strength", "Run 4 mi & gym".
_JOIN_MARKS = frozenset({"+", "&", "/", ";", ",", "[", "]", "(", ")", "|", "＋", "、"})
# Marks that end a title's label: "Strength: ...", "Gym - ...", "Kraft | ...".
_LABEL_MARKS = frozenset({":", "|", "-", "–"})


def event_kind(title: str, description: str = "", *, training_calendar: bool = False) -> EventKind:
    return read_event(title, description, training_calendar=training_calendar).kind


def read_event(
    title: str, description: str = "", *, training_calendar: bool = False
) -> EventReading:
    found = words.read(title)
    if found.not_a_run and not _run_part(title, skip_reminders=True):
        return EventReading(EventKind.OTHER, f"a reminder or placeholder ('{found.not_a_run}')")
    kind, reason = _kind(title, description, found, training_calendar)
    strength = ""
    if kind is EventKind.RUN:
        strength = strength_part(title)
    return EventReading(kind, reason, strength)


def _kind(
    title: str, description: str, found: words.Markers, training_calendar: bool
) -> tuple[EventKind, str]:
    named = found.session_words
    if _labelled_strength(title):
        return EventKind.STRENGTH, "a strength session in the plan"
    if found.strength and not found.run_word and not _names_a_run(title, found):
        if _run_part(title):
            return EventKind.RUN, "a run and a strength session"
        return EventKind.STRENGTH, "a strength session in the plan"
    if found.rest and not named and not found.run:
        return EventKind.REST, f"'{found.rest}' in the title"
    if found.run:
        # "Rest or Run/Walk", "Easy run or day off": the run is planned, the rest optional.
        return EventKind.RUN, f"'{found.run}' in the title"
    if found.practice and not found.other_sport:
        return EventKind.RUN, f"'{found.practice}' in the title"
    if found.other_sport:
        if _run_part(title):
            return EventKind.RUN, "a run and another session"
        return EventKind.OTHER, f"another sport ('{found.other_sport}')"
    labelled = _labelled_sport(description)
    if labelled is not None:
        return labelled
    if any(not words.everyday(word) for word in named):
        return EventKind.RUN, f"'{named[0]}' in the title"
    if found.life:
        return EventKind.OTHER, f"an appointment ('{found.life}')"
    told = words.read(description)
    if told.other_sport and not told.run:
        return EventKind.OTHER, f"another sport ('{told.other_sport}' in the description)"
    supported = (
        training_calendar
        or found.session
        or _measured(title)
        or len(named) >= 2
        or told.run
        or _measured(description)
    )
    if named and supported:
        return EventKind.RUN, f"'{named[0]}' in the title"
    if measures.distance_m(title) is not None:
        return EventKind.RUN, "a distance in the title"
    if not named and told.run and (told.session_words or _measured(description)):
        return EventKind.RUN, f"'{told.run}' in the description"
    if found.wordless and measures.zero(title):
        return EventKind.REST, "0 in a table of distances: no run"
    if found.wordless and training_calendar:
        return EventKind.RUN, "only numbers, in a training plan"
    if found.wordless:
        return EventKind.OTHER, "only numbers, in a calendar that is not a training plan"
    if not title.strip():
        return EventKind.OTHER, "no title"
    if training_calendar and measures.duration_s(title) is not None:
        # "Sortie 2h15", "30 min Traben": a session of a running plan in words runlift does not
        # know is a run of unknown kind (unsure, protected), not an event dropped.
        return EventKind.RUN, "a length in a training plan"
    return EventKind.OTHER, NOTHING_KNOWN


def _labelled_sport(description: str) -> tuple[EventKind, str] | None:
    """ "Workout type: Bike", "Sport: Run", "Sportart: Laufen" in a description."""
    plain, tokens = _tokens(description)
    if not tokens:
        return None
    labels = vocabulary.current().matcher.scan(plain, tokens).get("sport_label", ())
    for match in labels:
        after = match.last_token + 1
        if after >= len(tokens) or tokens[after].text not in (":", "："):
            continue
        following = [t for t in tokens[after + 1 : after + 3] if t.kind is TokenKind.WORD]
        if not following:
            continue
        named = words.read(" ".join(t.text for t in following))
        if named.run:
            return EventKind.RUN, f"the description says the sport: {named.run}"
        if named.strength:
            return EventKind.STRENGTH, "a strength session in the plan"
        if named.other_sport:
            return EventKind.OTHER, f"another sport ('{named.other_sport}' in the description)"
    return None


def parts(title: str) -> list[str]:
    """The sessions a title joins: "Easy 5 km + Gym" is "easy 5 km" and "gym"."""
    plain, tokens = _tokens(title)
    joins = {
        m.first_token
        for m in vocabulary.current().matcher.scan(plain, tokens).get("join", ())
        if m.first_token == m.last_token
    }
    elevation = words.reading(title).elevation
    found: list[str] = []
    start = 0
    for index, token in enumerate(tokens):
        if elevation.overlaps(token.start, token.end):
            continue  # "Trail 2h D+400m" is one session
        if token.text in _JOIN_MARKS or index in joins:
            found.append(plain[start : token.start].strip())
            start = token.end
    found.append(plain[start:].strip())
    return [part for part in found if part]


def strength_part(title: str) -> str:
    """The part of a run's title that schedules strength as well ("gym a" of "Easy + Gym A")."""
    pieces = parts(title)
    if len(pieces) < 2:
        return ""
    for part in pieces:
        found = words.read(part)
        if found.strength and not found.run and not _names_a_run(part, found):
            return part
    return ""


def adds_strength(title: str) -> bool:
    """A run's title that also schedules strength as a part of its own ("Easy 5 km + Gym")."""
    return bool(strength_part(title))


def _labelled_strength(title: str) -> bool:
    """A title whose label says strength ("Strength: full body, off the legs before the long
    run", "Kraft - Rumpf"): what follows describes the session, it does not make it a run."""
    plain, tokens = _tokens(title)
    for token in tokens[:8]:
        if token.text not in _LABEL_MARKS:
            continue
        if token.text in ("-", "–") and plain[token.start - 1 : token.end + 1] != f" {token.text} ":
            continue  # "half-marathon" joins a word, "Gym - legs" ends a label
        label = words.read(plain[: token.start])
        if not label.strength or label.run or label.session_words:
            return False
        reading = words.reading(title)
        # Hansons' "Strength: 6 x 1 mile" is a run.
        return measures.distance_m(title) is None and not any(
            r.unit in ("km", "mi") for r in reading.repeats
        )
    return False


def _run_part(title: str, *, skip_reminders: bool = False) -> bool:
    """A part of a joined title that is a run on its own ("Easy 5 km" in "Easy 5 km + Gym")."""
    pieces = parts(title)
    if len(pieces) < 2:
        return False
    for part in pieces:
        found = words.read(part)
        if found.strength or found.other_sport or found.not_a_run:
            continue
        if _kind(part, "", found, True)[0] is EventKind.RUN and not (
            skip_reminders and found.wordless
        ):
            return True
    return False


def _names_a_run(title: str, found: words.Markers) -> bool:
    """Session words that only a run has (a strength circuit has "intervals" too, so no), or a
    run's distance ("Strength 3 x 2 mi": Hansons' strength repeats are runs)."""
    if found.long or found.race or found.race_distance or found.strides:
        return True
    reading = words.reading(title)
    return measures.distance_m(title) is not None or any(
        r.unit in ("km", "mi") for r in reading.repeats
    )


def _measured(text: str) -> bool:
    return measures.distance_m(text) is not None or measures.duration_s(text) is not None


def _tokens(text: str) -> tuple[str, list[Token]]:
    plain = normalize(text[: words.MAX_TEXT_CHARS])
    return plain, tokenize(plain)
