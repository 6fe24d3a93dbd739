"""The bundled sample scans with their truth, and their generator (``samples.generator``).

A package so that ``samples.generator`` and ``samples/generate.py`` have one module name
each (for mypy as for imports); nothing here is installed.
"""

from __future__ import annotations
