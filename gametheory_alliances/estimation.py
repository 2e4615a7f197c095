"""Strategic estimation: a model's parameters from observed plays, by maximum likelihood.

A model file's payoffs are expressions in named parameters; under the
quantal response equilibrium (:mod:`~gametheory_alliances.solvers.quantal_response`)
every play has a probability that depends on those parameters and on the
precision ``lambda``. :func:`fit` maximises the likelihood of observed plays
over the parameters named in ``estimate`` (and ``lambda`` unless it is
fixed), as the strategic probit and logit models of empirical international
relations do for fixed trees (Signorino 1999; the ``games`` package for R),
but for any model file. :func:`simulate` draws plays from the equilibrium
in the format :func:`fit` reads, so a model can be studied for bias and
coverage before it meets real data.

**Data.** One row per observed play: a column ``outcome`` holding the
terminal node's label, or its node name (its actions joined by ``" > "``)
where labels repeat or are missing; or one column per information set
holding the action taken there (empty where play did not reach it); for a
normal-form game, one column per player holding the strategy played. Other
columns are covariates.

**Covariates.** An estimated parameter may be a linear function of
covariates: ``"c_DD ~ 1 + capability"`` makes ``c_DD = b0 + b1 * capability``
row by row, with coefficients ``c_DD:Intercept`` and ``c_DD:capability``
(``1`` is the intercept, implicit unless ``0`` is written, as in R). The
formula is parsed by a small grammar: names and ``+``, nothing evaluated.

**Identification.** Before fitting, the rank of the Jacobian of the play
probabilities with respect to the estimated coefficients (and ``lambda``) is
computed at the start and at random points: where it is deficient at all of
them the fit is refused, naming the parameters that move together (the
canonical case: every payoff of a player estimated with ``lambda``, or a
player's payoffs shifted by a common constant).

The module is one idea, the likelihood of plays under the QRE: reading and
checking the data, the design of the linear predictors, the likelihood, its
optimisation and its standard errors, and simulation from the same
likelihood, kept together so that what is simulated is exactly what is fit.

References
----------
C. Signorino, "Strategic interaction and the statistical analysis of
international conflict", *American Political Science Review* 93 (1999) 279-297.

B. Kenkel and C. Signorino, *games: Statistical Estimation of Game-Theoretic
Models*, R package.

J. R. Bland and T. L. Turocy, "Quantal response equilibrium as a structural
model for estimation: the missing manual", working paper (2023).

Examples
--------
>>> import gametheory_alliances as gta
>>> plays = gta.simulate("extended-deterrence", {"c_DD": -1.0}, lam=3.0, n=400, seed=1)
>>> plays[0]
{'outcome': 'status quo'}
>>> result = gta.fit("extended-deterrence", plays, estimate=["c_DD"], lam=3.0)
>>> round(result.estimates["c_DD"], 2), round(result.std_errors["c_DD"], 2)
(-1.04, 0.1)
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .errors import FileFormatError, GameError, UnboundParameterError, UnknownParameterError
from .game import game_of
from .normal_form import NormalFormGame
from .parameters import as_number
from .sequential import SequentialGame
from .solvers.quantal_response import ERRORS, TreeSkeleton, normal_form_qre, tree_qre
from .solvers.tree_json import node_name

__all__ = [
    "DataError",
    "FitResult",
    "IdentificationError",
    "Term",
    "fit",
    "parse_term",
    "read_plays",
    "simulate",
]

LAMBDA = "lambda"
"""The name of the precision among the estimates."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class DataError(GameError):
    """Observed plays that do not fit the model: the message names the row and the column."""


class IdentificationError(GameError):
    """Parameters that the plays cannot tell apart (the likelihood is flat along a direction)."""


# -- formulas -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One estimated parameter: a linear function of covariates.

    Attributes
    ----------
    parameter
        The model parameter.
    covariates
        The regressors: ``"1"`` for the intercept, else covariate column names.
    """

    parameter: str
    covariates: tuple[str, ...] = ("1",)

    @property
    def coefficients(self) -> tuple[str, ...]:
        """The coefficient names: the parameter itself when it is a constant."""
        if self.covariates == ("1",):
            return (self.parameter,)
        return tuple(f"{self.parameter}:{'Intercept' if c == '1' else c}" for c in self.covariates)


def parse_term(text: str) -> Term:
    """Read ``"NAME"`` or ``"NAME ~ 1 + x + z"`` (``0 + x`` drops the intercept).

    Examples
    --------
    >>> parse_term("c_DD ~ 1 + capability")
    Term(parameter='c_DD', covariates=('1', 'capability'))
    >>> parse_term("c_DD ~ capability").coefficients
    ('c_DD:Intercept', 'c_DD:capability')
    >>> parse_term("c_DD ~ capability * 2")
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.GameError: estimate 'c_DD ~ capability * 2': 'capability * 2' is not a covariate name, 1 or 0 (a formula is NAME ~ TERM + TERM ...)
    """
    if not isinstance(text, str):
        raise GameError(f"estimate {text!r}: expected a parameter name or a formula")
    name, tilde, rhs = text.partition("~")
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise GameError(f"estimate {text!r}: {name!r} is not a parameter name")
    if not tilde:
        return Term(name)
    covariates: list[str] = []
    intercept = True
    for part in rhs.split("+"):
        part = part.strip()
        if part == "1":
            continue
        if part == "0":
            intercept = False
            continue
        if not _NAME.fullmatch(part):
            raise GameError(
                f"estimate {text!r}: {part!r} is not a covariate name, 1 or 0 "
                "(a formula is NAME ~ TERM + TERM ...)"
            )
        if part in covariates:
            raise GameError(f"estimate {text!r}: covariate {part!r} appears twice")
        covariates.append(part)
    terms = (["1"] if intercept else []) + covariates
    if not terms:
        raise GameError(f"estimate {text!r}: the formula has no terms")
    return Term(name, tuple(terms))


# -- the compiled model -------------------------------------------------------------------


class _Model:
    """A game's play probabilities as a function of parameter values, vectorised over points."""

    def __init__(self, game: NormalFormGame | SequentialGame, free: Sequence[str], errors: str):
        import sympy

        self.game = game
        self.free = tuple(free)
        self.errors = errors
        symbols = {s.name: s for s in _symbols(game)}
        args = [symbols.get(name, sympy.Symbol(name)) for name in self.free]
        if isinstance(game, SequentialGame):
            self.skeleton: TreeSkeleton | None = TreeSkeleton.from_game(game)
            nodes = game.nodes
            pay = [nodes[k].payoffs for k in self.skeleton.terminals]
            self.n_outcomes = len(pay)
            exprs = [e for row in pay for e in row]
            self.chance_sizes = [len(nodes[k].probs) for k in self.skeleton.chance_nodes]
            exprs += [e for k in self.skeleton.chance_nodes for e in nodes[k].probs]
        else:
            self.skeleton = None
            arrays = game.payoff_expressions()
            self.shape = game.shape
            self.n_outcomes = int(np.prod(self.shape))
            exprs = [e for a in arrays for e in a.reshape(-1)]
            self.chance_sizes = []
        self.n_players = game.n_players
        self._fn = sympy.lambdify(args, exprs, modules="numpy")

    def _numbers(self, values: np.ndarray) -> list[np.ndarray]:
        points = values.shape[0]
        with np.errstate(all="ignore"):
            raw = self._fn(*values.T)
        return [np.broadcast_to(np.asarray(v, dtype=float), (points,)) for v in raw]

    def probabilities(self, values: np.ndarray, lam: np.ndarray) -> np.ndarray:
        """``(points, outcomes)``: each terminal's (or profile's) probability at each point."""
        values = np.atleast_2d(np.asarray(values, dtype=float))
        lam = np.broadcast_to(np.asarray(lam, dtype=float), (values.shape[0],))
        points = np.column_stack([values, lam])
        unique, inverse = np.unique(points, axis=0, return_inverse=True)
        if len(unique) < len(points):
            return self._probabilities(unique[:, :-1], unique[:, -1])[inverse.reshape(-1)]
        return self._probabilities(values, lam)

    def _probabilities(self, values: np.ndarray, lam: np.ndarray) -> np.ndarray:
        points = values.shape[0]
        flat = self._numbers(values)
        if self.skeleton is not None:
            n = self.n_players
            pay = np.stack(flat[: self.n_outcomes * n], axis=1).reshape(points, -1, n)
            chance, k = [], self.n_outcomes * n
            for size in self.chance_sizes:
                chance.append(np.stack(flat[k : k + size], axis=1))
                k += size
            if not np.all(np.isfinite(pay)):
                return np.full((points, self.n_outcomes), np.nan)
            behaviour = tree_qre(self.skeleton, pay, chance, lam, self.errors)
            probs: np.ndarray = self.skeleton.terminal_probabilities(behaviour, chance)
            return probs
        size = self.n_outcomes
        out = np.empty((points, size))
        for p in range(points):
            arrays = [
                np.array([flat[i * size + j][p] for j in range(size)]).reshape(self.shape)
                for i in range(self.n_players)
            ]
            if not all(np.all(np.isfinite(a)) for a in arrays):
                out[p] = np.nan
                continue
            (sigma,) = normal_form_qre(arrays, [float(lam[p])], self.errors)
            joint = sigma[0]
            for s in sigma[1:]:
                joint = np.multiply.outer(joint, s)
            out[p] = joint.reshape(-1)
        return out


def _symbols(game: NormalFormGame | SequentialGame) -> set[Any]:
    if isinstance(game, SequentialGame):
        exprs = [e for nd in game.nodes for e in (*nd.payoffs, *nd.probs)]
    else:
        exprs = [e for a in game.payoff_expressions() for e in a.reshape(-1)]
    out: set[Any] = set()
    for e in exprs:
        out |= e.free_symbols
    return out


def _game_of(model: Any) -> tuple[str, NormalFormGame | SequentialGame]:
    if isinstance(model, str | Path):
        from .catalogue import load_model

        model = load_model(model)
    game = game_of(model)
    inner = (
        game if isinstance(game, NormalFormGame | SequentialGame) else getattr(game, "game", game)
    )
    if not isinstance(inner, NormalFormGame | SequentialGame):
        raise GameError(f"estimation needs a normal-form game or a tree, found a {game.kind} game")
    name = getattr(model, "name", "") or getattr(inner, "title", "") or "game"
    return str(name), inner


# -- data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plays:
    """Checked plays: which outcomes each row allows, and the covariates."""

    allowed: np.ndarray  # (rows, outcomes) bool
    covariates: dict[str, np.ndarray]
    n: int


def read_plays(path: str | Path) -> list[dict[str, str]]:
    """The rows of a CSV file of plays (the header names the columns).

    Raises
    ------
    FileFormatError
        A missing header, a row with more fields than the header.
    """
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise FileFormatError("empty file: expected a header row", path=str(path)) from None
        header = [h.strip() for h in header]
        if not any(header) or len(set(header)) != len(header):
            raise FileFormatError("the header must name each column once", path=str(path), line=1)
        rows = []
        for line, record in enumerate(reader, start=2):
            if not record or all(not x.strip() for x in record):
                continue
            if len(record) > len(header):
                raise FileFormatError(
                    f"{len(record)} fields, the header has {len(header)}", path=str(path), line=line
                )
            record = record + [""] * (len(header) - len(record))
            rows.append({h: x.strip() for h, x in zip(header, record, strict=True)})
    return rows


def _rows_of(data: Any) -> tuple[list[Mapping[str, Any]], str]:
    if isinstance(data, str | Path):
        return list(read_plays(data)), str(data)
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        return list(data.to_dict(orient="records")), "data"
    if isinstance(data, Iterable):
        rows = list(data)
        for k, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                raise DataError(f"data: row {k} is a {type(row).__name__}, expected a mapping")
        return rows, "data"
    raise DataError(
        f"data: expected a CSV path, a list of rows or a DataFrame, found {type(data).__name__}"
    )


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _outcome_names(game: NormalFormGame | SequentialGame) -> list[str]:
    """The name each outcome is written with in data (and by :func:`simulate`)."""
    if isinstance(game, NormalFormGame):
        return [
            " / ".join(labels[k] for labels, k in zip(game.strategies, profile, strict=True))
            for profile in np.ndindex(*game.shape)
        ]
    terminals = [k for k, nd in enumerate(game.nodes) if nd.kind == "terminal"]
    labels = [game.nodes[k].label for k in terminals]
    return [
        label if label and labels.count(label) == 1 else node_name(game, k)
        for k, label in zip(terminals, labels, strict=True)
    ]


def _terminal_moves(game: SequentialGame) -> list[dict[int, int]]:
    """For each terminal node, the information sets on its path and the action taken there."""
    out = []
    for k, nd in enumerate(game.nodes):
        if nd.kind != "terminal":
            continue
        moves: dict[int, int] = {}
        child, parent = k, nd.parent
        while parent >= 0:
            p = game.nodes[parent]
            if p.kind == "decision":
                moves[p.infoset] = p.children.index(child)
            child, parent = parent, p.parent
        out.append(moves)
    return out


def _plays(game: NormalFormGame | SequentialGame, data: Any, covariates: Sequence[str]) -> _Plays:
    rows, source = _rows_of(data)
    if not rows:
        raise DataError(f"{source}: no plays (the data has no rows)")
    columns: list[str] = []
    for row in rows:
        columns.extend(c for c in row if c not in columns)
    n_outcomes = (
        int(np.prod(game.shape))
        if isinstance(game, NormalFormGame)
        else sum(1 for nd in game.nodes if nd.kind == "terminal")
    )
    allowed = np.zeros((len(rows), n_outcomes), dtype=bool)

    def where(r: int, column: str) -> str:
        return f"{source}: row {r}, column {column!r}"

    if isinstance(game, NormalFormGame):
        players = list(game.players)
        if "outcome" in columns:
            names = _outcome_names(game)
            profiles: dict[str, list[int]] = {name: [t] for t, name in enumerate(names)}
            _outcome_column(rows, profiles, allowed, where, names)
        elif all(p in columns for p in players):
            strides = np.cumprod((1, *game.shape[::-1]))[:-1][::-1]
            for r, row in enumerate(rows, start=1):
                flat = 0
                for i, p in enumerate(players):
                    value = row.get(p)
                    if _blank(value):
                        raise DataError(f"{where(r, p)}: missing strategy")
                    labels = list(game.strategies[i])
                    if str(value).strip() not in labels:
                        raise DataError(
                            f"{where(r, p)}: unknown strategy {str(value)!r}; expected one of "
                            f"{', '.join(labels)}"
                        )
                    flat += labels.index(str(value).strip()) * int(strides[i])
                allowed[r - 1, flat] = True
        else:
            raise DataError(
                f"{source}: expected a column 'outcome' or one column per player "
                f"({', '.join(players)}); found columns {', '.join(columns)}"
            )
    else:
        labels_of = {h.label: h for h in game.infosets}
        action_columns = [c for c in columns if c in labels_of]
        if "outcome" in columns:
            names = _outcome_names(game)
            terminals = [k for k, nd in enumerate(game.nodes) if nd.kind == "terminal"]
            index: dict[str, list[int]] = {}
            for t, k in enumerate(terminals):
                label = game.nodes[k].label
                if label:
                    index.setdefault(label, []).append(t)
                index.setdefault(node_name(game, k), [t])
            _outcome_column(rows, index, allowed, where, names)
        elif action_columns:
            moves = _terminal_moves(game)
            position = {h.label: k for k, h in enumerate(game.infosets)}
            for r, row in enumerate(rows, start=1):
                wanted: dict[int, int | None] = {}
                for c in action_columns:
                    value = row.get(c)
                    h = position[c]
                    if _blank(value):
                        wanted[h] = None
                        continue
                    actions = list(game.infosets[h].actions)
                    if str(value).strip() not in actions:
                        raise DataError(
                            f"{where(r, c)}: unknown action {str(value)!r}; expected one of "
                            f"{', '.join(actions)} (or empty where play did not reach it)"
                        )
                    wanted[h] = actions.index(str(value).strip())
                for t, m in enumerate(moves):
                    allowed[r - 1, t] = all(m.get(h) == a for h, a in wanted.items())
                if not allowed[r - 1].any():
                    taken = ", ".join(f"{c}={row.get(c)!s}" for c in action_columns)
                    raise DataError(
                        f"{source}: row {r}: the model cannot produce this play ({taken}): "
                        "no path of the tree takes these actions and skips the empty columns"
                    )
        else:
            raise DataError(
                f"{source}: expected a column 'outcome' or columns named by information sets "
                f"({', '.join(labels_of)}); found columns {', '.join(columns)}"
            )
    values: dict[str, np.ndarray] = {}
    for c in covariates:
        if c not in columns:
            raise DataError(f"{source}: no column {c!r} (a covariate of the formulas)")
        column = np.empty(len(rows))
        for r, row in enumerate(rows, start=1):
            value = row.get(c)
            if _blank(value):
                raise DataError(f"{where(r, c)}: missing value")
            try:
                number = float(value)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise DataError(f"{where(r, c)}: {value!r} is not a number") from None
            if not math.isfinite(number):
                raise DataError(f"{where(r, c)}: {value!r} is not a finite number")
            column[r - 1] = number
        values[c] = column
    return _Plays(allowed, values, len(rows))


def _outcome_column(
    rows: Sequence[Mapping[str, Any]],
    index: Mapping[str, list[int]],
    allowed: np.ndarray,
    where: Any,
    names: Sequence[str],
) -> None:
    for r, row in enumerate(rows, start=1):
        value = row.get("outcome")
        if _blank(value):
            raise DataError(f"{where(r, 'outcome')}: missing outcome")
        text = str(value).strip()
        if text not in index:
            shown = ", ".join(repr(n) for n in names)
            raise DataError(
                f"{where(r, 'outcome')}: unknown outcome {text!r}; expected one of {shown}"
            )
        allowed[r - 1, index[text]] = True


# -- the likelihood -----------------------------------------------------------------------


class _Likelihood:
    """The log-likelihood of the plays as a function of the coefficients (and lambda)."""

    def __init__(
        self,
        model: _Model,
        plays: _Plays,
        terms: Sequence[Term],
        fixed: Mapping[str, float],
        lam: float | None,
    ) -> None:
        self.model = model
        self.terms = list(terms)
        self.fixed = dict(fixed)
        self.lam = lam
        self.names = [c for t in self.terms for c in t.coefficients]
        if lam is None:
            self.names.append(LAMBDA)
        n = plays.n
        design = [
            np.stack(
                [np.ones(n) if c == "1" else plays.covariates[c] for c in t.covariates], axis=1
            )
            for t in self.terms
        ]
        # Rows with the same covariates and the same allowed outcomes share one probability.
        keys = np.concatenate([*design, plays.allowed.astype(float)], axis=1)
        unique, inverse, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
        self.inverse = inverse.reshape(-1)
        self.design = [d[_first_rows(self.inverse, len(unique))] for d in design]
        self.allowed = plays.allowed[_first_rows(self.inverse, len(unique))]
        self.counts = counts.astype(float)
        self.n = n

    def split(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Parameter values ``(groups, free)`` and lambda ``(groups,)`` at ``theta``."""
        groups = self.allowed.shape[0]
        values = np.empty((groups, len(self.model.free)))
        k = 0
        position = {name: j for j, name in enumerate(self.model.free)}
        for t, d in zip(self.terms, self.design, strict=True):
            m = d.shape[1]
            values[:, position[t.parameter]] = d @ theta[k : k + m]
            k += m
        for name, value in self.fixed.items():
            values[:, position[name]] = value
        lam = np.full(groups, self.lam if self.lam is not None else theta[-1])
        return values, lam

    def group_probabilities(self, theta: np.ndarray) -> np.ndarray:
        """The probability of each group's play at ``theta``."""
        values, lam = self.split(theta)
        probs = self.model.probabilities(values, lam)
        return np.where(self.allowed, probs, 0.0).sum(axis=1)

    def __call__(self, theta: np.ndarray) -> float:
        if self.lam is None and not theta[-1] > 0:
            return -math.inf
        p = self.group_probabilities(theta)
        if not np.all(np.isfinite(p)) or np.any(p <= 0):
            return -math.inf
        return float(self.counts @ np.log(p))


def _first_rows(inverse: np.ndarray, groups: int) -> np.ndarray:
    first = np.full(groups, -1)
    for r, g in enumerate(inverse):
        if first[g] < 0:
            first[g] = r
    return first


def _identification(like: _Likelihood, start: np.ndarray, seed: int) -> None:
    rng = np.random.default_rng(seed)
    points = [start]
    for _ in range(3):
        point = start + rng.normal(0.0, 0.5, size=start.size)
        if like.lam is None:
            point[-1] = start[-1] * math.exp(rng.normal(0.0, 0.5))
        points.append(point)
    involved: set[str] = set()
    for point in points:
        jac = np.empty((like.allowed.size, point.size))
        for k in range(point.size):
            step = 1e-5 * max(1.0, abs(point[k]))
            up, down = point.copy(), point.copy()
            up[k] += step
            down[k] -= step
            hi = like.model.probabilities(*like.split(up))
            lo = like.model.probabilities(*like.split(down))
            jac[:, k] = ((hi - lo) / (2 * step)).reshape(-1)
        if not np.all(np.isfinite(jac)):
            continue
        _, sv, vt = np.linalg.svd(jac, full_matrices=jac.shape[0] < jac.shape[1])
        full = np.zeros(point.size)
        full[: sv.size] = sv
        if sv.size >= point.size and full[-1] > 1e-7 * max(full[0], 1e-12):
            return
        # The near-null directions at this point: the parameters that move along them.
        tiny = sv <= 1e-7 * max(sv[0], 1e-12)
        small = np.vstack([vt[: sv.size][tiny], vt[sv.size :]])
        for direction in small:
            involved.update(n for n, v in zip(like.names, direction, strict=True) if abs(v) > 1e-3)
    if not involved:
        return
    raise IdentificationError(
        "the plays cannot identify these parameters separately: "
        + ", ".join(n for n in like.names if n in involved)
        + " (the probabilities of every play stay the same as they move together); "
        "fix some of them (--set, fixed=) or estimate fewer"
    )


# -- the result ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FitResult:
    """Maximum-likelihood estimates of a model's parameters under the QRE.

    Attributes
    ----------
    model
        The model's name.
    estimates
        ``{coefficient: value}``, ``lambda`` last when estimated.
    std_errors
        From the observed information (the inverse of the negative Hessian
        of the log-likelihood, numerically); ``nan`` where it is not
        positive definite.
    bootstrap_std_errors
        From refits on resampled plays (``None`` without ``bootstrap``).
    covariance
        The estimated covariance matrix, in the order of ``estimates``.
    loglik, n, aic, bic
        The maximised log-likelihood, the number of plays, and the
        information criteria.
    converged
        Whether the optimiser reported success.
    diagnostics
        ``method``, ``message``, ``iterations``, ``evaluations``,
        ``gradient_norm`` (of the log-likelihood per play at the estimate).
    fixed
        The parameter values held fixed (given, or defaults), and ``lambda``
        when it was fixed.
    errors
        ``"logit"`` or ``"probit"``.
    """

    model: str
    estimates: dict[str, float]
    std_errors: dict[str, float]
    bootstrap_std_errors: dict[str, float] | None
    covariance: np.ndarray = field(repr=False)
    loglik: float
    n: int
    aic: float
    bic: float
    converged: bool
    diagnostics: dict[str, Any] = field(repr=False)
    fixed: dict[str, float] = field(repr=False)
    errors: str = "logit"

    def to_dict(self) -> dict[str, Any]:
        """The ``gta fit --json`` object."""
        out: dict[str, Any] = {
            "model": self.model,
            "estimates": dict(self.estimates),
            "std_errors": {k: _json_number(v) for k, v in self.std_errors.items()},
            "loglik": self.loglik,
            "n": self.n,
            "aic": self.aic,
            "bic": self.bic,
            "converged": self.converged,
            "errors": self.errors,
            "fixed": dict(self.fixed),
            "diagnostics": dict(self.diagnostics),
        }
        if self.bootstrap_std_errors is not None:
            out["bootstrap_std_errors"] = {
                k: _json_number(v) for k, v in self.bootstrap_std_errors.items()
            }
        return out

    def summary(self) -> str:
        """A table of the estimates, as statsmodels prints one."""
        width = 78
        d = self.diagnostics
        left = [
            ("Model:", self.model),
            ("Method:", f"QRE ML, {self.errors}"),
            ("No. observations:", str(self.n)),
            ("Converged:", f"{'yes' if self.converged else 'NO'} ({d.get('method', '')})"),
        ]
        right = [
            ("Log-likelihood:", f"{self.loglik:.4f}"),
            ("AIC:", f"{self.aic:.4f}"),
            ("BIC:", f"{self.bic:.4f}"),
            ("Iterations:", str(d.get("iterations", ""))),
        ]
        lines = ["QRE estimation results".center(width), "=" * width]
        for (a, b), (c, e) in zip(left, right, strict=True):
            lines.append(f"{a:<18}{b:>20}  {c:<18}{e:>18}")
        lines.append("=" * width)
        head = f"{'':<24}{'coef':>10}{'std err':>10}{'z':>8}{'P>|z|':>8}{'[0.025':>9}{'0.975]':>9}"
        lines += [head, "-" * width]
        for name, value in self.estimates.items():
            se = self.std_errors[name]
            if math.isfinite(se) and se > 0:
                z = value / se
                p = math.erfc(abs(z) / math.sqrt(2))
                stats = f"{se:>10.4f}{z:>8.3f}{p:>8.3f}{value - 1.96 * se:>9.3f}{value + 1.96 * se:>9.3f}"
            else:
                stats = f"{'nan':>10}{'':>8}{'':>8}{'':>9}{'':>9}"
            lines.append(f"{name:<24}{value:>10.4f}{stats}")
        lines.append("=" * width)
        if self.bootstrap_std_errors is not None:
            lines.append(
                "Bootstrap std err: "
                + ", ".join(f"{k} {v:.4f}" for k, v in self.bootstrap_std_errors.items())
            )
        if self.fixed:
            lines.append("Fixed: " + ", ".join(f"{k}={v:g}" for k, v in self.fixed.items()))
        if not self.converged:
            lines.append(f"Warning: the optimiser did not converge: {d.get('message', '')}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _json_number(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


# -- fitting ------------------------------------------------------------------------------


def _setup(
    model: Any,
    estimate: Sequence[str],
    fixed: Mapping[str, Any] | None,
    lam: float | None,
    errors: str,
) -> tuple[str, NormalFormGame | SequentialGame, list[Term], dict[str, float], _Model]:
    name, game = _game_of(model)
    if errors not in ERRORS:
        raise GameError(f"errors must be one of {', '.join(ERRORS)}, found {errors!r}")
    if isinstance(estimate, str):
        estimate = [estimate]
    terms = [parse_term(t) for t in estimate]
    params = game.parameters
    seen: set[str] = set()
    for t in terms:
        if t.parameter == LAMBDA:
            raise GameError(
                "estimate: lambda is estimated unless lam is given; it takes no formula"
            )
        if t.parameter not in params:
            raise UnknownParameterError(
                f"estimate: {name} has no parameter {t.parameter!r}; its parameters are "
                f"{', '.join(params) or '(none)'}"
            )
        if t.parameter in seen:
            raise GameError(f"estimate: {t.parameter!r} is named twice")
        seen.add(t.parameter)
    values: dict[str, float] = {}
    for key, value in (fixed or {}).items():
        if key not in params:
            raise UnknownParameterError(
                f"fixed: {name} has no parameter {key!r}; its parameters are {', '.join(params)}"
            )
        if key in seen:
            raise GameError(f"{key!r} is both fixed and estimated")
        values[key] = float(as_number(value, key))
    used = {s.name for s in _symbols(game)}
    missing = []
    for key, p in params.items():
        if key in seen or key in values or key not in used:
            continue
        if p.default is None:
            missing.append(key)
        else:
            values[key] = float(p.default)
    if missing:
        raise UnboundParameterError(
            f"{', '.join(missing)}: no value and no default; fix them or estimate them"
        )
    if lam is not None:
        lam = float(lam)
        if not (math.isfinite(lam) and lam >= 0):
            raise GameError(f"lam must be a finite number >= 0, found {lam!r}")
    free = [t.parameter for t in terms] + [k for k in values if k in used]
    compiled = _Model(game, free, errors)
    return name, game, terms, {k: v for k, v in values.items() if k in used}, compiled


def _start(like: _Likelihood, game: NormalFormGame | SequentialGame) -> np.ndarray:
    theta = []
    for t in like.terms:
        default = game.parameters[t.parameter].default
        for c in t.covariates:
            theta.append(float(default) if c == "1" and default is not None else 0.0)
    if like.lam is None:
        best = None
        for guess in (0.1, 0.3, 1.0, 3.0, 10.0):
            value = like(np.array([*theta, guess]))
            if best is None or value > best[0]:
                best = (value, guess)
        assert best is not None
        theta.append(best[1])
    return np.array(theta, dtype=float)


def _maximise(like: _Likelihood, start: np.ndarray) -> tuple[np.ndarray, dict[str, Any], bool]:
    from scipy.optimize import minimize

    estimated_lam = like.lam is None

    def to_natural(x: np.ndarray) -> np.ndarray:
        if estimated_lam:
            return np.append(x[:-1], math.exp(min(x[-1], 700.0)))
        return x

    def objective(x: np.ndarray) -> float:
        value = like(to_natural(x))
        return -value / like.n if math.isfinite(value) else 1e6

    def gradient(x: np.ndarray) -> np.ndarray:
        g = np.empty_like(x)
        for k in range(x.size):
            step = 1e-6 * max(1.0, abs(x[k]))
            up, down = x.copy(), x.copy()
            up[k] += step
            down[k] -= step
            g[k] = (objective(up) - objective(down)) / (2 * step)
        return g

    x0 = start.copy()
    if estimated_lam:
        x0[-1] = math.log(start[-1])
    result = minimize(objective, x0, jac=gradient, method="BFGS", options={"gtol": 1e-6})
    method = "BFGS"
    if not result.success:
        polish = minimize(
            objective, result.x, method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-12}
        )
        result = minimize(objective, polish.x, jac=gradient, method="BFGS", options={"gtol": 1e-6})
        method = "BFGS, Nelder-Mead, BFGS"
    grad = float(np.max(np.abs(gradient(result.x))))
    converged = bool(result.success) or grad < 1e-5
    diagnostics = {
        "method": method,
        "message": str(result.message),
        "iterations": int(result.nit),
        "evaluations": int(result.nfev),
        "gradient_norm": grad,
    }
    return to_natural(result.x), diagnostics, converged


def _hessian(like: _Likelihood, theta: np.ndarray) -> np.ndarray:
    k = theta.size
    h = np.array([1e-4 * max(1.0, abs(x)) for x in theta])
    if like.lam is None:
        h[-1] = min(h[-1], 0.25 * theta[-1])
    out = np.empty((k, k))
    f0 = like(theta)
    for i in range(k):
        for j in range(i, k):
            if i == j:
                up, down = theta.copy(), theta.copy()
                up[i] += h[i]
                down[i] -= h[i]
                value = (like(up) - 2 * f0 + like(down)) / h[i] ** 2
            else:
                pp, pm, mp, mm = (theta.copy() for _ in range(4))
                pp[i] += h[i]
                pp[j] += h[j]
                pm[i] += h[i]
                pm[j] -= h[j]
                mp[i] -= h[i]
                mp[j] += h[j]
                mm[i] -= h[i]
                mm[j] -= h[j]
                value = (like(pp) - like(pm) - like(mp) + like(mm)) / (4 * h[i] * h[j])
            out[i, j] = out[j, i] = value
    return out


def fit(
    model: Any,
    data: Any,
    estimate: Sequence[str] = (),
    fixed: Mapping[str, Any] | None = None,
    lam: float | None = None,
    bootstrap: int = 0,
    seed: int = 0,
    errors: str = "logit",
) -> FitResult:
    """Maximum-likelihood estimates of a model's parameters from observed plays.

    Parameters
    ----------
    model
        A catalogue name, a model file path, a :class:`~gametheory_alliances.Model`,
        or a parameterised normal-form game or tree.
    data
        A CSV path, a list of row mappings, or a DataFrame (see the module
        docstring for the columns).
    estimate
        Parameters to estimate: names, or formulas ``"NAME ~ 1 + covariate"``.
    fixed
        Values for other parameters (the rest take their defaults).
    lam
        The precision; estimated (as ``lambda``) when ``None``.
    bootstrap
        The number of bootstrap refits on resampled plays (0: none).
    seed
        Seeds the identification check's random points and the bootstrap.
    errors
        ``"logit"`` (default) or ``"probit"``.

    Returns
    -------
    FitResult
        Estimates, standard errors, log-likelihood, AIC/BIC, diagnostics;
        ``summary()`` prints a table.

    Raises
    ------
    DataError
        Bad data: the message names the row and column.
    IdentificationError
        Parameters the plays cannot tell apart.
    GameError
        Unknown parameters, a parameter both fixed and estimated, and the like.

    Examples
    --------
    >>> plays = simulate("extended-deterrence", {}, lam=2.0, n=300, seed=3)
    >>> fit("extended-deterrence", plays, estimate=["c_SQ", "c_DC", "c_CD", "c_DD"], lam=2.0)
    Traceback (most recent call last):
    ...
    gametheory_alliances.estimation.IdentificationError: the plays cannot identify these parameters separately: c_SQ, c_DC, c_CD, c_DD (the probabilities of every play stay the same as they move together); fix some of them (--set, fixed=) or estimate fewer
    """
    name, game, terms, values, compiled = _setup(model, estimate, fixed, lam, errors)
    if not terms and lam is not None:
        raise GameError("nothing to estimate: name parameters in estimate, or leave lam free")
    covariates = sorted({c for t in terms for c in t.covariates if c != "1"})
    plays = _plays(game, data, covariates)
    like = _Likelihood(compiled, plays, terms, values, lam)
    start = _start(like, game)
    p0 = like.group_probabilities(start)
    impossible = np.flatnonzero(~(p0 > 0))
    if impossible.size:
        row = int(np.flatnonzero(like.inverse == impossible[0])[0]) + 1
        raise DataError(
            f"row {row}: the model gives this play probability zero (a chance move that never "
            "happens), so it cannot produce it"
        )
    _identification(like, start, seed)
    theta, diagnostics, converged = _maximise(like, start)
    loglik = like(theta)
    hess = _hessian(like, theta)
    k = theta.size
    try:
        cov = np.linalg.inv(-hess)
        se = np.sqrt(np.diag(cov))
        if not np.all(np.isfinite(se)) or np.any(np.linalg.eigvalsh(-hess) <= 0):
            raise np.linalg.LinAlgError
    except np.linalg.LinAlgError:
        cov = np.full((k, k), np.nan)
        se = np.full(k, np.nan)
        diagnostics["note"] = "the observed information is not positive definite"
    boot: dict[str, float] | None = None
    if bootstrap:
        rng = np.random.default_rng(seed)
        draws = []
        for _ in range(int(bootstrap)):
            picks = rng.integers(0, plays.n, size=plays.n)
            resampled = _Plays(
                plays.allowed[picks], {c: v[picks] for c, v in plays.covariates.items()}, plays.n
            )
            again = _Likelihood(compiled, resampled, terms, values, lam)
            draws.append(_maximise(again, theta)[0])
        spread = np.std(np.array(draws), axis=0, ddof=1)
        boot = dict(zip(like.names, map(float, spread), strict=True))
    n = plays.n
    fixed_out = dict(values)
    if lam is not None:
        fixed_out[LAMBDA] = float(lam)
    return FitResult(
        model=name,
        estimates=dict(zip(like.names, map(float, theta), strict=True)),
        std_errors=dict(zip(like.names, map(float, se), strict=True)),
        bootstrap_std_errors=boot,
        covariance=cov,
        loglik=float(loglik),
        n=n,
        aic=float(2 * k - 2 * loglik),
        bic=float(k * math.log(n) - 2 * loglik),
        converged=converged,
        diagnostics=diagnostics,
        fixed=fixed_out,
        errors=errors,
    )


# -- simulation ---------------------------------------------------------------------------


def simulate(
    model: Any,
    values: Mapping[str, Any],
    lam: float,
    n: int,
    seed: int = 0,
    *,
    covariates: Mapping[str, Sequence[float]] | None = None,
    actions: bool = False,
    errors: str = "logit",
    out: str | Path | None = None,
) -> list[dict[str, Any]]:
    """Draw ``n`` plays from the quantal response equilibrium, as :func:`fit` reads them.

    Parameters
    ----------
    model
        A catalogue name, model file, model or parameterised game.
    values
        Parameter values (others take their defaults): a number, or a
        sequence of ``n`` numbers (one per play, e.g. computed from a covariate).
    lam
        The precision.
    n
        The number of plays.
    seed
        The random seed.
    covariates
        Columns to add to each row (``n`` values each).
    actions
        Trees: one column per information set with the action taken (empty
        where not reached) instead of the ``outcome`` column. Normal form:
        one column per player with the strategy played.
    errors
        ``"logit"`` or ``"probit"``.
    out
        Also write the rows to this CSV file.

    Returns
    -------
    list of dict
        One row per play.

    Examples
    --------
    >>> simulate("extended-deterrence", {"c_DD": 0.5}, lam=4.0, n=3, seed=2, actions=True)[:2]
    [{'Challenger at root': 'Challenge', 'Defender after Challenge': 'Concede', 'Challenger after Challenge > Resist': ''}, {'Challenger at root': 'Challenge', 'Defender after Challenge': 'Concede', 'Challenger after Challenge > Resist': ''}]
    """
    if not isinstance(n, int | np.integer) or isinstance(n, bool) or n < 1:
        raise GameError(f"n must be a positive integer, found {n!r}")
    given = dict(values)
    _, target = _game_of(model)
    unknown = [k for k in given if k not in target.parameters]
    if unknown:
        raise UnknownParameterError(
            f"values: no parameter {', '.join(map(repr, unknown))}; the parameters are "
            f"{', '.join(target.parameters)}"
        )
    fixed = {k: v for k, v in given.items() if np.ndim(v) == 0}
    varying = {k: v for k, v in given.items() if np.ndim(v) != 0}
    for k, v in varying.items():
        if len(v) != n:
            raise GameError(f"values[{k!r}]: expected one value per play ({n}), found {len(v)}")
    _, game, _, bound, compiled = _setup(model, list(varying), fixed, float(lam), errors)
    if not float(lam) >= 0:
        raise GameError(f"lam must be >= 0, found {lam!r}")
    columns = dict(covariates or {})
    for c, v in columns.items():
        if len(v) != n:
            raise GameError(f"covariates[{c!r}]: expected {n} values, found {len(v)}")
    position = {name: j for j, name in enumerate(compiled.free)}
    point = np.empty((n, len(compiled.free)))
    for name, v in bound.items():
        point[:, position[name]] = v
    for name, v in varying.items():
        point[:, position[name]] = np.asarray(v, dtype=float)
    unique, inverse = np.unique(point, axis=0, return_inverse=True)
    probs = compiled.probabilities(unique, np.full(len(unique), float(lam)))
    rng = np.random.default_rng(seed)
    cumulative = np.cumsum(probs, axis=1)
    draws = rng.random(n)
    picks = [
        min(
            int(np.searchsorted(cumulative[g], u * cumulative[g, -1], side="right")),
            probs.shape[1] - 1,
        )
        for g, u in zip(inverse.reshape(-1), draws, strict=True)
    ]
    rows = [_play_row(game, t, actions) for t in picks]
    for r, row in enumerate(rows):
        for c, v in columns.items():
            value = v[r]
            row[c] = value.item() if isinstance(value, np.generic) else value
    if out is not None:
        _write_rows(rows, Path(out))
    return rows


def _play_row(game: NormalFormGame | SequentialGame, t: int, actions: bool) -> dict[str, Any]:
    if not actions:
        return {"outcome": _outcome_names(game)[t]}
    if isinstance(game, NormalFormGame):
        profile = np.unravel_index(t, game.shape)
        return {
            p: labels[int(k)]
            for p, labels, k in zip(game.players, game.strategies, profile, strict=True)
        }
    moves = _terminal_moves(game)[t]
    return {
        h.label: (h.actions[moves[k]] if k in moves else "") for k, h in enumerate(game.infosets)
    }


def _write_rows(rows: Sequence[Mapping[str, Any]], path: Path) -> None:
    header: list[str] = []
    for row in rows:
        header.extend(c for c in row if c not in header)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in header})
