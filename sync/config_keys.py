"""Every config key as a user reads it: its name as written in config.toml, what kind of value
it takes, its default, the values allowed and what it does.

Read from the settings model (the dataclasses of runlift.sync.config and their ``setting``
metadata), so the manual's reference and the config errors' suggestions cannot drift from it.
"""

from __future__ import annotations

import typing
from dataclasses import MISSING, Field, dataclass, fields, is_dataclass
from typing import Any

from runlift.sync import plugins
from runlift.sync.config import SECTIONS, Config
from runlift.sync.config_messages import kind_words, toml_text
from runlift.workouts.moves import MOVES_BY_KEY
from runlift.workouts.settings import MAX_LOAD_KG

TOP_LEVEL = ("timezone", "units", "loads")


@dataclass(frozen=True)
class KeyDoc:
    key: str
    kind: str
    default: str
    allowed: str
    help: str
    # The values a text (or each item of a list) may take, when the key has a fixed set.
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionDoc:
    name: str
    help: str
    keys: tuple[KeyDoc, ...]


def field_default(item: Field[Any]) -> Any:
    if item.default is not MISSING:
        return item.default
    if item.default_factory is not MISSING:
        return item.default_factory()
    raise TypeError(f"{item.name} has no default")


def allowed_words(item: Field[Any]) -> str:
    meta = item.metadata
    if meta.get("choices"):
        words = ", ".join(toml_text(c) for c in meta["choices"])
        return f"each one of {words}" if isinstance(field_default(item), tuple) else words
    if meta.get("low") is not None and meta.get("high") is not None:
        return f"{meta['low']:g}-{meta['high']:g}"
    allowed = str(meta.get("allowed", ""))
    example = str(meta.get("example", ""))
    if example:
        return f"{allowed}, e.g. {example}" if allowed else f"e.g. {example}"
    return allowed


def _keys(cls: type, prefix: str) -> list[KeyDoc]:
    hints = typing.get_type_hints(cls)
    keys: list[KeyDoc] = []
    for item in fields(cls):
        annotation = hints[item.name]
        default = field_default(item)
        if is_dataclass(default):
            keys.extend(_keys(type(default), f"{prefix}{item.name}."))
            continue
        keys.append(
            KeyDoc(
                key=f"{prefix}{item.name}",
                kind=kind_words(annotation),
                default=toml_text(default),
                allowed=allowed_words(item),
                help=str(item.metadata["help"]),
                choices=tuple(item.metadata.get("choices") or ()),
            )
        )
    return keys


def _top_level() -> list[KeyDoc]:
    hints = typing.get_type_hints(Config)
    by_name = {item.name: item for item in fields(Config)}
    keys = [
        KeyDoc(
            key=name,
            kind=kind_words(hints[name]),
            default=toml_text(field_default(by_name[name])),
            allowed=allowed_words(by_name[name]),
            help=str(by_name[name].metadata["help"]),
            choices=tuple(by_name[name].metadata.get("choices") or ()),
        )
        for name in TOP_LEVEL
        if name != "loads"
    ]
    return keys


def _loads() -> list[KeyDoc]:
    keys = []
    for key, move in MOVES_BY_KEY.items():
        bodyweight = all(v.load_kind == "bodyweight" for v in move.variants)
        what = (
            "done with body weight: a load here is ignored, with a warning"
            if bodyweight
            else "in `units` (per dumbbell for dumbbell moves); 0: body weight, or left open "
            "on the watch"
        )
        keys.append(
            KeyDoc(
                key=f"loads.{key}",
                kind="number",
                default="none",
                allowed=f"0 up to {MAX_LOAD_KG:g} kg (or the same in lb)",
                help=f"Starting load of the {move.title.lower()}, {what}.",
            )
        )
    return keys


def sections() -> list[SectionDoc]:
    """The config file's sections in the order config.example.toml has them, then the tables
    of the plugins installed here ([providers.NAME], [targets.NAME])."""
    docs = [SectionDoc("", "Top-level keys, before any [section].", tuple(_top_level()))]
    loads_help = str({f.name: f for f in fields(Config)}["loads"].metadata["help"])
    docs.append(SectionDoc("loads", loads_help, tuple(_loads())))
    tables = [*SECTIONS.items(), *plugins.with_settings()]
    for name, cls in tables:
        docs.append(SectionDoc(name, (cls.__doc__ or "").strip(), tuple(_keys(cls, f"{name}."))))
    return docs


def all_keys() -> list[str]:
    """Every key as written in config.toml, dotted under its section."""
    return [key.key for section in sections() for key in section.keys]


def reference_markdown() -> str:
    """The manual's page of every config key."""
    out = [
        "# Config settings",
        "",
        "Every key runlift reads from `config.toml`, generated from the settings model when the",
        "manual is built. Every key is optional; a key in a section is written under its",
        "`[section]` header (`plan.sessions_per_week` is `sessions_per_week = 2` under `[plan]`).",
        "An installed plugin's own table (`[providers.NAME]`, `[targets.NAME]`, see",
        "[Plugins](../manual/plugins.md)) is listed here when the manual is built with the",
        "plugin installed; `runlift` checks it the same way.",
        "",
    ]
    for section in sections():
        out += [f"## `[{section.name}]`" if section.name else "## Top level", ""]
        if section.help:
            out += [section.help, ""]
        out += ["| key | kind | default | allowed | meaning |", "|---|---|---|---|---|"]
        for key in section.keys:
            cells = [f"`{key.key}`", key.kind, f"`{key.default}`", key.allowed, key.help]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out)
