"""Golden values for ThresholdFinderGoldenTest, computed directly with numpy.

Writes threshold_golden.json beside this script: for each case the data (x, y), min_side, and
the expected best split. Candidates are every distinct value of x from its lower empirical
quantile (inverse of the empirical CDF, Hyndman-Fan type 1) at 5 % to the one at 95 %, kept when
each side has at least min_side rows; the statistic is the pooled two-sample t of mean(y | x <= t) - mean(y | x > t), computed from the two groups' own variances;
the best split has the largest t (first, i.e. lowest threshold, on ties). The permutation p-value
depends on the random stream and is tested separately.

Run: python3 threshold_golden.py   (numpy >= 1.22; fixed seed, deterministic)
"""

import json
import os

import numpy as np


def lower_quantile(x, k, levels):
    """inf{v : F(v) >= k / levels} for the empirical CDF F of x, in exact integer arithmetic.

    Same definition as np.quantile(..., method="inverted_cdf"), which however computes n * p in
    floating point: 0.55 * 400 = 220.00000000000003 rounds up to the 221st value.
    """
    values = np.unique(x)
    at_or_below = np.searchsorted(np.sort(x), values, side="right")
    return values[np.argmax(at_or_below * levels >= k * len(x))]


def best_split(x, y, min_side):
    n = len(x)
    lo, hi = lower_quantile(x, 1, 20), lower_quantile(x, 19, 20)
    qs = np.unique(x[(x >= lo) & (x <= hi)])
    rows = []
    for t in qs:
        below = y[x <= t]
        above = y[x > t]
        nb, na = len(below), len(above)
        if nb < min_side or na < min_side:
            continue
        mb, ma = below.mean(), above.mean()
        sp2 = (((below - mb) ** 2).sum() + ((above - ma) ** 2).sum()) / (n - 2)
        tstat = (mb - ma) / np.sqrt(sp2 * (1.0 / nb + 1.0 / na))
        rows.append((float(t), float(mb), float(ma), nb, na, float(tstat)))
    if not rows:
        return rows, None
    best = max(rows, key=lambda r: r[5])  # max() keeps the first of equal maxima
    return rows, best


def case(name, x, y, min_side):
    candidates, best = best_split(x, y, min_side)
    out = {
        "name": name,
        "min_side": min_side,
        "x": [float(v) for v in x],
        "y": [float(v) for v in y],
        "candidates": [c[0] for c in candidates],
    }
    if best is None or best[5] <= 0:
        out["found"] = False
    else:
        out.update(
            found=True,
            threshold=best[0],
            score_below=best[1],
            score_above=best[2],
            n_below=best[3],
            n_above=best[4],
            t_statistic=best[5],
        )
    return out


def main():
    rng = np.random.default_rng(20240601)
    cases = []

    # Delivery delay in hours (tenths, so ties), 1..5 score normalised to 0..1, worse above 24 h.
    n = 400
    x = np.round(rng.exponential(20.0, n), 1)
    p_high = np.where(x > 24, 0.35, 0.7)
    score = np.where(rng.random(n) < p_high, rng.integers(4, 6, n), rng.integers(1, 4, n))
    cases.append(case("step_with_ties", x, (score - 1) / 4.0, 30))

    # Few distinct values: quantiles collapse and side sizes jump.
    n = 300
    x = rng.integers(0, 6, n).astype(float)
    y = np.clip(0.8 - 0.05 * x + rng.normal(0, 0.2, n), 0, 1)
    cases.append(case("heavy_ties", x, y, 30))

    # A large minimum side leaves only the central quantiles.
    n = 200
    x = rng.normal(10, 3, n)
    y = np.clip(0.6 - 0.02 * x + rng.normal(0, 0.15, n), 0, 1)
    cases.append(case("large_min_side", x, y, 60))

    # Scores rise with x: no split shows a drop.
    n = 150
    x = rng.uniform(0, 10, n)
    y = np.clip(0.2 + 0.06 * x + rng.normal(0, 0.05, n), 0, 1)
    cases.append(case("no_drop", x, y, 30))

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "threshold_golden.json")
    with open(path, "w") as f:
        json.dump({"numpy": np.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
