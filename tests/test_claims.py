"""Declared claims of model files: parsing, refusal of malformed claims, checking."""

from __future__ import annotations

import importlib
from fractions import Fraction

import pygambit
import pytest

from gametheory_alliances.catalogue import list_models, load_model, models_dir
from gametheory_alliances.checking import check_claim, check_model
from gametheory_alliances.claims import HoldsClaim, InvariantClaim, MonotoneClaim
from gametheory_alliances.errors import FileFormatError
from gametheory_alliances.io.model_file import parse_model

EXAMPLES = 20


def model_text(name: str, claims: str) -> str:
    """A catalogue model's file with its claims replaced by ``claims``."""
    text = (models_dir() / f"{name}.toml").read_text(encoding="utf-8")
    return text.split("\n[[claims]]", 1)[0] + "\n" + claims


def with_claims(name: str, claims: str):
    return parse_model(model_text(name, claims), path=f"{name}.toml")


SHIPPED = [name for name, _ in list_models() if load_model(name).claims]


# -- parsing ---------------------------------------------------------------------------------


def test_shipped_models_declare_claims_of_every_kind():
    kinds = {type(c) for name in SHIPPED for c in load_model(name).claims}
    assert kinds == {HoldsClaim, MonotoneClaim, InvariantClaim}
    assert {"prisoners-dilemma", "burden-sharing", "entrapment", "alliance-formation"} <= set(
        SHIPPED
    )


def test_claim_fields_are_read():
    model = with_claims(
        "burden-sharing",
        """
[[claims]]
name = "linear"
description = "no mixing"
kind = "holds"
concept = "nash"
given = "(b2 == 2*b1) & (c > 1)"
every = "pure() == 1"
""",
    )
    [claim] = model.claims
    assert isinstance(claim, HoldsClaim)
    assert (claim.name, claim.description, claim.concept, claim.quantifier) == (
        "linear",
        "no mixing",
        "nash",
        "every",
    )
    definitions = dict(claim.definitions)
    assert list(definitions) == ["b2"]
    assert str(definitions["b2"]) == "2*b1"
    assert [str(c) for c in claim.conditions] == ["c > 1"]
    assert "linear: no mixing" in model.describe()


def test_default_concept_is_spe_for_trees_and_nash_for_two_players():
    tree = with_claims(
        "entrapment",
        '[[claims]]\nname = "x"\nkind = "holds"\nevery = "count() >= 1"\n',
    )
    assert tree.claims[0].concept == "spe"
    game = with_claims(
        "chicken", '[[claims]]\nname = "x"\nkind = "holds"\nevery = "count() >= 1"\n'
    )
    assert game.claims[0].concept == "nash"


MALFORMED = [
    ('kind = "holds"\nevery = "pure() == 1"', "claims[0]: missing required field 'name'"),
    ('name = "x"\nevery = "pure() == 1"', "claims[0]: missing required field 'kind'"),
    ('name = "x"\nkind = "always"\nevery = "pure() == 1"', "claims[0].kind"),
    ('name = "x"\nkind = "holds"\nevery = "pure() == 1"\ncolour = 1', "claims[0].colour"),
    ('name = "x"\nkind = "holds"', "exactly one of 'every' or 'some'"),
    ('name = "x"\nkind = "holds"\nevery = "pure() == 1"\nsome = "pure() == 1"', "exactly one"),
    ('name = "x"\nkind = "holds"\nevery = "prob(\'Hunter 3\', \'Stag\') == 1"', "claims[0].every"),
    ('name = "x"\nkind = "holds"\nevery = "prob(\'Hunter 1\', \'Deer\') == 1"', "'Deer'"),
    ('name = "x"\nkind = "holds"\nevery = "prob(\'Hunter 1\') == 1"', "prob() takes 2"),
    ('name = "x"\nkind = "holds"\nevery = "prob(s, \'Stag\') == 1"', "quoted labels"),
    ('name = "x"\nkind = "holds"\nevery = "behaviour(\'a\', \'b\') == 1"', "behaviour() needs"),
    ('name = "x"\nkind = "holds"\nconcept = "spe"\nevery = "pure() == 1"', "claims[0].concept"),
    ('name = "x"\nkind = "holds"\nconcept = "best"\nevery = "pure() == 1"', "claims[0].concept"),
    ('name = "x"\nkind = "holds"\nevery = "__import__(\'os\').system(\'ls\')"', "claims[0].every"),
    ('name = "x"\nkind = "holds"\nevery = "payoff(\'Hunter 1\').real > 0"', "claims[0].every"),
    ('name = "x"\nkind = "holds"\nevery = "payoff(\'Hunter 1\') + 1"', "claims[0].every"),
    ('name = "x"\nkind = "holds"\nevery = "t > 1"', "unknown name 't'"),
    ('name = "x"\nkind = "holds"\nevery = "pure() == 1"\ngiven = "s +"', "claims[0].given"),
    ('name = "x"\nkind = "holds"\nevery = "pure() == 1"\niff = "pure() == 1"', "claims[0].iff"),
    ('name = "x"\nkind = "monotone"\nquantity = "pure()"\ndirection = "increasing"', "'in'"),
    (
        'name = "x"\nkind = "monotone"\nquantity = "pure()"\nin = "t"\ndirection = "increasing"',
        "claims[0].in",
    ),
    (
        'name = "x"\nkind = "monotone"\nquantity = "pure()"\nin = "s"\ndirection = "up"',
        "claims[0].direction",
    ),
    (
        'name = "x"\nkind = "monotone"\nquantity = "pure()"\nin = "s"\n'
        'direction = "increasing"\nover = "some"',
        "claims[0].over",
    ),
    (
        'name = "x"\nkind = "monotone"\nquantity = "pure()"\nin = "s"\n'
        'direction = "increasing"\ngiven = "s == 5"',
        "cannot vary",
    ),
    ('name = "x"\nkind = "invariant"', "'transform'"),
    ('name = "x"\nkind = "invariant"\ntransform = "rotate"', "claims[0].transform"),
    ('name = 3\nkind = "holds"\nevery = "pure() == 1"', "claims[0].name"),
    ('name = "x"\nkind = "holds"\nevery = "' + "(" * 300 + "1" + ")" * 300 + ' > 0"', "every"),
    ('name = "x"\nkind = "holds"\nevery = "' + "s + " * 3000 + 's > 0"', "longer than"),
    ('name = "x"\nkind = "holds"\nevery = "(pure() == 1) and (s > 1)"', "use & and |"),
]


@pytest.mark.parametrize(("body", "message"), MALFORMED)
def test_malformed_claims_are_refused_naming_the_field(body, message):
    with pytest.raises(FileFormatError) as info:
        with_claims("stag-hunt", "[[claims]]\n" + body + "\n")
    assert message in str(info.value)
    assert "stag-hunt.toml" in str(info.value)


def test_duplicate_claim_names_are_refused():
    claim = '[[claims]]\nname = "x"\nkind = "holds"\nevery = "pure() == 1"\n'
    with pytest.raises(FileFormatError, match=r"claims\[1\].name: 'x' names two claims"):
        with_claims("stag-hunt", claim + claim)


def test_claims_on_trees_refuse_normal_form_functions():
    with pytest.raises(FileFormatError, match=r"claims\[0\].every: prob\(\) needs"):
        with_claims(
            "entrapment",
            '[[claims]]\nname = "x"\nkind = "holds"\nevery = "prob(\'Patron\', \'D\') == 1"\n',
        )
    with pytest.raises(FileFormatError, match="not an information set"):
        with_claims(
            "entrapment",
            '[[claims]]\nname = "x"\nkind = "holds"\nevery = "behaviour(\'Nowhere\', \'Defend\') == 1"\n',
        )
    with pytest.raises(FileFormatError, match=r"claims\[0\].transform: trees support"):
        with_claims(
            "entrapment", '[[claims]]\nname = "x"\nkind = "invariant"\ntransform = "relabel"\n'
        )


# -- checking: the shipped claims hold -------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_claim_holds(name):
    report = check_model(load_model(name), seed=0, examples=EXAMPLES)
    assert report.results and report.ok, report.text()


# -- checking: wrong claims give counterexamples ----------------------------------------------


def gambit_equilibria(game):
    """Every extreme equilibrium by Gambit's enummixed (the independent oracle)."""
    arrays = [a.astype(object) for a in game.payoff_arrays(exact=True)]
    g = pygambit.Game.from_arrays(*arrays)
    result = pygambit.nash.enummixed_solve(g, rational=True)
    return {
        tuple(tuple(Fraction(str(eq[s])) for s in player.strategies) for player in g.players)
        for eq in result.equilibria
    }


def test_a_wrong_holds_claim_gives_a_shrunk_counterexample():
    model = with_claims(
        "stag-hunt",
        '[[claims]]\nname = "always-stag"\nkind = "holds"\n'
        "every = \"prob('Hunter 1', 'Stag') == 1\"\n",
    )
    [result] = check_model(model, seed=0, examples=EXAMPLES).results
    assert result.status == "fails"
    point = result.counterexample
    assert set(point) == {"s"} and point["s"] > 3
    # The oracle agrees that some equilibrium there has Hunter 1 not hunting the stag.
    assert any(profile[0][0] != 1 for profile in gambit_equilibria(model.at(**point)))
    assert any("is false for equilibrium" in d for d in result.details)
    assert any(d.startswith("equilibria there: 3") for d in result.details)


def test_a_wrong_iff_fails_at_the_boundary_found_exactly():
    model = with_claims(
        "alliance-formation",
        '[[claims]]\nname = "strict"\nkind = "holds"\n'
        "some = \"(prob('State A', 'Ally') == 1) & (prob('State B', 'Ally') == 1)\"\n"
        'iff = "(tau*beta_B > a_A) & (tau*beta_A > a_B)"\n',
    )
    [result] = check_model(model, seed=0, examples=100).results
    assert result.status == "fails"
    p = result.counterexample
    # At the counterexample one of the thresholds is met with equality.
    assert p["tau"] * p["beta_B"] == p["a_A"] or p["tau"] * p["beta_A"] == p["a_B"]
    ally = ((Fraction(1), Fraction(0)), (Fraction(1), Fraction(0)))
    assert ally in gambit_equilibria(model.at(**p))


def test_a_wrong_monotone_claim_fails():
    model = with_claims(
        "battle-of-the-sexes",
        '[[claims]]\nname = "down"\nkind = "monotone"\nquantity = "payoff(\'Row\')"\n'
        'in = "a"\ndirection = "decreasing"\nover = "min"\n',
    )
    [result] = check_model(model, seed=0, examples=EXAMPLES).results
    assert result.status == "fails"
    assert "is not decreasing in a" in result.details[0]


def test_unique_over_fails_where_equilibria_are_not_unique():
    model = with_claims(
        "stag-hunt",
        '[[claims]]\nname = "u"\nkind = "monotone"\nquantity = "payoff(\'Hunter 1\')"\n'
        'in = "s"\ndirection = "nondecreasing"\nover = "unique"\n',
    )
    [result] = check_model(model, seed=0, examples=EXAMPLES).results
    assert result.status == "fails"
    assert "3 equilibria at s =" in result.details[0]


def test_equalities_in_given_define_parameters():
    model = with_claims(
        "burden-sharing",
        '[[claims]]\nname = "def"\nkind = "holds"\ngiven = "b2 == 2*b1"\nevery = "b2 == 2*b1"\n'
        '[[claims]]\nname = "wrong"\nkind = "holds"\ngiven = "b2 == 2*b1"\nevery = "b2 == 3*b1"\n',
    )
    first, second = check_model(model, seed=0, examples=EXAMPLES).results
    assert first.status == "holds"
    assert second.status == "fails"
    p = second.counterexample
    assert p["b2"] == 2 * p["b1"] and p["b1"] > 0


def test_an_unsatisfiable_region_is_an_error_not_a_pass():
    model = with_claims(
        "stag-hunt",
        '[[claims]]\nname = "empty"\nkind = "holds"\ngiven = "(s > 5) & (s < 5)"\n'
        'every = "pure() == 1"\n',
    )
    [result] = check_model(model, seed=0, examples=EXAMPLES).results
    assert result.status == "error" and not result.holds


def test_the_same_seed_gives_the_same_report():
    model = with_claims(
        "chicken",
        '[[claims]]\nname = "pure"\nkind = "holds"\nevery = "pure() == 1"\n',
    )
    first = check_model(model, seed=3, examples=EXAMPLES)
    second = check_model(model, seed=3, examples=EXAMPLES)
    assert first.text() == second.text()
    assert first.results[0].counterexample == second.results[0].counterexample


def test_check_claim_refuses_a_bad_budget():
    model = load_model("stag-hunt")
    with pytest.raises(Exception, match="examples"):
        check_claim(model, model.claims[0], examples=0)


THREE_PLAYERS = """
name = "three-coordination"
title = "Three-player coordination"
[[parameters]]
name = "g"
domain = "positive"
default = 2
[[parameters]]
name = "h"
domain = "real"
default = 1
[game]
type = "normal"
players = ["A", "B", "C"]
strategies = [["x", "y"], ["x", "y", "z"], ["x", "y"]]
payoffs = [
    { profile = ["x", "x", "x"], payoffs = ["g", "g", "g"] },
    { profile = ["x", "x", "y"], payoffs = [0, "h", 1] },
    { profile = ["x", "y", "x"], payoffs = [1, 0, "h"] },
    { profile = ["x", "y", "y"], payoffs = ["h", 1, 0] },
    { profile = ["x", "z", "x"], payoffs = [0, "g", 0] },
    { profile = ["x", "z", "y"], payoffs = [1, 1, 1] },
    { profile = ["y", "x", "x"], payoffs = [0, 1, "h"] },
    { profile = ["y", "x", "y"], payoffs = ["h", 0, 0] },
    { profile = ["y", "y", "x"], payoffs = [1, "h", 0] },
    { profile = ["y", "y", "y"], payoffs = ["g", "g", "g"] },
    { profile = ["y", "z", "x"], payoffs = ["h", "h", 1] },
    { profile = ["y", "z", "y"], payoffs = [0, 1, "g"] },
]
[[claims]]
name = "relabel"
kind = "invariant"
concept = "pure"
transform = "relabel"
[[claims]]
name = "affine"
kind = "invariant"
concept = "pure"
transform = "affine"
"""


def test_invariance_claims_hold_for_three_players_and_unequal_strategy_counts():
    model = parse_model(THREE_PLAYERS)
    assert [c.concept for c in model.claims] == ["pure", "pure"]
    report = check_model(model, seed=0, examples=EXAMPLES)
    assert report.ok, report.text()


def test_nash_claims_are_refused_for_three_players():
    with pytest.raises(FileFormatError, match=r"claims\[0\].concept: 'nash' needs two players"):
        parse_model(THREE_PLAYERS.replace('concept = "pure"', 'concept = "nash"', 1))


def test_invariance_check_detects_a_solver_that_loses_an_equilibrium(monkeypatch):
    from gametheory_alliances.equilibrium import SolverResult
    from gametheory_alliances.solvers import vertex_enumeration

    original = vertex_enumeration.nash_equilibria

    def lossy(game, **options):
        result = original(game, **options)
        if game.title:  # the model's own game
            return result
        return SolverResult(game, result.method, result.equilibria[:-1], result.exact)

    monkeypatch.setattr(vertex_enumeration, "nash_equilibria", lossy)
    [_, _, result] = check_model(load_model("stag-hunt"), seed=0, examples=5).results
    assert result.claim.name == "affine-invariance"
    assert result.status == "fails"
    assert any(d.startswith("equilibria of the transformed game: 2") for d in result.details)


def test_tree_affine_check_detects_a_solver_that_loses_an_equilibrium(monkeypatch):
    from gametheory_alliances.solvers.backward_induction import SPEResult

    # The package exports a function of the same name; take the module itself.
    backward_induction = importlib.import_module("gametheory_alliances.solvers.backward_induction")

    original = backward_induction.subgame_perfect_equilibria

    def lossy(game, **options):
        result = original(game, **options)
        if game.title:  # the model's own game
            return result
        return SPEResult(game, result.method, result.equilibria[:-1], result.exact)

    monkeypatch.setattr(backward_induction, "subgame_perfect_equilibria", lossy)
    model = with_claims(
        "entrapment", '[[claims]]\nname = "a"\nkind = "invariant"\ntransform = "affine"\n'
    )
    [result] = check_model(model, seed=0, examples=5).results
    assert result.status == "fails"
    counts = {
        d.split(":")[0]: d.split(": ")[1]
        for d in result.details
        if d.startswith("equilibria of the")
    }
    before = int(counts["equilibria of the model's game"])
    after = counts["equilibria of the transformed game"]
    assert after == (str(before - 1) if before > 1 else "none")


def test_beer_pooling_without_a_duel_fails_when_the_sender_is_likely_weak():
    model = with_claims(
        "beer-quiche",
        '[[claims]]\nname = "pool"\nkind = "holds"\ngiven = "p < 1/2"\n'
        "some = \"(behaviour('Sender after Strong', 'Beer') == 1) & "
        "(behaviour('Sender after Weak', 'Beer') == 1) & (behaviour('after Beer', 'Not duel') == 1)\"\n",
    )
    [result] = check_model(model, seed=0, examples=EXAMPLES).results
    assert result.status == "fails"
    assert result.counterexample["p"] < Fraction(1, 2)


@pytest.mark.parametrize(
    "name", ["MAX_EXAMPLES", "CheckReport", "ClaimResult", "check_claim", "check_model"]
)
def test_checking_names_still_import_from_claims_with_a_deprecation_warning(name):
    from gametheory_alliances import checking, claims

    with pytest.warns(DeprecationWarning, match=f"claims.{name} moved to gametheory_alliances"):
        value = getattr(claims, name)
    assert value is getattr(checking, name)


def test_the_old_import_of_check_model_from_claims_warns_and_works():
    from gametheory_alliances import checking

    with pytest.warns(DeprecationWarning, match="moved to gametheory_alliances.checking"):
        from gametheory_alliances.claims import check_model as old

    assert old is checking.check_model


def test_claims_has_no_other_missing_attributes():
    from gametheory_alliances import claims

    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        claims.no_such_name  # noqa: B018
