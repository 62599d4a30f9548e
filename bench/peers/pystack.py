"""The single-node Python peer of bench/run: scikit-learn churn models and numpy LMG on the tables
cx exported (csv), on the same rows as cx.

  pystack.py churn FEATURES.csv LABELS.csv OUT.json [--seed 42] [--test-share 0.25]
      Logistic regression (standardised, class_weight balanced) and HistGradientBoostingClassifier,
      trained on the labelled responses outside cx's test split and scored on cx's test split:
      the customers with pmod(xxhash64('split:<seed>', customer_id), 1e6) / 1e6 < test_share
      (cx's Splits.unit, hash split). Features as cx's FeaturePlan: every tp_ and m_ column,
      satisfaction, recommend / 10, effort, tenure_days, annual_value, each column with nulls
      with a not-answered indicator and its nulls replaced by the training mean, and segment
      one-hot over the 20 most frequent training segments. cx fits on its `fit` part and holds
      `calibration` out for calibration; here both are training rows.
  pystack.py lmg FEATURES.csv OUT.json [--replicates 200] [--seed 42]
      LMG of the touchpoints (tp_ columns) on satisfaction, survey-weighted pairwise correlations,
      200 Poisson bootstrap replicates, for ALL (>= 100 responses) and each segment (>= 50).

Timings in OUT.json are inside the process; bench/run also times the whole process.
Needs Debian's python3-numpy, python3-pandas, python3-sklearn; run with /usr/bin/python3.
"""

import json
import math
import os
import sys
import time
from itertools import combinations

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from xxhash64 import unit  # noqa: E402


def opt(args, name, default):
    if name in args:
        return type(default)(args[args.index(name) + 1])
    return default


def as_bool(s):
    return s.astype(str).str.lower().map({"true": True, "false": False})


def churn(features_csv, labels_csv, out_json, seed, test_share):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    t0 = time.perf_counter()
    f = pd.read_csv(features_csv)
    lab = pd.read_csv(labels_csv, usecols=["response_id", "journey", "churned", "observed"])
    t_read = time.perf_counter() - t0
    lab["churned"] = as_bool(lab["churned"])
    lab["observed"] = as_bool(lab["observed"])
    lab = lab[(lab["observed"] == True) & lab["churned"].notna()]  # noqa: E712
    df = f.merge(lab[["response_id", "churned"]], on="response_id", how="inner")
    split_ids = df["customer_id"].astype(str).unique()
    test_ids = {c for c in split_ids if unit("split", seed, c) < test_share}
    df["_test"] = df["customer_id"].astype(str).isin(test_ids)
    result = {"read_s": t_read, "journeys": {}}
    for journey, d in df.groupby("journey"):
        d = d.dropna(axis=1, how="all")
        cols = [c for c in d.columns if c.startswith("tp_") or c.startswith("m_")]
        cols += [c for c in ("satisfaction", "recommend", "effort", "tenure_days", "annual_value")
                 if c in d.columns]
        t1 = time.perf_counter()
        train, test = d[~d["_test"]], d[d["_test"]]
        x_train, x_test = [], []
        for c in cols:
            scale = 0.1 if c == "recommend" else 1.0
            tr = train[c].astype(float) * scale
            te = test[c].astype(float) * scale
            mean = tr.mean() if tr.notna().any() else 0.0
            x_train.append(tr.fillna(mean).to_numpy())
            x_test.append(te.fillna(mean).to_numpy())
            if d[c].isna().any():
                x_train.append(tr.isna().to_numpy(float))
                x_test.append(te.isna().to_numpy(float))
        seg_train = train["segment"].fillna("unknown").astype(str)
        seg_test = test["segment"].fillna("unknown").astype(str)
        counts = seg_train.value_counts()
        levels = sorted(sorted(counts.index, key=lambda s: (-counts[s], s))[:20])
        for s in levels:
            x_train.append((seg_train == s).to_numpy(float))
            x_test.append((seg_test == s).to_numpy(float))
        xtr, xte = np.column_stack(x_train), np.column_stack(x_test)
        ytr = train["churned"].astype(bool).to_numpy(int)
        yte = test["churned"].astype(bool).to_numpy(int)
        t_prep = time.perf_counter() - t1
        r = {"n_train": int(len(ytr)), "n_test": int(len(yte)), "features": int(xtr.shape[1]),
             "churn_rate_train": float(ytr.mean()) if len(ytr) else None, "prep_s": t_prep,
             "models": {}}
        if len(set(ytr)) < 2 or len(set(yte)) < 2:
            r["note"] = "one class only in train or test: no model"
            result["journeys"][journey] = r
            continue
        models = {
            "logistic_regression": make_pipeline(
                StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000)),
            "hist_gradient_boosting": HistGradientBoostingClassifier(random_state=seed),
        }
        for name, m in models.items():
            t2 = time.perf_counter()
            m.fit(xtr, ytr)
            p = m.predict_proba(xte)[:, 1]
            r["models"][name] = {"fit_s": time.perf_counter() - t2,
                                 "test_auc": float(roc_auc_score(yte, p))}
        result["journeys"][journey] = r
    result["total_s"] = time.perf_counter() - t0
    with open(out_json, "w") as fh:
        json.dump(result, fh, indent=1)


def lmg_from_corr(c):
    """LMG shares of R² for the p drivers of the (p+1)x(p+1) correlation matrix c (target last)."""
    p = c.shape[0] - 1
    r2 = {(): 0.0}
    for k in range(1, p + 1):
        for s in combinations(range(p), k):
            idx = list(s)
            rs = c[idx, p]
            try:
                r2[s] = float(rs @ np.linalg.solve(c[np.ix_(idx, idx)], rs))
            except np.linalg.LinAlgError:
                r2[s] = float(rs @ np.linalg.pinv(c[np.ix_(idx, idx)]) @ rs)
    out = np.zeros(p)
    for j in range(p):
        others = [a for a in range(p) if a != j]
        for k in range(p):
            w = math.factorial(k) * math.factorial(p - k - 1) / math.factorial(p)
            for s in combinations(others, k):
                out[j] += w * (r2[tuple(sorted(s + (j,)))] - r2[s])
    return out


def pairwise_moments(x, w):
    """Weighted pairwise-complete sums of x (n, k, NaN = missing) for the weight columns w (n, B):
    counts, sums, sums of squares (each over the rows where the pair is answered) and
    cross-products, stacked as (4 k², B)."""
    k = x.shape[1]
    m = (~np.isnan(x)).astype(float)
    x0 = np.nan_to_num(x)
    i, j = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    i, j = i.ravel(), j.ravel()
    z = np.hstack([m[:, i] * m[:, j], x0[:, i] * m[:, j], x0[:, i] ** 2 * m[:, j], x0[:, i] * x0[:, j]])
    return z.T @ w


def corr_from_moments(s, k):
    """(B, k, k) correlation matrices from pairwise_moments sums."""
    kk = k * k

    def swap(a):  # the (j, i) entry beside the (i, j) one
        return a.reshape(k, k, -1).transpose(1, 0, 2).reshape(kk, -1)

    cnt, sx, sxx, sxy = s[:kk], s[kk:2 * kk], s[2 * kk:3 * kk], s[3 * kk:]
    with np.errstate(divide="ignore", invalid="ignore"):
        mx, my = sx / cnt, swap(sx) / cnt
        vx, vy = sxx / cnt - mx ** 2, swap(sxx) / cnt - my ** 2
        r = (sxy / cnt - mx * my) / np.sqrt(vx * vy)
    r = np.nan_to_num(r).T.reshape(-1, k, k)
    r[:, np.arange(k), np.arange(k)] = 1.0
    return r


def lmg(features_csv, out_json, replicates, seed):
    t0 = time.perf_counter()
    f = pd.read_csv(features_csv)
    t_read = time.perf_counter() - t0
    result = {"read_s": t_read, "replicates": replicates, "segments": {}}
    rng = np.random.default_rng(seed)
    for journey, d in f.groupby("journey"):
        tps = [c for c in d.columns if c.startswith("tp_") and d[c].notna().any()]
        d = d[d["satisfaction"].notna()]
        segs = [("ALL", d, 100)] + [(s, g, 50) for s, g in d.groupby(d["segment"].fillna("unknown"))]
        for seg, g, min_n in segs:
            t1 = time.perf_counter()
            if len(g) < min_n:
                result["segments"][f"{journey}/{seg}"] = {"n": len(g), "estimated": False}
                continue
            x = g[tps + ["satisfaction"]].to_numpy(float)
            base = g["weight"].to_numpy(float) if "weight" in g else np.ones(len(g))
            sums = 0
            for lo in range(0, len(g), 50_000):  # bounded memory: 50,000 rows x B weights at a time
                hi = min(lo + 50_000, len(g))
                w = np.column_stack([np.ones(hi - lo), rng.poisson(1.0, (hi - lo, replicates))])
                sums = sums + pairwise_moments(x[lo:hi], base[lo:hi, None] * w)
            corr = corr_from_moments(sums, x.shape[1])
            shares = np.array([lmg_from_corr(c) for c in corr])
            lo_q, hi_q = np.percentile(shares[1:], [2.5, 97.5], axis=0)
            result["segments"][f"{journey}/{seg}"] = {
                "n": int(len(g)), "estimated": True, "seconds": time.perf_counter() - t1,
                "lmg": {tp: [float(shares[0, a]), float(lo_q[a]), float(hi_q[a])]
                        for a, tp in enumerate(tps)}}
    result["total_s"] = time.perf_counter() - t0
    with open(out_json, "w") as fh:
        json.dump(result, fh, indent=1)


if __name__ == "__main__":
    a = sys.argv[1:]
    if a and a[0] == "churn":
        churn(a[1], a[2], a[3], opt(a, "--seed", 42), opt(a, "--test-share", 0.25))
    elif a and a[0] == "lmg":
        lmg(a[1], a[2], opt(a, "--replicates", 200), opt(a, "--seed", 42))
    else:
        sys.exit(__doc__)
