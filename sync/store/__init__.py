"""runlift's local state: one SQLite file, opened in one place, migrated per part.

``connect``/``opened`` give a checked, migrated connection; ``transaction`` is all or nothing.
Each part's tables and migrations live in ``runlift.sync.store.migrations``.
"""

from runlift.sync.store.damage import StateError
from runlift.sync.store.database import connect, opened, transaction

__all__ = ["StateError", "connect", "opened", "transaction"]
