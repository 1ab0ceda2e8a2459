"""Command-line interface: a thin Typer + Rich shell over the library API.

`main.py` builds the `overture` app; each `*_cmd.py` module registers one area's commands.
"""
