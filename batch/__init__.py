"""Batch runs: the run journal (resume), output files, executors (local, Dask) and progress.

:mod:`pipeline` plans a batch and owns the CLI; the per-document work is
:func:`pipeline.work`, which only computes. Workers (local processes or Dask) return
their results to the one process that writes every output, the journal and the index,
so a batch has exactly one writer whatever executes it.
"""
