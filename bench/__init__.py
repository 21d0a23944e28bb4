"""``make bench``: how fast the engine, the pages and the browser feel, as medians and ratios.

Run as ``python -m bench``. Prints one markdown table with the machine it ran on. Benchmarks are
not tests: a slow figure is reported, never a failure.
"""
