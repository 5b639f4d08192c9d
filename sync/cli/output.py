"""Where a command's words go, the same for every command.

- Data (the table or JSON a command answers with) goes to standard output: ``data()``.
- Messages (what was written where, notes, hints, progress) go to standard error: ``say()``,
  and with ``--verbose`` also ``detail()``; ``--quiet`` keeps all but errors and warnings back.
- Off a terminal nothing is hard-wrapped: a line piped to a file or another program stays one
  line, whatever its length (rich wraps at 80 columns when it cannot ask a terminal).
"""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

# Wide enough that no line runlift writes is wrapped, narrow enough for rich's layout arithmetic.
UNWRAPPED_WIDTH = 100_000


class Verbosity(IntEnum):
    QUIET = 0
    NORMAL = 1
    VERBOSE = 2


_verbosity = Verbosity.NORMAL


def set_verbosity(*, quiet: bool = False, verbose: bool = False) -> None:
    from runlift.sync.errors import UserError

    global _verbosity
    if quiet and verbose:
        raise UserError("--quiet and --verbose contradict each other: give one")
    _verbosity = Verbosity.QUIET if quiet else Verbosity.VERBOSE if verbose else Verbosity.NORMAL


def verbosity() -> Verbosity:
    return _verbosity


def console_for(stream: TextIO) -> Console:
    """A rich console on ``stream``: the terminal's width at a terminal, no wrap elsewhere."""
    from rich.console import Console

    at_terminal = stream.isatty()
    return Console(
        file=stream,
        width=None if at_terminal else UNWRAPPED_WIDTH,
        soft_wrap=not at_terminal,
        highlight=False,
        emoji=False,
    )


def data() -> Console:
    """The console for a command's answer (tables), on standard output."""
    return console_for(sys.stdout)


def messages() -> Console:
    """The console for messages and progress, on standard error."""
    return console_for(sys.stderr)


def say(text: str, **options: Any) -> None:
    """A message on standard error, unless --quiet."""
    if _verbosity >= Verbosity.NORMAL:
        messages().print(text, markup=False, **options)


def detail(text: str) -> None:
    """A message only --verbose shows."""
    if _verbosity >= Verbosity.VERBOSE:
        messages().print(text, markup=False)


def warn(text: str) -> None:
    """A warning: shown even with --quiet."""
    messages().print(f"runlift: warning: {' '.join(text.split())}", markup=False)


def json_out(text: str) -> None:
    """JSON on standard output, whatever the verbosity."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
