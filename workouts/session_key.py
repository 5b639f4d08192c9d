"""The identity of one planned session: its local date and its label, ``2026-11-24/A`` as text.

Built and read here only: the marker in a remote workout, the ledger's rows, the intent log and
the calendar file's UIDs all carry it as that text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True)
class SessionKey:
    day: date
    label: str

    def __str__(self) -> str:
        return f"{self.day.isoformat()}/{self.label}"

    @classmethod
    def parse(cls, text: str) -> SessionKey:
        """``2026-11-24/A`` back into its day and label; ValueError for anything else."""
        day, slash, label = text.partition("/")
        if not slash or not label or "/" in label:
            raise ValueError(f"not a session key: {text!r}")
        return cls(date.fromisoformat(day), label)
