"""Output files: atomic writes, containment in the output folder, the folder's lock."""

from __future__ import annotations

import fcntl
import functools
import os
import re
import tempfile
from pathlib import Path
from typing import IO

TEMP_PREFIX = ".pismo-"
TEMP_SUFFIX = ".tmp"
# Exactly the names atomic_write makes: cleaning never touches another tool's files.
_TEMP_NAME = re.compile(r"\.pismo-[A-Za-z0-9_]+\.tmp")


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to a temporary file beside ``path`` and rename it into place.

    A reader (or a run killed half-way) sees either the old file or the new one, never a
    partial one; a kill leaves at most a hidden ``.pismo-*.tmp``, which the next run in
    that folder removes (:func:`remove_stale_temporaries`).
    """
    # A short fixed prefix, not the target's name: a long (Polish, two bytes a letter)
    # name that fits the file system must fit as a temporary name too.
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 would hide results from colleagues
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_stale_temporaries(out: Path) -> int:
    """Delete the temporary files a killed run left in ``out``; return how many."""
    removed = 0
    for root, _dirs, files in os.walk(out):
        for name in files:
            if _TEMP_NAME.fullmatch(name):
                Path(root, name).unlink(missing_ok=True)
                removed += 1
    return removed


def inside(out: Path, target: Path) -> bool:
    """Whether ``target``'s folder, symlinks followed, lies inside ``out``.

    Output names come from input names, which cannot hold ``..``; but a symlinked folder
    inside the output folder could still lead writes elsewhere.
    """
    root = out.resolve()
    folder = target.parent.resolve()
    return folder == root or root in folder.parents


class FolderLock:
    """An exclusive lock on an output folder: two runs must not write one folder at once."""

    def __init__(self, out: Path) -> None:
        self.path = out / ".pismo" / "lock"
        self._stream: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock; False if another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stream = self.path.open("a", encoding="utf-8")
        try:
            # A POSIX record lock belongs to this process alone: forked workers, which
            # may outlive a killed parent for a moment, do not keep the folder locked.
            fcntl.lockf(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            stream.close()
            return False
        self._stream = stream
        return True

    def release(self) -> None:
        """Let the lock go (the kernel also does when the process dies)."""
        if self._stream is not None:
            self._stream.close()
            self._stream = None
