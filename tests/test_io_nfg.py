"""Gambit .nfg reading and writing: both versions, exact numbers, errors with lines, pygambit."""

import io
import itertools
import re
from fractions import Fraction

import numpy as np
import pygambit
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame, nash_equilibria
from gametheory_alliances.errors import FileFormatError, GameError
from gametheory_alliances.io import (
    models_dir,
    parse_nfg,
    read_game,
    read_nfg,
    write_game,
    write_nfg,
)
from gametheory_alliances.io import nfg as nfg_module
from gametheory_alliances.io.nfg import MAX_PROFILES, parse_number

# The example of Gambit's documentation (Selten 1975, Figure 2), in both versions.
SELTEN_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""
SELTEN_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""


def exact(game):
    return [a.tolist() for a in game.payoff_arrays(exact=True)]


def pygambit_payoffs(g):
    """{profile indices: [payoff of each player]} of a pygambit strategic game, exact."""
    players = list(g.players)
    out = {}
    strategies = [list(p.strategies) for p in players]
    for profile in itertools.product(*(range(len(s)) for s in strategies)):
        outcome = g[tuple(strategies[i][k] for i, k in enumerate(profile))]
        out[profile] = [Fraction(str(outcome[p])) for p in players]
    return out


def our_payoffs(game):
    arrays = game.payoff_arrays(exact=True)
    return {p: [a[p] for a in arrays] for p in game.pure_profiles()}


# -- reading -------------------------------------------------------------------------


def test_payoff_version_follows_gambit_profile_order():
    game = parse_nfg(SELTEN_PAYOFF)
    assert game.title == "Selten (IJGT, 75), Figure 2, normal form"
    assert game.players == ("Player 1", "Player 2")
    assert game.shape == (3, 2)
    # First player's strategy changes fastest: (1,1) (2,1) (3,1) (1,2) (2,2) (3,2).
    assert exact(game)[0] == [[1, 1], [0, 0], [0, 2]]
    assert exact(game)[1] == [[1, 1], [2, 3], [2, 0]]


def test_outcome_version_gives_the_same_game():
    a, b = parse_nfg(SELTEN_PAYOFF), parse_nfg(SELTEN_OUTCOME)
    assert exact(a) == exact(b)
    assert b.strategies == (("1", "2", "3"), ("1", "2"))


def test_three_player_order_first_player_fastest():
    shape = (2, 3, 2)
    flat = []
    for c, b, a in itertools.product(range(2), range(3), range(2)):
        flat += [100 * a + 10 * b + c, -(100 * a + 10 * b + c), a + b + c]
    text = 'NFG 1 R "t" { "A" "B" "C" } { 2 3 2 } ' + " ".join(map(str, flat))
    game = parse_nfg(text)
    arrays = game.payoff_arrays(exact=True)
    for a, b, c in itertools.product(*(range(m) for m in shape)):
        assert arrays[0][a, b, c] == 100 * a + 10 * b + c
        assert arrays[1][a, b, c] == -(100 * a + 10 * b + c)
        assert arrays[2][a, b, c] == a + b + c


def test_strategy_labels_comment_and_escaped_quotes():
    text = r"""NFG 1 R "The \"quoted\" game" { "Patron" "Prot\"eg\"e" }
{ { "Defend" "Stay out" } { "Risky \\ move" "Moderate" } }
"A comment
over two lines"
1 2 3 4 5 6 7 8
"""
    game = parse_nfg(text)
    assert game.title == 'The "quoted" game'
    assert game.players == ("Patron", 'Prot"eg"e')
    assert game.strategies == (("Defend", "Stay out"), ("Risky \\ move", "Moderate"))
    assert game.description == "A comment\nover two lines"


def test_outcome_zero_is_the_null_outcome_and_commas_are_optional():
    text = 'NFG 1 R "t" { "A" "B" } { 2 2 } "" { { "x" 1 2 } { "y" 3, 4 } } 0 1 2 0'
    game = parse_nfg(text)
    assert exact(game) == [[[0, 3], [1, 0]], [[0, 4], [2, 0]]]


def test_numbers_are_read_exactly():
    text = 'NFG 1 R "t" { "A" } { 8 } 3 -2 0.3 3/4 -1.5e-2 .5 2E3 -6/4'
    (payoffs,) = exact(parse_nfg(text))
    assert payoffs == [
        3,
        -2,
        Fraction(3, 10),
        Fraction(3, 4),
        Fraction(-3, 200),
        Fraction(1, 2),
        2000,
        Fraction(-3, 2),
    ]
    assert parse_nfg(text).is_exact


def test_empty_and_repeated_labels_are_made_distinct():
    text = 'NFG 1 R "" { "" "" } { { "x" "" "x" } { "y" } } 1 2 3 4 5 6'
    game = parse_nfg(text)
    assert game.players == ("Player 1", "Player 2")
    assert game.strategies == (("x_1", "2", "x_2"), ("y",))


def test_obsolete_d_header_bom_and_file_reading(tmp_path):
    path = tmp_path / "game.nfg"
    path.write_bytes(b'\xef\xbb\xbfNFG 1 D "t" { "A" "B" } { 1 2 }\r\n1 2 3 4\r\n')
    game = read_nfg(path)
    assert exact(game) == [[[1, 3]], [[2, 4]]]
    assert read_game(str(path)).title == "t"


def test_read_nfg_accepts_text_and_file_like_paths(tmp_path):
    assert read_nfg(SELTEN_PAYOFF).shape == (3, 2)
    (tmp_path / "s.nfg").write_text(SELTEN_OUTCOME)
    assert read_nfg(tmp_path / "s.nfg").shape == (3, 2)


# -- errors --------------------------------------------------------------------------

HEAD = 'NFG 1 R "t" { "A" "B" } { 2 2 }\n'

BAD_FILES = [
    ("", 1, "missing header"),
    ('EFG 2 R "t" { "A" }', 1, "missing header"),
    ('NFG 2 R "t" { "A" } { 1 } 1', 1, "unsupported format version"),
    ('NFG 1 Q "t" { "A" } { 1 } 1', 1, "number type 'R'"),
    ('NFG 1 R { "A" } { 1 } 1', 1, "game title"),
    ('NFG 1 R "t"\n{ "A" "B" }\n{ 2 2 }\n"unterminated\n', 4, "unterminated string"),
    ('NFG 1 R "t" { } { }', 1, "at least one player"),
    ('NFG 1 R "t" { "A" "B" }\n{ 2 }\n1 2', 2, "declares 2 players"),
    ('NFG 1 R "t" { "A" }\n{ 0 }', 2, "at least one"),
    ('NFG 1 R "t" { "A" }\n{ 2.5 }', 2, "number of strategies"),
    ('NFG 1 R "t" { "A" "B" }\n{ { "x" } { } }\n1 2', 2, "empty list of strategies"),
    (HEAD + "1 2 3 4\n5 6 7", 3, "the file ends after 7 payoffs"),
    (HEAD + "1 2 3 4\n5 6 7 8\n9", 4, "expected the end of the file"),
    (HEAD + "1 2 3 4\n5 six 7 8", 3, "expected a payoff, found 'six'"),
    (HEAD + "1 2 3 4\n5 6 7 NaN", 3, "not a finite number"),
    (HEAD + "1 2 3 4\n\n5 6 7 -inf", 4, "not a finite number"),
    (HEAD + "1 2 3 4 5 6 7 1/0", 2, "divides by zero"),
    (HEAD + "1 2 3 4 5 6 7 0x10", 2, "expected a payoff"),
    (HEAD + "1 2 3 4 5 6 7 1e999999999", 2, "exponent beyond the limit"),
    (HEAD + "1 2 3 4 5 6 7 1e400", 2, "larger in magnitude"),
    (HEAD + "1 2 3 4 5 6 7 " + "9" * 2000, 2, "longer than the limit"),
    (HEAD + "1 2 3 4 5 6 7 8 # comment", 2, "expected the end of the file"),
    (HEAD + '{ { "x" 1 2 } }\n1 1\n1 2', 4, "outcome number 2 is out of range"),
    (HEAD + '{ { "x" 1 2 } }\n1 1\n1 -1', 4, "out of range"),
    (HEAD + '{ { "x" 1 } }\n1 1 1 1', 2, "has 1 payoff, expected 2"),
    (HEAD + '{ { "x" 1 2 3 } }\n1 1 1 1', 2, "more than 2 payoffs"),
    (HEAD + "{ { 1 2 } }\n1 1 1 1", 2, "label of an outcome"),
    (HEAD + '{ { "x" 1 2 } }\n1 1', 3, "the file ends after 2 outcome numbers"),
    (HEAD + '{ { "x" 1 2 } }\n1 1 1.0 1', 3, "an outcome number (a whole number)"),
    (HEAD + '{ { "x" 1 2 }\n', 2, "the file ends inside the list of outcomes"),
    ('NFG 1 R "t" { "A" "B" }\n{ 20000 20000 }', 2, f"limit of {MAX_PROFILES}"),
    ('NFG 1 R "t" { ' + '"P" ' * 40 + "} { }", 1, "limit of 32"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), BAD_FILES)
def test_malformed_files_name_the_line(text, line, fragment):
    with pytest.raises(FileFormatError) as info:
        parse_nfg(text, path="bad.nfg")
    message = str(info.value)
    assert info.value.line == line, message
    assert message.startswith(f"bad.nfg:{line}: "), message
    assert fragment in message, message
    assert "\n" not in message


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "latin.nfg"
    path.write_bytes(b'NFG 1 R "t" { "A" }\n{ { "caf\xe9" } }\n1\n')
    with pytest.raises(FileFormatError, match=r"latin\.nfg:2: not UTF-8"):
        read_nfg(path)


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_nfg(tmp_path / "nothing.nfg")


def test_parse_number_limits_before_computing():
    assert parse_number("1e300") == 10**300
    with pytest.raises(ValueError, match="exponent"):
        parse_number("1e1001")
    with pytest.raises(ValueError, match="magnitude"):
        parse_number("-1e301")
    assert parse_number("1e-1000") == Fraction(1, 10**1000)
    assert parse_number("+7") == 7 and parse_number("1.") == 1


# -- writing -------------------------------------------------------------------------


def test_write_then_read_keeps_everything(tmp_path):
    game = NormalFormGame(
        [[[Fraction(1, 3), -2], [5, Fraction(-7, 4)]], [[0, 1], [Fraction(22, 7), 3]]],
        players=['The "Patron"', "Protégé"],
        strategies=[["Defend", "Stay out"], ["Risky \\ claim", "Moderate"]],
        title='Entrapment "lite"',
    )
    game.description = "comment with\nnewline and \\ backslash"
    for form in ("payoff", "outcome"):
        path = tmp_path / f"{form}.nfg"
        text = write_nfg(game, path, form=form)
        assert path.read_text(encoding="utf-8") == text
        copy = read_nfg(path)
        assert copy.title == game.title
        assert copy.players == game.players
        assert copy.strategies == game.strategies
        assert copy.description == game.description
        assert exact(copy) == exact(game)


def test_float_payoffs_round_trip_to_the_same_floats():
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=(3, 4)) * 1e3, rng.normal(size=(3, 4)) * 1e-7
    a[0, 0], b[0, 0] = 1.5e200, -2.5e-300
    game = NormalFormGame([a, b])
    assert not game.is_exact
    copy = parse_nfg(write_nfg(game))
    for x, y in zip(game.payoff_arrays(), copy.payoff_arrays(), strict=True):
        assert np.array_equal(x, y)


def test_write_game_by_extension(tmp_path):
    game = parse_nfg(SELTEN_PAYOFF)
    write_game(game, tmp_path / "g.nfg")
    assert exact(read_game(tmp_path / "g.nfg")) == exact(game)
    with pytest.raises(GameError, match="unknown kind of game file"):
        write_game(game, tmp_path / "g.txt")


def test_symbolic_game_is_not_written():
    game = NormalFormGame([[["b", 0]], [[1, "b"]]], parameters=["b"])
    with pytest.raises(GameError, match="unbound parameters b"):
        write_nfg(game)
    assert exact(parse_nfg(write_nfg(game.at(b=1)))) == [[[1, 0]], [[1, 1]]]


# -- dispatch and the shipped files --------------------------------------------------


def test_read_game_recognises_content_and_refuses_unknown(tmp_path):
    (tmp_path / "game.txt").write_text(SELTEN_PAYOFF)
    assert read_game(tmp_path / "game.txt").shape == (3, 2)
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(FileFormatError, match=r"unknown kind of game file '\.txt'"):
        read_game(tmp_path / "notes.txt")


def test_read_game_dispatches_model_files():
    model = read_game(next(iter(sorted(models_dir().glob("*.toml")))))
    assert hasattr(model, "at")


def test_shipped_example_games_parse_with_titles_and_citations():
    paths = sorted((models_dir() / "games").glob("*.nfg"))
    assert len(paths) >= 8
    for path in paths:
        game = read_game(path)
        assert game.title and game.is_exact
        assert len(game.description) > 40, path.name
    rps = read_game(models_dir() / "games" / "rock-paper-scissors.nfg")
    assert exact(rps)[0] == [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    assert (
        '{ "Row wins" 1, -1 }' in (models_dir() / "games" / "rock-paper-scissors.nfg").read_text()
    )


# -- pygambit as the independent reader and writer -------------------------------------


def random_game(rng, shape):
    n = len(shape)
    arrays = []
    for _ in range(n):
        num = rng.integers(-50, 50, size=shape)
        den = rng.choice([1, 1, 2, 3, 7], size=shape)
        arr = np.empty(shape, dtype=object)
        for idx in np.ndindex(*shape):
            arr[idx] = Fraction(int(num[idx]), int(den[idx]))
        arrays.append(arr)
    players = [f"P{i + 1}" for i in range(n)]
    strategies = [[f"s{i}{j}" for j in range(m)] for i, m in enumerate(shape)]
    return NormalFormGame(arrays, players=players, strategies=strategies, title="random")


SHAPES = [(2, 2), (3, 2), (1, 4), (4, 5), (2, 3, 2), (2, 2, 2, 3)]


@pytest.mark.parametrize("shape", SHAPES)
def test_pygambit_reads_what_we_write(shape):
    rng = np.random.default_rng(sum(shape))
    game = random_game(rng, shape)
    for form in ("payoff", "outcome"):
        g = pygambit.read_nfg(io.StringIO(write_nfg(game, form=form)))
        assert [p.label for p in g.players] == list(game.players)
        assert [[s.label for s in p.strategies] for p in g.players] == [
            list(s) for s in game.strategies
        ]
        assert pygambit_payoffs(g) == our_payoffs(game)


@pytest.mark.parametrize("shape", SHAPES)
def test_we_read_what_pygambit_writes(shape):
    rng = np.random.default_rng(100 + sum(shape))
    arrays = [rng.integers(-9, 9, size=shape) for _ in shape]
    frac = [
        np.vectorize(lambda v: pygambit.Rational(int(v), 3), otypes=[object])(a) for a in arrays
    ]
    g = pygambit.Game.from_arrays(*frac, title="from pygambit")
    g.description = "written by pygambit"
    ours = parse_nfg(g.to_nfg())
    assert ours.title == "from pygambit" and ours.description == "written by pygambit"
    assert our_payoffs(ours) == pygambit_payoffs(g)


def test_gambit_documentation_example_agrees_with_pygambit():
    for text in (SELTEN_PAYOFF, SELTEN_OUTCOME):
        g = pygambit.read_nfg(io.StringIO(text))
        assert our_payoffs(parse_nfg(text)) == pygambit_payoffs(g)


def test_integer_bodies_read_the_same_by_the_fast_and_the_general_path():
    head = 'NFG 1 R "t" { "A" "B" } { 2 2 }\n'
    fast = parse_nfg(head + "1 -2\n+3 4\t5 6 7 8\n")
    general = parse_nfg(head + "1 -2 3/1 4 5.0 6 7 8")  # a rational and a decimal force it
    assert exact(fast) == exact(general) == [[[1, 5], [3, 7]], [[-2, 6], [4, 8]]]
    big = parse_nfg(head + "1 2 3 4 5 6 7 " + "9" * 40)
    assert big.payoff_arrays(exact=True)[1][1, 1] == int("9" * 40)


def test_non_ascii_digits_are_not_numbers():
    with pytest.raises(FileFormatError, match="expected a payoff"):
        parse_nfg('NFG 1 R "t" { "A" } { 2 } 1 \u0663')


def test_efg_files_dispatch_to_the_extensive_form_reader_and_writer(tmp_path):
    text = """EFG 2 R "Entry" { "Entrant" "Incumbent" }
""
p "" 1 1 "" { "Out" "In" } 0
t "" 1 "Out" { 0, 2 }
p "" 2 1 "" { "Accommodate" "Fight" } 0
t "" 2 "Share" { 2, 1 }
t "" 3 "War" { -1, 0 }
"""
    (tmp_path / "entry.efg").write_text(text)
    game = read_game(tmp_path / "entry.efg")
    write_game(game, tmp_path / "copy.efg")
    copy = read_game(tmp_path / "copy.efg")
    assert exact(copy.to_normal_form()) == exact(game.to_normal_form())
    (tmp_path / "entry.txt").write_text(text)
    assert type(read_game(tmp_path / "entry.txt")) is type(game)


def test_long_unterminated_string_fails_fast():
    # A regular expression with nested repetition would backtrack exponentially here.
    text = 'NFG 1 R "' + "a" * 200_000 + "\n" + 'b\\"' * 50_000
    with pytest.raises(FileFormatError, match=r"^line 1: unterminated string"):
        parse_nfg(text)


def test_a_path_that_starts_with_nfg_is_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "NFG games.nfg").write_text(SELTEN_PAYOFF)
    assert read_nfg("NFG games.nfg").shape == (3, 2)


@settings(max_examples=40, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    data=st.data(),
)
def test_an_integer_body_read_in_bulk_is_the_exact_game(shape: tuple[int, int], data) -> None:
    # The bulk path (int64, Fractions made on first use) against the game built from Fractions,
    # with 18-digit payoffs, negatives and ties (few distinct values).
    m, n = shape
    big = 10**18 - 1
    values = st.sampled_from([0, 1, -1, 2]) | st.integers(-big, big)
    cells = data.draw(st.lists(values, min_size=2 * m * n, max_size=2 * m * n))
    text = f'NFG 1 R "t" {{ "1" "2" }} {{ {m} {n} }}\n\n' + " ".join(map(str, cells)) + "\n"
    game = parse_nfg(text)
    assert game.is_exact
    table = np.array(cells, dtype=object).reshape(-1, 2)
    slow = NormalFormGame(
        [[[Fraction(table[i + m * j, p]) for j in range(n)] for i in range(m)] for p in range(2)]
    )
    for mine, theirs in zip(
        game.payoff_arrays(exact=True), slow.payoff_arrays(exact=True), strict=True
    ):
        assert mine.tolist() == theirs.tolist()
        assert all(type(v) is Fraction for v in mine.flat)
    assert np.array_equal(game.payoff_arrays()[0], slow.payoff_arrays()[0])
    ours = nash_equilibria(game, exact=True)
    assert [e.strategies for e in ours] == [e.strategies for e in nash_equilibria(slow, exact=True)]


# The bodies read in bulk: the possessive patterns accept exactly what the earlier
# backtracking ones did (kept here as the reference), and the game is the one the token
# by token reader makes.
_REFERENCE_SMALL = re.compile(r"\s*(?:[+-]?[0-9]{1,18}(?=\s|$)\s*)*")
_REFERENCE_PLAIN = re.compile(rf"\s*(?:{nfg_module._PLAIN_NUMBER}(?=\s|$)\s*)*")
_LITERALS = [
    "0",
    "-0",
    "+7",
    "12",
    "999999999999999999",
    "1" * 19,
    "0.5",
    "-0.0",
    "2.0",
    ".5",
    "5.",
    "1e-5",
    "2.5E+10",
    "1e100",
    "3/4",
    "-6/4",
    "0/5",
    "1/0",
    "1/",
    "/2",
    "1.2.3",
    "--1",
    "1e",
    "x",
    "nan",
    "1,2",
    "9" * 200,
    "9" * 201,
    "1/" + "3" * 200,
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_LITERALS), st.sampled_from([" ", "\n", "  ", "\t", ""])),
        max_size=8,
    ),
    st.sampled_from(["", " ", "\n", " \n"]),
)
def test_the_bulk_patterns_accept_what_the_reference_patterns_accept(body, lead) -> None:
    text = lead + "".join(a + b for a, b in body)
    for fast, reference in [
        (nfg_module._SMALL_INTEGERS, _REFERENCE_SMALL),
        (nfg_module._PLAIN_NUMBERS, _REFERENCE_PLAIN),
    ]:
        assert bool(fast.fullmatch(text)) == bool(reference.fullmatch(text)), repr(text)


@settings(max_examples=60, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    data=st.data(),
)
def test_a_body_of_decimals_and_fractions_is_the_exact_game(shape: tuple[int, int], data) -> None:
    m, n = shape
    literal = st.sampled_from(
        ["-0.0", "0/5", "2.0", "6/4", "1e-5", "2.5E+10", "0.1", "-1/3", "9" * 200, "7"]
    ) | st.builds(
        lambda a, b, k: f"{a}.{b:0{k}d}" if k else f"{a}/{b + 1}",
        st.integers(-(10**20), 10**20),
        st.integers(0, 10**6),
        st.integers(0, 7),
    )
    cells = data.draw(st.lists(literal, min_size=2 * m * n, max_size=2 * m * n))
    text = f'NFG 1 R "t" {{ "1" "2" }} {{ {m} {n} }}\n\n' + " ".join(cells) + "\n"
    game = parse_nfg(text)
    table = [[parse_number(c) for c in cells[k : k + 2]] for k in range(0, len(cells), 2)]
    slow = NormalFormGame(
        [[[table[i + m * j][p] for j in range(n)] for i in range(m)] for p in range(2)]
    )
    assert game.is_exact
    for mine, theirs in zip(game.payoff_arrays(), slow.payoff_arrays(), strict=True):
        assert mine.tobytes() == theirs.tobytes()  # the same floats, bit for bit (no -0.0)
    for mine, theirs in zip(
        game.payoff_arrays(exact=True), slow.payoff_arrays(exact=True), strict=True
    ):
        assert mine.tolist() == theirs.tolist()
        assert all(type(v) is Fraction for v in mine.flat)
