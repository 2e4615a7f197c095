"""Sweep tables as files: CSV, Markdown, LaTeX booktabs and Parquet, byte for byte reproducible.

Every file is written whole or not at all (to a temporary file in the same
folder, then renamed into place), and its path is checked before any work:
:func:`check_table_path`. :func:`sweep_table` runs a sweep straight into a
file through the resumable chunk store of
:mod:`gametheory_alliances.sweep.store` (what ``gta table --out`` does).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import GameError
from .core import sweep
from .store import atomic_output, check_output_folder

__all__ = [
    "TABLE_FORMATS",
    "check_table_path",
    "sweep_table",
    "table_text",
    "write_parquet_as",
    "write_table",
]


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


def _text_head(headers: list[str], numeric: list[bool], fmt: str) -> list[str]:
    if fmt == "md":
        lines = ["| " + " | ".join(_md_escape(h) for h in headers) + " |"]
        lines.append("|" + "|".join("---:" if num else ":---" for num in numeric) + "|")
        return lines
    if fmt == "tex":
        spec = "".join("r" if num else "l" for num in numeric)
        return [
            f"\\begin{{tabular}}{{{spec}}}",
            "\\toprule",
            " & ".join(_latex_escape(h) for h in headers) + " \\\\",
            "\\midrule",
        ]
    raise GameError(f"table_text: format must be 'md' or 'tex', found {fmt!r}")


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def _text_rows(df: pd.DataFrame, fmt: str) -> Iterator[str]:
    for row in df.itertuples(index=False, name=None):
        cells = [_cell(v) for v in row]
        if fmt == "md":
            yield "| " + " | ".join(_md_escape(c) for c in cells) + " |"
        else:
            yield " & ".join(_latex_escape(c) for c in cells) + " \\\\"


def _text_tail(fmt: str) -> list[str]:
    return ["\\bottomrule", "\\end{tabular}"] if fmt == "tex" else []


def _layout(df: pd.DataFrame) -> tuple[list[str], list[bool]]:
    """The column headers and which columns are numeric (right-aligned)."""
    return [str(c) for c in df.columns], [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]


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
    lines = _text_head(*_layout(df), fmt)
    lines += _text_rows(df, fmt)
    lines += _text_tail(fmt)
    return "\n".join(lines) + "\n"


def check_table_path(path: str | os.PathLike[str], who: str = "write_table") -> Path:
    """``path`` as a :class:`~pathlib.Path`, checked before any work is done.

    Raises
    ------
    GameError
        An extension other than those of :data:`TABLE_FORMATS` (any case), a
        folder that does not exist or is not writable, or a path that is a
        folder; the message names the path and the accepted formats.

    Examples
    --------
    >>> check_table_path("table.xlsx")
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.GameError: write_table: unknown table format '.xlsx' of 'table.xlsx'; expected one of .csv, .md, .tex, .parquet
    """
    path = Path(path)
    if path.suffix.lower() not in TABLE_FORMATS:
        raise GameError(
            f"{who}: unknown table format {path.suffix or '(none)'!r} of {str(path)!r}; "
            f"expected one of {', '.join(TABLE_FORMATS)}"
        )
    check_output_folder(path, who)
    return path


def write_table(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a sweep table; the format follows the extension (.csv, .md, .tex, .parquet).

    The same table always gives the same bytes (CSV with full float
    precision, ``\\n`` line ends; Markdown and LaTeX booktabs with six
    significant digits). The file is written to a temporary file in the same
    folder and renamed into place, so an existing file at ``path`` is
    replaced whole or, if writing fails or is killed, left as it was.

    Raises
    ------
    GameError
        An extension other than those four, or a folder that is missing or
        not writable (checked before writing).

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
    path = check_table_path(path)
    suffix = path.suffix.lower()
    with atomic_output(path) as tmp:
        if suffix == ".csv":
            tmp.write_text(df.to_csv(index=False, lineterminator="\n"))
        elif suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        else:
            tmp.write_text(table_text(df, suffix[1:]))
    return path


def write_parquet_as(
    source: str | os.PathLike[str], path: str | os.PathLike[str], batch_rows: int = 65_536
) -> int:
    """Write the Parquet table ``source`` to ``path`` as CSV, Markdown or LaTeX; the rows written.

    The table is read in batches of ``batch_rows`` rows, so memory does not
    grow with its size; the bytes are those :func:`write_table` writes for the whole table.
    The file is written atomically, as by :func:`write_table`.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = check_table_path(path)
    fmt = path.suffix.lower()[1:]
    if fmt == "parquet":
        raise GameError(f"write_parquet_as: {str(path)!r} is Parquet already; copy the file")
    parquet = pq.ParquetFile(source)
    schema = parquet.schema_arrow
    empty = schema.empty_table().to_pandas()
    rows = 0
    with atomic_output(path) as tmp, tmp.open("w") as handle:
        if fmt == "csv":
            handle.write(empty.to_csv(index=False, lineterminator="\n"))
        else:
            handle.write("\n".join(_text_head(*_layout(empty), fmt)) + "\n")
        for batch in parquet.iter_batches(batch_size=batch_rows):
            # Through a table, so the columns get the pandas types the file records.
            frame = pa.Table.from_batches([batch], schema=schema).to_pandas()
            rows += len(frame)
            if fmt == "csv":
                handle.write(frame.to_csv(index=False, header=False, lineterminator="\n"))
            else:
                handle.writelines(line + "\n" for line in _text_rows(frame, fmt))
        handle.writelines(line + "\n" for line in _text_tail(fmt))
    return rows


def sweep_table(
    model_or_game: Any,
    grid: Mapping[str, Any],
    fixed: Mapping[str, Any] | None,
    path: str | os.PathLike[str],
    **options: Any,
) -> tuple[Path, int]:
    """Sweep straight into the table file ``path`` (any of :data:`TABLE_FORMATS`); ``(path, rows)``.

    ``path`` is checked first. The sweep runs on the chunk store of
    ``sweep(out=...)`` (``options`` are :func:`~gametheory_alliances.sweep.sweep`'s),
    so an interrupted run resumes where it stopped and memory is bounded
    by a few chunks: a Parquet table is written directly; another format
    goes through ``PATH.parquet`` (and ``PATH.parquet.parts``), converted
    in batches, then removed. Without pyarrow (the ``parquet`` extra) the
    sweep runs in memory and the table is written atomically, without resume.
    """
    path = check_table_path(path, "sweep")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        # Without the parquet extra there is no chunk store: sweep in memory and
        # write the table atomically (an interrupted run starts again).
        df = sweep(model_or_game, grid, fixed, **options)
        return write_table(df, path), len(df)
    staged = path if path.suffix == ".parquet" else path.with_name(path.name + ".parquet")
    df = sweep(model_or_game, grid, fixed, out=staged, load=False, **options)
    if "rows" not in df.attrs:  # a continuous game: swept by its closed forms, in memory
        return write_table(df, path), len(df)
    if staged == path:
        return path, int(df.attrs["rows"])
    rows = write_parquet_as(staged, path)
    staged.unlink()
    return path, rows
