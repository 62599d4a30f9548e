#!/usr/bin/env python3
"""Golden values for the driver job (io.cx.jobs.drivers.DriverAnalysis), end to end, computed
independently of the Java code from the raw journey_features rows with numpy only.

Regenerate (deterministic, fixed seed; numpy.random.Generator, so numpy >= 1.17):
    cd jobs/src/test/resources/drivers && python3 driver_job_golden.py > driver_job_golden.json

What it writes:
  rows      journey_features rows of journey "shop": response_id, segment (consumer 400, smb 260,
            tiny 30 responses), weight in [0.5, 2], satisfaction (0..1, ~3 % missing), recommend
            (0..10, ~5 % missing), four touchpoints tp_checkout, tp_payment, tp_delivery, tp_support
            on a 5-point scale normalised to 0..1 (5, 10, 15 and 40 % missing: a touchpoint not
            experienced is missing), metrics m_payment_errors (count) and m_delay_hours (hours,
            missing for 8 %); null = missing. The segments have different driver weights.
  expected  per target (satisfaction, recommend/10) and segment (ALL, consumer, smb; tiny has fewer
            responses than min_n_segment = 50 and is not estimated), over the responses with the
            target:
              n             responses with the target
              n_driver      per touchpoint, responses with it and the target
              performance   weighted mean score of each touchpoint
              corr          weighted pairwise-complete correlation matrix [target, touchpoints]
                            (each pair from the rows where both are present, its own weighted means)
              lmg           average over all 4! orderings of each touchpoint's R^2 increment,
                            R^2(S) = r_Sy' R_SS^-1 r_Sy solved for every subset
              rw            Johnson (2000) relative weights via numpy.linalg.eigh
              r2            R^2 of the full model
              direction     sign of the standardized coefficients R_xx^-1 r_xy
              kano          penalty-reward: OLS of the target on bottom-box (score <= 0.25) and
                            top-box (score >= 0.75) dummies from the weighted pairwise-complete
                            covariance matrix (numpy.linalg.solve), standard errors
                            sqrt((s_yy - b's_xy) [S_xx^-1]_aa / (n_a - m - 1)) with n_a the rows
                            with dummy a and the target, classified: null (insufficient) when a
                            box (bottom, middle, top) has fewer than 30 answers, else material
                            when effect - 1.96 se >= 0.02, dominance at 2x
              quadrant      per method, crosshair at the mean share and mean performance
  The matrices are checked to be positive definite (the job then does not repair them).
"""
import itertools
import json
import math

import numpy as np

rng = np.random.default_rng(20240630)
TP = ["checkout", "payment", "delivery", "support"]
MISSING = [0.05, 0.10, 0.15, 0.40]
SEGMENTS = [("consumer", 400, [0.30, 0.10, 0.25, 0.05]),
            ("smb", 260, [0.10, 0.05, 0.20, 0.30]),
            ("tiny", 30, [0.2, 0.2, 0.2, 0.2])]

rows = []
for seg, n, effect in SEGMENTS:
    loading = np.array([0.6, 0.5, 0.4, 0.3])
    factor = rng.standard_normal(n)
    latent = factor[:, None] * loading + rng.standard_normal((n, 4)) * np.sqrt(1 - loading**2)
    tp = np.searchsorted(np.array([-1.2, -0.4, 0.4, 1.2]), latent).astype(float) / 4.0
    sat = np.clip(0.15 + tp @ np.array(effect) + rng.normal(0, 0.1, n), 0, 1)
    rec = np.clip(np.round(10 * np.clip(sat + rng.normal(0, 0.08, n), 0, 1)), 0, 10)
    tp[rng.random((n, 4)) < np.array(MISSING)] = np.nan
    sat[rng.random(n) < 0.03] = np.nan
    rec[rng.random(n) < 0.05] = np.nan
    errors = rng.poisson(0.4, n).astype(float)
    delay = np.round(rng.exponential(12, n), 2)
    delay[rng.random(n) < 0.08] = np.nan
    weight = np.round(rng.uniform(0.5, 2.0, n), 4)
    for i in range(n):
        rows.append({
            "response_id": f"{seg}-{i:04d}", "segment": seg, "weight": float(weight[i]),
            "satisfaction": None if np.isnan(sat[i]) else float(sat[i]),
            "recommend": None if np.isnan(rec[i]) else float(rec[i]),
            **{f"tp_{t}": None if np.isnan(tp[i, a]) else float(tp[i, a]) for a, t in enumerate(TP)},
            "m_payment_errors": float(errors[i]),
            "m_delay_hours": None if np.isnan(delay[i]) else float(delay[i]),
        })


def column(rs, name, scale=1.0):
    return np.array([np.nan if r[name] is None else r[name] * scale for r in rs])


def pairwise(x, w):
    k = x.shape[1]
    count = np.zeros((k, k), dtype=int)
    cov = np.full((k, k), np.nan)
    corr = np.full((k, k), np.nan)
    for i in range(k):
        for j in range(k):
            m = ~np.isnan(x[:, i]) & ~np.isnan(x[:, j]) & (w > 0)
            n = int(m.sum())
            count[i, j] = n
            if n < 2:
                continue
            ww, a, b = w[m], x[m, i], x[m, j]
            sw = ww.sum()
            da, db = a - (ww * a).sum() / sw, b - (ww * b).sum() / sw
            cov[i, j] = (ww * da * db).sum() / (sw * (n - 1) / n)
            corr[i, j] = (ww * da * db).sum() / math.sqrt((ww * da * da).sum() * (ww * db * db).sum())
    return count, cov, corr


def r2(corr, subset):
    if not subset:
        return 0.0
    s = list(subset)
    rss = corr[np.ix_([i + 1 for i in s], [i + 1 for i in s])]
    rsy = corr[[i + 1 for i in s], 0]
    return float(rsy @ np.linalg.solve(rss, rsy))


def lmg(corr, p):
    imp = np.zeros(p)
    orders = list(itertools.permutations(range(p)))
    for order in orders:
        before = 0.0
        for t in range(p):
            after = r2(corr, order[: t + 1])
            imp[order[t]] += after - before
            before = after
    return imp / len(orders)


def relative_weights(corr, p):
    rxx, rxy = corr[1:, 1:], corr[1:, 0]
    vals, vecs = np.linalg.eigh(rxx)
    lam = vecs @ np.diag(np.sqrt(vals)) @ vecs.T
    beta = np.linalg.solve(lam, rxy)
    return (lam**2) @ (beta**2)


Z = 1.959963984540054


def kano(x_tp, y, w, min_count=30):
    dummies = []
    for a in range(x_tp.shape[1]):
        s = x_tp[:, a]
        dummies.append(np.where(np.isnan(s), np.nan, (s <= 0.25).astype(float)))
        dummies.append(np.where(np.isnan(s), np.nan, (s >= 0.75).astype(float)))
    data = np.column_stack(dummies + [y])
    count, cov, _ = pairwise(data, w)
    k = data.shape[1] - 1
    b = np.linalg.solve(cov[:k, :k], cov[:k, k])
    inv = np.linalg.inv(cov[:k, :k])
    residual = max(0.0, cov[k, k] - b @ cov[:k, k])
    se = np.sqrt(residual * np.diag(inv) / (count[:k, k] - k - 1))
    out = []
    for a in range(x_tp.shape[1]):
        s = x_tp[:, a]
        answered = s[~np.isnan(s)]
        boxes = [(answered <= 0.25).sum(), ((answered > 0.25) & (answered < 0.75)).sum(),
                 (answered >= 0.75).sum()]
        if min(boxes) < min_count:
            out.append(None)
            continue
        pen, rew = -b[2 * a], b[2 * a + 1]
        pm = pen > 0 and pen - Z * se[2 * a] >= 0.02
        rm = rew > 0 and rew - Z * se[2 * a + 1] >= 0.02
        pen, rew = max(0.0, pen), max(0.0, rew)
        if not pm and not rm:
            out.append("indifferent")
        elif pm and pen >= 2 * rew:
            out.append("basic")
        elif rm and rew >= 2 * pen:
            out.append("excitement")
        else:
            out.append("performance")
    return out


def quadrants(share, perf):
    cs, cp = float(np.mean(share)), float(np.mean(perf))
    out = []
    for s, f in zip(share, perf):
        if s >= cs:
            out.append("keep_up" if f >= cp else "concentrate_here")
        else:
            out.append("possible_overkill" if f >= cp else "low_priority")
    return out


expected = {}
for target, col, scale in [("satisfaction", "satisfaction", 1.0), ("recommend", "recommend", 0.1)]:
    expected[target] = {}
    for seg in ["ALL", "consumer", "smb", "tiny"]:
        rs = [r for r in rows if (seg == "ALL" or r["segment"] == seg)]
        y = column(rs, col, scale)
        w = np.array([r["weight"] for r in rs])
        keep = ~np.isnan(y) & (w > 0)
        y, w = y[keep], w[keep]
        x = np.column_stack([column(rs, f"tp_{t}")[keep] for t in TP])
        n = int(len(y))
        if n < (100 if seg == "ALL" else 50):
            expected[target][seg] = {"n": n, "estimated": False}
            continue
        data = np.column_stack([y, x])
        count, _, corr = pairwise(data, w)
        assert np.linalg.eigvalsh(corr).min() > 1e-6, "matrix must be positive definite"
        assert count.min() >= 30
        imp = lmg(corr, 4)
        rw = relative_weights(corr, 4)
        total = r2(corr, range(4))
        beta = np.linalg.solve(corr[1:, 1:], corr[1:, 0])
        perf = [float((w[~np.isnan(x[:, a])] * x[~np.isnan(x[:, a]), a]).sum()
                      / w[~np.isnan(x[:, a])].sum()) for a in range(4)]
        expected[target][seg] = {
            "n": n,
            "estimated": True,
            "n_driver": [int(count[0, a + 1]) for a in range(4)],
            "performance": perf,
            "corr": corr.tolist(),
            "r2": total,
            "lmg": imp.tolist(),
            "lmg_share": (imp / total).tolist(),
            "rw": rw.tolist(),
            "rw_share": (rw / rw.sum()).tolist(),
            "direction": [1 if b >= 0 else -1 for b in beta],
            "kano": kano(x, y, w),
            "quadrant_lmg": quadrants(imp / total, perf),
            "quadrant_rw": quadrants(rw / rw.sum(), perf),
        }

print(json.dumps({"seed": 20240630, "touchpoints": TP, "rows": rows, "expected": expected},
                 separators=(",", ":")))
