"""How much of the program one session holds: the phase of the running block decides it.

- ``full``: the program as prescribed, at the athlete's loads (base weeks);
- ``deload``: one set per move at the same loads and reps (every few base weeks);
- ``maintenance``: one set per move, loads kept, reps at the bottom of the range (peak weeks:
  strength is kept with one short session a week);
- ``bodyweight``: one set per move, no added load, reps at the bottom of the range (taper).

Only ``full`` sessions move the loads; the others keep them where they are.
"""

from __future__ import annotations

from enum import StrEnum


class Volume(StrEnum):
    FULL = "full"
    DELOAD = "deload"
    MAINTENANCE = "maintenance"
    BODYWEIGHT = "bodyweight"

    @property
    def sets_per_move(self) -> int | None:
        """Sets (or holds per side) of every move; None keeps each move's prescribed sets."""
        return None if self is Volume.FULL else 1

    @property
    def bottom_of_range(self) -> bool:
        """Reps at the bottom of the move's range instead of the athlete's current target."""
        return self in (Volume.MAINTENANCE, Volume.BODYWEIGHT)

    @property
    def keeps_load(self) -> bool:
        return self is not Volume.BODYWEIGHT

    @property
    def progresses(self) -> bool:
        """Whether a session done at this volume may move the loads up or down."""
        return self is Volume.FULL


def volume_in_name(name: str) -> Volume:
    """The volume a session's name says ("Runner Strength A · maintenance · Tue 24 Nov")."""
    for part in name.split(" · ")[1:]:
        try:
            return Volume(part.strip().lower())
        except ValueError:
            continue
    return Volume.FULL
