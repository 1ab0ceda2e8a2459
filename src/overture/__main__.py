"""`python -m overture`: the same as the `overture` command."""

from overture.cli.entry import main

main()
