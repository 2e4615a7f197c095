"""The catalogue: every shipped model loads, binds at its defaults and honours its assumptions."""

import pytest

from gametheory_alliances.catalogue import list_models, load_model, models_dir
from gametheory_alliances.errors import DomainError, GameError

NAMES = [name for name, _ in list_models()]


def test_the_catalogue_holds_the_textbook_games():
    assert {
        "prisoners-dilemma",
        "chicken",
        "stag-hunt",
        "battle-of-the-sexes",
        "matching-pennies",
    } <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_model_loads_and_binds_at_its_defaults(name):
    model = load_model(name)
    assert model.name == name
    assert (models_dir() / f"{name}.toml").is_file()
    assert model.citations, "every catalogue model cites its source"
    assert model.at().is_numeric


def test_assumptions_are_checked_when_binding():
    with pytest.raises(DomainError, match="ordering"):
        load_model("prisoners-dilemma").at(T=2)


def test_unknown_model_names_list_the_catalogue():
    with pytest.raises(GameError, match="chicken"):
        load_model("no-such-model")


def test_describe_names_parameters_and_references():
    text = load_model("chicken").describe()
    assert "Parameters:" in text and "References:" in text and "crash" in text


def test_the_catalogue_reexports_the_model_class_from_io():
    from gametheory_alliances import catalogue
    from gametheory_alliances.io import model

    for name in ("Citation", "Model", "fix_parameters"):
        assert getattr(catalogue, name) is getattr(model, name)
    assert isinstance(load_model("stag-hunt"), model.Model)
