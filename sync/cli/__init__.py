"""The `runlift` command line: one module a command, one error path for bad input (exit 2)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

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
from runlift.sync.cli.app import app, finished
from runlift.sync.errors import ServiceUnreachable, UserError, service_name

if TYPE_CHECKING:
    import click

EXIT_USAGE = 2


def _usage_error() -> Any:
    """The usage error of the click typer parses with: newer typers carry their own copy (and
    click itself is never imported), older ones use click. typer.Abort and typer.Exit are the
    parser's own in both."""
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - typer versions that use click itself
        from click import exceptions  # type: ignore[no-redef]
    return exceptions.UsageError


_USAGE_ERROR = _usage_error()


def command() -> click.Command:
    """The click command typer builds from the app, as runlift runs it (app.finished)."""
    return finished(typer.main.get_command(app))  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    output.set_verbosity()
    try:
        result = command().main(args=argv, prog_name="runlift", standalone_mode=False)
    except _USAGE_ERROR as exc:
        return _fail(exc.format_message())
    except typer.Abort:
        print("runlift: aborted", file=sys.stderr)
        return 130
    except typer.Exit as exc:
        return int(exc.exit_code)
    except ServiceUnreachable as exc:
        return _fail(f"{exc}: {_try_again(exc, args)}")
    except UserError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("runlift: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        # sqlite3 is imported by the commands that open the state file, the only SQLite file
        # runlift opens; a command that never imported it raised none of its errors.
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(exc, sqlite3.Error):
            raise
        from runlift.sync import paths
        from runlift.sync.store.damage import explain

        return _fail(str(explain(exc, paths.state_db())))
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
