"""The `overture` console script's entry point: a plain ICCMA call is answered straight away.

`overture af -p DS-PR -f file.af -a 3` imports only the AF engine (a harness starts the
process once per instance); everything else goes to the Typer application in `cli.main`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run `overture` with the process's arguments."""
    argv = sys.argv[1:]
    if argv[:1] == ["af"] and len(argv) > 1 and argv[1].startswith("-"):
        from overture.cli.iccma import run_fast

        code = run_fast(argv[1:])
        if code is not None:
            sys.exit(code)
    from overture.cli.main import main as full_main

    full_main()


if __name__ == "__main__":
    main()
