"""The continuous games of model files (``type = "continuous"``), and :func:`with_players`.

Part of the model file format (:mod:`gametheory_alliances.io.model_file`),
kept apart because continuous games are symbolic from the start (it imports
sympy), while a normal-form or sequential model can be read without it
(:mod:`gametheory_alliances.io.model_numeric`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..continuous import ContinuousGame
from ..errors import FileFormatError, GameError
from ..expressions import parse_expression
from ..parameters import Parameter
from .model_reader import ModelReader

if TYPE_CHECKING:
    from .model import Model

__all__ = ["MAX_CONTINUOUS_PLAYERS", "FileContinuousGame", "with_players"]

MAX_CONTINUOUS_PLAYERS = 50
"""Most players a continuous model file may declare."""

_INDEXED = re.compile(r"\b([A-Za-z][A-Za-z0-9]*)_([ij])\b")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class FileContinuousGame(ContinuousGame):
    """A continuous game read from a model file: remembers its vector parameters.

    Attributes
    ----------
    vectors
        ``{name: (element names)}``: a vector parameter ``w`` stands for the
        parameters ``w_1, ..., w_n``, so ``model.at(w=(50, 40))`` binds them all.
    template
        The game table it was built from, for :func:`with_players`.
    """

    vectors: dict[str, tuple[str, ...]]
    template: dict[str, Any]

    @property
    def declares_n(self) -> bool:
        """Whether the game is a template for any number of players (``n``, ``strategy``)."""
        data = self.template["data"]
        return "strategy" in data and "players" not in data

    def with_players(self, n: int, **defaults: Any) -> FileContinuousGame:
        """The same template rebuilt for ``n`` players.

        ``defaults`` gives new defaults of vector parameters, one per player
        (``w=[50, 40, 30]``), for those whose declared defaults are lists of
        another length.

        Raises
        ------
        FileFormatError
            If the game is not a template (``strategy``, ``utility``), a name
            is not a vector parameter, or a default list has the wrong length.

        Examples
        --------
        >>> from gametheory_alliances.catalogue import load_model
        >>> game = load_model("public-good").game.with_players(3, w=[60, 50, 40])
        >>> game.players, game.vectors["w"]
        (('Ally 1', 'Ally 2', 'Ally 3'), ('w_1', 'w_2', 'w_3'))
        """
        where = self.template["path"]
        data = dict(self.template["data"])
        if "strategy" not in data:
            raise FileFormatError(
                "with_players needs the template form (strategy, utility) of a continuous game",
                path=where,
            )
        data["n"] = n
        data.pop("players", None)
        declared = [dict(v) for v in data.get("vector_parameters", [])]
        unknown = sorted(set(defaults) - {v.get("name") for v in declared})
        if unknown:
            raise FileFormatError(
                f"{', '.join(map(repr, unknown))} not a vector parameter; the vector parameters "
                f"are {', '.join(str(v.get('name')) for v in declared) or 'none'}",
                path=where,
            )
        for v in declared:
            if v.get("name") in defaults:
                v["default"] = list(defaults[str(v["name"])])
        data["vector_parameters"] = declared
        reader = ModelReader(where)
        game: FileContinuousGame = continuous_game(
            reader, data, dict(self.template["parameters"]), self.template["title"]
        )
        return game


def continuous_game(
    reader: ModelReader, data: Mapping[str, Any], params: dict[str, Parameter], title: str
) -> FileContinuousGame:
    """Build a continuous game from a ``[game]`` table of ``type = "continuous"``.

    Two forms. Explicit: ``players``, ``strategies`` (one variable name per
    player), ``bounds`` (a ``[lower, upper]`` pair per player) and
    ``utilities`` (one expression per player). Template: ``n`` (or
    ``players``), ``strategy`` (a stem ``q`` giving ``q_1, ..., q_n``),
    ``bounds`` (one pair) and ``utility`` (one expression), in which a name
    ending in ``_i`` stands for the player's own (``w_i`` is ``w_1`` for the
    first player) and, with two players, ``_j`` for the other's. Both forms
    accept ``total`` (a name for the sum of the strategy variables),
    ``vector_parameters`` (tables with ``name``, ``domain``, ``default`` (a
    number or one per player) and ``description``, declaring ``w_1, ...,
    w_n``) and ``vectors`` (names whose elements ``w_1, ..., w_n`` are
    declared as ordinary parameters).
    """
    allowed = {
        "type",
        "n",
        "players",
        "strategy",
        "strategies",
        "bounds",
        "utility",
        "utilities",
        "total",
        "vector_parameters",
        "vectors",
    }
    reader.known(data, allowed, "game")
    template = "utility" in data or "strategy" in data
    if template:
        for b in ("utilities", "strategies"):
            if b in data:
                raise reader.fail(
                    f"game.{b}", f"give either the template fields (strategy, utility) or {b}"
                )
        reader.required(data, ["strategy", "bounds", "utility"], "game")
    else:
        reader.required(data, ["players", "strategies", "bounds", "utilities"], "game")

    if "n" in data:
        n = data["n"]
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_CONTINUOUS_PLAYERS:
            raise reader.fail(
                "game.n",
                f"expected a whole number of players 1..{MAX_CONTINUOUS_PLAYERS}, found {n!r}",
            )
    if "players" in data:
        players = reader.players(data["players"])
        if "n" in data and len(players) != n:
            raise reader.fail("game.players", f"expected n = {n} labels, found {len(players)}")
        n = len(players)
    elif "n" in data:
        players = [f"Ally {k + 1}" for k in range(n)]
    else:
        raise reader.fail("game", "missing required field 'n' or 'players'")
    if not 1 <= n <= MAX_CONTINUOUS_PLAYERS:
        raise reader.fail(
            "game.players", f"expected 1..{MAX_CONTINUOUS_PLAYERS} players, found {n}"
        )
    base = dict(params)
    vectors: dict[str, tuple[str, ...]] = {}
    for k, v in enumerate(
        reader.array(data.get("vector_parameters", []), "game.vector_parameters")
    ):
        field = f"game.vector_parameters[{k}]"
        v = reader.table(v, field)
        reader.known(v, {"name", "domain", "default", "description"}, field)
        reader.required(v, ["name", "domain"], field)
        vname = reader.text(v["name"], f"{field}.name")
        field = f"game.vector_parameters[{k}] ({vname})"
        default = v.get("default")
        defaults: list[Any]
        if isinstance(default, list):
            if len(default) != n:
                raise reader.fail(
                    f"{field}.default",
                    f"expected one default per player ({n}), found {len(default)}",
                )
            defaults = default
        else:
            defaults = [default] * n
        for d in defaults:
            if isinstance(d, bool) or not (d is None or isinstance(d, int | float | str)):
                raise reader.fail(f"{field}.default", f"expected a number, found {d!r}")
        names = tuple(f"{vname}_{i + 1}" for i in range(n))
        for i, ename in enumerate(names):
            if ename in params:
                raise reader.fail(field, f"parameter {ename!r} is declared twice")
            try:
                params[ename] = Parameter(
                    ename,
                    reader.text(v["domain"], f"{field}.domain"),
                    defaults[i],
                    reader.text(v.get("description", ""), f"{field}.description")
                    + (f" ({players[i]})" if v.get("description") else ""),
                )
            except GameError as exc:
                raise reader.fail(field, str(exc)) from None
        if vname in vectors or vname in params:
            raise reader.fail(field, f"{vname!r} is declared twice")
        vectors[vname] = names
    for k, vname in enumerate(reader.array(data.get("vectors", []), "game.vectors")):
        vname = reader.text(vname, f"game.vectors[{k}]")
        names = tuple(f"{vname}_{i + 1}" for i in range(n))
        missing = [e for e in names if e not in params]
        if missing:
            raise reader.fail(
                f"game.vectors[{k}]",
                f"vector {vname!r} needs the parameters {', '.join(names)}; "
                f"{', '.join(missing)} not declared",
            )
        if vname in vectors or vname in params:
            raise reader.fail(f"game.vectors[{k}]", f"{vname!r} is declared twice")
        vectors[vname] = names

    if template:
        stem = reader.text(data["strategy"], "game.strategy")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", stem):
            raise reader.fail("game.strategy", f"{stem!r}: expected a name such as 'q'")
        variables = [f"{stem}_{i + 1}" for i in range(n)]
        pair = reader.array(data["bounds"], "game.bounds")
        if len(pair) != 2:
            raise reader.fail("game.bounds", f"expected [lower, upper], found {pair!r}")
        utility = data["utility"]

        def instance(value: Any, i: int, field: str) -> Any:
            if isinstance(value, str):

                def index(match: re.Match[str]) -> str:
                    if match.group(2) == "i":
                        return f"{match.group(1)}_{i + 1}"
                    if n != 2:
                        raise reader.fail(
                            field, f"'{match.group(0)}' (the other player) needs two players"
                        )
                    return f"{match.group(1)}_{2 - i}"

                return _INDEXED.sub(index, value)
            return value

        bounds_text = [
            [instance(b, i, f"game.bounds[{e}]") for e, b in enumerate(pair)] for i in range(n)
        ]
        utilities_text = [instance(utility, i, "game.utility") for i in range(n)]
        fields = ["game.utility"] * n
        bound_fields = [[f"game.bounds[{e}]" for e in range(2)] for _ in range(n)]
    else:
        variables = [
            reader.text(s, f"game.strategies[{k}]")
            for k, s in enumerate(reader.array(data["strategies"], "game.strategies"))
        ]
        pairs = reader.array(data["bounds"], "game.bounds")
        utilities_text = reader.array(data["utilities"], "game.utilities")
        for what, seq in (
            ("strategies", variables),
            ("bounds", pairs),
            ("utilities", utilities_text),
        ):
            if len(seq) != n:
                raise reader.fail(
                    f"game.{what}", f"expected one entry per player ({n}), found {len(seq)}"
                )
        bounds_text = []
        for i, pair in enumerate(pairs):
            pair = reader.array(pair, f"game.bounds[{i}]")
            if len(pair) != 2:
                raise reader.fail(f"game.bounds[{i}]", f"expected [lower, upper], found {pair!r}")
            bounds_text.append(pair)
        fields = [f"game.utilities[{i}]" for i in range(n)]
        bound_fields = [[f"game.bounds[{i}][{e}]" for e in range(2)] for i in range(n)]
    for k, var in enumerate(variables):
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", var):
            raise reader.fail(f"game.strategies[{k}]", f"{var!r}: expected a variable name")
        if var in params:
            raise reader.fail(
                f"game.strategies[{k}]", f"strategy variable {var!r} has the name of a parameter"
            )
    if len(set(variables)) != n:
        raise reader.fail("game.strategies", f"variable names must differ, found {variables}")

    total = None
    if "total" in data:
        total = reader.text(data["total"], "game.total")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", total):
            raise reader.fail("game.total", f"{total!r}: expected a name such as 'Q'")
        if total in params or total in variables:
            raise reader.fail("game.total", f"{total!r} is already a parameter or a variable")
    scope = [*params.values(), *(Parameter(v) for v in variables)]
    utilities = []
    total_text = "(" + " + ".join(variables) + ")"
    for u, field in zip(utilities_text, fields, strict=True):
        if isinstance(u, bool) or not isinstance(u, str | int | float):
            raise reader.fail(field, f"expected a number or expression text, found {u!r}")
        text = str(u)
        if total is not None:
            text = _WORD.sub(lambda m: total_text if m.group(0) == total else m.group(0), text)
        try:
            utilities.append(parse_expression(text, scope))
        except GameError as exc:
            raise reader.fail(field, str(exc)) from None
    bounds = []
    for i, pair in enumerate(bounds_text):
        ends: list[Any] = []
        for e, b in enumerate(pair):
            if isinstance(b, str) and b.strip().lower() in ("", "none", "-oo", "oo"):
                ends.append(None)
            else:
                ends.append(reader.expression(b, params, bound_fields[i][e]))
        bounds.append(tuple(ends))
    try:
        game = FileContinuousGame(
            players, variables, bounds, utilities, parameters=params, title=title
        )
    except GameError as exc:
        raise reader.fail("game", str(exc)) from None
    game.vectors = vectors
    game.template = {"data": dict(data), "parameters": base, "title": title, "path": reader.path}
    return game


def with_players(model: Model, n: int, **defaults: Any) -> Model:
    """A continuous template model rebuilt with ``n`` players.

    Parameters
    ----------
    model
        A model whose game is a continuous game written in the template form
        (``strategy``, ``utility``) of the model file format.
    n
        The number of players.
    **defaults
        New defaults of vector parameters, one per player (``w=[50, 40, 30]``),
        for those whose declared defaults are lists of another length.

    Raises
    ------
    FileFormatError
        If the model is not a continuous template, or a default list has the
        wrong length.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> three = with_players(load_model("public-good"), 3, w=[50, 40, 30])
    >>> three.game.players
    ('Ally 1', 'Ally 2', 'Ally 3')
    >>> three.parameters["w_3"].default
    Fraction(30, 1)
    """
    from dataclasses import replace

    game = model.game
    if not isinstance(game, FileContinuousGame) or getattr(game, "template", None) is None:
        raise FileFormatError(
            f"{model.name}: with_players needs a continuous model, found {type(game).__name__}",
            path=model.path,
        )
    return replace(model, game=game.with_players(n, **defaults))
