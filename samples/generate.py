#!/usr/bin/env python3
"""Synthetic "scanned" Polish municipal letters: the command line of ``samples/generator/``.

Usage::

    python samples/generate.py standard --out samples
    python samples/generate.py corpus --out /tmp/corpus --count 40 --seed 7 \
        --pages-min 1 --pages-max 3 --formats pdf,tif,png,jpg

The generator itself is the package :mod:`samples.generator` (its docstring describes the
modules); code imports that. This file is the entry point the Makefile runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__" and not __package__:
    # Run as a script, Python puts samples/ first on sys.path, not the repository root that
    # holds the samples.generator package.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samples.generator import main  # noqa: E402 (after the sys.path fix above)

if __name__ == "__main__":
    sys.exit(main())
