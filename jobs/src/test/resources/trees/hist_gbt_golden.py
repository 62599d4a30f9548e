#!/usr/bin/env python3
"""Golden values for the in-memory histogram GBT (io.cx.jobs.analytics.trees), computed
independently of the Java code with numpy only.

Regenerate (deterministic, fixed seed; numpy.random.Generator, so numpy >= 1.17):
    cd jobs/src/test/resources/trees && python3 hist_gbt_golden.py > hist_gbt_golden.json

The algorithm, written from its specification (FeatureBins, SplitSearch, TreeGrower, Loss), not
from the Java code: node rows are boolean masks, histograms are np.bincount over the node's rows
(no sibling subtraction), trees are nested dicts, and predictions walk the trees on raw values.

  binning      continuous: non-NaN values s (sorted, n), distinct d (m). Edges: d[:-1] if
               m <= maxBins, else s[ceil(k n / maxBins) - 1] for k = 1..maxBins-1, without repeats
               and without max(d). Threshold of edge e: (e + e') / 2 with e' the next larger value,
               or e if rounding puts it at e'; last threshold = max(d). Bin of x: first t with
               x <= thr[t] (searchsorted left over thr[:-1]); NaN: its own last bin.
               categorical: the level is the bin.
  boosting     F0 = weighted mean (squared error) or log-odds of the weighted share of 1s
               (logistic). Each round: g, h at F (squared: w (F - y), w; logistic: w (p - y),
               w max(p (1 - p), 1e-16)); all rows (subsample = 1); grow; F += step * leaf.
  node         leaf value -G / (H + lambda), cover = sum of w. Splits while depth < maxDepth and
               rows >= 2 minInstancesPerNode. Gain G_L^2/(H_L+l) + G_R^2/(H_R+l) - G^2/(H+l), a
               split only if gain > 1e-10 (G_L^2/(H_L+l) + G_R^2/(H_R+l)) and each child has
               >= minInstancesPerNode rows. Candidates: continuous, "bin <= t" for the non-empty
               bins t < NaN bin; categorical, the present levels sorted by (G/H, level) and the
               prefixes of that order going left. Scanned by feature, then threshold / prefix
               length; a candidate replaces the best so far only if its gain is larger by more
               than a relative 1e-9, so (near-)ties go to the first.
  prediction   continuous: x <= thr left, else (NaN too) right. Categorical, as TreeEnsemble
               (MLlib): the node keeps the left set if it has at most k // 2 levels, else the
               complement, and a value in the kept set goes to the kept side.

Guards so that floating-point noise cannot flip a choice between numpy and Java: in every
comparison of the scan the two gains are equal to a relative 1e-11 (a tie either way) or differ by
more than 1e-7; no candidate is within a factor 10 of the 1e-10 gain floor; sorted categorical
ratios differ by a relative 1e-9.

Cases (the Java test compares margins and expected value to 1e-9 relative, structure exactly):
  regression_weighted_nan  squared error, weights in [0.5, 2], quantile bins (200 distinct > 16),
                           5% NaN in x2
  logistic_ties            logistic, no weights, lambda 1, x0 and x2 with few distinct values
                           (a bin per value), minInstancesPerNode 3
  categorical_logistic     logistic with class weights, x1 categorical with 6 levels of which
                           5 occur; the grid has the unseen level 5 and the out-of-range value 6
  constant_and_duplicate   squared error; x0 constant, x2 a copy of x1 (ties go to x1), x3 in
                           {0, 1, 2}
  min_instances            squared error, depth 4, minInstancesPerNode 12 binding (the same fit
                           with 1 has more leaves)
For each: the data, the parameters, a grid of rows, the margins on the grid, the expected value,
and per boosted tree its number of leaves and root feature (-1 for a single leaf).
"""
import json

import numpy as np

rng = np.random.default_rng(20240917)
MIN_REL_GAIN = 1e-10
MIN_HESSIAN = 1e-16
TIE = 1e-9


def thresholds(col, max_bins):
    s = np.sort(col[~np.isnan(col)] + 0.0)
    if s.size == 0:
        return np.array([0.0])
    d = np.unique(s)
    mx = d[-1]
    if len(d) <= max_bins:
        edges = list(d[:-1])
    else:
        n = len(s)
        edges = []
        for k in range(1, max_bins):
            e = s[-(-k * n // max_bins) - 1]
            if e < mx and (not edges or e != edges[-1]):
                edges.append(e)
    thr = []
    for e in edges:
        nxt = d[np.searchsorted(d, e, side="right")]
        mid = (e + nxt) / 2
        thr.append(mid if e <= mid < nxt else e)
    thr.append(mx)
    return np.array(thr)


def bin_column(col, thr):
    b = np.searchsorted(thr[:-1], col, side="left")
    b[np.isnan(col)] = len(thr)
    return b


def derivatives(loss, F, y, w):
    if loss == "SQUARED_ERROR":
        return w * (F - y), w.copy()
    p = 1 / (1 + np.exp(-F))
    return w * (p - y), w * np.maximum(p * (1 - p), MIN_HESSIAN)


def initial(loss, y, w):
    if loss == "SQUARED_ERROR":
        return np.sum(w * y) / np.sum(w)
    p = np.sum(w * y) / np.sum(w)
    return np.log(p / (1 - p))


class Grower:
    def __init__(self, bins, sizes, levels, P):
        self.bins, self.sizes, self.levels, self.P = bins, sizes, levels, P

    def gain(self, gl, hl, gr, hr, parent):
        lam = self.P["lambda"]
        if not (hl + lam > 0 and hr + lam > 0):
            return 0.0
        children = gl * gl / (hl + lam) + gr * gr / (hr + lam)
        raw = children - parent
        assert not (0.1 * MIN_REL_GAIN * children < raw < 10 * MIN_REL_GAIN * children), raw
        return raw if raw > MIN_REL_GAIN * children else 0.0

    def candidates(self, mask, g, h, G, H, count):
        lam, mi = self.P["lambda"], self.P["minInstancesPerNode"]
        parent = G * G / (H + lam)
        out = []  # (gain, feature, kind, param, left-mask-of-bins)
        for f in range(len(self.bins)):
            b = self.bins[f][mask]
            size = self.sizes[f]
            Gb = np.bincount(b, weights=g[mask], minlength=size)
            Hb = np.bincount(b, weights=h[mask], minlength=size)
            Cb = np.bincount(b, minlength=size)
            if self.levels[f] == 0:
                for t in range(size - 1):
                    if Cb[t] == 0:
                        continue
                    cl = Cb[: t + 1].sum()
                    if cl < mi or count - cl < mi:
                        continue
                    gl, hl = Gb[: t + 1].sum(), Hb[: t + 1].sum()
                    gain = self.gain(gl, hl, G - gl, H - hl, parent)
                    if gain > 0:
                        out.append((gain, f, "cont", t, np.arange(size) <= t))
            else:
                present = np.nonzero(Cb > 0)[0]
                ratio = Gb[present] / Hb[present]
                order = present[np.lexsort((present, ratio))]
                r_sorted = np.sort(ratio)
                for a, c in zip(r_sorted[:-1], r_sorted[1:]):
                    assert abs(c - a) > 1e-9 * max(abs(a), abs(c)), (a, c)
                for j in range(1, len(order)):
                    left = np.zeros(size, bool)
                    left[order[:j]] = True
                    cl = Cb[left].sum()
                    if cl < mi or count - cl < mi:
                        continue
                    gl, hl = Gb[left].sum(), Hb[left].sum()
                    gain = self.gain(gl, hl, G - gl, H - hl, parent)
                    if gain > 0:
                        out.append((gain, f, "cat", j, left))
        return out

    def grow(self, mask, g, h, w, depth, F_delta):
        G, H, W, count = g[mask].sum(), h[mask].sum(), w[mask].sum(), int(mask.sum())
        value = -G / (H + self.P["lambda"])
        node = {"value": value, "cover": W}
        if depth >= self.P["maxDepth"] or count < 2 * self.P["minInstancesPerNode"]:
            F_delta[mask] = value
            return node
        cands = self.candidates(mask, g, h, G, H, count)
        if not cands:
            F_delta[mask] = value
            return node
        best = None
        for c in cands:
            if best is not None:
                rel = abs(c[0] - best[0]) / best[0]
                assert rel < 1e-11 or rel > 1e-7, (best[:4], c[:4])
            if best is None or c[0] > best[0] * (1 + TIE):
                best = c
        gain, f, kind, param, left_bins = best
        goes_left = left_bins[self.bins[f]]
        node["feature"] = f
        if kind == "cont":
            node["threshold"] = float(self.thr[f][param])
        else:
            node["left_levels"] = sorted(int(c) for c in np.nonzero(left_bins)[0])
            node["k"] = self.levels[f]
        node["left"] = self.grow(mask & goes_left, g, h, w, depth + 1, F_delta)
        node["right"] = self.grow(mask & ~goes_left, g, h, w, depth + 1, F_delta)
        return node


def fit(X, y, w, levels, loss, P):
    n, p = X.shape
    w = np.ones(n) if w is None else w
    thr, bins, sizes = [], [], []
    for f in range(p):
        if levels[f] == 0:
            t = thresholds(X[:, f], P["maxBins"])
            thr.append(t)
            bins.append(bin_column(X[:, f], t))
            sizes.append(len(t) + 1)
        else:
            thr.append(None)
            bins.append(X[:, f].astype(int))
            sizes.append(levels[f])
    grower = Grower(bins, sizes, levels, P)
    grower.thr = thr
    F0 = initial(loss, y, w)
    F = np.full(n, F0)
    trees = []
    for _ in range(P["trees"]):
        g, h = derivatives(loss, F, y, w)
        delta = np.zeros(n)
        trees.append(grower.grow(np.ones(n, bool), g, h, w, 0, delta))
        F = F + P["stepSize"] * delta
    return F0, trees


def goes_left(node, x):
    v = x[node["feature"]]
    if "threshold" in node:
        return v <= node["threshold"]
    left, k = node["left_levels"], node["k"]
    keep_left = len(left) <= k // 2
    kept = left if keep_left else [c for c in range(k) if c not in left]
    return (v in kept) == keep_left


def tree_value(node, x):
    while "feature" in node:
        node = node["left"] if goes_left(node, x) else node["right"]
    return node["value"]


def leaves(node):
    return 1 if "feature" not in node else leaves(node["left"]) + leaves(node["right"])


def mean_leaf(node):
    if "feature" not in node:
        return node["value"]
    l, r = node["left"], node["right"]
    return (l["cover"] * mean_leaf(l) + r["cover"] * mean_leaf(r)) / node["cover"]


def nan_to_none(a):
    return [[None if np.isnan(v) else float(v) for v in row] for row in a]


def case(name, loss, P, X, y, w, levels, grid):
    F0, trees = fit(X, y, w, levels, loss, P)
    margins = [F0 + sum(P["stepSize"] * tree_value(t, x) for t in trees) for x in grid]
    expected = F0 + sum(P["stepSize"] * mean_leaf(t) for t in trees)
    return {
        "name": name,
        "loss": loss,
        "params": P,
        "levels": levels,
        "x": nan_to_none(X),
        "y": [float(v) for v in y],
        "w": None if w is None else [float(v) for v in w],
        "grid": nan_to_none(grid),
        "margins": [float(m) for m in margins],
        "expected_value": float(expected),
        "leaves": [leaves(t) for t in trees],
        "root_features": [t.get("feature", -1) for t in trees],
    }, trees


def params(trees, depth, step, min_inst, max_bins, lam):
    return {"trees": trees, "maxDepth": depth, "stepSize": step, "subsample": 1.0,
            "minInstancesPerNode": min_inst, "maxBins": max_bins, "lambda": lam}


def regression_weighted_nan():
    def draw(n):
        X = np.column_stack([rng.uniform(0, 1, n), rng.normal(0, 1, n), rng.uniform(-2, 2, n)])
        X[rng.uniform(size=n) < 0.05, 2] = np.nan
        return X
    X, grid = draw(200), draw(40)
    x2 = np.nan_to_num(X[:, 2], nan=0.0)
    y = 3 * X[:, 0] + np.sin(2 * X[:, 1]) + 1.5 * (x2 > 0.5) + rng.normal(0, 0.3, 200)
    w = rng.uniform(0.5, 2, 200)
    return case("regression_weighted_nan", "SQUARED_ERROR", params(12, 3, 0.3, 1, 16, 0.0),
                X, y, w, [0, 0, 0], grid)[0]


def logistic_ties():
    def draw(n):
        return np.column_stack([np.round(rng.normal(0, 1, n) * 2) / 2, rng.uniform(0, 1, n),
                                rng.integers(0, 10, n).astype(float), rng.normal(0, 1, n)])
    X, grid = draw(300), draw(40)
    logit = 1.2 * X[:, 0] - 2 * (X[:, 1] > 0.6) + 0.3 * X[:, 2] - 1
    y = (rng.uniform(size=300) < 1 / (1 + np.exp(-logit))).astype(float)
    return case("logistic_ties", "LOGISTIC", params(15, 3, 0.2, 3, 32, 1.0),
                X, y, None, [0, 0, 0, 0], grid)[0]


def categorical_logistic():
    effect = np.array([0.0, 2.0, -1.0, 0.5, 3.0])

    def draw(n):
        return np.column_stack([rng.uniform(0, 1, n), rng.integers(0, 5, n).astype(float),
                                rng.normal(0, 1, n)])
    X, grid = draw(240), draw(40)
    grid[:4, 1] = [5.0, 5.0, 6.0, 6.0]  # an unseen level, a value outside [0, 6)
    logit = effect[X[:, 1].astype(int)] + 2 * X[:, 0] - 1.5
    y = (rng.uniform(size=240) < 1 / (1 + np.exp(-logit))).astype(float)
    w = np.where(y == 1, 240 / (2 * y.sum()), 240 / (2 * (240 - y.sum())))
    c, trees = case("categorical_logistic", "LOGISTIC", params(8, 2, 0.3, 1, 8, 0.0),
                    X, y, w, [0, 6, 0], grid)
    assert any(t.get("feature") == 1 for t in trees), "the categorical feature should split"
    return c


def constant_and_duplicate():
    def draw(n):
        x1 = rng.uniform(0, 1, n)
        return np.column_stack([np.full(n, 5.0), x1, x1, rng.integers(0, 3, n).astype(float)])
    X, grid = draw(120), draw(30)
    y = 2 * X[:, 1] + X[:, 3] + rng.normal(0, 0.2, 120)
    c, trees = case("constant_and_duplicate", "SQUARED_ERROR", params(6, 3, 0.5, 1, 10, 0.0),
                    X, y, None, [0, 0, 0, 0], grid)

    def features(node):
        return set() if "feature" not in node else (
            {node["feature"]} | features(node["left"]) | features(node["right"]))
    used = set().union(*(features(t) for t in trees))
    assert 0 not in used and 2 not in used and 1 in used, used
    return c


def min_instances():
    def draw(n):
        return np.column_stack([rng.uniform(0, 1, n), rng.uniform(0, 1, n)])
    X, grid = draw(60), draw(30)
    y = np.sin(6 * X[:, 0]) + X[:, 1] + rng.normal(0, 0.1, 60)
    P = params(5, 4, 0.5, 12, 32, 0.0)
    c, trees = case("min_instances", "SQUARED_ERROR", P, X, y, None, [0, 0], grid)
    loose = fit(X, y, None, [0, 0], "SQUARED_ERROR", dict(P, minInstancesPerNode=1))[1]
    assert sum(map(leaves, loose)) > sum(map(leaves, trees)), "minInstancesPerNode should bind"
    assert max(map(leaves, trees)) <= 60 // 12
    return c


print(json.dumps({"cases": [regression_weighted_nan(), logistic_ties(), categorical_logistic(),
                            constant_and_duplicate(), min_instances()]}, indent=1))
