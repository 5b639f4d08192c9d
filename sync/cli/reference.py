"""The manual's page of every command and option, read from the command line itself."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

from runlift.sync.cli.conventions import commands, value_words


def command_tree() -> Any:
    """The command line as it runs: every command registered, the help's policy applied, and
    the sign-ins of the plugins installed here (`runlift login NAME`)."""
    from runlift.sync.cli import command
    from runlift.sync.cli.plugin_logins import add_plugin_logins

    root: Any = command()
    add_plugin_logins(root.commands["login"])
    return root


def walk(command: Any) -> Iterator[tuple[str, Any]]:
    """Every command and group under ``command``, as (its full name, the command)."""
    return commands(command)


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
                cells = [names, value, _default(param), help_text]
                out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
            out.append("")
    return "\n".join(out)


def _anchor(title: str) -> str:
    return "-".join(title.lower().split())
