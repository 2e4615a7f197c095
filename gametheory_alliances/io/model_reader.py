"""The parts of the model file reader that need no sympy: fields, parameters, games.

:mod:`gametheory_alliances.io.model_file` reads a whole model file with
them (payoffs as sympy expressions); :mod:`gametheory_alliances.io.model_numeric`
reads a catalogue model at bound values with the same structural checks
(payoffs evaluated exactly, without sympy); :mod:`gametheory_alliances.io.model_continuous`
reads continuous games.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import FileFormatError, GameError
from ..expressions import parse_expression
from ..parameters import Parameter

if TYPE_CHECKING:
    from ..normal_form import NormalFormGame

__all__ = ["MAX_NODES", "ModelReader", "normal_game", "read_parameters", "sequential_game"]


class ModelReader:
    """Reads the fields of a model file's data, naming the field in every error."""

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


def read_parameters(reader: ModelReader, data: Mapping[str, Any]) -> dict[str, Parameter]:
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


def normal_game(
    reader: ModelReader, data: Mapping[str, Any], params: dict[str, Parameter], title: str
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


def sequential_game(
    reader: ModelReader,
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
