"""A correlated equilibrium maximising (or minimising) a linear objective, by linear programming.

A correlated equilibrium is a probability distribution ``p`` over pure
profiles such that no player, told only its own recommended strategy ``s``,
gains by playing some ``t`` instead (the *obedience* constraints):

    sum over s_-i of p(s, s_-i) [u_i(t, s_-i) - u_i(s, s_-i)] <= 0   for every i, s, t.

These constraints are linear in ``p``, so the correlated equilibria form a
polytope and a linear objective (total welfare by default) is optimised over
it by SciPy's HiGHS, for any number of players. For rational games the
optimal vertex is then recovered exactly: the equations of the constraints
that are tight at the LP solution are solved in fractions and the obedience
constraints re-checked exactly.

References
----------
R. J. Aumann, "Subjectivity and correlation in randomized strategies",
*Journal of Mathematical Economics* 1 (1974) 67-96.
C. H. Papadimitriou and T. Roughgarden, "Computing correlated equilibria in
multi-player games", *Journal of the ACM* 55 (2008) 14.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..equilibrium import TOLERANCE, Certificate, format_number
from ..errors import GameError, PayoffError, ShapeError, SolverError
from ..normal_form import to_fraction_array
from .common import coerce_game, payoff_scale, rationalize, solve_exact

if TYPE_CHECKING:
    from ..normal_form import NormalFormGame

__all__ = ["CorrelatedEquilibrium", "correlated_equilibrium"]

_EXACT_SUPPORT_LIMIT = 400
"""Largest support recovered exactly (Gaussian elimination in fractions is cubic)."""


def _obedience(game: NormalFormGame, arrays: tuple[np.ndarray, ...], dist: np.ndarray) -> list[Any]:
    """For each player, the largest expected gain from disobeying a recommendation."""
    gains = []
    for i, u in enumerate(arrays):
        m = game.shape[i]
        uu = np.moveaxis(u, i, 0).reshape(m, -1)
        pp = np.moveaxis(dist, i, 0).reshape(m, -1)
        best: Any = None
        for s in range(m):
            for t in range(m):
                if s != t:
                    gain = (pp[s] * (uu[t] - uu[s])).sum()
                    best = gain if best is None or gain > best else best
        gains.append(best if best is not None else dist.flat[0] * 0)
    return gains


def _readonly(arr: np.ndarray) -> np.ndarray:
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class CorrelatedEquilibrium:
    """A probability distribution over pure profiles satisfying the obedience constraints.

    Attributes
    ----------
    game
        The game.
    distribution
        The probability of each pure profile: a read-only float array of the
        game's shape.
    payoffs
        Each player's expected payoff.
    objective_value
        The optimised objective at this distribution.
    objective
        What was optimised (``"welfare"``, a player's label, or ``"custom"``).
    maximize
        Whether the objective was maximised (else minimised).
    exact_distribution, exact_payoffs, exact_objective_value
        The same as fractions when the game is rational and the exact
        recovery succeeded, else ``None``.
    notes
        Remarks (e.g. exact recovery that fell back to floating point).
    """

    game: NormalFormGame = field(repr=False)
    distribution: np.ndarray
    payoffs: tuple[float, ...]
    objective_value: float
    objective: str = "welfare"
    maximize: bool = True
    exact_distribution: np.ndarray | None = None
    exact_payoffs: tuple[Fraction, ...] | None = None
    exact_objective_value: Fraction | None = None
    notes: tuple[str, ...] = ()

    @property
    def is_exact(self) -> bool:
        """Whether the distribution is exact (fractions)."""
        return self.exact_distribution is not None

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """The pure profiles with positive probability, in lexicographic order."""
        if self.exact_distribution is not None:
            mask = np.vectorize(lambda p: p > 0, otypes=[bool])(self.exact_distribution)
        else:
            mask = self.distribution > TOLERANCE
        return tuple(tuple(int(k) for k in p) for p in np.argwhere(mask))

    def certify(self, tol: float = TOLERANCE) -> Certificate:
        """Re-check the obedience constraints and that the distribution is a probability.

        Exact when the distribution is exact; otherwise in floating point with
        tolerance ``tol`` relative to the payoff scale. The certificate's
        ``regrets`` are each player's largest expected gain from disobeying.
        """
        game = self.game
        if self.exact_distribution is not None:
            dist = self.exact_distribution
            arrays = game.payoff_arrays(exact=True)
            gains = _obedience(game, arrays, dist)
            ok = all(p >= 0 for p in dist.flat) and sum(dist.flat, Fraction(0)) == 1
            ok = ok and all(g <= 0 for g in gains)
            return Certificate(bool(ok), True, tuple(gains))
        dist = self.distribution
        farrays = game.payoff_arrays()
        gains = [float(g) for g in _obedience(game, farrays, dist)]
        slack = tol * payoff_scale(farrays)
        ok = bool(dist.min() >= -tol and abs(dist.sum() - 1) <= 10 * tol)
        ok = ok and all(g <= slack for g in gains)
        return Certificate(ok, False, tuple(gains))

    def _rows(self) -> list[tuple[str, str]]:
        src = self.exact_distribution if self.exact_distribution is not None else self.distribution
        return [
            (
                ", ".join(self.game.strategies[i][k] for i, k in enumerate(profile)),
                format_number(src[profile]),
            )
            for profile in self.support
        ]

    def __repr__(self) -> str:
        pay = self.exact_payoffs if self.exact_payoffs is not None else self.payoffs
        value: Any = (
            self.exact_objective_value
            if self.exact_objective_value is not None
            else self.objective_value
        )
        dist = ", ".join(f"({k}): {p}" for k, p in self._rows())
        return (
            f"CorrelatedEquilibrium({self.objective}={format_number(value)}; "
            f"payoffs ({', '.join(format_number(v) for v in pay)}); {{{dist}}})"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        head = f"<tr><th>{esc(', '.join(self.game.players))}</th><th>probability</th></tr>"
        rows = "".join(f"<tr><td>{esc(k)}</td><td>{esc(p)}</td></tr>" for k, p in self._rows())
        caption = f"<caption>correlated equilibrium ({esc(self.objective)})</caption>"
        return f"<table>{caption}{head}{rows}</table>"


def _objective_array(game: NormalFormGame, objective: Any) -> tuple[str, np.ndarray, Any]:
    """The objective as (name, float coefficients, exact coefficients or None)."""
    exact_arrays = game.payoff_arrays(exact=True) if game.is_exact else None
    if isinstance(objective, str):
        if objective == "welfare":
            floats = sum(game.payoff_arrays())
            exact = sum(exact_arrays) if exact_arrays is not None else None
            return "welfare", np.asarray(floats, dtype=float), exact
        if objective in game.players:
            i = game.players.index(objective)
            exact = exact_arrays[i] if exact_arrays is not None else None
            return objective, game.payoff_arrays()[i], exact
        raise GameError(
            f"correlated_equilibrium: objective {objective!r} is not 'welfare' or a player "
            f"({', '.join(map(repr, game.players))}); pass an array of shape {game.shape} "
            "for another linear objective"
        )
    try:
        arr = np.asarray(objective)
    except (ValueError, TypeError):
        raise ShapeError(
            f"correlated_equilibrium: objective must be 'welfare', a player label or an array "
            f"of shape {game.shape}, found {type(objective).__name__}"
        ) from None
    if arr.shape != game.shape:
        raise ShapeError(
            f"correlated_equilibrium: objective array has shape {arr.shape}; expected the "
            f"game's shape {game.shape} (one coefficient per pure profile)"
        )
    try:
        floats = arr.astype(float)
    except (ValueError, TypeError):
        raise PayoffError(
            f"correlated_equilibrium: objective array must hold numbers, found dtype {arr.dtype}"
        ) from None
    if not np.all(np.isfinite(floats)):
        bad = tuple(int(k) for k in np.argwhere(~np.isfinite(floats))[0])
        raise PayoffError(
            f"correlated_equilibrium: objective coefficient at profile {bad} is {floats[bad]}; "
            "expected a finite number"
        )
    exact = None
    if exact_arrays is not None and (arr.dtype.kind in "iu" or arr.dtype == object):
        try:
            exact = to_fraction_array(arr)
        except (TypeError, ValueError):
            exact = None
    return "custom", floats, exact


def correlated_equilibrium(
    game: Any,
    objective: str | npt.ArrayLike = "welfare",
    *,
    maximize: bool = True,
) -> CorrelatedEquilibrium:
    """A correlated equilibrium optimising a linear objective, for any number of players.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.NormalFormGame` (or a
        sequential game, reduced first).
    objective
        ``"welfare"`` (the sum of the players' payoffs, default), a player's
        label (that player's expected payoff), or an array of the game's shape
        giving a coefficient for each pure profile.
    maximize
        Maximise the objective (default) or minimise it.

    Returns
    -------
    CorrelatedEquilibrium
        The distribution over pure profiles, the players' expected payoffs and
        the objective value; exact fractions for rational games when the
        optimal vertex could be recovered exactly.

    Raises
    ------
    SolverError
        A symbolic game, or a linear programme that fails.
    GameError
        An unknown objective name; ``ShapeError`` for an array of the wrong
        shape; ``PayoffError`` for NaN or infinite coefficients.

    References
    ----------
    R. J. Aumann, "Subjectivity and correlation in randomized strategies",
    *Journal of Mathematical Economics* 1 (1974) 67-96.

    Examples
    --------
    Aumann's version of Chicken: a correlation device that never recommends
    (Dare, Dare) gives both drivers more than the mixed Nash equilibrium (14/3 each).

    >>> from gametheory_alliances import NormalFormGame, correlated_equilibrium
    >>> chicken = NormalFormGame(
    ...     [[[6, 2], [7, 0]], [[6, 7], [2, 0]]],
    ...     strategies=[["Chicken", "Dare"], ["Chicken", "Dare"]],
    ... )
    >>> ce = correlated_equilibrium(chicken)
    >>> ce
    CorrelatedEquilibrium(welfare=21/2; payoffs (21/4, 21/4); {(Chicken, Chicken): 1/2, (Chicken, Dare): 1/4, (Dare, Chicken): 1/4})
    >>> bool(ce.certify())
    True
    """
    from scipy.optimize import linprog  # scipy only when a linear program is solved (quick start)
    from scipy.sparse import coo_array

    game = coerce_game(game, "correlated_equilibrium")
    if not isinstance(maximize, bool | np.bool_):
        raise GameError(
            f"correlated_equilibrium: maximize must be True or False, found {maximize!r}"
        )
    name, coeffs, exact_coeffs = _objective_array(game, objective)
    farrays = game.payoff_arrays()
    shape = game.shape
    size = int(np.prod(shape))
    index = np.arange(size).reshape(shape)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    labels: list[tuple[int, int, int]] = []
    r = 0
    for i, u in enumerate(farrays):
        m = shape[i]
        uu = np.moveaxis(u, i, 0).reshape(m, -1)
        ii = np.moveaxis(index, i, 0).reshape(m, -1)
        for s in range(m):
            for t in range(m):
                if s == t:
                    continue
                rows.append(np.full(ii.shape[1], r))
                cols.append(ii[s])
                vals.append(uu[t] - uu[s])
                labels.append((i, s, t))
                r += 1
    scale = payoff_scale(farrays)
    c = coeffs.reshape(-1) / max(1.0, float(np.max(np.abs(coeffs))))
    c = -c if maximize else c
    kwargs: dict[str, Any] = {}
    if r:
        kwargs["A_ub"] = coo_array(
            (np.concatenate(vals) / scale, (np.concatenate(rows), np.concatenate(cols))),
            shape=(r, size),
        ).tocsr()
        kwargs["b_ub"] = np.zeros(r)
    res = linprog(
        c,
        A_eq=np.ones((1, size)),
        b_eq=[1.0],
        bounds=(0, None),
        method="highs",
        **kwargs,
    )
    if res.status != 0:
        raise SolverError(f"correlated_equilibrium: the linear programme failed ({res.message})")
    p = np.clip(res.x, 0.0, None)
    p = p / p.sum()
    dist = p.reshape(shape)
    notes: list[str] = []
    exact_fields: dict[str, Any] = {}
    if game.is_exact:
        exact_dist = _exact_vertex(game, p, kwargs.get("A_ub"), labels, notes)
        if exact_dist is not None:
            earrays = game.payoff_arrays(exact=True)
            exact_fields["exact_distribution"] = _readonly(exact_dist)
            exact_fields["exact_payoffs"] = tuple(
                sum((a * exact_dist).flat, Fraction(0)) for a in earrays
            )
            if exact_coeffs is not None:
                exact_fields["exact_objective_value"] = sum(
                    (exact_coeffs * exact_dist).flat, Fraction(0)
                )
            dist = np.vectorize(float, otypes=[float])(exact_dist)
    payoffs = tuple(float((a * dist).sum()) for a in farrays)
    return CorrelatedEquilibrium(
        game=game,
        distribution=_readonly(np.array(dist, dtype=float)),
        payoffs=payoffs,
        objective_value=float((coeffs * dist).sum()),
        objective=name,
        maximize=bool(maximize),
        notes=tuple(notes),
        **exact_fields,
    )


def _exact_vertex(
    game: NormalFormGame,
    p: np.ndarray,
    a_ub: Any,
    labels: list[tuple[int, int, int]],
    notes: list[str],
) -> np.ndarray | None:
    """The LP's optimal vertex in fractions, from the constraints tight at ``p``."""
    support = [k for k in range(p.size) if p[k] > TOLERANCE]
    if len(support) > _EXACT_SUPPORT_LIMIT:
        notes.append(
            f"support of {len(support)} profiles is too large for exact recovery "
            f"(limit {_EXACT_SUPPORT_LIMIT}); the distribution is floating point"
        )
        return None
    earrays = game.payoff_arrays(exact=True)
    shape = game.shape
    equations: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    if a_ub is not None:
        lhs = a_ub @ p
        for row, (i, s, t) in enumerate(labels):
            if lhs[row] < -TOLERANCE:
                continue
            coeffs = []
            for k in support:
                profile = tuple(int(v) for v in np.unravel_index(k, shape))
                if profile[i] != s:
                    coeffs.append(Fraction(0))
                    continue
                other = (*profile[:i], t, *profile[i + 1 :])
                coeffs.append(earrays[i][other] - earrays[i][profile])
            if any(coeffs):
                equations.append(coeffs)
                rhs.append(Fraction(0))
    equations.append([Fraction(1)] * len(support))
    rhs.append(Fraction(1))
    candidates = []
    solution = solve_exact(equations, rhs)
    if solution is not None and all(v >= 0 for v in solution):
        candidates.append(solution)
    for den in (10**3, 10**6, 10**9):
        nearby = rationalize([p[k] for k in support], den)
        if nearby is not None:
            candidates.append(nearby)
    for values in candidates:
        exact = np.empty(p.size, dtype=object)
        exact[:] = [Fraction(0)] * p.size
        for k, v in zip(support, values, strict=True):
            exact[k] = v
        exact = exact.reshape(shape)
        if all(g <= 0 for g in _obedience(game, earrays, exact)):
            return exact
    notes.append(
        "exact recovery failed: neither the tight constraints at the LP solution nor a "
        "nearby fraction give an exact correlated equilibrium; the distribution is floating point"
    )
    return None
