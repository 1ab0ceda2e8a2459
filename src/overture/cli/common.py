"""Helpers shared by the command modules: consoles, error reporting, exit codes.

Bad input ends in a one-line message naming the place (`file:line:col: error: ...`) and exit 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from overture.doctrines import DEFAULT_DOCTRINE
from overture.errors import Cancelled, InputError, LimitExceeded, OvertureError

if TYPE_CHECKING:
    from overture.doctrine import Doctrine, Scenario

console = Console()
err_console = Console(stderr=True)

EXIT_INPUT = 2

T = TypeVar("T")


def fail(error: OvertureError | str) -> NoReturn:
    """Print an error in red on stderr and exit with its class's exit code (2 for a message)."""
    err_console.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False,
                      soft_wrap=True)
    raise typer.Exit(error.exit_code if isinstance(error, OvertureError) else EXIT_INPUT)


def guard(fn: Callable[[], T]) -> T:
    """Run `fn`; an Overture error becomes the one-line message and exit code 2."""
    try:
        return fn()
    except OvertureError as exc:
        fail(exc)


@contextmanager
def flag_hint(hint: str) -> Iterator[None]:
    """Add what to change on the command line to a limit the library reports."""
    try:
        yield
    except Cancelled:
        raise
    except LimitExceeded as exc:
        raise LimitExceeded(f"{exc.message}; {hint}", exc.location) from None


def stop_after(seconds: float | None) -> Callable[[], bool] | None:
    """A `should_stop` signal that turns true `seconds` from now (None: never)."""
    if seconds is None:
        return None
    import time

    ends = time.monotonic() + seconds
    return lambda: time.monotonic() >= ends


#: Largest JSON text coloured by Rich; past it (or off a terminal) it is written as it is:
#: Rich's highlighter takes about 40 times the text's size in memory.
MAX_COLOURED_JSON = 256 * 1024


def print_json(data: Any) -> None:
    """Print `data` as indented JSON (non-JSON values as strings, UTF-8 kept), coloured on a
    terminal when small."""
    text = json.dumps(data, default=str, ensure_ascii=False, indent=2)
    if console.is_terminal and len(text) <= MAX_COLOURED_JSON:
        console.print_json(text)
        return
    out = console.file
    out.write(text)
    out.write("\n")
    out.flush()


class CommandGroup:
    """The commands a module defines at module level, added to the app by `register(app)`."""

    def __init__(self) -> None:
        self.commands: list[tuple[str, Callable[..., Any]]] = []

    def command(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        """Mark a module-level function as the command `name`."""

        def add(fn: Callable[..., T]) -> Callable[..., T]:
            self.commands.append((name, fn))
            return fn

        return add

    def register(self, app: typer.Typer) -> None:
        """Add every marked command to `app`."""
        for name, fn in self.commands:
            app.command(name)(fn)


VERDICT_COLOURS = {"permitted": "green", "forbidden": "red", "contested": "yellow",
                   "undecided": "magenta"}


def verdict_markup(v: str) -> str:
    """A verdict in bold in its colour (Rich markup)."""
    return f"[bold {VERDICT_COLOURS.get(v, 'white')}]{v}[/]"


# Options shared by the commands that judge a scenario (one spelling, one help text).
SEMANTICS_NAMES = ("grounded", "preferred", "stable", "complete", "semi-stable", "stage",
                   "ideal")


def complete_from(*names: str) -> Callable[[str], list[str]]:
    """A completion function offering `names` (for flags with a fixed set of values)."""
    return lambda incomplete: [n for n in names if n.startswith(incomplete.lower())]


def _complete_doctrine(incomplete: str) -> list[str]:
    from overture.doctrine import list_shipped_doctrines

    return [d for d in list_shipped_doctrines() if d.startswith(incomplete)]


def _complete_scenario(ctx: typer.Context, incomplete: str) -> list[str]:
    """The example scenarios of the doctrine named so far on the line (or the default)."""
    from overture.doctrine import doctrine_scenarios, load_doctrine

    try:
        d = load_doctrine(ctx.params.get("doctrine") or DEFAULT_DOCTRINE)
    except OvertureError:
        return []
    return [n for n in doctrine_scenarios(d) if n.startswith(incomplete)]


DoctrineOpt = Annotated[
    str, typer.Option("--doctrine", "-d", help="Shipped doctrine name or doctrine YAML path.",
                      autocompletion=_complete_doctrine)
]
#: The doctrine as an option where a command also takes it positionally (`check`,
#: `hypotheses`): either way works.
DoctrineFlag = Annotated[
    str | None, typer.Option("--doctrine", "-d", help="The doctrine (same as the argument).",
                             autocompletion=_complete_doctrine)
]
SemanticsOpt = Annotated[
    str,
    typer.Option("--semantics", "-s", metavar="[" + "|".join(SEMANTICS_NAMES) + "]",
                 help="The argumentation semantics (ICCMA abbreviations such as GR, PR also "
                      "work).", autocompletion=complete_from(*SEMANTICS_NAMES)),
]


def doctrine_from(positional: str, flag: str | None) -> str:
    """The doctrine given as an argument or as -d (the same one if both)."""
    if flag is not None and positional not in (flag, DEFAULT_DOCTRINE):
        raise InputError(f"two doctrines given: {positional!r} and -d {flag!r}")
    return flag if flag is not None else positional
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of Rich output.")]
def _complete_view(ctx: typer.Context, incomplete: str) -> list[str]:
    """The views of the doctrine named so far on the line (or the default)."""
    from overture.doctrine import load_doctrine

    try:
        d = load_doctrine(ctx.params.get("doctrine") or DEFAULT_DOCTRINE)
    except OvertureError:
        return []
    return [v.id for v in d.views if v.id.startswith(incomplete)]


ViewOpt = Annotated[
    str | None, typer.Option("--view", help="Override the scenario's view (all, official, ...).",
                             autocompletion=_complete_view)
]
ScenarioArg = Annotated[
    str,
    typer.Argument(help="Scenario file (YAML/JSON), the name of a shipped example, or - for "
                        "standard input.", autocompletion=_complete_scenario),
]
ActionOpt = Annotated[
    str | None,
    typer.Option("--action", "-A", help="The action judged (one the doctrine's `actions` "
                                         "lists; default: its first)."),
]
StatedOnlyOpt = Annotated[
    bool,
    typer.Option("--stated-only", help="Leave out the rules marked `reading: inferred` (the "
                                       "analyst's own readings)."),
]


def scenario_choices(scenario: Scenario, doctrine: Doctrine, action: str | None,
                     stated_only: bool) -> Scenario:
    """The scenario with the command line's `--action` and `--stated-only` applied, checked."""
    update: dict[str, Any] = {}
    if action is not None:
        update["action"] = action
    if stated_only:
        update["stated_only"] = True
    if not update:
        return scenario
    changed = scenario.model_copy(update=update)
    doctrine.check_scenario(changed)
    return changed


def load_inputs(scenario: str, doctrine: str, action: str | None = None,
                stated_only: bool = False) -> tuple[Doctrine, Scenario]:
    """The doctrine and the scenario a command names (see `overture.doctrine.resolve`), with
    `--action` and `--stated-only` applied."""
    from overture.doctrine.resolve import resolve

    d, s = resolve(scenario, doctrine)
    return d, scenario_choices(s, d, action, stated_only)
