#!/usr/bin/env python3
"""Golden values for the churn job's statistics (io.cx.jobs.churn), computed independently of the
Java code with numpy only.

Regenerate (deterministic, fixed seed; numpy.random.Generator, so numpy >= 1.17):
    cd jobs/src/test/resources/churn && python3 churn_golden.py > churn_golden.json

What it writes:
  metrics      cases of (p, y): "ties" (400 rows, scores on a 0.01 grid, so many ties),
               "continuous" (257 rows, distinct scores), "edges" (scores 0 and 1 included, for the
               log-loss clipping), "constant" (one score for every row). For each:
                 auc          by mid-ranks, (sum of positive ranks - P(P+1)/2) / (P N), checked
                              against the brute-force share of (positive, negative) pairs ordered
                              right, ties 1/2
                 pr_auc       average precision, sum over distinct thresholds of (R_k - R_k-1) P_k
                 log_loss     p clipped to [1e-15, 1 - 1e-15]
                 brier        mean squared error
                 lift         top decile of exactly n/10 rows; a tie group straddling the edge
                              counts with the share of it inside: share_i = clip((k - s_g)/c_g, 0, 1)
                              with s_g the rows scored above the group and c_g its size
                 ece          quantile bins (at most 10 of about n/10 rows, a 1e-6 grid cell never
                              split), sum |sum p_b - sum y_b| / n, and the bins
  platt        margins and labels; Platt's targets; (a, b) minimising the log loss of
               sigmoid(a m + b) by Newton's method to 1e-14
  pava         points with sums and weights; the isotonic fit by a different algorithm: repeat
               "pool the first adjacent violating pair" until none is left
  logit        300 rows, 4 features (two continuous, a 0/1 indicator, one with a rare level), labels,
               class weights w = n / (2 n_class), lambda = 0.05: the minimiser of MLlib's objective
               (1/W) sum w logloss + lambda/2 sum (b_j s_j)^2 with s_j the weighted unbiased standard
               deviation, by Newton to 1e-13; at it the feature means, covariance (n-1), and the
               sandwich covariance A^-1 G A^-1 with A = sum w mu(1-mu) x~x~' + W lambda diag(0, s^2),
               G = sum w^2 (mu - y)^2 x~x~'; the clustered sandwich with customers of three
               consecutive rows (cluster = row // 3): G = sum_c s_c s_c', s_c = sum over the
               cluster's rows of w (mu - y) x~; and group importances sqrt(b_g' S_gg b_g) for groups
               [0], [1, 2], [3], with each group's Wald p-value b_g' V_gg^-1 b_g against
               chi-squared with |g| degrees of freedom (V the row-wise sandwich).
"""
import json
import math

import numpy as np

rng = np.random.default_rng(20240630)
EPS = 1e-15


def midranks(v):
    order = np.argsort(v, kind="mergesort")
    ranks = np.empty(len(v))
    sv = v[order]
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and sv[j + 1] == sv[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return ranks


def auc(p, y):
    pos = y == 1
    P, N = pos.sum(), (~pos).sum()
    r = midranks(p)
    a = (r[pos].sum() - P * (P + 1) / 2.0) / (P * N)
    diff = p[pos][:, None] - p[~pos][None, :]
    brute = ((diff > 0).sum() + 0.5 * (diff == 0).sum()) / (P * N)
    assert abs(a - brute) < 1e-12, (a, brute)
    return float(a)


def average_precision(p, y):
    P = y.sum()
    ap, prev_recall = 0.0, 0.0
    for t in np.unique(p)[::-1]:
        sel = p >= t
        tp = y[sel].sum()
        recall = tp / P
        precision = tp / sel.sum()
        ap += (recall - prev_recall) * precision
        prev_recall = recall
    return float(ap)


def lift(p, y):
    n = len(p)
    k = 0.1 * n
    share = np.empty(n)
    for s in np.unique(p):
        g = p == s
        above = (p > s).sum()
        share[g] = np.clip((k - above) / g.sum(), 0.0, 1.0)
    captured = (share * y).sum()
    return float((captured / k) / (y.sum() / n))


def reliability(p, y):
    # Cells: probabilities on the 1e-6 grid (rounded half up); walking them upwards, a bin closes
    # once it reaches the next multiple of n/10 rows, so a cell is never split.
    key = np.floor(p / 1e-6 + 0.5).astype(np.int64)
    n = len(p)
    count, sp, sy = [], [], []
    c = s = t = 0.0
    cumulative = 0
    for k in np.unique(key):
        inside = key == k
        c += inside.sum()
        s += p[inside].sum()
        t += y[inside].sum()
        cumulative += inside.sum()
        if len(count) < 9 and cumulative * 10 >= (len(count) + 1) * n:
            count.append(int(c)); sp.append(float(s)); sy.append(float(t))
            c = s = t = 0.0
    if c > 0:
        count.append(int(c)); sp.append(float(s)); sy.append(float(t))
    ece = float(np.abs(np.array(sp) - np.array(sy)).sum() / n)
    return ece, count, sp, sy


def metrics_case(p, y):
    q = np.clip(p, EPS, 1 - EPS)
    ll = float(np.mean(-(y * np.log(q) + (1 - y) * np.log(1 - q))))
    ece, count, sp, sy = reliability(p, y)
    return {
        "p": p.tolist(),
        "y": y.tolist(),
        "auc": auc(p, y),
        "pr_auc": average_precision(p, y),
        "log_loss": ll,
        "brier": float(np.mean((p - y) ** 2)),
        "lift_top_decile": lift(p, y),
        "ece": ece,
        "bin_count": count,
        "bin_sum_p": sp,
        "bin_sum_y": sy,
    }


cases = {}
p = np.round(rng.uniform(0, 1, 400) ** 2, 2)
y = (rng.uniform(0, 1, 400) < p).astype(float)
cases["ties"] = metrics_case(p, y)
p = rng.uniform(0, 1, 257)
y = (rng.uniform(0, 1, 257) < 0.3 + 0.4 * p).astype(float)
cases["continuous"] = metrics_case(p, y)
p = np.array([0.0, 1.0, 0.0, 1.0, 0.5, 0.2, 0.9, 0.05, 0.95, 0.3, 0.7, 0.6])
y = np.array([0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1], dtype=float)
cases["edges"] = metrics_case(p, y)
p = np.full(50, 0.3)
y = (np.arange(50) % 3 == 0).astype(float)
cases["constant"] = metrics_case(p, y)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# ---------------------------------------------------------------- Platt
m = rng.normal(0.0, 2.0, 500)
yl = (rng.uniform(0, 1, 500) < sigmoid(0.6 * m - 0.8)).astype(float)
P, N = yl.sum(), len(yl) - yl.sum()
t = np.where(yl == 1, (P + 1) / (P + 2), 1 / (N + 2))
a, b = 0.0, np.log((P + 1) / (N + 1))
for _ in range(200):
    q = sigmoid(a * m + b)
    g = np.array([((q - t) * m).sum(), (q - t).sum()])
    w = q * (1 - q)
    H = np.array([[(w * m * m).sum(), (w * m).sum()], [(w * m).sum(), w.sum()]])
    d = np.linalg.solve(H, g)
    a, b = a - d[0], b - d[1]
    if np.abs(d).max() < 1e-14:
        break
platt = {"margin": m.tolist(), "y": yl.tolist(), "a": float(a), "b": float(b)}

# ---------------------------------------------------------------- PAVA
k = 60
wts = rng.integers(1, 6, k).astype(float)
rate = np.clip(0.1 + 0.8 * np.arange(k) / k + rng.normal(0, 0.15, k), 0.0, 1.0)
sums = rng.binomial(wts.astype(int), rate).astype(float)
blocks = [[s, w, 1] for s, w in zip(sums, wts)]
changed = True
while changed:
    changed = False
    for i in range(len(blocks) - 1):
        if blocks[i][0] / blocks[i][1] > blocks[i + 1][0] / blocks[i + 1][1]:
            s2, w2, c2 = blocks.pop(i + 1)
            blocks[i] = [blocks[i][0] + s2, blocks[i][1] + w2, blocks[i][2] + c2]
            changed = True
            break
fitted = []
for s, w, c in blocks:
    fitted += [s / w] * c
pava = {"sum_y": sums.tolist(), "weight": wts.tolist(), "fitted": fitted}

# ---------------------------------------------------------------- logit
n = 300
x0 = rng.normal(0, 1, n)
x1 = rng.uniform(0, 1, n)
x2 = (rng.uniform(0, 1, n) < 0.2).astype(float)
x3 = (rng.uniform(0, 1, n) < 0.05).astype(float) * 3.0
X = np.column_stack([x0, x1, x2, x3])
eta = -1.2 + 0.9 * x0 - 1.5 * x1 + 0.8 * x2 + 0.2 * x3
ylog = (rng.uniform(0, 1, n) < sigmoid(eta)).astype(float)
n1 = ylog.sum()
n0 = n - n1
w = np.where(ylog == 1, n / (2 * n1), n / (2 * n0))
lam = 0.05
W = w.sum()
wm = (w[:, None] * X).sum(0) / W
wvar = (w[:, None] * (X - wm) ** 2).sum(0) / (W - (w ** 2).sum() / W)
Xt = np.column_stack([np.ones(n), X])
pen = np.concatenate([[0.0], wvar])
beta = np.zeros(5)
for _ in range(100):
    mu = sigmoid(Xt @ beta)
    g = (Xt * (w * (mu - ylog))[:, None]).sum(0) / W + lam * pen * beta
    Hh = (Xt.T * (w * mu * (1 - mu))) @ Xt / W + lam * np.diag(pen)
    d = np.linalg.solve(Hh, g)
    beta = beta - d
    if np.abs(d).max() < 1e-13:
        break
mu = sigmoid(Xt @ beta)
A = (Xt.T * (w * mu * (1 - mu))) @ Xt + W * lam * np.diag(pen)
G = (Xt.T * ((w * (mu - ylog)) ** 2)) @ Xt
Ai = np.linalg.inv(A)
sand = Ai @ G @ Ai
cluster = np.arange(n) // 3
score = Xt * (w * (mu - ylog))[:, None]
sc = np.zeros((cluster.max() + 1, Xt.shape[1]))
np.add.at(sc, cluster, score)
sand_clustered = Ai @ (sc.T @ sc) @ Ai
S = np.cov(X, rowvar=False, ddof=1)
b = beta[1:]
groups = [[0], [1, 2], [3]]
imp = [float(np.sqrt(b[gg] @ S[np.ix_(gg, gg)] @ b[gg])) for gg in groups]
V = sand[1:, 1:]
wald = [float(b[gg] @ np.linalg.solve(V[np.ix_(gg, gg)], b[gg])) for gg in groups]
# Chi-squared survival in closed form: 1 degree of freedom erfc(sqrt(x/2)), 2 exp(-x/2).
wald_p = [math.erfc(math.sqrt(x / 2)) if len(gg) == 1 else math.exp(-x / 2)
          for x, gg in zip(wald, groups)]
logit = {
    "x": X.tolist(),
    "y": ylog.tolist(),
    "w": w.tolist(),
    "reg_param": lam,
    "intercept": float(beta[0]),
    "beta": b.tolist(),
    "mean": X.mean(0).tolist(),
    "covariance": S.tolist(),
    "beta_covariance": sand[1:, 1:].tolist(),
    "cluster": cluster.tolist(),
    "beta_covariance_clustered": sand_clustered[1:, 1:].tolist(),
    "groups": groups,
    "importance": imp,
    "wald_p_value": wald_p,
}

print(json.dumps({"metrics": cases, "platt": platt, "pava": pava, "logit": logit}, indent=1))
