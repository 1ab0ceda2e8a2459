"""The compact text syntax for ASPIC+ theories: a tokenizer and a parser (the printer,
`format_theory`, lives beside `Theory` and is re-exported here).

Statements end with `;`, `#` starts a comment. See docs/aspic.md for the grammar; every error
names the line and column where the input stopped making sense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from overture.aspic.language import InferenceRule, Literal
from overture.aspic.preferences import PreferenceCycleError
from overture.aspic.theory import Theory, format_theory
from overture.errors import InputError, LimitExceeded, SourceLocation, decode_utf8

_TOKEN = re.compile(
    r"(?P<ws>[ \t\r]+)|(?P<nl>\n)|(?P<comment>#[^\n]*)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.']*)"
    r"|(?P<op>->|=>|<=|<>|[~\[\],;:<^])"
)
_KEYWORDS = {"axiom", "axioms", "premise", "premises"}


@dataclass(frozen=True)
class Token:
    kind: str  # "name", "op" or "eof"
    text: str
    line: int
    column: int


def tokenize(text: str, path: str | None = None) -> list[Token]:
    """Split `text` into tokens; an unexpected character raises InputError at its place."""
    tokens: list[Token] = []
    line, line_start, pos = 1, 0, 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise InputError(
                f"unexpected character {text[pos]!r}",
                SourceLocation(path, line, pos - line_start + 1),
            )
        kind = m.lastgroup
        assert kind is not None
        if kind == "nl":
            line += 1
            line_start = m.end()
        elif kind in ("name", "op"):
            tokens.append(Token(kind, m.group(), line, m.start() - line_start + 1))
        pos = m.end()
    tokens.append(Token("eof", "end of input", line, pos - line_start + 1))
    return tokens


@dataclass(frozen=True)
class _Pref:
    left: Token
    right: Token
    left_lit: Literal
    right_lit: Literal
    strict: bool


class _Parser:
    def __init__(self, text: str, path: str | None) -> None:
        self.path = path
        self.tokens = tokenize(text, path)
        self.i = 0
        self.rules: list[InferenceRule] = []
        self.rule_tokens: dict[str, Token] = {}
        self.axioms: dict[Literal, Token] = {}
        self.premises: dict[Literal, Token] = {}
        self.contraries: set[tuple[Literal, Literal]] = set()
        self.prefs: list[_Pref] = []
        self.pending: list[tuple[str | None, tuple[Literal, ...], Literal, bool]] = []

    # -- token helpers ------------------------------------------------------------------------
    def loc(self, tok: Token) -> SourceLocation:
        return SourceLocation(self.path, tok.line, tok.column)

    def error(self, tok: Token, message: str) -> InputError:
        return InputError(message, self.loc(tok))

    def peek(self, k: int = 0) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def take(self) -> Token:
        tok = self.peek()
        self.i += 1
        return tok

    def expect(self, text: str, what: str | None = None) -> Token:
        tok = self.peek()
        if tok.text != text or tok.kind == "eof":
            raise self.error(tok, f"expected {what or repr(text)}, found {tok.text!r}")
        return self.take()

    def name(self, what: str) -> Token:
        tok = self.peek()
        if tok.kind != "name":
            raise self.error(tok, f"expected {what}, found {tok.text!r}")
        return self.take()

    def literal(self) -> tuple[Literal, Token]:
        start = self.peek()
        negated = False
        if start.text == "~":
            self.take()
            negated = True
            if self.peek().text == "~":
                raise self.error(self.peek(), "double negation: write p instead of ~~p")
        if self.peek().text == "[":
            self.take()
            nm = self.name("a rule name inside [ ]")
            self.expect("]", "']' closing the rule name")
            return Literal(f"[{nm.text}]", negated), start
        tok = self.peek()
        if tok.kind != "name":
            raise self.error(tok, f"expected a literal (p, ~p or ~[rule]), found {tok.text!r}")
        self.take()
        return Literal(tok.text, negated), start

    def literal_list(self) -> list[tuple[Literal, Token]]:
        out = [self.literal()]
        while self.peek().text == ",":
            self.take()
            out.append(self.literal())
        return out

    def end_statement(self) -> None:
        tok = self.peek()
        if tok.text != ";":
            raise self.error(tok, f"expected ';' to end the statement, found {tok.text!r}")
        self.take()

    # -- statements ---------------------------------------------------------------------------
    def parse(self) -> Theory:
        while self.peek().kind != "eof":
            self.statement()
        return self.build()

    def statement(self) -> None:
        tok = self.peek()
        nxt = self.peek(1)
        if tok.text == "[" and self.peek(2).text == "]" and self.peek(3).text not in (
            "^", "<>", ",", ";", "<", "<="
        ):
            self.take()
            nm = self.name("a rule name")
            self.expect("]")
            self.rule_body(nm)
        elif tok.kind == "name" and tok.text in _KEYWORDS and nxt.text == ":":
            self.take()
            self.take()
            target = self.axioms if tok.text.startswith("axiom") else self.premises
            for lit, ltok in self.literal_list():
                target.setdefault(lit, ltok)
            self.end_statement()
        elif tok.text in ("->", "=>"):
            self.rule_body(None)
        else:
            self.after_literals()

    def after_literals(self) -> None:
        items = self.literal_list()
        op = self.peek()
        if op.text in ("->", "=>"):
            self.finish_rule(None, items)
            return
        if len(items) != 1:
            raise self.error(op, f"expected '->' or '=>' after the antecedents, found {op.text!r}")
        lit, ltok = items[0]
        if op.text == "^":
            self.take()
            for target, _ in self.literal_list():
                self.contraries.add((lit, target))
            self.end_statement()
        elif op.text == "<>":
            self.take()
            other, _ = self.literal()
            self.contraries.add((lit, other))
            self.contraries.add((other, lit))
            self.end_statement()
        elif op.text in ("<", "<="):
            left_lit, left_tok = lit, ltok
            while self.peek().text in ("<", "<="):
                strict = self.take().text == "<"
                right_lit, right_tok = self.literal()
                self.prefs.append(_Pref(left_tok, right_tok, left_lit, right_lit, strict))
                left_lit, left_tok = right_lit, right_tok
            self.end_statement()
        elif op.text == ";":
            raise self.error(
                ltok,
                f"a bare literal {lit}; write 'premise: {lit};' or 'axiom: {lit};' to state it",
            )
        else:
            raise self.error(op, f"expected '->', '=>', '^', '<>', '<' or ';', found {op.text!r}")

    def rule_body(self, name: Token | None) -> None:
        items: list[tuple[Literal, Token]] = []
        if self.peek().text not in ("->", "=>"):
            items = self.literal_list()
        self.finish_rule(name, items)

    def finish_rule(self, name: Token | None, items: list[tuple[Literal, Token]]) -> None:
        arrow = self.peek()
        if arrow.text not in ("->", "=>"):
            raise self.error(arrow, f"expected '->' (strict) or '=>' (defeasible), found "
                                    f"{arrow.text!r}")
        self.take()
        consequent, _ = self.literal()
        self.end_statement()
        body = tuple(x for x, _ in items)
        if name is not None:
            if name.text in self.rule_tokens:
                prev = self.rule_tokens[name.text]
                raise self.error(name, f"rule {name.text!r} already defined at line {prev.line}")
            self.rule_tokens[name.text] = name
        self.pending.append((None if name is None else name.text, body, consequent,
                             arrow.text == "->"))

    # -- assembly -----------------------------------------------------------------------------
    def build(self) -> Theory:
        auto = 0
        for name, body, head, is_strict in self.pending:
            if name is None:  # unnamed rules get the first free name _r1, _r2, ...
                auto += 1
                while f"_r{auto}" in self.rule_tokens:
                    auto += 1
                name = f"_r{auto}"
            self.rules.append(InferenceRule(name, body, head, strict=is_strict))
        for lit, tok in self.premises.items():
            if lit in self.axioms:
                raise self.error(tok, f"{lit} is both an axiom and an ordinary premise")
        defeasible = {r.name for r in self.rules if not r.strict}
        strict_names = {r.name for r in self.rules if r.strict}
        rule_pairs: set[tuple[str, str]] = set()
        rule_weak: set[tuple[str, str]] = set()
        prem_pairs: set[tuple[Literal, Literal]] = set()
        prem_weak: set[tuple[Literal, Literal]] = set()
        where: dict[tuple[object, object], Token] = {}
        for p in self.prefs:
            kinds = [self.pref_kind(lit, tok, defeasible, strict_names)
                     for lit, tok in ((p.left_lit, p.left), (p.right_lit, p.right))]
            if kinds[0] != kinds[1]:
                raise self.error(p.right, f"cannot compare rule and premise: "
                                          f"{p.left_lit} {'<' if p.strict else '<='} {p.right_lit}")
            if kinds[0] == "rule":
                pair_r = (p.left_lit.atom, p.right_lit.atom)
                (rule_pairs if p.strict else rule_weak).add(pair_r)
                where.setdefault(pair_r, p.left)
            else:
                pair_p = (p.left_lit, p.right_lit)
                (prem_pairs if p.strict else prem_weak).add(pair_p)
                where.setdefault(pair_p, p.left)
        try:
            return Theory(
                rules=tuple(self.rules),
                axioms=frozenset(self.axioms),
                premises=frozenset(self.premises),
                contraries=frozenset(self.contraries),
                rule_preferences=frozenset(rule_pairs),
                premise_preferences=frozenset(prem_pairs),
                rule_weak_preferences=frozenset(rule_weak),
                premise_weak_preferences=frozenset(prem_weak),
            )
        except PreferenceCycleError as exc:
            cyc = exc.cycle
            # point at the statement that closed the cycle: the last one declared on it
            spots = [where[p] for p in pairwise(cyc) if p in where]
            at = max(spots, key=lambda t: (t.line, t.column)) if spots else None
            raise InputError(exc.message, self.loc(at) if at else None) from exc

    def pref_kind(self, lit: Literal, tok: Token, defeasible: set[str],
                  strict_names: set[str]) -> str:
        is_rule = not lit.negated and lit.atom in defeasible
        is_prem = lit in self.premises
        if is_rule and is_prem:
            raise self.error(tok, f"{lit} names both a defeasible rule and an ordinary premise; "
                                  "rename one of them")
        if is_rule:
            return "rule"
        if is_prem:
            return "premise"
        if not lit.negated and lit.atom in strict_names:
            raise self.error(tok, f"{lit} is a strict rule; preferences order defeasible rules "
                                  "and ordinary premises only")
        raise self.error(tok, f"{lit} is neither a defeasible rule nor an ordinary premise")


def parse_theory(text: str, path: str | None = None) -> Theory:
    """Parse a theory in the text syntax (docs/aspic.md); InputError names line and column."""
    return _Parser(text, path).parse()


#: Largest theory file read (a theory this size yields about 10^6 literals; the argument
#: bound, 200,000 by default, is usually met first).
MAX_THEORY_BYTES = 20_000_000


def load_theory(path: str | Path) -> Theory:
    """Read and parse a theory file (UTF-8, at most `MAX_THEORY_BYTES`; `-`: standard input)."""
    p = Path(path)
    try:
        if str(path) == "-":
            import sys

            p = Path("<stdin>")
            raw = sys.stdin.buffer.read(MAX_THEORY_BYTES + 1)
        else:
            with p.open("rb") as fh:
                raw = fh.read(MAX_THEORY_BYTES + 1)
        if len(raw) > MAX_THEORY_BYTES:
            raise LimitExceeded(f"theory file is larger than the limit of {MAX_THEORY_BYTES:,} "
                                "bytes", SourceLocation(str(p)))
    except OSError as exc:
        raise InputError(f"cannot read theory: {exc.strerror or exc}",
                         SourceLocation(str(p))) from exc
    text = decode_utf8(raw, str(p))
    return parse_theory(text, str(p))


__all__ = ["Token", "format_theory", "load_theory", "parse_theory", "tokenize"]
