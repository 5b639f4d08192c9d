"""The manual's page of every command and option, read from the command line itself."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import typer

from runlift.sync.cli.app import app


def command_tree() -> Any:
    """The click command typer builds from the app, with every command registered."""
    import runlift.sync.cli  # noqa: F401  (registers the commands)

    return typer.main.get_command(app)


def walk(command: Any, path: tuple[str, ...] = ("runlift",)) -> Iterator[tuple[str, Any]]:
    """Every command and group under ``command``, as (its full name, the command)."""
    yield " ".join(path), command
    for name in sorted(getattr(command, "commands", {}) or {}):
        yield from walk(command.commands[name], (*path, name))


def value_words(param: Any) -> str:
    """What an option takes, as its help shows it; empty for a flag."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    metavar = param.metavar or param.name.upper()
    return f"{metavar}..." if param.nargs != 1 and not metavar.endswith("...") else metavar


def _default(param: Any) -> str:
    default = param.default
    if getattr(param, "is_flag", False) or default in (None, (), [], False):
        return ""
    return f"`{default}`"


def reference_markdown() -> str:
    out = [
        "# Commands and options",
        "",
        "Every command and option of `runlift`, read from the command line when the manual is",
        "built. `runlift COMMAND --help` (or `-h`) shows the same at a terminal.",
        "",
    ]
    for name, command in walk(command_tree()):
        out += [f"## `{name}`", ""]
        if command.help:
            out += [inspect.cleandoc(command.help), ""]
        params = [p for p in command.params if not getattr(p, "hidden", False)]
        arguments = [p for p in params if p.param_type_name == "argument"]
        options = [p for p in params if p.param_type_name == "option"]
        usage = " ".join(
            [name, *(["[OPTIONS]"] if options else [])]
            + [value_words(a) for a in arguments]
            + (["COMMAND"] if getattr(command, "commands", None) else [])
        )
        out += [f"```\n{usage}\n```", ""]
        subcommands = getattr(command, "commands", None) or {}
        if subcommands:
            out += ["| command | what it does |", "|---|---|"]
            for sub in sorted(subcommands):
                short = subcommands[sub].get_short_help_str(limit=200)
                out.append(f"| [`{name} {sub}`](#{_anchor(f'{name} {sub}')}) | {short} |")
            out.append("")
        if arguments or options:
            out += ["| argument or option | value | default | meaning |", "|---|---|---|---|"]
            for param in arguments + options:
                names = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
                if param.param_type_name == "argument":
                    names = f"`{value_words(param)}`"
                value = value_words(param)
                help_text = " ".join((getattr(param, "help", None) or "").split())
                cells = [
                    names,
                    f"`{value}`" if value else "",
                    _default(param),
                    help_text.replace("|", "\\|"),
                ]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    return "\n".join(out)


def _anchor(title: str) -> str:
    return "-".join(title.lower().split())
