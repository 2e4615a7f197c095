"""Scaffold: replaced by the real algorithm."""


def pure_equilibria(*args, **kwargs):
    raise NotImplementedError
