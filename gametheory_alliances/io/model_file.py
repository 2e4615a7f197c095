"""The model file format: one declarative TOML file per model.

A model file is data, not code. It is read with the standard library's
``tomllib``; payoffs and conditions are expression text read by the safe
grammar of :mod:`gametheory_alliances.expressions`. Every field is checked,
and every problem is reported with the file, the field and, for TOML syntax
errors, the line.

A complete example (a normal-form model)::

    name = "stag-hunt"
    title = "Stag Hunt"
    description = "Two hunters choose to hunt a stag together or a hare alone."
    notes = "Cardinal payoffs are illustrative."

    [[citations]]
    key = "Skyrms2004"
    text = "Skyrms, B. (2004). The Stag Hunt and the Evolution of Social Structure. Cambridge University Press."

    [[parameters]]
    name = "s"
    domain = "positive"
    default = 4
    description = "value of the stag to each hunter"

    [[assumptions]]
    condition = "s > 3"
    description = "the stag is worth more than a hare"

    [game]
    type = "normal"
    players = ["Hunter 1", "Hunter 2"]
    strategies = [["Stag", "Hare"], ["Stag", "Hare"]]
    payoffs = [
        { profile = ["Stag", "Stag"], payoffs = ["s", "s"] },
        { profile = ["Stag", "Hare"], payoffs = [0, 3] },
        { profile = ["Hare", "Stag"], payoffs = [3, 0] },
        { profile = ["Hare", "Hare"], payoffs = [3, 3] },
    ]

    [grid]
    s = "3.5:6:6"

Top-level fields: ``name`` (lower-case words joined by hyphens), ``title``,
``description``, ``notes``, ``citations`` (tables with ``key`` and
``text``), ``parameters`` (tables with ``name``, ``domain``, ``default``,
``description``), ``assumptions`` (tables with ``condition`` and
``description``: conditions the parameters must satisfy, checked when values
are bound), ``game`` and ``grid`` (the default grid of ``gta table``: for
each parameter ``"START:STOP:NUM"``).

``claims`` (tables, optional): statements about the model's behaviour that
``gta check MODEL`` tests as properties over the parameter space, e.g.::

    [[claims]]
    name = "stag-equilibrium"
    description = "both hunting the stag is always an equilibrium"
    kind = "holds"                 # or "monotone", "invariant"
    concept = "nash"               # or "pure", "spe"
    given = "s > 4"                # optional region, added to the assumptions
    some = "(prob('Hunter 1', 'Stag') == 1) & (prob('Hunter 2', 'Stag') == 1)"

The full syntax (``every``/``some``/``iff``; ``quantity``, ``in``,
``direction``, ``over``; ``transform``) is documented in
:mod:`gametheory_alliances.claims`.

``game.type = "normal"``: ``players``, ``strategies`` (a list per player)
and ``payoffs``, one entry per pure profile (each exactly once) giving the
profile's strategy labels and the payoff of each player.

``game.type = "continuous"``: each player chooses a number in an interval
(solved by :mod:`gametheory_alliances.continuous`). The template form
writes one utility for every player, ``_i`` marking the player's own
variables and parameters (``_j``, with two players, the partner's)::

    [game]
    type = "continuous"
    n = 2                          # or players = ["Ally 1", "Ally 2"]
    strategy = "q"                 # the variables q_1, ..., q_n
    total = "Q"                    # optional: Q stands for q_1 + ... + q_n
    bounds = [0, "w_i"]            # q_i in [0, w_i]; "none" for an open end
    utility = "(1 - a)*log(w_i - q_i) + a*log(Q)"
    vector_parameters = [
        { name = "w", domain = "positive", default = [50, 40], description = "income" },
    ]

A vector parameter ``w`` declares the parameters ``w_1, ..., w_n`` (its
``default`` a number for all or a list, one per player); a model binds it
from a tuple (``model.at(w=(50, 40))``, ``gta solve MODEL --set w=50,40``).
The explicit form gives ``players``, ``strategies`` (variable names),
``bounds`` (a ``[lower, upper]`` pair per player) and ``utilities`` (one
expression per player), with ``vectors = ["w"]`` naming vectors whose
elements are declared in ``parameters``; :func:`write_model` writes this
form. :func:`with_players` rebuilds a template model for another number
of players.

The module is one idea, the model file format read and written, though over
a thousand lines: every field is checked and each game type has its section.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FileFormatError, GameError
from ..expressions import expression_text, parse_condition
from ..parameters import as_number
from .model_reader import ModelReader, normal_game, read_parameters, sequential_game

if TYPE_CHECKING:
    from ..continuous import ContinuousGame
    from .model import Model
    from .model_continuous import FileContinuousGame, with_players

__all__ = [
    "MAX_GRID_VALUES",
    "MAX_MODEL_BYTES",
    "FileContinuousGame",
    "grid_value_count",
    "parse_model",
    "read_model",
    "with_players",
    "write_model",
]

MAX_MODEL_BYTES = 2_000_000
"""Largest model file read, in bytes."""

MAX_GRID_VALUES = 100_000
"""Most values one axis of a grid (``START:STOP:NUM`` or a comma list) may have."""


def grid_value_count(spec: str, what: str = "grid") -> int:
    """The number of values of a grid axis ``START:STOP:NUM`` or ``V1,V2,...``, bounded.

    Only the count is read, so a hostile ``NUM`` is refused before any value is made;
    the values themselves are checked where the grid is built.

    Examples
    --------
    >>> grid_value_count("0:1:11"), grid_value_count("1, 2, 5")
    (11, 3)
    >>> grid_value_count("0:1:10000000000")
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.GameError: grid: NUM = 10000000000 values, more than MAX_GRID_VALUES = 100000
    """
    text = str(spec)
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 3:
            raise GameError(f"{what}: expected START:STOP:NUM (e.g. 0:1:11), found {text!r}")
        for end in parts[:2]:
            as_number(end.strip(), f"{what}: START and STOP of {text!r}")
        num = parts[2].strip()
        if not num.isdecimal() or len(num) > 12 or int(num) < 1:
            raise GameError(f"{what}: NUM must be a positive integer, found {num!r} in {text!r}")
        count = int(num)
    else:
        count = sum(1 for v in text.split(",") if v.strip())
    if count > MAX_GRID_VALUES:
        raise GameError(
            f"{what}: NUM = {count} values, more than MAX_GRID_VALUES = {MAX_GRID_VALUES}"
        )
    return count


_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TOP = {
    "name",
    "title",
    "description",
    "notes",
    "citations",
    "parameters",
    "assumptions",
    "game",
    "grid",
    "claims",
    "outcomes",
}


def parse_model(text: str, path: str | None = None) -> Model:
    """Read a model from the text of a model file.

    Raises
    ------
    FileFormatError
        On TOML syntax errors (with the line), unknown or missing fields,
        wrong types, bad domains, unknown parameters and unsafe expressions.
    """
    from .model import Citation, Model

    reader = ModelReader(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            found = re.search(r"at line (\d+)", str(exc))
            line = int(found.group(1)) if found else None
        raise FileFormatError(f"not valid TOML: {exc}", path=path, line=line) from None
    except RecursionError:
        raise FileFormatError(
            "not valid TOML for a model: arrays or tables nested too deeply", path=path
        ) from None
    reader.known(data, _TOP, "")
    reader.required(data, ["name", "title", "game"], "")
    name = reader.text(data["name"], "name")
    if not _NAME.match(name):
        raise reader.fail("name", f"{name!r}: expected lower-case words joined by hyphens")
    title = reader.text(data["title"], "title")
    description = reader.text(data.get("description", ""), "description")
    notes = reader.text(data.get("notes", ""), "notes")

    citations = []
    for k, c in enumerate(reader.array(data.get("citations", []), "citations")):
        field = f"citations[{k}]"
        c = reader.table(c, field)
        reader.known(c, {"key", "text", "doi"}, field)
        reader.required(c, ["key", "text"], field)
        citations.append(
            Citation(
                reader.text(c["key"], f"{field}.key"),
                reader.text(c["text"], f"{field}.text"),
                reader.text(c.get("doi", ""), f"{field}.doi"),
            )
        )

    params = read_parameters(reader, data)

    assumptions = []
    for k, a in enumerate(reader.array(data.get("assumptions", []), "assumptions")):
        field = f"assumptions[{k}]"
        a = reader.table(a, field)
        reader.known(a, {"condition", "description"}, field)
        reader.required(a, ["condition"], field)
        cond_text = reader.text(a["condition"], f"{field}.condition")
        try:
            cond = parse_condition(cond_text, params)
        except GameError as exc:
            raise reader.fail(f"{field}.condition", str(exc)) from None
        assumptions.append((cond, reader.text(a.get("description", ""), f"{field}.description")))

    game_data = reader.table(data["game"], "game")
    reader.required(game_data, ["type"], "game")
    kind = reader.text(game_data["type"], "game.type")
    if kind == "normal":
        game: Any = normal_game(reader, game_data, params, title)
    elif kind == "sequential":
        game = sequential_game(reader, game_data, params, title, description)
    elif kind == "continuous":
        from .model_continuous import continuous_game

        game = continuous_game(reader, game_data, params, title)
    else:
        raise reader.fail("game.type", f"{kind!r}: expected 'normal', 'sequential' or 'continuous'")

    grid: dict[str, str] = {}
    for key, spec in reader.table(data.get("grid", {}), "grid").items():
        if key not in params:
            raise reader.fail(
                f"grid.{key}", f"unknown parameter; the model's parameters: {', '.join(params)}"
            )
        grid[key] = reader.text(spec, f"grid.{key}")
        try:
            grid_value_count(grid[key], f"grid.{key}")
        except GameError as exc:
            raise FileFormatError(str(exc), path=path) from None

    from ..claims import parse_claims

    claims = parse_claims(data.get("claims", []), game, path=path)

    outcomes = None
    if "outcomes" in data:
        from ..predicates import parse_outcomes

        try:
            outcomes = parse_outcomes(reader.table(data["outcomes"], "outcomes"), params, game)
        except FileFormatError:
            raise
        except GameError as exc:
            raise reader.fail("outcomes", str(exc)) from None

    model = Model(
        name=name,
        title=title,
        description=description,
        notes=notes,
        citations=tuple(citations),
        assumptions=tuple(assumptions),
        game=game,
        grid=grid,
        path=path,
        claims=claims,
        outcomes=outcomes,
    )
    try:
        model.check_defaults()
    except GameError as exc:
        raise reader.fail("parameters", str(exc)) from None
    return model


def read_model(path: str | Path) -> Model:
    """Read a model file (``.toml``)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise FileFormatError(
            f"cannot read the model file: {exc.strerror}", path=str(path)
        ) from None
    if size > MAX_MODEL_BYTES:
        raise FileFormatError(
            f"file of {size} bytes is larger than {MAX_MODEL_BYTES}", path=str(path)
        )
    try:
        with p.open(encoding="utf-8") as f:
            # st_size is 0 for a device: the read itself is bounded too.
            text = f.read(MAX_MODEL_BYTES + 1)
    except UnicodeDecodeError:
        raise FileFormatError("not UTF-8 text", path=str(path)) from None
    except OSError as exc:
        raise FileFormatError(
            f"cannot read the model file: {exc.strerror}", path=str(path)
        ) from None
    if len(text) > MAX_MODEL_BYTES:
        raise FileFormatError(f"larger than {MAX_MODEL_BYTES} characters", path=str(path))
    return parse_model(text, path=str(path))


def _toml_string(s: str) -> str:
    out = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{out}"'


def _toml_value(v: Any) -> str:
    if isinstance(v, str):
        return _toml_string(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return _toml_string(expression_text(v))


def _continuous_lines(game: ContinuousGame) -> list[str]:
    """The ``[game]`` table of a continuous game, in the explicit form."""

    def end(b: Any) -> str:
        return _toml_string("none") if b is None else _toml_value(b)

    bounds = ", ".join(f"[{end(lo)}, {end(hi)}]" for lo, hi in game.bounds)
    lines = [
        "",
        "[game]",
        'type = "continuous"',
        f"players = {_toml_value(list(game.players))}",
        f"strategies = {_toml_value([str(v) for v in game.variables])}",
        f"bounds = [{bounds}]",
        "utilities = [",
        *(f"    {_toml_value(u)}," for u in game.utilities),
        "]",
    ]
    vectors = getattr(game, "vectors", None) or {}
    if vectors:
        lines.append(f"vectors = {_toml_value(list(vectors))}")
    return lines


def _sequential_lines(game: Any) -> list[str]:
    """The ``[game]`` table of a sequential game: a node table in depth-first order."""
    from ..sequential import Chance, Decision

    ids: dict[int, str] = {}
    infosets: dict[tuple[str, Any], str] = {}
    rows: list[str] = []
    stack = [game.root]
    order: list[Any] = []
    while stack:
        node = stack.pop()
        ids[id(node)] = f"n{len(order)}"
        order.append(node)
        children = (
            [child for _, child in node.outcomes.values()]
            if isinstance(node, Chance)
            else list(node.actions.values())
            if isinstance(node, Decision)
            else []
        )
        stack.extend(reversed(children))
    for node in order:
        parts: list[str] = []
        if isinstance(node, Decision):
            player = game.players[node.player] if isinstance(node.player, int) else str(node.player)
            actions = ", ".join(
                f"{_toml_string(a)} = {_toml_string(ids[id(c)])}" for a, c in node.actions.items()
            )
            parts += [f"player = {_toml_string(player)}", f"actions = {{ {actions} }}"]
            if node.infoset is not None:
                key = (player, node.infoset)
                if key not in infosets:
                    text = str(node.infoset)
                    taken = {t for (pl, _), t in infosets.items() if pl == player}
                    k = 2
                    while text in taken:
                        text, k = f"{node.infoset} ({k})", k + 1
                    infosets[key] = text
                parts.append(f"infoset = {_toml_string(infosets[key])}")
        elif isinstance(node, Chance):
            outcomes = ", ".join(
                f"{_toml_string(a)} = [{_toml_value(p)}, {_toml_string(ids[id(c)])}]"
                for a, (p, c) in node.outcomes.items()
            )
            parts.append(f"chance = {{ {outcomes} }}")
        else:
            parts.append(f"payoffs = {_toml_value(list(node.payoffs))}")
        if node.label:
            parts.append(f"label = {_toml_string(node.label)}")
        rows.append(f"{ids[id(node)]} = {{ {', '.join(parts)} }}")
    return [
        "",
        "[game]",
        'type = "sequential"',
        f"players = {_toml_value(list(game.players))}",
        'root = "n0"',
        "",
        "[game.nodes]",
        *rows,
    ]


def write_model(model: Any, name: str | None = None) -> str:
    """The text of a model file for a model or a parameterised game.

    ``parse_model(write_model(x))`` gives back the same game: parameters with
    their domains and defaults, labels and payoff expressions. Normal-form,
    sequential and continuous games are written; a sequential game as a node
    table (nodes ``n0``, ``n1``, ... in depth-first order, ``n0`` the root).
    A model's declared claims and outcome predicates are not written.

    Examples
    --------
    >>> from gametheory_alliances.sequential import Decision, SequentialGame, Terminal
    >>> tree = SequentialGame(
    ...     Decision("A", {"Out": Terminal([0, 2]), "In": Decision("B", {
    ...         "Fight": Terminal(["-c", -1]), "Yield": Terminal([1, 1])})}),
    ...     parameters=["c"], title="Entry",
    ... )
    >>> text = write_model(tree)
    >>> print(text[text.index("[game.nodes]"):])
    [game.nodes]
    n0 = { player = "A", actions = { "Out" = "n1", "In" = "n2" } }
    n1 = { payoffs = ["0", "2"] }
    n2 = { player = "B", actions = { "Fight" = "n3", "Yield" = "n4" } }
    n3 = { payoffs = ["-c", "-1"] }
    n4 = { payoffs = ["1", "1"] }
    <BLANKLINE>
    >>> parse_model(text).game.at(c=2).to_normal_form().strategies
    (('Out', 'In'), ('Fight', 'Yield'))
    """
    from ..continuous import ContinuousGame
    from ..normal_form import NormalFormGame
    from ..sequential import SequentialGame
    from .model import Model

    if isinstance(model, Model):
        m = model
    elif isinstance(model, NormalFormGame | ContinuousGame | SequentialGame):
        slug = (
            name or re.sub(r"[^a-z0-9]+", "-", (model.title or "game").lower()).strip("-") or "game"
        )
        m = Model(
            name=slug,
            title=model.title or slug,
            game=model,
            description=getattr(model, "description", "") or "",
        )
    else:
        raise GameError(
            "write_model: expected a Model, a NormalFormGame, a SequentialGame or a "
            f"ContinuousGame, found {type(model).__name__}"
        )
    game = m.game
    lines = [f"name = {_toml_string(m.name)}", f"title = {_toml_string(m.title)}"]
    if m.description:
        lines.append(f"description = {_toml_string(m.description)}")
    if m.notes:
        lines.append(f"notes = {_toml_string(m.notes)}")
    for c in m.citations:
        lines += [
            "",
            "[[citations]]",
            f"key = {_toml_string(c.key)}",
            f"text = {_toml_string(c.text)}",
        ]
        if c.doi:
            lines.append(f"doi = {_toml_string(c.doi)}")
    for p in game.parameters.values():
        lines += [
            "",
            "[[parameters]]",
            f"name = {_toml_string(p.name)}",
            f"domain = {_toml_string(p.domain.text())}",
        ]
        if p.default is not None:
            lines.append(f"default = {_toml_string(str(p.default))}")
        if p.description:
            lines.append(f"description = {_toml_string(p.description)}")
    for cond, desc in m.assumptions:
        lines += ["", "[[assumptions]]", f"condition = {_toml_string(expression_text(cond))}"]
        if desc:
            lines.append(f"description = {_toml_string(desc)}")
    if isinstance(game, ContinuousGame):
        lines += _continuous_lines(game)
        if m.grid:
            lines += ["", "[grid]"] + [f"{k} = {_toml_string(v)}" for k, v in m.grid.items()]
        return "\n".join(lines) + "\n"
    if isinstance(game, SequentialGame):
        lines += _sequential_lines(game)
        if m.grid:
            lines += ["", "[grid]"] + [f"{k} = {_toml_string(v)}" for k, v in m.grid.items()]
        return "\n".join(lines) + "\n"
    if not isinstance(game, NormalFormGame):
        raise GameError(f"write_model: games of type {type(game).__name__} cannot be written")
    lines += [
        "",
        "[game]",
        'type = "normal"',
        f"players = {_toml_value(list(game.players))}",
        f"strategies = {_toml_value([list(s) for s in game.strategies])}",
        "payoffs = [",
    ]
    exprs = game.payoff_expressions()
    for profile in game.pure_profiles():
        labels = [game.strategies[i][k] for i, k in enumerate(profile)]
        values = [exprs[i][profile] for i in range(game.n_players)]
        lines.append(f"    {{ profile = {_toml_value(labels)}, payoffs = {_toml_value(values)} }},")
    lines.append("]")
    if m.grid:
        lines += ["", "[grid]"] + [f"{k} = {_toml_string(v)}" for k, v in m.grid.items()]
    return "\n".join(lines) + "\n"


def __getattr__(name: str) -> Any:
    # The continuous part of the format lives in model_continuous (it needs sympy at import),
    # the bound on nodes beside the tree reader in model_reader.
    if name in ("FileContinuousGame", "MAX_CONTINUOUS_PLAYERS", "with_players"):
        from . import model_continuous

        return getattr(model_continuous, name)
    if name == "MAX_NODES":
        from .model_reader import MAX_NODES

        return MAX_NODES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
