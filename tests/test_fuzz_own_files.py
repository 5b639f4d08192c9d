"""Fuzz: runlift's own files in its data folder holding anything at all, read as `runlift status`
and every command read them: a value, or one line naming the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from runlift.sync import contact, cooloff, paths
from runlift.sync.daemon import journal
from runlift.sync.errors import UserError
from runlift.sync.strava.budget import ReadBudget
from runlift.sync.strava.tokens import load_tokens
from runlift.sync.targets.garmin.login import _read_failures
from tests import fuzz

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
READERS: dict[str, Callable[[], Any]] = {
    "cooloff.json": cooloff.all_pauses,
    "daemon_jobs.json": journal.last_outcomes,
    "strava_usage.json": lambda: ReadBudget().usage(NOW),
    "strava_tokens.json": load_tokens,
    "garmin-login-failures.json": _read_failures,
    "last_contact.json": contact.last_answers,
}

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["2026-11-24T10:00:00+00:00", "2026-11-24T10:00:00", "9999-12-31", "x"]),
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.one_of(
                st.text(max_size=8),
                st.sampled_from(["garmin", "sync", "started", "ok", "message", "expires_at"]),
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=10,
)
contents = st.one_of(
    values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=64),
    st.integers(1, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
)


@fuzz.budget(100)
@given(name=st.sampled_from(sorted(READERS)), content=contents)
def test_any_content_of_an_own_file_is_read_or_one_line(
    name: str, content: bytes, runlift_home: Path
) -> None:
    with fuzz.bounded("own files"):
        path = paths.data_dir() / name
        path.write_bytes(content)
        try:
            READERS[name]()
        except UserError as exc:
            line = fuzz.one_line(str(exc))
            assert str(path) in line
        finally:
            path.unlink()
