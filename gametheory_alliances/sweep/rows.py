"""The rows of a sweep chunk: collecting them, labelling them, rounding their numbers.

:class:`NormalFormRows` collects the rows of a normal-form chunk (kernel
rows as arrays, exact rows as equilibrium objects) and builds its table;
:class:`TreeRows` does the same for a sequential game.
:func:`support_labels` and :func:`tree_labels` name each row (the concise labels of
:mod:`~gametheory_alliances.labels`), and
:func:`round_significant` rounds probabilities and payoffs so that a number
reached along different floating-point paths prints the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..labels import row_labels

if TYPE_CHECKING:
    from .plan import SweepPlan

__all__ = [
    "SIGNIFICANT_DIGITS",
    "ZERO_SNAP",
    "NormalFormRows",
    "TreeRows",
    "round_significant",
    "support_labels",
    "tree_labels",
]


class NormalFormRows:
    """Collects the rows of a normal-form chunk: kernel rows (arrays), exact rows (equilibria)."""

    def __init__(self, plan: SweepPlan, values: dict[str, np.ndarray]) -> None:
        self.plan = plan
        self.values = values
        self.classes: np.ndarray | None = None
        self.points: list[np.ndarray] = []
        self.strategies: list[list[np.ndarray]] = []
        self.payoffs: list[np.ndarray] = []
        self.components: list[np.ndarray] = []
        self.sizes: list[np.ndarray] = []
        self.numbers: list[np.ndarray] = []

    def add_kernel(
        self, point: np.ndarray, strategies: list[np.ndarray], payoffs: np.ndarray
    ) -> None:
        self.points.append(point)
        self.strategies.append(strategies)
        self.payoffs.append(payoffs)
        number = _within_group_number(point)
        self.numbers.append(number)
        self.components.append(number)
        self.sizes.append(np.ones(len(point), dtype=np.int64))

    def add_exact(self, local: int, result: Any) -> None:
        eqs = list(result)
        if not eqs:
            return
        k = len(eqs)
        self.points.append(np.full(k, local))
        self.strategies.append(
            [
                np.array([eq.strategies[i] for eq in eqs], dtype=float)
                for i in range(self.plan.game.n_players)
            ]
        )
        self.payoffs.append(np.array([eq.payoffs for eq in eqs], dtype=float))
        self.numbers.append(np.arange(1, k + 1))
        self.components.append(
            np.array(
                [eq.component if eq.component is not None else j + 1 for j, eq in enumerate(eqs)]
            )
        )
        self.sizes.append(np.array([eq.component_size for eq in eqs]))

    def add_empty(self, points: np.ndarray) -> None:
        """A row saying 'none' for every valid point without an equilibrium (pure concept)."""
        have = np.concatenate(self.points) if self.points else np.zeros(0, dtype=np.intp)
        empty = np.setdiff1d(points, have)
        if len(empty) == 0:
            return
        game = self.plan.game
        self.points.append(empty)
        self.strategies.append([np.full((len(empty), m), np.nan) for m in game.shape])
        self.payoffs.append(np.full((len(empty), game.n_players), np.nan))
        zero = np.zeros(len(empty), dtype=np.int64)
        self.numbers.append(zero)
        self.components.append(zero)
        self.sizes.append(zero)

    def frame(self) -> pd.DataFrame:
        game = self.plan.game
        n_players = game.n_players
        if self.points:
            point = np.concatenate(self.points)
            order = np.argsort(point, kind="stable")
            point = point[order]
            strategies = [
                np.concatenate([s[i] for s in self.strategies])[order] for i in range(n_players)
            ]
            payoffs = np.concatenate(self.payoffs)[order]
            numbers = np.concatenate(self.numbers)[order]
            components = np.concatenate(self.components)[order]
            sizes = np.concatenate(self.sizes)[order]
        else:
            point = np.zeros(0, dtype=np.intp)
            strategies = [np.zeros((0, m)) for m in game.shape]
            payoffs = np.zeros((0, n_players))
            numbers = components = sizes = np.zeros(0, dtype=np.int64)
        columns: dict[str, Any] = {k: v[point] for k, v in self.values.items()}
        columns["equilibrium"] = numbers.astype(np.int64)
        labels = support_labels(game, strategies, numbers)
        if self.classes is not None and len(point):
            named = self.classes[point]
            labels = np.where(named != "", named + ": " + labels, labels)
        columns["label"] = labels
        for i, player in enumerate(game.players):
            for j, strategy in enumerate(game.strategies[i]):
                columns[f"{player}:{strategy}"] = round_significant(strategies[i][:, j])
        for i, player in enumerate(game.players):
            columns[f"payoff:{player}"] = round_significant(payoffs[:, i])
        columns["component"] = components.astype(np.int64)
        columns["component_size"] = sizes.astype(np.int64)
        return pd.DataFrame(columns)


class TreeRows:
    """Collects the rows of a sequential game's chunk."""

    def __init__(self, n: int) -> None:
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def add(self, point: np.ndarray, behaviour: np.ndarray, payoffs: np.ndarray) -> None:
        self.parts.append((np.asarray(point, dtype=np.intp), behaviour, payoffs))

    def finish(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        point = np.concatenate([p[0] for p in self.parts])
        order = np.argsort(point, kind="stable")
        point = point[order]
        behaviour = np.concatenate([p[1] for p in self.parts])[order]
        payoffs = np.concatenate([p[2] for p in self.parts])[order]
        return point, behaviour, payoffs, _within_group_number(point).astype(np.int64)


SIGNIFICANT_DIGITS = 12
"""Probabilities and payoffs in the table are rounded to this many significant digits."""


def round_significant(x: np.ndarray, digits: int = SIGNIFICANT_DIGITS) -> np.ndarray:
    """Round to ``digits`` significant digits (so 0.1 + 0.2 prints as 0.3).

    The kernels and the exact solvers reach the same number along different
    floating-point paths; rounding makes them print identically, and it
    absorbs the last-bit errors of the float kernels (0.0499999999999999 is
    0.05). Magnitudes below ``ZERO_SNAP`` are rounding residue of a zero
    (an exact solver gives 0 there) and print as 0. Integers (most
    probabilities) are left alone, and so are numbers above 1e14 in
    magnitude, or below 1e-11 (their scaling by a power of ten would not be
    exact).
    """
    out = np.array(x, dtype=float)
    out[np.abs(out) < ZERO_SNAP] = 0.0
    todo = np.flatnonzero(out != np.round(out))
    if len(todo):
        v = out[todo]
        with np.errstate(all="ignore"):
            power = digits - 1 - np.floor(np.log10(np.abs(v)))
        scaled = (power >= 0) & (power <= 22)
        scale = _POWERS_OF_TEN[np.where(scaled, power, 0).astype(np.intp)]
        out[todo] = np.where(scaled, np.round(v * scale) / scale, v)
    return out + 0.0  # no negative zeros


_POWERS_OF_TEN = 10.0 ** np.arange(23)

ZERO_SNAP = 1e-12
"""Table values smaller than this in magnitude are float residue of zero (the
kernels decide ties with a tolerance of 1e-9, far above it)."""


def _within_group_number(point: np.ndarray) -> np.ndarray:
    """1, 2, ... within each run of equal (sorted) point indices."""
    if len(point) == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[True, point[1:] != point[:-1]]
    first = np.maximum.accumulate(np.where(starts, np.arange(len(point)), 0))
    return np.arange(len(point)) - first + 1


def support_labels(game: Any, strategies: list[np.ndarray], numbers: np.ndarray) -> np.ndarray:
    """The concise label of every row (:func:`~gametheory_alliances.labels.row_labels`).

    A row numbered 0 says that its point has no pure equilibrium; two rows of
    one point on the same supports carry their weights.
    """
    n = len(numbers)
    if n == 0:
        return np.zeros(0, dtype=object)
    sets = [(p, s) for p, s in zip(game.players, game.strategies, strict=True)]
    labels = row_labels(sets, np.concatenate(strategies, axis=1), np.cumsum(numbers <= 1))
    return np.where(numbers == 0, "no pure equilibrium", labels)


def tree_labels(infosets: Any, behaviour: np.ndarray, numbers: np.ndarray) -> np.ndarray:
    """The concise label of every row of a tree's table: its action at every information set."""
    sets = [(h.label, h.actions) for h in infosets]
    return row_labels(sets, behaviour, np.cumsum(numbers <= 1))
