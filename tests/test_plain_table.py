"""`runlift history`'s tables are printed without rich's per-cell layout (sync/cli/plain_table.py)
and read byte for byte as rich prints them: random tables, on consoles of many widths, at a
terminal and not, with and without colour, are printed both ways and compared."""

from __future__ import annotations

import io
import random

from rich.console import Console

from runlift.sync.cli.output import UNWRAPPED_WIDTH, console_for
from runlift.sync.cli.plain_table import plain_widths, print_table, rich_table

# What cells may hold: the plain text runlift writes, and every kind rich treats specially.
PLAIN = "abcxyzABC0123456789 .,:;@/()-+x'\"!?%&*=_~#"
SPECIAL = (
    "[]\\",  # markup
    "äöüéèñøœłß·×–—’",  # one cell, beyond ASCII
    "日本語トレーニング한국어😀🏃",  # two cells
    "\u0301\u200b\u200d\ufe0f\u00ad",  # zero width, soft hyphen
    "\t\n\r\x1b\x07\x00",  # control
)
CASES = 800


def cell(rng: random.Random, alphabet: str) -> str:
    text = "".join(rng.choice(alphabet) for _ in range(rng.choice((0, 1, 3, 8, 20, 45))))
    if rng.random() < 0.05:
        text = f" {text} "
    return text


def table(rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """A table of plain cells, or (one in four) with some special ones among them."""
    special = rng.random() < 0.25
    columns = rng.randint(1, 4)

    def any_cell() -> str:
        return cell(rng, PLAIN + rng.choice(SPECIAL) if special and rng.random() < 0.3 else PLAIN)

    header = [rng.choice(("Date", "Sets", "Next", "", "Ü", "日付", "[x]", "a b"))]
    header += [any_cell() or "X" for _ in range(columns - 1)]
    rows = [[any_cell() for _ in range(columns)] for _ in range(rng.randint(0, 6))]
    return header, rows


def console(rng: random.Random) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    if rng.random() < 0.2:
        return console_for(out), out  # runlift's own: off a terminal, unwrapped
    return (
        Console(
            file=out,
            width=rng.choice((1, 5, 12, 20, 40, 80, 80, 120, 120, 200, UNWRAPPED_WIDTH)),
            force_terminal=rng.random() < 0.5,
            color_system=rng.choice((None, "standard", "256", "truecolor")),
            soft_wrap=rng.random() < 0.5,
            highlight=False,
            emoji=False,
        ),
        out,
    )


def test_random_tables_print_as_rich_prints_them() -> None:
    rng = random.Random("plain-table")
    fast = 0
    for _ in range(CASES):
        header, rows = table(rng)
        seed = rng.random()
        ours, ours_out = console(random.Random(seed))
        theirs, theirs_out = console(random.Random(seed))
        print_table(ours, header, rows)
        theirs.print(rich_table(header, rows))
        assert ours_out.getvalue() == theirs_out.getvalue(), (header, rows, ours.width)
        fast += plain_widths(ours, header, rows) is not None
    # Most tables take the fast path: the comparison is about it, not about rich against itself.
    assert fast > CASES // 3


def test_a_long_history_table_is_the_same_as_riches() -> None:
    rng = random.Random("history")
    rows = [
        [
            f"20{rng.randint(10, 30)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            f"{rng.randint(1, 3)} x {rng.randint(5, 20)} @ {rng.choice((20, 42.5, 45))} kg",
            rng.choice(("not every set at 12: keep 40 kg, aim for 10 reps", "hold 35 s", "")),
        ]
        for _ in range(2000)
    ]
    for width in (80, 120, UNWRAPPED_WIDTH):
        ours, theirs = io.StringIO(), io.StringIO()
        print_table(Console(file=ours, width=width), ("Date", "Sets", "Next"), rows)
        Console(file=theirs, width=width).print(rich_table(("Date", "Sets", "Next"), rows))
        assert ours.getvalue() == theirs.getvalue()
