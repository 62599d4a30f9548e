"""Independent reference for KpiGoldenTest: touchpoint_kpis of answers.csv / customers.csv.

Run from this folder: python3 golden.py  (writes golden.json). numpy and the standard library
only; the t distribution comes from the regularised incomplete beta function below (continued
fraction, Numerical Recipes 6.4), not from the library the job uses.

golden.json holds every row except day rows below segment ALL, channel ALL (to stay small).

Settings (as in KpiGoldenTest): run date 2024-06-19, full recompute, grains day/week/month,
norm_periods 2, min_n 3, fdr 0.05, journey time zone UTC. Two scenarios: 'unweighted' (the weight
column ignored) and 'weighted' (weight, empty = 1).
"""
import csv
import datetime as dt
import json
import math
from collections import defaultdict

import numpy as np

RUN_DATE = dt.date(2024, 6, 19)
K = 2
MIN_N = 3
FDR = 0.05
Z95 = 1.96
ALL = "ALL"
SCALES = {"q_overall": (1, 5), "q_nps": (0, 10), "q_effort": (1, 7),
          "q_checkout": (1, 5), "q_delivery": (1, 5), "q_returns": (1, 5)}
# Which answers feed which cell (KpiFeeds): question -> [(metric, stage, touchpoint)].
FEEDS = {
    "q_checkout": [(m, "purchase", t) for m in ("csat", "top2box") for t in ("checkout", ALL)],
    "q_delivery": [(m, "delivery", t) for m in ("csat", "top2box") for t in ("delivery", ALL)],
    "q_returns": [(m, "delivery", t) for m in ("csat", "top2box") for t in ("returns", ALL)],
    "q_overall": [("csat", ALL, ALL), ("top2box", ALL, ALL)],
    "q_nps": [("nps", ALL, ALL)],
    "q_effort": [("ces", ALL, ALL)],
}


def y_of(metric, q, score):
    lo, hi = SCALES[q]
    if metric == "csat":
        return (score - lo) / (hi - lo)
    if metric == "top2box":
        return 1.0 if score >= hi - 1 else 0.0
    if metric == "nps":
        return 100.0 if score >= 9 else (-100.0 if score <= 6 else 0.0)
    return score  # ces: raw


def period_start(grain, day):
    if grain == "day":
        return day
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def minus(grain, start, k):
    if grain == "day":
        return start - dt.timedelta(days=k)
    if grain == "week":
        return start - dt.timedelta(weeks=k)
    m = start.year * 12 + start.month - 1 - k
    return dt.date(m // 12, m % 12 + 1, 1)


def last_day(grain, start):
    if grain == "day":
        return start
    if grain == "week":
        return start + dt.timedelta(days=6)
    nxt = minus("month", start, -1)
    return nxt - dt.timedelta(days=1)


def betacf(a, b, x):
    eps, fpmin = 1e-16, 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > fpmin else fpmin)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > fpmin else fpmin)
        c = 1.0 + aa / c
        c = c if abs(c) > fpmin else fpmin
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > fpmin else fpmin)
        c = 1.0 + aa / c
        c = c if abs(c) > fpmin else fpmin
        de = d * c
        h *= de
        if abs(de - 1.0) < eps:
            return h
    raise RuntimeError("betacf did not converge")


def betainc(a, b, x):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(lbeta + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * betacf(a, b, x) / a
    return 1.0 - front * betacf(b, a, 1 - x) / b


def t_two_sided(t, df):
    return betainc(df / 2, 0.5, df / (df + t * t))


def normal_two_sided(z):
    return math.erfc(abs(z) / math.sqrt(2))


class Sample:
    """The answers of one cell: values y and weights w.

    se2 is the linearization (Taylor) variance of the ratio sum w y / sum w, from the answers
    (not from running sums): f sum w^2 (y - value)^2 / (sum w)^2 with f = n / (n - 1) for the
    means csat and ces (which need n_eff > 1) and f = 1 for the shares top2box and nps.
    """

    def __init__(self, ys, ws, metric):
        self.y = np.array(ys, dtype=float)
        self.w = np.array(ws, dtype=float)
        self.metric = metric
        self.n = len(ys)
        sw = float(self.w.sum())
        self.value = float((self.w * self.y).sum() / sw) if sw > 0 else None
        self.n_eff = float(sw ** 2 / (self.w ** 2).sum()) if self.n else None
        squares = float((self.w ** 2 * (self.y - self.value) ** 2).sum()) if sw > 0 else None
        if self.n and np.all(self.y == self.y[0]):
            squares = 0.0  # every answer the same: no variance (not round-off)
        if metric in ("csat", "ces"):
            ok = self.n_eff and self.n_eff > 1
            self.se2 = squares / sw ** 2 * self.n / (self.n - 1) if ok else None
        else:
            self.se2 = squares / sw ** 2 if sw > 0 else None


def degenerate(diff, norm):
    """Both variances 0: the values are equal (up to round-off) or certainly different."""
    return 1.0 if abs(diff) <= 1e-9 * max(1.0, abs(norm)) else 0.0


def p_value(metric, cur, hist):
    diff = cur.value - hist.value
    if metric in ("csat", "ces"):
        total = cur.se2 + hist.se2
        if total <= 0:
            return degenerate(diff, hist.value)
        terms = sum(s * s / (n - 1) for s, n in ((cur.se2, cur.n_eff), (hist.se2, hist.n_eff)) if s > 0)
        return t_two_sided(diff / math.sqrt(total), total * total / terms)
    if metric == "top2box":
        # Pooled share under the null; each side's variance per unit of Bernoulli variance is its
        # own se2 / (p (1 - p)) (1 / n without weights), or 1 / n_eff for a share of 0 or 1.
        pooled = (cur.n_eff * cur.value + hist.n_eff * hist.value) / (cur.n_eff + hist.n_eff)
        unit = lambda s: s.se2 / (s.value * (1 - s.value)) if s.se2 > 0 else 1 / s.n_eff
        se2 = pooled * (1 - pooled) * (unit(cur) + unit(hist))
    else:
        se2 = cur.se2 + hist.se2
    if se2 <= 0:
        return degenerate(diff, hist.value)
    return normal_two_sided(diff / math.sqrt(se2))


def bh(ps):
    """Benjamini-Hochberg q-values of a list of p-values, in the list's order."""
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, ps[i] * m / rank, 1.0)
        q[i] = running
    return q


def compute(weighted):
    segments = {}
    with open("customers.csv") as f:
        newest = {}
        for r in csv.DictReader(f):
            d = dt.date.fromisoformat(r["run_date"])
            if d <= RUN_DATE and (r["customer_id"] not in newest or d > newest[r["customer_id"]]):
                newest[r["customer_id"]] = d
                segments[r["customer_id"]] = r["segment"] or "unknown"
    cells = defaultdict(lambda: ([], []))  # (grain, start, metric, stage, tp, seg, ch) -> (ys, ws)
    with open("answers.csv") as f:
        for r in csv.DictReader(f):
            if r["score"] == "" or dt.date.fromisoformat(r["run_date"]) > RUN_DATE:
                continue
            day = dt.datetime.strptime(r["submitted_at"], "%Y-%m-%dT%H:%M:%SZ").date()  # UTC
            if day > RUN_DATE:
                continue
            seg = segments.get(r["customer_id"], "unknown")
            ch = r["channel"] or "unknown"
            w = float(r["weight"]) if weighted and r["weight"] else 1.0
            for metric, stage, tp in FEEDS[r["question_id"]]:
                y = y_of(metric, r["question_id"], float(r["score"]))
                for grain in ("day", "week", "month"):
                    start = period_start(grain, day)
                    for s in (seg, ALL):
                        for c in (ch, ALL):
                            ys, ws = cells[(grain, start, metric, stage, tp, s, c)]
                            ys.append(y)
                            ws.append(w)
    rows = []
    for key, (ys, ws) in cells.items():
        grain, start, metric, stage, tp, seg, ch = key
        cur = Sample(ys, ws, metric)
        hy, hw = [], []
        for k in range(1, K + 1):
            prev = cells.get((grain, minus(grain, start, k), metric, stage, tp, seg, ch))
            if prev:
                hy += prev[0]
                hw += prev[1]
        hist = Sample(hy, hw, metric) if hy else None
        # Suppression and the norm go by Kish's effective n (n without weights).
        # (Relative slack 1e-9 as in KpiValues: equal weights give n_eff = n up to round-off.)
        suppressed = cur.n_eff < MIN_N * (1 - 1e-9)
        norm_shown = hist is not None and hist.n_eff >= MIN_N * (1 - 1e-9)
        row = {
            "period_grain": grain, "period_start": start.isoformat(), "stage": stage,
            "touchpoint": tp, "segment": seg, "channel": ch, "metric": metric,
            "n": cur.n, "n_effective": cur.n_eff, "suppressed": suppressed,
            "value": None if suppressed else cur.value,
            "moe": None if suppressed or cur.se2 is None else Z95 * math.sqrt(cur.se2),
            "norm": hist.value if norm_shown else None,
            "norm_n": hist.n if hist else 0,
            "p_value": None,
            "complete": last_day(grain, start) <= RUN_DATE,
        }
        if not suppressed and norm_shown and cur.se2 is not None and hist.se2 is not None:
            row["p_value"] = p_value(metric, cur, hist)
        rows.append(row)
    families = defaultdict(list)
    for r in rows:
        r["q_value"] = None
        r["alert"] = False
        if r["p_value"] is not None:
            families[(r["period_grain"], r["period_start"])].append(r)
    for fam in families.values():
        for r, q in zip(fam, bh([r["p_value"] for r in fam])):
            r["q_value"] = q
            r["alert"] = q <= FDR and r["value"] < r["norm"]
    rows.sort(key=lambda r: tuple(str(r[k]) for k in ("period_grain", "period_start", "metric",
                                                      "stage", "touchpoint", "segment", "channel")))
    return rows


def short(v):
    """Floats to 12 significant digits (the test compares within 1e-9)."""
    return float("%.12g" % v) if isinstance(v, float) else v


if __name__ == "__main__":
    # Every row is computed (BH families are whole periods); to keep this file small, day rows are
    # written for segment ALL and channel ALL only.
    out = {k: [r for r in compute(w) if r["period_grain"] != "day" or r["segment"] == r["channel"] == ALL]
           for k, w in (("unweighted", False), ("weighted", True))}
    columns = ["period_grain", "period_start", "stage", "touchpoint", "segment", "channel",
               "metric", "n", "n_effective", "suppressed", "value", "moe", "norm", "norm_n",
               "p_value", "q_value", "alert", "complete"]
    with open("golden.json", "w") as f:
        f.write('{"columns": ' + json.dumps(columns))
        for k, rows in out.items():
            f.write(',\n"' + k + '": [\n')
            f.write(",\n".join(json.dumps([short(r[c]) for c in columns]) for r in rows))
            f.write("]")
        f.write("}\n")
    for k, rows in out.items():
        print(k, len(rows), "rows,", sum(r["suppressed"] for r in rows), "suppressed,",
              sum(r["p_value"] is not None for r in rows), "tested,",
              sum(r["alert"] for r in rows), "alerts")
