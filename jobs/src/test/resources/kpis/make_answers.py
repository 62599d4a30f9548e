"""Draws the fixed test answers of KpiGoldenTest once (seed 7); the CSVs are checked in.

Journey 'kpi' (see KpiFixtures): stages purchase {checkout} and delivery {delivery, returns};
questions q_checkout, q_delivery, q_returns (csat 1..5), q_overall (overall 1..5, satisfaction
outcome), q_nps (nps 0..10, recommend outcome), q_effort (ces 1..7, effort outcome).

Rerunning this script rewrites answers.csv and customers.csv; golden.py then recomputes
golden.json from them.
"""
import datetime as dt
import random

rng = random.Random(7)
questions = [("q_overall", 1, 5, 0.9), ("q_nps", 0, 10, 0.9), ("q_effort", 1, 7, 0.7),
             ("q_checkout", 1, 5, 0.6), ("q_delivery", 1, 5, 0.5), ("q_returns", 1, 5, 0.3)]
channels = ["app", "web", ""]
rows = []
rid = 0
day = dt.date(2024, 6, 3)
while day <= dt.date(2024, 6, 19):
    for _ in range(rng.randint(4, 7)):
        rid += 1
        cust = "c%02d" % rng.randint(1, 25)
        t = dt.datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59))
        channel = channels[rng.choice([0, 0, 1, 1, 2])]
        weight = "" if rng.random() < 0.3 else "%.1f" % rng.uniform(0.5, 3.0)
        for q, lo, hi, p in questions:
            if rng.random() > p:
                continue
            score = "" if rng.random() < 0.05 else str(rng.randint(lo, hi))
            rows.append(["r%03d" % rid, cust, t.strftime("%Y-%m-%dT%H:%M:%SZ"), q, score,
                         channel, weight, day.isoformat()])
    day += dt.timedelta(days=1)
# After the run date 2024-06-19: answered later, or answered on time but ingested later.
rows.append(["r900", "c01", "2024-06-20T08:00:00Z", "q_overall", "1", "app", "", "2024-06-20"])
rows.append(["r901", "c02", "2024-06-19T09:00:00Z", "q_overall", "1", "app", "", "2024-06-20"])
with open("answers.csv", "w") as f:
    f.write("response_id,customer_id,submitted_at,question_id,score,channel,weight,run_date\n")
    for r in rows:
        f.write(",".join(r) + "\n")

with open("customers.csv", "w") as f:
    f.write("customer_id,segment,run_date\n")
    for i in range(1, 24):
        seg = ["consumer", "business", ""][i % 3]
        f.write("c%02d,%s,2024-06-01\n" % (i, seg))
    # c04 moved to consumer on 2024-06-10; c05's move to vip is ingested after the run date.
    f.write("c04,consumer,2024-06-10\n")
    f.write("c05,vip,2024-06-25\n")
    # c24 and c25 have no customers row: segment unknown.
