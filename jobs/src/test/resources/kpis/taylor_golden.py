"""Independent reference for KpiTaylorVarianceTest: linearization (Taylor) variances of weighted
csat, top2box and nps when the survey weights go with the scores.

Run from this folder: python3 taylor_golden.py  (writes taylor_answers.csv and taylor_golden.json).
numpy and the standard library only; the t distribution comes from golden.py's incomplete beta.

Data: journey 'kpi' (UTC), two days, no customers table (segment 'unknown'). Each response answers
q_overall (1..5) and q_nps (0..10). Passives (nps 7-8) are weighted about 3x, everyone else about
1x: the weights go with the scores. 2024-06-10 is the history (the norm), 2024-06-11 the current
day, where detractors are a little more frequent. Channel 'sms' has a few responses, one of them
weighted 10: raw n >= min_n but Kish's n_eff < min_n, so it is suppressed.

Settings (as in KpiTaylorVarianceTest): run date 2024-06-11, grain day, norm_periods 1, min_n 5.

Formulas (written out on the answers, not on running sums), value = sum w y / sum w:
  se^2 = f sum w^2 (y - value)^2 / (sum w)^2, f = n / (n - 1) for csat (a mean) and 1 for top2box
  and nps (shares): without weights s^2 / n and p (1 - p) / n exactly, as before.
  kish_moe is the old formula (m2 / n_eff, m2 / (n_eff - 1) for csat), for comparison only.
Tests: csat Welch t (df from n_eff - 1 per side), top2box pooled z with each side's variance
p (1 - p) se_k^2 / (p_k (1 - p_k)), nps z on se^2 + se0^2. Suppression and the norm: n_eff >= min_n.
"""
import csv
import json
import math

import numpy as np

from golden import normal_two_sided, t_two_sided

Z95 = 1.96
MIN_N = 5
DAYS = ("2024-06-10", "2024-06-11")


def draw():
    rng = np.random.default_rng(20240611)
    rows = []
    for d, day in enumerate(DAYS):
        # nps 0..10: detractors 0-6, passives 7-8, promoters 9-10; the current day has more detractors.
        probs = np.array([2, 1, 1, 2, 2, 3, 4, 10, 10, 8, 7], dtype=float) + (3 if d else 0) * np.array(
            [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0])
        probs /= probs.sum()
        for i in range(60):
            channel = "sms" if i < 6 else ("app" if i % 2 else "web")
            nps = int(rng.choice(11, p=probs))
            overall = int(np.clip(round(1 + nps * 0.4 + rng.normal(0, 0.8)), 1, 5))
            w = (3.0 if nps in (7, 8) else 1.0) * rng.uniform(0.8, 1.2)
            if channel == "sms":
                w = 10.0 if i == 0 else 1.0
            w = round(w, 2)
            at = "%sT%02d:%02d:00Z" % (day, 8 + i // 6, (i * 7) % 60)
            for q, s in (("q_overall", overall), ("q_nps", nps)):
                rows.append(["t%d%03d" % (d, i), "c%03d" % i, at, q, str(s), channel, repr(w), day])
    return rows


def y_of(metric, q, score):
    if metric == "csat":
        return (score - 1) / 4
    if metric == "top2box":
        return 1.0 if score >= 4 else 0.0
    return 100.0 if score >= 9 else (-100.0 if score <= 6 else 0.0)


def estimate(metric, ys, ws):
    y, w = np.array(ys), np.array(ws)
    n, sw = len(y), float(w.sum())
    value = float((w * y).sum() / sw)
    n_eff = sw ** 2 / float((w ** 2).sum())
    squares = float((w ** 2 * (y - value) ** 2).sum())
    m2 = float((w * (y - value) ** 2).sum() / sw)
    if metric == "csat":
        se2 = squares / sw ** 2 * n / (n - 1)
        kish = m2 / (n_eff - 1)
    else:
        se2 = squares / sw ** 2
        kish = m2 / n_eff
    return {"n": n, "n_eff": n_eff, "value": value, "se2": se2, "kish_se2": kish}


def p_value(metric, cur, hist):
    diff = cur["value"] - hist["value"]
    if metric == "csat":
        total = cur["se2"] + hist["se2"]
        df = total ** 2 / (cur["se2"] ** 2 / (cur["n_eff"] - 1) + hist["se2"] ** 2 / (hist["n_eff"] - 1))
        return t_two_sided(diff / math.sqrt(total), df)
    if metric == "top2box":
        pooled = (cur["n_eff"] * cur["value"] + hist["n_eff"] * hist["value"]) / (cur["n_eff"] + hist["n_eff"])
        unit = lambda s: s["se2"] / (s["value"] * (1 - s["value"]))
        return normal_two_sided(diff / math.sqrt(pooled * (1 - pooled) * (unit(cur) + unit(hist))))
    return normal_two_sided(diff / math.sqrt(cur["se2"] + hist["se2"]))


def main():
    rows = draw()
    with open("taylor_answers.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["response_id", "customer_id", "submitted_at", "question_id", "score", "channel",
                      "weight", "run_date"])
        out.writerows(rows)
    cells = {}
    for r in rows:
        metrics = ("csat", "top2box") if r[3] == "q_overall" else ("nps",)
        for m in metrics:
            for ch in (r[5], "ALL"):
                ys, ws = cells.setdefault((r[7], m, ch), ([], []))
                ys.append(y_of(m, r[3], float(r[4])))
                ws.append(float(r[6]))
    golden = []
    for (day, m, ch), (ys, ws) in sorted(cells.items()):
        if day != DAYS[1]:
            continue
        cur = estimate(m, ys, ws)
        hist = estimate(m, *cells[(DAYS[0], m, ch)])
        suppressed = cur["n_eff"] < MIN_N * (1 - 1e-9)  # round-off slack, as in KpiValues
        shown = hist["n_eff"] >= MIN_N * (1 - 1e-9)
        golden.append({
            "channel": ch, "metric": m, "n": cur["n"], "n_effective": cur["n_eff"],
            "suppressed": suppressed,
            "value": None if suppressed else cur["value"],
            "moe": None if suppressed else Z95 * math.sqrt(cur["se2"]),
            "kish_moe": None if suppressed else Z95 * math.sqrt(cur["kish_se2"]),
            "norm": hist["value"] if shown else None, "norm_n": hist["n"],
            "p_value": None if suppressed or not shown else p_value(m, cur, hist),
        })
    with open("taylor_golden.json", "w") as f:
        f.write("[\n" + ",\n".join(json.dumps(g) for g in golden) + "\n]\n")
    for g in golden:
        print(g)


if __name__ == "__main__":
    main()
