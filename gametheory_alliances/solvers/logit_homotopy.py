"""One Nash equilibrium of an n-player game by following the logit homotopy.

The logit quantal response equilibria of a game form, for a generic game, a
smooth path that starts at the uniform profile (``lambda = 0``) and whose
limit as ``lambda`` grows is a Nash equilibrium (McKelvey and Palfrey 1995;
Turocy 2005). With ``z`` the log-probabilities, the path is the solution
curve of

.. math::

    z_{ik} - z_{i0} - \\lambda (u_i(k, \\sigma_{-i}) - u_i(0, \\sigma_{-i})) = 0, \\qquad
    \\textstyle\\sum_k e^{z_{ik}} = 1,

followed by pseudo-arclength continuation (an Euler predictor along the
tangent, Newton correction orthogonal to it, adaptive steps), so turning
points in ``lambda`` are passed. Payoffs are rescaled to ``[0, 1]`` first, so
``lambda`` is in units of the payoff range. The end of the path is an
approximate equilibrium; its largest regret is reported. It is then
*refined*: the game restricted to the strategies played with probability
above ``support_tolerance`` is solved by support enumeration, and the
equilibrium of that small game nearest the approximation is kept when it is
an equilibrium of the whole game (checked exactly on rational games). The
result says which of the two it returns.

References
----------
R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal
form games", *Games and Economic Behavior* 10 (1995) 6-38.

T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence", *Games and Economic Behavior* 51
(2005) 243-263.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..equilibrium import Equilibrium, SolverResult
from ..errors import GameError, SolverError
from ..normal_form import NormalFormGame
from .common import coerce_game
from .support_enumeration import support_enumeration

__all__ = ["logit_homotopy"]

_METHOD = "logit homotopy"

_NEAR = 1e-2
"""Largest distance (max norm) of a refined equilibrium from the path's end."""


def logit_homotopy(
    game: Any,
    *,
    lambda_max: float = 1e4,
    max_steps: int = 20_000,
    support_tolerance: float = 1e-4,
    refine: bool = True,
) -> SolverResult:
    """One Nash equilibrium, the limit of the principal branch of logit equilibria.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.NormalFormGame` with any
        number of players (or a tree, reduced first).
    lambda_max
        Where the path is stopped, in units of the payoff range.
    max_steps
        Bound on the continuation steps; :class:`SolverError` beyond it.
    support_tolerance
        Probabilities above it make the support of the refinement.
    refine
        Solve the game restricted to that support exactly and return its
        equilibrium nearest the path's end when it is an equilibrium of the game.

    Returns
    -------
    SolverResult
        One equilibrium, ``method="logit homotopy"``; ``options`` holds the
        path's final ``lambda``, its ``regret`` (largest gain of a deviation
        at the path's end, in payoff units) and ``refined``; ``notes`` says
        whether the equilibrium is the refined one (certified) or the
        approximation.

    Raises
    ------
    SolverError
        A symbolic game, or a path that does not reach ``lambda_max`` in
        ``max_steps`` steps.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.solvers.logit_homotopy import logit_homotopy
    >>> a, b, c = np.indices((2, 2, 2))
    >>> pennies = NormalFormGame(
    ...     [np.where(a == b, 1, -1), np.where(b == c, 1, -1), np.where(c != a, 1, -1)]
    ... )
    >>> result = logit_homotopy(pennies)
    >>> result[0]
    Equilibrium(Player 1: (1/2, 1/2), Player 2: (1/2, 1/2), Player 3: (1/2, 1/2); payoffs (0, 0, 0))
    >>> result.options["refined"], bool(result[0].certify())
    (True, True)
    """
    game = coerce_game(game, "logit_homotopy")
    if not (np.isfinite(lambda_max) and lambda_max > 0):
        raise GameError(
            f"logit_homotopy: lambda_max must be a positive number, found {lambda_max!r}"
        )
    if not 0 < support_tolerance < 1:
        raise GameError(
            f"logit_homotopy: support_tolerance must be in (0, 1), found {support_tolerance!r}"
        )
    arrays = [np.asarray(a, dtype=float) for a in game.payoff_arrays()]
    low = min(float(a.min()) for a in arrays)
    span = max(float(a.max()) for a in arrays) - low
    scaled = [(a - low) / span if span > 0 else np.zeros_like(a) for a in arrays]
    shape = game.shape
    z, lam = _follow(scaled, shape, lambda_max, max_steps)
    strategies = _split(np.exp(z), shape)
    strategies = [s / s.sum() for s in strategies]
    approximate = Equilibrium.from_profile(game, [list(map(float, s)) for s in strategies])
    regret = max(float(r) for r in approximate.certify().regrets)
    options: dict[str, Any] = {
        "lambda_max": lambda_max,
        "lambda": lam,
        "regret": regret,
        "support_tolerance": support_tolerance,
        "refined": False,
    }
    chosen = _refined(game, strategies, support_tolerance) if refine else None
    if chosen is not None:
        options["refined"] = True
        note = (
            "the end of the logit path (regret "
            f"{regret:.3g}) was refined by solving its support exactly; the equilibrium certifies"
        )
        return SolverResult(game, _METHOD, (chosen,), chosen.is_exact, options, (note,))
    note = (
        f"approximate equilibrium at the end of the logit path, lambda = {lam:.4g}: "
        f"largest regret {regret:.3g}"
    )
    return SolverResult(game, _METHOD, (approximate,), False, options, (note,))


def _split(flat: np.ndarray, shape: tuple[int, ...]) -> list[np.ndarray]:
    return np.split(flat, np.cumsum(shape)[:-1])


def _payoffs(arrays: list[np.ndarray], sigma: list[np.ndarray]) -> list[np.ndarray]:
    """Each player's payoff of each pure strategy against the others' mixed strategies."""
    out = []
    for i, arr in enumerate(arrays):
        value = np.moveaxis(arr, i, 0)
        for s in reversed([s for j, s in enumerate(sigma) if j != i]):
            value = value @ s
        out.append(value)
    return out


def _residual(arrays: list[np.ndarray], shape: tuple[int, ...], y: np.ndarray) -> np.ndarray:
    z, lam = y[:-1], y[-1]
    logs = _split(z, shape)
    sigma = [np.exp(v) for v in logs]
    values = _payoffs(arrays, sigma)
    parts = []
    for v, u, s in zip(logs, values, sigma, strict=True):
        parts.append([s.sum() - 1.0])
        parts.append(v[1:] - v[0] - lam * (u[1:] - u[0]))
    return np.concatenate(parts)


def _jacobian(arrays: list[np.ndarray], shape: tuple[int, ...], y: np.ndarray) -> np.ndarray:
    base = _residual(arrays, shape, y)
    jac = np.empty((base.size, y.size))
    for k in range(y.size):
        step = 1e-7 * max(1.0, abs(y[k]))
        shifted = y.copy()
        shifted[k] += step
        jac[:, k] = (_residual(arrays, shape, shifted) - base) / step
    return jac


def _tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    t = np.linalg.svd(jac)[2][-1]
    if previous is None:
        return t if t[-1] > 0 else -t
    return t if t @ previous > 0 else -t


def _follow(
    arrays: list[np.ndarray], shape: tuple[int, ...], lambda_max: float, max_steps: int
) -> tuple[np.ndarray, float]:
    """Pseudo-arclength continuation from the uniform profile at lambda 0 to lambda_max."""
    y = np.concatenate([np.full(m, -np.log(m)) for m in shape] + [np.zeros(1)])
    tangent = _tangent(_jacobian(arrays, shape, y), None)
    h = 0.03
    for _ in range(max_steps):
        if y[-1] >= lambda_max:
            return y[:-1], float(y[-1])
        predicted = y + h * tangent
        corrected = _correct(arrays, shape, predicted, tangent)
        if corrected is None or np.max(np.abs(corrected - predicted)) > 0.5 * h + 1e-3:
            h /= 2
            if h < 1e-10:
                raise SolverError("logit_homotopy: the path could not be followed (step underflow)")
            continue
        tangent = _tangent(_jacobian(arrays, shape, corrected), tangent)
        y = corrected
        # Grow steps where the path is easy; lambda grows roughly geometrically.
        h = min(h * 1.5, max(0.03, 0.2 * abs(y[-1])))
    raise SolverError(
        f"logit_homotopy: lambda_max={lambda_max} not reached in max_steps={max_steps} steps"
    )


def _correct(
    arrays: list[np.ndarray], shape: tuple[int, ...], predicted: np.ndarray, tangent: np.ndarray
) -> np.ndarray | None:
    """Newton's method back to the path, orthogonally to the tangent; None if it fails."""
    corrected = predicted
    with np.errstate(all="ignore"):
        for _ in range(8):
            if not np.all(np.isfinite(corrected)) or np.max(corrected[:-1]) > 1.0:
                return None  # far outside the simplex: Newton has diverged
            jac = _jacobian(arrays, shape, corrected)
            system = np.vstack([jac, tangent])
            rhs = np.concatenate(
                [_residual(arrays, shape, corrected), [tangent @ (corrected - predicted)]]
            )
            if not (np.all(np.isfinite(system)) and np.all(np.isfinite(rhs))):
                return None
            try:
                delta = np.linalg.lstsq(system, -rhs, rcond=None)[0]
            except np.linalg.LinAlgError:
                return None
            corrected = corrected + delta
            if np.max(np.abs(delta)) < 1e-10:
                return corrected
    return None


def _refined(
    game: NormalFormGame, strategies: list[np.ndarray], support_tolerance: float
) -> Equilibrium | None:
    """The equilibrium of the support game nearest the path's end, if near and an equilibrium."""
    supports = [np.flatnonzero(s > support_tolerance) for s in strategies]
    if game.is_exact:
        full = game.payoff_arrays(exact=True)
    else:
        full = game.payoff_arrays()
    restricted = NormalFormGame([a[np.ix_(*supports)] for a in full])
    try:
        small = support_enumeration(restricted, max_supports=4096)
    except SolverError:
        return None
    target = np.concatenate(strategies)
    best: tuple[float, Equilibrium] | None = None
    for eq in small:
        if eq.__class__ is not Equilibrium:
            continue
        profile: list[list[Any]] = []
        for m, support, s, exact in zip(
            game.shape,
            supports,
            eq.strategies,
            eq.exact_strategies or [None] * len(supports),
            strict=True,
        ):
            source = exact if exact is not None else s
            vector: list[Any] = [0] * m
            for k, p in zip(support, source, strict=True):
                vector[int(k)] = p
            profile.append(vector)
        candidate = Equilibrium.from_profile(game, profile)
        if not candidate.certify():
            continue
        distance = float(np.max(np.abs(np.concatenate(candidate.strategies) - target)))
        if distance < _NEAR and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best is not None else None
