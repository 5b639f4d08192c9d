"""Option values read without pydantic: the start-up a command pays before its own work.

typer (0.2x) turns every option's text into its Python value through a pydantic TypeAdapter it
builds on first use, for every option a command has, given or not: importing pydantic and
building the adapters costs more than most commands' own work. runlift's options are texts,
paths, flags and one choice (numbers and choices are read as text by runlift's own parsers,
see options.py), and for those the value is the text itself or a Path of it.

Each option of the command tree gets a coercion that gives that value for an ordinary text
(printable, not empty) and hands everything else to typer's own (pydantic's) coercion:
an unusual value (an empty text, a control character, an undecodable byte, a path that exists
but cannot be read, a choice) gets exactly the answer, or the error, typer gives. The test
(tests/test_cli_option_values.py) holds the two against each other, value by value, on every option.

Only typer's own parameters are touched, and only when they carry the lazy coercion this
relies on (``_runtime_param``, ``type_descriptor``); on a typer without them nothing changes.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Any

from runlift.sync.cli.conventions import parameters

# What `coerce` hands to typer's own coercion.
_TYPERS = object()


def plain_values(root: Any) -> Any:
    """Every option and argument under ``root`` read by :class:`PlainValue` (see above)."""
    for param in parameters(root):
        if _lazily_coerced(param) and PlainValue.reads(param.type_descriptor.annotation):
            param._runtime_param = PlainValue(param.type_descriptor)
    return root


def _lazily_coerced(param: Any) -> bool:
    return (
        getattr(param, "_runtime_param", False) is None
        and hasattr(param, "type_descriptor")
        and hasattr(param, "get_runtime_param")
    )


class PlainValue:
    """An option's value as typer would give it, for ordinary texts without pydantic."""

    KINDS = (str, Path, bool)

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self.annotation = descriptor.annotation
        info = descriptor.parameter_info
        # Path checks typer makes that the fast path does not: those options go to typer.
        self.checked_path = bool(
            info.exists
            or info.resolve_path
            or info.allow_dash
            or info.path_type is not None
            or not info.file_okay
            or not info.dir_okay
        )

    @classmethod
    def reads(cls, annotation: Any) -> bool:
        if annotation in cls.KINDS:
            return True
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return True  # not given: no value to read; given: typer's own
        args = getattr(annotation, "__args__", ())
        return getattr(annotation, "__origin__", None) is list and tuple(args) == (Path,)

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = bool(param.multiple or param.nargs == -1)
        if value is None:
            return () if many else None
        found = self._plain(value, many)
        if found is _TYPERS:
            return self.typers_own().coerce(value, param=param, ctx=ctx)
        return found

    def typers_own(self) -> Any:
        from typer._coercion import build_runtime_param

        return build_runtime_param(self.descriptor)

    def _plain(self, value: Any, many: bool) -> Any:
        annotation = self.annotation
        if many != (getattr(annotation, "__origin__", None) is list):
            return _TYPERS
        if many:
            if not isinstance(value, tuple | list):
                return _TYPERS
            items = [self._path(item) for item in value]
            return _TYPERS if any(item is _TYPERS for item in items) else items
        if annotation is str:
            return value if type(value) is str and _ordinary(value) else _TYPERS
        if annotation is Path:
            return self._path(value)
        # A flag's value is a bool already (typer skips coercing it); anything else is typer's.
        return _TYPERS

    def _path(self, value: Any) -> Any:
        if self.checked_path:
            return _TYPERS
        if type(value) is str:
            if not _ordinary(value):
                return _TYPERS
            path = Path(value)
        elif isinstance(value, Path) and type(value) is type(Path()):
            path = value
        else:
            return _TYPERS
        # typer reads an existing path's status and refuses one that cannot be read.
        try:
            os.stat(path)
        except OSError:
            return path
        except ValueError:
            return _TYPERS
        return path if os.access(path, os.R_OK) else _TYPERS


def _ordinary(text: str) -> bool:
    return bool(text) and text.isprintable()
