"""The ``gta`` command line.

::

    gta solve GAME [--set NAME=VALUE ...] [--concept nash|pure|spe|pbe|sequential|correlated]
              [--refine intuitive|d1] [--mixed] [--exact] [--json]
    gta solve GAME --concept qre --lam L [--errors logit|probit] [--json]
    gta fit MODEL --data FILE.csv --estimate NAME [...] [--set ...] [--lam L] [--json]
    gta simulate MODEL --lam L --n N [--set ...] [--seed S] [--actions] [--out FILE.csv]
    gta conditions GAME_OR_MODEL [--concept nash|pure|spe] [--set ...] [--latex | --json]
                                [--outcome EXPR [--every] [--compare NAME=VALUE,...]]
                                [--derivative NAME]
    gta table MODEL [--grid NAME=START:STOP:NUM ...] [--set ...] [--columns A,B,...]
              [--out FILE] | --all
    gta plot MODEL [--x NAME=START:STOP:NUM --y NAME=START:STOP:NUM] [--set ...]
             [--method auto|numeric|regions] [--color-by equilibria|outcome|COLUMN]
             [--slider NAME=START:STOP:NUM] --out FILE.{png,svg,html}
    gta models                  list the model catalogue
    gta show MODEL              a model's parameters, domains, defaults and references
    gta show MODEL --latex [--set ...]
                                the game as LaTeX (istgame tree, booktabs tables, equations)
    gta examples [--json]       solve every game shipped in models/games
    gta check MODEL [--seed N] [--examples K]
                                check a model's declared claims (exit 1 if any fails)

``GAME`` is a game file (``.nfg``, ``.efg``, a model file ``.toml``) or the
name of a catalogue model. ``--set`` binds a parameter (values are read
exactly: ``0.3`` is 3/10; a comma list such as ``50,40`` gives a vector).
A model written for any number of allies takes its number from the vector
given (``--set w=60,50,40`` makes three) or from ``--set n=3``.
The default concept follows :func:`~gametheory_alliances.solvers.dispatch.default_concept`:
``spe`` for a tree (``pbe`` with incomplete information), ``nash`` for two
players and ``pure`` otherwise.

The module is one idea, the command line: argument parsing, the call into
the library and the text each command prints sit together so that every
command reports and fails the same way; the work itself is done by the
library.

Exit status: 0 on success; 2 on bad input (a malformed or missing file, an
unknown parameter, a value outside its domain, a game a solver does not
handle), with exactly one line ``gta: error: ...`` on standard error naming
the problem, and the file and line where there is one; 1 on an unexpected
failure (with a traceback only when the environment variable ``GTA_DEBUG``
is ``1``).

Examples
--------
>>> from gametheory_alliances.cli import main
>>> from gametheory_alliances.io import models_dir
>>> main(["solve", str(models_dir() / "games" / "prisoners-dilemma.nfg")])
Prisoner's Dilemma
  Row     Cooperate, Defect
  Column  Cooperate, Defect
<BLANKLINE>
Nash equilibria: 1 (vertex enumeration, exact arithmetic)
  #1  Row     Defect  payoff 1
      Column  Defect  payoff 1
0
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import textwrap
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn, TextIO

from .errors import FileFormatError, GameError, SolverError
from .game import Game, game_of

# The rest of the package (sympy, scipy, pandas, the solvers) is imported inside
# the commands that need it, so that ``gta --version`` and ``gta solve`` start quickly.

__all__ = ["main"]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

MAX_GRID_POINTS = 1_000_000
"""Most points a command-line grid (``gta table``, ``gta plot``) may have."""

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_GAME_SUFFIXES = (".nfg", ".efg", ".gbt", ".toml")
_CONCEPT_TITLES = {"nash": "Nash equilibria", "pure": "Pure-strategy Nash equilibria"}


class BadInput(GameError):
    """Bad input found by the command line itself (usage, arguments, missing files)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are exceptions, reported in one line by :func:`main`."""

    def error(self, message: str) -> NoReturn:
        raise BadInput(f"{message} (see '{self.prog} --help')")


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="gta",
        description="Bilateral military alliances as games: solve games and models.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"gta {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    solve = commands.add_parser(
        "solve",
        help="compute the equilibria of a game",
        description="Compute the equilibria of a game file or catalogue model.",
    )
    solve.add_argument(
        "game", metavar="GAME", help="a .nfg, .efg, .gbt or .toml file, or a model name"
    )
    solve.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=(
            "bind a parameter (exact: 0.3 is 3/10; a comma list for a vector, whose length "
            "sets the number of allies of a model that declares n, as does n=N); repeatable"
        ),
    )
    solve.add_argument(
        "--concept",
        choices=["nash", "pure", "spe", "pbe", "sequential", "correlated", "qre"],
        default=None,
        help="the solution concept: nash, pure, spe (subgame perfect, trees), pbe (perfect "
        "Bayesian, trees), sequential (Kreps-Wilson, trees), correlated, qre (quantal "
        "response, with --lam) (default: pbe for "
        "trees with incomplete information, spe for other trees, nash for two players, pure "
        "otherwise)",
    )
    solve.add_argument(
        "--refine",
        choices=["intuitive", "d1"],
        default=None,
        help="with --concept pbe: keep the equilibria that survive the Intuitive Criterion or "
        "D1 at every off-path information set reached by an informed player's deviation",
    )
    solve.add_argument(
        "--mixed",
        action="store_true",
        help="with --concept spe: the whole SPE set of a perfect-information tree, mixtures at "
        "ties included (extreme points of its pieces, with their conditions)",
    )
    solve.add_argument(
        "--lam", type=float, default=None, help="the precision of --concept qre (>= 0)"
    )
    solve.add_argument(
        "--errors",
        choices=["logit", "probit"],
        default="logit",
        help="the error distribution of --concept qre (default logit)",
    )
    solve.add_argument(
        "--exact",
        action="store_true",
        help="exact rational arithmetic (an error if the payoffs are not rational)",
    )
    solve.add_argument("--json", action="store_true", help="print one JSON object")
    solve.set_defaults(handler=_cmd_solve)

    fit = commands.add_parser(
        "fit",
        help="estimate a model's parameters from observed plays (QRE maximum likelihood)",
        description="Estimate parameters of a model from a CSV of plays (one row per play).",
    )
    fit.add_argument("model", metavar="MODEL", help="a model file or catalogue name")
    fit.add_argument("--data", required=True, metavar="FILE.csv", help="the plays")
    fit.add_argument(
        "--estimate",
        action="extend",
        nargs="+",
        required=True,
        metavar="NAME",
        help='parameters to estimate, or formulas such as "c_DD ~ 1 + capability"',
    )
    fit.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fix a parameter (others take their defaults); repeatable",
    )
    fit.add_argument("--lam", type=float, default=None, help="fix the precision (else estimated)")
    fit.add_argument("--errors", choices=["logit", "probit"], default="logit")
    fit.add_argument("--bootstrap", type=int, default=0, metavar="B", help="bootstrap refits")
    fit.add_argument("--seed", type=int, default=0)
    fit.add_argument("--json", action="store_true", help="print one JSON object")
    fit.set_defaults(handler=_cmd_fit)

    simulate = commands.add_parser(
        "simulate",
        help="draw plays of a model from its quantal response equilibrium (CSV)",
        description="Draw plays from the QRE in the format gta fit reads.",
    )
    simulate.add_argument("model", metavar="MODEL", help="a model file or catalogue name")
    simulate.add_argument("--lam", type=float, required=True, help="the precision")
    simulate.add_argument("--n", type=int, required=True, help="the number of plays")
    simulate.add_argument(
        "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE"
    )
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--errors", choices=["logit", "probit"], default="logit")
    simulate.add_argument(
        "--actions", action="store_true", help="one column per information set (or player)"
    )
    simulate.add_argument("--out", default=None, metavar="FILE.csv", help="write the CSV here")
    simulate.set_defaults(handler=_cmd_simulate)

    examples = commands.add_parser(
        "examples",
        help="solve every shipped example game",
        description="Solve every example game shipped in models/games and print its equilibria "
        "(Nash equilibria for two players, pure equilibria otherwise; sequential games "
        "through their reduced normal form).",
    )
    examples.add_argument("--json", action="store_true", help="print one JSON list")
    examples.set_defaults(handler=_cmd_examples)

    models = commands.add_parser(
        "models", help="list the model catalogue", description="List the catalogue's models."
    )
    models.set_defaults(handler=_cmd_models)

    show = commands.add_parser(
        "show",
        help="describe a model",
        description="A model's parameters, domains, defaults, assumptions and references.",
    )
    show.add_argument("model", metavar="MODEL", help="a catalogue name or a model file")
    show.add_argument(
        "--latex",
        action="store_true",
        help="print the game as LaTeX for a paper: an istgame tree (TikZ), booktabs tables or "
        "the payoff equations",
    )
    show.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="with --latex: bind a parameter to a value first (repeatable)",
    )
    show.set_defaults(handler=_cmd_show)

    conditions = commands.add_parser(
        "conditions",
        help="derive the equilibrium regions of a parameterised game in closed form",
        description="For every candidate equilibrium, its strategies in closed form and the "
        "exact region of parameter space where it is an equilibrium.",
    )
    conditions.add_argument("model", metavar="GAME_OR_MODEL", help="a model name or game file")
    conditions.add_argument(
        "--concept",
        choices=["nash", "pure", "spe"],
        default=None,
        help="nash (two players), pure (any number), spe (trees); default: spe for trees, "
        "nash for two-player normal-form games, pure otherwise",
    )
    conditions.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fix a parameter at an exact value, or tie it to an expression in the others "
        "(r_R=r_M), and derive the regions in the rest (repeatable)",
    )
    conditions.add_argument(
        "--outcome",
        metavar="EXPR",
        help="the region where some SPE's path satisfies EXPR: the model's outcome predicates "
        "joined by &, |, ~ and parentheses (one and the same SPE for the whole expression)",
    )
    conditions.add_argument(
        "--every",
        action="store_true",
        help="with --outcome: where every SPE satisfies EXPR",
    )
    conditions.add_argument(
        "--compare",
        metavar="NAME=VALUE,...",
        help="with --outcome: where EXPR holds with the model as set and not with these values "
        "or ties also set (what the design as set adds to this one)",
    )
    conditions.add_argument(
        "--derivative",
        metavar="NAME",
        help="comparative statics: the derivative of each equilibrium's strategies and payoffs "
        "and of each threshold with respect to NAME, with the regions of its sign",
    )
    _timeout_option(conditions)
    form = conditions.add_mutually_exclusive_group()
    form.add_argument("--latex", action="store_true", help="print LaTeX")
    form.add_argument("--json", action="store_true", help="print one JSON object")
    conditions.set_defaults(handler=_cmd_conditions)

    table = commands.add_parser(
        "table",
        help="equilibrium tables over a parameter grid",
        description="Sweep a model over a grid of parameter values (the cartesian product of "
        "the --grid axes; other parameters at --set values or their defaults) and write one row "
        "per grid point and equilibrium. With --all, regenerate the tables (and region maps) of "
        "every catalogue model at its declared default grid.",
    )
    table.add_argument("model", metavar="MODEL", nargs="?", help="a model name or model file")
    table.add_argument(
        "--grid",
        action="append",
        default=[],
        metavar="NAME=START:STOP:NUM",
        help="an axis of the grid (NUM evenly spaced exact values); repeatable; "
        "default: the model's declared grid",
    )
    table.add_argument("--set", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    table.add_argument(
        "--concept",
        choices=["nash", "pure", "spe", "pbe", "sequential"],
        default=None,
        help="default as gta solve: pbe for trees with incomplete information, spe for other "
        "trees, nash (two players) or pure for normal-form games",
    )
    table.add_argument(
        "--refine",
        choices=["intuitive", "d1"],
        default=None,
        help="with --concept pbe (the default for trees with incomplete information): keep the "
        "equilibria that survive the Intuitive Criterion or D1",
    )
    table.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE (.csv, .md, .tex or .parquet; with --all, a folder); "
        "default: Markdown on standard output (with --all: the folder 'tables')",
    )
    table.add_argument(
        "--columns",
        metavar="NAME,NAME,...",
        help="write only these columns, in this order (checked on the grid's first point "
        "before the sweep runs)",
    )
    table.add_argument(
        "--free-only",
        action="store_true",
        help="give columns only to the parameters of the --grid axes; the others (at --set "
        "values or defaults) are said once, in a first line (a '# ' comment in CSV, '% ' in "
        "LaTeX; not for .parquet)",
    )
    table.add_argument("--all", action="store_true", help="every catalogue model")
    table.add_argument(
        "--processes", type=int, default=None, metavar="N", help="local worker processes"
    )
    table.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask distributed scheduler")
    table.add_argument(
        "--method",
        choices=["auto", "numeric", "regions"],
        default="auto",
        help="decide the points by the numeric kernels or by the closed-form equilibrium "
        "regions (the same rows; default: auto, the numeric kernels)",
    )
    table.set_defaults(handler=_cmd_table)

    plot = commands.add_parser(
        "plot",
        help="a region map: which equilibria (or outcomes) hold where over a 2-D slice",
        description="Draw a region map over two parameters (others at --set values or "
        "defaults; without --x/--y the model's declared grid): from the closed-form regions "
        "at display resolution where the symbolic layer has them, else on the grid. "
        "--out FILE.html writes one self-contained interactive page.",
    )
    plot.add_argument("model", metavar="MODEL")
    plot.add_argument("--x", metavar="NAME=START:STOP:NUM")
    plot.add_argument("--y", metavar="NAME=START:STOP:NUM")
    plot.add_argument("--set", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    plot.add_argument("--concept", choices=["nash", "pure", "spe"], default=None)
    plot.add_argument(
        "--method",
        choices=["auto", "numeric", "regions"],
        default="auto",
        help="closed-form regions at display resolution, or the numeric grid (default: auto, "
        "the closed forms where there are some)",
    )
    plot.add_argument(
        "--color-by",
        dest="color_by",
        default="equilibria",
        metavar="equilibria|outcome|COLUMN",
        help="colour by the equilibria (default), by the model's outcome predicates, or by a "
        "column of the sweep table",
    )
    plot.add_argument(
        "--slider",
        metavar="NAME=START:STOP:NUM",
        help="(.html only) a third parameter moved by a slider, one frame per value",
    )
    plot.add_argument("--out", required=True, metavar="FILE.png|FILE.svg|FILE.html")
    _timeout_option(plot)
    plot.set_defaults(handler=_cmd_plot)

    check = commands.add_parser(
        "check",
        help="check a model's declared claims as properties over its parameter space",
        description="Run every claim declared in a model file as a hypothesis property over "
        "the model's parameter space and print which hold; for each that fails, the shrunk "
        "counterexample and the equilibria there. Exit status 0 when all hold, 1 otherwise.",
    )
    check.add_argument("model", metavar="MODEL", help="a catalogue name or a model file")
    check.add_argument(
        "--seed", type=int, default=0, metavar="N", help="seed of the search (default 0)"
    )
    check.add_argument(
        "--examples",
        type=int,
        default=100,
        metavar="K",
        help="parameter points (or pairs) tried per claim (default 100)",
    )
    check.set_defaults(handler=_cmd_check)
    return parser


def _timeout_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop the symbolic work after SECONDS with an error naming the largest payoff "
        "(default: the environment variable GTA_SYMBOLIC_SECONDS, else 120)",
    )


# -- input ---------------------------------------------------------------------------


def parse_settings(settings: Sequence[str]) -> dict[str, Any]:
    """The ``--set NAME=VALUE`` options as ``{name: value}``, values exact.

    A comma list gives a tuple (a vector parameter). A value that is not a
    number but an expression in parameters ties the parameter to it
    (``r_R=r_M``, ``r_R=2*r_M``; :mod:`gametheory_alliances.ties`) and is kept
    as text, for the model to read.

    Examples
    --------
    >>> parse_settings(["k_P=0.3", "w=50,40", "r_R=2*r_M"])
    {'k_P': Fraction(3, 10), 'w': (50, 40), 'r_R': '2*r_M'}
    """
    from .io.nfg import parse_number

    values: dict[str, Any] = {}
    for item in settings:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not _NAME.fullmatch(name):
            raise BadInput(f"--set {item!r}: expected NAME=VALUE, such as --set c=0.5")
        if name in values:
            raise BadInput(f"--set gives a value for {name!r} twice")
        text = text.strip()
        if _is_tie_text(text):
            values[name] = text
            continue
        try:
            if "," in text:
                values[name] = tuple(
                    parse_number(part.strip(), f"--set {name}: value") for part in text.split(",")
                )
            else:
                values[name] = parse_number(text, f"--set {name}: value")
        except ValueError as exc:
            raise BadInput(str(exc)) from None
    return values


def _is_tie_text(text: str) -> bool:
    """Whether ``--set`` text is an expression in parameters (a tie) rather than numbers."""
    from .io.nfg import parse_number

    if not re.search(r"[A-Za-z_]", text) or (
        re.fullmatch(r"[\s+\-\d./eE,]*", text) and re.search(r"\d", text)
    ):
        return False  # numbers (with exponents): refused, if at all, with the number's message
    if text.lstrip("+-").strip().lower() in ("nan", "inf", "infinity"):
        return False  # refused as numbers, with the number's message
    try:
        for part in text.split(","):
            parse_number(part.strip(), "value")
    except ValueError:
        return True
    return False


def load_game(spec: str) -> Any:
    """A game or model from a path, or else from the catalogue by name."""
    from .io import read_game

    path = Path(spec)
    if path.is_dir():
        raise BadInput(f"{spec}: is a directory, expected a game file")
    if path.exists():
        return read_game(path)
    if path.suffix.lower() in _GAME_SUFFIXES or "/" in spec or os.sep in spec:
        raise BadInput(f"{spec}: no such file")
    from .catalogue import load_model

    try:
        return load_model(spec)
    except FileFormatError:
        raise
    except GameError as exc:
        if path.suffix or Path(spec).name != spec:
            raise
        raise BadInput(f"{spec}: no such file, and no such catalogue model ({exc})") from None


def _catalogue_game_at(spec: str, values: dict[str, Any]) -> Any | None:
    """A catalogue model bound to rational values, read without sympy, or ``None``.

    ``gta solve MODEL --set ...`` of a normal-form catalogue model then starts
    as quickly as a game read from a ``.nfg`` file. ``None`` (a path, values
    or payoffs that need the symbolic reader, any error) means the full path,
    which gives the same game or the error; see
    :mod:`gametheory_alliances.io.model_numeric`.
    """
    if Path(spec).exists():
        return None
    from .io.model_numeric import catalogue_game_at

    return catalogue_game_at(spec, values)


def sized(game: Any, values: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """A model resized for the number of allies ``--set`` asks for (``n=3``, ``w=60,50,40``).

    See :meth:`Model.sized`; any other game comes back as it is.
    """
    if isinstance(game, Game):
        return game, values
    from .io.model import Model

    if isinstance(game, Model):
        return game.sized(values)
    return game, values


def bind(game: Any, values: dict[str, Any]) -> Any:
    """The numeric game: parameters bound to ``values`` (others at their defaults)."""
    if isinstance(game, Game):
        return game.at(**values)
    from .io.model import Model

    if isinstance(game, Model):
        return game.at(**values)
    if values:
        raise BadInput(f"--set {', '.join(values)}: this game has no parameters")
    return game


# -- formatting ------------------------------------------------------------------------


def _num(x: Any) -> str:
    if isinstance(x, Fraction | int):
        return str(x)
    return f"{float(x) + 0.0:.6g}"


def _header(game: Any) -> list[str]:
    lines = [game.title or "Untitled game"]
    width = max(len(p) for p in game.players)
    lines += [
        f"  {p:<{width}}  {', '.join(s)}"
        for p, s in zip(game.players, game.strategies, strict=True)
    ]
    return lines


def format_result(result: Any, concept: str) -> str:
    """A solver result as a readable table (labelled strategies, payoffs, notes)."""
    from .labels import mix_text

    game = result.game
    lines = _header(game)
    arithmetic = "exact arithmetic" if result.exact else "floating point"
    count = len(result) if len(result) else "none"
    lines += [
        "",
        f"{_CONCEPT_TITLES.get(concept, concept)}: {count} ({result.method}, {arithmetic})",
    ]
    width = max(len(p) for p in game.players)
    rows = []
    for eq in result:
        probs = eq.exact_strategies if eq.exact_strategies is not None else eq.strategies
        pays = eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs
        rows.append(
            [
                (mix_text(labels, p), _num(v))
                for labels, p, v in zip(game.strategies, probs, pays, strict=True)
            ]
        )
    mix_width = max((len(m) for row in rows for m, _ in row), default=0)
    tag_width = len(f"#{len(rows)}")
    for k, (eq, row) in enumerate(zip(result, rows, strict=True), start=1):
        for i, (player, (mix, pay)) in enumerate(zip(game.players, row, strict=True)):
            tag = f"#{k}" if i == 0 else ""
            lines.append(
                f"  {tag:<{tag_width}}  {player:<{width}}  {mix:<{mix_width}}  payoff {pay}"
            )
        if eq.component_size > 1:
            lines.append(
                f"  {'':<{tag_width}}  (an extreme point of component {eq.component}, "
                f"which has {eq.component_size} extreme points)"
            )
    if result.notes:
        lines += ["", "Notes:"]
        lines += [f"  - {note}" for note in result.notes]
    return "\n".join(lines)


def _profiles(ce: Any) -> list[tuple[tuple[int, ...], Any, float]]:
    """The profiles with positive probability: (profile, exact or float, float)."""
    exact = ce.exact_distribution
    out = []
    for profile in ce.support:
        p = exact[profile] if exact is not None else float(ce.distribution[profile])
        out.append((profile, p, float(ce.distribution[profile])))
    return out


def format_correlated(ce: Any) -> str:
    """A correlated equilibrium as a readable table."""
    game = ce.game
    lines = _header(game)
    arithmetic = "exact arithmetic" if ce.exact_distribution is not None else "floating point"
    value = ce.exact_objective_value if ce.exact_objective_value is not None else ce.objective_value
    goal = "maximising" if ce.maximize else "minimising"
    lines += ["", f"Correlated equilibrium {goal} {ce.objective}: {_num(value)} ({arithmetic})"]
    rows = [
        (_num(p), ", ".join(game.strategies[i][k] for i, k in enumerate(prof)))
        for prof, p, _ in _profiles(ce)
    ]
    width = max(len("probability"), *(len(p) for p, _ in rows))
    lines.append(f"  {'probability':<{width}}  {', '.join(game.players)}")
    lines += [f"  {p:<{width}}  {labels}" for p, labels in rows]
    pays = ce.exact_payoffs if ce.exact_payoffs is not None else ce.payoffs
    lines.append(
        "  payoffs: " + ", ".join(f"{p} {_num(v)}" for p, v in zip(game.players, pays, strict=True))
    )
    if ce.notes:
        lines += ["", "Notes:"]
        lines += [f"  - {note}" for note in ce.notes]
    return "\n".join(lines)


def correlated_to_dict(ce: Any) -> dict[str, Any]:
    """The JSON object of ``gta solve --concept correlated --json``."""
    game = ce.game
    profiles = _profiles(ce)
    out: dict[str, Any] = {
        "title": game.title,
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "concept": "correlated",
        "objective": ce.objective,
        "maximize": bool(ce.maximize),
        "objective_value": float(ce.objective_value),
        "distribution": [
            {
                "profile": [game.strategies[i][k] for i, k in enumerate(prof)],
                "probability": f,
            }
            for prof, _, f in profiles
        ],
        "payoffs": [float(v) for v in ce.payoffs],
    }
    if ce.exact_distribution is not None and ce.exact_payoffs is not None:
        out["exact"] = {
            "distribution": [str(p) for _, p, _ in profiles],
            "payoffs": [str(v) for v in ce.exact_payoffs],
            "objective_value": str(ce.exact_objective_value),
        }
    if ce.notes:
        out["notes"] = list(ce.notes)
    return out


# -- commands ----------------------------------------------------------------------------


def _certified(result: Any, what: str) -> None:
    """Refuse to print an equilibrium that fails its own best-response check."""
    items = list(result) if isinstance(result, Sequence) else [result]
    for k, eq in enumerate(items, start=1):
        if not eq.certify():
            raise RuntimeError(f"{what} #{k} failed its best-response check: {eq!r}")


def solve(
    game: Any,
    concept: str | None,
    exact: bool,
    *,
    refine: str | None = None,
    mixed: bool = False,
) -> tuple[str, Any]:
    """Run the solver of ``concept`` (default by the kind of game) on a numeric game.

    The solver is chosen by :func:`~gametheory_alliances.solvers.dispatch.solve`;
    a continuous game is solved here by :func:`solve_continuous`. ``refine``
    (``--refine``) applies to ``pbe`` only, ``mixed`` (``--mixed``) to ``spe``.
    """
    from .solvers.dispatch import default_concept
    from .solvers.dispatch import solve as solve_for

    if game.kind == "continuous":
        if concept not in (None, "nash"):
            raise BadInput(f"--concept {concept}: a continuous game is solved for nash only")
        if exact:
            raise BadInput("--exact: continuous games report exact levels where they are rational")
        return "continuous", solve_continuous(game)
    if concept is None:
        concept = default_concept(game)
    if refine is not None and concept != "pbe":
        raise BadInput(f"--refine {refine} applies to --concept pbe, not {concept}")
    if mixed and concept != "spe":
        raise BadInput(f"--mixed applies to --concept spe, not {concept}")
    try:
        result = solve_for(game, concept, exact=True if exact else None, refine=refine, mixed=mixed)
    except SolverError as exc:
        # A concept that does not apply is refused as the option it came from.
        message, refused = str(exc), f"concept {concept!r} "
        if message.startswith(refused):
            raise BadInput(f"--concept {concept} {message[len(refused) :]}") from None
        raise
    if concept in ("spe", "pbe", "sequential") and exact and not result.exact:
        raise BadInput("--exact needs rational payoffs and probabilities")
    if concept == "correlated" and exact and result.exact_distribution is None:
        if not result.game.is_exact:
            raise BadInput("--exact needs rational payoffs; this game has floating-point payoffs")
        raise BadInput("--exact: the exact correlated equilibrium could not be recovered")
    _certified(result, "equilibrium")
    return concept, result


def solve_continuous(game: Any) -> dict[str, Any]:
    """The Nash equilibria of a numeric continuous game, as JSON-ready data.

    The closed-form candidates of :func:`~gametheory_alliances.continuous.solve_symbolic`
    that hold at the game's values are reported (exact where the values are
    rational); when there is none (no closed form), one equilibrium found by
    iterated best responses is reported instead.
    """
    import sympy

    from .solvers.first_order import solve_numeric
    from .symbolic.continuous import solve_symbolic

    if not game.is_numeric:
        raise BadInput("the continuous game has unbound parameters: give them with --set")
    result = solve_symbolic(game)
    found = [s for s in result if s.region.condition is sympy.true]
    uppers = [hi for _, hi in game.bounds]
    equilibria = []
    if found:
        method = "first-order conditions, closed form"
        concave = all(s.concave for s in found)
        for s in found:
            levels = list(s.strategies)
            rational = all(v.is_Rational for v in levels)
            equilibria.append(
                (
                    [float(v) for v in levels],
                    [float(u) for u in s.payoffs],
                    [str(v) for v in levels] if rational else None,
                )
            )
    else:
        method = "iterated best responses"
        numeric = solve_numeric(game)
        if not numeric.converged:
            raise BadInput("iterated best responses did not converge for this game")
        concave = False
        equilibria.append((list(numeric.strategies), list(numeric.payoffs), None))
    out = []
    for levels, payoffs, exact in equilibria:
        burdens = [
            level / float(hi) if hi is not None and float(hi) > 0 else None
            for level, hi in zip(levels, uppers, strict=True)
        ]
        entry: dict[str, Any] = {
            "strategies": levels,
            "burdens": burdens,
            "total": sum(levels),
            "payoffs": payoffs,
        }
        if exact is not None:
            entry["exact"] = {
                "strategies": exact,
                "total": str(sum((sympy.Rational(x) for x in exact), sympy.S.Zero)),
            }
        out.append(entry)
    return {
        "title": game.title,
        "players": list(game.players),
        "variables": [str(v) for v in game.variables],
        "concept": "nash",
        "method": method,
        "sufficient": concave,
        "equilibria": out,
        **({"notes": list(result.notes)} if result.notes else {}),
    }


def format_continuous(data: dict[str, Any]) -> str:
    """Readable text of :func:`solve_continuous`'s data: levels, burdens, total."""
    lines = [data["title"] or "Untitled game", ""]
    count = len(data["equilibria"])
    lines.append(f"Nash equilibria: {count} ({data['method']})")
    names = [f"{p} ({v})" for p, v in zip(data["players"], data["variables"], strict=True)]
    width = max(len(n) for n in [*names, "total"])
    for k, eq in enumerate(data["equilibria"], start=1):
        exact = eq.get("exact", {}).get("strategies")
        lines.append(
            f"  #{k:<2} {'ally':<{width}}  {'level':>12}  {'burden (level/upper bound)':>26}  payoff"
        )
        for i in range(len(data["players"])):
            level = exact[i] if exact else _num(eq["strategies"][i])
            burden = eq["burdens"][i]
            btext = "-" if burden is None else _num(burden)
            name = names[i]
            lines.append(
                f"      {name:<{width}}  {level:>12}  {btext:>26}  {_num(eq['payoffs'][i])}"
            )
        total = eq["exact"]["total"] if exact else _num(eq["total"])
        lines.append(f"      {'total':<{width}}  {total:>12}")
    if not data["sufficient"]:
        lines += [
            "",
            "Note: concavity in own levels was not proven; check second-order conditions.",
        ]
    for note in data.get("notes", []):
        lines.append(f"Note: {note}")
    return "\n".join(lines)


def format_spe(result: Any) -> str:
    """Readable text of the subgame-perfect equilibria of a tree."""
    from .labels import mix_text, path_text

    game = result.game
    lines = [game.title] if game.title else []
    lines.append(f"Subgame-perfect equilibria: {len(result)}")
    for k, eq in enumerate(result, start=1):
        path = path_text(eq.path_steps, sep=" > ") or "(the root is terminal)"
        lines.append(f"  #{k}  path: {path}")
        for label, choice in eq.choices().items():
            text = (
                choice if isinstance(choice, str) else mix_text(list(choice), list(choice.values()))
            )
            lines.append(f"      {label}: {text}")
        pay = eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs
        lines.append(
            "      payoffs: "
            + ", ".join(f"{p} {_num(v)}" for p, v in zip(game.players, pay, strict=True))
        )
    pieces = getattr(result, "pieces", ())
    if pieces:
        lines += ["", "Pieces of the SPE set (mixtures at ties):"]
        for k, piece in enumerate(pieces, start=1):
            names = ", ".join(
                f"{var} = Pr({action} at {label})"
                for var, (label, action) in piece.variables.items()
            )
            listed = piece.vertices if piece.polyhedral else piece.points
            lines.append(
                f"  piece {k}: {piece.note}; listed equilibria "
                + ", ".join(f"#{i + 1}" for i in listed)
            )
            lines.append(f"      condition: {piece.condition}")
            if names:
                lines.append(f"      where {names}")
    notes = getattr(result, "notes", ())
    if notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in notes]
    return "\n".join(lines)


def _belief_text(nodes: list[dict[str, Any]]) -> str:
    """A set of supporting beliefs (its extreme points) in words."""
    names = list(nodes[0])
    if len(names) == 2:
        firsts = sorted(_exact_or_float(v[names[0]]) for v in nodes)
        lo, hi = _num(firsts[0]), _num(firsts[-1])
        return f"Pr({names[0]}) = {lo}" if lo == hi else f"Pr({names[0]}) in [{lo}, {hi}]"
    points = ["(" + ", ".join(_num(_exact_or_float(v[n])) for n in names) + ")" for v in nodes]
    more = " and mixtures" if len(points) > 1 else ""
    return f"over ({', '.join(names)}): " + " or ".join(points) + more


def _exact_or_float(x: Any) -> Any:
    return Fraction(x) if isinstance(x, str) else x


def format_pbe(data: dict[str, Any], result: Any) -> str:
    """Readable text of perfect Bayesian equilibria (of any tree), from their JSON form.

    For each equilibrium: its path, the behaviour at every information set,
    the supporting beliefs at the off-path sets, payoffs, outcomes and, for a
    refined result, the restriction imposed; exact fractions where the game
    is rational.
    """
    from .labels import mix_text, path_text

    lines = [data["title"]] if data.get("title") else []
    players = data["players"]
    arithmetic = "exact arithmetic" if result.exact else "floating point"
    refinement = data.get("refinement")
    name = "Sequential" if data.get("concept") == "sequential" else "Perfect Bayesian"
    head = f"{name} equilibria: {len(data['equilibria']) or 'none'}"
    if refinement:
        head += f" surviving {'the Intuitive Criterion' if refinement == 'intuitive' else 'D1'}"
        head += f" ({data['eliminated']} eliminated)"
    lines.append(f"{head} ({result.method}, {arithmetic})")
    if data.get("enumerated"):
        lines.append(f"  enumerated: {data['enumerated']}")
    for k, eq in enumerate(data["equilibria"], start=1):
        shown = eq.get("exact", eq)
        steps = zip(eq["path"], eq.get("path_by_chance", [False] * len(eq["path"])), strict=True)
        lines.append(
            f"  #{k}  path: {path_text(list(steps), sep=' > ') or '(the root is terminal)'}"
        )
        if "classification" in eq:
            lines.append(f"      {eq['classification']}")
        for label, probs in shown["behaviour"].items():
            text = mix_text(list(probs), [_exact_or_float(p) for p in probs.values()])
            lines.append(f"      {label}: {text}")
        for label, belief in shown["beliefs"].items():
            if isinstance(belief, list) and len(belief[0]) > 1:
                lines.append(f"      belief at {label} (off the path): {_belief_text(belief)}")
        lines.append(
            "      payoffs: "
            + ", ".join(
                f"{p} {_num(_exact_or_float(v))}"
                for p, v in zip(players, shown["payoffs"], strict=True)
            )
        )
        lines.append(
            "      outcomes: "
            + ", ".join(f"{o} {_num(_exact_or_float(p))}" for o, p in shown["outcomes"].items())
        )
        for r in eq.get("refinement", []):
            excluded = (
                ", ".join(
                    f"{t} ({why})" for t, why in zip(r["excluded"], r["reasons"], strict=True)
                )
                or "no type"
            )
            lines.append(f"      restricted at {r['infoset']}: excluded {excluded}")
    if data.get("notes"):
        lines += ["", "Notes:"] + [f"  - {n}" for n in data["notes"]]
    return "\n".join(lines)


def _report(concept: str, result: Any, game: Any) -> tuple[str, dict[str, Any]]:
    """The text and the JSON object of a result; ``game`` is the game that was solved."""
    if concept == "continuous":
        return format_continuous(result), result
    if concept == "correlated":
        return format_correlated(result), correlated_to_dict(result)
    if concept == "spe":
        return format_spe(result), {"title": result.game.title, **result.to_dict("spe")}
    if concept in ("pbe", "sequential"):
        data = {"title": getattr(result.game, "title", ""), **result.to_dict()}
        return format_pbe(data, result), data
    tree = game_of(game)
    if tree.is_tree:
        # The equilibria of the reduced strategic form, translated back to the tree (the tree
        # modules are loaded only here: a normal-form game does not need them).
        from .sequential import SequentialGame
        from .signalling import SignallingGame
        from .solvers.tree_json import reduced_form_json

        if isinstance(tree, SignallingGame):
            tree = tree.game
        assert isinstance(tree, SequentialGame)
        data = {"title": tree.title, **reduced_form_json(tree, result, concept)}
    else:
        data = {"title": result.game.title, **result.to_dict(concept)}
    return format_result(result, concept), data


def _cmd_solve(args: argparse.Namespace, out: TextIO) -> int:
    values = parse_settings(args.settings)
    game = _catalogue_game_at(args.game, values)
    if game is None:
        game = bind(load_game(args.game), values)
    if args.concept == "qre" or args.lam is not None:
        return _solve_qre(game, args, out)
    concept, result = solve(game, args.concept, args.exact, refine=args.refine, mixed=args.mixed)
    text, data = _report(concept, result, game)
    if args.json:
        out.write(json.dumps(data, indent=2) + "\n")
    else:
        out.write(text + "\n")
    return EXIT_OK


def _solve_qre(game: Any, args: argparse.Namespace, out: TextIO) -> int:
    """``gta solve --concept qre --lam L``: one quantal response equilibrium."""
    from .solvers.dispatch import solve as solve_for

    if args.concept != "qre":
        raise BadInput("--lam is the precision of --concept qre")
    if args.lam is None:
        raise BadInput("--concept qre needs --lam L (the precision, >= 0)")
    if args.exact:
        raise BadInput("--exact: a quantal response equilibrium is computed in floating point")
    if game.kind == "continuous":
        raise BadInput("--concept qre: a continuous game has no quantal response equilibrium here")
    result = solve_for(game, "qre", lam=args.lam, errors=args.errors)
    if not result[0].certify():
        raise RuntimeError(f"the QRE failed its fixed-point check: {result[0]!r}")
    title = getattr(game_of(game), "title", "")
    if args.json:
        out.write(json.dumps({"title": title, **result.to_dict()}, indent=2) + "\n")
    else:
        out.write((title + "\n" if title else "") + result.text() + "\n")
    return EXIT_OK


def _cmd_fit(args: argparse.Namespace, out: TextIO) -> int:
    from .estimation import fit

    result = fit(
        load_game(args.model),
        args.data,
        estimate=args.estimate,
        fixed=parse_settings(args.settings),
        lam=args.lam,
        bootstrap=args.bootstrap,
        seed=args.seed,
        errors=args.errors,
    )
    if args.json:
        out.write(json.dumps(result.to_dict(), indent=2) + "\n")
    else:
        out.write(result.summary() + "\n")
    return EXIT_OK


def _cmd_simulate(args: argparse.Namespace, out: TextIO) -> int:
    from .estimation import simulate

    values = parse_settings(args.settings)
    vectors = [k for k, v in values.items() if isinstance(v, tuple)]
    if vectors:
        raise BadInput(f"--set {vectors[0]}: gta simulate takes one number per parameter")
    rows = simulate(
        load_game(args.model),
        values,
        lam=args.lam,
        n=args.n,
        seed=args.seed,
        actions=args.actions,
        errors=args.errors,
        out=args.out,
    )
    if args.out is None:
        header: list[str] = []
        for row in rows:
            header.extend(c for c in row if c not in header)
        import csv

        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return EXIT_OK


def _cmd_examples(args: argparse.Namespace, out: TextIO) -> int:
    from .io import models_dir, read_game

    folder = models_dir() / "games"
    paths = sorted([*folder.glob("*.nfg"), *folder.glob("*.efg")], key=lambda p: p.name)
    if not paths:
        raise BadInput(f"no example games (*.nfg, *.efg) found in {folder}")
    blocks = []
    records = []
    for path in paths:
        game = read_game(path)
        concept, result = solve(game, None, exact=False)
        text, data = _report(concept, result, game)
        records.append({"file": path.name, **data})
        about = getattr(game, "description", "")
        wrapped = textwrap.fill(about, width=88, initial_indent="  ", subsequent_indent="  ")
        blocks.append(f"== {path.name} ==\n" + (wrapped + "\n\n" if about else "") + text)
    if args.json:
        out.write(json.dumps(records, indent=2) + "\n")
    else:
        out.write("\n\n".join(blocks) + "\n")
    return EXIT_OK


def _cmd_models(args: argparse.Namespace, out: TextIO) -> int:
    from .catalogue import list_models

    entries = list_models()
    width = max((len(name) for name, _ in entries), default=0)
    for name, title in entries:
        out.write(f"{name:<{width}}  {title}\n")
    return EXIT_OK


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from .io.model import Model

    model = load_game(args.model)
    if not isinstance(model, Model):
        raise BadInput(f"{args.model}: not a model (a catalogue name or a .toml model file)")
    if args.latex:
        from .latex import to_latex

        settings = parse_settings(args.settings)
        subject = model.fix(**settings) if settings else model
        out.write(to_latex(subject) + "\n")
        return EXIT_OK
    if args.settings:
        raise BadInput("gta show: --set goes with --latex (to bind parameters in the LaTeX)")
    out.write(model.describe() + "\n")
    return EXIT_OK


def _cmd_conditions(args: argparse.Namespace, out: TextIO) -> int:
    from .symbolic.deadline import deadline_seconds, symbolic_deadline

    seconds = deadline_seconds(args.timeout)
    game = load_game(args.model)
    with symbolic_deadline(seconds, f"gta conditions {args.model}", game):
        return _conditions(game, args, out)


def _conditions(game: Any, args: argparse.Namespace, out: TextIO) -> int:
    from .io.model import Model
    from .symbolic import equilibrium_regions

    fixed = parse_settings(args.settings)
    if args.outcome is None and (args.every or args.compare is not None):
        raise BadInput(f"{'--every' if args.every else '--compare'} needs --outcome EXPR")
    if args.outcome is not None and args.derivative is not None:
        raise BadInput("--outcome and --derivative: give one question at a time")
    if args.outcome is not None:
        return _outcome_conditions(game, fixed, args, out)
    if args.derivative is not None:
        return _derivative_conditions(game, fixed, args, out)
    if fixed:
        from .io.model import fix_parameters

        full = game
        game = game.fix(**fixed) if isinstance(game, Model) else fix_parameters(game, fixed)
    inner = game_of(game)
    if inner.kind == "continuous":
        return _continuous_conditions(game, inner, args, out)
    concept = args.concept
    if concept is None:
        from .solvers.dispatch import default_concept

        # The regions are derived for these concepts only (no closed forms of PBE of trees).
        concept = default_concept(inner, among=("nash", "pure", "spe"))
    result = equilibrium_regions(game, concept=concept)
    outcomes = None
    if concept == "spe" and getattr(game, "outcomes", None) is not None:
        from .symbolic.predicates import credibility_conditions, outcome_regions

        outcomes = (
            credibility_conditions(game),
            outcome_regions(full, fixed) if fixed else outcome_regions(game),
        )
    free = [name for name in result.parameters if name not in fixed]
    if args.json:
        data = result.to_dict()
        if fixed:
            # Fixed parameters are said once, not listed among the free ones.
            data["parameters"] = free
            data["fixed"] = {name: str(value) for name, value in fixed.items()}
        if outcomes is not None:
            import sympy

            data["credibility"] = [
                {"infoset": h, "action": a, "condition": sympy.sstr(r.condition)}
                for (h, a), r in outcomes[0].items()
            ]
            data["outcomes"] = {n: sympy.sstr(r.condition) for n, r in outcomes[1].items()}
        out.write(json.dumps(data, indent=2) + "\n")
    elif args.latex:
        out.write(result.latex() + "\n")
    else:
        title = getattr(game, "title", "") or getattr(inner, "title", "")
        names = ", ".join(free) or "none"
        header = f"{title}\nParameters: {names}\n"
        if fixed:
            header += "Fixed: " + ", ".join(f"{k} = {v}" for k, v in fixed.items()) + "\n"
        header += f"Concept: {concept}\n"
        out.write(header + "\n" + str(result) + "\n")
        if outcomes is not None:
            lines = ["", "Credibility (played in some SPE of the subgame it starts):"]
            lines += [f"  {h}: {a} iff {r}" for (h, a), r in outcomes[0].items()]
            lines += ["", "Outcomes (where some SPE has the outcome):"]
            lines += [f"  {n}: {r}" for n, r in outcomes[1].items()]
            out.write("\n".join(lines) + "\n")
    return EXIT_OK


def _outcome_conditions(
    game: Any, fixed: dict[str, Any], args: argparse.Namespace, out: TextIO
) -> int:
    """``gta conditions --outcome EXPR [--every] [--compare ...]``: one outcome query."""
    import sympy

    from .io.model import Model
    from .symbolic.queries import compare_designs, outcome_region

    if not isinstance(game, Model) or getattr(game, "outcomes", None) is None:
        raise BadInput(
            f"--outcome: {args.model} declares no outcome predicates ([outcomes] in its model file)"
        )
    quantifier = "every" if args.every else "some"
    if args.compare is not None:
        other = parse_settings([part for part in args.compare.split(",") if part.strip()])
        if not other:
            raise BadInput("--compare: expected NAME=VALUE,..., such as --compare r_M=0,r_R=0")
        region = compare_designs(game, args.outcome, fixed, {**fixed, **other}, quantifier)
    else:
        region = outcome_region(game, args.outcome, quantifier, fixed)
    if args.json:
        data = {
            "outcome": args.outcome,
            "quantifier": quantifier,
            "condition": sympy.sstr(region.condition),
        }
        out.write(json.dumps(data, indent=2) + "\n")
    elif args.latex:
        out.write(region.latex() + "\n")
    else:
        title = game.title
        names = ", ".join(region.free_parameters) or "none"
        what = f"{args.outcome} in {quantifier} SPE"
        if args.compare is not None:
            what += f", and not with {args.compare}"
        out.write(f"{title}\nParameters: {names}\nOutcome: {what}\n\n{region}\n")
    return EXIT_OK


def _derivative_conditions(
    game: Any, fixed: dict[str, Any], args: argparse.Namespace, out: TextIO
) -> int:
    """``gta conditions --derivative NAME``: comparative statics."""
    from .symbolic.statics import derivatives

    result = derivatives(game, args.derivative, fixed or None, concept=args.concept)
    if args.json:
        out.write(json.dumps(result.to_dict(), indent=2) + "\n")
    elif args.latex:
        import sympy

        rows = []
        for d in result:
            label = f"{d.equilibrium} {d.quantity}".strip().replace("_", r"\_")
            by = sympy.latex(sympy.Symbol(d.parameter))
            rows.append(
                rf"\text{{{label}}}: & \frac{{\partial}}{{\partial {by}}} "
                rf"{sympy.latex(d.expression)} = {sympy.latex(d.derivative)}"
            )
        body = " \\\\\n".join(rows) if rows else "\\text{no dependence}"
        out.write("\\begin{aligned}\n" + body + "\n\\end{aligned}\n")
    else:
        title = getattr(game, "title", "") or getattr(game_of(game), "title", "")
        out.write(f"{title}\nDerivatives with respect to {args.derivative}\n\n{result}\n")
    return EXIT_OK


def _continuous_conditions(game: Any, inner: Any, args: argparse.Namespace, out: TextIO) -> int:
    """``gta conditions`` of a continuous game: its equilibria by first-order conditions."""
    import sympy

    from .symbolic.continuous import solve_symbolic

    if args.concept not in (None, "nash"):
        raise BadInput(
            f"--concept {args.concept}: a continuous game has Nash equilibria only "
            "(derived from first-order conditions)"
        )
    result = solve_symbolic(inner)
    if args.json:
        out.write(json.dumps(result.to_dict(), indent=2) + "\n")
    elif args.latex:
        rows = []
        for solution in result:
            levels = ",\\ ".join(
                f"{sympy.latex(v)} = {sympy.latex(q)}"
                for v, q in zip(inner.variables, solution.strategies, strict=True)
            )
            rows.append(f"{levels} & \\text{{if }} {sympy.latex(solution.region.condition)}")
        body = " \\\\\n".join(rows) if rows else "\\text{no equilibria}"
        out.write("\\begin{cases}\n" + body + "\n\\end{cases}\n")
    else:
        title = getattr(game, "title", "") or inner.title
        names = ", ".join(inner.parameters) or "none"
        header = f"{title}\nParameters: {names}\nConcept: nash (first-order conditions)\n"
        lines = [str(solution) + ("" if solution.concave else "  [*]") for solution in result] or [
            "no equilibria"
        ]
        if any(not solution.concave for solution in result):
            lines += [
                "",
                "[*] a utility is not proven concave in the player's own level: the first-order "
                "conditions are necessary, not sufficient, there",
            ]
        out.write(header + "\n" + "\n".join(lines) + "\n")
    return EXIT_OK


def _cmd_table(args: argparse.Namespace, out: TextIO) -> int:
    from .sweep import connect_scheduler

    client = connect_scheduler(args.scheduler) if args.scheduler is not None else None
    try:
        return _table(args, out, client)
    finally:
        if client is not None:
            client.close()


def _table(args: argparse.Namespace, out: TextIO, client: Any) -> int:
    from .io.model import Model
    from .regenerate import default_grid, regenerate_all
    from .sweep import parse_grid_option, sweep, table_text
    from .sweep.tables import check_table_path, select_columns, sweep_table

    if args.all:
        if args.model or args.grid or args.settings or args.columns or args.refine:
            raise BadInput(
                "--all regenerates every model at its default grid; give no MODEL, --grid, --set, "
                "--columns or --refine"
            )
        folder = Path(args.out or "tables")
        written = regenerate_all(
            folder, processes=args.processes, client=client, progress=None, method=args.method
        )
        out.write(f"wrote {len(written)} files to {folder}\n")
        return EXIT_OK
    if not args.model:
        raise BadInput("give a MODEL, or --all for every catalogue model")
    if args.out:
        check_table_path(args.out, "--out")  # before the sweep, not after it
    model, settings = sized(load_game(args.model), parse_settings(args.settings))
    _check_grid_size(
        [(f"--grid {g.partition('=')[0].strip()}", g.partition("=")[2]) for g in args.grid]
    )
    grid = dict(parse_grid_option(g) for g in args.grid)
    if not grid and isinstance(model, Model):
        _check_grid_size([(f"{args.model}: grid.{k}", str(v)) for k, v in model.grid.items()])
        grid = default_grid(model)
    if not grid:
        raise BadInput(f"{args.model}: no --grid given and the model declares no default grid")
    options = {
        "concept": args.concept,
        "refine": args.refine,
        "processes": args.processes,
        "client": client,
        "method": args.method,
    }
    columns = None
    caption = ""
    if args.columns is not None or args.free_only:
        if args.free_only and args.out and Path(args.out).suffix.lower() == ".parquet":
            raise BadInput("--free-only: a .parquet table keeps a column for every parameter")
        # The table's columns do not depend on the point: check them on the first one.
        first = {name: [values[0]] for name, values in grid.items() if len(values)}
        head = sweep(model, first, settings or None, concept=args.concept, refine=args.refine)
        columns = list(head.columns)
        if args.columns is not None:
            columns = [c.strip() for c in args.columns.split(",") if c.strip()]
            if not columns:
                raise BadInput("--columns: give at least one column name")
            select_columns(head, columns)
        if args.free_only:
            held = [name for name in game_of(model).parameters if name not in grid]
            columns = [c for c in columns if c not in held]
            caption = "fixed: " + ", ".join(
                f"{name} = {float(head[name].iloc[0]):g}" for name in held
            )
    if args.out:
        # Through the chunk store: resumable, memory bounded by a few chunks, written atomically.
        path, rows = sweep_table(
            model, grid, settings or None, args.out, columns=columns, **options
        )
        if caption:
            _prepend_caption(Path(path), caption)
        out.write(f"wrote {rows} rows to {path}\n")
    else:
        df = select_columns(sweep(model, grid, settings or None, **options), columns)
        out.write(
            (caption[0].upper() + caption[1:] + "\n\n" if caption else "") + table_text(df, "md")
        )
    return EXIT_OK


def _prepend_caption(path: Path, caption: str) -> None:
    """Say the fixed parameters once, in the table file's first line."""
    mark = {".csv": "# ", ".tex": "% "}.get(path.suffix.lower())
    line = mark + caption + "\n" if mark else caption[0].upper() + caption[1:] + "\n\n"
    path.write_text(line + path.read_text(encoding="utf-8"), encoding="utf-8")


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from .checking import MAX_EXAMPLES, check_model
    from .io.model import Model

    if not 1 <= args.examples <= MAX_EXAMPLES:
        raise BadInput(
            f"--examples: expected a positive number at most {MAX_EXAMPLES}, found {args.examples}"
        )
    model = load_game(args.model)
    if not isinstance(model, Model):
        raise BadInput(f"{args.model}: not a model (a catalogue name or a .toml model file)")
    report = check_model(model, seed=args.seed, examples=args.examples)
    out.write(report.text() + "\n")
    return EXIT_OK if report.ok else EXIT_FAILURE


def _cmd_plot(args: argparse.Namespace, out: TextIO) -> int:
    from .plotting import plot_region_map

    if (args.x is None) != (args.y is None):
        raise BadInput("gta plot: give both --x and --y, or neither (the model's declared grid)")
    html_out = Path(args.out).suffix.lower() == ".html"
    if args.slider is not None and not html_out:
        raise BadInput("--slider: only an interactive map (--out FILE.html) has a slider")
    axes = [("--x", args.x), ("--y", args.y)] if args.x is not None else []
    _check_grid_size(
        [
            (f"{flag} {text.partition('=')[0].strip()}", text.partition("=")[2])
            for flag, text in axes
        ]
    )
    if args.slider is not None:
        _check_grid_size(
            [(f"--slider {args.slider.partition('=')[0].strip()}", args.slider.partition("=")[2])]
        )
    from .symbolic.deadline import deadline_seconds, symbolic_deadline

    seconds = deadline_seconds(args.timeout)
    model, settings = sized(load_game(args.model), parse_settings(args.settings))
    with symbolic_deadline(seconds, f"gta plot {args.model}", model):
        if html_out:
            from .explorer import write_explorer

            write_explorer(
                model,
                args.out,
                args.x,
                args.y,
                settings or None,
                slider=args.slider,
                method=args.method,
                concept=args.concept,
                color_by=args.color_by,
            )
        else:
            plot_region_map(
                model,
                args.x,
                args.y,
                settings or None,
                out=args.out,
                concept=args.concept,
                method=args.method,
                color_by=args.color_by,
            )
    out.write(f"wrote {args.out}\n")
    return EXIT_OK


# -- entry point ---------------------------------------------------------------------------


def _check_grid_size(axes: Sequence[tuple[str, str]]) -> None:
    """Refuse a grid whose axes or total would take unbounded time, before any value is made.

    ``axes`` are ``(what, spec)`` pairs, ``what`` naming the option or field in messages.
    """
    from .io.model_file import grid_value_count

    total = 1
    for what, spec in axes:
        if spec.strip():
            total *= grid_value_count(spec.strip(), what)
    if total > MAX_GRID_POINTS:
        names = ", ".join(what for what, _ in axes)
        raise BadInput(f"{names}: {total} grid points, more than the limit of {MAX_GRID_POINTS}")


def _one_line(message: str) -> str:
    # Control characters from a hostile argument or file name are shown escaped, so the
    # message stays one printable line.
    text = " ".join(message.split())
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _os_message(exc: OSError) -> str:
    if exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


class _Escaped:
    """Standard output with control characters escaped (``\\x1b``), newlines and tabs kept.

    Labels come from files: a label holding terminal escape sequences would
    otherwise be interpreted by the user's terminal.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if not text.isprintable():
            text = "".join(c if c.isprintable() or c in "\n\t" else repr(c)[1:-1] for c in text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gta`` with the given arguments (default ``sys.argv[1:]``); return the exit status."""
    stderr = sys.stderr

    def fail(message: str, status: int) -> int:
        stderr.write(f"gta: error: {_one_line(message)}\n")
        return status

    try:
        parser = _build_parser()
        args = parser.parse_args(list(argv) if argv is not None else None)
        status: int = args.handler(args, _Escaped(sys.stdout))
        sys.stdout.flush()
        return status
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except GameError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    except UnicodeDecodeError as exc:
        return fail(f"not UTF-8 text ({exc.reason} at byte {exc.start})", EXIT_BAD_INPUT)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except OSError as exc:
        return fail(_os_message(exc), EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except Exception as exc:
        if os.environ.get("GTA_DEBUG") == "1":
            raise
        return fail(
            f"internal error: {type(exc).__name__}: {exc} (set GTA_DEBUG=1 for a traceback)",
            EXIT_FAILURE,
        )
