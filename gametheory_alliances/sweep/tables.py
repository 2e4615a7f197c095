"""Sweep tables as files: CSV, Markdown, LaTeX booktabs and Parquet, byte for byte reproducible."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import GameError

__all__ = ["TABLE_FORMATS", "table_text", "write_table"]


TABLE_FORMATS = (".csv", ".md", ".tex", ".parquet")
"""The file extensions :func:`write_table` writes."""

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _cell(value: Any) -> str:
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return ""
        return f"{float(value):.6g}"
    return str(value)


def _latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in text)


def table_text(df: pd.DataFrame, fmt: str) -> str:
    """The table as Markdown (``"md"``) or LaTeX booktabs (``"tex"``) text.

    Numbers are printed with six significant digits; the CSV and Parquet
    forms keep full precision.

    Examples
    --------
    >>> import pandas as pd
    >>> print(table_text(pd.DataFrame({"b_1": [0.5], "label": ["(C, F)"]}), "tex"))
    \\begin{tabular}{rl}
    \\toprule
    b\\_1 & label \\\\
    \\midrule
    0.5 & (C, F) \\\\
    \\bottomrule
    \\end{tabular}
    """
    headers = [str(c) for c in df.columns]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]
    body = [[_cell(v) for v in row] for row in df.itertuples(index=False, name=None)]
    if fmt == "md":

        def esc(t: str) -> str:
            return t.replace("|", "\\|")

        lines = ["| " + " | ".join(esc(h) for h in headers) + " |"]
        lines.append("|" + "|".join("---:" if num else ":---" for num in numeric) + "|")
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in body]
        return "\n".join(lines) + "\n"
    if fmt == "tex":
        spec = "".join("r" if num else "l" for num in numeric)
        lines = [f"\\begin{{tabular}}{{{spec}}}", "\\toprule"]
        lines.append(" & ".join(_latex_escape(h) for h in headers) + " \\\\")
        lines.append("\\midrule")
        lines += [" & ".join(_latex_escape(c) for c in row) + " \\\\" for row in body]
        lines += ["\\bottomrule", "\\end{tabular}"]
        return "\n".join(lines) + "\n"
    raise GameError(f"table_text: format must be 'md' or 'tex', found {fmt!r}")


def write_table(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a sweep table; the format follows the extension (.csv, .md, .tex, .parquet).

    The same table always gives the same bytes (CSV with full float
    precision, ``\\n`` line ends; Markdown and LaTeX booktabs with six
    significant digits).

    Raises
    ------
    GameError
        An extension other than those four.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_table(pd.DataFrame({"c": [0.5], "label": ["(F, F)"]}), folder / "t.md")
    >>> print(path.read_text(), end="")
    | c | label |
    |---:|:---|
    | 0.5 | (F, F) |
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise GameError(
            f"write_table: unknown table format {path.suffix or '(none)'!r} of {str(path)!r}; "
            f"expected one of {', '.join(TABLE_FORMATS)}"
        )
    if suffix == ".csv":
        path.write_text(df.to_csv(index=False, lineterminator="\n"))
    elif suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        path.write_text(table_text(df, suffix[1:]))
    return path
