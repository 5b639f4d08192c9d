"""Every limit runlift keeps on what it reads, in one place.

Calendars, feeds, service answers, FIT files, zips, the config and runlift's own files come from
someone else: a server, a watch, a download, a file a program put in the data folder. Each
reader keeps the limits below, so a hostile or broken input ends in one line (or a skipped
item with a line) instead of a hang, gigabytes of memory or disk, or a traceback. The manual's
table of limits is generated from ``LIMITS`` (``markdown_table``), so it cannot drift.

Sizes are counted after decoding (a gzip body or a zip member by what it inflates to).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

KiB: Final = 1024
MiB: Final = 1024 * KiB

# -- calendars (files, feeds, the calendar file runlift writes and reads back)
CALENDAR_BYTES: Final = 10 * MiB
CALENDAR_LINES: Final = 100_000
CALENDAR_EVENTS: Final = 2_000
CALENDAR_ITEMS: Final = 10_000
CALENDAR_OCCURRENCES: Final = 5_000
TIMEZONE_RULE_TIMES_PER_YEAR: Final = 64
TIMEZONE_DATES: Final = 1_000
OWN_CALENDAR_BYTES: Final = 5 * MiB

# -- text read from any source (calendar events, intervals.icu, Strava, Garmin Connect)
TITLE_CHARS: Final = 300
TEXT_CHARS: Final = 600

# -- dates read from any source
FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 2999

# -- remote calls (Garmin Connect, Strava, intervals.icu, calendar feeds)
FEED_CALL_S: Final = 15.0
REMOTE_CALL_S: Final = 20.0
REDIRECTS: Final = 5
LIST_PAGES: Final = 50
JSON_BYTES: Final = 4 * MiB
JSON_DEPTH: Final = 64
DOWNLOAD_BYTES: Final = 64 * MiB
# SQLite's INTEGER: a number beyond it is no id or count any service sends.
LARGEST_INTEGER: Final = 2**63 - 1

# -- FIT files and zips (runlift import)
FIT_BYTES: Final = 64 * MiB
ZIP_MEMBERS: Final = 200_000
ZIP_NESTING: Final = 4
ZIP_SPOOL_BYTES: Final = 8 * MiB
IMPORT_TEMP_FACTOR: Final = 4
IMPORT_TEMP_FLOOR_BYTES: Final = 64 * MiB

# -- runlift's own files and the config
CONFIG_BYTES: Final = 1 * MiB
OWN_FILE_BYTES: Final = 1 * MiB
STATE_STATEMENT_S: Final = 20.0

# -- typed input
INPUT_LINE_CHARS: Final = 4_096


@dataclass(frozen=True)
class Limit:
    name: str
    shown: str
    what: str


def size_text(value: int) -> str:
    """A size as messages show it: "10 MiB", "512 KiB"."""
    return f"{value / MiB:g} MiB" if value >= MiB else f"{value / KiB:g} KiB"


LIMITS: Final = (
    Limit(
        "CALENDAR_BYTES",
        size_text(CALENDAR_BYTES),
        "a calendar file or feed (`--runs`, `plan.runs`), after decompression",
    ),
    Limit(
        "CALENDAR_LINES",
        f"{CALENDAR_LINES:,} lines",
        "a calendar's lines, folded continuation lines included",
    ),
    Limit(
        "CALENDAR_EVENTS",
        f"{CALENDAR_EVENTS:,} events",
        "a calendar's events (each is read for its words)",
    ),
    Limit(
        "CALENDAR_ITEMS",
        f"{CALENDAR_ITEMS:,} items",
        "a calendar's events, to-dos, alarms, time zones and other components together",
    ),
    Limit(
        "CALENDAR_OCCURRENCES",
        f"{CALENDAR_OCCURRENCES:,}",
        "occurrences of runs and rest days read for one plan window (a repeating event counts "
        "each time)",
    ),
    Limit(
        "TIMEZONE_RULE_TIMES_PER_YEAR",
        f"{TIMEZONE_RULE_TIMES_PER_YEAR} a year",
        "changes of clock a calendar's own time zone (VTIMEZONE) may make; one that changes "
        "more often is read as a fixed offset",
    ),
    Limit(
        "TIMEZONE_DATES",
        f"{TIMEZONE_DATES:,}",
        "dates listed in one calendar time zone (RDATE); more is read as a fixed offset",
    ),
    Limit(
        "OWN_CALENDAR_BYTES",
        size_text(OWN_CALENDAR_BYTES),
        "the calendar file runlift writes (`--ics`, `daemon.ics_path`), read back before "
        "rewriting it",
    ),
    Limit(
        "TITLE_CHARS",
        f"{TITLE_CHARS:,} characters",
        "a title read from any source (calendar event, intervals.icu, Strava, Garmin "
        "Connect); the rest is not read",
    ),
    Limit(
        "TEXT_CHARS",
        f"{TEXT_CHARS:,} characters",
        "a description or note read from any source; the rest is not read",
    ),
    Limit(
        "FIRST_YEAR",
        str(FIRST_YEAR),
        "the earliest year a date may have; an event or answer dated earlier is left out "
        "with a note",
    ),
    Limit(
        "LAST_YEAR",
        str(LAST_YEAR),
        "the latest year a date may have; later ends are cut at the end of the year, later "
        "starts are left out with a note",
    ),
    Limit(
        "FEED_CALL_S",
        f"{FEED_CALL_S:g} s",
        "one calendar feed request, from connecting to the last byte, redirects and headers "
        "included",
    ),
    Limit(
        "REMOTE_CALL_S",
        f"{REMOTE_CALL_S:g} s",
        "one call to Garmin Connect, Strava or intervals.icu, from connecting to the last byte, "
        "redirects, headers and read retries included (`garmin.timeout_seconds`, "
        "`strava.timeout_seconds`, `intervals.timeout_seconds`)",
    ),
    Limit("REDIRECTS", str(REDIRECTS), "redirects followed for one request"),
    Limit(
        "LIST_PAGES",
        f"{LIST_PAGES} pages",
        "pages of Strava activities read for one stretch of history (10,000 activities); a "
        "server that never sends its last page is stopped there",
    ),
    Limit(
        "JSON_BYTES",
        size_text(JSON_BYTES),
        "one JSON answer of Garmin Connect, Strava or intervals.icu, after decompression",
    ),
    Limit(
        "JSON_DEPTH",
        f"{JSON_DEPTH} levels",
        "lists and objects inside each other in one JSON answer or file",
    ),
    Limit(
        "LARGEST_INTEGER",
        "2^63 - 1",
        "the largest whole number read from an answer; a larger one, infinity or NaN is read "
        "as missing",
    ),
    Limit(
        "DOWNLOAD_BYTES",
        size_text(DOWNLOAD_BYTES),
        "one file downloaded from Garmin Connect (an activity's original FIT zip, a workout's "
        "FIT), after decompression",
    ),
    Limit(
        "FIT_BYTES",
        size_text(FIT_BYTES),
        "one FIT file or zip member read by `runlift import`; a bigger one is skipped with a line",
    ),
    Limit(
        "ZIP_MEMBERS",
        f"{ZIP_MEMBERS:,}",
        "files listed in one zip; a zip listing more is skipped with a line, before any is read",
    ),
    Limit("ZIP_NESTING", f"{ZIP_NESTING} levels", "zips inside zips"),
    Limit(
        "ZIP_SPOOL_BYTES",
        size_text(ZIP_SPOOL_BYTES),
        "a zip inside a zip held in memory; a bigger one is copied to a temporary file",
    ),
    Limit(
        "IMPORT_TEMP_FACTOR",
        f"{IMPORT_TEMP_FACTOR} x the input",
        "temporary disk (or memory) one `runlift import` uses for zips inside zips; the zips "
        "past it are skipped with a line",
    ),
    Limit(
        "IMPORT_TEMP_FLOOR_BYTES",
        size_text(IMPORT_TEMP_FLOOR_BYTES),
        "the temporary space an import may use for zips inside zips however small its input",
    ),
    Limit("CONFIG_BYTES", size_text(CONFIG_BYTES), "the config file"),
    Limit(
        "OWN_FILE_BYTES",
        size_text(OWN_FILE_BYTES),
        "each of runlift's own JSON files in its data folder (sign-ins, pauses, counts)",
    ),
    Limit(
        "STATE_STATEMENT_S",
        f"{STATE_STATEMENT_S:g} s",
        "one read or write of the state file; a longer one is stopped with a line",
    ),
    Limit(
        "INPUT_LINE_CHARS",
        f"{INPUT_LINE_CHARS:,} characters",
        "a line typed or piped in at a sign-in prompt",
    ),
)


def markdown_table() -> str:
    """The manual's table of limits."""
    rows = ["| Limit | What it bounds |", "| --- | --- |"]
    rows += [f"| {limit.shown} | {limit.what} |" for limit in LIMITS]
    return "\n".join(rows) + "\n"


def clipped(text: str, chars: int) -> str:
    """``text`` cut to ``chars`` characters: the part a reader looks at."""
    return text if len(text) <= chars else text[:chars]


def title(text: str) -> str:
    return clipped(text, TITLE_CHARS)


def description(text: str) -> str:
    return clipped(text, TEXT_CHARS)


def year_in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


if __name__ == "__main__":
    print(markdown_table(), end="")
