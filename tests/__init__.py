"""pismo's test suite (a package, so its modules have unique names: tests.<module>)."""
