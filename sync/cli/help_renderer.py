"""typer's help renderer, loaded without the two parts runlift's help never uses.

typer draws ``--help`` with rich (``typer.rich_utils``). That module imports, at its top, rich's
Markdown (markdown-it-py, and pygments through rich's Syntax) for the "markdown" markup mode,
and rich's Traceback for its pretty exceptions. runlift's help is in the "rich" markup mode and
typer draws none of its exceptions (``pretty_exceptions_enable=False``), yet those two imports
are the larger part of what ``runlift --help`` costs. (typer's own discussion of lazy imports
names the same cost: github.com/fastapi/typer/pull/1128.)

While ``typer.rich_utils`` is imported, ``rich.markdown`` and ``rich.traceback`` are stand-ins
whose ``Markdown`` and ``Traceback`` import rich's own on first use. Right after, the stand-ins
are taken out, so any later ``import rich.markdown`` gets rich's module. Should typer ever use
them, it gets rich's classes: the stand-ins change when the import happens, never the result.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

from runlift.sync.cli.conventions import commands

RENDERER = "typer.rich_utils"
# The modules imported late, and the one name typer takes from each.
DEFERRED = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}


def light_help(root: Any) -> Any:
    """Every command under ``root`` loads the renderer as above before drawing its help."""
    for _, command in commands(root):
        command.format_help = _loading_renderer_first(command.format_help)
    return root


def _loading_renderer_first(format_help: Callable[..., Any]) -> Callable[..., Any]:
    def format_help_with_light_renderer(ctx: Any, formatter: Any) -> Any:
        load_help_renderer()
        return format_help(ctx, formatter)

    return format_help_with_light_renderer


def load_help_renderer() -> None:
    if RENDERER in sys.modules:
        return
    stand_ins = {
        name: _stand_in(name, DEFERRED[name]) for name in DEFERRED if name not in sys.modules
    }
    sys.modules.update(stand_ins)
    try:
        importlib.import_module(RENDERER)
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


class _Deferred(type):
    """A class standing for one of rich's: calling it, or reading any attribute of it
    (``Traceback.from_exception``), imports and uses rich's own."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls.real(), name)

    def real(cls) -> Any:
        if getattr(sys.modules.get(cls.__module__), cls.__name__, None) is cls:
            del sys.modules[cls.__module__]  # used while typer.rich_utils is being imported
        return getattr(importlib.import_module(cls.__module__), cls.__name__)


def _stand_in(module_name: str, class_name: str) -> types.ModuleType:
    module = types.ModuleType(module_name, "runlift: imported when first used (help_renderer)")
    setattr(module, class_name, _Deferred(class_name, (), {"__module__": module_name}))
    return module
