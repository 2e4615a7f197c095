"""Symbolic layer: regions, closed-form equilibria, thresholds, credibility, classification."""

import itertools
import json
from fractions import Fraction

import numpy as np
import pygambit
import pytest
import sympy

from gametheory_alliances import NormalFormGame, Parameter, nash_equilibria, pure_equilibria
from gametheory_alliances.errors import (
    DomainError,
    ExpressionError,
    GameError,
    SolverError,
    UnboundParameterError,
    UnknownParameterError,
)
from gametheory_alliances.sequential import Decision, SequentialGame, Terminal
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.symbolic import (
    Region,
    classify_symmetric_2x2,
    compare,
    conditions_to_json,
    credibility,
    equilibrium_regions,
    grim_trigger_threshold,
    spe_regions,
    threshold,
)

# -- helpers -------------------------------------------------------------------------


def gambit_keys(game):
    """Extreme equilibria by pygambit's enummixed (exact), as tuples of fractions."""
    result = pygambit.nash.enummixed_solve(game.to_pygambit(), rational=True)
    keys = set()
    for profile in result.equilibria:
        keys.add(
            tuple(
                tuple(Fraction(str(profile[s])) for s in player.strategies)
                for player in profile.game.players
            )
        )
    return keys


def predicted_keys(regions, **point):
    return {eq.key() for eq in regions.equilibria_at(**point)}


def burden_sharing():
    return NormalFormGame(
        [[["b - c", "b - c"], ["b", 0]], [["b - c", "b"], ["b - c", 0]]],
        strategies=[["Contribute", "Free-ride"], ["Contribute", "Free-ride"]],
        parameters={"b": "positive", "c": "positive"},
    )


def symmetric(r, s, t, p, parameters=None):
    return NormalFormGame(
        [[[r, s], [t, p]], [[r, t], [s, p]]],
        strategies=[["C", "D"], ["C", "D"]],
        parameters=parameters,
    )


# -- compare and Region ----------------------------------------------------------------


def test_compare_writes_positive_terms_on_the_left():
    b, c = sympy.symbols("b c", real=True)
    assert str(compare(b - c - 1, "0+")) == "b >= c + 1"
    assert str(compare(c - b, "-")) == "b > c"
    assert compare(sympy.Integer(2), "+") is sympy.true
    assert compare(sympy.Integer(0), "+") is sympy.false
    assert compare(b, "-0+") is sympy.true


def test_region_contains_is_exact_at_the_boundary():
    b, c = Parameter("b", "positive"), Parameter("c", "positive")
    region = Region(b.symbol >= c.symbol, [b, c])
    assert region.contains(b="1/3", c=Fraction(1, 3))
    assert not region.contains(b=Fraction(1, 3) - Fraction(1, 10**30), c="1/3")
    assert region.contains(b=0.3, c="3/10")


def test_region_rejects_unknown_missing_and_out_of_domain_values():
    b, c = Parameter("b", "positive"), Parameter("c", "positive", default=1)
    region = Region(b.symbol >= c.symbol, [b, c])
    with pytest.raises(UnknownParameterError, match="'d'"):
        region.contains(b=1, d=2)
    with pytest.raises(UnboundParameterError, match="'b'"):
        region.contains(c=1)
    with pytest.raises(DomainError, match="outside its domain"):
        region.contains(b=-1, c=1)
    assert region.contains(b=2)  # c takes its default


def test_region_drops_atoms_implied_by_domains_and_merges_intervals():
    p = Parameter("p", "[0, 1]")
    q = Parameter("q", "positive")
    region = Region((p.symbol <= 1) & (q.symbol > 0) & (p.symbol > sympy.Rational(1, 3)), [p, q])
    assert str(region) == "p > 1/3"
    assert Region((p.symbol > 2), [p]).is_empty()
    both = Region((q.symbol > 1) & (q.symbol > 2), [q])
    assert str(both) == "q > 2"


def test_region_emptiness_is_proven_for_linear_systems_only_when_true():
    b, c, d = (Parameter(n, "real") for n in "bcd")
    bs, cs, ds = b.symbol, c.symbol, d.symbol
    assert Region((bs > cs) & (cs > ds) & (ds > bs), [b, c, d]).is_empty()
    assert Region((bs >= cs) & (cs >= ds) & (ds >= bs), [b, c, d]).condition is not sympy.false
    assert not Region((bs > cs) & (cs > ds), [b, c, d]).is_empty()
    # A nonlinear empty region is not claimed empty (sound, not complete) ...
    nonlinear = Region((bs * cs > 1) & (bs * cs < 1), [b, c])
    assert nonlinear.is_empty()  # same expression: contradictory signs
    # ... and every point of it is outside anyway.
    assert not Region((bs**2 + 1 < 0), [b]).contains(b=3)


def test_region_mask_agrees_with_contains_and_broadcasts():
    b, c = Parameter("b", "positive"), Parameter("c", "[0, 1]")
    region = Region(
        ((b.symbol > 2 * c.symbol) & (c.symbol < sympy.Rational(3, 4))) | (b.symbol > 3), [b, c]
    )
    bs = np.array([0.5, 1.0, 1.75, 3.5])[:, None]
    cs = np.array([0.1, 0.5, 0.8, 1.0])[None, :]
    mask = region.mask({"b": bs, "c": cs})
    assert mask.shape == (4, 4)
    for i, j in itertools.product(range(4), range(4)):
        expected = region.contains(b=Fraction(str(bs[i, 0])), c=Fraction(str(cs[0, j])))
        assert mask[i, j] == expected
    with pytest.raises(UnknownParameterError):
        region.mask({"x": [1.0]})
    with pytest.raises(UnboundParameterError):
        region.mask({"b": [1.0]})


def test_region_algebra_matches_pointwise_logic():
    b, c = Parameter("b", "real"), Parameter("c", "real")
    r1 = Region(b.symbol > c.symbol, [b, c])
    r2 = Region(b.symbol + c.symbol <= 1, [b, c])
    for bv, cv in itertools.product(range(-2, 3), repeat=2):
        x, y = r1.contains(b=bv, c=cv), r2.contains(b=bv, c=cv)
        assert (r1 & r2).contains(b=bv, c=cv) == (x and y)
        assert (r1 | r2).contains(b=bv, c=cv) == (x or y)
        assert (~r1).contains(b=bv, c=cv) == (not x)


def test_region_display_forms():
    b, c = Parameter("b", "positive"), Parameter("c", "positive")
    region = Region(b.symbol >= 2 * c.symbol, [b, c])
    assert str(region) == "b >= 2*c"
    assert region.latex() == r"b \geq 2 c"
    assert region._repr_latex_() == r"$b \geq 2 c$"
    assert sympy.sympify(str(region), locals={"b": b.symbol, "c": c.symbol}) == region.condition


def test_region_refuses_text_and_non_booleans():
    with pytest.raises(ExpressionError):
        Region("b > c")
    with pytest.raises(ExpressionError):
        Region(sympy.Symbol("b") + 1)
    with pytest.raises(UnknownParameterError):
        Region(sympy.Symbol("z") > 0, ["b"])


# -- equilibrium regions ----------------------------------------------------------------


def test_burden_sharing_regions_in_closed_form():
    regions = equilibrium_regions(burden_sharing())
    by_label = {eq.label: (eq, region) for eq, region in regions.entries}
    assert set(by_label) == {
        "(Contribute, Free-ride)",
        "(Free-ride, Contribute)",
        "(Free-ride, Free-ride)",
        "mixed (Contribute+Free-ride, Contribute+Free-ride)",
    }
    b, c = sympy.symbols("b c", positive=True)
    mixed, region = by_label["mixed (Contribute+Free-ride, Contribute+Free-ride)"]
    assert sympy.simplify(mixed.strategies[0][0] - (b - c) / b) == 0
    assert sympy.simplify(mixed.payoffs[0] - (b - c)) == 0
    assert str(region) == "b >= c"
    assert str(by_label["(Free-ride, Free-ride)"][1]) == "c >= b"


@pytest.mark.parametrize("point", [{"b": 3, "c": 1}, {"b": 1, "c": 2}, {"b": "5/2", "c": "7/3"}])
def test_regions_agree_with_gambit_and_vertex_enumeration(point):
    game = burden_sharing()
    regions = equilibrium_regions(game)
    numeric = game.at(**point)
    assert predicted_keys(regions, **point) == gambit_keys(numeric)
    assert predicted_keys(regions, **point) == {e.key() for e in nash_equilibria(numeric)}


def test_fully_symbolic_2x2_has_four_pure_and_one_mixed_candidate():
    names = ["a11", "a12", "a21", "a22", "b11", "b12", "b21", "b22"]
    game = NormalFormGame(
        [[["a11", "a12"], ["a21", "a22"]], [["b11", "b12"], ["b21", "b22"]]], parameters=names
    )
    regions = equilibrium_regions(game)
    assert [eq.is_pure for eq in regions] == [True, True, True, True, False]
    rng = np.random.default_rng(7)
    for _ in range(12):
        values = {n: int(v) for n, v in zip(names, rng.integers(-5, 6, size=8), strict=True)}
        numeric = game.at(**values)
        if any(
            abs(float(e.subs(values))) == 0
            for e in (sympy.sympify(x) for x in map(str, regions.boundaries))
        ):
            continue
        assert predicted_keys(regions, **values) == gambit_keys(numeric)


def test_degenerate_game_with_a_structural_tie_matches_the_extreme_equilibria():
    # The column player is indifferent between its strategies whatever the row
    # player does: a segment of equilibria, whose vertices the regions must list.
    game = NormalFormGame(
        [[["x", 0], [1, "y"]], [[1, 1], [2, 2]]],
        parameters={"x": "real", "y": "real"},
    )
    regions = equilibrium_regions(game)
    for x, y in [(2, 3), (-1, 2), (3, -2), ("1/2", "-1/3")]:
        numeric = game.at(x=x, y=y)
        assert predicted_keys(regions, x=x, y=y) == gambit_keys(numeric)


def test_three_by_three_parameterised_game_agrees_with_gambit():
    game = NormalFormGame(
        [
            [["t", 0, 1], [1, "t", 0], [0, 1, "t"]],
            [[0, 1, "s"], ["s", 0, 1], [1, "s", 0]],
        ],
        parameters={"t": "real", "s": "real"},
    )
    regions = equilibrium_regions(game)
    for t, s in [(0, 0), ("1/2", 2), (3, -1), (-2, "3/2"), ("5/4", "1/3")]:
        point = {"t": t, "s": s}
        subs = {sympy.Symbol(k, real=True): sympy.Rational(str(v)) for k, v in point.items()}
        if any(e.xreplace(subs) == 0 for e in regions.boundaries):
            continue
        assert predicted_keys(regions, **point) == gambit_keys(game.at(**point))


def test_numeric_game_regions_are_true_or_absent():
    pd = symmetric(3, 0, 5, 1)
    regions = equilibrium_regions(pd)
    assert len(regions) == 1
    ((eq, region),) = regions.entries
    assert eq.label == "(2, 2)" or eq.label == "(D, D)"
    assert region.condition is sympy.true


def test_pure_concept_for_three_players_agrees_with_pure_equilibria():
    # A volunteer's dilemma: each of three allies may pay c to provide b to all.
    def payoff(i, profile):
        someone = any(s == 0 for s in profile)
        return ("b" if someone else "0") + (" - c" if profile[i] == 0 else "")

    arrays = [np.empty((2, 2, 2), dtype=object) for _ in range(3)]
    for profile in itertools.product(range(2), repeat=3):
        for i in range(3):
            arrays[i][profile] = payoff(i, profile)
    game = NormalFormGame(
        arrays,
        strategies=[["Volunteer", "Wait"]] * 3,
        parameters={"b": "positive", "c": "positive"},
    )
    regions = equilibrium_regions(game, concept="pure")
    for b, c in [(3, 1), (1, 3), ("5/2", "1/2")]:
        expected = {e.key() for e in pure_equilibria(game.at(b=b, c=c))}
        assert predicted_keys(regions, b=b, c=c) == expected
    labels = {eq.label: str(r) for eq, r in regions.entries}
    assert labels["(Volunteer, Wait, Wait)"] == "b >= c"
    assert labels["(Wait, Wait, Wait)"] == "c >= b"
    with pytest.raises(SolverError, match="two-player"):
        equilibrium_regions(game)


def test_regions_to_dict_is_the_interface_json_and_reads_back():
    game = burden_sharing()
    regions = equilibrium_regions(game)
    data = json.loads(conditions_to_json(regions))
    assert data["parameters"] == ["b", "c"]
    assert len(data["regions"]) == len(regions)
    symbols = {name: game.parameters[name].symbol for name in data["parameters"]}
    for entry, (eq, region) in zip(data["regions"], regions.entries, strict=True):
        assert set(entry) >= {"strategies", "payoffs", "condition"}
        condition = sympy.sympify(entry["condition"], locals=symbols)
        for b, c in [(3, 1), (1, 3), (2, 2)]:
            at = condition.subs({symbols["b"]: b, symbols["c"]: c})
            assert bool(at) == region.contains(b=b, c=c)
        strategies = [[sympy.sympify(p, locals=symbols) for p in s] for s in entry["strategies"]]
        assert all(
            sympy.simplify(x - y) == 0
            for s, t in zip(strategies, eq.strategies, strict=True)
            for x, y in zip(s, t, strict=True)
        )
    assert regions.latex().startswith("\\begin{cases}")
    assert "Contribute" in str(regions)


def test_regions_at_returns_a_solver_result():
    regions = equilibrium_regions(burden_sharing())
    result = regions.at(b=2, c=1)
    assert result.method == "equilibrium regions"
    assert len(result) == 3 and result.exact
    assert all(e.certify() for e in result)


def test_bad_input_to_equilibrium_regions():
    with pytest.raises(GameError):
        equilibrium_regions("not a game")
    with pytest.raises(SolverError, match="concept"):
        equilibrium_regions(burden_sharing(), concept="correlated")


# -- classification ------------------------------------------------------------------------


TEXTBOOK = {
    "Prisoner's Dilemma": (3, 0, 5, 1),  # T > R > P > S
    "Chicken": (3, 1, 5, 0),  # T > R > S > P
    "Stag Hunt": (5, 0, 3, 1),  # R > T > P > S
    "Harmony": (5, 3, 1, 0),  # R > T, S > P
    "Deadlock": (1, 0, 5, 3),  # T > P > R > S
}


def test_symmetric_classification_is_derived_and_matches_textbook_orderings():
    names = ["R", "S", "T", "P"]
    generic = symmetric("R", "S", "T", "P", parameters=names)
    classes = classify_symmetric_2x2(generic)
    assert set(classes) >= set(TEXTBOOK)
    for name, (r, s, t, p) in TEXTBOOK.items():
        point = {"R": r, "S": s, "T": t, "P": p}
        inside = [k for k, region in classes.items() if region.contains(**point)]
        assert inside == [name]
    assert str(classes["Prisoner's Dilemma"]) == "(P > S) & (R > P) & (T > R)"
    assert str(classes["Chicken"]) == "(R > S) & (S > P) & (T > R)"
    # Ties are boundaries between the classes: in the class "tie" alone.
    assert [k for k, r in classes.items() if r.contains(R=3, S=0, T=3, P=1)] == ["tie"]
    assert str(classes["tie"]) == (
        "Eq(R, P) | Eq(S, P) | Eq(S, R) | Eq(T, P) | Eq(T, R) | Eq(T, S)"
    )


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_each_class_has_the_textbook_equilibria(name):
    game = symmetric(*TEXTBOOK[name])
    keys = gambit_keys(game)
    pure = {tuple(s.index(1) for s in k) for k in keys if all(max(x) == 1 for x in k)}
    expected = {
        "Prisoner's Dilemma": ({(1, 1)}, 1),
        "Deadlock": ({(1, 1)}, 1),
        "Harmony": ({(0, 0)}, 1),
        "Stag Hunt": ({(0, 0), (1, 1)}, 3),
        "Chicken": ({(0, 1), (1, 0)}, 3),
    }[name]
    assert (pure, len(keys)) == expected
    # the regions predict the same equilibria
    assert predicted_keys(equilibrium_regions(game)) == keys


def test_burden_sharing_classification_in_parameters():
    game = symmetric("2*b - c", "b - c", "b", 0, parameters={"b": "positive", "c": "positive"})
    classes = classify_symmetric_2x2(game)
    assert str(classes["Prisoner's Dilemma"]) == "(c > b) & (2*b > c)"
    assert str(classes["Harmony"]) == "b > c"
    assert classes["Chicken"].is_empty() and classes["Stag Hunt"].is_empty()


def test_classification_refuses_asymmetric_games():
    with pytest.raises(GameError, match="symmetric"):
        classify_symmetric_2x2(NormalFormGame([[[1, 2], [3, 4]], [[1, 2], [3, 4]]]))
    with pytest.raises(GameError, match="2x2"):
        classify_symmetric_2x2(NormalFormGame([[[1, 2, 3]], [[1, 2, 3]]]))


# -- thresholds ----------------------------------------------------------------------------


def patron_parameters():
    k_P, v, r = (Parameter(n, "positive") for n in ("k_P", "v", "r"))
    pi_D, pi_S = Parameter("pi_D", "[0, 1]"), Parameter("pi_S", "[0, 1]")
    return k_P, v, r, pi_D, pi_S


def test_threshold_solves_for_the_reputation_parameter():
    k_P, v, r, pi_D, pi_S = patron_parameters()
    cond = Region(
        v.symbol * (pi_D.symbol - pi_S.symbol) + r.symbol >= k_P.symbol, [k_P, v, r, pi_D, pi_S]
    )
    solved = threshold(cond, "r")
    assert str(solved) == "r >= k_P - v*(pi_D - pi_S)"
    rng = np.random.default_rng(3)
    for _ in range(30):
        point = {
            "k_P": Fraction(int(rng.integers(1, 9)), 4),
            "v": Fraction(int(rng.integers(1, 9)), 3),
            "r": Fraction(int(rng.integers(1, 9)), 5),
            "pi_D": Fraction(int(rng.integers(0, 5)), 4),
            "pi_S": Fraction(int(rng.integers(0, 5)), 4),
        }
        assert solved.contains(**point) == cond.contains(**point)


def test_threshold_flips_for_a_negative_coefficient_and_splits_on_unknown_sign():
    k, r, x = Parameter("k", "positive"), Parameter("r", "positive"), Parameter("x", "real")
    flipped = threshold(Region(k.symbol - 2 * r.symbol >= 0, [k, r]), "r")
    assert str(flipped) == "k/2 >= r" or str(flipped) == "r <= k/2"
    split = threshold(Region(x.symbol * r.symbol >= 1, [x, r]), "x")
    assert split.contains(x=1, r=2) and not split.contains(x="1/4", r=2)
    unknown = threshold(Region(x.symbol * r.symbol >= k.symbol, [x, r, k]), "r")
    for xv, rv, kv in itertools.product([-2, 0, 3], [1, 2], [1, 5]):
        expected = xv * rv >= kv
        assert unknown.contains(x=xv, r=rv, k=kv) == expected
    assert "x > 0" in str(unknown) and "x < 0" in str(unknown)


def test_threshold_refuses_nonlinear_conditions_and_unknown_parameters():
    r = Parameter("r", "positive")
    with pytest.raises(ExpressionError, match="not linear"):
        threshold(Region(r.symbol**2 >= 2, [r]), "r")
    with pytest.raises(UnknownParameterError):
        threshold(Region(r.symbol >= 2, [r]), "s")


# -- sequential games ---------------------------------------------------------------------


def deterrence():
    return SequentialGame(
        Decision(
            "Challenger",
            {
                "Status quo": Terminal([0, 0]),
                "Challenge": Decision(
                    "Patron",
                    {
                        "Defend": Terminal(["-1", "v*(pi_D - pi_S) + r - k_P"]),
                        "Abandon": Terminal([1, 0]),
                    },
                ),
            },
        ),
        parameters={
            "v": "positive",
            "pi_D": "[0, 1]",
            "pi_S": "[0, 1]",
            "r": "nonnegative",
            "k_P": "positive",
        },
    )


def spe_choices(game, **point):
    out = set()
    for e in subgame_perfect_equilibria(game.at(**point)):
        out.add(
            tuple(
                (h.label, h.actions[list(probs).index(1)])
                for h, probs in zip(game.infosets, e.profile, strict=True)
            )
        )
    return out


def test_credibility_of_defence_with_ties_kept():
    game = deterrence()
    some = credibility(game, "Patron after Challenge", "Defend", mode="some")
    every = credibility(game, "Patron after Challenge", "Defend")
    assert str(threshold(some, "r")) == "r >= k_P - v*(pi_D - pi_S)"
    tie = {"v": 2, "pi_D": "3/4", "pi_S": "1/4", "r": 0, "k_P": 1}
    assert some.contains(**tie) and not every.contains(**tie)
    assert len(spe_choices(game, **tie)) == 2
    for r in [0, "1/2", 2]:
        point = {**tie, "r": r}
        defended = {dict(c)["Patron after Challenge"] for c in spe_choices(game, **point)}
        assert some.contains(**point) == ("Defend" in defended)
        assert every.contains(**point) == (defended == {"Defend"})


def test_spe_regions_agree_with_backward_induction_at_points():
    game = deterrence()
    result = spe_regions(game)
    for point in [
        {"v": 2, "pi_D": "3/4", "pi_S": "1/4", "r": 0, "k_P": 1},
        {"v": 1, "pi_D": 1, "pi_S": 0, "r": 1, "k_P": 3},
        {"v": 5, "pi_D": "1/2", "pi_S": "1/3", "r": "1/10", "k_P": "1/2"},
    ]:
        assert {eq.choices for eq in result.equilibria_at(**point)} == spe_choices(game, **point)
    data = result.to_dict()
    assert data["concept"] == "spe" and len(data["regions"]) == 2
    assert data["regions"][0]["path"] == ["Status quo"]


def test_credibility_rejects_unknown_infosets_and_actions():
    game = deterrence()
    with pytest.raises(GameError, match="information set"):
        credibility(game, "Nobody", "Defend")
    with pytest.raises(GameError, match="no action"):
        credibility(game, "Patron after Challenge", "Retreat")
    with pytest.raises(GameError, match="mode"):
        credibility(game, "Patron after Challenge", "Defend", mode="most")


def test_spe_regions_refuse_imperfect_information():
    game = SequentialGame(
        Decision(
            "A",
            {
                "L": Decision("B", {"l": Terminal([1, 1]), "r": Terminal([0, 0])}, infoset="h"),
                "R": Decision("B", {"l": Terminal([0, 0]), "r": Terminal([1, 1])}, infoset="h"),
            },
        )
    )
    with pytest.raises(SolverError, match="perfect information"):
        spe_regions(game)


def test_credibility_on_a_normal_form_game():
    game = burden_sharing()
    some = credibility(game, "Row", "Contribute", mode="some")
    every = credibility(game, "Row", "Contribute")
    assert some.contains(b=3, c=1) and not some.contains(b=1, c=3)
    assert not every.contains(b=3, c=1)  # (Free-ride, Contribute) is an equilibrium too


# -- repeated games -------------------------------------------------------------------------


def test_grim_trigger_threshold_of_the_prisoners_dilemma():
    names = {"R": "real", "S": "real", "T": "real", "P": "real"}
    pd = symmetric("R", "S", "T", "P", parameters=names)
    gt = grim_trigger_threshold(pd, ("C", "C"), ("D", "D"))
    R, _S, T, P = (pd.parameters[n].symbol for n in "RSTP")
    assert sympy.simplify(gt.thresholds["Row"] - (T - R) / (T - P)) == 0
    assert sympy.simplify(gt.threshold - (T - R) / (T - P)) == 0
    point = {"R": 3, "S": 0, "T": 5, "P": 1}
    assert gt.condition.contains(**point, delta="1/2")
    assert not gt.condition.contains(**point, delta="49/100")


def test_grim_trigger_finds_the_punishment_and_checks_it_is_an_equilibrium():
    pd = symmetric("b - c", "-c", "b", 0, parameters={"b": "positive", "c": "positive"})
    gt = grim_trigger_threshold(pd, ("C", "C"))
    assert gt.punishment == ("D", "D")
    assert str(gt.condition) == "delta >= c/b" or str(gt.condition) == "b*delta >= c"
    for b, c, d in [(2, 1, "1/2"), (2, 1, "2/5"), (5, 4, "9/10"), (5, 4, "3/4")]:
        # Direct check of the one-shot deviation inequality.
        bb, cc, dd = Fraction(b), Fraction(c), Fraction(d)
        assert gt.condition.contains(b=b, c=c, delta=d) == ((bb - cc) / (1 - dd) >= bb)
    stag = symmetric(4, 0, 3, 3)
    with pytest.raises(GameError, match="punishment"):
        grim_trigger_threshold(stag, ("C", "C"))


def test_catalogue_models_are_accepted_and_agree_at_their_defaults():
    from gametheory_alliances.catalogue import load_model

    model = load_model("burden-sharing")
    regions = equilibrium_regions(model)
    defaults = {name: p.default for name, p in model.parameters.items()}
    assert predicted_keys(regions, **defaults) == gambit_keys(model.at())
    tree = load_model("entrapment")
    spe = equilibrium_regions(tree, concept="spe")
    numeric = spe_choices(tree.game, **{n: p.default for n, p in tree.parameters.items()})
    at_defaults = {eq.choices for eq in spe.equilibria_at()}
    assert at_defaults == numeric


def test_payoffs_with_parameter_denominators_keep_the_signs_right():
    # 1/c changes sign with c: the conditions must not assume a positive denominator.
    game = NormalFormGame(
        [[["b/c", 1], [0, "1/c"]], [["1/c", 0], ["c - b", "b/c"]]],
        parameters={"b": "real", "c": "real"},
    )
    regions = equilibrium_regions(game)
    for b, c in itertools.product([-3, "1/2", 5], [-2, "-1/3", "1/2", 3]):
        assert predicted_keys(regions, b=b, c=c) == gambit_keys(game.at(b=b, c=c))


def test_latex_of_results():
    regions = equilibrium_regions(burden_sharing())
    text = regions.latex()
    assert text.count("\\\\") == len(regions) - 1
    assert "b \\geq c" in text
    spe = spe_regions(deterrence())
    assert spe.latex().startswith("\\begin{cases}") and "\\geq" in spe.latex()
    assert regions._repr_latex_().startswith("$$")
