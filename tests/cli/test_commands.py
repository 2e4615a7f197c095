"""End-to-end runs of the model commands: models, show, conditions, table, plot, solve on trees."""

import json

import pandas as pd
import pytest
import sympy

from gametheory_alliances.catalogue import list_models, load_model
from gametheory_alliances.cli import main
from gametheory_alliances.io import models_dir
from gametheory_alliances.solvers import nash_equilibria


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_models_lists_every_catalogue_model(capsys):
    status, out, _ = run(capsys, "models")
    assert status == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == [name for name, _ in list_models()]


def test_show_describes_parameters_and_references(capsys):
    status, out, _ = run(capsys, "show", "entrapment")
    assert status == 0
    assert "pi_D" in out and "Kim" in out and "pi_S < pi_D" in out


def test_show_refuses_a_game_file(capsys):
    status, _, err = run(capsys, "show", models_dir() / "games" / "chicken.nfg")
    assert status == 2 and "not a model" in err


def test_conditions_json_holds_exactly_where_the_solver_finds_each_equilibrium(capsys):
    status, out, _ = run(capsys, "conditions", "burden-sharing", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["parameters"] == ["b1", "b2", "c"]
    symbols = {name: sympy.Symbol(name) for name in data["parameters"]}
    point = {"b1": 3, "b2": 4, "c": 2}  # concave benefits: Chicken
    holding = []
    for entry in data["regions"]:
        condition = sympy.sympify(entry["condition"], locals=symbols)
        if bool(condition.subs({symbols[k]: v for k, v in point.items()})):
            holding.append(
                [
                    [
                        sympy.sympify(p, locals=symbols).subs(
                            {symbols[k]: v for k, v in point.items()}
                        )
                        for p in s
                    ]
                    for s in entry["strategies"]
                ]
            )
    numeric = nash_equilibria(load_model("burden-sharing").at(**point))
    assert sorted(str(h) for h in holding) == sorted(
        str([[sympy.Rational(p.numerator, p.denominator) for p in s] for s in eq.exact_strategies])
        for eq in numeric
    )


def test_conditions_honour_the_model_assumptions(capsys):
    status, out, _ = run(capsys, "conditions", "prisoners-dilemma")
    assert status == 0
    lines = [line for line in out.splitlines() if line.startswith("(")]
    assert len(lines) == 1 and lines[0].startswith("(Defect, Defect)")


def test_conditions_of_a_tree_give_the_patron_credibility_condition(capsys):
    status, out, _ = run(capsys, "conditions", "entrapment", "--latex")
    assert status == 0
    assert "\\begin{cases}" in out and "r_{M}" in out


def test_table_writes_csv_with_one_row_per_point_and_equilibrium(capsys, tmp_path):
    target = tmp_path / "burden.csv"
    status, out, _ = run(
        capsys,
        "table",
        "burden-sharing",
        "--grid",
        "b2=3:5:3",
        "--grid",
        "c=1:2:2",
        "--set",
        "b1=3",
        "--out",
        target,
    )
    assert status == 0 and "rows" in out
    df = pd.read_csv(target)
    assert set(df["b2"]) == {3, 4, 5} and set(df["c"]) == {1, 2}
    row = df[(df["b2"] == 4) & (df["c"] == 2)]
    assert len(row) == 3  # Chicken: two pure equilibria and a mixed one


def test_table_all_regenerates_every_model(capsys, tmp_path):
    status, _, _ = run(capsys, "table", "--all", "--out", tmp_path / "tables")
    assert status == 0
    for name, _ in list_models():
        assert (tmp_path / "tables" / f"{name}.csv").is_file()
    assert (tmp_path / "tables" / "index.md").is_file()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["table", "burden-sharing", "--grid", "b2=3:5"], "b2"),
        (["table", "burden-sharing", "--grid", "zz=1:2:2"], "zz"),
        (["table"], "MODEL"),
        (["table", "--all", "chicken"], "--all"),
        (["conditions", "no-such-model"], "no-such-model"),
        (["solve", "chicken", "--concept", "spe"], "sequential"),
        (["conditions", "entrapment", "--set", "zz=1"], "zz"),
        (["conditions", "entrapment-probabilistic", "--set", "q=2"], "domain"),
        (["conditions", "stag-hunt", "--set", "s=2"], "assumption"),
    ],
)
def test_bad_model_commands_exit_2_with_one_line(capsys, args, fragment):
    status, out, err = run(capsys, *args)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and fragment in err


def test_plot_writes_a_png(capsys, tmp_path):
    target = tmp_path / "map.png"
    status, _, _ = run(
        capsys, "plot", "burden-sharing", "--x", "b2=3:6:7", "--y", "c=0.5:4:8", "--out", target
    )
    assert status == 0
    assert target.read_bytes().startswith(b"\x89PNG")


def test_solve_a_tree_with_a_tie_lists_every_spe(capsys):
    status, out, _ = run(capsys, "solve", models_dir() / "games" / "entry_tie.efg", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["concept"] == "spe"
    assert len(data["equilibria"]) == 2
    assert all({"behaviour", "path", "payoffs"} <= set(eq) for eq in data["equilibria"])


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('domain = "positive"', 'domain = "sometimes"', "parameters[0]"),
        (
            'payoffs = ["s", "s"]',
            "payoffs = [\"__import__('os').system('true')\", \"s\"]",
            "only plain function names",
        ),
        ('title = "Stag Hunt"', 'title = "Stag Hunt"\ncolour = "red"', "unknown field 'colour'"),
        ('name = "s"\n', 'name = "t"\n', "unknown name 's'"),
    ],
)
def test_a_bad_model_file_is_refused_with_exit_2(capsys, tmp_path, old, new, fragment):
    text = (models_dir() / "stag-hunt.toml").read_text()
    assert old in text
    path = tmp_path / "bad.toml"
    path.write_text(text.replace(old, new, 1))
    status, out, err = run(capsys, "solve", path)
    assert status == 2 and out == ""
    assert err.startswith("gta: error: ") and str(path) in err and fragment in err
    assert err.count("\n") == 1


def test_conditions_on_a_slice_agree_with_the_solver_at_every_point(capsys):
    from fractions import Fraction
    from itertools import product

    from gametheory_alliances.predicates import outcome_table

    fixed = {"x": "0.3", "g": "0.4", "pi_D": "0.7", "pi_S": "0.3", "k_A": "0.1"}
    fixed |= {"k_C": "0.1", "k_P": "0.5", "v": "1", "r_M": "0"}
    settings = [a for k, v in fixed.items() for a in ("--set", f"{k}={v}")]
    status, out, _ = run(capsys, "conditions", "entrapment-probabilistic", *settings, "--json")
    assert status == 0
    data = json.loads(out)
    q, r_R = sympy.Symbol("q"), sympy.Symbol("r_R")
    model = load_model("entrapment-probabilistic")
    values = {k: Fraction(v) for k, v in fixed.items()}
    quarters = [Fraction(k, 4) for k in range(5)]
    for q_value, r_value in product(quarters, [0, Fraction(1, 10), Fraction(1, 5)]):
        table = outcome_table(model, **values, q=q_value, r_R=r_value)
        for name, text in data["outcomes"].items():
            condition = sympy.sympify(text, locals={"q": q, "r_R": r_R})
            holds = bool(condition.subs({q: q_value, r_R: r_value}))
            assert holds == any(row[name] for row in table), (name, q_value, r_value)


def test_conditions_of_a_continuous_model_give_the_levels_gta_solve_finds(capsys):
    from fractions import Fraction

    status, out, _ = run(capsys, "conditions", "public-good", "--set", "w=50,40", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["parameters"] == ["a"]
    a = sympy.Symbol("a")
    for a_value in (Fraction(1, 10), Fraction(1, 2), Fraction(9, 10)):
        holding = [
            [sympy.sympify(s, locals={"a": a}).subs(a, a_value) for s in region["strategies"]]
            for region in data["regions"]
            if bool(sympy.sympify(region["condition"], locals={"a": a}).subs(a, a_value))
        ]
        status, out, _ = run(
            capsys, "solve", "public-good", "--set", f"a={a_value}", "--set", "w=50,40", "--json"
        )
        assert status == 0
        solved = [eq["strategies"] for eq in json.loads(out)["equilibria"]]
        assert len(holding) == len(solved) == 1
        assert [float(x) for x in holding[0]] == pytest.approx(solved[0], abs=1e-9)
    status, out, _ = run(capsys, "conditions", "public-good")
    assert status == 0 and "Concept: nash (first-order conditions)" in out
    assert "q_1 = (w_1 - w_2*(1 - a))/(2 - a)" in out
    status, _, err = run(capsys, "conditions", "public-good", "--concept", "spe")
    assert status == 2 and "continuous" in err


def test_solve_takes_the_number_of_allies_from_the_vector_given(capsys):
    status, out, err = run(capsys, "solve", "public-good", "--set", "w=60,50,40", "--json")
    assert status == 0, err
    [eq] = json.loads(out)["equilibria"]
    assert eq["strategies"] == pytest.approx([22.5, 12.5, 2.5], abs=1e-9)
    status, again, _ = run(
        capsys, "solve", "public-good", "--set", "n=3", "--set", "w=60,50,40", "--json"
    )
    assert status == 0 and json.loads(again) == json.loads(out)
    status, _, err = run(capsys, "solve", "public-good", "--set", "n=3")
    assert status == 2 and "give w too" in err
    status, out, _ = run(
        capsys, "table", "public-good", "--grid", "a=0.5:0.5:1", "--set", "w=60,50,40"
    )
    assert status == 0 and "Ally 3:q_3" in out
