"""What an installed plugin declares besides its class: its settings table and its sign-in.

A plugin is a class named by an entry point, in ``runlift.providers`` (a source of runs) or
``runlift.targets`` (where sessions are written). Beside what its group asks of it, the class
may declare

- ``settings``: a frozen dataclass whose fields are ``setting(...)``s (as runlift's own
  sections are); the user writes it as ``[providers.NAME]`` or ``[targets.NAME]`` and the plugin
  reads it validated with ``config.plugin_settings(TheModel)``;
- ``login``: a callable ``login(config, ask) -> str`` that becomes ``runlift login NAME``; it
  asks through ``ask(question, secret=...)`` (never more than once a question: one credential
  attempt per command) and returns the line to print.

Finding a plugin by name reads package metadata only; its module is imported when its table is
written, its login is run or listed, or the manual's reference is built.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Collection
from dataclasses import MISSING, dataclass, fields, is_dataclass
from typing import TYPE_CHECKING, Any, Protocol

from runlift.sync.errors import UserError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from runlift.sync.config import Config


@dataclass(frozen=True)
class PluginKind:
    # The config table plugins of this kind write under: [providers.NAME], [targets.NAME].
    table: str
    group: str
    noun: str


PROVIDERS = PluginKind("providers", "runlift.providers", "source of runs")
TARGETS = PluginKind("targets", "runlift.targets", "target")
KINDS = {kind.table: kind for kind in (PROVIDERS, TARGETS)}


class Ask(Protocol):
    """How a plugin's sign-in asks the user: at the terminal, a secret without echo.

    Each question is asked at most once per command; without a terminal and with no answer
    left on standard input, the command stops with one line (exit 2).
    """

    def __call__(self, question: str, *, secret: bool = False) -> str: ...


LoginStep = Callable[["Config", Ask], str]


def installed(kind: PluginKind) -> dict[str, EntryPoint]:
    """The plugins of ``kind`` by name, from package metadata (no module imported)."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=kind.group)}


def load(kind: PluginKind, name: str, found: EntryPoint | None = None) -> Any:
    """The class ``name`` names in ``kind``'s group; a plugin that cannot be imported is one
    line naming it."""
    point = found or installed(kind).get(name)
    if point is None:
        raise UserError(f"no {kind.noun} called {name!r} is installed")
    try:
        return point.load()
    except Exception as exc:  # a third party's import: any error it raises is its own
        raise UserError(
            f"the {name} plugin ({point.value}) cannot be loaded ({type(exc).__name__}: "
            f"{' '.join(str(exc).split())[:200]})"
        ) from None


def settings_model(plugin: Any, name: str) -> type | None:
    """The plugin's settings model, checked to be one runlift can read and document."""
    model = getattr(plugin, "settings", None)
    if model is None:
        return None
    problem = _model_problem(model)
    if problem:
        raise UserError(f"the {name} plugin's settings cannot be read by runlift: {problem}")
    return typing.cast(type, model)


def login_step(plugin: Any) -> LoginStep | None:
    step = getattr(plugin, "login", None)
    return step if callable(step) else None


def login_help(step: LoginStep, name: str) -> str:
    """The first paragraph of the sign-in's docstring: what `runlift login NAME` says it does."""
    text = (getattr(step, "__doc__", None) or "").strip()
    return text.split("\n\n")[0] if text else f"Sign in for the {name} plugin."


def with_logins(besides: Collection[str] = ()) -> dict[str, LoginStep]:
    """Every installed plugin's sign-in by name (the first of a name wins), but for the names
    in ``besides`` (not imported); a plugin that cannot be loaded is left out here and reports
    itself when it is used."""
    steps: dict[str, LoginStep] = {}
    for kind in KINDS.values():
        for name, point in installed(kind).items():
            if name in steps or name in besides:
                continue
            try:
                step = login_step(load(kind, name, point))
            except UserError:
                continue
            if step is not None:
                steps[name] = step
    return steps


def login_named(name: str) -> LoginStep | None:
    """The sign-in of the plugin called ``name``, importing only plugins of that name."""
    for kind in KINDS.values():
        point = installed(kind).get(name)
        if point is not None:
            step = login_step(load(kind, name, point))
            if step is not None:
                return step
    return None


def with_settings() -> list[tuple[str, type]]:
    """(table, model) of every installed plugin that declares settings, for the reference."""
    tables = []
    for kind in KINDS.values():
        for name, point in sorted(installed(kind).items()):
            try:
                model = settings_model(load(kind, name, point), name)
            except UserError:
                continue
            if model is not None:
                tables.append((f"{kind.table}.{name}", model))
    return tables


_KINDS = (bool, int, float, str)


def _model_problem(model: Any) -> str:
    if not (isinstance(model, type) and is_dataclass(model)):
        return "`settings` is not a dataclass"
    try:
        hints = typing.get_type_hints(model)
    except Exception as exc:  # a third party's annotations
        return f"its annotations cannot be read ({type(exc).__name__})"
    for item in fields(model):
        if item.default is MISSING and item.default_factory is MISSING:
            return f"{item.name} has no default"
        kind = hints[item.name]
        if is_dataclass(kind):
            problem = _model_problem(kind)
            if problem:
                return f"{item.name}: {problem}"
        elif kind not in _KINDS and not _is_list_of_texts(kind):
            return f"{item.name} is not true/false, a number, a text or a list of texts"
        elif not item.metadata.get("help"):
            return f"{item.name} has no help (declare it with setting(default, help))"
    return ""


def _is_list_of_texts(kind: Any) -> bool:
    return typing.get_origin(kind) is tuple and typing.get_args(kind) == (str, ...)
