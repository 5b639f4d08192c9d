"""Option values are read without pydantic (sync/cli/plain_values.py) and are exactly what
typer's own coercion gives: the same value and type, or the same error, for every option and
argument of every command, on texts of every kind (typer's coercion is the reference)."""

from __future__ import annotations

import os
import random
import string
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._coercion import build_runtime_param

from runlift.sync.cli import command
from runlift.sync.cli.conventions import parameters
from runlift.sync.cli.plain_values import PlainValue

# Texts a command line can carry: ordinary ones, and every kind that is not.
ALPHABETS = (
    string.ascii_letters + string.digits + " -_./:@",
    "äöüßéèñøœłğış 日本語 トレーニング 한국어 😀🏃",
    "\x00\t\n\r\x1b\x7f\u200b\u200d\ufeff\u00ad",
    "\udcff\udc80\ud800",  # undecodable bytes of a file name, lone surrogates
)
SAMPLES = 300


def texts(rng: random.Random) -> list[str]:
    found = ["", " ", "-", "--", ".", "..", "~", "a" * 5000, "2026-03-02", "kg", "systemd"]
    for _ in range(SAMPLES):
        alphabet = "".join(rng.sample(ALPHABETS, rng.randint(1, len(ALPHABETS))))
        found.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20))))
    return found


def outcome(reader: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        result = reader.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error is part of the answer
        return "error", (type(exc).__name__, str(exc))
    return type(result).__name__, result


def every_parameter() -> list[Any]:
    return [
        param
        for param in parameters(command())
        if isinstance(getattr(param, "_runtime_param", None), PlainValue)
    ]


def test_every_option_reads_its_values_without_pydantic() -> None:
    found = every_parameter()
    assert len(found) > 40
    assert {param.type_descriptor.annotation for param in found} >= {str, Path, bool}


@pytest.mark.parametrize("kind", ["text", "path", "paths"])
def test_values_are_typers_own_for_every_kind_of_text(kind: str, tmp_path: Path) -> None:
    rng = random.Random(f"plain-values-{kind}")
    unreadable = tmp_path / "unreadable"
    unreadable.write_text("x")
    unreadable.chmod(0)
    on_disk = [str(tmp_path), str(tmp_path / "missing"), str(unreadable), os.devnull]
    values: list[Any] = [*texts(rng), *on_disk, None, Path("."), Path(str(tmp_path))]
    compared = 0
    for param in every_parameter():
        annotation = param.type_descriptor.annotation
        many = getattr(annotation, "__origin__", None) is list
        if (kind, many) not in {("text", False), ("path", False), ("paths", True)}:
            continue
        if (kind == "text") == (annotation is Path) and not many:
            continue
        ctx = typer.Context(command())
        typers = build_runtime_param(param.type_descriptor)
        ours = param._runtime_param
        given = values
        if many:
            given = [(), None, *(tuple(rng.sample(values[:-3], 3)) for _ in range(SAMPLES))]
        for value in given:
            assert outcome(ours, value, param, ctx) == outcome(typers, value, param, ctx), (
                param.name,
                value,
            )
            compared += 1
    assert compared > SAMPLES
