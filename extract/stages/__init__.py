"""Extraction stages: each finds candidates for the fields it knows; none decides."""
