"""Sphinx extension: one explanation page per catalogue model.

On ``builder-inited`` it writes ``models/<name>.md`` for every model of the
catalogue, and ``models/index.md`` listing them, into the documentation's
source folder (the folder is generated, not committed). Everything on a page
comes from the model file (through :func:`gametheory_alliances.load_model`)
and from the committed proof report that derives the model's closed forms
(``proofs/<report>.md``), so a page cannot drift from the code:

- the question the model answers (its description and notes);
- the parameters (name, domain, default, description) and assumptions;
- the game: the payoff table of a normal-form game, the node table of a
  tree, the utilities of a continuous game;
- the game in LaTeX for a paper (:func:`gametheory_alliances.latex.to_latex`:
  an ``istgame`` tree, a ``booktabs`` table or the payoff equations);
- the published claims: the claim the proof reproduces (from the proof
  script's docstring), how many of its checks hold, and the model file's
  ``[[claims]]`` (checked by ``gta check``);
- the derived conditions: the proof report itself (its LaTeX is rendered
  by MathJax);
- the region map over the model's default grid, drawn with the same code as
  ``gta table --all`` (:func:`gametheory_alliances.plotting.plot_region_map`)
  into ``models/_maps/<name>.png``;
- the references.

Which report covers which model: ``proofs/<name>.md`` when it exists;
otherwise the section of a report headed by the model's title or opened by
its description (the textbook games share ``proofs/textbook-games.md``);
otherwise the report of the proof script that loads the model. A model no
report covers gets a build warning (an error under ``-W``).

Maps are cached: a map is redrawn only when the model file or the package's
source changed (the cache key is a hash of both), so rebuilding the docs
after editing a page is fast, and the map always matches the code.
"""

from __future__ import annotations

import ast
import hashlib
import multiprocessing
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sympy
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

OUT_DIR = "models"
MAP_DIR = "_maps"


# -- small text helpers ---------------------------------------------------------------


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def _cell(text: str) -> str:
    """Text for a Markdown table cell (pipes escaped, one line)."""
    return _flat(text).replace("|", "\\|")


def _tex(expr: Any) -> str:
    """Inline LaTeX of a sympy object, safe inside a Markdown table."""
    body = sympy.latex(expr).replace("|", r"\vert ")
    return f"${body}$"


def _interval(text: str) -> str:
    """A domain's text (``(0, oo)``) as inline LaTeX."""
    return "$" + text.replace("oo", r"\infty") + "$"


def _rst_to_md(text: str) -> str:
    """Docstring text (reST literals) as Markdown."""
    return re.sub(r"``([^`]+)``", r"`\1`", text)


def _write_if_changed(path: Path, text: str) -> None:
    # Unchanged pages keep their modification time, so Sphinx does not re-read them.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# -- which report derives which model ---------------------------------------------------


@dataclass(frozen=True)
class Derivation:
    """The part of a proof report that derives one model.

    Attributes
    ----------
    report
        The report's path.
    body
        The Markdown that derives the model: the whole report (its title and
        summary line dropped) or one section of it (its heading dropped).
    section
        The section's heading, or ``None`` for the whole report.
    summary
        The report's count of reproduced claims (``"6 of 6 claims reproduced."``).
    claim
        The published claim, from the proof script's docstring.
    """

    report: Path
    body: str
    section: str | None
    summary: str
    claim: str


def _split_report(text: str) -> tuple[str, str, list[tuple[str, str]]]:
    """A report's title, its preamble (after the title) and its ``##`` sections."""
    lines = text.splitlines()
    title = lines[0][2:].strip() if lines and lines[0].startswith("# ") else ""
    rest = "\n".join(lines[1:] if title else lines)
    parts = re.split(r"^## (.+)$", rest, flags=re.MULTILINE)
    preamble = parts[0]
    sections = [(parts[k].strip(), parts[k + 1]) for k in range(1, len(parts), 2)]
    return title, preamble, sections


def _summary(text: str) -> str:
    found = re.search(r"^Model: `[^`]+`\. (.+)$", text, flags=re.MULTILINE)
    return found.group(1).strip() if found else ""


def _script_claim(script: Path) -> str:
    """The published claim a proof script states in its docstring (summary and run line dropped)."""
    if not script.is_file():
        return ""
    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip()]
    kept = [p for p in paragraphs[1:] if not p.startswith("Run ")]
    return "\n\n".join(_rst_to_md(_flat(p)) for p in kept)


def _without_preamble_line(preamble: str) -> str:
    return re.sub(r"^Model: `[^`]+`\..*$", "", preamble, count=1, flags=re.MULTILINE).strip()


def find_derivation(model: Any, proofs: Path) -> Derivation | None:
    """The report (or report section) that derives ``model``, or ``None``."""
    reports = sorted(proofs.glob("*.md"))
    own = proofs / f"{model.name}.md"
    if own.is_file():
        text = own.read_text(encoding="utf-8")
        _, preamble, sections = _split_report(text)
        body = _without_preamble_line(preamble)
        for heading, content in sections:
            body += f"\n\n## {heading}\n{content.rstrip()}"
        script = proofs / (model.name.replace("-", "_") + ".py")
        return Derivation(own, body.strip(), None, _summary(text), _script_claim(script))
    description = _flat(model.description)
    for report in reports:
        text = report.read_text(encoding="utf-8")
        _, _, sections = _split_report(text)
        for heading, content in sections:
            first = content.strip().split("\n\n")[0] if content.strip() else ""
            if heading == model.title or (description and _flat(first) == description):
                script = proofs / (report.stem.replace("-", "_") + ".py")
                body = content.strip()
                if description and _flat(first) == description:
                    # "The question" already says it.
                    body = body[len(first) :].strip()
                return Derivation(report, body, heading, _summary(text), _script_claim(script))
    pattern = re.compile(
        r"load_model\(\s*[\"']" + re.escape(model.name) + r"[\"']\s*\)"
        r"|models/" + re.escape(model.name) + r"\.toml"
    )
    for script in sorted(proofs.glob("*.py")):
        report = proofs / (script.stem.replace("_", "-") + ".md")
        if report.is_file() and pattern.search(script.read_text(encoding="utf-8")):
            text = report.read_text(encoding="utf-8")
            _, preamble, sections = _split_report(text)
            body = _without_preamble_line(preamble)
            for heading, content in sections:
                body += f"\n\n## {heading}\n{content.rstrip()}"
            return Derivation(report, body.strip(), None, _summary(text), _script_claim(script))
    return None


def _shift_headings(markdown: str, by: int) -> str:
    """Demote every ATX heading outside code fences by ``by`` levels."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and re.match(r"^#{1,5} ", line):
            line = "#" * by + line
        out.append(line)
    return "\n".join(out)


# -- the game ---------------------------------------------------------------------------


def _normal_form(game: Any) -> list[str]:
    exprs = game.payoff_expressions()
    players = list(game.players)
    lines = []
    if game.n_players == 2:
        rows, cols = game.strategies
        lines.append(
            f"Rows are the strategies of {players[0]}, columns those of {players[1]}; "
            f"each cell gives the payoffs ({players[0]}, {players[1]})."
        )
        lines.append("")
        lines.append("| | " + " | ".join(_cell(c) for c in cols) + " |")
        lines.append("|:---|" + ":---:|" * len(cols))
        for i, r in enumerate(rows):
            cells = [f"{_tex(exprs[0][i, j])}, {_tex(exprs[1][i, j])}" for j in range(len(cols))]
            lines.append(f"| **{_cell(r)}** | " + " | ".join(cells) + " |")
        return lines
    lines.append("One row per pure strategy profile; the payoffs in the order of the players.")
    lines.append("")
    lines.append("| " + " | ".join(_cell(p) for p in players) + " | payoffs |")
    lines.append("|" + ":---|" * len(players) + ":---|")
    for profile in game.pure_profiles():
        labels = [_cell(game.strategies[i][k]) for i, k in enumerate(profile)]
        pay = ", ".join(_tex(exprs[i][profile]) for i in range(game.n_players))
        lines.append("| " + " | ".join(labels) + f" | {pay} |")
    return lines


def _sequential(game: Any) -> list[str]:
    from gametheory_alliances.sequential import Chance, Decision

    infoset_of: dict[int, Any] = {}
    for h in game.infosets:
        for k in h.nodes:
            infoset_of[k] = h
    players = ", ".join(game.players)
    lines = [
        "Every node of the tree, in depth-first order. A node is reached by the moves "
        "in its history; payoffs are in the order of the players "
        f"({players}).",
    ]
    if not game.is_perfect_information:
        lines[0] += (
            " Nodes in the same information set (the mover cannot tell them apart) "
            "carry the set's label."
        )
    lines += ["", "| history | node | moves or payoffs |", "|:---|:---|:---|"]
    for k in range(game.n_nodes):
        path = game.node_path(k)
        history = " › ".join(_cell(a) for a in path) if path else "(root)"
        node = game.node(k)
        if isinstance(node, Decision):
            h = infoset_of[k]
            who = f"**{_cell(game.players[h.player])}** moves"
            if len(h.nodes) > 1:
                who += f" (information set {_cell(h.label)})"
            moves = ", ".join(_cell(a) for a in node.actions)
            lines.append(f"| {history} | {who} | {moves} |")
        elif isinstance(node, Chance):
            moves = ", ".join(
                f"{_cell(a)} with probability {_tex(sympy.sympify(p))}"
                for a, (p, _) in node.outcomes.items()
            )
            lines.append(f"| {history} | chance | {moves} |")
        else:
            pay = ", ".join(_tex(sympy.sympify(v)) for v in node.payoffs)
            lines.append(f"| {history} | end | ({pay}) |")
    return lines


def _continuous(game: Any) -> list[str]:
    lines = [
        "Each player chooses a number in an interval; the equilibria come from the "
        "first-order conditions, with corners.",
        "",
        "| player | chooses | in | utility |",
        "|:---|:---|:---|:---|",
    ]
    for player, var, (lo, hi), u in zip(
        game.players, game.variables, game.bounds, game.utilities, strict=True
    ):
        low = r"-\infty" if lo is None else sympy.latex(lo)
        high = r"\infty" if hi is None else sympy.latex(hi)
        interval = f"$[{low}, {high}]$".replace("[-\\infty", "(-\\infty").replace(
            "\\infty]", "\\infty)"
        )
        lines.append(f"| {_cell(player)} | {_tex(var)} | {interval} | {_tex(u)} |")
    return lines


def game_section(game: Any) -> list[str]:
    """The game as Markdown lines: a payoff table, a node table or the utilities."""
    from gametheory_alliances.continuous import ContinuousGame
    from gametheory_alliances.normal_form import NormalFormGame
    from gametheory_alliances.sequential import SequentialGame

    if isinstance(game, NormalFormGame):
        return _normal_form(game)
    if isinstance(game, SequentialGame):
        return _sequential(game)
    if isinstance(game, ContinuousGame):
        return _continuous(game)
    return [f"A game of type `{type(game).__name__}`."]


_LATEX_PACKAGES = {
    "normal form": "`booktabs` (`\\usepackage{booktabs}`)",
    "tree": "`istgame` (`\\usepackage{istgame}`)",
    "signalling": "`istgame` (`\\usepackage{istgame}`)",
    "continuous": "`amsmath` (`\\usepackage{amsmath}`)",
}
_LATEX_WHAT = {
    "normal form": "The payoff table as a `booktabs` table",
    "tree": "The tree as an `istgame` picture",
    "signalling": "The tree as an `istgame` picture",
    "continuous": "The payoffs as equations",
}


def latex_section(model: Any) -> list[str]:
    """The ``## The game in LaTeX`` section: the game's ``to_latex()`` in a code block.

    The source is :func:`gametheory_alliances.latex.to_latex` of the model,
    in its parameters (symbolic), exactly as ``gta show NAME --latex`` prints it.
    """
    from gametheory_alliances.latex import to_latex

    kind = model.game.kind
    what = _LATEX_WHAT.get(kind, "The game")
    needs = _LATEX_PACKAGES.get(kind)
    return [
        "## The game in LaTeX",
        "",
        f"{what}, in the parameters, for a paper"
        + (f"; it needs {needs} in the preamble" if needs else "")
        + f". `gta show {model.name} --latex` prints it; with `--set NAME=VALUE` it is "
        "printed with those parameters fixed at their values.",
        "",
        "```latex",
        to_latex(model),
        "```",
        "",
    ]


# -- region maps ------------------------------------------------------------------------


def _source_hash(package: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def map_axes(model: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]] | None:
    """The ``(name, start, stop, num)`` axes of the default map (as ``gta table --all``)."""
    from gametheory_alliances.sweep import parse_grid_spec

    if len(model.grid) != 2:
        return None
    (xname, xspec), (yname, yspec) = list(model.grid.items())
    xs, ys = parse_grid_spec(xspec), parse_grid_spec(yspec)
    return (xname, xs[0], xs[-1], max(len(xs), 2)), (yname, ys[0], ys[-1], max(len(ys), 2))


def _map_key(model: Any, code_hash: str) -> str:
    axes = map_axes(model)
    text = Path(model.path).read_text(encoding="utf-8")
    return hashlib.sha256((code_hash + repr(axes) + text).encode()).hexdigest()


def _is_current(out: Path, key: str) -> bool:
    stamp = out.with_suffix(".key")
    return out.is_file() and stamp.is_file() and stamp.read_text() == key


def _draw(path: str, out: str, key: str) -> str:
    """Draw one model's default map (a process-pool job: everything passed by value)."""
    import gametheory_alliances as gta
    from gametheory_alliances.plotting import plot_region_map

    model = gta.load_model(path)
    axes = map_axes(model)
    if axes is None:
        raise ValueError(f"{model.name}: no two-parameter grid to draw a map over")
    from gametheory_alliances.errors import TooLargeError

    try:
        plot_region_map(model, x=axes[0], y=axes[1], out=out)
    except TooLargeError:
        # As the main job does: a tree too large for the enumeration of assessments.
        plot_region_map(model, x=axes[0], y=axes[1], out=out, concept="spe")
    Path(out).with_suffix(".key").write_text(key)
    return out


def draw_maps(models: list[Any], maps: Path, code_hash: str) -> set[str]:
    """Draw the default map of every model with a two-parameter grid; return their names.

    A map whose cache key (the package's source, the axes and the model file)
    is unchanged is kept; the others are drawn, in two processes when the
    machine has two cores or more. Each map is drawn by the same call in
    either case, so the files do not depend on the number of processes.
    """
    jobs = []
    have = set()
    for m in models:
        if map_axes(m) is None:
            continue
        have.add(m.name)
        out = maps / f"{m.name}.png"
        key = _map_key(m, code_hash)
        if not _is_current(out, key):
            jobs.append((str(m.path), str(out), key))
    workers = min(len(jobs), os.cpu_count() or 1, 2)
    if workers > 1:
        context = multiprocessing.get_context("fork") if os.name == "posix" else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            list(pool.map(_draw, *zip(*jobs, strict=True)))
    else:
        for job in jobs:
            _draw(*job)
    return have


def strip_table(model: Any) -> list[str]:
    """The equilibria along a one-parameter default grid, equal neighbours merged."""
    import gametheory_alliances as gta
    from gametheory_alliances.sweep import parse_grid_spec

    [(pname, spec)] = list(model.grid.items())
    values = parse_grid_spec(spec)
    from gametheory_alliances.errors import TooLargeError
    from gametheory_alliances.solvers.dispatch import default_concept

    concept = default_concept(model)
    try:
        df = gta.sweep(model, {pname: values}, invalid="drop")
    except TooLargeError:
        # As the main job does: a tree too large for the enumeration of assessments.
        concept = "spe"
        df = gta.sweep(model, {pname: values}, invalid="drop", concept="spe")
    rows: list[tuple[list[str], str]] = []
    for v in values:
        labels = [str(label) for label in df.loc[df[pname] == float(v), "label"]]
        if not labels:
            text = "(outside the assumptions)"
        else:
            distinct = list(dict.fromkeys(labels))
            count = f"{len(labels)} equilibri{'um' if len(labels) == 1 else 'a'}"
            text = f"{count}: " + "; ".join(distinct)
        if rows and rows[-1][1] == text:
            rows[-1][0].append(str(v))
        else:
            rows.append(([str(v)], text))
    tree = hasattr(model.game, "infosets")
    kind = {"pbe": "perfect Bayesian equilibria", "spe": "subgame-perfect equilibria"}
    what = kind.get(concept, "equilibria")
    if tree:
        what += " (each named by its action at every information set)"
    lines = [f"| {_tex(model.parameters[pname].symbol)} | {what} |", "|:---|:---|"]
    for vs, text in rows:
        where = vs[0] if len(vs) == 1 else f"{vs[0]} to {vs[-1]}"
        lines.append(f"| {where} | {_cell(text)} |")
    return lines


# -- the page ---------------------------------------------------------------------------


_TIE_TEXT = {
    "exclude": "only where every SPE of the baseline avoids the action; a baseline tie never counts",
    "count": "where every SPE of the baseline avoids the action, or the baseline player is "
    "indifferent and the commitment breaks the tie (every SPE takes the action)",
}


def outcomes_section(model: Any) -> list[str]:
    """The ``## Outcome predicates`` section of a model that declares them (else nothing).

    Each predicate with what it asks of an SPE's path and how it treats
    ties, as the model file declares them.
    """
    spec = getattr(model, "outcomes", None)
    if spec is None:
        return []
    base = ", ".join(f"`{k} = {v}`" for k, v in spec.baseline.items())
    from gametheory_alliances.solvers.dispatch import default_concept

    columns = (
        "the columns of its subgame-perfect table, `gta table --concept spe`"
        if default_concept(model) != "spe"
        else "the sweep tables' columns"
    )
    out = [
        "## Outcome predicates",
        "",
        f"Evaluated on every subgame-perfect equilibrium ({columns}, "
        "`gametheory_alliances.predicates.outcome_table`). Where a player is indifferent, every "
        "SPE is reported and each is judged on its own path; a region is where *some* SPE has "
        "the outcome."
        + (f" The baseline, the game without the commitment: {base}." if base else ""),
        "",
        "| predicate | meaning | on the path | compared with the baseline, and ties |",
        "|:---|:---|:---|:---|",
    ]
    for p in spec.predicates:
        path = [f"`{a}` taken" for a in p.on_path] + [f"no `{a}`" for a in p.off_path]
        if p.baseline_differs:
            acts = ", ".join(f"`{a}`" for a in p.baseline_differs)
            ties = f"{acts} differs from the baseline {_TIE_TEXT[p.baseline_ties]}"
        else:
            ties = "no comparison; each SPE on its own path"
        out.append(f"| `{p.name}` | {_cell(p.description)} | {', '.join(path) or '-'} | {ties} |")
    out.append("")
    return out


def model_page(
    model: Any, derivation: Derivation | None, has_map: bool, source: str | None = None
) -> str:
    """The Markdown text of a model's page.

    ``source`` is the model file's path relative to the page, shown in full
    at the end of the page when given.
    """
    name = model.name
    out = [f"# {model.title}", ""]
    out += [
        f"Catalogue name `{name}`; model file `models/{name}.toml`"
        + (
            f"; derivation `proofs/{derivation.report.name}`"
            + (f" (section “{derivation.section}”)" if derivation and derivation.section else "")
            if derivation
            else ""
        )
        + ". This page is generated from both.",
        "",
        "## The question",
        "",
        _flat(model.description) or "(The model file gives no description.)",
        "",
    ]
    if model.notes:
        out += [f"*Note.* {_flat(model.notes)}", ""]

    out += ["## Parameters", ""]
    if model.parameters:
        out += [
            "| name | symbol | domain | default | description |",
            "|:---|:---|:---|:---|:---|",
        ]
        for p in model.parameters.values():
            default = "" if p.default is None else f"`{p.default}`"
            out.append(
                f"| `{p.name}` | {_tex(p.symbol)} | {_interval(p.domain.text())} | {default} | "
                f"{_cell(p.description)} |"
            )
        out.append("")
    else:
        out += ["The model has no parameters.", ""]
    if model.assumptions:
        out += ["Assumptions (checked whenever values are bound):", ""]
        for cond, description in model.assumptions:
            why = f": {_flat(description)}" if description else ""
            out.append(f"- {_tex(cond)}{why}")
        out.append("")

    out += ["## The game", "", f"Players: {', '.join(model.game.players)}.", ""]
    out += game_section(model.game)
    out.append("")
    out += latex_section(model)
    out += outcomes_section(model)

    out += ["## Published claims", ""]
    if derivation is not None and derivation.claim:
        out += [derivation.claim, ""]
    if derivation is not None and derivation.summary:
        scope = " in the whole report" if derivation.section else ""
        out += [
            f"The derivation checks this with the toolkit: {derivation.summary.rstrip('.')}"
            f"{scope}; each check is marked **Claim** under *Derived conditions*.",
            "",
        ]
    if model.claims:
        out += [
            f"The model file declares claims that `gta check {name}` tests as "
            "hypothesis properties over the parameter space:",
            "",
        ]
        for claim in model.claims:
            text = claim.description or claim.summary()
            out.append(f"- `{claim.name}` ({claim.kind}): {_cell(text)}")
        out.append("")
    if derivation is None and not model.claims:
        out += ["No claims are recorded for this model.", ""]

    out += ["## Derived conditions", ""]
    if derivation is None:
        out += ["No proof report derives this model yet.", ""]
    else:
        out += [_shift_headings(derivation.body, 1), ""]

    out += ["## Region map", ""]
    axes = map_axes(model)
    if has_map and axes is not None:
        (xname, *_), (yname, *_) = axes
        grid = ", ".join(f"`{k} = {v}`" for k, v in model.grid.items())
        fixed = ", ".join(
            f"`{k} = {p.default}`" for k, p in model.parameters.items() if k not in model.grid
        )
        out += [
            f"Which equilibria hold where over the model's default grid ({grid}); "
            + (f"the other parameters at their defaults ({fixed}). " if fixed else "")
            + "Each cell is coloured by its set of equilibria (numbered on the map and named "
            "in the legend); lines are the closed-form region boundaries where the symbolic "
            "layer gives them. Redraw it with",
            "",
            "```bash",
            f"gta plot {name} --x {xname}={model.grid[xname]} "
            f"--y {yname}={model.grid[yname]} --out {name}.png",
            "```",
            "",
            f"![Region map of {name}]({MAP_DIR}/{name}.png)",
            "",
        ]
    elif model.grid:
        grid = ", ".join(f"`{k} = {v}`" for k, v in model.grid.items())
        out += [
            f"The model's default grid ({grid}) has one parameter, so there is no "
            f"two-dimensional map; `gta plot {name} --x ... --y ...` draws one over any two "
            f"parameters. Along the grid (`gta table {name}` writes these rows in full), "
            "with the other parameters at their defaults:",
            "",
            *strip_table(model),
            "",
        ]
    else:
        out += ["The model declares no default grid, so there is no default map.", ""]

    out += ["## References", ""]
    if model.citations:
        for c in model.citations:
            doi = f" doi:[{c.doi}](https://doi.org/{c.doi})" if c.doi else ""
            out.append(f"- \\[{c.key}\\] {_flat(c.text)}{doi}")
        out.append("")
    else:
        out += ["The model file cites no references.", ""]

    if source is not None:
        out += [
            "## The model file",
            "",
            f"```{{literalinclude}} {source}",
            ":language: toml",
            "```",
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


def index_page(models: list[Any]) -> str:
    lines = [
        "# The model catalogue",
        "",
        "One page per model, generated at build time from the model file in `models/` "
        "and the proof report in `proofs/` that derives it.",
        "",
        "| model | title | game |",
        "|:---|:---|:---|",
    ]
    kinds = {"NormalFormGame": "normal form", "SequentialGame": "tree"}
    for m in models:
        kind = type(m.game).__name__
        kind = kinds.get(kind, "continuous" if "Continuous" in kind else kind)
        lines.append(f"| [`{m.name}`]({m.name}.md) | {_cell(m.title)} | {kind} |")
    lines += ["", "```{toctree}", ":hidden:", "", *(m.name for m in models), "```", ""]
    return "\n".join(lines)


def generate(srcdir: Path, proofs: Path) -> list[str]:
    """Write every model page, the index and the maps; return the model names."""
    import gametheory_alliances as gta

    out = srcdir / OUT_DIR
    maps = out / MAP_DIR
    maps.mkdir(parents=True, exist_ok=True)
    code_hash = _source_hash(Path(gta.__file__).parent)
    models = [gta.load_model(name) for name, _ in gta.list_models()]
    names = {m.name for m in models}
    for stale in out.glob("*.md"):
        if stale.stem != "index" and stale.stem not in names:
            stale.unlink()
    with_map = draw_maps(models, maps, code_hash)
    for m in models:
        derivation = find_derivation(m, proofs)
        if derivation is None:
            logger.warning(
                "model %r: no proof report in %s derives it", m.name, proofs, type="model_pages"
            )
        source = Path(os.path.relpath(Path(m.path).resolve(), out.resolve())).as_posix()
        page = model_page(m, derivation, m.name in with_map, source)
        _write_if_changed(out / f"{m.name}.md", page)
    _write_if_changed(out / "index.md", index_page(models))
    return [m.name for m in models]


def build_figures(srcdir: Path, scripts: dict[str, str], code_hash: str) -> None:
    """Run the ``build(outdir)`` of each figure script (e.g. the case studies' maps).

    ``scripts`` maps a script's path to its output folder, both relative to
    the documentation's source folder. The figures are redrawn only when the
    script or the package's source changed, or a figure listed in the
    script's ``MAPS`` is missing.
    """
    import importlib.util

    for script_name, folder in scripts.items():
        script = srcdir / script_name
        if not script.is_file():
            continue
        outdir = srcdir / folder
        key = hashlib.sha256((code_hash + script.read_text(encoding="utf-8")).encode()).hexdigest()
        stamp = outdir / ".key"
        spec = importlib.util.spec_from_file_location(f"_figures_{script.parent.name}", script)
        if spec is None or spec.loader is None:
            logger.warning("cannot load the figure script %s", script, type="model_pages")
            continue
        module = importlib.util.module_from_spec(spec)
        # Registered before it runs: dataclasses look their module up in sys.modules.
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        expected = [outdir / name for name in getattr(module, "MAPS", {})]
        current = stamp.is_file() and stamp.read_text() == key
        if current and all(f.is_file() for f in expected):
            continue
        module.build(outdir)
        stamp.write_text(key)


def _on_builder_inited(app: Sphinx) -> None:
    srcdir = Path(app.srcdir)
    proofs = Path(app.config.model_pages_proofs or srcdir.parent / "proofs")
    start = time.perf_counter()
    names = generate(srcdir, proofs)
    logger.info("model_pages: %d model pages in %.1f s", len(names), time.perf_counter() - start)
    import gametheory_alliances as gta

    start = time.perf_counter()
    build_figures(
        srcdir, dict(app.config.model_pages_figures), _source_hash(Path(gta.__file__).parent)
    )
    logger.info("model_pages: figure scripts in %.1f s", time.perf_counter() - start)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("model_pages_proofs", "", "env")
    app.add_config_value("model_pages_figures", {}, "env")
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
