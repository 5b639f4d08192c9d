"""The `runlift` command (and `python -m runlift`)."""

from __future__ import annotations

import gc


def main() -> None:
    # Start-up makes objects that live as long as the process (modules, classes, the command
    # tree), and the collector, run every few hundred allocations, would walk them again and
    # again for nothing: it is off while they are made, and they are then set aside
    # (gc.freeze), so that later collections walk only what the command itself makes.
    gc.disable()
    try:
        from runlift.sync.cli import run
    finally:
        gc.freeze()
        gc.enable()
    run()


if __name__ == "__main__":
    main()
