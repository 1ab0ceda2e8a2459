"""A brute-force reference for every semantics: enumerate all subsets, check the definitions.

Written straight from Dung (1995), Caminada (2006), Verheij (1996) and Dung, Mancarella & Toni
(2007); deliberately naive so it is obviously right. Only for AFs of up to ~12 arguments.
"""

from __future__ import annotations

from itertools import combinations

Attacks = set[tuple[int, int]]


def subsets(n: int) -> list[frozenset[int]]:
    return [frozenset(c) for k in range(n + 1) for c in combinations(range(n), k)]


def attacked_by(s: frozenset[int], att: Attacks) -> frozenset[int]:
    return frozenset(b for (a, b) in att if a in s)


def conflict_free(s: frozenset[int], att: Attacks) -> bool:
    return not any(a in s and b in s for (a, b) in att)


def defends(s: frozenset[int], x: int, att: Attacks) -> bool:
    hit = attacked_by(s, att)
    return all(a in hit for (a, b) in att if b == x)


def admissible(s: frozenset[int], att: Attacks) -> bool:
    return conflict_free(s, att) and all(defends(s, x, att) for x in s)


def complete(s: frozenset[int], n: int, att: Attacks) -> bool:
    return admissible(s, att) and all(x in s for x in range(n) if defends(s, x, att))


def stable(s: frozenset[int], n: int, att: Attacks) -> bool:
    hit = attacked_by(s, att)
    return conflict_free(s, att) and all(x in s or x in hit for x in range(n))


def rng(s: frozenset[int], att: Attacks) -> frozenset[int]:
    return s | attacked_by(s, att)


def all_extensions(sem: str, n: int, edges: list[tuple[int, int]]) -> set[frozenset[int]]:
    att = set(edges)
    subs = subsets(n)
    cf = [s for s in subs if conflict_free(s, att)]
    if sem == "CF":
        return set(cf)
    adm = [s for s in cf if admissible(s, att)]
    if sem == "AD":
        return set(adm)
    co = [s for s in adm if complete(s, n, att)]
    if sem == "CO":
        return set(co)
    if sem == "GR":
        return {min(co, key=len)}  # the least complete extension
    if sem == "PR":
        return {s for s in co if not any(s < t for t in co)}
    if sem == "ST":
        return {s for s in cf if stable(s, n, att)}
    if sem == "SST":
        return {s for s in co if not any(rng(s, att) < rng(t, att) for t in co)}
    if sem == "STG":
        return {s for s in cf if not any(rng(s, att) < rng(t, att) for t in cf)}
    if sem == "ID":
        prefs = all_extensions("PR", n, edges)
        inter = frozenset.intersection(*prefs)
        candidates = [s for s in adm if s <= inter]
        return {max(candidates, key=len)}
    raise ValueError(sem)
