"""Proof reports: derivations that check published claims and write readable Markdown.

Each script in ``proofs/`` derives a catalogue model's closed forms with the
toolkit, checks them against the published claim the model reproduces, and
writes ``proofs/<model>.md``. A script defines ``build() -> Report``; the test
suite runs every script, fails if a claim fails, and fails if the report
differs from the committed one. Running a script directly rewrites its
report::

    python proofs/burden_sharing.py

A :class:`Report` collects text, formulas (LaTeX) and tables in order, and
*claims*: named statements with the evidence that decides them. A claim that
fails is recorded in the report and makes :meth:`Report.verify` raise.

Examples
--------
>>> from gametheory_alliances.report import Report
>>> report = Report("toy", "A toy derivation")
>>> report.text("Two and two.")
>>> report.claim("two and two make four", 2 + 2 == 4, "computed")
>>> report.verify()
>>> print(report.markdown().splitlines()[0])
# A toy derivation
"""

from __future__ import annotations

import runpy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy

from .errors import GameError

__all__ = ["ClaimFailed", "Report", "load_proof"]


class ClaimFailed(GameError):
    """A published claim that the derivation does not reproduce."""


@dataclass
class Report:
    """An ordered, deterministic Markdown report with checked claims.

    Parameters
    ----------
    name
        The model's catalogue name (the report is ``proofs/<name>.md``).
    title
        The report's heading.
    """

    name: str
    title: str
    blocks: list[str] = field(default_factory=list)
    claims: list[tuple[str, bool, str]] = field(default_factory=list)

    def heading(self, text: str) -> None:
        """A section heading."""
        self.blocks.append(f"## {text}")

    def text(self, text: str) -> None:
        """A paragraph."""
        self.blocks.append(" ".join(text.split()))

    def math(self, expr: Any, label: str = "") -> None:
        """A displayed formula: a sympy object (rendered with ``sympy.latex``) or LaTeX text."""
        body = expr if isinstance(expr, str) else sympy.latex(expr)
        lead = f"{label}\n\n" if label else ""
        self.blocks.append(f"{lead}$$\n{body}\n$$")

    def table(self, header: list[str], rows: list[list[Any]]) -> None:
        """A Markdown table (cells rendered with ``str``; ``|`` escaped)."""

        def cell(x: Any) -> str:
            return str(x).replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(map(cell, header)) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(map(cell, row)) + " |" for row in rows]
        self.blocks.append("\n".join(lines))

    def code(self, text: str) -> None:
        """A preformatted block (e.g. the toolkit's printed output)."""
        self.blocks.append("```\n" + text.rstrip("\n") + "\n```")

    def claim(self, statement: str, holds: bool, evidence: str = "") -> None:
        """Record a claim and whether the derivation reproduces it."""
        ok = bool(holds)
        self.claims.append((statement, ok, evidence))
        mark = "reproduced" if ok else "NOT REPRODUCED"
        detail = f" {' '.join(evidence.split())}" if evidence else ""
        self.blocks.append(f"**Claim ({mark}).** {statement}.{detail}")

    def verify(self) -> None:
        """Raise :class:`ClaimFailed` if any recorded claim failed."""
        failed = [s for s, ok, _ in self.claims if not ok]
        if failed:
            raise ClaimFailed(f"{self.name}: not reproduced: " + "; ".join(failed))

    def markdown(self) -> str:
        """The report as Markdown text (deterministic: no dates, no timings)."""
        summary = f"{sum(ok for _, ok, _ in self.claims)} of {len(self.claims)} claims reproduced."
        parts = [f"# {self.title}", f"Model: `{self.name}`. {summary}", *self.blocks]
        return "\n\n".join(parts) + "\n"

    def _repr_markdown_(self) -> str:
        """The report as Markdown: Jupyter renders its tables and typesets its formulas."""
        return self.markdown()

    def write(self, folder: str | Path) -> Path:
        """Write ``<folder>/<name>.md`` and return its path."""
        path = Path(folder) / f"{self.name}.md"
        path.write_text(self.markdown(), encoding="utf-8")
        return path


def load_proof(path: str | Path) -> Report:
    """Run a proof script's ``build()`` and return its report (claims not yet verified)."""
    namespace = runpy.run_path(str(path), run_name="proof")
    build = namespace.get("build")
    if build is None:
        raise GameError(f"{path}: a proof script must define build() -> Report")
    report = build()
    if not isinstance(report, Report):
        raise GameError(f"{path}: build() returned {type(report).__name__}, expected a Report")
    return report
