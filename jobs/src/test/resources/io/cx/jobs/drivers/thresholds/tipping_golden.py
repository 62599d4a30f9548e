"""Golden values for TippingPointsGoldenTest, computed directly with numpy.

Writes tipping_golden.json beside this script:

- "cases": data (x, y) and min_side, with the statistic of the step-versus-trend test,
  D = (explained sum of squares of the best one-split drop model) - (that of the least-squares
  quadratic trend), each from its own fit: the trend by np.linalg.lstsq on [1, x, x^2] (rank
  deficient when x has two values: lstsq's minimum-norm solution, the same fit), the step by the
  residual sum of squares of the two group means at every candidate (every distinct x from the lower 5 % to
  the lower 95 % quantile, min_side rows on each side, drops only; 0 when no candidate drops).
  The residual-permutation p-value depends on the random stream and is tested separately.
- "bh": p-value families (null: not a test) with their Benjamini-Hochberg q-values, from the
  definition q_i = min over the p-values p_j >= p_i of min(1, m p_j / rank_j), ranks 1..m
  ascending (equal p-values share the largest rank of their group).

Run: python3 tipping_golden.py   (numpy >= 1.22; fixed seed, deterministic)
"""

import json
import os

import numpy as np


def lower_quantile(x, k, levels):
    values = np.unique(x)
    at_or_below = np.searchsorted(np.sort(x), values, side="right")
    return values[np.argmax(at_or_below * levels >= k * len(x))]


def step_ss(x, y, min_side):
    lo, hi = lower_quantile(x, 1, 20), lower_quantile(x, 19, 20)
    tss = ((y - y.mean()) ** 2).sum()
    best = 0.0
    for t in np.unique(x[(x >= lo) & (x <= hi)]):
        below, above = y[x <= t], y[x > t]
        if len(below) < min_side or len(above) < min_side or below.mean() <= above.mean():
            continue
        rss = ((below - below.mean()) ** 2).sum() + ((above - above.mean()) ** 2).sum()
        best = max(best, tss - rss)
    return best


def trend_ss(x, y):
    design = np.column_stack([np.ones_like(x), x, x**2])
    coef, _, _, _ = np.linalg.lstsq(design, y, rcond=None)
    tss = ((y - y.mean()) ** 2).sum()
    return tss - ((y - design @ coef) ** 2).sum()


def case(name, x, y, min_side):
    s, l = step_ss(x, y, min_side), trend_ss(x, y)
    return {
        "name": name,
        "min_side": min_side,
        "x": [float(v) for v in x],
        "y": [float(v) for v in y],
        "step_ss": float(s),
        "trend_ss": float(l),
        "statistic": float(s - l),
    }


def bh(p):
    p = np.array([np.nan if v is None else v for v in p], dtype=float)
    tests = ~np.isnan(p)
    m = tests.sum()
    q = np.full(len(p), np.nan)
    pv = p[tests]
    rank = np.array([(pv <= v).sum() for v in pv])  # ties share the largest rank
    raw = np.minimum(1.0, m * pv / rank)
    q[tests] = [raw[pv >= v].min() for v in pv]
    return [None if np.isnan(v) else float(v) for v in q]


def main():
    rng = np.random.default_rng(20241205)
    cases = []

    n = 300
    x = np.round(rng.exponential(20.0, n), 1)
    y = np.round(np.clip(0.75 - 0.25 * (x > 24) + rng.normal(0, 0.2, n), 0, 1) * 4) / 4
    cases.append(case("step", x, y, 30))

    x = np.round(rng.exponential(20.0, n), 1)
    y = np.clip(0.8 - 0.006 * x + rng.normal(0, 0.15, n), 0, 1)
    cases.append(case("linear", x, y, 30))

    x = rng.uniform(0, 10, n)
    y = rng.integers(0, 5, n) / 4.0
    cases.append(case("unrelated", x, y, 30))

    x = 1000.0 + np.round(rng.exponential(20.0, n), 1)  # far from 0: the square must stay exact
    y = np.clip(0.8 - 0.3 * (x > 1030) + 0.002 * (x - 1000) + rng.normal(0, 0.15, n), 0, 1)
    cases.append(case("offset_step", x, y, 30))

    x = rng.integers(0, 2, n).astype(float)
    y = np.clip(0.7 - 0.2 * x + rng.normal(0, 0.2, n), 0, 1)
    cases.append(case("two_values", x, y, 30))

    # A straight decline of a 1..5 rating per error, flattened at the bottom of the scale.
    x = rng.poisson(2.5, n).astype(float)
    y = np.clip(np.round(4.1 - 0.6 * x + rng.normal(0, 0.7, n)), 1, 5)
    cases.append(case("floored_counts", x, (y - 1) / 4.0, 30))

    families = [
        [0.01, 0.04, 0.03, 0.2, 0.5],
        [0.001, None, 0.02, 0.02, 0.02, 0.9, None, 0.049],
        [0.3],
        [float(v) for v in np.round(rng.uniform(0, 0.2, 12), 4)],
    ]
    out = {
        "numpy": np.__version__,
        "cases": cases,
        "bh": [{"p": f, "q": bh(f)} for f in families],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tipping_golden.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
