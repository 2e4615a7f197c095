"""Weighted-majority games: winning coalitions and the Shapley-Shubik power index.

A weighted-majority game ``[q; w_1, ..., w_n]`` gives each member a weight
(votes, or military capability) and calls a coalition *winning* when the sum
of its members' weights reaches the quota ``q``. The Shapley-Shubik index of a
member is the probability that it is *pivotal*, that its arrival turns a
losing coalition into a winning one, when the members join in a uniformly
random order (Shapley and Shubik 1954). It is the Shapley value of the simple
game, a cooperative solution: this module is the toolkit's one home for it,
beside the non-cooperative games of the rest of the package.

The index is computed exactly (``fractions.Fraction``) by counting, for each
member, the coalitions of the others by size and total weight (a dynamic
programme over the distinct subset sums), not by running through the ``n!``
orders; the number of distinct sums is bounded, and exceeding the bound is
refused with :class:`~gametheory_alliances.TooLargeError` rather than left to
run.

References
----------
Shapley, L. S. and Shubik, M. (1954). A method for evaluating the distribution
of power in a committee system. American Political Science Review 48(3): 787-792.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from numbers import Rational
from typing import Any

from .errors import DomainError, ShapeError, TooLargeError

__all__ = ["WeightedMajorityGame", "shapley_shubik_index"]

#: The most distinct (size, weight) states the index's dynamic programme keeps.
MAX_STATES = 2_000_000
#: The most members for which coalitions are listed one by one (``2**n`` of them).
MAX_LISTED_MEMBERS = 20


def _exact(x: Any, what: str) -> Fraction:
    if isinstance(x, bool):
        raise DomainError(f"{what}: expected a number, got {x!r}")
    if isinstance(x, Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    if isinstance(x, float):
        if not math.isfinite(x):
            raise DomainError(f"{what}: expected a finite number, got {x!r}")
        return Fraction(x)
    if isinstance(x, str):
        try:
            return Fraction(x.strip())
        except (ValueError, ZeroDivisionError):
            raise DomainError(f"{what}: expected a number such as 3 or 1/2, got {x!r}") from None
    raise DomainError(f"{what}: expected a number, got {type(x).__name__} {x!r}")


@dataclass(frozen=True)
class WeightedMajorityGame:
    """The weighted-majority game ``[quota; weights]``.

    Parameters
    ----------
    weights
        One nonnegative weight per member (numbers, or text such as ``"1/2"``;
        read exactly).
    quota
        The weight a coalition needs to win: positive and at most the total weight.
    players
        The members' labels (default ``"1"``, ..., ``"n"``).

    Raises
    ------
    DomainError
        A negative, infinite or non-numeric weight, or a quota outside
        ``(0, total weight]``.
    ShapeError
        No members, or as many labels as weights are not given, or a label repeats.

    Examples
    --------
    The Security Council of Shapley and Shubik (1954): five permanent members
    with a veto and six others; a resolution needs seven votes including all
    five permanent members, which the weights 5 and 1 and the quota 27 express.

    >>> council = WeightedMajorityGame([5] * 5 + [1] * 6, 27)
    >>> council.is_winning(range(7))
    True
    >>> council.is_winning([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    False
    >>> index = council.shapley_shubik()
    >>> index["1"], index["6"]
    (Fraction(76, 385), Fraction(1, 462))
    """

    weights: tuple[Fraction, ...]
    quota: Fraction
    players: tuple[str, ...]

    def __init__(
        self, weights: Sequence[Any], quota: Any, players: Sequence[str] | None = None
    ) -> None:
        exact = tuple(_exact(w, f"weights[{i}]") for i, w in enumerate(weights))
        if not exact:
            raise ShapeError("weights: a weighted-majority game needs at least one member")
        for i, w in enumerate(exact):
            if w < 0:
                raise DomainError(f"weights[{i}]: expected a nonnegative weight, got {w}")
        q = _exact(quota, "quota")
        total = sum(exact, Fraction(0))
        if not 0 < q <= total:
            raise DomainError(
                f"quota: expected a number in (0, {total}] (the total weight), got {q}"
            )
        labels = tuple(str(i + 1) for i in range(len(exact))) if players is None else tuple(players)
        if len(labels) != len(exact):
            raise ShapeError(
                f"players: expected {len(exact)} labels (one per weight), got {len(labels)}"
            )
        if len(set(labels)) != len(labels):
            raise ShapeError(f"players: labels must be distinct, got {list(labels)}")
        object.__setattr__(self, "weights", exact)
        object.__setattr__(self, "quota", q)
        object.__setattr__(self, "players", labels)

    @property
    def n(self) -> int:
        """The number of members."""
        return len(self.weights)

    def _indices(self, coalition: Any) -> frozenset[int]:
        found = set()
        for member in coalition:
            if isinstance(member, str):
                if member not in self.players:
                    raise ShapeError(
                        f"coalition: unknown member {member!r}; members are {list(self.players)}"
                    )
                found.add(self.players.index(member))
            elif isinstance(member, int) and not isinstance(member, bool) and 0 <= member < self.n:
                found.add(member)
            else:
                raise ShapeError(
                    f"coalition: expected member labels or indices 0..{self.n - 1}, got {member!r}"
                )
        return frozenset(found)

    def weight(self, coalition: Any) -> Fraction:
        """The total weight of a coalition (member labels or indices)."""
        return sum((self.weights[i] for i in self._indices(coalition)), Fraction(0))

    def is_winning(self, coalition: Any) -> bool:
        """Whether a coalition (member labels or indices) reaches the quota."""
        return self.weight(coalition) >= self.quota

    def _subsets(self) -> Iterator[tuple[int, ...]]:
        if self.n > MAX_LISTED_MEMBERS:
            raise TooLargeError(
                f"listing coalitions of {self.n} members means 2**{self.n} subsets; "
                f"at most {MAX_LISTED_MEMBERS} members are listed one by one"
            )
        for size in range(self.n + 1):
            yield from combinations(range(self.n), size)

    def winning_coalitions(self) -> list[tuple[str, ...]]:
        """Every winning coalition, by size and then in the members' order.

        Raises
        ------
        TooLargeError
            With more than ``MAX_LISTED_MEMBERS`` members.
        """
        return [tuple(self.players[i] for i in s) for s in self._subsets() if self.is_winning(s)]

    def minimal_winning_coalitions(self) -> list[tuple[str, ...]]:
        """The winning coalitions every one of whose members is needed to win.

        Examples
        --------
        >>> WeightedMajorityGame([4, 3, 2], 5, ["A", "B", "C"]).minimal_winning_coalitions()
        [('A', 'B'), ('A', 'C'), ('B', 'C')]
        """
        found = []
        for s in self._subsets():
            if not self.is_winning(s):
                continue
            total = self.weight(s)
            if all(total - self.weights[i] < self.quota for i in s):
                found.append(tuple(self.players[i] for i in s))
        return found

    def shapley_shubik(self) -> dict[str, Fraction]:
        """The Shapley-Shubik index of every member, exactly (the values sum to one).

        Returns
        -------
        dict
            Member label to its index, in the members' order.

        Raises
        ------
        TooLargeError
            When the coalitions of the other members have more than
            ``MAX_STATES`` distinct (size, weight) pairs.

        Examples
        --------
        Weights are not power: in ``[5; 4, 3, 2]`` any two members win, so
        all three are equally powerful.

        >>> WeightedMajorityGame([4, 3, 2], 5).shapley_shubik()
        {'1': Fraction(1, 3), '2': Fraction(1, 3), '3': Fraction(1, 3)}
        """
        n = self.n
        factorial = [math.factorial(k) for k in range(n + 1)]
        index: dict[str, Fraction] = {}
        # Members with equal weights have equal indices: compute once per weight.
        by_weight: dict[Fraction, Fraction] = {}
        for i, w in enumerate(self.weights):
            if w not in by_weight:
                counts = self._others_by_size_and_weight(i)
                pivotal = 0
                for (size, total), ways in counts.items():
                    if total < self.quota <= total + w:
                        pivotal += ways * factorial[size] * factorial[n - size - 1]
                by_weight[w] = Fraction(pivotal, factorial[n])
            index[self.players[i]] = by_weight[w]
        return index

    def _others_by_size_and_weight(self, member: int) -> dict[tuple[int, Fraction], int]:
        """How many coalitions of the other members have each (size, total weight)."""
        counts: dict[tuple[int, Fraction], int] = {(0, Fraction(0)): 1}
        for j, w in enumerate(self.weights):
            if j == member:
                continue
            grown = dict(counts)
            for (size, total), ways in counts.items():
                key = (size + 1, total + w)
                grown[key] = grown.get(key, 0) + ways
            if len(grown) > MAX_STATES:
                raise TooLargeError(
                    f"the Shapley-Shubik index of {self.n} members: more than {MAX_STATES} "
                    "distinct (size, weight) coalitions of the others; use fewer distinct weights"
                )
            counts = grown
        return counts


def shapley_shubik_index(
    weights: Sequence[Any], quota: Any, players: Sequence[str] | None = None
) -> dict[str, Fraction]:
    """The Shapley-Shubik index of the weighted-majority game ``[quota; weights]``.

    A shortcut for ``WeightedMajorityGame(weights, quota, players).shapley_shubik()``.

    Examples
    --------
    The Security Council since 1965: five permanent members and ten others, nine
    votes including the five permanent members (weights 7 and 1, quota 39).

    >>> index = shapley_shubik_index([7] * 5 + [1] * 10, 39)
    >>> index["1"], index["6"]
    (Fraction(421, 2145), Fraction(4, 2145))
    >>> round(float(index["1"]), 4), round(float(index["6"]), 4)
    (0.1963, 0.0019)
    """
    return WeightedMajorityGame(weights, quota, players).shapley_shubik()
