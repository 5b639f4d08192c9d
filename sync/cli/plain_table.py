"""A borderless table of plain text, printed as rich prints it, at the speed of joining strings.

`runlift history` prints one table per move, a row per session: ten years are five tables of a
thousand rows. rich lays out, wraps and pads every cell as a renderable of its own, which took
over a second for those; but a table without borders whose cells are plain text and fit the
width is only each cell padded to its column's width. :func:`print_table` writes those lines
itself, and hands the table to rich (:func:`rich_table`, the same table) whenever anything else
could matter: a cell with markup (``[``), a character whose width is not one cell (wide, zero
width, control), a table wider than the console (rich wraps cells then), a console rich treats
specially (legacy Windows), or a header that is styled and not plain.

rich stays the reference: the tests print random tables both ways, on consoles of many widths,
with and without colour, and compare the bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import starmap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

# The characters rich counts as one cell without looking them up (its own list, rich.cells):
# printable ASCII, Latin-1 and Latin Extended, Greek and Cyrillic; less the soft hyphen and "[",
# which rich's markup reads.
_ONE_CELL = frozenset(
    chr(code)
    for start, end in ((0x20, 0x7E), (0xA0, 0x2FF), (0x370, 0x482))
    for code in range(start, end + 1)
) - {"\u00ad", "["}
_PLAIN = _ONE_CELL.issuperset
# Between two columns: the right padding of one and the left padding of the next.
GAP = "  "


def rich_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int] = ()
) -> Table:
    """The table as rich lays it out: no border, no edge padding, cells left-justified;
    a column is at least as wide as ``widths`` says."""
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, box=None)
    for index, name in enumerate(header):
        table.add_column(name, min_width=widths[index] if widths else None)
    for row in rows:
        table.add_row(*row)
    return table


def print_table(console: Console, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print ``rows`` under ``header`` exactly as ``console.print(rich_table(header, rows))``."""
    widths = plain_widths(console, header, rows)
    if widths is None:
        console.print(rich_table(header, rows))
        return
    from rich.segment import Segment, Segments

    # The header row is rich's own (styled as it styles headers), laid out at the same widths;
    # the rows are plain text, written as they are (they fit: nothing to crop).
    console.print(rich_table(header, [], widths))
    if rows:
        console.print(Segments([Segment(plain_body(rows, widths))]), crop=False)


def plain_widths(
    console: Console, header: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[int] | None:
    """Each column's width (its widest cell), or None where rich's own layout is needed."""
    if console.legacy_windows or console.style or not header or not all(map(_PLAIN, header)):
        return None
    count = len(header)
    if any(len(row) != count for row in rows):
        return None
    widths = [len(name) for name in header]
    for index, column in enumerate(zip(*rows, strict=True)):
        if not _PLAIN("".join(column)):
            return None
        widths[index] = max(widths[index], *map(len, column))
    if not all(widths) or sum(widths) + len(GAP) * (count - 1) > console.width:
        return None
    return widths


def plain_body(rows: Sequence[Sequence[str]], widths: Sequence[int]) -> str:
    """The rows, each cell padded to its column's width, a line each."""
    line = GAP.join(f"{{:<{width}}}" for width in widths) + "\n"
    return "".join(starmap(line.format, rows))
