"""The outcome predicates agree across their three evaluations, ties included.

Points are drawn from values that put the entrapment model on its ties (the
protege attacked whatever its policy, the patron indifferent about defending,
the challenger indifferent about attacking): the symbolic regions
(``outcome_regions``), the point-by-point predicates (``outcome_table``, which
count a baseline tie broken by the commitment) and the sweep's vectorised
columns must agree at every point.
"""

from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.predicates import outcome_table
from gametheory_alliances.sweep import sweep
from gametheory_alliances.sweep.predicates import outcome_columns
from gametheory_alliances.symbolic.predicates import outcome_regions

MODEL = load_model("entrapment")
# pi_S + k_C = 2/5 and pi_D + k_C = 4/5 are the challenger's ties; k_P = 2/5 the patron's.
POINTS = st.fixed_dictionaries(
    {
        "x": st.sampled_from(["3/10", "2/5", "1/2", "4/5"]),
        "g": st.sampled_from(["0", "1/10", "1/5", "2/5"]),
        "k_P": st.sampled_from(["2/5", "1/2"]),
        "r_M": st.sampled_from(["0", "1/10", "1/5"]),
        "r_R": st.sampled_from(["0", "1/10", "1/5"]),
    }
).filter(lambda p: Fraction(p["x"]) + Fraction(p["g"]) <= 1)


@pytest.fixture(scope="module")
def regions():
    return outcome_regions(MODEL)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(POINTS)
def test_regions_and_point_predicates_agree_on_and_off_the_ties(regions, point):
    table = outcome_table(MODEL, **point)
    for name in MODEL.outcomes.names:
        assert regions[name].contains(**point) == any(row[name] for row in table), (name, point)


@settings(max_examples=15, deadline=None)
@given(POINTS)
def test_vectorised_columns_equal_the_point_predicates(point):
    grid = {"r_M": [point["r_M"], "1/5"], "r_R": [point["r_R"], "0"]}
    fixed = {k: v for k, v in point.items() if k not in grid}
    table = sweep(MODEL, grid, fixed, invalid="drop")
    bare = sweep(MODEL, grid, fixed, invalid="drop", outcomes=False)
    pd.testing.assert_frame_equal(table, outcome_columns(bare, MODEL), check_exact=True)
