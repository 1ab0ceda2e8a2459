"""The AF benchmark: instance generators, solver adapters, clingo encodings, answer checking.

Run it with `benchmarks/af/run.py`; nothing here is imported by the `overture` package.
"""
