"""Equilibria and solver results: small immutable objects, not tuples.

An :class:`Equilibrium` holds each player's mixed strategy, each player's
expected payoff and, when the game's payoffs are rational, the same numbers
as exact fractions. :meth:`Equilibrium.certify` re-checks the best-response
conditions (exactly for rational games). A solver returns a
:class:`SolverResult`: the equilibria in a deterministic order together with
the game, the method and the options used, so a table can say how it was
computed.

Examples
--------
>>> from gametheory_alliances import NormalFormGame
>>> from gametheory_alliances.equilibrium import Equilibrium
>>> pennies = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
>>> eq = Equilibrium.from_profile(pennies, [["1/2", "1/2"], ["1/2", "1/2"]])
>>> eq
Equilibrium(Row: (1/2, 1/2), Column: (1/2, 1/2); payoffs (0, 0))
>>> bool(eq.certify())
True
>>> bool(Equilibrium.from_profile(pennies, [[1, 0], [1, 0]]).certify())
False
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

import numpy as np

from .errors import ProbabilityError, ShapeError

if TYPE_CHECKING:
    from .normal_form import NormalFormGame

__all__ = ["Certificate", "Equilibrium", "SolverResult", "format_number", "sort_equilibria"]

TOLERANCE = 1e-9
"""Default tolerance of floating-point best-response checks (relative to payoff scale)."""


def format_number(x: Any) -> str:
    """A probability or payoff as text in a result's ``repr``: a fraction exact, else six digits."""
    if isinstance(x, Fraction):
        return str(x)
    return f"{float(x):.6g}"


@dataclass(frozen=True)
class Certificate:
    """The outcome of a best-response check.

    Attributes
    ----------
    ok
        Whether no player gains by a unilateral deviation (and the strategies
        are probability vectors).
    exact
        Whether the check was done in exact rational arithmetic.
    regrets
        For each player, the best pure payoff against the others minus the
        equilibrium payoff (0 at an equilibrium; exact fractions when exact).
    """

    ok: bool
    exact: bool
    regrets: tuple[Any, ...]

    def __bool__(self) -> bool:
        return self.ok


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A mixed-strategy profile of a numeric game, with each player's payoff.

    Attributes
    ----------
    game
        The game it belongs to.
    strategies
        For each player, the probability of each of its strategies (floats).
    payoffs
        Each player's expected payoff (floats).
    exact_strategies, exact_payoffs
        The same as fractions when the game's payoffs are rational, else ``None``.
    component
        The index of the equilibrium component this extreme equilibrium lies
        on (``None`` when the solver does not compute components).
    component_size
        The number of extreme equilibria of that component: 1 when the
        component is a single point.
    """

    game: NormalFormGame = field(repr=False)
    strategies: tuple[tuple[float, ...], ...]
    payoffs: tuple[float, ...]
    exact_strategies: tuple[tuple[Fraction, ...], ...] | None = None
    exact_payoffs: tuple[Fraction, ...] | None = None
    component: int | None = None
    component_size: int = 1

    @classmethod
    def from_profile(
        cls,
        game: NormalFormGame,
        strategies: Sequence[Sequence[Any]],
        *,
        component: int | None = None,
        component_size: int = 1,
        check: bool = True,
    ) -> Equilibrium:
        """Build from a profile: payoffs computed, exact when the game and profile allow.

        Entries may be floats, fractions or text such as ``"1/3"``. With
        ``check`` the vectors are checked to be probability vectors of the
        right lengths (exactly for exact entries).
        """
        if len(strategies) != game.n_players:
            raise ShapeError(
                f"profile: expected {game.n_players} strategies, found {len(strategies)}"
            )
        exact_possible = game.is_exact and all(
            isinstance(p, int | Fraction | str) or (isinstance(p, np.integer))
            for s in strategies
            for p in s
        )
        exact_s: tuple[tuple[Fraction, ...], ...] | None = None
        if exact_possible:
            exact_s = tuple(tuple(Fraction(p) for p in s) for s in strategies)
            floats = tuple(tuple(float(p) for p in s) for s in exact_s)
        else:
            floats = tuple(
                tuple(float(Fraction(p)) if isinstance(p, str) else float(p) for p in s)
                for s in strategies
            )
        if check:
            for i in range(game.n_players):
                name = game.players[i]
                if len(floats[i]) != game.shape[i]:
                    raise ShapeError(
                        f"strategy of {name!r}: expected {game.shape[i]} probabilities, "
                        f"found {len(floats[i])}"
                    )
                if exact_s is not None:
                    ex = exact_s[i]
                    if any(p < 0 for p in ex) or sum(ex) != 1:
                        raise ProbabilityError(
                            f"strategy of {name!r}: {tuple(map(str, ex))} is not a probability vector"
                        )
                elif (
                    any(not np.isfinite(p) or p < -TOLERANCE for p in floats[i])
                    or abs(sum(floats[i]) - 1) > 1e-7
                ):
                    raise ProbabilityError(
                        f"strategy of {name!r}: {floats[i]} is not a probability vector"
                    )
        if exact_s is not None:
            exact_p = tuple(game.expected_payoffs(exact_s, exact=True))
            payoffs = tuple(float(v) for v in exact_p)
        else:
            exact_p = None
            payoffs = tuple(float(v) for v in game.expected_payoffs(floats))
        return cls(game, floats, payoffs, exact_s, exact_p, component, component_size)

    @property
    def is_exact(self) -> bool:
        """Whether the strategies and payoffs are exact fractions."""
        return self.exact_strategies is not None

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """For each player, the indices of the strategies played with positive probability."""
        if self.exact_strategies is not None:
            return tuple(tuple(k for k, p in enumerate(s) if p > 0) for s in self.exact_strategies)
        return tuple(tuple(k for k, p in enumerate(s) if p > TOLERANCE) for s in self.strategies)

    @property
    def is_pure(self) -> bool:
        """Whether every player plays a single strategy."""
        return all(len(s) == 1 for s in self.support)

    def labelled(self) -> dict[str, dict[str, Any]]:
        """``{player: {strategy label: probability}}``, exact where available."""
        src = self.exact_strategies if self.exact_strategies is not None else self.strategies
        return {
            player: dict(zip(labels, probs, strict=True))
            for player, labels, probs in zip(
                self.game.players, self.game.strategies, src, strict=True
            )
        }

    def certify(self, tol: float = TOLERANCE) -> Certificate:
        """Re-check that no player has a profitable pure deviation.

        Exact (rational arithmetic) when the game's payoffs are rational and
        the profile is exact; otherwise in floating point with tolerance
        ``tol`` relative to the payoff scale.
        """
        game = self.game
        if self.exact_strategies is not None and game.is_exact:
            regrets = []
            ok = True
            for s in self.exact_strategies:
                if any(p < 0 for p in s) or sum(s) != 1:
                    ok = False
            for i in range(game.n_players):
                values = game.pure_payoffs(i, self.exact_strategies, exact=True)
                value = sum(
                    (p * v for p, v in zip(self.exact_strategies[i], values, strict=True)),
                    Fraction(0),
                )
                regret = max(values) - value
                regrets.append(regret)
                ok = ok and regret <= 0
            return Certificate(ok, True, tuple(regrets))
        arrays = game.payoff_arrays()
        scale = max(1.0, max(float(np.max(np.abs(a))) for a in arrays))
        regrets = []
        ok = all(min(s) >= -tol and abs(sum(s) - 1) <= tol * 10 for s in self.strategies)
        for i in range(game.n_players):
            values = game.pure_payoffs(i, self.strategies)
            value = float(np.dot(self.strategies[i], values))
            regret = float(np.max(values) - value)
            regrets.append(regret)
            ok = ok and regret <= tol * scale
        return Certificate(ok, False, tuple(regrets))

    def key(self) -> tuple[Any, ...]:
        """A hashable key identifying the profile (exact when available)."""
        if self.exact_strategies is not None:
            return self.exact_strategies
        return tuple(tuple(round(p, 9) + 0.0 for p in s) for s in self.strategies)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def _strategy_text(self, i: int) -> str:
        src = self.exact_strategies if self.exact_strategies is not None else self.strategies
        return "(" + ", ".join(format_number(p) for p in src[i]) + ")"

    def __repr__(self) -> str:
        parts = ", ".join(f"{p}: {self._strategy_text(i)}" for i, p in enumerate(self.game.players))
        src = self.exact_payoffs if self.exact_payoffs is not None else self.payoffs
        pay = ", ".join(format_number(v) for v in src)
        extra = ""
        if self.component_size > 1:
            extra = f"; vertex of component {self.component} ({self.component_size} vertices)"
        return f"Equilibrium({parts}; payoffs ({pay}){extra})"

    def _repr_html_(self) -> str:
        """Each player's strategy and payoff as an HTML table.

        Examples
        --------
        >>> from gametheory_alliances import NormalFormGame
        >>> game = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
        >>> eq = Equilibrium.from_profile(game, [["1/2", "1/2"], ["1/2", "1/2"]])
        >>> print(eq._repr_html_()[:69])
        <table class="gta-equilibrium"><caption>Equilibrium (exact)</caption>
        """
        from .display import equilibrium_html

        return equilibrium_html(self)

    def _repr_latex_(self) -> str:
        """Each player's strategy and payoff as a LaTeX array."""
        from .display import equilibrium_latex

        return equilibrium_latex(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the public interface (``strategies``, ``payoffs``, ``exact``)."""
        out: dict[str, Any] = {
            "strategies": [list(s) for s in self.strategies],
            "payoffs": list(self.payoffs),
        }
        if self.exact_strategies is not None and self.exact_payoffs is not None:
            out["exact"] = {
                "strategies": [[str(p) for p in s] for s in self.exact_strategies],
                "payoffs": [str(v) for v in self.exact_payoffs],
            }
        if self.component is not None:
            out["component"] = self.component
            out["component_size"] = self.component_size
        return out


def sort_equilibria(equilibria: Sequence[Equilibrium]) -> list[Equilibrium]:
    """Equilibria in the toolkit's deterministic order.

    Lexicographic in the players' strategy vectors, larger probabilities of
    earlier strategies first (so pure profiles come in the order of their
    strategy labels).
    """

    def key(eq: Equilibrium) -> tuple[Any, ...]:
        src = eq.exact_strategies if eq.exact_strategies is not None else eq.strategies
        return tuple(-p for s in src for p in s)

    return sorted(equilibria, key=key)


class EquilibriumLike(Protocol):
    """What a :class:`SolverResult` needs of its equilibria: a JSON form."""

    def to_dict(self) -> dict[str, Any]:
        """The equilibrium as JSON-ready data."""
        ...


E = TypeVar("E", bound=EquilibriumLike)
"""The type of the equilibria a :class:`SolverResult` holds."""


@dataclass(frozen=True, eq=False)
class SolverResult(Sequence[E], Generic[E]):
    """The equilibria a solver found, with how they were computed.

    Behaves as a read-only sequence of its equilibria. Nash and pure
    solvers return it with :class:`Equilibrium` items; the results of other
    concepts are its subclasses (``SPEResult``, ``PBEResult``), which add
    their own fields and JSON and notebook forms.

    Attributes
    ----------
    game
        The game solved.
    method
        The algorithm (e.g. ``"vertex enumeration"``).
    equilibria
        The equilibria, in deterministic order.
    exact
        Whether the computation was done in exact arithmetic.
    options
        The options the solver ran with.
    notes
        Remarks a reader of the result needs (e.g. components that are not
        single points).
    """

    game: Any = field(repr=False)
    method: str
    equilibria: tuple[E, ...]
    exact: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @overload
    def __getitem__(self, index: int) -> E: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[E]: ...

    def __getitem__(self, index: int | slice) -> E | Sequence[E]:
        return self.equilibria[index]

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[E]:
        return iter(self.equilibria)

    def __repr__(self) -> str:
        lines = [
            f"{type(self).__name__}(method={self.method!r}, exact={self.exact}, "
            f"{len(self)} equilibria)"
        ]
        lines += [f"  {eq!r}" for eq in self.equilibria]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """All the equilibria as an HTML table; method and exactness in the caption.

        Examples
        --------
        >>> from gametheory_alliances import NormalFormGame
        >>> result = SolverResult(NormalFormGame([[[1]], [[1]]]), "none found", ())
        >>> "no equilibria" in result._repr_html_()
        True
        """
        from .display import solver_result_html

        return solver_result_html(self)

    def _repr_latex_(self) -> str | None:
        """All the equilibria as a LaTeX array, the method and exactness above it.

        A subclass without a LaTeX form returns ``None``, which Jupyter reads
        as "no such form" (it shows the HTML and text forms).
        """
        from .display import solver_result_latex

        return solver_result_latex(self)

    @property
    def components(self) -> dict[int, tuple[E, ...]]:
        """The extreme equilibria grouped by equilibrium component (when computed).

        Empty when the solver does not compute components (the equilibria
        have no ``component``, or it is ``None``).
        """
        out: dict[int, list[E]] = {}
        for eq in self.equilibria:
            component = getattr(eq, "component", None)
            if component is not None:
                out.setdefault(component, []).append(eq)
        return {k: tuple(v) for k, v in out.items()}

    def to_dict(self, concept: str = "nash") -> dict[str, Any]:
        """The ``gta solve --json`` object of the public interface.

        Subclasses give their own form (and their concept as the default).
        """
        return {
            "players": list(self.game.players),
            "strategies": [list(s) for s in self.game.strategies],
            "concept": concept,
            "method": self.method,
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            **({"notes": list(self.notes)} if self.notes else {}),
        }
