"""Reading the Gambit graphical interface's saved workbooks (``.gbt``).

A ``.gbt`` file is a small XML document that the Gambit GUI writes when a
game is saved: display settings (colours, fonts, layout, decimals), then one
``<game>`` element holding the game itself as the text of a ``.efg`` file (in
``<efgfile>``) or of a ``.nfg`` file (in ``<nfgfile>``), followed by any
profiles the user computed in the GUI. :func:`read_gbt` returns the game; the
display settings and the saved profiles are ignored (recompute the
equilibria with the toolkit's solvers).

The game's text is taken verbatim from the file (the five predefined XML
entities ``&lt; &gt; &amp; &quot; &apos;`` decoded), and read by the same
readers as ``.efg`` and ``.nfg`` files, so errors name the line of the
``.gbt`` file. The file is never handed to an XML parser: document type
declarations and entity definitions are refused outright, so nothing in the
file is expanded or fetched.

Examples
--------
>>> import tempfile, pathlib
>>> from gametheory_alliances.io.gbt import read_gbt
>>> text = '''<?xml version="1.0" encoding="UTF-8"?>
... <gambit:document xmlns:gambit="http://gambit.sourceforge.net/" version="0.1">
... <numbers decimals="4"/>
... <game>
... <nfgfile>
... NFG 1 R "Coordination" { "Ally" "Partner" } { 2 2 }
... 2 1 0 0 0 0 1 2
... </nfgfile>
... </game>
... </gambit:document>
... '''
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "coordination.gbt"
...     _ = path.write_text(text)
...     game = read_gbt(path)
>>> game.title, game.shape
('Coordination', (2, 2))
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..errors import FileFormatError

__all__ = ["parse_gbt", "read_gbt"]

_ENTITIES = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&"}
_ENTITY = re.compile(r"&(?:lt|gt|quot|apos|amp);")
_BLOCK = re.compile(r"<(efgfile|nfgfile)\s*>(.*?)</\1\s*>", re.DOTALL)
_OPEN = re.compile(r"<(efgfile|nfgfile)\b")


def _decode(text: str) -> str:
    """Decode the five predefined XML entities in one pass (``&amp;lt;`` stays ``&lt;``)."""
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)


def parse_gbt(text: str, path: str | None = None) -> Any:
    """The game held in the text of a Gambit GUI workbook.

    Parameters
    ----------
    text
        The whole ``.gbt`` document.
    path
        The file name, for error messages.

    Returns
    -------
    NormalFormGame or SequentialGame
        The game of the ``<nfgfile>`` or ``<efgfile>`` element.

    Raises
    ------
    FileFormatError
        Not a Gambit workbook, a document type or entity declaration, no game
        or more than one, or a malformed game (with the line in the ``.gbt``
        file).

    Examples
    --------
    >>> doc = ('<gambit:document version="0.1"><game><efgfile>\\n'
    ...        'EFG 2 R "Entry" { "Challenger" "Ally" }\\n'
    ...        'p "" 1 1 "" { "Stay out" "Enter" } 0\\n'
    ...        't "" 1 "Status quo" { 0, 2 }\\n'
    ...        'p "" 2 1 "" { "Fight" "Concede" } 0\\n'
    ...        't "" 2 "War" { -1, -1 }\\n'
    ...        't "" 3 "Gains" { 1, 1 }\\n'
    ...        '</efgfile></game></gambit:document>')
    >>> game = parse_gbt(doc)
    >>> game.title, game.players
    ('Entry', ('Challenger', 'Ally'))
    """
    body = text.lstrip("\ufeff").lstrip()
    if not body.startswith("<"):
        raise FileFormatError(
            "not a Gambit workbook: a .gbt file is an XML document starting with '<'",
            path=path,
            line=1,
        )
    for bad in ("<!DOCTYPE", "<!ENTITY"):
        at = text.find(bad)
        if at >= 0:
            raise FileFormatError(
                f"a Gambit workbook has no {bad[2:]} declaration; refusing it",
                path=path,
                line=text.count("\n", 0, at) + 1,
            )
    if "<gambit:document" not in text:
        raise FileFormatError(
            "not a Gambit workbook: no <gambit:document> element", path=path, line=1
        )
    blocks = list(_BLOCK.finditer(text))
    if not blocks:
        opened = _OPEN.search(text)
        if opened is not None:
            line = text.count("\n", 0, opened.start()) + 1
            raise FileFormatError(f"<{opened.group(1)}> is never closed", path=path, line=line)
        raise FileFormatError(
            "the workbook holds no game (no <efgfile> or <nfgfile> element)", path=path
        )
    if len(blocks) > 1:
        line = text.count("\n", 0, blocks[1].start()) + 1
        raise FileFormatError(
            "the workbook holds more than one game; expected one <efgfile> or <nfgfile>",
            path=path,
            line=line,
        )
    block = blocks[0]
    kind, inner = block.group(1), block.group(2)
    # Pad with the newlines before the game's text so the readers' line
    # numbers are those of the .gbt file.
    start = block.start(2)
    padded = "\n" * text.count("\n", 0, start) + _decode(inner)
    if kind == "efgfile":
        from .efg import parse_efg

        return parse_efg(padded, path)
    from .nfg import parse_nfg

    return parse_nfg(padded, path)


def read_gbt(path: str | os.PathLike[str]) -> Any:
    """Read the game of a Gambit GUI workbook (``.gbt``).

    Parameters
    ----------
    path
        The ``.gbt`` file.

    Returns
    -------
    NormalFormGame or SequentialGame
        The game the workbook holds (display settings and saved profiles are
        ignored).

    Raises
    ------
    FileFormatError
        See :func:`parse_gbt`; also a file that is not UTF-8 text.
    OSError
        A file that cannot be read.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            f"not UTF-8 text (byte {exc.start}): a Gambit workbook is UTF-8 XML",
            path=str(path),
        ) from None
    return parse_gbt(text, str(path))
