"""`runlift export`: the coming week's sessions as FIT workout files."""

from __future__ import annotations

from sync.cli.app import app


@app.command()
def export() -> None:
    """Write the coming week's strength sessions as .fit workout files."""
