"""Garmin's calendar months read into one list, nothing counted twice."""

from datetime import UTC, date, datetime

from runlift.sync.targets.garmin.calendar import EntryKind, from_calendar_item, merge
from runlift.sync.targets.garmin.snapshot import read_snapshot
from runlift.sync.targets.garmin.twin import MemoryGarmin

RUN = {"sportTypeKey": "running"}


def calendar_workout(schedule_id, day, workout_id, title="Intervals", **extra):
    return {
        "id": schedule_id,
        "itemType": "workout",
        "date": day,
        "title": title,
        "workoutId": workout_id,
        "trainingPlanId": 0,
        "workoutUuid": None,
        **RUN,
        **extra,
    }


def test_a_workout_on_a_padding_day_of_two_months_counts_once() -> None:
    november = from_calendar_item(calendar_workout(501, "2026-11-30", 77))
    december_padding = from_calendar_item(calendar_workout(501, "2026-11-30", 77))
    (entry,) = merge([november, december_padding])
    assert (entry.kind, entry.schedule_id, entry.workout_id) == (EntryKind.WORKOUT, 501, 77)
    assert entry.is_running


def test_two_calendar_entries_of_one_workout_stay_two() -> None:
    entries = merge(
        [
            from_calendar_item(calendar_workout(501, "2026-11-03", 77)),
            from_calendar_item(calendar_workout(502, "2026-11-03", 77)),
        ]
    )
    assert [e.schedule_id for e in entries] == [501, 502]


def test_a_garmin_coach_item_listed_by_two_months_is_one_session() -> None:
    item = {
        "id": 123456,
        "itemType": "fbtAdaptiveWorkout",
        "date": "2026-11-05",
        "title": "Anaerobic",
        "workoutId": None,
        "workoutUuid": "3f1c1d36-64a5-4a36-9f4b-4c7f2bb1e001",
        "trainingPlanId": 9001,
        "sportTypeKey": "running",
    }
    (coach,) = merge([from_calendar_item(item), from_calendar_item({**item, "id": 123457})])
    assert (coach.kind, coach.title, coach.day) == (EntryKind.COACH, "Anaerobic", date(2026, 11, 5))


def test_race_events_are_races_other_events_are_kept_as_events_and_activities_are_not() -> None:
    race = from_calendar_item(
        {
            "id": None,
            "itemType": "event",
            "date": "2026-11-22",
            "title": "City Half Marathon",
            "isRace": True,
            "eventTimeLocal": {"startTimeHhMm": "09:00"},
            "completionTarget": {"value": 21.0975, "unit": "kilometer", "unitType": "distance"},
        }
    )
    assert race is not None
    assert (race.kind, race.distance_m) == (EntryKind.RACE, 21097.5)
    social = {"itemType": "event", "date": "2026-11-22", "title": "Club social", "isRace": False}
    activity = {"id": 9, "itemType": "activity", "date": "2026-11-02", "title": "Morning Run"}
    event = from_calendar_item(social)
    assert event is not None and (event.kind, event.title) == (EntryKind.EVENT, "Club social")
    # What was done is history, not the plan: not an entry.
    assert from_calendar_item(activity) is None


def test_a_race_with_a_time_target_has_no_distance() -> None:
    """Only a distance target is a distance: 3600 (seconds, say) is not a 3.6 km race."""

    def race(target: dict) -> float | None:
        item = {"itemType": "event", "date": "2026-11-22", "title": "Hour run", "isRace": True}
        entry = from_calendar_item({**item, "completionTarget": target})
        assert entry is not None and entry.kind is EntryKind.RACE
        return entry.distance_m

    assert race({"value": 3600, "unit": "second", "unitType": "time"}) is None
    assert race({"value": 1.0, "unit": "hour", "unitType": "time"}) is None
    assert race({"value": 26.2, "unit": "mile", "unitType": "distance"}) == 26.2 * 1609.344
    assert race({"value": 5.0, "unit": "kilometer", "unitType": "distance"}) == 5000.0


class KeptMonths:
    """The state's cache of far calendar months, in memory."""

    def __init__(self) -> None:
        self.months: dict[tuple[int, int], dict] = {}

    def calendar_month(self, year: int, month: int, since: datetime) -> dict | None:
        return self.months.get((year, month))

    def keep_calendar_month(self, year: int, month: int, answer: dict, at: datetime) -> None:
        self.months[(year, month)] = answer


def test_a_kept_far_month_never_brings_back_an_entry_its_fresh_neighbour_no_longer_lists() -> None:
    """A month lists seven days of each neighbour (as recorded). A far month is kept between
    syncs; an entry on its padding days that was removed since is read from its own month,
    fresh, and is gone."""
    garmin = MemoryGarmin()
    run = garmin.add_workout(running_workout(), day=date(2026, 11, 28))
    kept = KeptMonths()
    near = (date(2026, 11, 20), date(2026, 11, 30))
    now = datetime(2026, 11, 20, 6, tzinfo=UTC)
    first = read_snapshot(garmin, *WIDE, near=near, cache=kept, now=lambda: now)
    assert [e.workout_id for e in first.entries] == [run]
    garmin.schedules.clear()  # the athlete took the run off the calendar
    again = read_snapshot(garmin, *WIDE, near=near, cache=kept, now=lambda: now)
    assert again.entries == ()
    assert (2026, 12) in kept.months  # December was kept, with 28 November among its days


WIDE = (date(2026, 11, 20), date(2026, 12, 20))


def running_workout() -> dict:
    sport = {"sportTypeId": 1, "sportTypeKey": "running"}
    return {"workoutName": "Easy", "sportType": sport, "workoutSegments": []}
