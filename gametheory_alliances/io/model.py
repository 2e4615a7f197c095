"""A model: a parameterised game with its documentation, assumptions and claims.

A :class:`Model` is a game together with what a reader needs to trust it:
a title, a description, citations, the parameters' domains and defaults,
declared assumptions on the parameters (checked whenever values are bound)
and a default grid for tables. :func:`fix_parameters` fixes some parameters
of a bare game and leaves the others symbolic.

The class lives below :mod:`gametheory_alliances.io` so that reading a model
file (:mod:`gametheory_alliances.io.model_file`) needs nothing above it;
:mod:`gametheory_alliances.catalogue` finds and loads the shipped models.

Examples
--------
>>> from gametheory_alliances.catalogue import load_model
>>> model = load_model("stag-hunt")
>>> model.title
'Stag Hunt'
>>> model.at(s=5).payoff_arrays(exact=True)[0][0, 0]
Fraction(5, 1)
>>> model.at(s=2)
Traceback (most recent call last):
...
gametheory_alliances.errors.DomainError: stag-hunt: the values violate the assumption 's > 3' (the stag is worth more than a hare)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy

from ..errors import DomainError, GameError
from ..expressions import expression_text
from ..game import Game
from ..parameters import Parameter, as_number, bind_values, exact_substitutions
from ..ties import resolve_ties, split_ties, tie_substitutions

__all__ = ["Citation", "Model", "fix_parameters"]


@dataclass(frozen=True)
class Citation:
    """A reference a model reproduces or draws on."""

    key: str
    text: str
    doi: str = ""


@dataclass(frozen=True, eq=False)
class Model:
    """A catalogue model: a parameterised game with its documentation and assumptions.

    Attributes
    ----------
    name
        The catalogue name (``burden-sharing``).
    title, description, notes
        Text for readers; ``notes`` says, e.g., where a cardinal
        parameterisation of an ordinal model is the toolkit's own.
    game
        The parameterised game.
    citations
        The references.
    assumptions
        ``(condition, description)`` pairs: sympy booleans the parameter
        values must satisfy.
    grid
        The default grid of ``gta table``: ``{parameter: "START:STOP:NUM"}``.
    path
        The file the model was read from.
    claims
        Declared claims about the model's behaviour
        (:mod:`gametheory_alliances.claims`), checked by ``gta check``.
    outcomes
        Declared outcome predicates (:class:`~gametheory_alliances.predicates.OutcomeSpec`),
        or ``None``.
    """

    name: str
    title: str
    game: Any
    description: str = ""
    notes: str = ""
    citations: tuple[Citation, ...] = ()
    assumptions: tuple[tuple[Any, str], ...] = ()
    grid: dict[str, str] = field(default_factory=dict)
    path: str | None = None
    claims: tuple[Any, ...] = ()
    outcomes: Any = None

    @property
    def parameters(self) -> dict[str, Parameter]:
        """The model's parameters, with domains, defaults and descriptions."""
        params: dict[str, Parameter] = self.game.parameters
        return params

    def check_assumptions(self, values: dict[str, Any]) -> None:
        """Raise :class:`DomainError` if bound values violate a declared assumption."""
        subs = exact_substitutions(self.parameters, values)
        for cond, description in self.assumptions:
            truth = cond.xreplace(subs)
            if truth is sympy.true:
                continue
            why = f" ({description})" if description else ""
            if truth is sympy.false:
                raise DomainError(
                    f"{self.name}: the values violate the assumption '{expression_text(cond)}'{why}"
                )
            raise DomainError(
                f"{self.name}: the assumption '{expression_text(cond)}'{why} cannot be decided "
                f"at these values ({truth})"
            )

    def check_defaults(self) -> None:
        """Check that the defaults, where all parameters have one, satisfy the assumptions."""
        if all(p.default is not None for p in self.parameters.values()):
            self.check_assumptions(bind_values(self.parameters, {}))

    def expand_vectors(self, values: dict[str, Any]) -> dict[str, Any]:
        """Spread a vector value (``w=(50, 40)``) over its elements ``w_1, w_2``.

        Raises
        ------
        DomainError
            If the number of values differs from the number of elements, or a
            tuple is given for a parameter that is not a vector.
        """
        vectors: dict[str, tuple[str, ...]] = getattr(self.game, "vectors", None) or {}
        out: dict[str, Any] = {}
        for name, value in values.items():
            if name in vectors:
                elements = vectors[name]
                items = value if isinstance(value, tuple | list) else (value,) * len(elements)
                if len(items) != len(elements):
                    raise DomainError(
                        f"{self.name}: {name} has {len(elements)} elements "
                        f"({', '.join(elements)}); found {len(items)} values {tuple(items)}"
                    )
                for element, item in zip(elements, items, strict=True):
                    if element in values:
                        raise DomainError(
                            f"{self.name}: {element} is given both alone and in {name}"
                        )
                    out[element] = item
            elif isinstance(value, tuple | list):
                raise DomainError(
                    f"{self.name}: {name!r} is not a vector parameter; found a list of values "
                    f"{tuple(value)}"
                    + (f" (the vector parameters: {', '.join(vectors)})" if vectors else "")
                )
            else:
                out[name] = value
        return out

    def sized(self, values: dict[str, Any]) -> tuple[Model, dict[str, Any]]:
        """The model for as many players as ``values`` ask for, and the other values.

        A continuous model written for any number of allies (its file
        declares ``n``) takes its ``n`` from a vector given with another
        length (``w=(60, 50, 40)`` makes three allies) or from ``n`` itself
        (``n=3``, with the vectors whose defaults are per player given too,
        one value per ally or one for all).
        Any other model, and values that ask for no change, come back as
        they are.

        Raises
        ------
        DomainError
            If ``n`` is given to a model that does not declare it, vectors
            of different lengths are given, or ``n`` disagrees with them.

        Examples
        --------
        >>> from gametheory_alliances.catalogue import load_model
        >>> three, rest = load_model("public-good").sized({"w": (60, 50, 40), "a": "1/2"})
        >>> three.game.players, rest
        (('Ally 1', 'Ally 2', 'Ally 3'), {'w': (60, 50, 40), 'a': '1/2'})
        """
        game = self.game
        vectors: dict[str, tuple[str, ...]] = getattr(game, "vectors", None) or {}
        resizable = bool(getattr(game, "declares_n", False))
        rest = dict(values)
        wanted = None
        if "n" in rest and "n" not in self.parameters:
            if not resizable:
                raise DomainError(
                    f"{self.name}: n is not a parameter, and the model does not declare its "
                    f"number of players n (it has {len(game.players)} players)"
                )
            given = rest.pop("n")
            number = None if isinstance(given, bool) else as_number(given, "n")
            if number is None or number != int(number) or number < 1:
                raise DomainError(f"{self.name}: n must be a whole number >= 1, found {given!r}")
            wanted = int(number)
        lengths = {
            name: len(value)
            for name, value in rest.items()
            if name in vectors and isinstance(value, tuple | list)
        }
        if len(set(lengths.values())) > 1:
            raise DomainError(
                f"{self.name}: the vectors have different lengths: "
                + ", ".join(f"{name} has {k} values" for name, k in lengths.items())
            )
        if wanted is not None and lengths and set(lengths.values()) != {wanted}:
            raise DomainError(
                f"{self.name}: n = {wanted}, but "
                + ", ".join(f"{name} has {k} values" for name, k in lengths.items())
            )
        if wanted is None and lengths and resizable:
            wanted = next(iter(lengths.values()))
        if wanted is None or wanted == len(game.players):
            return self, rest
        import dataclasses

        defaults = {
            name: rest[name] if name in lengths else (rest[name],) * wanted
            for name in vectors
            if name in rest
        }
        try:
            resized = game.with_players(wanted, **defaults)
        except GameError as exc:
            missing = [name for name in vectors if name not in rest]
            if not missing:
                raise DomainError(f"{self.name}: {exc}") from None
            raise DomainError(
                f"{self.name}: n = {wanted} allies, but the defaults of {', '.join(missing)} are "
                f"for {len(game.players)}; give {' and '.join(missing)} too (one value per ally, "
                "or one value for all)"
            ) from None
        return dataclasses.replace(self, game=resized), rest

    def at(self, **values: Any) -> Any:
        """The numeric game at the given values (defaults for the rest), assumptions checked.

        A vector parameter (``w`` for ``w_1, ..., w_n`` in a continuous model)
        takes a tuple, one value per element, or one number for all. A model
        written for any number of allies takes its ``n`` from the vector
        given, or from ``n`` (see :meth:`sized`). A parameter may be tied to
        an expression in the others (``r_R="r_M"``; see :mod:`gametheory_alliances.ties`).

        Examples
        --------
        >>> from gametheory_alliances.catalogue import load_model
        >>> load_model("public-good").at(w=(60, 50, 40)).players
        ('Ally 1', 'Ally 2', 'Ally 3')
        >>> model = load_model("entrapment")
        >>> model.at(r_M="1/5", r_R="r_M").text() == model.at(r_M="1/5", r_R="1/5").text()
        True
        """
        model, values = self.sized(values)
        bound = resolve_ties(model.parameters, model.expand_vectors(values))
        model.check_assumptions(bound)
        return model.game.at(**bound)

    def fix(self, **values: Any) -> Model:
        """The model with some parameters fixed at exact values, the others left symbolic.

        The slice of parameter space the symbolic layer then works on: its
        regions and conditions are in the remaining parameters only. Values
        are checked against their domains; assumptions that the values
        settle are dropped (an error if one fails), the others keep the
        remaining parameters; an outcome baseline keeps only the parameters
        still free.

        A value may also tie its parameter to an expression in the others
        (``r_R="r_M"``, ``r_R="2*r_M"``; see :mod:`gametheory_alliances.ties`):
        the expression takes the parameter's place everywhere, and that it
        stays in the parameter's domain becomes an assumption where the
        domains of the others do not settle it.

        Examples
        --------
        >>> from gametheory_alliances import equilibrium_regions
        >>> from gametheory_alliances.catalogue import load_model
        >>> sliced = load_model("burden-sharing").fix(b1=3, c=2)
        >>> list(sliced.parameters)
        ['b2']
        >>> print(equilibrium_regions(sliced))
        (C, C): b2 >= 5
            Ally A: C; Ally B: C
        (C, F): (b2 >= 3) & (b2 <= 5)
            Ally A: C; Ally B: F
        (F, C): (b2 >= 3) & (b2 <= 5)
            Ally A: F; Ally B: C
        mixed (C+F, C+F): (b2 >= 3) & (b2 <= 5)
            Ally A: (-1/(b2 - 6)) C + ((b2 - 5)/(b2 - 6)) F; Ally B: (-1/(b2 - 6)) C + ((b2 - 5)/(b2 - 6)) F

        The unconditional commitment of the entrapment model, one reneging cost
        for both policies:

        >>> unconditional = load_model("entrapment").fix(r_R="r_M")
        >>> unconditional.game.free_parameters
        ('x', 'g', 'pi_D', 'pi_S', 'k_A', 'k_C', 'k_P', 'v', 'r_M')
        """
        import dataclasses

        sized, values = self.sized(values)
        if sized is not self:
            return sized.fix(**values)
        values = self.expand_vectors(values)
        numbers, ties = split_ties(self.parameters, values)
        exact = _checked(self.parameters, numbers)
        subs = exact_substitutions(self.parameters, exact)
        subs.update(
            {s: e.xreplace(subs) for s, e in tie_substitutions(self.parameters, ties).items()}
        )
        game = _fix_game(self.game, subs, set(values))
        assumptions = []
        for cond, description in self.assumptions:
            settled = cond.xreplace(subs)
            if settled == sympy.false:
                raise DomainError(
                    f"{self.name}: the values violate the assumption "
                    f"{expression_text(cond)!r}" + (f" ({description})" if description else "")
                )
            if settled != sympy.true:
                assumptions.append((settled, description))
        for name in ties:
            param = self.parameters[name]
            # A plain symbol: the parameter's own would settle its domain condition at once.
            value = sympy.Dummy(name, real=True)
            inside = param.domain.condition(value).xreplace({value: subs[param.symbol]})
            if inside == sympy.false:
                raise DomainError(
                    f"{self.name}: the tie {name} = {expression_text(ties[name])} is never in "
                    f"the domain {param.domain} of {name!r}"
                )
            if inside != sympy.true:
                assumptions.append((inside, f"the tie {name} = {expression_text(ties[name])}"))
        outcomes = self.outcomes
        if outcomes is not None:
            outcomes = dataclasses.replace(
                outcomes, baseline={k: v for k, v in outcomes.baseline.items() if k not in values}
            )
        return dataclasses.replace(
            self, game=game, assumptions=tuple(assumptions), outcomes=outcomes
        )

    def describe(self) -> str:
        """A plain-text description: parameters, domains, defaults, assumptions, references."""
        lines = [f"{self.name}: {self.title}"]
        if self.description:
            lines += ["", self.description.strip()]
        if self.notes:
            lines += ["", f"Note: {self.notes.strip()}"]
        lines += ["", "Players: " + ", ".join(self.game.players)]
        if self.parameters:
            lines += ["", "Parameters:"]
            width = max(len(n) for n in self.parameters)
            for p in self.parameters.values():
                default = "" if p.default is None else f" (default {p.default})"
                lines.append(
                    f"  {p.name:<{width}}  in {p.domain.text()}{default}  {p.description}".rstrip()
                )
        if self.assumptions:
            lines += ["", "Assumptions:"]
            for cond, description in self.assumptions:
                suffix = f"  ({description})" if description else ""
                lines.append(f"  {expression_text(cond)}{suffix}")
        if self.claims:
            from ..claims import claim_texts

            lines += ["", "Claims (checked by gta check):"]
            lines += [f"  {line}" for line in claim_texts(self.claims)]
        if self.citations:
            lines += ["", "References:"]
            lines += [f"  [{c.key}] {c.text}" for c in self.citations]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"Model({self.name!r}, parameters={list(self.parameters)})"

    def _repr_html_(self) -> str:
        """Title, description, parameters, assumptions, the game and the references, as HTML.

        Examples
        --------
        >>> from gametheory_alliances.catalogue import load_model
        >>> print(load_model("stag-hunt")._repr_html_()[:41])
        <div class="gta-model"><h3>Stag Hunt</h3>
        """
        from ..display import model_html

        return model_html(self)


def _checked(parameters: dict[str, Parameter], values: dict[str, Any]) -> dict[str, Any]:
    """The values as exact numbers, names and domains checked."""
    unknown = [n for n in values if n not in parameters]
    if unknown:
        from ..errors import UnknownParameterError

        raise UnknownParameterError(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"the parameters are: {', '.join(parameters) or 'none'}"
        )
    return {name: parameters[name].check(value) for name, value in values.items()}


def fix_parameters(game: Any, values: dict[str, Any]) -> Any:
    """A normal-form, sequential or continuous game with some parameters fixed, the others symbolic.

    Unlike ``game.at(...)``, which binds every parameter (defaults for the
    rest), the parameters not given stay symbols. Values are checked against
    their domains; a value may tie its parameter to an expression in the
    others (``{"S": "-T"}``, see :mod:`gametheory_alliances.ties`). A bare
    game has no assumptions to hold the tie's domain condition: use
    :meth:`Model.fix` where that matters.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> game = load_model("chicken").game
    >>> fix_parameters(game, {"P": -10}).free_parameters
    ('T', 'R', 'S')
    >>> fix_parameters(game, {"P": -10, "S": "-T"}).free_parameters
    ('T', 'R')
    """
    table = dict(game.parameters)
    numbers, ties = split_ties(table, values)
    subs = exact_substitutions(table, _checked(table, numbers))
    subs.update({s: e.xreplace(subs) for s, e in tie_substitutions(table, ties).items()})
    return _fix_game(game, subs, set(values))


def _fix_game(game: Any, subs: dict[Any, Any], removed: set[str]) -> Any:
    """:func:`fix_parameters` for values already checked: ``subs`` replaces the ``removed``."""
    from ..continuous import ContinuousGame
    from ..normal_form import NormalFormGame
    from ..predicates import substitute

    if isinstance(game, Game) and game.kind == "tree":
        return substitute(game, subs)
    if isinstance(game, ContinuousGame):
        return ContinuousGame(
            game.players,
            [str(v) for v in game.variables],
            [
                (
                    None if lo is None else lo.xreplace(subs),
                    None if hi is None else hi.xreplace(subs),
                )
                for lo, hi in game.bounds
            ],
            [u.xreplace(subs) for u in game.utilities],
            parameters=[p for n, p in game.parameters.items() if n not in removed],
            title=game.title,
        )
    if isinstance(game, NormalFormGame):
        import numpy as np

        arrays = []
        for arr in game.payoff_expressions():
            out = np.empty(arr.shape, dtype=object)
            for index, e in np.ndenumerate(arr):
                out[index] = sympy.sympify(e).xreplace(subs)
            arrays.append(out)
        return NormalFormGame(
            arrays,
            players=game.players,
            strategies=game.strategies,
            parameters=[p for n, p in game.parameters.items() if n not in removed],
            title=game.title,
        )
    raise GameError(
        "fixing parameters needs a normal-form, sequential or continuous game, found "
        f"{type(game).__name__}"
    )
