"""Coverage of the QRE estimates' confidence intervals over repeated simulated data sets.

For each design, draws ``--reps`` data sets from the model's logit QRE at
known parameter values (seeds 0, 1, ...), fits each, and reports per
coefficient the mean estimate, its bias, the standard deviation of the
estimates across data sets, the mean standard error (observed information)
and the share of nominal 95% intervals (estimate +/- 1.96 SE) that contain
the truth. The table on docs/how-to/estimate-from-data.md is its output.

Run from the repository root::

    python benchmarks/qre_coverage.py              # 200 data sets per design
    python benchmarks/qre_coverage.py --reps 20    # quicker
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import gametheory_alliances as gta


def extended_deterrence(seed: int, n: int) -> tuple[dict[str, float], gta.FitResult]:
    """c_DD = -1.5 + 2 capability, lambda = 4, capability uniform on [0, 1]."""
    rng = np.random.default_rng(10_000 + seed)
    capability = rng.uniform(0.0, 1.0, n)
    plays = gta.simulate(
        "extended-deterrence",
        {"c_DD": -1.5 + 2.0 * capability},
        lam=4.0,
        n=n,
        seed=seed,
        covariates={"capability": capability},
    )
    result = gta.fit("extended-deterrence", plays, estimate=["c_DD ~ 1 + capability"])
    return {"c_DD:Intercept": -1.5, "c_DD:capability": 2.0, "lambda": 4.0}, result


def entrapment(seed: int, n: int) -> tuple[dict[str, float], gta.FitResult]:
    """k_P = 0.3, k_C = 0.15, lambda = 5, the other parameters at their defaults."""
    plays = gta.simulate("entrapment", {"k_P": 0.3, "k_C": 0.15}, lam=5.0, n=n, seed=seed)
    result = gta.fit("entrapment", plays, estimate=["k_P", "k_C"])
    return {"k_P": 0.3, "k_C": 0.15, "lambda": 5.0}, result


DESIGNS = {"extended-deterrence": extended_deterrence, "entrapment": entrapment}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=200, help="data sets per design")
    parser.add_argument("--n", type=int, default=1000, help="plays per data set")
    args = parser.parse_args()
    print(
        "| model | coefficient | truth | mean estimate | bias | sd of estimates | mean SE | coverage of 95% intervals |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, design in DESIGNS.items():
        rows: dict[str, list[tuple[float, float]]] = {}
        truth: dict[str, float] = {}
        failed = 0
        for seed in range(args.reps):
            truth, result = design(seed, args.n)
            if not result.converged:
                failed += 1
                continue
            for k in truth:
                rows.setdefault(k, []).append((result.estimates[k], result.std_errors[k]))
        for k, v in truth.items():
            est = np.array([e for e, _ in rows[k]])
            se = np.array([s for _, s in rows[k]])
            cover = np.mean(np.abs(est - v) <= 1.96 * se)
            print(
                f"| {name} | `{k}` | {v:g} | {est.mean():.3f} | {est.mean() - v:+.3f} | "
                f"{est.std(ddof=1):.3f} | {se.mean():.3f} | {cover:.3f} |"
            )
        if failed:
            print(f"({name}: {failed} of {args.reps} fits did not converge and are left out)")


if __name__ == "__main__":
    main()
