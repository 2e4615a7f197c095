"""Hostile input: every reader either loads its input or raises a GameError, quickly.

The fuzz tests mutate valid inputs (the catalogue's model files, the example
games, small hand-written ``.nfg``/``.efg`` texts and expressions) by deleting,
duplicating and replacing tokens and lines, and by inserting huge numbers, NaN,
unicode, deep nesting and Python constructs that must never run. Each input
must load or raise an error of the GameError family; any other exception is a
bug, and so is a call that takes more than a few seconds (a SIGALRM guard fails
the test instead of letting it hang). The regression tests pin each bug these
tests found; the command-line tests check exit status 2 and one line on stderr.
"""

from __future__ import annotations

import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory_alliances.cli import main
from gametheory_alliances.errors import (
    ExpressionError,
    FileFormatError,
    GameError,
    PayoffError,
    TooLargeError,
)
from gametheory_alliances.expressions import parse_condition, parse_expression
from gametheory_alliances.io.efg import parse_efg
from gametheory_alliances.io.model_file import grid_value_count, parse_model
from gametheory_alliances.io.nfg import parse_nfg
from gametheory_alliances.normal_form import NormalFormGame
from gametheory_alliances.parameters import Parameter, as_number

MODELS = Path(__file__).resolve().parents[1] / "models"
SECONDS = 5

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class _Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float = SECONDS) -> Iterator[None]:
    """Fail instead of hanging: a call that runs longer than ``seconds`` raises."""

    def alarm(signum: int, frame: Any) -> None:
        raise _Hang(f"took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def loads_or_refuses(load: Callable[[], Any]) -> Any:
    """Run ``load``; a GameError is a fine answer, any other exception or a hang is not."""
    with time_limit():
        try:
            return load()
        except GameError as exc:
            assert str(exc), "a GameError must say what is wrong"
            return exc


# -- mutations ---------------------------------------------------------------------------

HOSTILE = [
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e999",
    "1e-999",
    "1e99999999",
    "9" * 80,
    "1/0",
    "0/0",
    "-0",
    "1_0",
    "__import__('os')",
    "__import__('os').system('true')",
    "lambda: 0",
    "(lambda: 1)()",
    "x.__class__",
    "().__class__.__bases__",
    "[x][0]",
    "eval('1')",
    "open('/etc/passwd')",
    "sqrt(-1)",
    "log(-1)",
    "(-8)**(1/3)",
    "exp(10**999)",
    "10**999*10**999",
    "2**2**2**2",
    "Piecewise((1, 2))",
    "Piecewise((1, x))",
    "prob('Row', 'Nowhere')",
    "prob(",
    "count()",
    "payoff('Nobody')",
    "behaviour('x', 'y')",
    "(" * 150,
    ")" * 150,
    "(" * 60 + "1" + ")" * 60,
    "-" * 2000 + "1",
    "é",
    "ℌ",
    "\u202e",
    "\x00",
    "\ufeff",
    "x" * 300,
    "{",
    "}",
    "[",
    "]",
    "[[",
    "]]",
    '"',
    '"""',
    "'",
    "=",
    ",",
    "#",
    "\n",
    "true",
    "p",
    "c",
    "t",
    "{ 1 2 3 }",
    '"a" "a"',
    "99999999999",
    "-1",
    "0",
    "1/3",
]


def _split(text: str) -> list[str]:
    return re.split(r"(\s+)", text)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to three token or line edits drawn from :data:`HOSTILE`."""
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["delete", "duplicate", "replace", "insert", "line", "inner"]))
        if op == "line":
            lines = text.split("\n")
            j = draw(st.integers(0, len(lines) - 1))
            how = draw(st.sampled_from(["delete", "duplicate", "number"]))
            if how == "delete":
                del lines[j]
            elif how == "duplicate":
                lines.insert(j, lines[j])
            else:
                lines[j] = re.sub(r"\d+", draw(st.sampled_from(HOSTILE)), lines[j], count=1)
            text = "\n".join(lines)
            continue
        tokens = _split(text) or [""]
        i = draw(st.integers(0, len(tokens) - 1))
        if op == "delete":
            del tokens[i]
        elif op == "duplicate":
            tokens.insert(i, tokens[i])
        elif op == "replace":
            tokens[i] = draw(st.sampled_from(HOSTILE))
        elif op == "insert":
            tokens.insert(i, draw(st.sampled_from(HOSTILE)))
        else:
            # Replace the inside of a quoted string: a hostile expression in a payoff field.
            quoted = [k for k, t in enumerate(tokens) if re.search(r'"[^"]+"', t)]
            if quoted:
                k = draw(st.sampled_from(quoted))
                tokens[k] = re.sub(
                    r'"[^"]+"',
                    lambda m: '"' + draw(st.sampled_from(HOSTILE)).replace('"', "'") + '"',
                    tokens[k],
                    count=1,
                )
        text = "".join(tokens)
    return text


MODEL_FILES = sorted(MODELS.glob("*.toml"))
NFG_FILES = sorted((MODELS / "games").glob("*.nfg"))
EFG_FILES = sorted((MODELS / "games").glob("*.efg"))

SMALL_NFG = """NFG 1 R "small" { "Row" "Column" }
{ { "Up" "Down" } { "Left" "Right" } }
""
3 3 0 4
4 0 1 1
"""
SMALL_NFG_OUTCOMES = """NFG 1 R "outcomes" { "A" "B" } { { "a1" "a2" } { "b1" } }
{
{ "first" 1, 2 }
{ "second" 1/2, -3/4 }
}
1 2
"""
SMALL_EFG = """EFG 2 R "small tree" { "Entrant" "Incumbent" }
""
p "" 1 1 "" { "Out" "In" } 0
t "" 1 "Out" { 1, 2 }
c "" 1 "" { "h" 1/2 "l" 1/2 } 0
p "" 2 1 "" { "F" "A" } 0
t "" 2 "F" { 0, 0 }
t "" 3 "A" { 2, 1 }
p "" 2 1 "" { "F" "A" } 0
t "" 4 "F2" { 0, 0 }
t "" 5 "A2" { 2, 1 }
"""


def _load_model(text: str) -> Any:
    model = parse_model(text)
    game = model.game
    if callable(getattr(game, "at", None)):
        try:
            game.at()
        except GameError:
            pass
    return model


@FUZZ
@given(data=st.data())
def test_mutated_model_files_load_or_raise_a_game_error(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(MODEL_FILES))
    text = data.draw(mutated(path.read_text(encoding="utf-8")))
    loads_or_refuses(lambda: _load_model(text))


@FUZZ
@given(data=st.data())
def test_mutated_nfg_files_load_or_raise_a_game_error(data: st.DataObject) -> None:
    texts = [p.read_text(encoding="utf-8") for p in NFG_FILES] + [SMALL_NFG, SMALL_NFG_OUTCOMES]
    text = data.draw(mutated(data.draw(st.sampled_from(texts))))
    loads_or_refuses(lambda: parse_nfg(text))


@FUZZ
@given(data=st.data())
def test_mutated_efg_files_load_or_raise_a_game_error(data: st.DataObject) -> None:
    texts = [p.read_text(encoding="utf-8") for p in EFG_FILES] + [SMALL_EFG]
    text = data.draw(mutated(data.draw(st.sampled_from(texts))))
    loads_or_refuses(lambda: parse_efg(text))


# -- expressions ---------------------------------------------------------------------------

EXPRESSION_PIECES = [
    "x",
    "y",
    "1",
    "0",
    "0.1",
    "1e-400",
    "1e308",
    "10**999",
    "2",
    "pi",
    "E",
    "+",
    "-",
    "*",
    "/",
    "**",
    "(",
    ")",
    ",",
    "<",
    ">=",
    "==",
    "&",
    "|",
    "~",
    "True",
    "sqrt(",
    "log(",
    "exp(",
    "Abs(",
    "Max(",
    "Min(",
    "Piecewise((",
    "__import__(",
    "lambda:",
    ".real",
    "[0]",
    "'s'",
    "and",
    "if",
    "é",
    "\x00",
    "1j",
    ":=",
    "*[",
    "**{",
]


@FUZZ
@given(pieces=st.lists(st.sampled_from(EXPRESSION_PIECES), max_size=25))
def test_expression_text_parses_or_raises_an_expression_error(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for parse in (parse_expression, parse_condition):
        result = loads_or_refuses(lambda parse=parse: parse(text, ["x", "y"]))
        if isinstance(result, GameError):
            assert isinstance(result, ExpressionError)


@FUZZ
@given(
    text=st.text(alphabet=st.sampled_from("xy0129.e+-*/()<>=&|~,_ Pnq'\"[]:;\\é\x00"), max_size=40)
)
def test_arbitrary_short_text_parses_or_raises_an_expression_error(text: str) -> None:
    result = loads_or_refuses(lambda: parse_expression(text, ["x", "y"]))
    if not isinstance(result, GameError):
        # Whatever parses is a finite real payoff in the declared parameters.
        assert result.free_symbols <= {Parameter("x").symbol, Parameter("y").symbol}
        assert not result.has(*_UNDEFINED)


_UNDEFINED = __import__("sympy").zoo, __import__("sympy").nan, __import__("sympy").oo


@pytest.mark.parametrize(
    "text",
    [
        "sqrt(-1)",
        "log(-1)",
        "(-8)**(1/3)",
        "x*sqrt(-4)",
        "Max(1, sqrt(-1))",
        "x < sqrt(-1)",
        "Piecewise((1, x < log(-2)), (0, True))",
    ],
)
def test_complex_values_are_refused(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse_expression(text, ["x"])


@pytest.mark.parametrize(
    "text", ["Piecewise((1, 2))", "Piecewise((1, x), (0, True))", "Piecewise((1, 1 & 2))"]
)
def test_a_piecewise_condition_must_be_a_condition(text: str) -> None:
    with pytest.raises(ExpressionError, match="condition"):
        parse_expression(text, ["x"])


@pytest.mark.parametrize("text", ["x", "1", "~1", "x & y", "(x > 0) & 1", "Max(x, y)"])
def test_a_bare_number_or_name_is_not_a_condition(text: str) -> None:
    with pytest.raises(ExpressionError, match="condition"):
        parse_condition(text, ["x", "y"])


@pytest.mark.parametrize(
    "text",
    ["10**999 * 10**999", "(10**999 * 10**999)**x", "((2**3000) * (2**3000))**(1/2)"],
)
def test_numbers_beyond_the_digit_limit_are_refused_before_growing(text: str) -> None:
    with time_limit(), pytest.raises(ExpressionError, match="digits"):
        parse_expression(text, ["x"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.10000000000000000001", Fraction(110000000000000000001, 10**20)),
        ("1e-400", Fraction(1, 10**400)),
        ("0.1 + 0.2", Fraction(3, 10)),
        ("1_000.5", Fraction(2001, 2)),
    ],
)
def test_decimal_literals_are_read_as_written(text: str, value: Fraction) -> None:
    result = parse_expression(text)
    assert Fraction(int(result.p), int(result.q)) == value


# -- numbers, parameters and grids ---------------------------------------------------------


@FUZZ
@given(
    text=st.one_of(
        st.sampled_from(HOSTILE),
        st.from_regex(r"[+-]?\d{0,4}(\.\d{0,4})?([eE][+-]?\d{1,12})?", fullmatch=True),
        st.text(max_size=20),
    )
)
def test_as_number_reads_or_refuses_any_text_quickly(text: str) -> None:
    result = loads_or_refuses(lambda: as_number(text, "x"))
    if not isinstance(result, GameError):
        assert isinstance(result, Fraction) and abs(result) <= 10**300


def test_as_number_refuses_a_huge_exponent_before_computing_it() -> None:
    with time_limit(1), pytest.raises(GameError, match="exponent"):
        as_number("1e99999999", "c")


def test_as_number_refuses_values_beyond_the_float_range() -> None:
    for value in ("1e999", 10**400, Fraction(10**400, 3)):
        with pytest.raises(GameError, match="1e300"):
            as_number(value, "c")


@pytest.mark.parametrize("spec", ["0:1:10000000000", "0:1:" + "9" * 40, "0:1:1e12", "0:1:-3"])
def test_grid_counts_are_bounded_before_any_value_is_made(spec: str) -> None:
    with time_limit(1), pytest.raises(GameError):
        grid_value_count(spec)


def test_a_model_file_with_a_huge_default_grid_is_refused() -> None:
    text = (MODELS / "stag-hunt.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^s = ".*"$', 's = "3.5:6:100000000000"', text)
    with time_limit(), pytest.raises(FileFormatError, match=r"grid\.s"):
        parse_model(text)


# -- payoff arrays -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payoffs",
    [
        [np.array([[np.nan, 1], [1, 1]]), np.ones((2, 2))],
        [np.array([[np.inf, 1], [1, 1]]), np.ones((2, 2))],
        [[[1, 2], [3]], [[1, 2], [3, 4]]],
        [np.array([[None, 1], [1, 1]], dtype=object), np.ones((2, 2))],
        [[["__import__('os')", 1], [1, 1]], np.ones((2, 2))],
        [[["x.__class__", 1], [1, 1]], np.ones((2, 2))],
        [np.array([[1j, 1], [1, 1]]), np.ones((2, 2))],
        [np.array([[10**400, 1], [1, 1]], dtype=object), np.ones((2, 2))],
        [np.array([[Fraction(10**400, 3), 1], [1, 1]], dtype=object), np.ones((2, 2))],
        [[["exp(10**999)", 1], [1, 1]], np.ones((2, 2))],
        [[["sqrt(-1)", 1], [1, 1]], np.ones((2, 2))],
        [np.broadcast_to(0.0, (10**5, 10**5)), np.broadcast_to(0.0, (10**5, 10**5))],
        [np.zeros((0, 2)), np.zeros((0, 2))],
        [{"a": 1}, np.ones((2, 2))],
        "payoffs",
        None,
        [],
    ],
)
def test_hostile_payoff_arrays_raise_a_game_error(payoffs: Any) -> None:
    with time_limit(), pytest.raises(GameError):
        NormalFormGame(payoffs)


def test_a_huge_shape_is_refused_before_it_is_allocated() -> None:
    view = np.broadcast_to(0.0, (10**5, 10**5))
    with time_limit(), pytest.raises(TooLargeError, match="MAX_PROFILES"):
        NormalFormGame([view, view])


@pytest.mark.parametrize(
    ("payoff", "value"),
    [("exp(x)", 10**4), ("10**299*x", 10**10), ("10**10*x", Fraction(10**300))],
)
def test_payoffs_beyond_the_float_range_at_a_point_are_refused(payoff: str, value: Any) -> None:
    game = NormalFormGame([[[payoff, 1], [1, 1]], np.zeros((2, 2))], parameters=["x"])
    with time_limit(), pytest.raises(PayoffError, match="finite"):
        game.at(x=value).payoff_arrays()


@FUZZ
@given(
    values=st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True),
            st.integers(min_value=-(10**400), max_value=10**400),
            st.sampled_from(HOSTILE),
            st.none(),
            st.booleans(),
        ),
        min_size=4,
        max_size=4,
    )
)
def test_arbitrary_payoff_entries_load_or_raise_a_game_error(values: list[Any]) -> None:
    row = np.empty((2, 2), dtype=object)
    row[:] = [[values[0], values[1]], [values[2], values[3]]]
    result = loads_or_refuses(lambda: NormalFormGame([row, np.zeros((2, 2))]))
    if isinstance(result, NormalFormGame) and result.is_numeric:
        assert np.isfinite(result.payoff_arrays()[0]).all()


# -- trees -----------------------------------------------------------------------------------


def _chain_efg(depth: int) -> str:
    lines = ['EFG 2 R "deep" { "A" "B" }', '""']
    for k in range(depth):
        lines.append(f'p "" {k % 2 + 1} {k + 1} "" {{ "a" "b" }} 0')
        lines.append(f't "" {k + 1} "" {{ 1, 1 }}')
    lines.append(f't "" {depth + 1} "" {{ 0, 0 }}')
    return "\n".join(lines)


def _chain_model(depth: int) -> str:
    nodes = [
        f'n{k} = {{ player = "{"AB"[k % 2]}", actions = {{ Take = "t{k}", Pass = "n{k + 1}" }} }}'
        for k in range(depth)
    ]
    nodes += [f"t{k} = {{ payoffs = [1, 1] }}" for k in range(depth)]
    nodes += [f"n{depth} = {{ payoffs = [0, 0] }}"]
    return (
        'name = "deep"\ntitle = "Deep"\n[game]\ntype = "sequential"\nplayers = ["A", "B"]\n'
        'root = "n0"\n[game.nodes]\n' + "\n".join(nodes) + "\n"
    )


@pytest.mark.parametrize("depth", [500, 5000])
def test_a_deep_efg_tree_is_refused_not_a_recursion_error(depth: int) -> None:
    with time_limit(), pytest.raises(FileFormatError, match="MAX_DEPTH"):
        parse_efg(_chain_efg(depth))


def test_a_deep_model_tree_is_refused_not_a_recursion_error() -> None:
    with time_limit(), pytest.raises(FileFormatError, match="MAX_TREE_DEPTH"):
        parse_model(_chain_model(1000))


def test_a_tree_at_the_depth_limit_loads() -> None:
    assert parse_efg(_chain_efg(150)).n_players == 2
    parse_model(_chain_model(150))


def test_a_move_with_many_actions_loads_in_linear_time() -> None:
    n = 10_000
    text = (
        'EFG 2 R "wide" { "A" "B" }\n""\np "" 1 1 "" { '
        + " ".join(f'"a{i}"' for i in range(n))
        + " } 0\n"
        + "".join(f't "" {i + 1} "" {{ 1, 1 }}\n' for i in range(n))
    )
    with time_limit(10):
        parse_efg(text)


@pytest.mark.parametrize(
    "text",
    [
        'name = "x"\ntitle = "x"\na = ' + "[" * 5000 + "]" * 5000 + "\n",
        'name = "x"\ntitle = "x"\na = ' + "{b=" * 3000 + "1" + "}" * 3000 + "\n",
    ],
)
def test_deeply_nested_toml_is_a_file_format_error(text: str) -> None:
    with time_limit(), pytest.raises(FileFormatError, match="nested"):
        parse_model(text)


# -- the command line --------------------------------------------------------------------------

GAME = str(MODELS / "games" / "prisoners-dilemma.nfg")


@pytest.mark.parametrize(
    "argv",
    [
        ["solve", "chicken", "--set", "P=1e999"],
        ["solve", "chicken", "--set", "P=nan"],
        ["solve", "chicken", "--set", "P=1/0"],
        ["solve", "chicken", "--set", "P=1e99999999"],
        ["solve", "chicken", "--set", "P=" + "9" * 5000],
        ["solve", "chicken", "--set", "P=__import__('os')"],
        ["solve", "chicken", "--set", "Q=1"],
        ["solve", "chicken", "--set", "P=1,2"],
        ["solve", "public-good", "--set", "w=nan"],
        ["solve", GAME, "--set", "x=1"],
        ["solve", "no-such-model"],
        ["solve", "\x00"],
        ["solve", "é" * 300],
        ["table", "chicken", "--grid", "P=1:0:5"],
        ["table", "chicken", "--grid", "P=0:1:1e12"],
        ["table", "chicken", "--grid", "P=0:1:-3"],
        ["table", "chicken", "--grid", "P=nan:1:3"],
        ["table", "chicken", "--grid", "P=1e99999999:1:2"],
        ["table", "chicken", "--grid", "P=-20:-2:100000000000"],
        ["table", "chicken", "--grid", "P=-20:-2:2000", "--grid", "T=1:5:1000"],
        ["table", "chicken", "--grid", "P=,,,"],
        ["check", "chicken", "--examples", "0"],
        ["check", "chicken", "--examples", "100000000000000000"],
        ["check", "chicken", "--examples", "x"],
        ["check", GAME],
        ["plot", "chicken", "--x", "P=0:1:100000000", "--y", "T=0:1:100000000", "--out", "x.png"],
        ["conditions", "chicken", "--concept", "foo"],
        ["--bogus"],
    ],
)
def test_hostile_arguments_exit_2_with_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with time_limit(20):
        status = main(argv)
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.count("\n") == 1 and err.startswith("gta: error: "), err
    assert err[:-1].isprintable(), err


def test_a_deep_model_file_on_the_command_line_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(_chain_model(3000), encoding="utf-8")
    with time_limit(20):
        status = main(["conditions", str(path)])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1, err


@FUZZ
@given(data=st.data())
def test_mutated_model_files_on_the_command_line_never_fail_internally(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = data.draw(st.sampled_from(MODEL_FILES[:8]))
    text = data.draw(mutated(path.read_text(encoding="utf-8")))
    target = tmp_path_factory.mktemp("hostile") / path.name
    target.write_text(text, encoding="utf-8")
    err = _capture_stderr(lambda: main(["show", str(target)]))
    assert err.count("\n") <= 1


def _capture_stderr(run: Callable[[], int]) -> str:
    import io

    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    try:
        with time_limit():
            status = run()
        err = sys.stderr.getvalue()
    finally:
        sys.stdout, sys.stderr = old_out, old_err
    assert status in (0, 2), err
    return err


def test_claim_literals_are_read_as_written() -> None:
    text = (MODELS / "chicken.toml").read_text(encoding="utf-8")
    old = "every = \"(pure() == 1) | (prob('Row', 'Swerve') == (S - P)/(S - P + T - R))\""
    assert old in text
    new = "every = \"(pure() == 1) | (prob('Row', 'Swerve') >= 1e-400)\""
    model = parse_model(text.replace(old, new))
    condition = model.claims[1].condition.expr
    sympy = __import__("sympy")
    assert sympy.Rational(1, 10**400) in condition.atoms(sympy.Rational)


@pytest.mark.parametrize(
    "every",
    [
        "prob('Row', __import__('os'))",
        "prob('Row', 'Swerve').__class__ == 1",
        "prob('Row', 'Swerve') == sqrt(-1)",
        "prob('Row') == 1",
        "(lambda: prob('Row', 'Swerve'))() == 1",
        "count() == " + "(" * 300 + "1" + ")" * 300,
        "-" * 3000 + "count() == 1",
    ],
)
def test_hostile_claim_expressions_are_file_format_errors(every: str) -> None:
    text = (MODELS / "chicken.toml").read_text(encoding="utf-8")
    old = "every = \"(pure() == 1) | (prob('Row', 'Swerve') == (S - P)/(S - P + T - R))\""
    escaped = every.replace("\\", "\\\\").replace('"', '\\"')
    with time_limit(), pytest.raises(FileFormatError, match="claims"):
        parse_model(text.replace(old, f'every = "{escaped}"'))


@pytest.mark.parametrize("suffix", [".nfg", ".efg", ".toml"])
def test_an_endless_file_is_refused_after_a_bounded_read(
    suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gametheory_alliances.io.efg as efg_module
    import gametheory_alliances.io.model_file as model_module
    import gametheory_alliances.io.nfg as nfg_module
    from gametheory_alliances.io import read_game

    monkeypatch.setattr(nfg_module, "MAX_FILE_BYTES", 10_000)
    monkeypatch.setattr(efg_module, "MAX_FILE_BYTES", 10_000)
    monkeypatch.setattr(model_module, "MAX_MODEL_BYTES", 10_000)
    endless = tmp_path / f"endless{suffix}"
    endless.symlink_to("/dev/zero")
    with time_limit(), pytest.raises(FileFormatError, match="larger than"):
        read_game(endless)


def test_grid_specs_from_python_are_bounded_too():
    from gametheory_alliances.errors import GameError
    from gametheory_alliances.sweep import parse_grid_spec

    with pytest.raises(GameError, match="MAX_GRID_VALUES"):
        parse_grid_spec("0:1:10000000000")
    with pytest.raises(GameError, match="positive integer"):
        parse_grid_spec("0:1:" + "9" * 40)
    assert len(parse_grid_spec("0:1:1000")) == 1000
