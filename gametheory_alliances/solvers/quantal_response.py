"""Quantal response equilibria: logit (and probit) QRE of normal-form games and trees.

In a quantal response equilibrium every player chooses each strategy with a
probability that rises smoothly with its expected payoff: with precision
``lambda`` and logit errors, ``sigma_ik = exp(lambda u_ik) / sum_j exp(lambda u_ij)``
where ``u_ik`` is the expected payoff of strategy ``k`` against the others'
mixtures (McKelvey and Palfrey 1995). At ``lambda = 0`` play is uniform; as
``lambda`` grows the principal branch of equilibria converges to a Nash
equilibrium (a selection among them). Probit errors replace the logistic
distribution by independent standard normal errors of scale ``1 / lambda``.

**Normal-form games** (any number of players): the principal branch is
traced from ``lambda = 0`` in the log-probabilities ``z`` and ``lambda`` by
a predictor-corrector continuation of ``z - log Q(lambda u(exp z)) = 0``
(an Euler step along the tangent, Newton's method back to the curve,
adaptive steps), so turning points in ``lambda`` are passed; the QRE at a
requested ``lambda`` is the branch's first crossing of it, solved to
machine precision there, as Gambit's ``logit_solve_lambda`` reports it.
Payoffs are used as they are (not rescaled): ``lambda`` is in the game's
payoff units.

**Trees** have the agent QRE (McKelvey and Palfrey 1998): each information
set chooses by the quantal response to the expected payoff of its actions,
given that it is reached (beliefs by Bayes' rule from the fully mixed
profile). In a perfect-information tree it is unique and computed directly,
from the leaves up; with information sets the branch of behaviour profiles
is traced from ``lambda = 0`` as for normal-form games.

**Bifurcations.** In a generic game the principal branch is a smooth
curve. Symmetric games are not generic: the branch meets bifurcation points
where asymmetric branches split off. There the trace continues along the
branch it arrived on (for a symmetric game, the symmetric QRE), which
Gambit's path follower does not always do.

The module is one idea, the QRE of a finite game: the quantal responses,
the branch tracing, the walk of a tree and the result objects live
together because each uses all the others, and the estimation module
calls the array-level functions inside its likelihood.

:func:`tree_qre` and :func:`normal_form_qre` work on plain arrays and are
vectorised (trees) over many parameter points at once: the estimation
module (:mod:`gametheory_alliances.estimation`) calls them inside its
likelihood.

References
----------
R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal
form games", *Games and Economic Behavior* 10 (1995) 6-38.

R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for
extensive form games", *Experimental Economics* 1 (1998) 9-41.

T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence", *Games and Economic Behavior* 51
(2005) 243-263.

Examples
--------
>>> from gametheory_alliances import NormalFormGame
>>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> qre = quantal_response_equilibrium(pd, 1.0)
>>> [round(p, 6) for p in qre.strategies[0]]
[0.226751, 0.773249]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..equilibrium import Certificate, SolverResult
from ..errors import GameError, SolverError
from ..game import game_of
from ..normal_form import NormalFormGame
from ..sequential import SequentialGame

__all__ = [
    "ERRORS",
    "QRECorrespondence",
    "QRELimit",
    "QREResult",
    "QuantalResponseEquilibrium",
    "TreeSkeleton",
    "log_response",
    "normal_form_qre",
    "qre_correspondence",
    "qre_limit",
    "quantal_response_equilibrium",
    "solve_qre",
    "tree_qre",
]

#: The error distributions a quantal response can have.
ERRORS = ("logit", "probit")

_METHOD = "quantal response equilibrium (principal branch)"
_TOL = 1e-12
_HERMITE_POINTS = 96


# -- quantal responses -----------------------------------------------------------------


def log_response(values: np.ndarray, lam: Any, errors: str = "logit") -> np.ndarray:
    """The log-probabilities of the quantal response to ``values`` (last axis: the actions).

    Parameters
    ----------
    values
        Expected payoffs of the actions; leading axes are independent choices.
    lam
        The precision (a number, or an array broadcasting against the leading axes).
    errors
        ``"logit"`` (extreme-value errors) or ``"probit"`` (independent
        standard normal errors of scale ``1 / lam``).

    Examples
    --------
    >>> import numpy as np
    >>> np.exp(log_response(np.array([1.0, 0.0]), 2.0)).round(6)
    array([0.880797, 0.119203])
    >>> float(np.exp(log_response(np.array([1.0, 0.0]), 2.0, "probit")[0]).round(6))
    0.92135
    """
    values = np.asarray(values, dtype=float)
    lam_arr = np.asarray(lam, dtype=float)
    if lam_arr.ndim:
        lam_arr = lam_arr.reshape(lam_arr.shape + (1,) * (values.ndim - lam_arr.ndim))
    scaled = lam_arr * values
    if errors == "logit":
        top = scaled.max(axis=-1, keepdims=True)
        shifted = scaled - top
        out: np.ndarray = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        return out
    if errors != "probit":
        raise GameError(f"errors must be one of {', '.join(ERRORS)}, found {errors!r}")
    from scipy.special import log_ndtr

    m = values.shape[-1]
    if m == 1:
        return np.zeros_like(scaled)
    if m == 2:
        gap = (scaled[..., 0] - scaled[..., 1]) / math.sqrt(2.0)
        return np.stack([log_ndtr(gap), log_ndtr(-gap)], axis=-1)
    # P(k best) = E_e[prod_{j != k} Phi(e + s_k - s_j)], e standard normal (Gauss-Hermite).
    nodes, weights = np.polynomial.hermite_e.hermegauss(_HERMITE_POINTS)
    weights = weights / math.sqrt(2 * math.pi)
    diff = scaled[..., :, None] - scaled[..., None, :]  # (..., k, j)
    logs = log_ndtr(nodes[:, None, None] + diff[..., None, :, :])  # (..., e, k, j)
    eye = np.eye(m, dtype=bool)
    logs = np.where(eye, 0.0, logs).sum(axis=-1)  # (..., e, k)
    top = logs.max(axis=-2, keepdims=True)
    probs = (np.exp(logs - top) * weights[:, None]).sum(axis=-2)
    log_p = np.log(np.maximum(probs, 1e-300)) + top[..., 0, :]
    return log_p - np.log(np.exp(log_p).sum(axis=-1, keepdims=True))


def _check_errors(errors: str) -> None:
    if errors not in ERRORS:
        raise GameError(f"errors must be one of {', '.join(ERRORS)}, found {errors!r}")


def _check_lams(lams: Iterable[Any]) -> list[float]:
    out = []
    for lam in lams:
        try:
            value = float(lam)
        except (TypeError, ValueError):
            raise GameError(f"lam must be a number, found {lam!r}") from None
        if not (math.isfinite(value) and value >= 0):
            raise GameError(f"lam must be a finite number >= 0, found {lam!r}")
        out.append(value)
    return out


# -- tracing the principal branch -------------------------------------------------------


def _trace(
    residual: Callable[[np.ndarray, float], np.ndarray],
    start: np.ndarray,
    targets: Sequence[float],
    max_steps: int = 50_000,
    derivative: Callable[[np.ndarray, float], np.ndarray] | None = None,
) -> list[np.ndarray]:
    """The branch's first crossing of each target lambda, from ``(start, 0)``.

    ``residual(z, lam)`` vanishes on the branch; ``start`` solves it at 0;
    ``derivative(z, lam)``, when given, is its Jacobian in ``(z, lam)``
    (finite differences otherwise).
    """
    order = sorted(range(len(targets)), key=lambda k: targets[k])
    found: dict[int, np.ndarray] = {}
    d = start.size

    def full(y: np.ndarray) -> np.ndarray:
        return residual(y[:-1], float(y[-1]))

    def jacobian(y: np.ndarray) -> np.ndarray:
        if derivative is not None:
            return derivative(y[:-1], float(y[-1]))
        base = full(y)
        jac = np.empty((d, d + 1))
        for k in range(d + 1):
            step = 1e-7 * max(1.0, abs(y[k]))
            shifted = y.copy()
            shifted[k] += step
            jac[:, k] = (full(shifted) - base) / step
        return jac

    def tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
        if previous is not None:
            # The null vector of J with a unit component along the previous tangent: the
            # branch's own direction even beside a bifurcation, where J has a second
            # near-null vector (symmetric games) that the smallest singular vector may be.
            try:
                x = np.linalg.solve(np.vstack([jac, previous]), np.eye(d + 1)[-1])
                if np.all(np.isfinite(x)) and np.linalg.norm(x) > 0:
                    return x / np.linalg.norm(x)
            except np.linalg.LinAlgError:
                pass
        t: np.ndarray = np.linalg.svd(jac)[2][-1]
        if previous is None:
            return t if t[-1] > 0 else -t
        return t if t @ previous > 0 else -t

    def at_lambda(z: np.ndarray, lam: float) -> np.ndarray | None:
        with np.errstate(all="ignore"):
            for _ in range(30):
                r = residual(z, lam)
                if not np.all(np.isfinite(r)):
                    return None
                if np.max(np.abs(r)) < _TOL:
                    return z
                jac = jacobian(np.append(z, lam))[:, :-1]
                try:
                    delta = np.linalg.solve(jac, -r)
                except np.linalg.LinAlgError:
                    return None
                z = z + delta
        r = residual(z, lam)
        return z if np.max(np.abs(r)) < 1e-9 else None

    def correct(predicted: np.ndarray, t: np.ndarray, jac: np.ndarray) -> np.ndarray | None:
        # Newton's method orthogonally to the tangent: with the Jacobian at each iterate
        # when it is analytic, else the chord method (the last point's Jacobian throughout).
        system = np.vstack([jac, t])
        y = predicted
        with np.errstate(all="ignore"):
            for _ in range(20):
                r = full(y)
                rhs = np.concatenate([r, [t @ (y - predicted)]])
                if not np.all(np.isfinite(rhs)):
                    return None
                if derivative is not None:
                    system = np.vstack([jacobian(y), t])
                try:
                    delta = np.linalg.solve(system, -rhs)
                except np.linalg.LinAlgError:
                    return None
                y = y + delta
                if np.max(np.abs(delta)) < 1e-10:
                    return y
        return None

    y = np.append(start, 0.0)
    pending = [k for k in order]
    while pending and targets[pending[0]] <= 0:
        found[pending.pop(0)] = start.copy()
    jac = jacobian(y)
    t = tangent(jac, None)
    h = 0.03
    for _ in range(max_steps):
        if not pending:
            break
        predicted = y + h * t
        new = correct(predicted, t, jac)
        new_jac = jacobian(new) if new is not None else None
        new_t = tangent(new_jac, t) if new_jac is not None else None
        if new is not None and new_t is not None and new_t @ t < 0.95 and h < 1e-3:
            # Beside a bifurcation point: coast past it along the old tangent.
            new_t = t
        if (
            new is None
            or new_t is None
            or np.max(np.abs(new - predicted)) > 0.5 * h + 1e-6
            or new_t @ t < 0.95
        ):
            h /= 2
            if h < 1e-12:
                raise SolverError("quantal response: the branch could not be followed")
            continue
        while pending and new[-1] >= targets[pending[0]]:
            target = targets[pending[0]]
            share = (target - y[-1]) / (new[-1] - y[-1])
            guess = y[:-1] + share * (new[:-1] - y[:-1])
            z = at_lambda(guess, target)
            if z is None:
                break
            found[pending.pop(0)] = z
        else:
            assert new_jac is not None  # new_t was computed from it
            y, t, jac = new, new_t, new_jac
            h = min(h * 2.0, max(1.0, 1.0 * abs(y[-1])))
            continue
        # Newton failed at a crossing: retry with a shorter step.
        h /= 2
        if h < 1e-12:
            raise SolverError("quantal response: the branch could not be solved at the target")
    if pending:
        raise SolverError(f"quantal response: lambda = {targets[pending[0]]} not reached")
    return [found[k] for k in range(len(targets))]


# -- normal-form games --------------------------------------------------------------------


def _pure_payoffs(arrays: Sequence[np.ndarray], sigma: Sequence[np.ndarray]) -> list[np.ndarray]:
    return _own_first_payoffs([np.moveaxis(a, i, 0) for i, a in enumerate(arrays)], sigma)


def _own_first_payoffs(
    moved: Sequence[np.ndarray], sigma: Sequence[np.ndarray]
) -> list[np.ndarray]:
    """Each player's payoff of each own strategy; ``moved[i]`` has player ``i``'s axis first."""
    out = []
    for i, value in enumerate(moved):
        for j in range(len(sigma) - 1, -1, -1):
            if j != i:
                value = value @ sigma[j]
        out.append(value)
    return out


def _cross_payoffs(array: np.ndarray, sigma: Sequence[np.ndarray], i: int, j: int) -> np.ndarray:
    """Player ``i``'s payoff of each pair (own strategy, ``j``'s strategy) against the rest."""
    value = array
    for k in range(len(sigma) - 1, -1, -1):
        if k not in (i, j):
            value = np.tensordot(value, sigma[k], axes=([k], [0]))
    return value if i < j else value.T


def normal_form_qre(
    arrays: Sequence[np.ndarray], lams: Sequence[float], errors: str = "logit"
) -> list[list[np.ndarray]]:
    """The principal-branch QRE of a normal-form game at each ``lambda``, from payoff arrays.

    Parameters
    ----------
    arrays
        One payoff array per player, axis ``i`` the strategies of player ``i``.
    lams
        The precisions, any order (each is the branch's first crossing).
    errors
        ``"logit"`` or ``"probit"``.

    Returns
    -------
    list
        For each ``lambda``, each player's mixed strategy (numpy arrays).

    Examples
    --------
    >>> import numpy as np
    >>> pennies = [np.array([[1.0, -1], [-1, 1]]), np.array([[-1.0, 1], [1, -1]])]
    >>> [s.round(3).tolist() for s in normal_form_qre(pennies, [5.0])[0]]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    _check_errors(errors)
    arrays = [np.asarray(a, dtype=float) for a in arrays]
    shape = arrays[0].shape
    cuts = np.cumsum(shape)[:-1]

    moved = [np.moveaxis(a, i, 0) for i, a in enumerate(arrays)]

    def residual(z: np.ndarray, lam: float) -> np.ndarray:
        logs = np.split(z, cuts)
        values = _own_first_payoffs(moved, [np.exp(v) for v in logs])
        return np.concatenate(
            [v - log_response(u, lam, errors) for v, u in zip(logs, values, strict=True)]
        )

    def derivative(z: np.ndarray, lam: float) -> np.ndarray:
        # Logit: R_i = z_i - lam u_i + logsumexp(lam u_i), so dR_i/dz_j (j != i) is
        # -lam (I - 1 q_i^T) dU_i/dsigma_j diag(sigma_j) and dR_i/dlam is -(u_i - q_i . u_i).
        logs = np.split(z, cuts)
        sigma = [np.exp(v) for v in logs]
        values = _own_first_payoffs(moved, sigma)
        jac = np.zeros((z.size, z.size + 1))
        offsets = np.concatenate([[0], np.cumsum(shape)])
        for i, u in enumerate(values):
            rows = slice(offsets[i], offsets[i + 1])
            q = np.exp(log_response(u, lam))
            project = np.eye(shape[i]) - np.outer(np.ones(shape[i]), q)
            jac[rows, rows] = np.eye(shape[i])
            jac[rows, -1] = -(u - q @ u)
            for j in range(len(shape)):
                if j != i:
                    cross = _cross_payoffs(arrays[i], sigma, i, j)
                    jac[rows, offsets[j] : offsets[j + 1]] = -lam * project @ cross * sigma[j]
        return jac

    start = np.concatenate([np.full(m, -math.log(m)) for m in shape])
    points = _trace(
        residual, start, list(lams), derivative=derivative if errors == "logit" else None
    )
    out = []
    for z in points:
        strategies = [np.exp(v) for v in np.split(z, cuts)]
        out.append([s / s.sum() for s in strategies])
    return out


# -- trees --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreeSkeleton:
    """The shape of a tree as plain indices: what the tree QRE walks.

    Attributes
    ----------
    kinds
        ``"decision"``, ``"chance"`` or ``"terminal"`` per node (preorder).
    children
        The children of each node.
    infoset
        The information set of each decision node (``-1`` elsewhere).
    mover
        The player of each decision node (``-1`` elsewhere).
    terminals
        The terminal nodes in preorder; payoff arrays are indexed by them.
    chance_nodes
        The chance nodes in preorder; chance arrays are indexed by them.
    infoset_nodes
        The nodes of each information set.
    infoset_player
        The player of each information set.
    n_players
        The number of players.
    """

    kinds: tuple[str, ...]
    children: tuple[tuple[int, ...], ...]
    infoset: tuple[int, ...]
    mover: tuple[int, ...]
    terminals: tuple[int, ...]
    chance_nodes: tuple[int, ...]
    infoset_nodes: tuple[tuple[int, ...], ...]
    infoset_player: tuple[int, ...]
    n_players: int

    @classmethod
    def from_game(cls, game: SequentialGame) -> TreeSkeleton:
        """The skeleton of a tree (numeric or not: payoffs are not read)."""
        nodes = game.nodes
        return cls(
            kinds=tuple(nd.kind for nd in nodes),
            children=tuple(tuple(nd.children) for nd in nodes),
            infoset=tuple(nd.infoset if nd.kind == "decision" else -1 for nd in nodes),
            mover=tuple(nd.player if nd.kind == "decision" else -1 for nd in nodes),
            terminals=tuple(k for k, nd in enumerate(nodes) if nd.kind == "terminal"),
            chance_nodes=tuple(k for k, nd in enumerate(nodes) if nd.kind == "chance"),
            infoset_nodes=tuple(tuple(h.nodes) for h in game.infosets),
            infoset_player=tuple(h.player for h in game.infosets),
            n_players=game.n_players,
        )

    @property
    def perfect_information(self) -> bool:
        """Whether every information set is a single node."""
        return all(len(n) == 1 for n in self.infoset_nodes)

    @property
    def infoset_sizes(self) -> tuple[int, ...]:
        """The number of actions of each information set."""
        return tuple(len(self.children[n[0]]) for n in self.infoset_nodes)

    def terminal_probabilities(
        self, behaviour: Sequence[np.ndarray], chance: Sequence[np.ndarray]
    ) -> np.ndarray:
        """The probability of reaching each terminal node, ``(points, terminals)``.

        ``behaviour[h]`` is ``(points, actions)`` for information set ``h``;
        ``chance[c]`` is ``(points, outcomes)`` for the ``c``-th chance node.
        """
        points = behaviour[0].shape[0] if behaviour else chance[0].shape[0] if chance else 1
        reach = self._reach(behaviour, chance, points)
        return np.stack([reach[k] for k in self.terminals], axis=-1)

    def _reach(
        self, behaviour: Sequence[np.ndarray], chance: Sequence[np.ndarray], points: int
    ) -> list[np.ndarray]:
        chance_index = {k: c for c, k in enumerate(self.chance_nodes)}
        reach: list[np.ndarray] = [np.ones(points)] * len(self.kinds)
        for k, kind in enumerate(self.kinds):
            if kind == "terminal":
                continue
            probs = chance[chance_index[k]] if kind == "chance" else behaviour[self.infoset[k]]
            for a, c in enumerate(self.children[k]):
                reach[c] = reach[k] * probs[:, a]
        return reach

    def _values(
        self,
        behaviour: Sequence[np.ndarray] | None,
        chance: Sequence[np.ndarray],
        payoffs: np.ndarray,
        lam: Any,
        errors: str,
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Each node's expected payoffs ``(points, players)`` from the leaves up.

        With ``behaviour`` given, decision nodes use it; without, each
        (singleton) information set takes its quantal response on the way up,
        and the behaviour is returned beside the values.
        """
        chance_index = {k: c for c, k in enumerate(self.chance_nodes)}
        terminal_index = {k: t for t, k in enumerate(self.terminals)}
        values: list[Any] = [None] * len(self.kinds)
        chosen: list[Any] = [None] * len(self.infoset_nodes)
        for k in range(len(self.kinds) - 1, -1, -1):
            kind = self.kinds[k]
            if kind == "terminal":
                values[k] = payoffs[:, terminal_index[k], :]
                continue
            below = np.stack([values[c] for c in self.children[k]], axis=1)  # (P, a, n)
            if kind == "chance":
                probs = chance[chance_index[k]]
            elif behaviour is not None:
                probs = behaviour[self.infoset[k]]
            else:
                probs = np.exp(log_response(below[:, :, self.mover[k]], lam, errors))
                chosen[self.infoset[k]] = probs
            values[k] = np.einsum("pa,pan->pn", probs, below)
        return values, chosen

    def action_values(
        self,
        behaviour: Sequence[np.ndarray],
        chance: Sequence[np.ndarray],
        payoffs: np.ndarray,
    ) -> list[np.ndarray]:
        """The mover's expected payoff of each action at each information set, given it is reached.

        Beliefs are Bayes' rule from ``behaviour`` (fully mixed in a QRE);
        returns ``(points, actions)`` per information set.
        """
        points = payoffs.shape[0]
        values, _ = self._values(behaviour, chance, payoffs, 0.0, "logit")
        reach = self._reach(behaviour, chance, points)
        out = []
        for h, members in enumerate(self.infoset_nodes):
            i = self.infoset_player[h]
            weights = np.stack([reach[x] for x in members], axis=1)  # (P, nodes)
            total = weights.sum(axis=1, keepdims=True)
            weights = np.where(total > 0, weights / np.where(total > 0, total, 1), 1 / len(members))
            below = np.stack(
                [np.stack([values[c][:, i] for c in self.children[x]], axis=1) for x in members],
                axis=1,
            )  # (P, nodes, actions)
            out.append(np.einsum("px,pxa->pa", weights, below))
        return out


def tree_qre(
    skeleton: TreeSkeleton,
    payoffs: np.ndarray,
    chance: Sequence[np.ndarray],
    lams: Any,
    errors: str = "logit",
) -> list[np.ndarray]:
    """The agent QRE behaviour of a tree, vectorised over parameter points.

    Parameters
    ----------
    skeleton
        The tree's :class:`TreeSkeleton`.
    payoffs
        ``(points, terminals, players)`` payoffs.
    chance
        Per chance node, ``(points, outcomes)`` probabilities.
    lams
        The precision: one number, or one per point.
    errors
        ``"logit"`` or ``"probit"``.

    Returns
    -------
    list of numpy.ndarray
        For each information set, ``(points, actions)`` choice probabilities.
        A perfect-information tree is solved from the leaves up, all points
        at once; a tree with information sets has its branch traced from
        ``lambda = 0``, point by point.
    """
    _check_errors(errors)
    payoffs = np.asarray(payoffs, dtype=float)
    points = payoffs.shape[0]
    lam_vec = np.broadcast_to(np.asarray(lams, dtype=float), (points,))
    if not skeleton.infoset_nodes:
        return []
    if skeleton.perfect_information:
        _, chosen = skeleton._values(None, chance, payoffs, lam_vec, errors)
        return list(chosen)
    sizes = skeleton.infoset_sizes
    cuts = np.cumsum(sizes)[:-1]
    rows: list[list[np.ndarray]] = []
    for p in range(points):
        pay = payoffs[p : p + 1]
        odds = [c[p : p + 1] for c in chance]

        def batch(zs: np.ndarray, lams: np.ndarray, pay: Any = pay, odds: Any = odds) -> np.ndarray:
            # Residuals of many profiles at once: the tree is walked once for all of them.
            count = zs.shape[0]
            logs = np.split(zs, cuts, axis=1)
            values = skeleton.action_values(
                [np.exp(v) for v in logs],
                [np.repeat(c, count, axis=0) for c in odds],
                np.repeat(pay, count, axis=0),
            )
            return np.concatenate(
                [v - log_response(u, lams, errors) for v, u in zip(logs, values, strict=True)],
                axis=1,
            )

        def residual(z: np.ndarray, lam: float, batch: Any = batch) -> np.ndarray:
            out: np.ndarray = batch(z[None, :], np.array([lam]))[0]
            return out

        def derivative(z: np.ndarray, lam: float, batch: Any = batch) -> np.ndarray:
            y = np.append(z, lam)
            steps = 1e-7 * np.maximum(1.0, np.abs(y))
            shifted = np.vstack([y, y + np.diag(steps)])
            r = batch(shifted[:, :-1], shifted[:, -1])
            jac: np.ndarray = ((r[1:] - r[0]) / steps[:, None]).T
            return jac

        start = np.concatenate([np.full(m, -math.log(m)) for m in sizes])
        (z,) = _trace(residual, start, [float(lam_vec[p])], derivative=derivative)
        parts = [np.exp(v) for v in np.split(z, cuts)]
        rows.append([s / s.sum() for s in parts])
    return [np.stack([row[h] for row in rows]) for h in range(len(sizes))]


def _tree_numbers(game: SequentialGame) -> tuple[np.ndarray, list[np.ndarray]]:
    pays, probs = game.numbers(exact=False)
    skeleton = TreeSkeleton.from_game(game)
    payoffs = np.array([[pays[k] for k in skeleton.terminals]], dtype=float)
    chance = [np.array([probs[k]], dtype=float) for k in skeleton.chance_nodes]
    return payoffs, chance


# -- results --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class QuantalResponseEquilibrium:
    """A quantal response equilibrium at one precision ``lam``.

    Attributes
    ----------
    game
        The numeric game (a :class:`~gametheory_alliances.NormalFormGame` or
        a :class:`~gametheory_alliances.SequentialGame`).
    lam
        The precision.
    errors
        ``"logit"`` or ``"probit"``.
    strategies
        Normal form: each player's mixed strategy; ``None`` for a tree.
    behaviour
        Tree: ``{information set label: {action: probability}}``; ``None``
        for a normal-form game.
    payoffs
        Each player's expected payoff.
    """

    game: Any = field(repr=False)
    lam: float
    errors: str
    strategies: tuple[tuple[float, ...], ...] | None
    behaviour: dict[str, dict[str, float]] | None
    payoffs: tuple[float, ...]

    @property
    def outcomes(self) -> dict[str, float]:
        """Tree: ``{outcome label (or node name): probability}``; empty for normal form."""
        if self.behaviour is None:
            return {}
        data: dict[str, float] = self.to_dict()["outcomes"]
        return data

    def _behaviour_arrays(self) -> list[np.ndarray]:
        assert self.behaviour is not None
        return [
            np.array([[self.behaviour[h.label][a] for a in h.actions]]) for h in self.game.infosets
        ]

    def certify(self, tol: float = 1e-8) -> Certificate:
        """Re-check the fixed point: each choice probability equals the quantal response.

        ``regrets`` holds, per player, the largest gap between a probability
        and the quantal response to the profile.
        """
        n = self.game.n_players
        gaps = [0.0] * n
        if self.strategies is not None:
            arrays = [np.asarray(a, dtype=float) for a in self.game.payoff_arrays()]
            sigma = [np.array(s) for s in self.strategies]
            for i, u in enumerate(_pure_payoffs(arrays, sigma)):
                response = np.exp(log_response(u, self.lam, self.errors))
                gaps[i] = float(np.max(np.abs(response - sigma[i])))
        else:
            skeleton = TreeSkeleton.from_game(self.game)
            payoffs, chance = _tree_numbers(self.game)
            behaviour = self._behaviour_arrays()
            values = skeleton.action_values(behaviour, chance, payoffs)
            for h, (b, u) in enumerate(zip(behaviour, values, strict=True)):
                response = np.exp(log_response(u[0], self.lam, self.errors))
                i = skeleton.infoset_player[h]
                gaps[i] = max(gaps[i], float(np.max(np.abs(response - b[0]))))
        return Certificate(all(g <= tol for g in gaps), False, tuple(gaps))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``strategies`` (normal form) or the tree's fields, and ``lambda``."""
        if self.strategies is not None:
            return {
                "strategies": [list(s) for s in self.strategies],
                "payoffs": list(self.payoffs),
                "lambda": self.lam,
            }
        from .tree_json import tree_equilibrium_json

        assert self.behaviour is not None
        profile = {
            h: tuple(self.behaviour[info.label][a] for a in info.actions)
            for h, info in enumerate(self.game.infosets)
        }
        return {**tree_equilibrium_json(self.game, profile), "lambda": self.lam}

    def __repr__(self) -> str:
        if self.strategies is not None:
            parts = [
                f"{p}: (" + ", ".join(f"{x:.6g}" for x in s) + ")"
                for p, s in zip(self.game.players, self.strategies, strict=True)
            ]
        else:
            assert self.behaviour is not None
            parts = [
                f"{label}: (" + ", ".join(f"{a} {x:.6g}" for a, x in probs.items()) + ")"
                for label, probs in self.behaviour.items()
            ]
        return f"QuantalResponseEquilibrium(lam={self.lam:g}, {'; '.join(parts)})"

    def text(self) -> str:
        """A readable account: the probabilities and each player's payoff."""
        lines = [f"{self.errors} QRE at lambda = {self.lam:g}"]
        if self.strategies is not None:
            for p, labels, s in zip(
                self.game.players, self.game.strategies, self.strategies, strict=True
            ):
                lines.append(
                    f"  {p}: " + ", ".join(f"{a} {x:.6g}" for a, x in zip(labels, s, strict=True))
                )
        else:
            assert self.behaviour is not None
            for label, probs in self.behaviour.items():
                lines.append(f"  {label}: " + ", ".join(f"{a} {x:.6g}" for a, x in probs.items()))
            lines.append(
                "  outcomes: " + ", ".join(f"{k} {v:.6g}" for k, v in self.outcomes.items())
            )
        lines.append(
            "  payoffs: "
            + ", ".join(
                f"{p} {v:.6g}" for p, v in zip(self.game.players, self.payoffs, strict=True)
            )
        )
        return "\n".join(lines)


class QREResult(SolverResult[QuantalResponseEquilibrium]):
    """The result of ``solve(game, "qre", lam=...)``: one QRE, with the game and options."""

    def to_dict(self, concept: str = "qre") -> dict[str, Any]:
        """The ``gta solve --concept qre --json`` object."""
        from .tree_json import tree_header

        (qre,) = self.equilibria
        if isinstance(self.game, SequentialGame):
            head = tree_header(self.game)
        else:
            head = {
                "players": list(self.game.players),
                "strategies": [list(s) for s in self.game.strategies],
            }
        return {
            **head,
            "concept": concept,
            "method": self.method,
            "errors": qre.errors,
            "lambda": qre.lam,
            "equilibria": [qre.to_dict()],
        }

    def _repr_html_(self) -> str:
        return "<pre>" + self.text().replace("&", "&amp;").replace("<", "&lt;") + "</pre>"

    def _repr_latex_(self) -> str | None:
        return None

    def text(self) -> str:
        """The readable account of the one QRE."""
        return self.equilibria[0].text()


def _numeric_game(game: Any, what: str) -> NormalFormGame | SequentialGame:
    g = game_of(game)
    inner = getattr(g, "game", g) if not isinstance(g, NormalFormGame | SequentialGame) else g
    if not isinstance(inner, NormalFormGame | SequentialGame):
        raise SolverError(f"{what}: expected a normal-form game or a tree, found {g.kind} game")
    if not inner.is_numeric:
        raise SolverError(
            f"{what}: the game has unbound parameters {', '.join(inner.free_parameters)}; "
            "bind them with game.at(...) first"
        )
    return inner


def _solve_many(
    game: NormalFormGame | SequentialGame, lams: list[float], errors: str
) -> list[QuantalResponseEquilibrium]:
    out = []
    if isinstance(game, NormalFormGame):
        for lam, sigma in zip(
            lams, normal_form_qre(game.payoff_arrays(), lams, errors), strict=True
        ):
            strategies = tuple(tuple(float(p) for p in s) for s in sigma)
            expected = tuple(float(v) for v in game.expected_payoffs(strategies))
            out.append(QuantalResponseEquilibrium(game, lam, errors, strategies, None, expected))
        return out
    skeleton = TreeSkeleton.from_game(game)
    payoffs, chance = _tree_numbers(game)
    for lam in lams:
        behaviour = tree_qre(skeleton, payoffs, chance, lam, errors)
        reach = skeleton.terminal_probabilities(behaviour, chance)[0]
        pays = tuple(float(v) for v in reach @ payoffs[0])
        labelled = {
            info.label: {a: float(p) for a, p in zip(info.actions, behaviour[h][0], strict=True)}
            for h, info in enumerate(game.infosets)
        }
        out.append(QuantalResponseEquilibrium(game, lam, errors, None, labelled, pays))
    return out


def quantal_response_equilibrium(
    game: Any, lam: float, errors: str = "logit"
) -> QuantalResponseEquilibrium:
    """The quantal response equilibrium at precision ``lam`` on the principal branch.

    Parameters
    ----------
    game
        A numeric normal-form game (any number of players) or tree, or a
        model whose game is numeric. A tree has the agent QRE.
    lam
        The precision, ``>= 0``, in the game's payoff units (0: uniform play).
    errors
        ``"logit"`` (default) or ``"probit"``.

    Returns
    -------
    QuantalResponseEquilibrium
        ``strategies`` (normal form) or ``behaviour`` (tree), ``payoffs``,
        ``lam``; :meth:`~QuantalResponseEquilibrium.certify` re-checks the
        fixed point.

    Raises
    ------
    GameError
        A symbolic game, a negative or non-finite ``lam``, unknown ``errors``.

    Examples
    --------
    >>> from gametheory_alliances import load_model
    >>> qre = quantal_response_equilibrium(load_model("extended-deterrence").at(), 4.0)
    >>> {k: round(v, 4) for k, v in qre.behaviour["Challenger after Challenge > Resist"].items()}
    {'Back down': 0.8808, 'Fight': 0.1192}
    >>> bool(qre.certify())
    True
    """
    _check_errors(errors)
    (value,) = _check_lams([lam])
    numeric = _numeric_game(game, "quantal_response_equilibrium")
    return _solve_many(numeric, [value], errors)[0]


def solve_qre(game: Any, lam: float, errors: str = "logit") -> QREResult:
    """:func:`quantal_response_equilibrium` as a :class:`QREResult` (what ``solve`` returns)."""
    qre = quantal_response_equilibrium(game, lam, errors)
    return QREResult(qre.game, _METHOD, (qre,), False, {"lam": qre.lam, "errors": errors})


@dataclass(frozen=True)
class QRECorrespondence:
    """The principal branch at several precisions: a table over ``lambda``.

    Attributes
    ----------
    game
        The game.
    equilibria
        One :class:`QuantalResponseEquilibrium` per ``lambda``, in the order given.
    """

    game: Any = field(repr=False)
    equilibria: tuple[QuantalResponseEquilibrium, ...]

    @property
    def columns(self) -> list[str]:
        """``lambda``, then ``player:strategy`` (normal form) or ``infoset:action`` (tree)."""
        if isinstance(self.game, NormalFormGame):
            return ["lambda"] + [
                f"{p}:{s}"
                for p, labels in zip(self.game.players, self.game.strategies, strict=True)
                for s in labels
            ]
        return ["lambda"] + [f"{h.label}:{a}" for h in self.game.infosets for a in h.actions]

    def rows(self) -> list[list[float]]:
        """One row per ``lambda``, in the order of :attr:`columns`."""
        out = []
        for qre in self.equilibria:
            if qre.strategies is not None:
                probs = [p for s in qre.strategies for p in s]
            else:
                assert qre.behaviour is not None
                probs = [p for b in qre.behaviour.values() for p in b.values()]
            out.append([qre.lam, *probs])
        return out

    def records(self) -> list[dict[str, float]]:
        """The rows as dictionaries (for ``pandas.DataFrame(result.records())``)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows()]

    def table(self) -> str:
        """The table as aligned text."""
        cols = self.columns
        body = [[f"{x:.6g}" for x in row] for row in self.rows()]
        widths = [max(len(c), *(len(r[k]) for r in body)) for k, c in enumerate(cols)]
        lines = ["  ".join(c.rjust(w) for c, w in zip(cols, widths, strict=True))]
        lines += ["  ".join(x.rjust(w) for x, w in zip(r, widths, strict=True)) for r in body]
        return "\n".join(lines)


def qre_correspondence(
    game: Any, lams: Iterable[float], errors: str = "logit"
) -> QRECorrespondence:
    """The principal branch of QRE at each of ``lams`` (one trace for all of them).

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["R", "C"],
    ...                     strategies=[["C", "D"], ["C", "D"]])
    >>> print(qre_correspondence(pd, [0, 1, 4]).table())
    lambda        R:C       R:D        C:C       C:D
         0        0.5       0.5        0.5       0.5
         1   0.226751  0.773249   0.226751  0.773249
         4  0.0168346  0.983165  0.0168346  0.983165
    """
    _check_errors(errors)
    values = _check_lams(lams)
    numeric = _numeric_game(game, "qre_correspondence")
    return QRECorrespondence(numeric, tuple(_solve_many(numeric, values, errors)))


@dataclass(frozen=True)
class QRELimit:
    """Where the principal branch goes as ``lambda`` grows.

    Attributes
    ----------
    qre
        The QRE at the largest ``lambda`` traced.
    equilibrium
        The equilibrium it selects: the logit homotopy's certified Nash
        equilibrium (normal form), or the subgame-perfect equilibrium whose
        behaviour it approaches (tree); ``None`` when none is within ``1e-2``.
    """

    qre: QuantalResponseEquilibrium
    equilibrium: Any


def qre_limit(game: Any, lam_max: float | None = None) -> QRELimit:
    """The equilibrium the logit QRE branch selects as ``lambda`` grows.

    Parameters
    ----------
    game
        A numeric normal-form game or tree.
    lam_max
        The largest ``lambda`` traced; default ``1e3`` over the payoff range.

    Examples
    --------
    >>> from gametheory_alliances import load_model
    >>> limit = qre_limit(load_model("chain-store").at())
    >>> limit.equilibrium.path
    ('Enter', 'Acquiesce')
    """
    numeric = _numeric_game(game, "qre_limit")
    if isinstance(numeric, NormalFormGame):
        arrays = numeric.payoff_arrays()
    else:
        arrays = (_tree_numbers(numeric)[0],)
    span = max(float(np.max(a)) - float(np.min(a)) for a in arrays) or 1.0
    top = float(lam_max) if lam_max is not None else 1e3 / span
    qre = quantal_response_equilibrium(numeric, top)
    if isinstance(numeric, NormalFormGame):
        from .logit_homotopy import logit_homotopy

        (eq,) = logit_homotopy(numeric)
        assert qre.strategies is not None
        near = max(
            abs(a - b)
            for s, t in zip(eq.strategies, qre.strategies, strict=True)
            for a, b in zip(s, t, strict=True)
        )
        return QRELimit(qre, eq if near < 1e-2 else None)
    from .backward_induction import subgame_perfect_equilibria

    assert qre.behaviour is not None
    best: tuple[float, Any] | None = None
    for eq in subgame_perfect_equilibria(numeric):
        data = eq.to_dict()["behaviour"]
        gap = max(
            abs(float(p) - qre.behaviour[label][a])
            for label, probs in data.items()
            if probs is not None
            for a, p in probs.items()
        )
        if best is None or gap < best[0]:
            best = (gap, eq)
    chosen = best[1] if best is not None and best[0] < 1e-2 else None
    return QRELimit(qre, chosen)
