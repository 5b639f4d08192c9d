"""Fuzz: config files of hostile TOML, read as every command reads them."""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from runlift.sync import config as config_module
from runlift.sync.config import load_config
from runlift.sync.errors import UserError
from tests import fuzz

SECTIONS = {name: [f.name for f in fields(kind)] for name, kind in config_module.SECTIONS.items()}

scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from([0, 1, -1, 10**18, 60, 300, 1440]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "kg",
            "lb",
            "Europe",
            "Europe/Berlin",
            "../../etc",
            "http://[::1",
            "mon",
            "x" * 5000,
        ]
    ),
    st.dates(),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for _ in range(draw(st.integers(0, 4))):
        section = draw(st.sampled_from([*SECTIONS, "loads", "nonsense"]))
        known = SECTIONS.get(section, ["deadlift", "romanian_deadlift", "x"])
        table = document.setdefault(section, {})
        for _ in range(draw(st.integers(0, 4))):
            key = draw(st.one_of(st.sampled_from(known), st.text(max_size=8)))
            table[key] = draw(st.one_of(values, st.sampled_from(ADVERSARIAL)))
    if draw(st.booleans()):
        document[draw(st.sampled_from(["timezone", "units", "other"]))] = draw(
            st.one_of(values, st.sampled_from(ADVERSARIAL))
        )
    return document


# Values that look right to a type check and are wrong in a way that matters: a URL with a
# broken host, a zone that is a folder, a secret of the wrong type, out-of-range numbers.
ADVERSARIAL: list[Any] = [
    "http://[::1",
    "https://h:99999/",
    "Europe",
    "America",
    "Etc",
    "../../../etc/passwd",
    73461298734612,
    ["a", "list"],
    {"a": "table"},
    1e308,
    -0.0,
]


def toml(value: Any) -> str:
    """``value`` as a TOML value (strings as JSON, which TOML's basic strings read)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml(item) for item in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml(v)}" for k, v in value.items()) + "}"


def text_of(document: dict[str, Any]) -> str:
    top = [f"{json.dumps(k)} = {toml(v)}" for k, v in document.items() if not isinstance(v, dict)]
    tables = [
        f"[{json.dumps(name)}]\n"
        + "".join(f"{json.dumps(k)} = {toml(v)}\n" for k, v in body.items())
        for name, body in document.items()
        if isinstance(body, dict)
    ]
    return "\n".join(top) + "\n" + "\n".join(tables)


@st.composite
def config_texts(draw: st.DrawFn) -> str:
    text = text_of(draw(documents()))
    if draw(st.booleans()):  # a damaged copy: TOML's own errors, one line too
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at] + draw(st.sampled_from(["[", "=", '"', "\x00", "\n[[x]]", "{"])) + text[at:]
        )
    return text


@fuzz.budget(120)
@given(config_texts())
def test_any_config_file_is_read_or_refused_in_one_line(text: str) -> None:
    with fuzz.bounded("config"), tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            config = load_config(path)
        except UserError as exc:
            fuzz.one_line(str(exc).replace(repr(text), ""))
            return
        config.zone()
        config.athlete_settings()
