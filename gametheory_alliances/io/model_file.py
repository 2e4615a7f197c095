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
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import FileFormatError, GameError
from ..expressions import expression_text, parse_condition, parse_expression
from ..parameters import Parameter, as_number

if TYPE_CHECKING:
    from ..continuous import ContinuousGame
    from ..normal_form import NormalFormGame
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


class _Reader:
    def __init__(self, path: str | None):
        self.path = path

    def fail(self, field: str, message: str) -> FileFormatError:
        return FileFormatError(f"{field}: {message}", path=self.path)

    def table(self, value: Any, field: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(field, f"expected a table, found {type(value).__name__}")
        return value

    def text(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            raise self.fail(field, f"expected text, found {type(value).__name__} {value!r}")
        return value

    def array(self, value: Any, field: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(field, f"expected an array, found {type(value).__name__}")
        return value

    def players(self, value: Any, field: str = "game.players") -> list[str]:
        """Player labels: an array of distinct, non-empty texts."""
        labels = [self.text(p, f"{field}[{k}]") for k, p in enumerate(self.array(value, field))]
        if not labels:
            raise self.fail(field, "expected at least one player, found none")
        for k, label in enumerate(labels):
            if not label.strip():
                raise self.fail(f"{field}[{k}]", "expected a non-empty label")
        if len(set(labels)) != len(labels):
            raise self.fail(field, f"player labels must differ, found {labels}")
        return labels

    def known(self, data: Mapping[str, Any], allowed: set[str], field: str) -> None:
        unknown = sorted(set(data) - allowed)
        if unknown:
            where = f"{field}: " if field else ""
            raise FileFormatError(
                f"{where}unknown field{'s' if len(unknown) > 1 else ''} "
                f"{', '.join(map(repr, unknown))}; expected one of {', '.join(sorted(allowed))}",
                path=self.path,
            )

    def required(self, data: Mapping[str, Any], keys: list[str], field: str) -> None:
        missing = [k for k in keys if k not in data]
        if missing:
            where = f"{field}: " if field else ""
            raise FileFormatError(
                f"{where}missing required field{'s' if len(missing) > 1 else ''} "
                f"{', '.join(map(repr, missing))}",
                path=self.path,
            )

    def expression(self, value: Any, params: dict[str, Parameter], field: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(field, f"expected a number or expression text, found {value!r}")
        try:
            return parse_expression(value, params)
        except GameError as exc:
            raise self.fail(field, str(exc)) from None


def parse_model(text: str, path: str | None = None) -> Model:
    """Read a model from the text of a model file.

    Raises
    ------
    FileFormatError
        On TOML syntax errors (with the line), unknown or missing fields,
        wrong types, bad domains, unknown parameters and unsafe expressions.
    """
    from .model import Citation, Model

    reader = _Reader(path)
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

    params = _parameters(reader, data)

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
        game: Any = _normal_game(reader, game_data, params, title)
    elif kind == "sequential":
        game = _sequential_game(reader, game_data, params, title, description)
    elif kind == "continuous":
        from .model_continuous import _continuous_game

        game = _continuous_game(reader, game_data, params, title)
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


def _parameters(reader: _Reader, data: Mapping[str, Any]) -> dict[str, Parameter]:
    """The ``[[parameters]]`` of a model file's data, checked."""
    params: dict[str, Parameter] = {}
    for k, p in enumerate(reader.array(data.get("parameters", []), "parameters")):
        field = f"parameters[{k}]"
        p = reader.table(p, field)
        reader.known(p, {"name", "domain", "default", "description"}, field)
        reader.required(p, ["name", "domain"], field)
        pname = reader.text(p["name"], f"{field}.name")
        field = f"parameters[{k}] ({pname})"
        default = p.get("default")
        if isinstance(default, bool) or not (
            default is None or isinstance(default, int | float | str)
        ):
            raise reader.fail(f"{field}.default", f"expected a number, found {default!r}")
        try:
            param = Parameter(
                pname,
                reader.text(p["domain"], f"{field}.domain"),
                default,
                reader.text(p.get("description", ""), f"{field}.description"),
            )
        except GameError as exc:
            raise reader.fail(field, str(exc)) from None
        if pname in params:
            raise reader.fail(field, f"parameter {pname!r} is declared twice")
        params[pname] = param
    return params


def _normal_game(
    reader: _Reader, data: Mapping[str, Any], params: dict[str, Parameter], title: str
) -> NormalFormGame:
    from ..normal_form import NormalFormGame

    reader.known(data, {"type", "players", "strategies", "payoffs"}, "game")
    reader.required(data, ["players", "strategies", "payoffs"], "game")
    players = reader.players(data["players"])
    strategies = reader.array(data["strategies"], "game.strategies")
    if len(strategies) != len(players):
        raise reader.fail(
            "game.strategies",
            f"expected one list per player ({len(players)}), found {len(strategies)}",
        )
    labels = [
        [
            reader.text(s, f"game.strategies[{i}][{k}]")
            for k, s in enumerate(reader.array(row, f"game.strategies[{i}]"))
        ]
        for i, row in enumerate(strategies)
    ]
    shape = tuple(len(s) for s in labels)
    if any(m == 0 for m in shape):
        raise reader.fail("game.strategies", "every player needs at least one strategy")
    for i, row in enumerate(labels):
        if len(set(row)) != len(row):
            raise reader.fail(
                f"game.strategies[{i}]",
                f"strategy labels of {players[i]!r} must differ, found {row}",
            )
    index = [{s: k for k, s in enumerate(row)} for row in labels]
    arrays = [np.empty(shape, dtype=object) for _ in players]
    seen: set[tuple[int, ...]] = set()
    entries = reader.array(data["payoffs"], "game.payoffs")
    for k, entry in enumerate(entries):
        field = f"game.payoffs[{k}]"
        entry = reader.table(entry, field)
        reader.known(entry, {"profile", "payoffs"}, field)
        reader.required(entry, ["profile", "payoffs"], field)
        profile = reader.array(entry["profile"], f"{field}.profile")
        if len(profile) != len(players):
            raise reader.fail(
                f"{field}.profile", f"expected {len(players)} strategy labels, found {len(profile)}"
            )
        idx = []
        for i, label in enumerate(profile):
            if label not in index[i]:
                raise reader.fail(
                    f"{field}.profile",
                    f"{label!r} is not a strategy of {players[i]!r} ({', '.join(labels[i])})",
                )
            idx.append(index[i][label])
        key = tuple(idx)
        if key in seen:
            raise reader.fail(f"{field}.profile", f"profile {profile} is given twice")
        seen.add(key)
        values = reader.array(entry["payoffs"], f"{field}.payoffs")
        if len(values) != len(players):
            raise reader.fail(
                f"{field}.payoffs", f"expected {len(players)} payoffs, found {len(values)}"
            )
        for i, v in enumerate(values):
            arrays[i][key] = reader.expression(v, params, f"{field}.payoffs[{i}]")
    if len(seen) != int(np.prod(shape)):
        missing = next(p for p in np.ndindex(*shape) if p not in seen)
        raise reader.fail(
            "game.payoffs",
            f"profile {[labels[i][k] for i, k in enumerate(missing)]} has no payoffs "
            f"({len(seen)} of {int(np.prod(shape))} profiles given)",
        )
    try:
        return NormalFormGame(
            arrays, players=players, strategies=labels, parameters=params, title=title
        )
    except GameError as exc:
        raise reader.fail("game", str(exc)) from None


MAX_NODES = 200_000
"""Most nodes a sequential model file may declare."""


def _sequential_game(
    reader: _Reader,
    data: Mapping[str, Any],
    params: dict[str, Parameter],
    title: str,
    description: str,
) -> Any:
    from ..sequential import SequentialGame
    from .efg import MAX_DEPTH as MAX_TREE_DEPTH

    reader.known(data, {"type", "players", "root", "nodes"}, "game")
    reader.required(data, ["players", "root", "nodes"], "game")
    players = reader.players(data["players"])
    root = reader.text(data["root"], "game.root")
    nodes = reader.table(data["nodes"], "game.nodes")
    if len(nodes) > MAX_NODES:
        raise reader.fail("game.nodes", f"{len(nodes)} nodes: more than {MAX_NODES}")
    if root not in nodes:
        raise reader.fail("game.root", f"{root!r} is not a node in game.nodes")
    parent: dict[str, str] = {}

    def child(node_id: str, target: Any, field: str) -> str:
        target = reader.text(target, field)
        if target not in nodes:
            raise reader.fail(field, f"{target!r} is not a node in game.nodes")
        if target == root:
            raise reader.fail(field, f"{target!r} is the root; a tree cannot return to it")
        if target in parent:
            raise reader.fail(
                field,
                f"node {target!r} already follows {parent[target]!r}; every node has one parent",
            )
        parent[target] = node_id
        return target

    built: dict[str, dict[str, Any]] = {}
    links: dict[str, list[tuple[str, str]]] = {}
    for node_id, spec in nodes.items():
        field = f"game.nodes.{node_id}"
        spec = reader.table(spec, field)
        if "payoffs" in spec:
            reader.known(spec, {"payoffs", "label"}, field)
            values = reader.array(spec["payoffs"], f"{field}.payoffs")
            if len(values) != len(players):
                raise reader.fail(
                    f"{field}.payoffs", f"expected {len(players)} payoffs, found {len(values)}"
                )
            built[node_id] = {
                "payoffs": [
                    reader.expression(v, params, f"{field}.payoffs[{i}]")
                    for i, v in enumerate(values)
                ],
                "label": reader.text(spec.get("label", ""), f"{field}.label"),
            }
            links[node_id] = []
        elif "chance" in spec:
            reader.known(spec, {"chance", "label"}, field)
            outcomes = reader.table(spec["chance"], f"{field}.chance")
            if not outcomes:
                raise reader.fail(f"{field}.chance", "a chance node needs at least one outcome")
            probs = {}
            link = []
            for label, pair in outcomes.items():
                pair = reader.array(pair, f"{field}.chance.{label}")
                if len(pair) != 2:
                    raise reader.fail(
                        f"{field}.chance.{label}", "expected [probability, next node]"
                    )
                probs[label] = reader.expression(pair[0], params, f"{field}.chance.{label}[0]")
                link.append((label, child(node_id, pair[1], f"{field}.chance.{label}[1]")))
            built[node_id] = {
                "chance": probs,
                "label": reader.text(spec.get("label", ""), f"{field}.label"),
            }
            links[node_id] = link
        elif "player" in spec:
            reader.known(spec, {"player", "actions", "infoset", "label"}, field)
            reader.required(spec, ["actions"], field)
            player = reader.text(spec["player"], f"{field}.player")
            if player not in players:
                raise reader.fail(
                    f"{field}.player", f"{player!r} is not one of the players {players}"
                )
            actions = reader.table(spec["actions"], f"{field}.actions")
            if not actions:
                raise reader.fail(f"{field}.actions", "a decision node needs at least one action")
            link = [(a, child(node_id, t, f"{field}.actions.{a}")) for a, t in actions.items()]
            built[node_id] = {
                "player": player,
                "infoset": reader.text(spec["infoset"], f"{field}.infoset")
                if "infoset" in spec
                else None,
                "label": reader.text(spec.get("label", ""), f"{field}.label"),
            }
            links[node_id] = link
        else:
            raise reader.fail(
                field, "a node needs 'payoffs' (terminal), 'chance', or 'player' and 'actions'"
            )
    orphans = [n for n in nodes if n != root and n not in parent]
    if orphans:
        raise reader.fail(
            "game.nodes", f"node {orphans[0]!r} is not reachable from the root {root!r}"
        )
    # The solvers recurse along paths: bound the depth as the .efg reader does.
    depth = {root: 0}
    pending = [root]
    while pending:
        nid = pending.pop()
        for _label, sub in links.get(nid, ()):
            depth[sub] = depth[nid] + 1
            if depth[sub] > MAX_TREE_DEPTH:
                raise reader.fail(
                    "game.nodes",
                    f"node {sub!r} is more than MAX_TREE_DEPTH = {MAX_TREE_DEPTH} moves "
                    "below the root",
                )
            pending.append(sub)

    def assemble(node_id: str) -> Any:
        out: dict[str, Any] = {}
        order = [(node_id, out)]
        while order:
            nid, target = order.pop()
            spec = built[nid]
            target.update({k: v for k, v in spec.items() if k not in ("chance",)})
            if "chance" in spec:
                target["chance"] = {}
                for label, sub in links[nid]:
                    sub_out: dict[str, Any] = {}
                    target["chance"][label] = (spec["chance"][label], sub_out)
                    order.append((sub, sub_out))
            elif "player" in spec:
                target["actions"] = {}
                for label, sub in links[nid]:
                    sub_out = {}
                    target["actions"][label] = sub_out
                    order.append((sub, sub_out))
        return out

    try:
        return SequentialGame(
            assemble(root), players=players, parameters=params, title=title, description=description
        )
    except RecursionError:
        raise reader.fail("game", "the tree is nested too deeply to be built") from None
    except GameError as exc:
        raise reader.fail("game", str(exc)) from None


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
    # The continuous part of the format lives in model_continuous (it needs sympy at import).
    if name in ("FileContinuousGame", "MAX_CONTINUOUS_PLAYERS", "with_players"):
        from . import model_continuous

        return getattr(model_continuous, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
