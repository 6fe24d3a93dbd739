"""Batch progress: a bar on a terminal, periodic log lines in a log, nothing with ``-q``."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

log = logging.getLogger("pismo")
LOG_EVERY_S = 30.0  # a line per half-minute in a batch log: enough to see it move


class Progress:
    """Counts finished inputs and pages and shows them.

    Args:
        total: Inputs in the batch.
        done: Inputs already finished by an earlier run (shown as done from the start).
        mode: ``"bar"`` (a terminal), ``"log"`` or ``"off"``.
    """

    def __init__(self, total: int, done: int = 0, mode: str = "log") -> None:
        self.total = total
        self.done = done
        self.skipped = done
        self.pages = 0
        self.failed = 0
        self.mode = mode
        self.started = time.monotonic()
        self._last_log = self.started
        self._bar: Any = None
        if mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, initial=done, unit="doc", dynamic_ncols=True, file=sys.stderr
            )

    def update(self, pages: int, ok: bool) -> None:
        """One more input finished."""
        self.done += 1
        self.pages += pages
        self.failed += not ok
        if self._bar is not None:
            self._bar.set_postfix(pages=self.pages, failed=self.failed, refresh=False)
            self._bar.update(1)
        elif self.mode == "log" and time.monotonic() - self._last_log >= LOG_EVERY_S:
            self._last_log = time.monotonic()
            log.info("%s", self.summary())

    def summary(self) -> str:
        """``"120/1000 inputs, 340 pages, 2.1 pages/s, 1 failed, ETA 7 min"``."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        fresh = self.done - self.skipped
        rate = self.pages / elapsed
        line = f"{self.done}/{self.total} inputs, {self.pages} pages, {rate:.1f} pages/s"
        if self.failed:
            line += f", {self.failed} failed"
        if fresh > 0 and self.done < self.total:
            remaining = (self.total - self.done) * elapsed / fresh
            line += f", ETA {_duration(remaining)}"
        return line

    def write(self, message: str) -> None:
        """Print a message without breaking the bar."""
        if self._bar is not None:
            self._bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        """Finish the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class BarHandler(logging.Handler):
    """A logging handler that prints through the bar, so messages do not tear it.

    Records marked ``extra={BarHandler.QUIET: True}`` (a line per finished letter) are
    left to the log file: the bar says the same, and they would scroll it away.
    """

    QUIET = "pismo_quiet_under_bar"

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        """Print one record above the bar."""
        if getattr(record, self.QUIET, False) and record.levelno < logging.WARNING:
            return
        try:
            self.progress.write(self.format(record))
        except Exception:  # noqa: BLE001 - logging must never end the batch
            self.handleError(record)
