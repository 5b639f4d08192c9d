"""The `runlift` command line: one module a command, one error path for bad input (exit 2)."""

from __future__ import annotations

import sqlite3
import sys

import click
import typer

from runlift.sync.cli import daemon as _daemon  # noqa: F401  (registers its command)
from runlift.sync.cli import doctor as _doctor  # noqa: F401  (registers its command)
from runlift.sync.cli import export as _export  # noqa: F401  (registers its command)
from runlift.sync.cli import history as _history  # noqa: F401  (registers its command)
from runlift.sync.cli import import_cmd as _import_cmd  # noqa: F401  (registers its command)
from runlift.sync.cli import login as _login  # noqa: F401  (registers its commands)
from runlift.sync.cli import output
from runlift.sync.cli import plan as _plan  # noqa: F401  (registers its command)
from runlift.sync.cli import resume as _resume  # noqa: F401  (registers its command)
from runlift.sync.cli import status as _status  # noqa: F401  (registers its command)
from runlift.sync.cli import sync_cmd as _sync_cmd  # noqa: F401  (registers its command)
from runlift.sync.cli.app import app
from runlift.sync.cli.conventions import apply_metavars
from runlift.sync.errors import ServiceUnreachable, UserError, service_name

EXIT_USAGE = 2
_USAGE_ERRORS: tuple[type[Exception], ...] = (click.exceptions.UsageError,)
try:  # newer typer parses with its own copy of click, whose errors are other classes
    from typer._click.exceptions import UsageError as _TyperUsageError

    _USAGE_ERRORS += (_TyperUsageError,)
except ImportError:  # pragma: no cover - typer versions that use click itself
    pass


def command() -> click.Command:
    """The click command typer builds from the app, with the help's metavar policy applied."""
    return apply_metavars(typer.main.get_command(app))  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    output.set_verbosity()
    try:
        result = command().main(args=argv, prog_name="runlift", standalone_mode=False)
    except _USAGE_ERRORS as exc:
        return _fail(exc.format_message())  # type: ignore[attr-defined]
    except (click.exceptions.Abort, typer.Abort):
        print("runlift: aborted", file=sys.stderr)
        return 130
    except (click.exceptions.Exit, typer.Exit) as exc:
        return exc.exit_code
    except ServiceUnreachable as exc:
        return _fail(f"{exc}: {_try_again(exc, args)}")
    except UserError as exc:
        return _fail(str(exc))
    except sqlite3.Error as exc:
        from runlift.sync import paths
        from runlift.sync.store.damage import explain

        # The state file is the only SQLite file runlift opens.
        return _fail(str(explain(exc, paths.state_db())))
    except KeyboardInterrupt:
        print("runlift: interrupted", file=sys.stderr)
        return 130
    return result if isinstance(result, int) else 0


# Commands with a subcommand, and the options that choose which service a command talks to.
_GROUPS = ("login", "doctor")
_KEPT_FLAGS = ("--garmin", "--stdin")
_SERVICE_OPTIONS = ("--source",)


def _try_again(exc: ServiceUnreachable, args: list[str]) -> str:
    """What helps: the same command again, once the network or the service is back."""
    again = f"`runlift {_command(args)}`"
    if exc.reason.startswith("server error"):
        return f"{service_name(exc.service)} has trouble on its side; run {again} again later"
    return f"check the connection, then run {again} again"


def _command(args: list[str]) -> str:
    """The command as typed: its words and the options that choose the service, never another
    value (a calendar URL can hold a secret token)."""
    words: list[str] = []
    for arg in args:
        if arg.startswith("-") or len(words) == (2 if words and words[0] in _GROUPS else 1):
            break
        words.append(arg)
    for index, arg in enumerate(args):
        name, _, inline = arg.partition("=")
        if name in _KEPT_FLAGS:
            words.append(name)
        elif name in _SERVICE_OPTIONS:
            value = inline or (args[index + 1] if index + 1 < len(args) else "")
            if value.replace("_", "").replace("-", "").isalnum():
                words.append(f"{name} {value}")
    return " ".join(words)


def _fail(message: str) -> int:
    first_line = " ".join(message.split())
    print(f"runlift: error: {first_line}", file=sys.stderr)
    return EXIT_USAGE


def run() -> None:
    sys.exit(main())
