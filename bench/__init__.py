"""Benchmarks of the hub (`make bench`, bench/*.py) and the yardstick views of hub.settings.bench."""
