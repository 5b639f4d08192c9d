"""The help's words for what an option takes: never a Python type name.

typer names an option's value after its annotation (`--demo <bool>`, `paths... <list[Path]>`,
`<int range> [1<=x<=12]`); one policy applies to every command instead: a flag (and `--help`)
shows no value, an option or argument shows its declared metavar (DATE, FOLDER, N, kg|lb), or
else its own name in capitals, as click does. Ranges and choices are said in the option's help.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def commands(command: Any, name: str = "runlift") -> Iterator[tuple[str, Any]]:
    """Every command under ``command`` (itself and the groups included), with its full name."""
    yield name, command
    for sub_name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        yield from commands(sub, f"{name} {sub_name}")


def takes_no_value(param: Any) -> bool:
    return bool(getattr(param, "is_flag", False) or getattr(param, "count", False))


def value_words(param: Any) -> str:
    """What the parameter takes, as the help shows it; empty for a flag."""
    if takes_no_value(param):
        return ""
    words = str(param.metavar or (param.name or "value").upper())
    many = param.nargs != 1 and not words.endswith("...")
    return f"{words}..." if many else words


def _say(param: Any, words: str) -> None:
    param.metavar = words if words else None
    # typer >= 0.2x draws the value column from these (its annotation's Python name): the
    # instance's own answer replaces them. Older typers draw it from the metavar alone.
    for method in ("display_type", "display_type_rich"):
        if hasattr(param, method):
            setattr(param, method, lambda ctx, words=words: words)
    if hasattr(param, "_get_number_range_help_str"):
        param._get_number_range_help_str = lambda: None


def _contexts(command: Any, name: str, parent: Any = None) -> Iterator[tuple[Any, Any]]:
    """(command, a context for it) for every command, each context under its parent's, so a
    setting such as help_option_names is inherited as when the command line runs."""
    settings = dict(getattr(command, "context_settings", None) or {})
    ctx = command.context_class(command, info_name=name, parent=parent, **settings)
    yield command, ctx
    for sub_name, sub in (getattr(command, "commands", None) or {}).items():
        yield from _contexts(sub, sub_name, ctx)


def parameters(root: Any) -> Iterator[Any]:
    """Every option and argument under ``root``, each command's help option included."""
    for command, ctx in _contexts(root, "runlift"):
        yield from command.params
        shown_help = command.get_help_option(ctx)
        if shown_help is not None:
            yield shown_help


def apply_metavars(root: Any) -> Any:
    for param in parameters(root):
        words = value_words(param)
        _say(param, words)
        if not takes_no_value(param):
            param.metavar = words.removesuffix("...") if param.nargs != 1 else words
    return root
