"""Two syncs never run at once; a waiting one gives up after a bounded time with a clear error."""

import threading
import time

import pytest

from runlift.sync.errors import UserError
from runlift.sync.lock import sync_lock


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path))


def test_a_second_sync_waits_then_gives_up_naming_the_lock() -> None:
    with (
        sync_lock(),
        pytest.raises(UserError, match="another runlift sync is running"),
        sync_lock(wait_s=0.3),
    ):
        pass


def test_the_lock_is_taken_as_soon_as_the_first_sync_ends() -> None:
    holding = threading.Event()
    finishing = threading.Event()

    def first() -> None:
        with sync_lock():
            holding.set()
            time.sleep(0.3)
            # Set while the lock is still held: whoever gets the lock next must see it.
            finishing.set()

    worker = threading.Thread(target=first)
    worker.start()
    assert holding.wait(10)
    with sync_lock(wait_s=5):
        assert finishing.is_set()
    worker.join()
