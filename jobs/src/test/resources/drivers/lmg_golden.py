#!/usr/bin/env python3
"""Golden values for the driver statistics (io.cx.jobs.analytics.stats), computed independently of
the Java code from the raw rows with numpy only.

Regenerate (deterministic, fixed seed; numpy.random.Generator, so numpy >= 1.17; the checked-in
output was written with numpy 2.4.6):
    cd jobs/src/test/resources/drivers && python3 lmg_golden.py > lmg_golden.json

What it writes:
  rows        500 simulated survey responses: 5 touchpoint scores on a 5-point scale normalised to
              0..1 (correlated through a latent factor, each ~12 % missing), the target (overall
              satisfaction 0..1, ~3 % missing) and a survey weight in [0.5, 2]; null = missing.
  weighted    pairwise-complete statistics with the survey weights: per-pair counts and weight
              sums, means, covariance (sum w dx dy / (sum w (n-1)/n), Stata's aweight convention)
              and correlation (each pair with its own means and variances), then from that
              correlation matrix with the target last:
                lmg               average over all 5! orderings of each driver's R^2 increment,
                                  R^2(S) by solving the normal equations of every subset
                relative_weights  Johnson (2000) via numpy.linalg.eigh
                beta              standardized coefficients of the full model
                r2                R^2 of the full model
  unweighted  the same counts/means/covariance/correlation with all weights 1 (divisor n-1).
  penalty_reward
              3000 complete responses, 4 touchpoints scored 1..5 (normalised) with designed
              penalties and rewards; the dummies (low = score <= 0.25, high = score >= 1) and the
              OLS coefficients with intercept by numpy.linalg.lstsq, their classical standard
              errors sqrt(diag(s^2 (X'X)^-1)), the bottom/middle/top box counts, and the Kano class
              by the default rule (insufficient below 30 answers in a box; an effect is material
              when effect - 1.96 se >= 0.02; dominant at 2x).
  percentile  a vector of replicates with NaNs and its 2.5 % / 97.5 % numpy.nanpercentile
              (linear interpolation).
"""
import itertools
import json
import math

import numpy as np

rng = np.random.default_rng(20240611)

# ---------------------------------------------------------------- simulated survey responses
N, P = 500, 5
loading = np.array([0.8, 0.7, 0.6, 0.5, 0.3])
factor = rng.standard_normal(N)
latent = factor[:, None] * loading + rng.standard_normal((N, P)) * np.sqrt(1 - loading**2)
cuts = np.array([-1.2, -0.4, 0.4, 1.2])
drivers = np.searchsorted(cuts, latent).astype(float) / 4.0  # 0, .25, .5, .75, 1
effect = np.array([0.30, 0.20, 0.15, 0.10, 0.0])
target = 0.1 + drivers @ effect + rng.normal(0, 0.12, N)
data = np.column_stack([drivers, target])
data[:, :P][rng.random((N, P)) < 0.12] = np.nan
data[:, P][rng.random(N) < 0.03] = np.nan
weight = rng.uniform(0.5, 2.0, N)


def pairwise(x, w):
    """Counts, weight sums, means, covariance and correlation, pair by pair."""
    k = x.shape[1]
    count = np.zeros((k, k))
    wsum = np.zeros((k, k))
    cov = np.zeros((k, k))
    corr = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            both = ~np.isnan(x[:, i]) & ~np.isnan(x[:, j])
            xi, xj, ww = x[both, i], x[both, j], w[both]
            n = both.sum()
            mi, mj = np.average(xi, weights=ww), np.average(xj, weights=ww)
            cij = np.sum(ww * (xi - mi) * (xj - mj))
            vi, vj = np.sum(ww * (xi - mi) ** 2), np.sum(ww * (xj - mj) ** 2)
            count[i, j], wsum[i, j] = n, ww.sum()
            cov[i, j] = cij / (ww.sum() * (n - 1) / n)
            corr[i, j] = cij / math.sqrt(vi * vj)
    means = [float(np.average(x[~np.isnan(x[:, i]), i], weights=w[~np.isnan(x[:, i])]))
             for i in range(k)]
    return dict(count=count.tolist(), weight_sum=wsum.tolist(), mean=means,
                covariance=cov.tolist(), correlation=corr.tolist())


def r_squared(r, subset, y):
    if not subset:
        return 0.0
    s = list(subset)
    return float(r[y, s] @ np.linalg.solve(r[np.ix_(s, s)], r[s, y]))


def lmg(r, y):
    drivers_ = [i for i in range(r.shape[0]) if i != y]
    total = np.zeros(len(drivers_))
    orders = list(itertools.permutations(range(len(drivers_))))
    for order in orders:
        chosen = []
        before = 0.0
        for a in order:
            chosen.append(drivers_[a])
            after = r_squared(r, chosen, y)
            total[a] += after - before
            before = after
    return (total / len(orders)).tolist()


def relative_weights(r, y):
    d = [i for i in range(r.shape[0]) if i != y]
    rxx, rxy = r[np.ix_(d, d)], r[d, y]
    lam, vec = np.linalg.eigh(rxx)
    root = vec @ np.diag(np.sqrt(lam)) @ vec.T
    beta = np.linalg.solve(root, rxy)
    return ((root**2) @ (beta**2)).tolist()


def beta(r, y):
    d = [i for i in range(r.shape[0]) if i != y]
    return np.linalg.solve(r[np.ix_(d, d)], r[d, y]).tolist()


weighted = pairwise(data, weight)
R = np.array(weighted["correlation"])
assert np.linalg.eigvalsh(R).min() > 0, "golden correlation matrix must be PSD"
weighted.update(lmg=lmg(R, P), relative_weights=relative_weights(R, P), beta=beta(R, P),
                r2=r_squared(R, range(P), P))
unweighted = pairwise(data, np.ones(N))

# ---------------------------------------------------------------- penalty-reward
M, K = 3000, 4
penalty_true = np.array([0.15, 0.01, 0.08, 0.005])
reward_true = np.array([0.02, 0.12, 0.08, 0.0])
scores = rng.integers(1, 6, (M, K)).astype(float)
norm = (scores - 1) / 4
low = (norm <= 0.25).astype(float)
high = (norm >= 1.0).astype(float)
outcome = 0.6 - low @ penalty_true + high @ reward_true + rng.normal(0, 0.05, M)
design = np.column_stack([np.ones(M)] + [col for t in range(K) for col in (low[:, t], high[:, t])])
full = np.linalg.lstsq(design, outcome, rcond=None)[0]
coef = full[1:]
pen = -coef[0::2]
rew = coef[1::2]
# Classical OLS standard errors: s^2 (X'X)^-1, s^2 = RSS / (n - columns).
rss = float(((outcome - design @ full) ** 2).sum())
cov_b = rss / (M - design.shape[1]) * np.linalg.inv(design.T @ design)
se = np.sqrt(np.diag(cov_b))[1:]
pen_se, rew_se = se[0::2], se[1::2]
boxes = np.column_stack([low.sum(0), (1 - low - high).sum(0), high.sum(0)]).astype(int)
Z = 1.959963984540054


def kano(penalty, reward, penalty_se=0.0, reward_se=0.0, box=(10**9,) * 3, min_effect=0.02,
         ratio=2.0, min_count=30):
    if min(box) < min_count:
        return "insufficient"
    pm = penalty > 0 and penalty - Z * penalty_se >= min_effect
    rm = reward > 0 and reward - Z * reward_se >= min_effect
    penalty, reward = max(penalty, 0.0), max(reward, 0.0)
    if not pm and not rm:
        return "indifferent"
    if pm and penalty >= ratio * reward:
        return "basic"
    if rm and reward >= ratio * penalty:
        return "excitement"
    return "performance"


penalty_reward = dict(
    scores=norm.tolist(), target=outcome.tolist(), low_max=0.25, high_min=1.0,
    penalty=pen.tolist(), reward=rew.tolist(), penalty_se=pen_se.tolist(), reward_se=rew_se.tolist(),
    boxes=boxes.tolist(),
    kano=[kano(a, b, c, d, e) for a, b, c, d, e in zip(pen, rew, pen_se, rew_se, boxes)])

# ---------------------------------------------------------------- percentile interval
reps = rng.normal(0.3, 0.05, 199)
reps[rng.choice(199, 9, replace=False)] = np.nan
lo, hi = np.nanpercentile(reps, [2.5, 97.5])
percentile = dict(replicates=[None if np.isnan(v) else float(v) for v in reps],
                  level=0.95, low=float(lo), high=float(hi), dropped=int(np.isnan(reps).sum()))


def nulls(a):
    return [[None if np.isnan(v) else float(v) for v in row] for row in a]


print(json.dumps(dict(
    seed=20240611, target=P,
    rows=nulls(data), weight=weight.tolist(),
    weighted=weighted, unweighted=unweighted,
    penalty_reward=penalty_reward, percentile=percentile), separators=(",", ":")))
