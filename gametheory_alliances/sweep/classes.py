"""The symmetric 2 x 2 classes as the sweep names them: data, not a derivation.

A sweep labels each point of a symmetric 2 x 2 game with its class (Prisoner's
Dilemma, Chicken, ...) from the ordering of the payoffs R, S, T, P, and a point
where two of them are equal with the tie (``"tie (R = T, S = P)"``). The
symbolic layer derives both (:func:`~gametheory_alliances.symbolic.classify_symmetric_2x2`,
:func:`~gametheory_alliances.symbolic.classes.tie_label`); they are kept here as
data and text so that a sweep does not load the symbolic layer (a tenth of a
second, the first time in a process) for its labels, and checked against it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

__all__ = ["SYMMETRIC_CLASSES", "class_table", "derive_symmetric_classes", "tie_label"]


SYMMETRIC_CLASSES: dict[str, str] = {
    "RSTP": "Harmony",
    "RSPT": "Harmony",
    "RTSP": "Harmony",
    "RTPS": "Stag Hunt",
    "RPST": "Stag Hunt",
    "RPTS": "Stag Hunt",
    "SRTP": "Harmony",
    "SRPT": "Harmony",
    "SPRT": "Harmony",
    "TRSP": "Chicken",
    "TRPS": "Prisoner's Dilemma",
    "TPRS": "Deadlock",
    "TPSR": "Deadlock",
    "PSTR": "Deadlock",
    "PTRS": "Deadlock",
    "PTSR": "Deadlock",
}
"""The named class of a symmetric 2 x 2 game for each strict ordering of its payoffs.

Keys list R, S, T, P from the largest to the smallest; orderings without a
name are absent. The table is what :func:`derive_symmetric_classes` gets from
the symbolic layer (:func:`~gametheory_alliances.symbolic.classify_symmetric_2x2`,
checked by the test suite); kept as data so that a sweep does not derive it
(seconds, and scipy) the first time in every process.
"""


def derive_symmetric_classes() -> dict[str, str] | None:
    """:data:`SYMMETRIC_CLASSES` derived from the symbolic layer (``None`` if it cannot say).

    Examples
    --------
    >>> derive_symmetric_classes() == SYMMETRIC_CLASSES
    True
    """
    try:
        from ..normal_form import NormalFormGame
        from ..symbolic import classify_symmetric_2x2

        generic = NormalFormGame(
            [[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], parameters=["R", "S", "T", "P"]
        )
        regions = classify_symmetric_2x2(generic)
        table = {}
        for order in itertools.permutations(range(4)):
            values = {"RSTP"[k]: 4 - rank for rank, k in enumerate(order)}
            names = [name for name, region in regions.items() if region.contains(**values)]
            if len(names) == 1 and names[0] != "other":
                table["".join("RSTP"[k] for k in order)] = names[0]
        return table
    except Exception:  # the class names are an optional decoration of the labels
        return None


@functools.lru_cache(maxsize=1)
def class_table() -> dict[int, str]:
    """:data:`SYMMETRIC_CLASSES` keyed by the ordering's code in ``symmetric_classes``."""
    return {
        sum("RSTP".index(c) * 4 ** (3 - i) for i, c in enumerate(order)): name
        for order, name in SYMMETRIC_CLASSES.items()
    }


def tie_label(equal: Sequence[tuple[str, str]]) -> str:
    """The class name of a tie point, naming its equal payoffs (as the symbolic layer names it).

    Examples
    --------
    >>> tie_label([("T", "R"), ("S", "P")])
    'tie (R = T, S = P)'
    >>> from gametheory_alliances.symbolic.classes import tie_label as derived
    >>> pairs = list(itertools.combinations("RSTP", 2))
    >>> all(
    ...     tie_label(chosen) == derived(chosen)
    ...     for k in range(1, 7)
    ...     for chosen in itertools.combinations(pairs, k)
    ... )
    True
    """
    order = "RSTP"
    pairs = sorted(tuple(sorted(pair, key=order.index)) for pair in equal)
    return "tie (" + ", ".join(f"{a} = {b}" for a, b in pairs) + ")"
