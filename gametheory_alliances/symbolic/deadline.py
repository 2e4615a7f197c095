"""A wall-clock deadline for symbolic work, so that a hard model ends in a clear error.

Symbolic steps (equilibrium regions, simplification, classification) can
take very long on a model whose payoffs are legal but large.
:func:`symbolic_deadline` bounds them: when the time is up the work is
interrupted and :class:`~gametheory_alliances.errors.TooLargeError` is
raised, naming the payoff most likely to blame. The default is
:data:`DEFAULT_SECONDS`, or the environment variable ``GTA_SYMBOLIC_SECONDS``
(``gta conditions`` and ``gta plot`` also take ``--timeout``).

The deadline is a POSIX interval timer (``SIGALRM``), which can interrupt
pure-Python work such as sympy's; it applies in the main thread of a POSIX
process and is a no-op elsewhere (in other threads and on Windows).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import GameError, TooLargeError

__all__ = ["DEFAULT_SECONDS", "deadline_seconds", "symbolic_deadline"]

DEFAULT_SECONDS = 120.0
"""Seconds of symbolic work allowed when neither ``--timeout`` nor the environment says."""


class _TimeUp(BaseException):
    """Raised by the timer inside the interrupted work (a BaseException, so that no
    ``except Exception`` of the work itself swallows it)."""


def deadline_seconds(given: float | None = None) -> float:
    """The deadline in seconds: ``given``, else ``GTA_SYMBOLIC_SECONDS``, else the default.

    Examples
    --------
    >>> deadline_seconds(5)
    5.0
    """
    if given is None:
        text = os.environ.get("GTA_SYMBOLIC_SECONDS", "").strip()
        if not text:
            return DEFAULT_SECONDS
        try:
            given = float(text)
        except ValueError:
            raise GameError(
                f"GTA_SYMBOLIC_SECONDS: expected a number of seconds, found {text!r}"
            ) from None
    seconds = float(given)
    if not seconds > 0 or seconds == float("inf"):
        raise GameError(f"symbolic deadline: expected a positive number of seconds, found {given}")
    return seconds


def _largest_payoff(game: Any) -> str:
    """The largest payoff of ``game`` (a model or game), as text for an error message."""
    from ..game import game_of

    try:
        inner: Any = game_of(game)
        exprs: list[tuple[str, Any]] = []
        if inner.is_tree:
            for nd in inner.nodes:
                where = f"at {nd.label or '/'.join(nd.path) or 'the root'}"
                exprs.extend((where, e) for e in nd.payoffs)
        else:
            for i, array in enumerate(inner.payoff_expressions()):
                exprs.extend((f"of {inner.players[i]!r}", e) for e in array.ravel())
    except (GameError, AttributeError, TypeError):
        return ""
    if not exprs:
        return ""
    where, expr = max(exprs, key=lambda item: item[1].count_ops())
    text = str(expr)
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"; the largest payoff is {where}: {text}"


@contextmanager
def symbolic_deadline(seconds: float, what: str, game: Any = None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` of wall-clock time with a :class:`TooLargeError`.

    ``what`` names the work in the message (e.g. ``"equilibrium regions of chicken"``);
    ``game``, when given, lets the message name its largest payoff.

    Examples
    --------
    >>> with symbolic_deadline(5, "a quick step"):
    ...     1 + 1
    2
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def time_up(signum: int, frame: Any) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeUp:
        raise TooLargeError(
            f"{what}: the symbolic work did not finish within {seconds:g} s{_largest_payoff(game)} "
            "(allow more with --timeout or GTA_SYMBOLIC_SECONDS)"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
