"""Size and time of the closed-form conditions of every catalogue model, before and after
the canonical simplifier.

Runs ``gta conditions MODEL --json`` (in process, through the same function
the command uses) twice per model: once with the canonical simplifier turned
off (``GTA_SIMPLIFY_SECONDS=0``: the conditions as derived, after the quick
simplification only) and once with it on. It prints, for each model, the
characters of all conditions in the JSON output (equilibrium regions,
credibility and outcome conditions) and the wall-clock time of the command,
before and after, and their ratio.

    python benchmarks/bench_simplify.py
    python benchmarks/bench_simplify.py entrapment chicken
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time

from gametheory_alliances.catalogue import list_models
from gametheory_alliances.cli import main

EXTRA = [("entrapment", ["--set", "r_R=0"])]


def condition_chars(data: dict) -> int:
    """Characters of every condition in a ``gta conditions --json`` output."""
    total = sum(len(r.get("condition", "")) for r in data.get("regions", []))
    total += sum(len(c["condition"]) for c in data.get("credibility", []))
    total += sum(len(v) for v in data.get("outcomes", {}).values())
    return total


def run(name: str, extra: list[str], seconds: str | None) -> tuple[int | str, float]:
    previous = os.environ.get("GTA_SIMPLIFY_SECONDS")
    if seconds is None:
        os.environ.pop("GTA_SIMPLIFY_SECONDS", None)
    else:
        os.environ["GTA_SIMPLIFY_SECONDS"] = seconds
    buffer, errors = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(errors):
            status = main(["conditions", name, *extra, "--json"])
    finally:
        if previous is None:
            os.environ.pop("GTA_SIMPLIFY_SECONDS", None)
        else:
            os.environ["GTA_SIMPLIFY_SECONDS"] = previous
    elapsed = time.perf_counter() - start
    if status != 0:
        # Why the command gave no conditions (e.g. a tree with information sets).
        reason = errors.getvalue().strip().removeprefix("gta: error: ")
        return reason.split(";")[0].split("(")[0].strip()[:60] or f"exit {status}", elapsed
    return condition_chars(json.loads(buffer.getvalue())), elapsed


def main_bench(names: list[str]) -> None:
    cases = [(n, []) for n in names] + [c for c in EXTRA if c[0] in names]
    print(
        f"{'model':44} {'chars before':>12} {'after':>8} {'ratio':>6} {'s before':>9} {'after':>7}"
    )
    for name, extra in cases:
        label = " ".join([name, *extra])
        before, t_before = run(name, extra, "0")
        after, t_after = run(name, extra, None)
        if isinstance(before, str) or isinstance(after, str):
            print(f"{label:44} ({before if isinstance(before, str) else after})")
            continue
        ratio = f"{before / after:.1f}" if after else "-"
        print(f"{label:44} {before:12d} {after:8d} {ratio:>6} {t_before:9.1f} {t_after:7.1f}")


if __name__ == "__main__":
    chosen = sys.argv[1:] or [name for name, _ in list_models()]
    main_bench(chosen)
