#!/usr/bin/env python3
"""Golden values for the churn models' quality curves (io.cx.jobs.churn.evaluation.ModelCurves),
computed independently of the Java code with numpy only.

Regenerate (deterministic, fixed seed; numpy.random.Generator, so numpy >= 1.17):
    cd jobs/src/test/resources/churn && python3 curves_golden.py > curves_golden.json

Cases of (p, y): "ties" (300 rows, scores on a 0.01 grid), "continuous" (257 rows, distinct
scores), "constant" (one score for every row). For each:
  auc          by mid-ranks, (sum of positive ranks - P(P+1)/2) / (P N)
  roc          [fpr, tpr, rows] from (0, 0, 0), one point per distinct score, highest first: rows
               scored >= the score; fpr, tpr the shares of negatives and positives among them
  roc_20       the same with at most 20 segments: walking the distinct scores from the highest, a
               segment closes at a score when the rows scored >= it reach (segments closed + 1) n
               / 20, and at the lowest score
  lift         [share, lift] at shares 0.01 .. 1.00: the churn rate among exactly share x n rows
               taken from the highest score down (a tie group straddling the edge counting with the
               share of it inside, clip((k - above) / size, 0, 1)) over the overall rate
  calibration  [mean p, churn rate, rows] per quantile bin of the reliability table (at most 10
               bins of about n/10 rows, a 1e-6 grid cell never split)
"""
import json

import numpy as np

rng = np.random.default_rng(20241205)


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
    return float((r[pos].sum() - P * (P + 1) / 2.0) / (P * N))


def roc(p, y, max_segments=None):
    P, N, n = y.sum(), (1 - y).sum(), len(y)
    scores = np.unique(p)[::-1]
    rows = np.array([(p >= s).sum() for s in scores])
    tp = np.array([y[p >= s].sum() for s in scores])
    fp = rows - tp
    keep = list(range(len(scores)))
    if max_segments is not None and len(scores) > max_segments:
        keep, closed = [], 0
        for i in range(len(scores)):
            if i == len(scores) - 1 or rows[i] * max_segments >= (closed + 1) * n:
                keep.append(i)
                closed += 1
    pts = [[0.0, 0.0, 0]]
    for i in keep:
        pts.append([float(fp[i] / N), float(tp[i] / P), int(rows[i])])
    return pts


def lift(p, y):
    n = len(p)
    base = y.sum() / n
    out = []
    for j in range(1, 101):
        share_of_rows = j / 100.0
        k = share_of_rows * n
        share = np.empty(n)
        for s in np.unique(p):
            g = p == s
            above = (p > s).sum()
            share[g] = np.clip((k - above) / g.sum(), 0.0, 1.0)
        out.append([share_of_rows, float(((share * y).sum() / k) / base)])
    return out


def calibration(p, y):
    key = np.floor(p / 1e-6 + 0.5).astype(np.int64)
    n = len(p)
    bins = []
    c = s = t = 0.0
    for k in np.unique(key):
        inside = key == k
        c += inside.sum()
        s += p[inside].sum()
        t += y[inside].sum()
        if len(bins) < 9 and sum(b[2] for b in bins) * 10 + c * 10 >= (len(bins) + 1) * n:
            bins.append([s / c, t / c, int(c)])
            c = s = t = 0.0
    if c > 0:
        bins.append([s / c, t / c, int(c)])
    return [[float(a), float(b), m] for a, b, m in bins]


def case(p, y):
    return {
        "p": p.tolist(),
        "y": y.tolist(),
        "auc": auc(p, y),
        "roc": roc(p, y),
        "roc_20": roc(p, y, 20),
        "lift": lift(p, y),
        "calibration": calibration(p, y),
    }


cases = {}
p = np.round(rng.uniform(0, 1, 300) ** 2, 2)
y = (rng.uniform(0, 1, 300) < p).astype(float)
cases["ties"] = case(p, y)
p = rng.uniform(0, 1, 257)
y = (rng.uniform(0, 1, 257) < 0.2 + 0.5 * p).astype(float)
cases["continuous"] = case(p, y)
p = np.full(40, 0.3)
y = (np.arange(40) % 4 == 0).astype(float)
cases["constant"] = case(p, y)

print(json.dumps({"cases": cases}, indent=1))
