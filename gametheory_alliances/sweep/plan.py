"""A sweep's plan: the game, grid and options, and the solving of one chunk of points.

:class:`SweepPlan` is what every chunk needs, picklable so that chunks can
run on local processes or a Dask cluster. Its :meth:`~SweepPlan.solve` gives
the table rows of a range of grid points: the payoffs evaluated for all of
them at once, the model's assumptions checked (exactly near their
boundaries), the equilibria from the batched kernels of
:mod:`gametheory_alliances.sweep.kernels` (or from the closed-form regions
of :mod:`gametheory_alliances.sweep.regions`), and every point where a
comparison that matters lies near a tie solved again by the exact scalar
solver.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import sympy

from ..errors import DomainError, GameError, PayoffError, ProbabilityError, TooLargeError
from .classes import SYMMETRIC_CLASSES, class_table, derive_symmetric_classes, tie_label
from .compiled import (
    RELATIONS,
    exact_predicate,
    fraction_code,
    numpy_boolean,
    numpy_function,
    payoff_texts,
)
from .kernels import (
    KERNEL_TOLERANCE,
    BimatrixSolution,
    backward_induction_batch,
    nash_2x2,
    nash_2x2_exact,
    nash_bimatrix,
    profile_order,
    pure_nash,
    tree_values,
)
from .regions import RegionData, polynomial_evaluator, truth_function
from .rows import NormalFormRows, TreeRows, round_significant, tree_labels

__all__ = [
    "MAX_KERNEL_SUPPORTS",
    "MAX_SWEEP_POINTS",
    "SYMMETRIC_CLASSES",
    "SweepPlan",
    "derive_symmetric_classes",
    "point_text",
]


MAX_KERNEL_SUPPORTS = 300
"""Games with more pairs of equal-size supports than this (5 x 5 has 251, 6 x 6 has
923) are solved point by point by the scalar solver instead of the batched kernel."""

MAX_SWEEP_POINTS = 10**10
"""Most points a sweep's grid may have (its chunks are listed before any is solved)."""

_KERNEL_BATCH = 1_000_000
"""Points times support pairs handed to the batched kernel at once (bounds its memory)."""


def _batched_bimatrix(a: np.ndarray, b: np.ndarray, size: int) -> BimatrixSolution:
    """:func:`~gametheory_alliances.sweep.kernels.nash_bimatrix` over slices of ``size`` points."""
    parts = [nash_bimatrix(a[s : s + size], b[s : s + size]) for s in range(0, len(a), size)]
    if len(parts) == 1:
        return parts[0]
    return BimatrixSolution(
        np.concatenate([p.point + s for p, s in zip(parts, range(0, len(a), size), strict=True)]),
        np.concatenate([p.x for p in parts]),
        np.concatenate([p.y for p in parts]),
        np.concatenate([p.ambiguous for p in parts]),
    )


_CHECKPOINT_VERSION = 1

_FLOAT_MAX = sys.float_info.max


class SweepPlan:
    """A sweep's game, grid and options; picklable so chunks can run anywhere."""

    def __init__(
        self,
        game: Any,
        model: Any,
        axes: dict[str, tuple[Any, ...]],
        fixed: dict[str, Any],
        concept: str,
        invalid: str,
        tree: Any = None,
    ) -> None:
        self.game = game
        # The tree whose chance moves are checked at every point (the game itself, or the
        # tree a reduced strategic form came from).
        self.tree = game if game.is_tree else tree
        self.model = model
        self.axes = axes
        self.fixed = fixed
        self.concept = concept
        self.invalid = invalid
        self.sequential = game.is_tree
        self.shape = tuple(len(v) for v in axes.values())
        self.n_points = math.prod(self.shape)
        if self.n_points > MAX_SWEEP_POINTS:
            raise TooLargeError(
                f"sweep: the grid has {self.n_points} points "
                f"({' x '.join(map(str, self.shape))}), more than the limit of {MAX_SWEEP_POINTS}"
            )
        self.regions: RegionData | None = None
        self._cache: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cache"] = {}
        return state

    @property
    def parameter_names(self) -> list[str]:
        return list(self.game.parameters)

    def fingerprint(self, chunk_size: int) -> str:
        exprs = payoff_texts(self.game, self.sequential)
        assumptions = (
            [sympy.srepr(c) for c, _ in self.model.assumptions] if self.model is not None else []
        )
        blob = {
            "version": _CHECKPOINT_VERSION,
            "players": list(self.game.players),
            "strategies": (
                [[h.label, *h.actions] for h in self.game.infosets]
                if self.sequential
                else [list(s) for s in self.game.strategies]
            ),
            "payoffs": exprs,
            "assumptions": assumptions,
            "axes": {k: [str(v) for v in vals] for k, vals in self.axes.items()},
            "fixed": {k: str(v) for k, v in self.fixed.items()},
            "concept": self.concept,
            "invalid": self.invalid,
            "chunk_size": chunk_size,
        }
        if self.regions is not None:
            # Only region sweeps carry the method, so numeric checkpoints keep their fingerprints.
            blob["method"] = "regions"
        return hashlib.sha256(json.dumps(blob, sort_keys=True).encode()).hexdigest()

    # -- values at points --------------------------------------------------------------

    def _indices(self, start: int, stop: int) -> list[np.ndarray]:
        flat = np.arange(start, stop)
        if not self.shape:
            return []
        return list(np.unravel_index(flat, self.shape))

    def float_values(self, start: int, stop: int) -> dict[str, np.ndarray]:
        n = stop - start
        out = {k: np.full(n, float(v)) for k, v in self.fixed.items()}
        for (name, vals), idx in zip(self.axes.items(), self._indices(start, stop), strict=True):
            out[name] = np.asarray([float(v) for v in vals])[idx]
        return {k: out[k] for k in self.parameter_names}

    def exact_values(self, point: int) -> dict[str, Any]:
        out = dict(self.fixed)
        if self.shape:
            idx = np.unravel_index(point, self.shape)
            for (name, vals), i in zip(self.axes.items(), idx, strict=True):
                out[name] = vals[int(i)]
        return {k: out[k] for k in self.parameter_names}

    def payoffs(self, values: dict[str, np.ndarray], n: int) -> np.ndarray:
        """Float payoffs at every point, shape ``(n, n_players, *game.shape)``."""
        symbols = tuple(p.symbol for p in self.game.parameters.values())
        exprs = tuple(e for array in self.game.payoff_expressions() for e in array.ravel())
        args = [values[k] for k in self.parameter_names]
        with np.errstate(all="ignore"):
            cols = [
                np.broadcast_to(np.asarray(v, dtype=float), (n,))
                for v in numpy_function(exprs, symbols)(*args)
            ]
        stacked = np.stack(cols, axis=1) if cols else np.zeros((n, 0))
        return stacked.reshape((n, self.game.n_players, *self.game.shape))

    def valid(self, values: dict[str, np.ndarray], start: int, n: int) -> np.ndarray:
        """Which points satisfy the model's assumptions and give every chance move a
        probability vector (see :meth:`assumptions_hold` and :meth:`chance_valid`)."""
        ok = self.assumptions_hold(values, start, n)
        return ok & self.chance_valid(values, start, n)

    def chance_valid(self, values: dict[str, np.ndarray], start: int, n: int) -> np.ndarray:
        """Which points give every chance move probabilities in [0, 1] summing to one.

        Decided for the whole chunk from the floats where a probability is
        clearly inside or outside [0, 1] (or its sum clearly away from one);
        within tolerance of an end, the separation bound (see
        :meth:`difference`) proves most values equal to the end, and the
        rest are checked exactly, as ``game.at`` checks them. With
        ``invalid="raise"`` the first bad point is refused with a
        :class:`~gametheory_alliances.errors.ProbabilityError` naming it
        and the probability; with ``"drop"`` it has no rows.
        """
        ok = np.ones(n, dtype=bool)
        tree = self.tree
        if tree is None:
            return ok
        checks: list[tuple[sympy.Expr, tuple[int, ...]]] = []  # (expression, ends it must respect)
        for nd in tree.nodes:
            if nd.kind != "chance" or not any(p.free_symbols for p in nd.probs):
                continue
            checks.extend((p, (0, 1)) for p in nd.probs)
            total = sympy.expand(sum(nd.probs, sympy.Integer(0)))
            if total != 1:
                checks.append((total, (1,)))
        if not checks:
            return ok
        symbols = tuple(p.symbol for p in tree.parameters.values())
        args = [values[k] for k in tree.parameters]
        with np.errstate(all="ignore"):
            floats = [
                np.broadcast_to(np.asarray(v, dtype=float), (n,))
                for v in numpy_function(tuple(e for e, _ in checks), symbols)(*args)
            ]
        unsure = np.zeros(n, dtype=bool)
        for (expr, ends), x in zip(checks, floats, strict=True):
            finite = np.isfinite(x)  # undefined values are the exact solver's to report
            close = KERNEL_TOLERANCE * np.maximum(1.0, np.abs(x))
            ok &= ((x >= ends[0] - close) & (x <= ends[-1] + close)) | ~finite
            for end in ends:
                near = finite & (np.abs(x - end) <= close)
                if near.any():
                    _, gap = self.difference(expr, sympy.Integer(end))
                    unsure |= near & ~(1.1 * close < gap)
        for local in np.nonzero(unsure & ok)[0].tolist():
            try:
                tree.at(**self.exact_values(start + local))
            except ProbabilityError:
                ok[local] = False
            except GameError:
                pass  # an undefined payoff or probability: reported where it is solved
        if self.invalid == "raise" and not ok.all():
            local = int(np.argmin(ok))
            point = self.exact_values(start + local)
            try:
                tree.at(**point)
            except ProbabilityError as exc:
                raise ProbabilityError(f"sweep: at {point_text(point)}: {exc}") from None
            # Irrational values decided in floating point: name the first value out of range.
            expr, value = next(
                (e, x[local])
                for (e, ends), x in zip(checks, floats, strict=True)
                if not ends[0] - 1e-9 <= x[local] <= ends[-1] + 1e-9
            )
            raise ProbabilityError(
                f"sweep: at {point_text(point)}: the chance probability {expr} is "
                f"{value:.12g}: expected chance probabilities in [0, 1] summing to 1"
            )
        return ok

    def assumptions_hold(self, values: dict[str, np.ndarray], start: int, n: int) -> np.ndarray:
        """Which points satisfy the model's assumptions, decided exactly near the boundaries.

        Each relation is decided from the floats where its two sides are
        clearly apart; where they are within tolerance, from the separation
        bound (see :meth:`difference`) when it proves them equal, else in
        exact rational arithmetic at that point.
        """
        ok = np.ones(n, dtype=bool)
        if self.model is None or not self.model.assumptions:
            return ok
        symbols = tuple(p.symbol for p in self.game.parameters.values())
        args = [values[k] for k in self.parameter_names]
        conds = tuple(c for c, _ in self.model.assumptions)
        rels = tuple(
            sorted({r for c in conds for r in c.atoms(sympy.core.relational.Relational)}, key=str)
        )
        unsure = np.zeros(n, dtype=bool)
        try:
            exprs = (*(r.lhs - r.rhs for r in rels), *(r.lhs for r in rels))
            with np.errstate(all="ignore"):
                out = [
                    np.broadcast_to(np.asarray(v, dtype=float), (n,))
                    for v in numpy_function(exprs, symbols)(*args)
                ]
            truths = []
            for r, margin, lhs in zip(rels, out[: len(rels)], out[len(rels) :], strict=True):
                close = KERNEL_TOLERANCE * (1.0 + np.abs(lhs))
                near = np.abs(margin) <= close
                test = RELATIONS[type(r)]
                _, gap = self.difference(r.lhs, r.rhs)
                zero = near & (1.1 * close < gap)
                unsure |= near & ~zero
                truths.append(np.where(zero, bool(test(0)), test(margin)))
            for cond in conds:
                ok &= np.broadcast_to(
                    np.asarray(numpy_boolean(cond, rels)(*truths), dtype=bool), (n,)
                )
        except (TypeError, ValueError, NameError, AttributeError, KeyError):
            unsure[:] = True
        predicates = [exact_predicate(c) for c in conds]
        for local in np.nonzero(unsure)[0].tolist():
            point = self.exact_values(start + local)
            if all(p is not None for p in predicates) and all(
                isinstance(v, Fraction) for v in point.values()
            ):
                ok[local] = all(p(point) for p in predicates)
                continue
            try:
                self.model.check_assumptions(point)
                ok[local] = True
            except DomainError:
                ok[local] = False
        if self.invalid == "raise" and not ok.all():
            first = start + int(np.argmin(ok))
            point = self.exact_values(first)
            self.model.check_assumptions(point)  # raises the model's own message
            raise DomainError(f"{self.model.name}: the values {point} violate an assumption")
        return ok

    def difference(self, first: sympy.Expr, second: sympy.Expr) -> tuple[Any, float]:
        """``first - second`` compiled for fractions, and a separation bound over the grid.

        Returns ``(code, gap)``: ``code`` computes the difference in fractions
        (``_IDENTICAL`` when the two are the same expression, ``None`` when
        the difference is not a rational function); ``gap`` is a lower bound
        on the size of the difference wherever it is not zero, at every point
        of the grid (0 when none is known). For a polynomial whose
        coefficients have the common denominator ``C``, in parameters whose
        values have the common denominators ``D_j``,
        ``C * prod(D_j ** degree_j)`` times the difference is an integer, so
        a nonzero difference is at least the inverse of that: two floats
        closer than ``gap`` (less rounding) come from equal exact values.
        """
        table = self._cache.setdefault("difference", {})
        if (first, second) not in table:
            symbols = tuple(p.symbol for p in self.game.parameters.values())
            code, lcd, degrees = _difference_info(first, second, symbols)
            gap = 0.0
            if code is not _IDENTICAL and degrees is not None:
                bound = lcd
                for name, degree in zip(self.game.parameters, degrees, strict=True):
                    if degree > 0:
                        bound *= self._denominator(name) ** degree
                gap = 1.0 / bound if bound < 10**300 else 0.0
            table[(first, second)] = (code, gap)
        entry: tuple[Any, float] = table[(first, second)]
        return entry

    # -- solving -------------------------------------------------------------------------

    def exact_arrays(self, point: int) -> list[np.ndarray] | None:
        """The payoffs at one point as fractions (``None`` when they are not rational)."""
        values = self.exact_values(point)
        if "fraction" not in self._cache:
            codes = []
            for array in self.game.payoff_expressions():
                codes.append([fraction_code(e) for e in array.ravel()])
            self._cache["fraction"] = codes
        codes = self._cache["fraction"]
        if not all(isinstance(v, Fraction) for v in values.values()) or not all(
            c is not None for row in codes for c in row
        ):
            return None
        try:
            return [
                np.array([c(values) for c in row], dtype=object).reshape(self.game.shape)
                for row in codes
            ]
        except ZeroDivisionError:
            return None  # game.at reports the undefined payoff

    def exact_game(self, point: int) -> Any:
        """The numeric game at one point, exactly as ``model.at`` builds it."""
        arrays = self.exact_arrays(point)
        if arrays is None:
            return self.game.at(**self.exact_values(point))
        from ..normal_form import NormalFormGame

        return NormalFormGame(
            arrays,
            players=self.game.players,
            strategies=self.game.strategies,
            title=self.game.title,
        )

    def solve(self, start: int, stop: int) -> pd.DataFrame:
        """The table rows of the points ``start <= point < stop``."""
        # Overflow and NaN in the float kernels are expected (they flag those points for the
        # exact solver, which refuses payoffs beyond the float range): no RuntimeWarning.
        with np.errstate(all="ignore"):
            return self._solve(start, stop)

    def _solve(self, start: int, stop: int) -> pd.DataFrame:
        n = stop - start
        values = self.float_values(start, stop)
        ok = self.valid(values, start, n)
        if self.sequential:
            return self._solve_spe(start, values, ok)
        pay = self.payoffs(values, n)
        game = self.game
        rows = NormalFormRows(self, values)
        rows.classes = self.symmetric_classes(pay, start)
        if self.regions is not None:
            redo = self._solve_by_regions(values, pay, ok, rows)
        elif self.concept == "pure":
            psol = pure_nash(pay)
            redo = (psol.ambiguous | ~np.isfinite(pay).reshape(n, -1).all(axis=1)) & ok
            keep = ok[psol.point] & ~redo[psol.point]
            profile = psol.profile[keep]
            point = psol.point[keep]
            strategies = []
            for i, m in enumerate(game.shape):
                strategies.append(np.eye(m)[profile[:, i]])
            payoffs = pay[(point, slice(None), *profile.T)]
            rows.add_kernel(point, strategies, payoffs)
        else:
            if game.n_players != 2:
                raise GameError(
                    f"sweep: concept 'nash' needs a two-player game, found {game.n_players} "
                    "players; use concept='pure'"
                )
            a, b = pay[:, 0], pay[:, 1]
            m, k = game.shape
            if game.shape == (2, 2):
                bsol = nash_2x2(a, b)
            elif (
                pairs := sum(math.comb(m, j) * math.comb(k, j) for j in range(1, min(m, k) + 1))
            ) <= MAX_KERNEL_SUPPORTS:
                bsol = _batched_bimatrix(a, b, max(1, _KERNEL_BATCH // pairs))
            else:
                # Too many support pairs to batch: every point goes to the scalar solver.
                bsol = BimatrixSolution(
                    np.zeros(0, dtype=np.intp), np.zeros((0, m)), np.zeros((0, k)), np.ones(n, bool)
                )
            redo = (bsol.ambiguous | ~np.isfinite(pay).reshape(n, -1).all(axis=1)) & ok
            keep = ok[bsol.point] & ~redo[bsol.point]
            point, x, y = bsol.point[keep], bsol.x[keep], bsol.y[keep]
            payoffs = np.stack(
                [
                    np.einsum("ki,kij,kj->k", x, a[point], y),
                    np.einsum("ki,kij,kj->k", x, b[point], y),
                ],
                axis=1,
            )
            rows.add_kernel(point, [x, y], payoffs)
        for k in np.nonzero(redo)[0]:
            rows.add_exact(int(k), self.scalar(start + int(k)))
        if self.concept == "pure":
            rows.add_empty(np.nonzero(ok)[0])
        frame = rows.frame()
        frame.attrs["exact_points"] = int(redo.sum())
        return frame

    def _solve_spe(self, start: int, values: dict[str, np.ndarray], ok: np.ndarray) -> pd.DataFrame:
        """Rows of a sequential game: array backward induction, exact enumeration at ties."""
        game = self.game
        nodes = game.nodes
        n = len(ok)
        infosets = game.infosets
        widths = [len(h.actions) for h in infosets]
        offsets = np.cumsum([0, *widths])
        rows = TreeRows(n)
        leaf_pay: dict[int, np.ndarray] = {}
        if game.is_perfect_information:
            args = [values[k] for k in self.parameter_names]
            symbols = tuple(p.symbol for p in game.parameters.values())
            exprs = tuple(e for nd in nodes for e in (*nd.payoffs, *nd.probs))
            with np.errstate(all="ignore"):
                flat = [
                    np.broadcast_to(np.asarray(v, dtype=float), (n,))
                    for v in numpy_function(exprs, symbols)(*args)
                ]
            probs: dict[int, np.ndarray] = {}
            at = 0
            for k, nd in enumerate(nodes):
                if nd.kind == "terminal":
                    leaf_pay[k] = np.stack(flat[at : at + len(nd.payoffs)], axis=1)
                    at += len(nd.payoffs)
                elif nd.kind == "chance":
                    probs[k] = np.stack(flat[at : at + len(nd.probs)], axis=1)
                    at += len(nd.probs)
            if self.regions is not None:
                picks, root, unsure = self._spe_by_regions(values, leaf_pay, probs, n)
            else:
                sol = backward_induction_batch(
                    [nd.kind for nd in nodes],
                    [nd.children for nd in nodes],
                    [nd.player for nd in nodes],
                    leaf_pay,
                    probs,
                    n,
                )
                picks, root, unsure = sol.choice, sol.values, sol.ambiguous
            redo = unsure & ok
            point = np.nonzero(ok & ~unsure)[0]
            behaviour = np.zeros((len(point), int(offsets[-1])))
            for h, info in enumerate(infosets):
                chosen = picks[point, info.nodes[0]]
                behaviour[np.arange(len(point)), offsets[h] + chosen] = 1.0
            rows.add(point, behaviour, root[point])
        else:
            redo = ok
        self._tied_spe(start, np.nonzero(redo)[0], leaf_pay, rows, int(offsets[-1]))
        columns: dict[str, Any] = {}
        point, behaviour, payoffs, numbers = rows.finish()
        columns.update({k: v[point] for k, v in values.items()})
        columns["equilibrium"] = numbers
        columns["label"] = tree_labels(infosets, behaviour, numbers)
        for h, info in enumerate(infosets):
            for j, action in enumerate(info.actions):
                columns[f"{info.label}:{action}"] = round_significant(behaviour[:, offsets[h] + j])
        for i, player in enumerate(game.players):
            columns[f"payoff:{player}"] = round_significant(payoffs[:, i])
        frame = pd.DataFrame(columns)
        frame.attrs["exact_points"] = int(redo.sum())
        return frame

    # -- the region method -------------------------------------------------------------

    def _region_truths(
        self, values: dict[str, np.ndarray], n: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Which regions hold at each point, and the points they cannot decide.

        Returns ``(holds, unsure)``: ``holds[e, p]`` whether candidate ``e``'s
        region contains point ``p``; ``unsure[p]`` where some sign is not
        certain in floating point. Every comparison is decided by the signs
        of its numerator and denominator, polynomials evaluated in floats;
        a polynomial whose value is within :data:`KERNEL_TOLERANCE` times the
        sum of its terms' sizes (a bound on its rounding error, many times
        over) may be zero, and so may a boundary expression of the symbolic
        layer (where the game may be degenerate): such points, and points
        where something is not finite, are left to the exact solver.
        """
        data = self.regions
        assert data is not None
        symbols = tuple(p.symbol for p in self.game.parameters.values())
        if "regions" not in self._cache:
            position = {r: k for k, r in enumerate(data.relations)}
            self._cache["regions"] = (
                polynomial_evaluator(data.polys, data.scales, symbols),
                [truth_function(c, position) for c in data.conditions],
            )
        evaluate, conditions = self._cache["regions"]
        f, scale = evaluate([values[k] for k in self.parameter_names], n)
        finite = np.isfinite(f) & np.isfinite(scale)
        unsure = ~finite.all(axis=0) | (np.abs(f) <= KERNEL_TOLERANCE * scale).any(axis=0)
        sign = np.sign(np.where(finite, f, 0.0)).astype(np.int8)
        truths = [RELATIONS[kind](sign[a] * sign[b]) for kind, a, b in data.atoms]
        holds = np.zeros((len(conditions), n), dtype=bool)
        for e, condition in enumerate(conditions):
            holds[e] = condition(truths)
        return holds, unsure

    def _solve_by_regions(
        self, values: dict[str, np.ndarray], pay: np.ndarray, ok: np.ndarray, rows: NormalFormRows
    ) -> np.ndarray:
        """Rows of a normal-form chunk from the regions; returns the points left to the solver.

        Away from every boundary the candidates whose regions contain a point
        are exactly its extreme equilibria (isolated, since no candidate's
        vertex is degenerate there); points where a degenerate candidate
        holds, or where no candidate holds under ``"nash"``, go to the solver too.
        """
        data = self.regions
        assert data is not None
        n = len(ok)
        game = self.game
        holds, unsure = self._region_truths(values, n)
        unsure |= ~np.isfinite(pay).reshape(n, -1).all(axis=1)
        width = sum(game.shape)
        n_entries = len(data.conditions)
        probs = np.zeros((n, n_entries, width))
        if n_entries:
            symbols = tuple(p.symbol for p in game.parameters.values())
            args = [values[k] for k in self.parameter_names]
            exprs = tuple(p for entry in data.strategies for p in entry)
            with np.errstate(all="ignore"):
                flat = [
                    np.broadcast_to(np.asarray(v, dtype=float), (n,))
                    for v in numpy_function(exprs, symbols)(*args)
                ]
            probs = np.stack(flat, axis=1).reshape(n, n_entries, width)
            unsure |= (holds.T & ~np.isfinite(probs).all(axis=2)).any(axis=1)
            degenerate = np.array(data.degenerate, dtype=bool)
            if degenerate.any():
                unsure |= holds[degenerate].any(axis=0)
        if self.concept == "nash":
            unsure |= ~holds.any(axis=0)
        clean = ok & ~unsure
        entry, point = np.nonzero(holds & clean[None, :])
        found = probs[point, entry]
        cuts = np.cumsum([0, *game.shape])
        strategies = [found[:, cuts[i] : cuts[i + 1]] for i in range(game.n_players)]
        order = profile_order(point, strategies)
        point = point[order]
        strategies = [s[order] for s in strategies]
        if self.concept == "pure":
            profile = np.stack([s.argmax(axis=1) for s in strategies], axis=1).reshape(
                len(point), game.n_players
            )
            payoffs = pay[(point, slice(None), *profile.T)]
        else:
            x, y = strategies
            a, b = pay[:, 0], pay[:, 1]
            payoffs = np.stack(
                [
                    np.einsum("ki,kij,kj->k", x, a[point], y),
                    np.einsum("ki,kij,kj->k", x, b[point], y),
                ],
                axis=1,
            )
        rows.add_kernel(point, strategies, payoffs)
        redo: np.ndarray = unsure & ok
        return redo

    def _spe_by_regions(
        self,
        values: dict[str, np.ndarray],
        leaf_pay: Mapping[int, np.ndarray],
        probs: Mapping[int, np.ndarray],
        n: int,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(choice, root values, unsure)`` of a tree from its SPE regions.

        A point is decided when exactly one region contains it and no sign is
        uncertain (away from every boundary the SPE is unique); its payoffs
        follow the chosen actions with the arithmetic of backward induction.
        """
        data = self.regions
        assert data is not None
        nodes = self.game.nodes
        holds, unsure = self._region_truths(values, n)
        for v in leaf_pay.values():
            unsure |= ~np.isfinite(v).all(axis=1)
        unsure |= holds.sum(axis=0) != 1
        table = np.full((max(len(data.choices), 1), len(nodes)), -1, dtype=np.intp)
        for e, choices in enumerate(data.choices):
            for node, action in choices:
                table[e, node] = action
        choice = table[holds.argmax(axis=0)] if len(data.choices) else table[np.zeros(n, np.intp)]
        root = tree_values(
            [nd.kind for nd in nodes], [nd.children for nd in nodes], choice, leaf_pay, probs
        )
        return choice, root, unsure

    def _tied_spe(
        self,
        start: int,
        tied: np.ndarray,
        leaf_pay: Mapping[int, np.ndarray],
        rows: TreeRows,
        width: int,
    ) -> None:
        """Every SPE at the tied points, added to ``rows``.

        In a perfect-information tree without chance moves, backward induction
        only ever compares two leaves' payoffs for one player, so points with
        the same sign of every such difference have the same subgame-perfect
        equilibria, in the same order; only the payoffs differ (each
        equilibrium ends at one leaf). The signs are computed for all tied
        points at once: from the floats where a difference is clearly
        nonzero, zero where the two payoffs are the same expression, and in
        exact rational arithmetic where the floats are within tolerance. The
        scalar solver then runs once per sign pattern. Otherwise (chance moves,
        imperfect information, irrational values) it runs at every tied point.
        """
        game = self.game
        nodes = game.nodes
        leaves = [k for k, nd in enumerate(nodes) if nd.kind == "terminal"]
        rational = all(
            isinstance(v, Fraction) for vals in self.axes.values() for v in vals
        ) and all(isinstance(v, Fraction) for v in self.fixed.values())
        grouped = (
            bool(leaf_pay)
            and rational
            and game.is_perfect_information
            and not any(nd.kind == "chance" for nd in nodes)
        )
        single: list[int] = []
        if grouped and len(tied):
            failed = np.zeros(len(tied), dtype=bool)
            signs = []
            for i in range(game.n_players):
                values = np.stack([leaf_pay[k][tied, i] for k in leaves], axis=1)
                close = KERNEL_TOLERANCE * np.maximum(1.0, np.abs(values).max(axis=1))
                for a, b in itertools.combinations(range(len(leaves)), 2):
                    code, gap = self._leaf_difference(i, leaves[a], leaves[b])
                    if code is _IDENTICAL:
                        signs.append(np.zeros(len(tied), dtype=np.int8))
                        continue
                    d = values[:, a] - values[:, b]
                    near = np.abs(d) <= close
                    sign = np.where(near, 0, np.sign(d)).astype(np.int8)
                    # A nonzero difference is at least ``gap`` in size: below it, it is zero.
                    undecided = near & ~(1.1 * close < gap)
                    for t in np.nonzero(undecided)[0].tolist():
                        try:
                            if code is None:
                                raise ZeroDivisionError
                            exact = code(self.exact_values(start + int(tied[t])))
                            sign[t] = (exact > 0) - (exact < 0)
                        except ZeroDivisionError:
                            failed[t] = True
                    signs.append(sign)
            single = tied[failed].tolist()
            good = tied[~failed]
            if len(good):
                pattern = np.stack(signs, axis=1)[~failed]
                _, inverse = np.unique(pattern, axis=0, return_inverse=True)
                inverse = inverse.reshape(-1)
                order = np.argsort(inverse, kind="stable")
                bounds = np.flatnonzero(np.diff(inverse[order])) + 1
                for members in np.split(good[order], bounds):
                    result = list(self.scalar(start + int(members[0])))
                    k = len(result)
                    ends = [_pure_leaf(nodes, eq.profile) for eq in result]
                    behaviour = np.array(
                        [[float(p) for probs in eq.profile for p in probs] for eq in result]
                    ).reshape(k, width)
                    payoffs = np.stack([leaf_pay[e][members] for e in ends], axis=1)
                    rows.add(
                        np.repeat(members, k),
                        np.tile(behaviour, (len(members), 1)),
                        payoffs.reshape(len(members) * k, -1),
                    )
        else:
            single = tied.tolist()
        for local in single:
            result = list(self.scalar(start + local))
            rows.add(
                np.full(len(result), local),
                np.array(
                    [[float(p) for probs in eq.profile for p in probs] for eq in result]
                ).reshape(len(result), width),
                np.array([eq.payoffs for eq in result], dtype=float).reshape(len(result), -1),
            )

    def _leaf_difference(self, i: int, a: int, b: int) -> tuple[Any, float]:
        """Player ``i``'s payoff at leaf ``a`` minus at leaf ``b`` (see :meth:`difference`)."""
        nodes = self.game.nodes
        return self.difference(nodes[a].payoffs[i], nodes[b].payoffs[i])

    def _denominator(self, name: str) -> int:
        """A common denominator of every value parameter ``name`` takes (0 if not rational)."""
        vals = self.axes.get(name, (self.fixed.get(name),))
        den = 1
        for v in vals:
            if not isinstance(v, Fraction):
                return 10**400  # no bound: makes the gap vanish
            den = math.lcm(den, v.denominator)
        return den

    def symmetric_classes(self, pay: np.ndarray, start: int) -> np.ndarray | None:
        """The class of a symmetric 2 x 2 game at every point ("Chicken", ...; "" for none).

        The class follows from the strict ordering of the payoffs R, S, T, P
        (:func:`~gametheory_alliances.symbolic.classify_symmetric_2x2`); a
        point with two payoffs within tolerance is ordered exactly, and where
        two are equal (on a boundary between classes) its class is the tie,
        naming the equal payoffs ("tie (R = T, S = P)").
        ``None`` when the game is not a symmetric 2 x 2 game or the symbolic
        layer cannot classify it.
        """
        if "symmetric" not in self._cache:
            sym = self.game.shape == (2, 2) and self.game.n_players == 2
            if sym:
                a, b = self.game.payoff_expressions()
                sym = all(sympy.expand(a[i, j] - b[j, i]) == 0 for i in range(2) for j in range(2))
            self._cache["symmetric"] = sym
        table = class_table() if self._cache["symmetric"] else None
        if table is None:
            return None
        a = pay[:, 0]
        vals = np.stack([a[:, 0, 0], a[:, 0, 1], a[:, 1, 0], a[:, 1, 1]], axis=1)  # R S T P
        order = np.argsort(-vals, axis=1, kind="stable")
        code = order[:, 0] * 64 + order[:, 1] * 16 + order[:, 2] * 4 + order[:, 3]
        names = np.array([table.get(int(c), "") for c in range(256)], dtype=object)
        out = names[code]
        close = KERNEL_TOLERANCE * np.maximum(1.0, np.abs(vals).max(axis=1))
        exprs = self.game.payoff_expressions()[0].ravel()
        tie = np.zeros(len(vals), dtype=bool)
        undecided = np.zeros(len(vals), dtype=bool)
        equal: list[tuple[np.ndarray, tuple[str, str]]] = []
        for p, q in itertools.combinations(range(4), 2):
            near = np.abs(vals[:, p] - vals[:, q]) <= close
            if not near.any():
                continue
            kind, gap = self.difference(exprs[p], exprs[q])
            proven = near & ((1.1 * close < gap) | (kind is _IDENTICAL))
            tie |= proven
            undecided |= near & ~proven
            equal.append((proven, ("RSTP"[p], "RSTP"[q])))
        for local in np.nonzero(tie & ~undecided)[0].tolist():
            out[local] = tie_label([pair for mask, pair in equal if mask[local]])
        for local in np.nonzero(undecided)[0].tolist():
            arrays = self.exact_arrays(start + local)
            if arrays is None:
                out[local] = ""
                continue
            exact = [arrays[0][0, 0], arrays[0][0, 1], arrays[0][1, 0], arrays[0][1, 1]]
            pairs = [
                ("RSTP"[p], "RSTP"[q])
                for p, q in itertools.combinations(range(4), 2)
                if exact[p] == exact[q]
            ]
            if pairs:
                out[local] = tie_label(pairs)
                continue
            rank = sorted(range(4), key=lambda k: -exact[k])
            out[local] = table.get(rank[0] * 64 + rank[1] * 16 + rank[2] * 4 + rank[3], "")
        return out

    def _check_float_range(self, arrays: list[np.ndarray], point: int) -> None:
        """Refuse exact payoffs the table's floats cannot hold (as ``solve`` does at one point)."""
        for i, array in enumerate(arrays):
            for profile, value in np.ndenumerate(array):
                if abs(value) > _FLOAT_MAX:
                    where = point_text(self.exact_values(point))
                    strategies = ", ".join(
                        s[j] for s, j in zip(self.game.strategies, profile, strict=True)
                    )
                    raise PayoffError(
                        f"sweep: at {where}: the payoff of {self.game.players[i]!r} at "
                        f"({strategies}) is beyond the floating-point range (about 1.8e308)"
                    )

    def scalar(self, point: int) -> Any:
        from ..solvers.dispatch import solve

        if self.sequential:
            return solve(self.game.at(**self.exact_values(point)), self.concept)
        arrays = self.exact_arrays(point)
        if arrays is not None:
            self._check_float_range(arrays, point)
            if self.concept == "nash" and self.game.shape == (2, 2):
                return nash_2x2_exact(arrays[0].tolist(), arrays[1].tolist())
        return solve(self.exact_game(point), self.concept)


def point_text(values: Mapping[str, Any]) -> str:
    """A grid point for a message: ``x=1/2, y=1e+300`` (long numbers shortened)."""
    parts = []
    for name, value in values.items():
        text = str(value)
        if len(text) > 24:
            text = f"{float(value):.6g}"
        parts.append(f"{name}={text}")
    return ", ".join(parts)


@functools.lru_cache(maxsize=4096)
def _difference_info(
    first: sympy.Expr, second: sympy.Expr, symbols: tuple[sympy.Symbol, ...]
) -> tuple[Any, int, tuple[int, ...] | None]:
    """``first - second`` compiled for fractions, with the common denominator of its
    coefficients and its degree in each symbol when it is a rational polynomial."""
    diff = sympy.expand(first - second)
    if diff == 0:
        return _IDENTICAL, 1, None
    code = fraction_code(diff)
    if not diff.is_polynomial(*symbols):
        return code, 1, None
    poly = sympy.Poly(diff, *symbols)
    if not all(c.is_Rational for c in poly.coeffs()):
        return code, 1, None
    lcd = 1
    for c in poly.coeffs():
        lcd = math.lcm(lcd, int(c.q))
    return code, lcd, tuple(poly.degree(s) for s in symbols)


_IDENTICAL = object()
"""Marks two leaf payoffs that are the same expression."""


def _pure_leaf(nodes: Sequence[Any], profile: Sequence[Sequence[Any]]) -> int:
    """The leaf a pure behaviour profile of a tree without chance moves ends at."""
    k = 0
    while nodes[k].kind != "terminal":
        probs = profile[nodes[k].infoset]
        k = nodes[k].children[next(j for j, p in enumerate(probs) if p)]
    return k
