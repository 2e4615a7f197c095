"""Sweep tables as files: CSV, Markdown, LaTeX booktabs and Parquet, byte for byte reproducible.

Every file is written whole or not at all (to a temporary file in the same
folder, then renamed into place), and its path is checked before any work:
:func:`check_table_path`. :func:`sweep_table` runs a sweep straight into a
file through the resumable chunk store of
:mod:`gametheory_alliances.sweep.store` (what ``gta table --out`` does).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping, Sequence
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
    "select_columns",
    "sweep_table",
    "table_text",
    "write_parquet_as",
    "write_table",
]


TABLE_FORMATS = (".csv", ".md", ".tex", ".parquet")
"""The file extensions :func:`write_table` writes."""


def _cell(value: Any) -> str:
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return ""
        return f"{float(value):.6g}"
    return str(value)


def _latex_escape(text: str) -> str:
    from ..latex import escape_text

    return escape_text(text)


def _tex_header(header: str, math_columns: Collection[str]) -> str:
    if header in math_columns:
        from ..latex import math_name

        return f"${math_name(header)}$"
    return _latex_escape(header)


def select_columns(df: pd.DataFrame, columns: Sequence[str] | None) -> pd.DataFrame:
    """The table with only ``columns``, in that order (all of them for ``None``).

    Raises
    ------
    GameError
        A column the table does not have (the message lists those it has), or
        a column named twice.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"b": [1], "c": [2], "label": ["x"]})
    >>> list(select_columns(df, ["label", "b"]).columns)
    ['label', 'b']
    >>> select_columns(df, ["d"])
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.GameError: unknown column 'd'; the table has: b, c, label
    """
    if columns is None:
        return df
    names = [str(c) for c in df.columns]
    seen: set[str] = set()
    for c in columns:
        if c not in names:
            raise GameError(f"unknown column {c!r}; the table has: {', '.join(names)}")
        if c in seen:
            raise GameError(f"column {c!r} is asked for twice")
        seen.add(c)
    return df[list(columns)]


def _text_head(
    headers: list[str], numeric: list[bool], fmt: str, math_columns: Collection[str] = ()
) -> list[str]:
    if fmt == "md":
        lines = ["| " + " | ".join(_md_escape(h) for h in headers) + " |"]
        lines.append("|" + "|".join("---:" if num else ":---" for num in numeric) + "|")
        return lines
    if fmt == "tex":
        spec = "".join("r" if num else "l" for num in numeric)
        return [
            f"\\begin{{tabular}}{{{spec}}}",
            "\\toprule",
            " & ".join(_tex_header(h, math_columns) for h in headers) + " \\\\",
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


def table_text(df: pd.DataFrame, fmt: str, math_columns: Collection[str] = ()) -> str:
    """The table as Markdown (``"md"``) or LaTeX booktabs (``"tex"``) text.

    Numbers are printed with six significant digits; the CSV and Parquet
    forms keep full precision. In LaTeX, text is escaped for text mode and
    the headers named in ``math_columns`` (the parameters) are written as
    math, as sympy writes their symbols (``pi_D`` as ``$\\pi_{D}$``).

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
    lines = _text_head(*_layout(df), fmt, math_columns)
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


def write_table(
    df: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    columns: Sequence[str] | None = None,
    math_columns: Collection[str] = (),
) -> Path:
    """Write a sweep table; the format follows the extension (.csv, .md, .tex, .parquet).

    ``columns`` selects and orders the columns written (all by default);
    ``math_columns`` are headers written as math in LaTeX (see :func:`table_text`).

    The same table always gives the same bytes (CSV with full float
    precision, ``\\n`` line ends; Markdown and LaTeX booktabs with six
    significant digits). The file is written to a temporary file in the same
    folder and renamed into place, so an existing file at ``path`` is
    replaced whole or, if writing fails or is killed, left as it was.

    Raises
    ------
    GameError
        An extension other than those four, a folder that is missing or
        not writable (checked before writing), or an unknown column.

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
    df = select_columns(df, columns)
    suffix = path.suffix.lower()
    with atomic_output(path) as tmp:
        if suffix == ".csv":
            tmp.write_text(df.to_csv(index=False, lineterminator="\n"))
        elif suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        else:
            tmp.write_text(table_text(df, suffix[1:], math_columns))
    return path


def write_parquet_as(
    source: str | os.PathLike[str],
    path: str | os.PathLike[str],
    batch_rows: int = 65_536,
    *,
    columns: Sequence[str] | None = None,
    math_columns: Collection[str] = (),
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
    empty = select_columns(schema.empty_table().to_pandas(), columns)
    rows = 0
    with atomic_output(path) as tmp, tmp.open("w") as handle:
        if fmt == "csv":
            handle.write(empty.to_csv(index=False, lineterminator="\n"))
        else:
            handle.write("\n".join(_text_head(*_layout(empty), fmt, math_columns)) + "\n")
        for batch in parquet.iter_batches(batch_size=batch_rows):
            # Through a table, so the columns get the pandas types the file records.
            frame = select_columns(
                pa.Table.from_batches([batch], schema=schema).to_pandas(), columns
            )
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
    *,
    columns: Sequence[str] | None = None,
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
    math_columns = tuple(getattr(model_or_game, "parameters", None) or ())
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        # Without the parquet extra there is no chunk store: sweep in memory and
        # write the table atomically (an interrupted run starts again).
        df = sweep(model_or_game, grid, fixed, **options)
        return write_table(df, path, columns=columns, math_columns=math_columns), len(df)
    direct = path.suffix == ".parquet" and columns is None
    staged = path if direct else path.with_name(path.name + ".parquet")
    df = sweep(model_or_game, grid, fixed, out=staged, load=False, **options)
    if "rows" not in df.attrs:  # a continuous game: swept by its closed forms, in memory
        return write_table(df, path, columns=columns, math_columns=math_columns), len(df)
    if direct:
        return path, int(df.attrs["rows"])
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(staged)
        select_columns(table.schema.empty_table().to_pandas(), columns)
        with atomic_output(path) as tmp:
            pq.write_table(table.select(list(columns or ())), tmp)
        staged.unlink()
        return path, table.num_rows
    rows = write_parquet_as(staged, path, columns=columns, math_columns=math_columns)
    staged.unlink()
    return path, rows
