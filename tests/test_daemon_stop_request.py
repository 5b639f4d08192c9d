"""The daemon's stop request, made from a signal handler at any moment of the loop's wait.

`systemctl --user stop` sends SIGTERM whenever it likes; the handler runs in the main thread,
possibly in the middle of the wait it must end. A `threading.Event` deadlocks there (its set()
waits for a lock its own wait() holds). Here the kernel delivers a thousand timer signals at
scattered moments of short waits, and every one of them must end its wait.
"""

import random
import signal
from types import FrameType

import pytest

from runlift.sync.daemon.stop_request import StopRequest

SIGNALS = 1000


# SIGALRM is taken here, so the timeout that catches a deadlock watches from a thread.
@pytest.mark.timeout(60, method="thread")
def test_a_stop_requested_from_a_signal_handler_ends_the_wait_it_interrupts() -> None:
    scatter = random.Random(20261208)
    request = StopRequest()

    def handle(_signum: int, _frame: FrameType | None) -> None:
        request.set()

    previous = signal.signal(signal.SIGALRM, handle)
    try:
        for _ in range(SIGNALS):
            request = StopRequest()
            signal.setitimer(signal.ITIMER_REAL, scatter.uniform(0.0001, 0.002))
            while not request.wait(0.0001):
                pass
            request.close()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_wait_ends_at_once_when_the_stop_came_first_and_sleeps_its_time_otherwise() -> None:
    request = StopRequest()
    assert request.wait(0) is False
    request.set()
    assert request.is_set() and request.wait(60) is True
    request.close()
