"""Reading and writing games: Gambit ``.nfg`` / ``.efg`` files and model files.

:func:`read_game` and :func:`write_game` choose the format by the file's
extension:

* ``.nfg``: Gambit's strategic game format (:mod:`.nfg`);
* ``.efg``: Gambit's extensive game format (:mod:`.efg`);
* ``.gbt``: a workbook saved by Gambit's graphical interface, read for the
  game it holds (:mod:`.gbt`);
* ``.toml``: a model file of the catalogue (:func:`gametheory_alliances.catalogue.load_model`).

A file with another extension is recognised by its first word (``NFG`` or
``EFG``, or an XML document for a workbook).

Examples
--------
>>> import tempfile, pathlib
>>> from gametheory_alliances import NormalFormGame
>>> from gametheory_alliances.io import read_game, write_game
>>> game = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], title="Coordination")
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "coordination.nfg"
...     write_game(game, path)
...     copy = read_game(path)
>>> copy.title, copy.shape
('Coordination', (2, 2))
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import FileFormatError, GameError
from .nfg import parse_nfg, read_nfg, write_nfg

__all__ = ["models_dir", "parse_nfg", "read_game", "read_nfg", "write_game", "write_nfg"]

_FORMATS = ".nfg, .efg, .gbt or .toml"


def _sniff(path: Path) -> str:
    """The format named by a file's first word (``NFG`` or ``EFG``), or ``""``."""
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf").lstrip()
    for word in (b"NFG", b"EFG"):
        if head.startswith(word):
            return "." + word.decode().lower()
    if head.startswith((b"<?xml", b"<gambit:document")):
        return ".gbt"
    return ""


def read_game(path: str | os.PathLike[str]) -> Any:
    """Read a game or model from a file, choosing the reader by the extension.

    Parameters
    ----------
    path
        A ``.nfg``, ``.efg``, ``.gbt`` (Gambit GUI workbook) or ``.toml`` file.

    Returns
    -------
    NormalFormGame, SequentialGame or model
        What the file describes.

    Raises
    ------
    FileFormatError
        A malformed file (with the line) or an unknown format.
    OSError
        A file that cannot be read.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".nfg", ".efg", ".gbt", ".toml") and p.is_file():
        suffix = _sniff(p) or suffix
    if suffix == ".nfg":
        return read_nfg(p)
    if suffix == ".efg":
        from .efg import read_efg

        return read_efg(p)
    if suffix == ".gbt":
        from .gbt import read_gbt

        return read_gbt(p)
    if suffix == ".toml":
        from .model_file import read_model

        return read_model(p)
    raise FileFormatError(
        f"unknown kind of game file {suffix or '(no extension)'!r}: expected {_FORMATS}",
        path=str(path),
    )


def write_game(game: Any, path: str | os.PathLike[str]) -> None:
    """Write a game to a file, choosing the format by the extension.

    Parameters
    ----------
    game
        For ``.nfg`` and ``.efg`` (Gambit's formats), a numeric game (``.nfg``
        needs a :class:`NormalFormGame`). For ``.toml`` (a model file), any
        game, parameterised or not, or a catalogue :class:`Model`:
        ``read_game`` gives back a model holding the same game.
    path
        A ``.nfg``, ``.efg`` or ``.toml`` path.

    Raises
    ------
    GameError
        An unknown extension, or a game the format cannot hold.

    Examples
    --------
    >>> import tempfile
    >>> from gametheory_alliances import load_model
    >>> model = load_model("burden-sharing")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_game(model.game, Path(folder) / "copy.toml")
    ...     again = read_game(Path(folder) / "copy.toml").game
    >>> again.payoff_expressions()[0].tolist() == model.game.payoff_expressions()[0].tolist()
    True
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".toml":
        from .model_file import write_model

        text = write_model(game)
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise GameError(f"{path}: cannot write the model file: {exc.strerror}") from None
    elif suffix == ".nfg":
        write_nfg(game, path)
    elif suffix == ".efg":
        from .efg import write_efg

        write_efg(game, path)
    else:
        raise GameError(
            f"{path}: unknown kind of game file {suffix or '(no extension)'!r}: "
            "expected .nfg, .efg or .toml"
        )


def models_dir() -> Path:
    """The folder of shipped models and example games.

    The copy inside the installed package (``gametheory_alliances/models``)
    comes first; in a source checkout, the top-level ``models/`` folder.

    Raises
    ------
    GameError
        If neither exists.

    Examples
    --------
    >>> (models_dir() / "games").is_dir()
    True
    """
    package = Path(__file__).resolve().parent.parent
    inside = package / "models"
    if inside.is_dir():
        return inside
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "models").is_dir():
        return checkout / "models"
    raise GameError(
        "the shipped models folder was not found (neither inside the installed package "
        "nor in a source checkout)"
    )
