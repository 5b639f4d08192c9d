"""`runlift history` on screen (rich tables and a small block chart) and as a PNG (matplotlib)."""

from __future__ import annotations

import io
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runlift.sync.cli.plain_table import print_table
from runlift.sync.errors import UserError
from runlift.sync.files import atomic_write
from runlift.sync.importing.history import History, MoveHistory

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from rich.console import Console

BLOCKS = " ▁▂▃▄▅▆▇█"
CHART_ROWS = 4
UNITS = {"hold": "s", "reps": "reps"}


def show_history(history: History, console: Console) -> None:
    for item in history.moves:
        console.print()
        console.print(
            f"[bold]{item.move.title}[/bold] ({item.variant.title}) · next: {item.next_session}",
            highlight=False,
        )
        if not item.lines:
            console.print("  not done yet", highlight=False)
            continue
        rows = [(line.day.isoformat(), line.sets, line.reason) for line in item.lines]
        print_table(console, ("Date", "Sets", "Next"), rows)
        for row in chart(item, history.unit):
            console.print(row, highlight=False, markup=False)
    if history.unplanned:
        console.print()
        console.print(
            f"[bold]Not counted[/bold]: {len(history.unplanned)} sets that are none of the five "
            "moves, or not known to be (see `runlift history --json` for each set)",
            highlight=False,
        )
        reasons = Counter(item.reason or "none of the five moves" for item in history.unplanned)
        for reason, count in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            console.print(f"  {count:>3} x {reason}", highlight=False, markup=False)


def chart(item: MoveHistory, unit: str) -> list[str]:
    """A few rows of block characters, one column per session, lowest value to highest."""
    values = [line.value for line in item.lines]
    known = [v for v in values if v is not None]
    if not known:
        return []
    low, high = min(known), max(known)
    label_unit = UNITS.get(item.measure, unit)
    levels = len(BLOCKS) - 1
    top = levels * CHART_ROWS
    # The lowest value still shows as a sliver; a flat line shows at half height.
    heights = [
        None
        if v is None
        else max(1, round((v - low) / (high - low) * top))
        if high > low
        else top // 2
        for v in values
    ]
    bottom = f"{low:g} {label_unit}" if high > low else ""
    labels = [f"{high:g} {label_unit}"] + [""] * (CHART_ROWS - 2) + [bottom]
    width = max(len(label) for label in labels)
    rows = []
    drawn = {h for h in heights if h is not None}
    for row in range(CHART_ROWS):
        floor = (CHART_ROWS - 1 - row) * levels
        glyph: dict[int | None, str] = {None: " "}
        glyph.update((h, BLOCKS[max(0, min(levels, h - floor))]) for h in drawn)
        cells = "".join(map(glyph.__getitem__, heights))
        rows.append(f"  {labels[row]:>{width}} │{cells}")
    first, last = item.lines[0].day, item.lines[-1].day
    rows.append(f"  {'':>{width}} └{'─' * len(heights)} {first:%d %b %Y} → {last:%d %b %Y}")
    return rows


def png_target(path: Path) -> Path:
    """Where --png writes, checked before anything is printed: matplotlib is there, the name
    ends in .png (one without a suffix gets it; another suffix is refused: the file would hold
    PNG bytes under a name that says otherwise) and its folder exists."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise UserError(
            "--png needs matplotlib: pip install 'runlift[plot]' (or pip install matplotlib)"
        ) from None
    if not path.suffix:
        path = path.with_name(path.name + ".png")
    elif path.suffix.lower() != ".png":
        raise UserError(
            f"--png {path}: runlift draws PNG pictures; give a name ending in .png "
            f"(e.g. {path.with_suffix('.png').name})"
        )
    if not path.parent.is_dir():
        raise UserError(f"--png {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise UserError(f"--png {path}: is a folder")
    return path


def write_png(history: History, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    moves = list(history.moves)
    figure, axes = plt.subplots(len(moves), 1, figsize=(8, 2.2 * len(moves)), sharex=True)
    for ax, item in zip(_as_list(axes), moves, strict=True):
        points = [(line.day, line.value) for line in item.lines if line.value is not None]
        ax.set_title(f"{item.move.title} · next {item.next_session}", fontsize=9, loc="left")
        ax.set_ylabel(UNITS.get(item.measure, history.unit))
        if points:
            days = [p[0] for p in points]
            # matplotlib plots dates through its units registry; its stubs only name numbers.
            ax.plot(days, [p[1] for p in points], marker="o")  # type: ignore[arg-type]
        else:
            ax.text(0.5, 0.5, "not done yet", ha="center", va="center", transform=ax.transAxes)
        ax.grid(alpha=0.3)
    figure.autofmt_xdate()
    figure.tight_layout()
    picture = io.BytesIO()
    try:
        # Always a PNG, at exactly this path: matplotlib would pick the format from the suffix
        # (and fail on ".txt") or add ".png" to a name without one.
        figure.savefig(picture, dpi=100, format="png")
    finally:
        plt.close(figure)
    try:
        atomic_write(path, picture.getvalue(), mode=0o666 & ~_umask())
    except OSError as exc:
        raise UserError(f"--png {path}: cannot write ({exc.strerror or exc})") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _as_list(axes: Any) -> list[Axes]:
    """plt.subplots gives one Axes for one row, an array of them for more."""
    return list(axes) if hasattr(axes, "__iter__") else [axes]
