"""Small derivation steps shared by the proof scripts (not a proof itself)."""

import sympy

import gametheory_alliances as gta
from gametheory_alliances.continuous import ContinuousGame


def positive_factors(expr, parameters, within=sympy.true):
    """Split ``expr`` into factors the toolkit proves positive and the rest.

    ``expr`` is factored; each factor is decided by the toolkit's
    :class:`~gametheory_alliances.Region` (positive, or negative, at every
    point of the domains where ``within`` holds). Returns ``(positive part,
    rest)`` with ``expr == positive part * rest``.
    """

    def always(cond):
        return gta.Region(within & ~cond, parameters).is_empty()

    numer, denom = sympy.fraction(sympy.factor(expr))
    sure, rest, sign = [], sympy.S.One, 1
    for part, power in ((numer, 1), (denom, -1)):
        coeff, factors = sympy.factor_list(part)
        for f, k in [(sympy.Integer(coeff), 1), *factors]:
            if (f.is_number and f > 0) or (not f.is_number and always(f > 0)):
                sure.append(f ** (k * power))
            elif (f.is_number and f < 0) or (not f.is_number and always(f < 0)):
                sure.append((-f) ** (k * power))
                sign *= (-1) ** k
            else:
                rest *= f ** (k * power)
    return sympy.Mul(*sure), sign * rest


def planner(game):
    """The team game whose every player maximises the sum of utilities (its Nash = Samuelson)."""
    welfare = sum(game.utilities, sympy.S.Zero)
    return ContinuousGame(
        game.players,
        [str(v) for v in game.variables],
        game.bounds,
        [welfare] * game.n_players,
        parameters=game.parameters,
        title=f"{game.title}: the planner",
    )


def symmetric(game, common):
    """The game with every element of each vector parameter replaced by one parameter.

    ``common`` maps a vector's name (``"w"`` for ``w_1, ..., w_n``) to the
    :class:`~gametheory_alliances.parameters.Parameter` that replaces its
    elements. Upper bounds are dropped: the proofs check that they are slack
    at the solutions they use.
    """

    def vector(name):
        stem, _, index = name.rpartition("_")
        return stem if stem in common and index.isdigit() else None

    subs = {p.symbol: common[vector(n)].symbol for n, p in game.parameters.items() if vector(n)}
    params = {n: p for n, p in game.parameters.items() if not vector(n)}
    params.update({p.name: p for p in common.values()})
    return ContinuousGame(
        game.players,
        [str(v) for v in game.variables],
        [(None if lo is None else lo.xreplace(subs), None) for lo, _ in game.bounds],
        [u.xreplace(subs) for u in game.utilities],
        parameters=params,
    )


def interior(result):
    """The solution in which every player is strictly inside its interval."""
    found = [s for s in result if all(c == "interior" for c in s.cases)]
    return found[0]


def partial(game, **values):
    """The continuous game with some parameters fixed at exact values, the others left free."""
    subs = {game.parameters[k].symbol: sympy.Rational(v) for k, v in values.items()}
    params = {n: p for n, p in game.parameters.items() if n not in values}
    return ContinuousGame(
        game.players,
        [str(v) for v in game.variables],
        [tuple(None if b is None else b.xreplace(subs) for b in pair) for pair in game.bounds],
        [u.xreplace(subs) for u in game.utilities],
        parameters=params,
        title=game.title,
    )


def levels_table(result):
    """Rows (contributors, levels, region) of a continuous result, in LaTeX."""
    rows = []
    for s in result:
        levels = ", ".join(
            f"${sympy.latex(v)} = {sympy.latex(x)}$"
            for v, x in zip(s.variables, s.strategies, strict=True)
        )
        rows.append([", ".join(s.contributors) or "nobody", levels, f"${s.region.latex()}$"])
    return rows


def same_condition(first, second):
    """Whether two region conditions are the same comparisons, up to expanding each side."""
    c1 = first.condition if isinstance(first, gta.Region) else first
    c2 = second.condition if isinstance(second, gta.Region) else second
    if c1 == c2:
        return True
    if isinstance(c1, sympy.And) and isinstance(c2, sympy.And) and len(c1.args) == len(c2.args):
        rest = list(c2.args)
        for atom in c1.args:
            match = next((x for x in rest if same_condition(atom, x)), None)
            if match is None:
                return False
            rest.remove(match)
        return True
    if isinstance(c1, sympy.core.relational.Relational) and type(c1) is type(c2):
        return sympy.expand((c1.lhs - c1.rhs) - (c2.lhs - c2.rhs)) == 0
    return False


def conjuncts(condition):
    """The comparisons of a conjunction (``None`` if the condition is not one)."""
    if condition is sympy.true:
        return []
    if isinstance(condition, sympy.And):
        parts = list(condition.args)
    else:
        parts = [condition]
    if all(isinstance(a, sympy.core.relational.Relational) for a in parts):
        return parts
    return None


def normal_atom(atom, params, within):
    """``atom`` as ``rest op 0`` with every factor provably positive under ``within`` removed."""
    expr = atom.lhs - atom.rhs
    if isinstance(atom, sympy.LessThan | sympy.StrictLessThan):
        expr = -expr
    op = {
        sympy.GreaterThan: sympy.GreaterThan,
        sympy.LessThan: sympy.GreaterThan,
        sympy.StrictGreaterThan: sympy.StrictGreaterThan,
        sympy.StrictLessThan: sympy.StrictGreaterThan,
        sympy.Equality: sympy.Equality,
        sympy.Unequality: sympy.Unequality,
    }[type(atom)]
    if sympy.expand(expr) == 0:
        return op(sympy.Integer(0), 0)
    _, rest = positive_factors(expr, params, within)
    return op(sympy.expand(rest), 0)


def _implies(premises, atom, params):
    return gta.Region(sympy.And(*premises, sympy.Not(atom)), params).is_empty()


def equivalent(region, published, params, within):
    """Whether ``region`` and ``published`` (conjunctions) are the same set under ``within``.

    Each comparison is rewritten as ``rest op 0`` with its provably positive
    factors removed; then every comparison of each side must follow from the
    other side (decided by the toolkit's Region simplifier, exact
    Fourier-Motzkin elimination for the linear parts).
    """
    mine = conjuncts(region.condition if isinstance(region, gta.Region) else region)
    theirs = conjuncts(published)
    if mine is None or theirs is None:
        return False
    mine = [normal_atom(a, params, within) for a in mine]
    theirs = [normal_atom(a, params, within) for a in theirs]
    base = conjuncts(within) or []
    return all(_implies([*base, *mine], a, params) for a in theirs) and all(
        _implies([*base, *theirs], a, params) for a in mine
    )


def empty_with(region, extra, params, within):
    """Whether ``region`` and ``extra`` have no common point under ``within`` (normalised atoms)."""
    mine = conjuncts(region.condition)
    if mine is None:
        return False
    mine = [normal_atom(a, params, within) for a in mine]
    return gta.Region(sympy.And(within, extra, *mine), params).is_empty()
