"""The model catalogue: finding and loading the models shipped in ``models/``.

A catalogue model is a :class:`~gametheory_alliances.io.model.Model`: a game
together with its title, description, citations, parameters and declared
assumptions (checked whenever values are bound). :class:`Model`,
:class:`Citation` and :func:`fix_parameters` are defined in
:mod:`gametheory_alliances.io.model` and re-exported here.

Examples
--------
>>> from gametheory_alliances.catalogue import list_models, load_model
>>> load_model("stag-hunt").title
'Stag Hunt'
>>> ("stag-hunt", "Stag Hunt") in list_models()
True
"""

from __future__ import annotations

from pathlib import Path

from .errors import GameError
from .io import models_dir
from .io.model import Citation, Model, fix_parameters

__all__ = ["Citation", "Model", "fix_parameters", "list_models", "load_model", "models_dir"]


def list_models() -> list[tuple[str, str]]:
    """``(name, title)`` of every catalogue model, sorted by name."""
    from .io.model_file import read_model

    out = []
    for path in sorted(models_dir().glob("*.toml")):
        model = read_model(path)
        out.append((model.name, model.title))
    return out


def load_model(name_or_path: str | Path) -> Model:
    """Load a catalogue model by name, or a model file by path.

    Raises
    ------
    GameError
        If no model of that name exists (the message lists the catalogue).
    FileFormatError
        If the file is malformed.
    """
    from .io.model_file import read_model

    if not isinstance(name_or_path, str | Path) or not str(name_or_path).strip():
        raise GameError(
            f"load_model: expected a catalogue name or a model file path, found {name_or_path!r}"
        )
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        return read_model(path)
    name = str(name_or_path)
    candidate = models_dir() / f"{name}.toml"
    if candidate.is_file():
        return read_model(candidate)
    names = ", ".join(n.stem for n in sorted(models_dir().glob("*.toml")))
    raise GameError(f"no model named {name!r}; the catalogue has: {names or 'no models'}")
