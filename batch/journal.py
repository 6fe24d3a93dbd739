"""The run journal: what is finished in an output folder, so a re-run does only the rest.

``OUT/.pismo/journal.jsonl`` gets one line per finished input, appended with a single
``write`` once the input's outputs are in place. A run killed at any moment (even with
SIGKILL) loses at most the line being written, which the next run ignores, and then
redoes that one input: its outputs are rewritten atomically, so nothing is lost or
doubled. Reading the journal of 10,000 letters takes a fraction of a second; an input
is skipped when

- its last entry says ``ok`` and its JSON output (or, for an input cut into letters, its
  ``.letters.json``) still exists,
- the run's fingerprint (pismo version, options, NER model) is the same, and
- the file is unchanged: same size and modification time, or else the same SHA-256
  (a copied archive keeps its content but not its times).

Failed inputs are tried again, and so are inputs with a page OCR gave up on after its
timeout: the file may have been fixed, or the failure (a timeout, a full disk) may not
recur.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from batch.files import atomic_write

FOLDER = ".pismo"
NAME = "journal.jsonl"


@dataclass(frozen=True, slots=True)
class SourceStamp:
    """What identifies an input's content: size, modification time and SHA-256."""

    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One finished input: its output name, stamp, run fingerprint and index entry."""

    name: str  # the output stem relative to OUT: the journal's key
    stamp: SourceStamp | None  # None when the input could not be read at all
    fingerprint: str
    index: Mapping[str, Any]  # the index.jsonl line
    # The files beside the JSON written under this fingerprint (".txt", ".alto.xml",
    # ".pdf", "previews"): one left from an earlier reading is not among them.
    outputs: tuple[str, ...] = ()
    # How it was cut into letters (``--split``); not in the fingerprint: another cut is
    # made from the stored OCR. Empty in journals older than it.
    split: str = ""

    def to_line(self) -> str:
        """The journal line (one JSON object and a newline)."""
        stamp: dict[str, int | str] | None = None
        if self.stamp is not None:
            stamp = {
                "size": self.stamp.size,
                "mtime_ns": self.stamp.mtime_ns,
                "sha256": self.stamp.sha256,
            }
        record = {
            "name": self.name,
            "stamp": stamp,
            "fingerprint": self.fingerprint,
            "index": self.index,
            "outputs": list(self.outputs),
            "split": self.split,
        }
        return json.dumps(record, ensure_ascii=False) + "\n"

    @classmethod
    def from_line(cls, line: str) -> Entry | None:
        """Parse a journal line; None for a damaged one (a run killed while writing it)."""
        try:
            record = json.loads(line)
            stamp = record["stamp"]
            return cls(
                record["name"],
                None if stamp is None else SourceStamp(**stamp),
                record["fingerprint"],
                record["index"],
                tuple(record.get("outputs", ())),
                str(record.get("split", "")),
            )
        except (ValueError, KeyError, TypeError):
            return None


def fingerprint(settings: Mapping[str, Any]) -> str:
    """A short hash of everything besides the input that decides an output."""
    text = json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Journal:
    """The journal of one output folder: read once at the start, appended as inputs finish."""

    def __init__(self, out: Path) -> None:
        self.path = out / FOLDER / NAME
        self.entries: dict[str, Entry] = {}
        if self.path.exists():
            with self.path.open(encoding="utf-8", errors="replace") as stream:
                for line in stream:
                    entry = Entry.from_line(line)
                    if entry is not None:
                        self.entries[entry.name] = entry  # the last entry of a name wins
        self._fd: int | None = None

    def compact(self) -> None:
        """Rewrite the journal with one entry per name (atomically), then open it to append.

        Entries of inputs not given this time are kept, so a re-run of part of a batch
        still knows the rest; the index lists the inputs of the last run only.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, "".join(entry.to_line() for entry in self.entries.values()))
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)

    def record(self, entry: Entry) -> None:
        """Append an entry with one ``write``: a kill leaves the line whole or absent."""
        self.entries[entry.name] = entry
        if self._fd is None:
            self.compact()
        assert self._fd is not None
        os.write(self._fd, entry.to_line().encode("utf-8"))

    def close(self) -> None:
        """Close the file (entries already written stay)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def finished(self, name: str, paths: Sequence[Path], output: Path, run: str) -> Entry | None:
        """The entry of an input that need not be redone, or None.

        Args:
            name: The input's output stem relative to OUT.
            paths: The input's file, or the page files joined into it.
            output: Its main JSON output.
            run: The fingerprint of this run.
        """
        entry = self.entries.get(name)
        if entry is None or entry.stamp is None or entry.fingerprint != run:
            return None
        if entry.index.get("status") != "ok" or entry.index.get("incomplete"):
            return None  # failed, or a page timed out: worth another try
        if not output.is_file():
            return None
        try:
            stats = [each.stat() for each in paths]
        except OSError:
            return None
        size, mtime_ns = sum(st.st_size for st in stats), max(st.st_mtime_ns for st in stats)
        if size != entry.stamp.size:
            return None
        if mtime_ns == entry.stamp.mtime_ns:
            return entry
        # Touched or copied: the content decides; the new time is remembered.
        if _content_sha(paths) != entry.stamp.sha256:
            return None
        return dataclasses.replace(entry, stamp=SourceStamp(size, mtime_ns, entry.stamp.sha256))


def stamp_of(path: Path | Sequence[Path]) -> SourceStamp:
    """Size and time first, then the hash: a file changed while hashed is redone next run.

    Page files joined into one input: their sizes added, the latest time, and the hash
    of their hashes in page order.
    """
    paths = (path,) if isinstance(path, Path) else tuple(path)
    stats = [each.stat() for each in paths]
    size, mtime_ns = sum(st.st_size for st in stats), max(st.st_mtime_ns for st in stats)
    return SourceStamp(size, mtime_ns, _content_sha(paths))


def _content_sha(paths: Sequence[Path]) -> str:
    """One file's SHA-256; of several, the SHA-256 of their hex digests joined."""
    if len(paths) == 1:
        return sha256_of(paths[0])
    joined = "\n".join(sha256_of(each) for each in paths)
    return hashlib.sha256(joined.encode("ascii")).hexdigest()


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
