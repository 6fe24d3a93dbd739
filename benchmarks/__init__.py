"""Measurements of pismo (run as scripts; importable by the tests)."""
