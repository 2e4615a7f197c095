"""`NormalFormGame`: n players, labelled strategies, payoffs of numbers or expressions.

A game holds one payoff array per player, each indexed by the pure strategy
profile (``payoffs[i][s_1, ..., s_n]`` is player ``i``'s payoff). Entries may
be integers, fractions, floats, sympy expressions, or text in the safe
expression grammar of :mod:`gametheory_alliances.expressions`. A game whose
payoffs mention parameters is *symbolic*; :meth:`NormalFormGame.at` binds
values (checking each parameter's domain, taking defaults for the rest) and
gives a *numeric* game that every solver accepts.

Numeric games keep two views of their payoffs: floating point
(:meth:`payoff_arrays`) and, when every payoff is rational, exact
:class:`fractions.Fraction` arrays (``payoff_arrays(exact=True)``) on which
the solvers' exact mode and :meth:`Equilibrium.certify` work.

Examples
--------
>>> from gametheory_alliances import NormalFormGame
>>> pd = NormalFormGame(
...     [[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
...     players=["Row", "Column"],
...     strategies=[["C", "D"], ["C", "D"]],
...     title="Prisoner's Dilemma",
... )
>>> pd
NormalFormGame("Prisoner's Dilemma", players=('Row', 'Column'), shape=(2, 2))
>>> pd.is_numeric, pd.is_exact
(True, True)
>>> burden = NormalFormGame(
...     [[["b2 - c", "b1 - c"], ["b1", 0]], [["b2 - c", "b1"], ["b1 - c", 0]]],
...     strategies=[["C", "F"], ["C", "F"]],
...     parameters={"b1": "nonnegative", "b2": "nonnegative", "c": "positive"},
... )
>>> burden.payoff_arrays(exact=True)
Traceback (most recent call last):
...
gametheory_alliances.errors.SolverError: the game has unbound parameters b1, b2, c: bind them with game.at(...) first
>>> burden.at(b1=2, b2=3, c=1).payoff_arrays(exact=True)[0]
array([[Fraction(2, 1), Fraction(1, 1)],
       [Fraction(2, 1), Fraction(0, 1)]], dtype=object)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from numbers import Real
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .errors import (
    GameError,
    PayoffError,
    ShapeError,
    SolverError,
    TooLargeError,
)
from .expressions import parse_expression
from .game import Game
from .parameters import Parameter, bound_substitutions, parameter_table

if TYPE_CHECKING:
    import sympy

__all__ = ["MAX_PROFILES", "NormalFormGame", "expected_payoffs", "to_fraction_array"]

MAX_PROFILES = 10_000_000
"""Most pure-strategy profiles a game may have (the payoff tables are held in memory)."""


def _floats(values: np.ndarray) -> np.ndarray:
    """The float64 array of exact or symbolic payoffs, refusing values beyond the float range."""
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            out = np.vectorize(float, otypes=[np.float64])(values)
    except (OverflowError, TypeError) as exc:
        raise PayoffError(
            f"a payoff is not representable as a finite floating-point number ({exc})"
        ) from None
    bad = ~np.isfinite(out)
    if bad.any():
        i, *profile = (int(k) for k in np.argwhere(bad)[0])
        raise PayoffError(
            f"payoff of player {i + 1} at profile {tuple(profile)} is {values[(i, *profile)]}, "
            f"{out[(i, *profile)]} in floating point: expected a finite number"
        )
    return out


def _as_fraction(value: int | Fraction) -> Fraction:
    # A fraction is kept as it is: making it again costs as much as reading it.
    return value if type(value) is Fraction else Fraction(value)


def _default_players(n: int) -> tuple[str, ...]:
    if n == 2:
        return ("Row", "Column")
    return tuple(f"Player {i + 1}" for i in range(n))


def _check_labels(kind: str, labels: Sequence[Any], count: int, where: str) -> tuple[str, ...]:
    if isinstance(labels, str) or not isinstance(labels, Sequence | np.ndarray):
        raise ShapeError(f"{where}: expected a list of {count} {kind} labels, found {labels!r}")
    out = tuple(str(x) for x in labels)
    if len(out) != count:
        raise ShapeError(f"{where}: expected {count} {kind} labels, found {len(out)}")
    seen = set()
    for label in out:
        if label in seen:
            raise GameError(f"{where}: {kind} label {label!r} appears twice")
        seen.add(label)
    return out


def to_fraction_array(values: npt.ArrayLike) -> np.ndarray:
    """An object array of :class:`fractions.Fraction` with the values of ``values``."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        out = np.empty(values.shape, dtype=object)
        out.flat[:] = [Fraction(v) for v in values.ravel().tolist()]
        return out
    arr = np.asarray(values, dtype=object)
    out = np.empty(arr.shape, dtype=object)
    for idx, v in np.ndenumerate(arr):
        out[idx] = v if isinstance(v, Fraction) else Fraction(v)
    return out


def expected_payoffs(
    arrays: Sequence[np.ndarray], strategies: Sequence[Sequence[Any]]
) -> list[Any]:
    """Each player's expected payoff when the players mix by ``strategies``.

    Works on float arrays and on exact (object) arrays alike.
    """
    out = []
    for arr in arrays:
        value = arr
        for s in reversed(strategies):
            value = np.tensordot(value, np.asarray(s, dtype=value.dtype), axes=([-1], [0]))
        out.append(value.item() if isinstance(value, np.ndarray) else value)
    return out


class NormalFormGame(Game):
    """A finite game in strategic form, with numeric or symbolic payoffs.

    Parameters
    ----------
    payoffs
        One array per player, each of shape ``(m_1, ..., m_n)`` (the numbers
        of strategies), indexed by pure strategy profile. Entries: numbers,
        fractions, sympy expressions or expression text.
    players
        Player labels (default ``Row, Column`` for two players, else
        ``Player 1, ...``).
    strategies
        For each player, its strategy labels (default ``1, 2, ...``).
    parameters
        The parameters the payoffs may use: :class:`Parameter` objects, names,
        or a ``{name: domain}`` mapping. Only declared names may appear.
    title
        A title for display and for Gambit files.
    description
        A longer comment (Gambit's comment string).

    Raises
    ------
    ShapeError
        Ragged arrays, arrays of different shapes, wrong label counts.
    PayoffError
        NaN, infinite or non-numeric payoffs.
    ExpressionError
        Payoff text outside the safe grammar or naming undeclared parameters.
    """

    kind = "normal form"

    def __init__(
        self,
        payoffs: Sequence[npt.ArrayLike],
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        parameters: Iterable[Parameter | str] | Mapping[str, Any] | None = None,
        title: str = "",
        description: str = "",
    ) -> None:
        self.title = str(title)
        self.description = str(description)
        self.parameters: dict[str, Parameter] = parameter_table(parameters)
        if isinstance(payoffs, np.ndarray) and payoffs.dtype != object:
            arrays: list[Any] = list(payoffs)
        elif isinstance(payoffs, Sequence) and not isinstance(payoffs, str):
            arrays = list(payoffs)
        else:
            raise ShapeError(
                f"payoffs: expected one array per player, found {type(payoffs).__name__}"
            )
        if not arrays:
            raise ShapeError("payoffs: a game needs at least one player")
        self._float: np.ndarray | None = None
        self._exact_array: np.ndarray | None = None
        self._integers: np.ndarray | None = None
        self._exact_factory: Callable[[], np.ndarray] | None = None
        self._expr: np.ndarray | None = None
        self._load(arrays)
        n = len(arrays)
        self.players: tuple[str, ...] = _check_labels(
            "player", players if players is not None else _default_players(n), n, "players"
        )
        if strategies is None:
            strategies = [[str(j + 1) for j in range(m)] for m in self.shape]
        if isinstance(strategies, str) or len(strategies) != n:
            raise ShapeError(f"strategies: expected one list of labels for each of the {n} players")
        self.strategies: tuple[tuple[str, ...], ...] = tuple(
            _check_labels("strategy", s, m, f"strategies of {self.players[i]!r}")
            for i, (s, m) in enumerate(zip(strategies, self.shape, strict=True))
        )

    # -- construction --------------------------------------------------------

    def _load(self, arrays: list[Any]) -> None:
        n = len(arrays)
        numeric = []
        for a in arrays:
            if not isinstance(a, np.ndarray):
                try:
                    a = np.asarray(a)
                except (ValueError, TypeError):
                    break
            if a.dtype.kind in "iuf":
                numeric.append(a)
            else:
                break
        if len(numeric) == n:
            shapes = {a.shape for a in numeric}
            self._check_size(shapes)
            if len(shapes) != 1:
                raise ShapeError(
                    f"payoffs: the players' arrays are ragged or of different shapes {sorted(shapes)}"
                )
            stacked = np.stack(numeric)
            self.shape: tuple[int, ...] = stacked.shape[1:]
            self._check_shape(n)
            if stacked.dtype.kind == "f":
                bad = ~np.isfinite(stacked)
                if bad.any():
                    i, *profile = (int(k) for k in np.argwhere(bad)[0])
                    raise PayoffError(
                        f"payoff of player {i + 1} at profile {tuple(profile)} is "
                        f"{stacked[(i, *profile)]}: expected a finite number"
                    )
                self._float = stacked.astype(np.float64)
            else:
                self._float = stacked.astype(np.float64)
                self._integers = stacked  # exact: their Fractions are made when first asked for
            return
        self._check_size({np.shape(a) for a in arrays if isinstance(a, np.ndarray)})
        try:
            obj = np.empty(n, dtype=object)
            obj[:] = [np.asarray(a, dtype=object) for a in arrays]
            shapes = {a.shape for a in obj}
        except (ValueError, TypeError) as exc:
            raise ShapeError(f"payoffs: ragged or malformed arrays ({exc})") from None
        if len(shapes) != 1:
            raise ShapeError(
                f"payoffs: the players' arrays are ragged or of different shapes {sorted(shapes)}"
            )
        self.shape = next(iter(shapes))
        self._check_shape(n)
        if all(type(v) is Fraction or (type(v) is int) for a in obj for v in a.flat):
            # Exact numbers need no parsing: keep them as fractions, build expressions lazily.
            self._exact = np.empty((n, *self.shape), dtype=object)
            for i, a in enumerate(obj):
                self._exact[i] = np.vectorize(_as_fraction, otypes=[object])(a) if a.size else a
            self._float = _floats(self._exact)
            return
        # Only payoffs given as text or sympy objects reach here and need sympy.
        import sympy

        expr = np.empty((n, *self.shape), dtype=object)
        symbolic = False
        all_rational = True
        for i, a in enumerate(obj):
            for idx, v in np.ndenumerate(a):
                e = self._entry(v, i, idx)
                expr[(i, *idx)] = e
                if e.free_symbols:
                    symbolic = True
                elif not isinstance(e, sympy.Rational):
                    all_rational = False
        if symbolic:
            self._expr = expr
            return
        self._expr = expr
        if all_rational:
            # float(Fraction) rounds correctly; sympy's float of a tiny rational may not.
            self._exact = np.vectorize(lambda r: Fraction(int(r.p), int(r.q)), otypes=[object])(
                expr
            )
            self._float = _floats(self._exact)
        else:
            self._float = _floats(expr)

    @staticmethod
    def _check_size(shapes: Iterable[tuple[int, ...]]) -> None:
        # Checked before the arrays are copied: a broadcast view of a huge shape costs nothing
        # until it is stacked.
        for shape in shapes:
            if math.prod(shape) > MAX_PROFILES:
                raise TooLargeError(
                    f"payoffs: shape {shape} has {math.prod(shape)} profiles, more than "
                    f"MAX_PROFILES = {MAX_PROFILES}"
                )

    def _check_shape(self, n: int) -> None:
        if len(self.shape) != n:
            raise ShapeError(
                f"payoffs: {n} players need arrays with {n} axes (one per player), "
                f"found shape {self.shape}"
            )
        if any(m < 1 for m in self.shape):
            raise ShapeError(
                f"payoffs: every player needs at least one strategy, found shape {self.shape}"
            )

    def _entry(self, v: Any, player: int, profile: tuple[int, ...]) -> sympy.Expr:
        import sympy

        where = f"payoff of player {player + 1} at profile {profile}"
        if isinstance(v, bool) or v is None:
            raise PayoffError(f"{where} is {v!r}: expected a number or an expression")
        if isinstance(v, Real) and not isinstance(v, int | Fraction | sympy.Basic):
            x = float(v)
            if not math.isfinite(x):
                raise PayoffError(f"{where} is {x}: expected a finite number")
            return sympy.Float(x) if not float(x).is_integer() else sympy.Integer(int(x))
        if isinstance(v, np.ndarray | list | tuple):
            raise ShapeError(f"{where}: found a nested array; payoff arrays are ragged or too deep")
        if isinstance(v, sympy.Basic) and v.is_number:
            if v.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or v.is_real is False:
                raise PayoffError(f"{where} is {v}: expected a finite real number")
        try:
            e = parse_expression(v, self.parameters)
        except GameError as exc:
            raise type(exc)(f"{where}: {exc}") from None
        if not isinstance(e, sympy.Expr):
            raise PayoffError(f"{where} is {v!r}: expected a number or an expression")
        return e

    @classmethod
    def from_bimatrix(
        cls,
        A: npt.ArrayLike,
        B: npt.ArrayLike | None = None,
        **kwargs: Any,
    ) -> NormalFormGame:
        """A two-player game from the row player's and column player's matrices.

        ``B`` defaults to ``-A`` (a zero-sum game).
        """
        a = A if isinstance(A, np.ndarray) else np.asarray(A, dtype=object)
        if a.ndim != 2:
            raise ShapeError(f"A: expected a matrix, found an array of shape {a.shape}")
        b: Any
        if B is not None:
            b = B if isinstance(B, np.ndarray) else np.asarray(B, dtype=object)
        elif a.dtype.kind in "iuf":
            b = -a
        else:
            a = cls([a, a], **kwargs).payoff_expressions()[0]
            b = -a
        return cls([a, b], **kwargs)

    # -- properties ----------------------------------------------------------

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.shape)

    @cached_property
    def free_parameters(self) -> tuple[str, ...]:
        """Names of the parameters that appear in the payoffs, in declaration order."""
        if self._expr is None:
            return ()
        names: set[str] = set()
        for e in self._expr.flat:
            names.update(s.name for s in e.free_symbols)
        return tuple(n for n in self.parameters if n in names)

    @property
    def is_numeric(self) -> bool:
        """Whether every payoff is a number (no unbound parameters)."""
        return self._float is not None

    @property
    def _exact(self) -> np.ndarray | None:
        """The payoffs as Fractions (``None`` if not all rational), made on first use."""
        if self._exact_array is None and self._integers is not None:
            self._exact_array = to_fraction_array(self._integers)
        if self._exact_array is None and self._exact_factory is not None:
            self._exact_array = self._exact_factory()
            self._exact_factory = None
        return self._exact_array

    @_exact.setter
    def _exact(self, value: np.ndarray | None) -> None:
        self._exact_array = value

    @property
    def is_exact(self) -> bool:
        """Whether every payoff is a rational number (exact arithmetic applies)."""
        return (
            self._exact_array is not None
            or self._integers is not None
            or self._exact_factory is not None
        )

    @classmethod
    def with_exact_on_demand(
        cls,
        floats: Sequence[np.ndarray],
        exact: Callable[[], np.ndarray],
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        description: str = "",
    ) -> NormalFormGame:
        """A game of rational payoffs given as floats, its Fractions made when first asked for.

        What a reader of big files uses: the float payoffs (each the
        correctly rounded value of its rational, as ``float(Fraction)``
        gives) are all the floating-point solvers need, and ``exact()``
        returns the rationals, an object array of shape ``(n, *shape)``, the
        first time exact arithmetic asks for them.

        Examples
        --------
        >>> from fractions import Fraction
        >>> import numpy as np
        >>> exact = np.array([[[Fraction(1, 3)]], [[Fraction(2, 3)]]], dtype=object)
        >>> game = NormalFormGame.with_exact_on_demand(
        ...     [np.array([[1 / 3]]), np.array([[2 / 3]])], lambda: exact
        ... )
        >>> game.is_exact, game.payoff_arrays(exact=True)[1].tolist()
        (True, [[Fraction(2, 3)]])
        """
        game = cls(
            [np.asarray(a, dtype=np.float64) for a in floats],
            players=players,
            strategies=strategies,
            title=title,
            description=description,
        )
        game._exact_factory = exact
        return game

    def payoff_arrays(self, exact: bool = False) -> tuple[np.ndarray, ...]:
        """The payoff arrays, one per player: float64, or exact fractions.

        Raises
        ------
        SolverError
            If the game is symbolic, or ``exact`` is asked of a game whose
            payoffs are not all rational.
        """
        self.require_numeric()
        if exact:
            if self._exact is None:
                raise SolverError(
                    "exact arithmetic needs rational payoffs; this game has floating-point "
                    "or irrational payoffs"
                )
            return tuple(self._exact)
        assert self._float is not None
        return tuple(self._float)

    def payoff_expressions(self) -> tuple[np.ndarray, ...]:
        """The payoffs as sympy expressions, one object array per player."""
        import sympy

        if self._expr is None:
            src = self._exact if self._exact is not None else self._float
            assert src is not None
            conv = (
                (lambda f: sympy.Rational(f.numerator, f.denominator))
                if self._exact is not None
                else (lambda x: sympy.Integer(int(x)) if float(x).is_integer() else sympy.Float(x))
            )
            self._expr = np.vectorize(conv, otypes=[object])(src)
        return tuple(self._expr)

    # -- binding ---------------------------------------------------------------

    def at(self, **values: Any) -> NormalFormGame:
        """Bind parameter values and return the numeric game.

        Values are checked against each parameter's domain; parameters not
        given take their defaults. Decimal values are read exactly (0.3 is
        3/10), so a rational model at decimal values is an exact game.

        Raises
        ------
        UnknownParameterError, DomainError, UnboundParameterError
        """
        subs = bound_substitutions(self.parameters, values)
        if subs is None or self._expr is None:
            return self
        import sympy

        out = np.empty(self._expr.shape, dtype=object)
        for idx, e in np.ndenumerate(self._expr):
            value = e.xreplace(subs) if e.free_symbols else e
            if value.free_symbols or not value.is_number:
                raise PayoffError(f"payoff {idx} did not evaluate to a number: {value}")
            if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or value.is_real is False:
                i, *profile = idx
                raise PayoffError(
                    f"payoff of player {i + 1} at profile {tuple(profile)} is undefined at "
                    f"{', '.join(f'{k}={v}' for k, v in values.items())}: {e} = {value}"
                )
            out[idx] = value
        return NormalFormGame(
            list(out),
            players=self.players,
            strategies=self.strategies,
            parameters=self.parameters,
            title=self.title,
            description=self.description,
        )

    # -- questions about profiles ----------------------------------------------

    def expected_payoffs(
        self, strategies: Sequence[Sequence[Any]], exact: bool = False
    ) -> list[Any]:
        """Each player's expected payoff at a mixed profile (one vector per player)."""
        arrays = self.payoff_arrays(exact=exact)
        self._check_profile(strategies)
        if exact:
            strategies = [[Fraction(p) for p in s] for s in strategies]
        return expected_payoffs(arrays, strategies)

    def pure_payoffs(
        self, player: int, strategies: Sequence[Sequence[Any]], exact: bool = False
    ) -> np.ndarray:
        """The payoff of each pure strategy of ``player`` against the others' mixed strategies."""
        arrays = self.payoff_arrays(exact=exact)
        self._check_profile(strategies)
        value = np.moveaxis(arrays[player], player, 0)
        others = [s for j, s in enumerate(strategies) if j != player]
        for s in reversed(others):
            vec = [Fraction(p) for p in s] if exact else np.asarray(s, dtype=float)
            value = np.tensordot(value, np.asarray(vec, dtype=value.dtype), axes=([-1], [0]))
        return np.asarray(value)

    def _check_profile(self, strategies: Sequence[Sequence[Any]]) -> None:
        if len(strategies) != self.n_players:
            raise ShapeError(
                f"profile: expected {self.n_players} strategies, found {len(strategies)}"
            )
        for i, (s, m) in enumerate(zip(strategies, self.shape, strict=True)):
            if len(s) != m:
                raise ShapeError(
                    f"strategy of {self.players[i]!r}: expected {m} probabilities, found {len(s)}"
                )

    def best_responses(
        self,
        player: int,
        strategies: Sequence[Sequence[Any]],
        exact: bool = False,
        tol: float = 1e-9,
    ) -> tuple[int, ...]:
        """The pure best responses of ``player`` to the others' strategies."""
        values = self.pure_payoffs(player, strategies, exact=exact)
        best = max(values)
        if exact:
            return tuple(int(k) for k, v in enumerate(values) if v == best)
        return tuple(int(k) for k, v in enumerate(values) if v >= best - tol * max(1.0, abs(best)))

    def pure_profiles(self) -> Iterable[tuple[int, ...]]:
        """Every pure strategy profile, in lexicographic order."""
        return itertools.product(*(range(m) for m in self.shape))

    # -- conversions -------------------------------------------------------------

    def to_nashpy(self) -> Any:
        """This two-player numeric game as a :class:`nashpy.Game`."""
        import nashpy

        if self.n_players != 2:
            raise SolverError(f"nashpy handles two-player games; this game has {self.n_players}")
        a, b = self.payoff_arrays()
        return nashpy.Game(a, b)

    @classmethod
    def from_nashpy(cls, game: Any, **kwargs: Any) -> NormalFormGame:
        """A game from a :class:`nashpy.Game` (its matrices ``A`` and ``B``)."""
        return cls([np.asarray(m) for m in game.payoff_matrices], **kwargs)

    def to_pygambit(self) -> Any:
        """This numeric game as a :class:`pygambit.Game` (exact payoffs when rational)."""
        import pygambit

        arrays: list[Any]
        if self.is_exact:
            arrays = [
                np.vectorize(
                    lambda f: pygambit.Rational(f.numerator, f.denominator), otypes=[object]
                )(a)
                for a in self.payoff_arrays(exact=True)
            ]
        else:
            arrays = [
                np.vectorize(
                    pygambit.Decimal.from_float
                    if hasattr(pygambit.Decimal, "from_float")
                    else float,
                    otypes=[object],
                )(a)
                for a in self.payoff_arrays()
            ]
        g = pygambit.Game.from_arrays(*arrays, title=self.title or "Untitled strategic game")
        # Labels must stay unique at every step: replace pygambit's defaults first.
        for k, player in enumerate(g.players):
            player.label = f"__player_{k}"
            for j, strategy in enumerate(player.strategies):
                strategy.label = f"__strategy_{j}"
        for player, label, strategy_labels in zip(
            g.players, self.players, self.strategies, strict=True
        ):
            player.label = label
            for strategy, s_label in zip(player.strategies, strategy_labels, strict=True):
                strategy.label = s_label
        return g

    @classmethod
    def from_pygambit(cls, game: Any) -> NormalFormGame:
        """A game from a strategic-form :class:`pygambit.Game`, payoffs kept exact."""
        players = [p.label or f"Player {i + 1}" for i, p in enumerate(game.players)]
        strategies = [
            [s.label or str(j + 1) for j, s in enumerate(p.strategies)] for p in game.players
        ]
        shape = tuple(len(s) for s in strategies)
        arrays = [np.empty(shape, dtype=object) for _ in players]
        for profile in itertools.product(*(range(m) for m in shape)):
            cell = game[tuple(strategies[i][k] for i, k in enumerate(profile))]
            for i, p in enumerate(game.players):
                value = cell[p]
                arrays[i][profile] = Fraction(str(value))
        return cls(arrays, players=players, strategies=strategies, title=game.title or "")

    # -- display ---------------------------------------------------------------

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        return f"NormalFormGame({title}players={self.players}, shape={self.shape})"

    def _cell_text(self, profile: tuple[int, ...]) -> str:
        if self._expr is not None:
            return ", ".join(str(self._expr[(i, *profile)]) for i in range(self.n_players))
        if self._exact is not None:
            return ", ".join(str(self._exact[(i, *profile)]) for i in range(self.n_players))
        assert self._float is not None
        return ", ".join(f"{self._float[(i, *profile)]:g}" for i in range(self.n_players))

    def _repr_html_(self) -> str:
        """The payoff table as HTML (see :func:`gametheory_alliances.display.game_html`).

        Examples
        --------
        >>> game = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], title="PD")
        >>> print(game._repr_html_()[:60])
        <div class="gta-game"><table class="gta-payoffs"><caption>PD
        """
        from .display import game_html

        return game_html(self)

    def _repr_latex_(self) -> str:
        """The payoff matrix as LaTeX (see :func:`gametheory_alliances.display.game_latex`)."""
        from .display import game_latex

        return game_latex(self)

    def table(self) -> str:
        """The game as plain text (a bimatrix for two players, a list of profiles otherwise)."""
        lines = [self.title] if self.title else []
        for p in self.pure_profiles():
            labels = ", ".join(self.strategies[i][k] for i, k in enumerate(p))
            lines.append(f"({labels}): {self._cell_text(p)}")
        return "\n".join(lines)
