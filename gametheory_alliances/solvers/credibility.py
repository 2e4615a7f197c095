"""Nash equilibria beside subgame-perfect equilibria: which threats are credible.

:func:`credibility_report` sets the Nash equilibria of a tree's reduced
strategic form beside its subgame-perfect equilibria and marks which Nash
equilibria are subgame perfect: a Nash equilibrium that is not rests on a
threat that is not credible (:class:`CredibilityReport`, one
:class:`NashCheck` per Nash equilibrium).

References
----------
R. Selten (1978), "The chain store paradox", *Theory and Decision* 9, 127-159.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..equilibrium import TOLERANCE, Equilibrium
from ..normal_form import NormalFormGame
from ..sequential import SequentialGame
from .backward_induction import (
    MAX_EQUILIBRIA,
    SPEResult,
    certify_profile,
    spe_to_json,
    subgame_perfect_equilibria,
)

__all__ = ["CredibilityReport", "NashCheck", "credibility_report"]


@dataclass(frozen=True, eq=False)
class NashCheck:
    """A Nash equilibrium of the reduced strategic form, checked for subgame perfection.

    Attributes
    ----------
    equilibrium
        The equilibrium of the reduced strategic form.
    behaviour
        Its behaviour strategies ``{information set: {action: probability}}``;
        ``None`` at information sets that the player's own strategy never
        reaches (the strategic form says nothing there).
    subgame_perfect
        Whether some choice at those information sets makes it an SPE.
    """

    equilibrium: Equilibrium
    behaviour: dict[str, dict[str, Any] | None]
    subgame_perfect: bool

    def __repr__(self) -> str:
        mark = "subgame perfect" if self.subgame_perfect else "NOT subgame perfect"
        return f"NashCheck({self.equilibrium!r}: {mark})"


@dataclass(frozen=True, eq=False)
class CredibilityReport:
    """Nash equilibria beside subgame-perfect equilibria: which threats are credible.

    Attributes
    ----------
    game
        The sequential game.
    normal_form
        Its reduced strategic form.
    nash
        Each Nash equilibrium of the reduced strategic form, marked subgame
        perfect or not.
    spe
        The subgame-perfect equilibria.
    notes
        How the Nash equilibria were computed.
    """

    game: SequentialGame = field(repr=False)
    normal_form: NormalFormGame = field(repr=False)
    nash: tuple[NashCheck, ...]
    spe: SPEResult
    notes: tuple[str, ...] = ()

    @property
    def incredible(self) -> tuple[NashCheck, ...]:
        """The Nash equilibria that are not subgame perfect."""
        return tuple(c for c in self.nash if not c.subgame_perfect)

    def __repr__(self) -> str:
        lines = [
            f"CredibilityReport({len(self.nash)} Nash equilibria, {len(self.incredible)} not "
            f"subgame perfect; {len(self.spe)} subgame-perfect equilibria)"
        ]
        lines += [f"  {c!r}" for c in self.nash]
        lines += [f"  SPE: {eq!r}" for eq in self.spe]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the Nash equilibria with a ``subgame_perfect`` flag, and the SPE."""
        return {
            "players": list(self.game.players),
            "strategies": [list(s) for s in self.normal_form.strategies],
            "nash": [
                {**c.equilibrium.to_dict(), "subgame_perfect": c.subgame_perfect} for c in self.nash
            ],
            "spe": spe_to_json(self.spe)["equilibria"],
            **({"notes": list(self.notes)} if self.notes else {}),
        }


def credibility_report(
    game: SequentialGame, *, max_equilibria: int = MAX_EQUILIBRIA
) -> CredibilityReport:
    """Nash equilibria of the reduced strategic form, each marked subgame perfect or not.

    The Nash equilibria are every extreme equilibrium for two players
    (``nash_equilibria``) and the pure equilibria for more. A Nash
    equilibrium is marked subgame perfect when its behaviour strategies,
    completed at the information sets its own strategies never reach by the
    choices of one of the subgame-perfect equilibria, pass the
    subgame-perfection check; for pure equilibria of perfect-information
    games (where every pure SPE is enumerated) this decides the question
    exactly.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> game = SequentialGame(Decision("Entrant", {
    ...     "Stay out": Terminal([1, 5]),
    ...     "Enter": Decision("Incumbent", {"Fight": Terminal([0, 0]),
    ...                                     "Acquiesce": Terminal([2, 2])})}))
    >>> report = credibility_report(game)
    >>> [c.subgame_perfect for c in report.nash]
    [False, False, True]
    >>> report.incredible[0].behaviour
    {'Entrant at root': {'Stay out': Fraction(1, 1), 'Enter': Fraction(0, 1)}, \
'Incumbent after Enter': {'Fight': Fraction(1, 1), 'Acquiesce': Fraction(0, 1)}}
    """
    from .pure import pure_equilibria
    from .vertex_enumeration import nash_equilibria

    nf = game.to_normal_form(reduced=True)
    spe = subgame_perfect_equilibria(game, max_equilibria=max_equilibria)
    if game.n_players == 2:
        found = nash_equilibria(nf)
        notes = ("Nash equilibria: every extreme equilibrium of the reduced strategic form",)
    else:
        found = pure_equilibria(nf)
        notes = ("Nash equilibria: the pure equilibria of the reduced strategic form",)
    exact = game.is_exact
    checks = []
    for eq in found:
        mixed = eq.exact_strategies if (exact and eq.exact_strategies) else eq.strategies
        behaviour = game.behaviour_from_mixed(mixed)
        perfect = False
        for s in spe:
            completed = {h: (b if b is not None else s.profile[h]) for h, b in behaviour.items()}
            if certify_profile(game, completed, exact, TOLERANCE).ok:
                perfect = True
                break
        labelled: dict[str, dict[str, Any] | None] = {
            game.infosets[h].label: (
                None if b is None else dict(zip(game.infosets[h].actions, b, strict=True))
            )
            for h, b in sorted(behaviour.items())
        }
        checks.append(NashCheck(eq, labelled, perfect))
    return CredibilityReport(game, nf, tuple(checks), spe, notes)
