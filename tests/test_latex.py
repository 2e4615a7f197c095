"""LaTeX for papers: trees as istgame TikZ, normal forms as booktabs, escaped text, math names.

The TikZ and the tables are parsed back here and compared with the game, so
a node, branch, payoff or information set that goes missing or moves fails.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_alliances as gta
from gametheory_alliances.cli import main
from gametheory_alliances.errors import GameError
from gametheory_alliances.latex import (
    escape_text,
    math_name,
    normal_form_tabular,
    to_latex,
    tree_tikz,
)
from gametheory_alliances.sweep.tables import select_columns, table_text, write_table
from gametheory_alliances.testing import normal_form_games, sequential_games

_ROOT = re.compile(
    r"^\\istroot\((n\d+)\)(?:\((n\d+)-(\d+)\))?(\[chance node\])?\{\\mbox\{(.*)\}\}"
    r"\+15mm\.\.([\d.]+)mm\+$"
)
_BRANCH = re.compile(
    r"^  \\istb\{\\mbox\{(.*?)\}(?:\\ \\ensuremath\{\((.*)\)\})?\}\[(al|ar|r)\](.*)$"
)
_INFOSET = re.compile(r"^\\xtInfoset\((n\d+)\)\((n\d+)\)")


def _unescape(text: str) -> str:
    table = {
        r"\textbackslash{}": "\\",
        r"\textasciitilde{}": "~",
        r"\textasciicircum{}": "^",
        r"\textless{}": "<",
        r"\textgreater{}": ">",
        r"\textbar{}": "|",
    }
    for k, v in table.items():
        text = text.replace(k, v)
    return re.sub(r"\\([&%$#_{}])", r"\1", text)


def parse_tikz(text: str) -> tuple[dict[str, dict], list[tuple[str, str]]]:
    """The roots (owner, chance, parent, branches) and the information-set lines of a picture."""
    roots: dict[str, dict] = {}
    infosets = []
    current: dict | None = None
    for line in text.splitlines():
        if m := _ROOT.match(line):
            name, parent, branch, chance, owner, _ = m.groups()
            current = {
                "owner": _unescape(owner),
                "chance": bool(chance),
                "at": None if parent is None else (parent, int(branch)),
                "branches": [],
            }
            roots[name] = current
        elif m := _BRANCH.match(line):
            assert current is not None
            action, prob, _, rest = m.groups()
            current["branches"].append((_unescape(action), prob, rest))
        elif m := _INFOSET.match(line):
            infosets.append((m.group(1), m.group(2)))
    return roots, infosets


def _payoff_text(values) -> str:
    from gametheory_alliances.display import number_latex

    return "{\\ensuremath{\\left(" + ", ".join(number_latex(v) for v in values) + "\\right)}}"


def check_tree(game) -> None:
    text = tree_tikz(game)
    assert text.startswith("\\begin{istgame}") and text.endswith("\\end{istgame}")
    assert text.count("{") == text.count("}")
    roots, infosets = parse_tikz(text)
    nodes = game.nodes
    inner = [k for k, nd in enumerate(nodes) if nd.kind != "terminal"]
    assert sorted(roots) == sorted(f"n{k}" for k in inner)
    for k in inner:
        nd = nodes[k]
        root = roots[f"n{k}"]
        assert root["chance"] == (nd.kind == "chance")
        assert root["owner"] == ("Chance" if nd.kind == "chance" else game.players[nd.player])
        if k == 0:
            assert root["at"] is None
        else:
            parent = nodes[nd.parent]
            assert root["at"] == (f"n{nd.parent}", parent.children.index(k) + 1)
        assert [b[0] for b in root["branches"]] == list(nd.actions)
        for (action, prob, rest), child in zip(root["branches"], nd.children, strict=True):
            if nd.kind == "chance":
                from gametheory_alliances.display import number_latex

                assert prob == number_latex(nd.probs[nd.actions.index(action)])
            if nodes[child].kind == "terminal":
                assert rest == _payoff_text(nodes[child].payoffs)
            else:
                assert rest == ""
    expected = []
    for info in game.infosets:
        members = list(info.nodes)
        expected += [(f"n{a}", f"n{b}") for a, b in itertools.pairwise(members)]
    assert infosets == expected


@settings(max_examples=40, deadline=None)
@given(sequential_games(depth=(1, 4), chance=True, information_sets=True, payoffs="rational"))
def test_random_trees_round_trip_through_tikz(game) -> None:
    check_tree(game)


TREE_MODELS = [
    name
    for name, _ in gta.list_models()
    if gta.game_of(gta.load_model(name)).kind in ("tree", "signalling")
]


@pytest.mark.parametrize("name", TREE_MODELS)
def test_catalogue_trees_round_trip_through_tikz(name: str) -> None:
    game = gta.game_of(gta.load_model(name))
    check_tree(game.game if game.kind == "signalling" else game)


def test_subtrees_do_not_overlap() -> None:
    """Siblings are spread by the leaves below them: the leaves' x positions are distinct."""
    game = gta.game_of(gta.load_model("extended-deterrence-two-sided"))
    _roots, _ = parse_tikz(tree_tikz(game))
    spread = {
        name: float(m.group(6))
        for line in tree_tikz(game).splitlines()
        if (m := _ROOT.match(line)) and (name := m.group(1))
    }
    x: dict[str, float] = {"n0": 0.0}
    leaves = []
    for k, nd in enumerate(game.nodes):
        if nd.kind == "terminal":
            continue
        name = f"n{k}"
        n = len(nd.children)
        for i, child in enumerate(nd.children):
            pos = x[name] + (i - (n - 1) / 2) * spread[name]
            if game.nodes[child].kind == "terminal":
                leaves.append((len(nd.path) + 1, pos))
            else:
                x[f"n{child}"] = pos
    by_level: dict[int, list[float]] = {}
    for level, pos in leaves:
        by_level.setdefault(level, []).append(pos)
    everything = sorted(pos for _, pos in leaves)
    assert len(set(everything)) == len(everything)
    assert all(b - a >= 6.0 - 1e-9 for a, b in itertools.pairwise(everything))


_CELL = re.compile(r"\$(.*?)\$")


@settings(max_examples=40, deadline=None)
@given(normal_form_games(players=(2, 3), strategies=(1, 3), payoffs="rational", labels=True))
def test_normal_forms_round_trip_through_booktabs(game) -> None:
    text = normal_form_tabular(game)
    arrays = game.payoff_arrays(exact=True)
    blocks = [b for b in text.split("\\begin{tabular}") if b.strip() and "\\toprule" in b]
    shape = game.shape
    assert len(blocks) == max(1, int(pd.Series(shape[2:]).prod()) if len(shape) > 2 else 1)
    import itertools

    for block, rest in zip(blocks, itertools.product(*(range(m) for m in shape[2:])), strict=True):
        rows = block.split("\\midrule\n", 1)[1].split("\n\\bottomrule")[0].splitlines()
        assert [_unescape(r.split(" & ")[0]) for r in rows] == list(game.strategies[0])
        for i, row in enumerate(rows):
            cells = _CELL.findall(row)
            for j, cell in enumerate(cells):
                values = [sympy.sympify(v.replace("\\frac", "")) for v in _split(cell)]
                want = [a[(i, j, *rest)] for a in arrays]
                assert [Fraction(str(v)) for v in values] == want


def _split(cell: str) -> list[str]:
    # "- \frac{1}{2}, 3" -> ["-(1)/(2)", "3"]
    cell = re.sub(r"\\frac\{(\d+)\}\{(\d+)\}", r"(\1)/(\2)", cell)
    return [c.strip().replace(" ", "") for c in cell.split(",")]


@given(st.text(max_size=40))
def test_escaped_text_has_no_live_specials(text: str) -> None:
    out = escape_text(text)
    stripped = re.sub(r"\\text[a-z]+\{\}|\\[&%$#_{}]", "", out)
    assert not set(stripped) & set("\\&%$#_{}~^<>|")
    assert _unescape(out) == " ".join(text.replace("\r", " ").replace("\t", " ").split("\n"))


def test_parameter_names_as_math() -> None:
    assert math_name("pi_D") == "\\pi_{D}"
    assert math_name("r_M") == "r_{M}"
    assert math_name("alpha") == "\\alpha"


def test_tex_table_heads_parameters_as_math_and_escapes_text(tmp_path: Path) -> None:
    df = pd.DataFrame({"pi_D": [0.5], "Patron after A > B:Defend": [1], "label": ["x|y"]})
    text = table_text(df, "tex", math_columns=("pi_D",))
    head = text.splitlines()[2]
    assert head == "$\\pi_{D}$ & Patron after A \\textgreater{} B:Defend & label \\\\"
    assert "x\\textbar{}y" in text
    path = write_table(df, tmp_path / "t.tex", columns=["label", "pi_D"], math_columns=("pi_D",))
    assert path.read_text().splitlines()[2] == "label & $\\pi_{D}$ \\\\"
    with pytest.raises(GameError, match="unknown column 'nope'"):
        select_columns(df, ["nope"])
    with pytest.raises(GameError, match="twice"):
        select_columns(df, ["label", "label"])


def test_gta_table_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "entrapment.tex"
    assert main(["table", "entrapment", "--columns", "x,g,label", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[2] == "$x$ & $g$ & label \\\\"
    rows = lines[4:-2]
    full = tmp_path / "full.csv"
    assert main(["table", "entrapment", "--out", str(full)]) == 0
    df = pd.read_csv(full)
    assert len(rows) == len(df)
    capsys.readouterr()
    assert main(["table", "entrapment", "--columns", "x,nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown column 'nope'" in err and "deterrence" in err


def test_gta_show_latex(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "entrapment", "--latex"]) == 0
    symbolic = capsys.readouterr().out
    assert "\\pi_{D}" in symbolic and symbolic.count("\\istroot") == 5
    assert main(["show", "entrapment", "--latex", "--set", "pi_D=7/10"]) == 0
    bound = capsys.readouterr().out
    assert "\\pi_{D}" not in bound and "\\frac{7}{10}" in bound
    assert main(["show", "chicken", "--set", "T=1"]) == 2
    assert "--latex" in capsys.readouterr().err
    assert main(["show", "chicken", "--latex", "--set", "zz=1"]) == 2
    assert "unknown parameter 'zz'" in capsys.readouterr().err


def test_continuous_games_as_equations() -> None:
    text = to_latex(gta.load_model("public-good"))
    assert text.count("&=") == 2 and "\\log" in text and "\\le q_{1} \\le w_{1}" in text


def test_models_and_games_agree_and_bad_subjects_refused() -> None:
    model = gta.load_model("chicken")
    assert to_latex(model) == gta.game_of(model).to_latex()
    with pytest.raises(GameError, match="expected a game or a model"):
        to_latex(3)
