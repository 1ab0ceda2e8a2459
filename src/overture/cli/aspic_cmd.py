"""CLI command `overture aspic`: evaluate an ASPIC+ theory file and explain a conclusion.

A thin shell over `overture.aspic`: justified conclusions as a Rich table (or JSON), and with
`--explain LITERAL` the argument tree for it with each attack on it and why it succeeds or fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from overture.cli.common import console, err_console, fail, print_json
from overture.errors import OvertureError


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.command("aspic")(aspic)


def aspic(
    theory_file: Annotated[
        Path, typer.Argument(help="Theory in the ASPIC+ text syntax (docs/aspic.md), or - for "
                                  "standard input.")
    ],
    semantics: Annotated[
        str,
        typer.Option("--semantics", "-s", help="grounded, preferred, stable, complete, "
                                               "semi-stable, stage or ideal."),
    ] = "grounded",
    link: Annotated[str, typer.Option(help="last or weakest (argument ordering).")] = "last",
    comparison: Annotated[
        str, typer.Option(help="elitist or democratic (set comparison).")
    ] = "elitist",
    unrestricted: Annotated[
        bool,
        typer.Option("--unrestricted-rebut",
                     help="Allow rebutting strict conclusions of defeasible arguments."),
    ] = False,
    transpose_rules: Annotated[
        bool, typer.Option("--transpose", help="Close the strict rules under transposition.")
    ] = False,
    explain: Annotated[
        str | None,
        typer.Option("--explain", "-e", metavar="LITERAL",
                     help="Show the arguments for LITERAL and their attackers."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    max_arguments: Annotated[
        int, typer.Option("--max-arguments", help="Stop with an error past this many arguments.")
    ] = 200_000,
) -> None:
    """Evaluate an ASPIC+ theory: which conclusions are justified, and why."""
    from overture.aspic import (
        Ordering,
        check_theory,
        evaluate,
        load_theory,
        parse_literal,
        transpose,
    )

    try:
        theory = load_theory(theory_file)
        if transpose_rules:
            theory = transpose(theory)
        ordering = Ordering.parse(link, comparison)
        target = parse_literal(explain) if explain is not None else None
        with err_console.status(f"Evaluating {theory_file.name} ({len(theory.rules)} rules)"):
            ev = evaluate(theory, semantics, ordering, restricted_rebut=not unrestricted,
                          max_arguments=max_arguments)
    except OvertureError as exc:
        fail(escape(str(exc)))
    issues = check_theory(theory)
    if as_json:
        print_json(_json(ev, issues, target))
        return
    for issue in issues:
        err_console.print(f"[yellow]warning:[/] {escape(str(issue))}", highlight=False,
                          soft_wrap=True)
    rows = _rows(ev)
    if len(rows) > MAX_TABLE_ROWS:  # a Rich table of 10^5 rows takes minutes: plain lines
        out = console.file
        out.write(f"# {_caption(ev)}\nconclusion\tstatus\targuments\n")
        out.writelines(f"{lit}\t{status}\t{n}\n" for lit, status, n in rows)
        out.flush()
    else:
        console.print(_table(ev, rows))
    if target is not None:
        console.print(_tree(ev, target))


#: Most conclusions drawn as a table; more are printed as tab-separated lines.
MAX_TABLE_ROWS = 2000
_STATUS_STYLE = {"skeptical": "green", "floating": "cyan", "credulous": "yellow"}


def _rows(ev: Any) -> list[tuple[str, str, int]]:
    """(conclusion, skeptical | floating | credulous, number of arguments), sorted."""
    from overture.aspic import Mode

    skeptical = ev.justified_conclusions(Mode.SKEPTICAL)
    credulous = ev.justified_conclusions(Mode.CREDULOUS)
    floating = ev.justified_conclusions(Mode.FLOATING)
    out = []
    for lit in sorted(credulous, key=str):
        status = ("skeptical" if lit in skeptical else "floating" if lit in floating
                  else "credulous")
        out.append((str(lit), status, len(ev.arguments_for(lit))))
    return out


def _caption(ev: Any) -> str:
    return (f"{ev.semantics.full_name} semantics, {ev.ordering}; {len(ev.arguments)} arguments, "
            f"{ev.af.num_attacks} defeats")


def _table(ev: Any, rows: list[tuple[str, str, int]]) -> Table:
    table = Table(title="Justified conclusions", caption=_caption(ev))
    table.add_column("conclusion", style="bold")
    table.add_column("status")
    table.add_column("arguments", justify="right")
    for lit, status, n in rows:
        table.add_row(escape(lit), f"[{_STATUS_STYLE[status]}]{status}[/]", str(n))
    if not rows:
        table.add_row("[dim](none)[/]", "", "")
    return table


_LABEL_STYLE = {"in": "green", "out": "red", "undec": "yellow"}


_STATUS = {
    "justified": "[green]justified[/]",
    "floating": "[cyan]justified in every extension, by different arguments[/]",
    "credulous": "[yellow]credulously justified (in some extensions)[/]",
    "not justified": "[red]not justified[/]",
}


def _tree(ev: Any, target: Any) -> Tree:
    from overture.aspic.explanation import explain

    ex = explain(ev, target)
    root = Tree(f"[bold]{escape(str(ex.literal))}[/]: {_STATUS[ex.status]}")
    if not ex.arguments:
        root.add("[dim]no argument concludes it[/]")
    for node in ex.arguments:
        branch = root.add(_arg_line(ev, node.argument))
        _add_structure(ev, node, branch, depth=0)
        _add_attacks(ev, node.attacks, branch)
    return root


def _add_attacks(ev: Any, attacks: Any, node: Tree) -> None:
    if not attacks:
        return
    att_node = node.add("[bold]attacked by[/]")
    for an in attacks:
        child = att_node.add(_attack_line(ev, an.attack))
        _add_attacks(ev, an.replies, child)
        if an.truncated:
            child.add("[dim]...[/]")


def _arg_line(ev: Any, arg: Any) -> str:
    label = ev.label(arg).value
    style = _LABEL_STYLE[label]
    how = (f"{arg.origin.value}" if arg.top_rule is None
           else f"rule {arg.top_rule.name} ({'strict' if arg.top_rule.strict else 'defeasible'})")
    return f"[{style}]{arg.name} {label.upper()}[/] {escape(str(arg.conclusion))}  [dim]by {how}[/]"


def _add_structure(ev: Any, node: Any, branch: Tree, depth: int) -> None:
    if depth > 12 and node.subs:
        branch.add("[dim]...[/]")
        return
    for sub in node.subs:
        _add_structure(ev, sub, branch.add(_arg_line(ev, sub.argument)), depth + 1)


def _attack_line(ev: Any, att: Any) -> str:
    a = ev.arguments[att.attacker]
    on = ev.arguments[att.on]
    head = escape(f"{a.name} ({a.conclusion}, {ev.label(a).value}) {att.kind.value}s "
                  f"{on.name} on {att.literal}")
    reason = {
        "undercut": "succeeds: an exception to the rule (undercuts always succeed)",
        "contrary": "succeeds: a contrary attack ignores preferences",
        "stronger": "succeeds: the attacker is preferred",
        "not-weaker": "succeeds: no preference makes the attacker weaker",
        "weaker": "fails: the attacker is weaker",
    }[att.reason.value]
    detail = ""
    if att.comparison is not None:
        pairs = ", ".join(f"{x} < {y}" for x, y in att.comparison.pairs)
        if att.comparison.empty:
            detail = f" ({att.comparison.basis}: the other side has none)"
        elif pairs:
            detail = f" ({att.comparison.basis}: {pairs})"
    colour = "red" if att.defeat else "dim"
    return f"[{colour}]{head}[/] - {reason}{escape(detail)}"


def _json(ev: Any, issues: list[Any], target: Any) -> dict[str, Any]:
    from overture.aspic import Mode

    out: dict[str, Any] = {
        "semantics": ev.semantics.value,
        "ordering": {"link": ev.ordering.link.value, "comparison": ev.ordering.comparison.value},
        "restricted_rebut": ev.restricted_rebut,
        "justified": {m.value: sorted(str(x) for x in ev.justified_conclusions(m)) for m in Mode},
        "arguments": [
            {
                "id": a.name,
                "conclusion": str(a.conclusion),
                "top_rule": a.top_rule.name if a.top_rule else None,
                "origin": a.origin.value,
                "subs": [ev.arguments[s].name for s in a.subs],
                "status": ev.status(a).value,
                "label": ev.label(a).value,
            }
            for a in ev.arguments
        ],
        "defeats": [[ev.arguments[x].name, ev.arguments[y].name] for x, y in ev.af.attacks()],
        "extensions": [sorted(ev.arguments[i].name for i in e) for e in ev.extensions],
        "warnings": [{"kind": i.kind.value, "message": i.message} for i in issues],
    }
    if target is not None:
        from overture.aspic.explanation import explain

        ex = explain(ev, target)
        out["explain"] = {
            "literal": str(ex.literal),
            "status": ex.status,
            "justified": ex.status == "justified",
            "arguments": [
                {"id": node.argument.name, "label": node.label.value,
                 "attacks": [_attack_json(ev, an) for an in node.attacks]}
                for node in ex.arguments
            ],
        }
    return out


def _attack_json(ev: Any, an: Any) -> dict[str, Any]:
    t = an.attack
    return {
        "attacker": an.attacker.name,
        "attacker_label": an.attacker_label.value,
        "on": ev.arguments[t.on].name,
        "kind": t.kind.value,
        "literal": str(t.literal),
        "defeat": t.defeat,
        "reason": t.reason.value,
        "preferences": [list(p) for p in t.comparison.pairs] if t.comparison else [],
        "replies": [_attack_json(ev, r) for r in an.replies],
    }
