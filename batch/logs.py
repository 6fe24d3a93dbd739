"""Where a run's log lines go: the console, a progress bar while it shows, the run's file.

One :class:`RunLog` per command: it owns its handlers and removes them when the command
ends, so that ``main`` called again (tests call it in-process) starts clean, and nothing
swaps a module-level handler.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from batch.progress import BarHandler, Progress

LOG_FILE = "pismo.log"
_FORMAT = "%(levelname)s %(message)s"
log = logging.getLogger("pismo")
# Tracebacks of failed inputs: to the run's log file with -v, never to the console.
trace = logging.getLogger("pismo.trace")
trace.propagate = False


class RunLog:
    """The log handlers of one command."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.level = logging.DEBUG if verbose else (logging.ERROR if quiet else logging.INFO)
        self.verbose = verbose
        self.console: logging.Handler = logging.StreamHandler(sys.stderr)
        self.console.setLevel(self.level)
        self.console.setFormatter(logging.Formatter(_FORMAT))
        self._file: logging.Handler | None = None
        root = logging.getLogger()
        root.addHandler(self.console)
        # Handlers filter; the root passes INFO even under -q, for the run's log file.
        root.setLevel(min(self.level, logging.INFO))
        logging.getLogger("distributed").setLevel(logging.WARNING)  # Dask is chatty at INFO

    def through(self, progress: Progress | None) -> None:
        """Route console lines through the progress bar while it shows (None: back)."""
        root = logging.getLogger()
        for handler in list(root.handlers):
            if isinstance(handler, BarHandler):
                root.removeHandler(handler)
        if progress is not None and progress.mode == "bar":
            bar = BarHandler(progress)
            bar.setLevel(self.level)
            bar.setFormatter(logging.Formatter(_FORMAT))
            root.removeHandler(self.console)
            root.addHandler(bar)
        elif progress is None and self.console not in root.handlers:
            root.addHandler(self.console)

    def to_file(self, out: Path) -> None:
        """Also log the run to ``OUT/pismo.log``; with -v with debug lines and tracebacks."""
        try:
            handler = logging.FileHandler(out / LOG_FILE, encoding="utf-8")
        except OSError as e:
            log.warning("%s: cannot write the log file (%s)", out / LOG_FILE, e)
            return
        handler.setLevel(logging.DEBUG if self.verbose else logging.INFO)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logging.getLogger().addHandler(handler)
        if self.verbose:
            trace.addHandler(handler)  # tracebacks go to the file, never to the console
        self._file = handler

    def close_file(self) -> None:
        """Stop logging to the run's file."""
        if self._file is not None:
            logging.getLogger().removeHandler(self._file)
            trace.removeHandler(self._file)
            self._file.close()
            self._file = None

    def close(self) -> None:
        """Remove every handler of this command."""
        self.through(None)
        self.close_file()
        logging.getLogger().removeHandler(self.console)
