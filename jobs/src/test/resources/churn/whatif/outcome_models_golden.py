#!/usr/bin/env python3
"""Golden values for the what-if's outcome models (io.cx.jobs.churn.whatif.OutcomeModels), computed
independently of the Java code with numpy only.

Regenerate (deterministic, fixed seed; numpy.random.Generator, so numpy >= 1.17):
    cd jobs/src/test/resources/churn/whatif && python3 outcome_models_golden.py > outcome_models_golden.json

Data: 60 responses of 17 customers (customer = a random draw, so clusters of unequal size), two
touchpoints a and b on 0..1 (a missing in about 20 % of the rows, b in about 10 %) and two
outcomes, satisfaction (0..1, missing in about 10 %) and recommend (0..10, missing in about 15 %),
with a customer effect so that a customer's responses are correlated.

Per outcome o, on the rows where it is answered: x = (1, a or 0, b or 0, a missing, b missing),
b_o = (X'X)^-1 X'y. The covariance of the touchpoint slopes (a, b of satisfaction, then a, b of
recommend) is the clustered sandwich C/(C-1) B G B, B = blockdiag((X_o'X_o)^-1), G = sum over
customers of s_c s_c', s_c the stack over outcomes of sum_{i in c, o answered} x_i (y_io - x_i b_o),
C the number of distinct customers among all rows.
"""
import json

import numpy as np

rng = np.random.default_rng(20261205)
n = 60
customer = rng.integers(0, 17, n)
effect = rng.normal(0, 0.15, 17)
a = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0], n)
b = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0], n)
sat = np.clip(0.2 + 0.5 * a + 0.2 * b + effect[customer] + rng.normal(0, 0.1, n), 0, 1)
rec = np.clip(np.round(2 + 5 * a + 2 * b + 10 * effect[customer] + rng.normal(0, 1, n)), 0, 10)
a_missing = rng.random(n) < 0.2
b_missing = rng.random(n) < 0.1
sat_missing = rng.random(n) < 0.1
rec_missing = rng.random(n) < 0.15

x = np.column_stack(
    [
        np.ones(n),
        np.where(a_missing, 0, a),
        np.where(b_missing, 0, b),
        a_missing.astype(float),
        b_missing.astype(float),
    ]
)
k = x.shape[1]
ys = [(sat, sat_missing), (rec, rec_missing)]
coefs, inverses, residuals = [], [], []
for y, missing in ys:
    keep = ~missing
    xtx = x[keep].T @ x[keep]
    inv = np.linalg.inv(xtx)
    coef = inv @ (x[keep].T @ y[keep])
    coefs.append(coef)
    inverses.append(inv)
    residuals.append(np.where(keep, y - x @ coef, 0.0))

m = len(ys)
g = np.zeros((m * k, m * k))
clusters = np.unique(customer)
for c in clusters:
    rows = customer == c
    s = np.concatenate([x[rows].T @ residuals[o][rows] for o in range(m)])
    g += np.outer(s, s)
bread = np.zeros((m * k, m * k))
for o in range(m):
    bread[o * k : (o + 1) * k, o * k : (o + 1) * k] = inverses[o]
c = len(clusters)
v = c / (c - 1) * bread @ g @ bread
pick = [o * k + j for o in range(m) for j in (1, 2)]

print(
    json.dumps(
        {
            "customer": ["c%02d" % i for i in customer],
            "a": [None if mi else float(v_) for v_, mi in zip(a, a_missing)],
            "b": [None if mi else float(v_) for v_, mi in zip(b, b_missing)],
            "satisfaction": [None if mi else float(v_) for v_, mi in zip(sat, sat_missing)],
            "recommend": [None if mi else float(v_) for v_, mi in zip(rec, rec_missing)],
            "slopes": {
                "satisfaction": coefs[0][1:3].tolist(),
                "recommend": coefs[1][1:3].tolist(),
            },
            "covariance": v[np.ix_(pick, pick)].tolist(),
        },
        indent=1,
    )
)
