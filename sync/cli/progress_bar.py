"""The import's progress bar: files and MB done, drawn with rich on stderr."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from runlift.sync.importing import scan


class ProgressBar(scan.Progress):
    def __init__(self, console: Console, files: int, size: int, *, shown: bool = True) -> None:
        self._progress = Progress(
            TextColumn("importing"),
            BarColumn(),
            TextColumn("{task.fields[done]}/{task.fields[files]} files"),
            DownloadColumn(binary_units=False),
            TimeElapsedColumn(),
            console=console,
            disable=not shown,
        )
        self._task: TaskID = self._progress.add_task("import", total=size, done=0, files=files)
        self._done = 0
        self._files = files

    def add_total(self, files: int, size: int) -> None:
        self._files += files
        task = self._progress.tasks[self._task]
        self._progress.update(self._task, total=(task.total or 0) + size, files=self._files)

    def advance(self, files: int, size: int) -> None:
        self._done += files
        self._progress.update(self._task, advance=size, done=self._done)

    @property
    def files_done(self) -> int:
        """FIT files (and unreadable zips) looked at, those inside zips in zips included."""
        return self._done

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()
