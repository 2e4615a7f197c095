"""Intersphinx inventories written at build time, so the build needs no network.

Intersphinx links a name such as ``pandas.DataFrame`` in a signature to the
page that documents it, looking the name up in the project's ``objects.inv``,
which it normally downloads. The documentation must build offline (and with
warnings as errors, where a failed download is a warning), and the same
sources must give the same pages whatever the network does. So the build
writes small inventories of its own, holding the names our API pages use
(the types in signatures and docstrings), each pointing to its page in the
project's published documentation, and ``intersphinx_mapping`` reads those
local files instead of the projects' URLs.

A name missing here is shown as text, unlinked, exactly as without
intersphinx. To add one, add a line to :data:`INVENTORIES`: the name as
autodoc writes it (often the defining module's path, such as
``sympy.core.expr.Expr``), its role, and its page relative to the project's
base URL.
"""

from __future__ import annotations

import zlib
from pathlib import Path

#: Each project: its documentation's base URL and its entries ``(name, role, page)``.
INVENTORIES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "python": (
        "https://docs.python.org/3/",
        [
            *(
                (name, "py:class", f"library/functions.html#{name}")
                for name in ("int", "float", "bool", "object")
            ),
            *(
                (name, "py:class", f"library/stdtypes.html#{name}")
                for name in ("str", "dict", "list", "tuple", "set", "frozenset")
            ),
            *(
                (f"collections.abc.{name}", "py:class", "library/collections.abc.html#$")
                for name in (
                    "Callable",
                    "Collection",
                    "Hashable",
                    "Iterable",
                    "Iterator",
                    "Mapping",
                    "Sequence",
                )
            ),
            ("fractions.Fraction", "py:class", "library/fractions.html#$"),
            ("os.PathLike", "py:class", "library/os.html#$"),
            ("pathlib.Path", "py:class", "library/pathlib.html#$"),
            ("types.ModuleType", "py:class", "library/types.html#$"),
            ("typing.Any", "py:data", "library/typing.html#$"),
        ],
    ),
    "numpy": (
        "https://numpy.org/doc/stable/",
        [
            ("numpy.ndarray", "py:class", "reference/generated/numpy.ndarray.html#$"),
            ("numpy.dtype", "py:class", "reference/generated/numpy.dtype.html#$"),
        ],
    ),
    "sympy": (
        "https://docs.sympy.org/latest/",
        [
            ("sympy.core.basic.Basic", "py:class", "modules/core.html#$"),
            ("sympy.core.expr.Expr", "py:class", "modules/core.html#$"),
            ("sympy.Expr", "py:class", "modules/core.html#sympy.core.expr.Expr"),
            ("sympy.core.symbol.Symbol", "py:class", "modules/core.html#$"),
            ("sympy.Symbol", "py:class", "modules/core.html#sympy.core.symbol.Symbol"),
            ("sympy.polys.polytools.Poly", "py:class", "modules/polys/reference.html#$"),
            (
                "sympy.Poly",
                "py:class",
                "modules/polys/reference.html#sympy.polys.polytools.Poly",
            ),
        ],
    ),
    "pandas": (
        "https://pandas.pydata.org/docs/",
        [
            ("pandas.DataFrame", "py:class", "reference/api/pandas.DataFrame.html#$"),
            (
                "pandas.core.frame.DataFrame",
                "py:class",
                "reference/api/pandas.DataFrame.html#pandas.DataFrame",
            ),
        ],
    ),
}


def inventory_bytes(project: str, entries: list[tuple[str, str, str]]) -> bytes:
    """An ``objects.inv`` (format version 2) holding ``entries``."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        "# Version: \n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    body = "".join(f"{name} {role} 1 {page} -\n" for name, role, page in sorted(entries))
    return header.encode() + zlib.compress(body.encode())


def write_inventories(folder: Path) -> dict[str, tuple[str, str]]:
    """Write every inventory into ``folder``; the ``intersphinx_mapping`` that reads them."""
    folder.mkdir(parents=True, exist_ok=True)
    mapping = {}
    for project, (url, entries) in INVENTORIES.items():
        path = folder / f"{project}.inv"
        data = inventory_bytes(project, entries)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        mapping[project] = (url, str(path))
    return mapping
