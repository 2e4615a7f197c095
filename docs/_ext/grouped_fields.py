"""Sphinx extension: numpydoc attribute entries that name several attributes at once.

numpydoc lets one entry describe several names (``exact_value,
exact_row_strategy`` under *Attributes*). napoleon splits such an entry into
one field per name under *Parameters*, but with ``napoleon_use_ivar`` it
leaves ``:ivar a, b:`` whole, which Sphinx then reads as the attribute ``b``
of type ``a,``. This hook, run after napoleon, gives each name its own
field with the shared description, as napoleon does for parameters.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

_GROUPED = re.compile(r"^(\s*):(ivar|var|cvar|vartype)\s+(\w+(?:\s*,\s*\w+)+):(.*)$")


def split_grouped_fields(lines: list[str]) -> list[str]:
    """The docstring lines with every grouped ``:ivar a, b:`` field split per name.

    Examples
    --------
    >>> split_grouped_fields([":ivar a, b: shared", "    more", ":ivar c: own"])
    [':ivar a: shared', '    more', ':ivar b: shared', '    more', ':ivar c: own']
    """
    out: list[str] = []
    k = 0
    while k < len(lines):
        found = _GROUPED.match(lines[k])
        if not found:
            out.append(lines[k])
            k += 1
            continue
        indent, kind, names, first = found.groups()
        body = []
        k += 1
        # The field's continuation lines are indented deeper than the field itself.
        while (
            k < len(lines)
            and lines[k].strip()
            and len(lines[k]) - len(lines[k].lstrip()) > len(indent)
        ):
            body.append(lines[k])
            k += 1
        for name in (n.strip() for n in names.split(",")):
            out.append(f"{indent}:{kind} {name}:{first}")
            out.extend(body)
    return out


def _process(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    lines[:] = split_grouped_fields(lines)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx.ext.napoleon")
    # After napoleon (priority 500), which writes the :ivar: fields.
    app.connect("autodoc-process-docstring", _process, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
