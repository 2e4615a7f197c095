"""The documentation: it builds without warnings, and its generated pages are complete.

The build test runs Sphinx on ``docs/`` with warnings as errors, as the
README's command does, and checks that every catalogue model has its page
with its derived conditions and its region map. The model file format page
is checked by loading each of its complete examples.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

import gametheory_alliances as gta

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PROOFS = ROOT / "proofs"

sphinx = pytest.importorskip("sphinx", reason="the docs extra is not installed")


def _model_pages():
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        import model_pages
    finally:
        sys.path.remove(str(DOCS / "_ext"))
    return model_pages


def _toml_examples() -> list[str]:
    """The complete model files on the format page: its ```toml blocks."""
    text = (DOCS / "reference" / "model-format.md").read_text(encoding="utf-8")
    return re.findall(r"^```toml\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def test_every_toml_example_on_the_format_page_is_a_model_file_that_loads(tmp_path):
    examples = _toml_examples()
    kinds = set()
    for k, text in enumerate(examples):
        path = tmp_path / f"example-{k}.toml"
        path.write_text(text, encoding="utf-8")
        model = gta.load_model(path)
        declared = re.search(r'^name = "([^"]+)"', text, flags=re.MULTILINE)
        assert declared is not None and model.name == declared.group(1)
        model.at()  # the defaults bind and satisfy the assumptions
        kinds.add(type(model.game).__name__)
    assert len(examples) >= 4
    assert {"NormalFormGame", "SequentialGame"} <= kinds
    assert any("Continuous" in kind for kind in kinds)


def test_the_complete_example_uses_every_top_level_section_and_its_claims_hold(tmp_path):
    text = _toml_examples()[0]
    for section in ("name", "title", "description", "notes"):
        assert re.search(rf"^{section} = ", text, flags=re.MULTILINE), section
    for table in ("[[citations]]", "[[parameters]]", "[[assumptions]]", "[game]", "[grid]"):
        assert table in text, table
    path = tmp_path / "example.toml"
    path.write_text(text, encoding="utf-8")
    model = gta.load_model(path)
    assert {c.kind for c in model.claims} == {"holds", "monotone", "invariant"}
    report = gta.check_model(model, examples=20)
    assert report.ok, report


def test_the_sequential_example_has_its_information_set_and_outcomes(tmp_path):
    [text] = [t for t in _toml_examples() if 'type = "sequential"' in t]
    path = tmp_path / "tree.toml"
    path.write_text(text, encoding="utf-8")
    model = gta.load_model(path)
    labels = [h.label for h in model.game.infosets]
    assert "challenger" in labels
    assert model.outcomes is not None
    # At q = 1/4 the challenger attacks, and the committed patron fights a war
    # it would stay out of without the commitment.
    [row] = gta.outcome_table(model, q="1/4")
    assert row["deterrence"] is False and row["entanglement"] is True


def test_the_api_page_documents_every_public_name():
    text = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. auto\w+:: (?:gametheory_alliances\.)?(\w+)", text, re.M))
    missing = sorted(set(gta.__all__) - documented - {"__version__"})
    assert not missing, f"api.md does not document {missing}"


def test_each_model_is_matched_to_the_report_that_derives_it():
    mp = _model_pages()
    chicken = mp.find_derivation(gta.load_model("chicken"), PROOFS)
    assert chicken.report.name == "textbook-games.md" and chicken.section == "Chicken"
    assert r"\begin{cases}" in chicken.body
    assert "## Stag Hunt" not in chicken.body
    spill = mp.find_derivation(gta.load_model("joint-product-spillin"), PROOFS)
    assert spill.report.name == "joint-product.md" and spill.section.startswith("The spill-in")
    own = mp.find_derivation(gta.load_model("entrapment"), PROOFS)
    assert own.report.name == "entrapment.md" and own.section is None
    assert own.summary.endswith("claims reproduced.")
    assert "Kim 2011" in own.claim


def test_a_model_page_has_every_part_and_is_deterministic():
    mp = _model_pages()
    model = gta.load_model("burden-sharing")
    derivation = mp.find_derivation(model, PROOFS)
    page = mp.model_page(model, derivation, True, "../../models/burden-sharing.toml")
    assert page == mp.model_page(model, derivation, True, "../../models/burden-sharing.toml")
    headings = re.findall(r"^## (.+)$", page, flags=re.MULTILINE)
    assert headings == [
        "The question",
        "Parameters",
        "The game",
        "The game in LaTeX",
        "Published claims",
        "Derived conditions",
        "Region map",
        "References",
        "The model file",
    ]
    # The report's own sections sit one level below "Derived conditions".
    assert "\n### " in page and "\n# " not in page
    # The payoff table: (C, F) pays Ally A b1 - c and Ally B b1.
    assert "| **C** | $b_{2} - c$, $b_{2} - c$ | $b_{1} - c$, $b_{1}$ |" in page
    assert "![Region map of burden-sharing](_maps/burden-sharing.png)" in page


def _latex_blocks(page: str) -> list[str]:
    return re.findall(r"^```latex\n(.*?)\n^```$", page, flags=re.MULTILINE | re.DOTALL)


def test_every_model_page_shows_its_game_in_the_latex_to_latex_gives_now():
    from gametheory_alliances.latex import to_latex

    mp = _model_pages()
    for name, _ in gta.list_models():
        model = gta.load_model(name)
        page = mp.model_page(model, None, mp.map_axes(model) is not None)
        section = page.split("## The game in LaTeX\n", 1)[1].split("\n## ", 1)[0]
        # One block, the game's LaTeX in its parameters, as gta show NAME --latex prints it.
        assert _latex_blocks(section) == [to_latex(model)], name
        expected = {"tree": "istgame", "normal form": "booktabs", "continuous": "amsmath"}
        assert expected[model.game.kind] in section, name
    # What the block holds for a tree and for a table: the game, not a placeholder.
    tree = _latex_blocks(mp.model_page(gta.load_model("entrapment"), None, True))[0]
    assert tree.count("\\istroot") == 5 and "\\pi_{S} v - r_{M}" in tree
    table = _latex_blocks(mp.model_page(gta.load_model("burden-sharing"), None, True))[0]
    assert "C & $b_{2} - c, b_{2} - c$ & $b_{1} - c, b_{1}$ \\\\" in table


# napoleon and myst-parser still call Sphinx APIs deprecated for Sphinx 11; not ours to fix.
@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_the_docs_build_without_warnings_and_every_model_has_its_page(tmp_path, capsys):
    from sphinx.cmd.build import build_main

    from gametheory_alliances.latex import to_latex

    out = tmp_path / "html"
    status = build_main(["-W", "--keep-going", "-b", "html", "-q", str(DOCS), str(out)])
    assert status == 0, capsys.readouterr().err
    mp = _model_pages()
    for name, _ in gta.list_models():
        model = gta.load_model(name)
        page = (out / "models" / f"{name}.html").read_text(encoding="utf-8")
        conditions = page.split('id="derived-conditions"', 1)[1].split('id="region-map"', 1)[0]
        derivation = mp.find_derivation(model, PROOFS)
        assert derivation is not None, f"{name}: no proof report derives it"
        # The derivation is on the page: its checked claims, and its formulas rendered as
        # math (the signalling models' derivations are tables of exact equilibria instead).
        assert "Claim (reproduced)." in conditions, name
        if "$" in derivation.body:
            assert 'class="math' in conditions, f"{name}: the formulas are not rendered as math"
            assert "$$" not in conditions, f"{name}: a formula is left as text"
        else:
            assert "<table" in conditions, name
        if mp.map_axes(model) is not None:
            assert f'src="../_images/{name}.png"' in page, name
            assert (out / "_images" / f"{name}.png").stat().st_size > 10_000, name
        else:
            assert "no two-dimensional map" in page, name
        # The game's LaTeX as the code gives it now (the build regenerated the page).
        latex = page.split('id="the-game-in-latex"', 1)[1].split("</pre>", 1)[0]
        assert "highlight-latex" in latex, name
        shown = html.unescape(re.sub(r"<[^>]+>", "", latex.split("<pre>", 1)[1]))
        assert shown.strip() == to_latex(model), name
        source = page.split('id="the-model-file"', 1)[1]
        assert "highlight-toml" in source and name in source, name
    index = (out / "models" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}.html"' in index for name, _ in gta.list_models())
    # Types in signatures link to their projects' documentation (intersphinx, from the
    # inventories the build writes), and code blocks have a copy button.
    api = (out / "reference" / "api.html").read_text(encoding="utf-8")
    for link in (
        "https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.html#pandas.DataFrame",
        "https://docs.sympy.org/latest/modules/core.html#sympy.core.expr.Expr",
        "https://numpy.org/doc/stable/reference/generated/numpy.ndarray.html#numpy.ndarray",
        "https://docs.python.org/3/library/fractions.html#fractions.Fraction",
    ):
        assert f'href="{link}"' in api, link
    assert (out / "_static" / "copybutton.js").is_file()
    assert "copybutton.js" in api
    concepts = (out / "explanation" / "solution-concepts.html").read_text(encoding="utf-8")
    assert 'href="vertex-enumeration.html"' in concepts


def test_grouped_attribute_fields_are_split_one_per_name():
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        from grouped_fields import split_grouped_fields
    finally:
        sys.path.remove(str(DOCS / "_ext"))
    lines = [
        ":ivar title, description, notes: Text for readers;",
        "    more text.",
        ":ivar game: The game.",
        ":vartype game: Any",
    ]
    assert split_grouped_fields(lines) == [
        ":ivar title: Text for readers;",
        "    more text.",
        ":ivar description: Text for readers;",
        "    more text.",
        ":ivar notes: Text for readers;",
        "    more text.",
        ":ivar game: The game.",
        ":vartype game: Any",
    ]


def test_a_model_page_lists_its_outcome_predicates_and_their_tie_rules():
    mp = _model_pages()
    model = gta.load_model("entrapment")
    page = mp.model_page(model, mp.find_derivation(model, PROOFS), True)
    section = page.split("## Outcome predicates", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(model.outcomes.names)
    emboldenment = next(row for row in rows if row.startswith("| `emboldenment`"))
    assert "the commitment breaks the tie" in emboldenment
    deterrence = next(row for row in rows if row.startswith("| `deterrence`"))
    assert "each SPE on its own path" in deterrence and "no `Attack`" in deterrence
    assert "`r_M = 0`" in section
    # models without predicates have no such section
    assert "## Outcome predicates" not in mp.model_page(gta.load_model("chicken"), None, True)


# -- numbers the pages state, checked against the code ------------------------------------


def _constants() -> dict[str, float]:
    from gametheory_alliances.io.model_reader import MAX_NODES
    from gametheory_alliances.solvers.backward_induction import MAX_EQUILIBRIA
    from gametheory_alliances.solvers.perfect_bayesian_trees import MAX_SUPPORT_PROFILES
    from gametheory_alliances.solvers.support_enumeration import DEFAULT_MAX_SUPPORTS
    from gametheory_alliances.solvers.vertex_enumeration import (
        DEFAULT_MAX_VERTICES,
        FLOAT_TOLERANCE,
        SINGULAR_TOLERANCE,
    )
    from gametheory_alliances.sweep.kernels import KERNEL_TOLERANCE
    from gametheory_alliances.sweep.store import DEFAULT_CHUNK_SIZE
    from gametheory_alliances.symbolic.conditions import MAX_DNF_TERMS, MAX_FOURIER_MOTZKIN
    from gametheory_alliances.symbolic.deadline import DEFAULT_SECONDS
    from gametheory_alliances.symbolic.trees import MAX_SPE_PIECES

    return {
        "MAX_NODES": MAX_NODES,
        "MAX_EQUILIBRIA": MAX_EQUILIBRIA,
        "MAX_SUPPORT_PROFILES": MAX_SUPPORT_PROFILES,
        "DEFAULT_MAX_SUPPORTS": DEFAULT_MAX_SUPPORTS,
        "DEFAULT_MAX_VERTICES": DEFAULT_MAX_VERTICES,
        "FLOAT_TOLERANCE": FLOAT_TOLERANCE,
        "SINGULAR_TOLERANCE": SINGULAR_TOLERANCE,
        "KERNEL_TOLERANCE": KERNEL_TOLERANCE,
        "DEFAULT_CHUNK_SIZE": DEFAULT_CHUNK_SIZE,
        "MAX_DNF_TERMS": MAX_DNF_TERMS,
        "MAX_FOURIER_MOTZKIN": MAX_FOURIER_MOTZKIN,
        "DEFAULT_SECONDS": DEFAULT_SECONDS,
        "MAX_SPE_PIECES": MAX_SPE_PIECES,
    }


# (page, pattern whose one group is the number the page states, the constant it must equal)
STATED_NUMBERS = [
    ("how-to/dask-sweep.md", r"\(the default, ([\d,]+) points", "DEFAULT_CHUNK_SIZE"),
    ("explanation/sweeps.md", r"`chunk_size` each \(default ([\d,]+)\)", "DEFAULT_CHUNK_SIZE"),
    ("explanation/sweeps.md", r"`?KERNEL_TOLERANCE`? \(([\d.e-]+)\) of a tie", "KERNEL_TOLERANCE"),
    (
        "explanation/vertex-enumeration.md",
        r"\(default ([\d,]+) candidate bases",
        "DEFAULT_MAX_VERTICES",
    ),
    ("explanation/vertex-enumeration.md", r"`?FLOAT_TOLERANCE`? \(([\d.e-]+):", "FLOAT_TOLERANCE"),
    (
        "explanation/vertex-enumeration.md",
        r"`?SINGULAR_TOLERANCE`? \(([\d.e-]+) times",
        "SINGULAR_TOLERANCE",
    ),
    (
        "explanation/vertex-enumeration.md",
        r"\(default ([\d,]+) support profiles",
        "DEFAULT_MAX_SUPPORTS",
    ),
    ("how-to/n-player-games.md", r"\(default ([\d,]+) support profiles\)", "DEFAULT_MAX_SUPPORTS"),
    ("explanation/symbolic-regions.md", r"`?MAX_SPE_PIECES`? \(([\d,]+)\)", "MAX_SPE_PIECES"),
    ("explanation/symbolic-regions.md", r"`?MAX_DNF_TERMS`?, ([\d,]+),", "MAX_DNF_TERMS"),
    (
        "explanation/symbolic-regions.md",
        r"`?MAX_FOURIER_MOTZKIN`? \(([\d,]+)\)",
        "MAX_FOURIER_MOTZKIN",
    ),
    (
        "explanation/symbolic-regions.md",
        r"`?DEFAULT_SECONDS`? \(([\d,]+) seconds",
        "DEFAULT_SECONDS",
    ),
    (
        "explanation/pbe-enumeration.md",
        r"`max_support_profiles` \(default ([\d,]+)\)",
        "MAX_SUPPORT_PROFILES",
    ),
    ("how-to/spe-with-ties.md", r"`max_equilibria` \(default ([\d,]+)\)", "MAX_EQUILIBRIA"),
    ("reference/model-format.md", r"declares at most ([\d,]+) nodes", "MAX_NODES"),
]


@pytest.mark.parametrize(("page", "pattern", "constant"), STATED_NUMBERS)
def test_a_number_a_page_states_is_the_one_in_the_code(page, pattern, constant):
    # Lines are joined first, so that a sentence wrapped in the source still matches.
    text = " ".join((DOCS / page).read_text(encoding="utf-8").split())
    found = re.findall(pattern, text)
    assert len(found) == 1, f"{page}: {pattern!r} matches {len(found)} times, expected once"
    stated = float(found[0].replace(",", ""))
    assert stated == _constants()[constant], f"{page} says {found[0]}, the code {constant}"


def test_the_n_player_guide_shows_what_gta_solve_prints(capsys):
    from gametheory_alliances.cli import main

    text = (DOCS / "how-to" / "n-player-games.md").read_text(encoding="utf-8")
    command = re.search(r"```bash\n(gta solve [^\n]+)\n```", text).group(1)
    shown = re.search(
        r"compares its output with the block below -->\n```text\n(.*?)```", text, re.S
    )
    assert main(command.split()[1:]) == 0
    printed = capsys.readouterr().out
    # The page shows the output up to its notes, which it describes in words.
    assert printed.startswith(shown.group(1)), printed
    assert printed[len(shown.group(1)) :].lstrip().startswith("Notes:")


def test_the_intersphinx_inventories_are_valid_and_point_to_the_projects_pages(tmp_path):
    from sphinx.util.inventory import InventoryFile

    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        from local_inventories import write_inventories
    finally:
        sys.path.remove(str(DOCS / "_ext"))
    mapping = write_inventories(tmp_path)
    assert set(mapping) == {"python", "numpy", "sympy", "pandas"}
    targets = {}
    for url, path in mapping.values():
        inventory = InventoryFile.loads(Path(path).read_bytes(), uri=url)
        for role, entries in inventory.data.items():
            for name, item in entries.items():
                targets[(role, name)] = item.uri
    assert targets[("py:class", "pandas.DataFrame")] == (
        "https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.html#pandas.DataFrame"
    )
    assert targets[("py:class", "fractions.Fraction")] == (
        "https://docs.python.org/3/library/fractions.html#fractions.Fraction"
    )
    assert targets[("py:class", "sympy.Expr")] == targets[("py:class", "sympy.core.expr.Expr")]
    # Writing again leaves the files as they are (the build does it every time).
    before = {p: Path(p).stat().st_mtime_ns for _, p in mapping.values()}
    write_inventories(tmp_path)
    assert before == {p: Path(p).stat().st_mtime_ns for _, p in mapping.values()}
