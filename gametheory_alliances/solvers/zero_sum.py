"""Scaffold: replaced by the real algorithm."""


def zero_sum(*args, **kwargs):
    raise NotImplementedError
