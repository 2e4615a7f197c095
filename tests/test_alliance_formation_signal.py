"""The alliances-as-costly-signals models, cross-checked by hand-written brute force.

Both the base model and its reneging variant (an ally that stays out pays r)
are checked.

The oracle below knows nothing of the toolkit's signalling solver: payoffs are
written out from the model's description, every pure profile of the
guarantor (a message per type) and the challenger (a response per message) is
tried, sequential rationality is checked directly, beliefs follow Bayes' rule
on the path and are searched on an exact grid off the path.
"""

import itertools
from fractions import Fraction as F

import pytest
import sympy

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.sequential import Chance, Decision, Terminal
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
from gametheory_alliances.symbolic.signalling import pbe_regions

TYPES = ("High", "Low")
MESSAGES = ("Ally", "No alliance")
RESPONSES = ("Challenge", "Not challenge")
BELIEF_GRID = [F(i, 120) for i in range(121)]

DEFAULTS = {
    "p": F(1, 3),
    "k": F(3, 4),
    "v_H": F(2),
    "v_L": F(1, 2),
    "c_G": F(1),
    "b": F(1),
    "c_C": F(1),
}


@pytest.fixture(scope="module")
def model():
    return load_model("alliance-formation-signal")


def point(**changes):
    return {**DEFAULTS, **{n: F(v) for n, v in changes.items()}}


def leaf(x, t, m, r, fight):
    """(guarantor, challenger) payoffs at the end of a play, from the model's description."""
    v = x["v_H"] if t == "High" else x["v_L"]
    cost = x["k"] if m == "Ally" else 0
    if r == "Not challenge":
        return v - cost, F(0)
    if fight:
        return v - x["c_G"] - cost, -x["c_C"]
    # the reneging variant: an ally that stays out also pays r (absent from the base model)
    reneging = x.get("r", 0) if m == "Ally" else 0
    return -cost - reneging, x["b"]


def fights(x, t, m):
    """The guarantor's sequentially rational choice when challenged (strict under the assumptions)."""
    war, left = leaf(x, t, m, "Challenge", True)[0], leaf(x, t, m, "Challenge", False)[0]
    assert war != left, "the test points avoid the continuation tie"
    return war > left


def outcome(x, t, m, r):
    return leaf(x, t, m, r, fights(x, t, m))


def challenger_value(x, mu, m, r):
    """The challenger's expected payoff of response r after m, believing High with probability mu."""
    return mu * outcome(x, "High", m, r)[1] + (1 - mu) * outcome(x, "Low", m, r)[1]


def best_given(x, mu, m, r):
    return all(challenger_value(x, mu, m, r) >= challenger_value(x, mu, m, o) for o in RESPONSES)


def brute_force(x):
    """Every pure PBE: {(sender, receiver): supporting beliefs after each unsent message}."""
    prior = {"High": x["p"], "Low": 1 - x["p"]}
    found = {}
    for sender in itertools.product(MESSAGES, repeat=2):
        send = dict(zip(TYPES, sender, strict=True))
        for receiver in itertools.product(RESPONSES, repeat=2):
            respond = dict(zip(MESSAGES, receiver, strict=True))
            ok = all(
                outcome(x, t, send[t], respond[send[t]])[0] >= outcome(x, t, m, respond[m])[0]
                for t in TYPES
                for m in MESSAGES
            )
            beliefs = {}
            for m in MESSAGES:
                weight = sum(prior[t] for t in TYPES if send[t] == m)
                if weight > 0:
                    mu = sum(prior[t] for t in TYPES if send[t] == m and t == "High") / weight
                    ok = ok and best_given(x, mu, m, respond[m])
                else:
                    support = [mu for mu in BELIEF_GRID if best_given(x, mu, m, respond[m])]
                    ok = ok and bool(support)
                    beliefs[m] = (min(support), max(support)) if support else None
            if ok:
                found[(sender, receiver)] = beliefs
    return found


def toolkit_pure(model, x):
    result = perfect_bayesian_equilibria(model.at(**x))
    out = {}
    for eq in result:
        if not eq.is_pure:
            continue
        sender = tuple(MESSAGES[row.index(1)] for row in eq.sender)
        receiver = tuple(RESPONSES[row.index(1)] for row in eq.receiver)
        beliefs = {b.message: tuple(b.interval) for b in eq.beliefs if not b.on_path}
        assert (sender, receiver) not in out, "a pure equilibrium is listed twice"
        out[(sender, receiver)] = beliefs
    return result, out


POINTS = [
    point(),  # inside the window, the prior does not deter
    point(k="1/4"),  # below the window
    point(k="3/2"),  # above the window
    point(p="3/4", k="1/4"),  # below the window, the prior deters
    point(p="3/4", k="3/4"),  # inside, the prior deters
    point(p="1/6", k="7/6", v_H=3, v_L="1/3", c_G=2, b=2, c_C=1),
    point(p="2/3", k="1/8", v_H="5/4", v_L="3/4", c_G=1, b=1, c_C=3),
]


def test_the_model_file_has_the_payoffs_of_the_description(model):
    x = point(p="2/5", k="2/7", v_H="7/3", v_L="2/9", c_G="5/4", b="3/2", c_C="4/5")
    tree = model.at(**x).root
    assert isinstance(tree, Chance)
    assert {t: F(str(q)) for t, (q, _) in tree.outcomes.items()} == {
        "High": F(2, 5),
        "Low": F(3, 5),
    }
    seen = 0
    for t, (_, guarantor) in tree.outcomes.items():
        assert isinstance(guarantor, Decision) and tuple(guarantor.actions) == MESSAGES
        for m, challenger in guarantor.actions.items():
            assert tuple(challenger.actions) == RESPONSES
            quiet = challenger.actions["Not challenge"]
            assert isinstance(quiet, Terminal)
            assert tuple(F(str(u)) for u in quiet.payoffs) == leaf(x, t, m, "Not challenge", False)
            after = challenger.actions["Challenge"]
            for action, fight in (("Intervene", True), ("Stay out", False)):
                end = after.actions[action]
                assert tuple(F(str(u)) for u in end.payoffs) == leaf(x, t, m, "Challenge", fight)
                seen += 1
    assert seen == 8


@pytest.mark.parametrize("x", POINTS, ids=[f"p={x['p']},k={x['k']}" for x in POINTS])
def test_pure_equilibria_and_off_path_beliefs_match_brute_force(model, x):
    _, ours = toolkit_pure(model, x)
    theirs = brute_force(x)
    assert set(ours) == set(theirs)
    assert ours == theirs  # the supporting belief intervals too (the threshold lies on the grid)


@pytest.mark.parametrize("x", POINTS, ids=[f"p={x['p']},k={x['k']}" for x in POINTS])
def test_separation_happens_exactly_inside_the_window(model, x):
    separating = (("Ally", "No alliance"), ("Not challenge", "Challenge"))
    inside = x["v_L"] <= x["k"] <= x["c_G"]
    assert (separating in brute_force(x)) == inside
    result = perfect_bayesian_equilibria(model.at(**x))
    assert any(eq.classification == "separating" for eq in result) == inside
    if x["k"] > x["c_G"]:
        assert all(eq.sender[0][0] == 0 and eq.sender[1][0] == 0 for eq in result)


def test_the_semi_separating_equilibrium_below_the_window_checked_by_hand(model):
    x = point(p="1/4", k="1/4")
    result = perfect_bayesian_equilibria(model.at(**x))
    semis = [eq for eq in result if eq.classification == "semi-separating"]
    assert len(semis) == 1
    eq = semis[0]
    s = x["c_C"] * x["p"] / (x["b"] * (1 - x["p"]))  # the low type's probability of allying
    r = 1 - x["k"] / x["v_L"]  # the challenge probability after an alliance
    assert eq.sender == ((1, 0), (s, 1 - s))
    assert eq.receiver == ((r, 1 - r), (1, 0))
    # Bayes' rule leaves the challenger indifferent after an alliance ...
    mu = x["p"] / (x["p"] + (1 - x["p"]) * s)
    assert challenger_value(x, mu, "Ally", "Challenge") == challenger_value(
        x, mu, "Ally", "Not challenge"
    )
    # ... and after no alliance (only the low type) it challenges.
    assert best_given(x, F(0), "No alliance", "Challenge")

    def value(t, m):
        q = r if m == "Ally" else 1
        return q * outcome(x, t, m, "Challenge")[0] + (1 - q) * outcome(x, t, m, "Not challenge")[0]

    assert value("Low", "Ally") == value("Low", "No alliance")
    assert value("High", "Ally") >= value("High", "No alliance")
    # Some alliances are abandoned: the low type allies, is challenged, stays out.
    assert eq.outcome_probabilities()[("Low", "Ally", "Challenge", "Stay out")] == (
        (1 - x["p"]) * s * r
    )
    assert eq.probability("abandonment") > (1 - x["p"]) * (1 - s)  # more than the unallied


def test_intuitive_criterion_rejects_pooling_held_up_by_a_pessimistic_belief(model):
    x = point()  # k = 3/4 inside the window, p = 1/3 below the challenger's threshold 1/2
    result = perfect_bayesian_equilibria(model.at(**x))
    pooling = [
        eq
        for eq in result
        if eq.is_pure and eq.sender == ((0, 1), (0, 1)) and eq.receiver == ((1, 0), (1, 0))
    ]
    assert len(pooling) == 1
    eq = pooling[0]
    # By hand: equilibrium payoffs, and the best an alliance could bring each type.
    pay = {t: outcome(x, t, "No alliance", "Challenge")[0] for t in TYPES}
    best_ally = {t: max(outcome(x, t, "Ally", r)[0] for r in RESPONSES) for t in TYPES}
    dominated = [t for t in TYPES if pay[t] > best_ally[t]]
    assert dominated == ["Low"]
    # Believing the ally high-value, the challenger stays quiet; the high type gains.
    assert best_given(x, F(1), "Ally", "Not challenge")
    assert outcome(x, "High", "Ally", "Not challenge")[0] > pay["High"]
    assert eq.off_path_rule == "after Ally: any belief with Pr(High | Ally) in [0, 1/2]"
    assert not eq.survives_intuitive_criterion
    assert eq.intuitive_criterion == (
        {"message": "Ally", "equilibrium_dominated": ["Low"], "deviating_types": ["High"]},
    )
    survivors = [e for e in result if e.survives_intuitive_criterion]
    assert [e.classification for e in survivors] == ["separating"]
    assert all(bool(e.certify()) for e in result)


def test_above_the_window_pooling_on_no_alliance_survives_the_intuitive_criterion(model):
    x = point(k="3/2")
    result = perfect_bayesian_equilibria(model.at(**x))
    assert result and all(eq.survives_intuitive_criterion for eq in result)
    for eq in result:
        (mark,) = eq.intuitive_criterion
        assert mark["equilibrium_dominated"] == ["High", "Low"] and not mark["deviating_types"]


@pytest.fixture(scope="module")
def regions(model):
    symbols = model.parameters
    return pbe_regions(model, assumptions=[symbols["p"].symbol > 0, symbols["p"].symbol < 1])


def test_symbolic_regions_agree_with_brute_force_on_a_grid(model, regions):
    checked = 0
    for p, k in itertools.product(
        [F(1, 5), F(1, 2), F(4, 5)], [F(1, 4), F(1, 2), F(3, 4), F(1), F(2)]
    ):
        x = point(p=p, k=k)
        theirs = set(brute_force(x))
        ours = {
            (
                tuple(r.sender[t] for t in TYPES),
                tuple(r.receiver[m] for m in MESSAGES),
            )
            for r in regions.at(**x)
            if r.classification != "semi-separating"
        }
        assert ours == theirs, x
        checked += 1
    assert checked == 15


def test_the_separating_region_is_the_window(model, regions):
    (sep,) = [
        r
        for r in regions
        if r.sender == {"High": "Ally", "Low": "No alliance"}
        and r.receiver == {"Ally": "Not challenge", "No alliance": "Challenge"}
    ]
    # every other separating profile needs a free alliance (k = 0) and a sure type
    others = [r for r in regions if r.classification == "separating" and r is not sep]
    assert others
    for r in others:
        for p, k in itertools.product(["1/5", "1/3", "4/5"], [0, "1/100", "1/2", 1, 2]):
            assert not r.region.contains(p=p, k=k)
    k, v_L, c_G = (model.parameters[n].symbol for n in ("k", "v_L", "c_G"))
    atoms = set(sep.region.condition.args)
    assert sympy.Le(v_L, k) in atoms or sympy.Ge(k, v_L) in atoms
    assert sympy.Le(k, c_G) in atoms or sympy.Ge(c_G, k) in atoms
    for k_value, inside in [
        ("1/4", False),
        ("1/2", True),
        ("3/4", True),
        ("1", True),
        ("5/4", False),
    ]:
        assert sep.region.contains(p="1/3", k=k_value) == inside


# -- the reneging variant --------------------------------------------------------------


@pytest.fixture(scope="module")
def reneging():
    return load_model("alliance-formation-signal-reneging")


# r = 1/8 keeps v_L + r < c_G at every point (hands tied only partly)
RENEGING_POINTS = (
    [{**x, "r": F(1, 8)} for x in POINTS]
    + [point(k="1/2", r="3/8")]
    + [{**x, "r": F(3, 4)} for x in POINTS[:5]]  # hands fully tied: r > c_G - v_L
)


@pytest.mark.parametrize(
    "x", RENEGING_POINTS, ids=[f"p={x['p']},k={x['k']},r={x['r']}" for x in RENEGING_POINTS]
)
def test_reneging_variant_pure_equilibria_match_brute_force(reneging, x):
    _, ours = toolkit_pure(reneging, x)
    assert ours == brute_force(x)


def test_reneging_variant_has_the_cost_on_the_allied_abandonment_leaves_only(reneging):
    x = point(p="2/5", k="2/7", v_L="2/9", c_G="5/4", r="1/3")
    tree = reneging.at(**x).root
    for t, (_, guarantor) in tree.outcomes.items():
        for m, challenger in guarantor.actions.items():
            end = challenger.actions["Challenge"].actions["Stay out"]
            assert tuple(F(str(u)) for u in end.payoffs) == leaf(x, t, m, "Challenge", False)
    assert leaf(x, "Low", "Ally", "Challenge", False)[0] == -x["k"] - x["r"]
    assert leaf(x, "Low", "No alliance", "Challenge", False)[0] == 0


@pytest.mark.parametrize("r", ["0", "1/8", "3/8"])
def test_reneging_lowers_challenges_of_allies_but_not_the_reliability_of_a_tested_alliance(
    reneging, r
):
    x = point(p="1/4", k="1/4", r=r)
    (eq,) = [
        e
        for e in perfect_bayesian_equilibria(reneging.at(**x))
        if e.classification == "semi-separating" and 0 < e.sender[1][0] < 1
    ]
    # by hand: the low type is indifferent between allying and not
    rho = eq.receiver[0][0]
    assert rho * (-x["k"] - x["r"]) + (1 - rho) * (x["v_L"] - x["k"]) == 0
    assert rho == (x["v_L"] - x["k"]) / (x["v_L"] + x["r"])
    outcomes = eq.outcome_probabilities()
    honoured = outcomes[("High", "Ally", "Challenge", "Intervene")]
    abandoned = outcomes[("Low", "Ally", "Challenge", "Stay out")]
    assert honoured / (honoured + abandoned) == x["b"] / (x["b"] + x["c_C"])
    assert abandoned > 0


def test_hands_fully_tied_the_low_type_honours_a_tested_alliance(reneging):
    x = point(p="1/4", k="1/4", r="3/4")  # r > c_G - v_L = 1/2
    assert fights(x, "Low", "Ally") and not fights(x, "Low", "No alliance")
    for eq in perfect_bayesian_equilibria(reneging.at(**x)):
        outcomes = eq.outcome_probabilities()
        assert outcomes.get(("Low", "Ally", "Challenge", "Stay out"), 0) == 0
        assert outcomes.get(("High", "Ally", "Challenge", "Stay out"), 0) == 0
