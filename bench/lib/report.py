"""Writes bench/run's report from one run folder: the markdown tables and the targets csv
(check,value,target,status). Python 3 standard library only.

  report.py RUN_DIR OUT.md OUT.csv SCALES [VERIFY_SECONDS]
"""

import csv
import json
import os
import sys

JOBS = ["ingest", "fuse", "drivers", "churn", "kpis", "report"]
FIXED_COST_S = 15.0


def load(run):
    recs = [json.loads(line) for line in open(os.path.join(run, "results.jsonl")) if line.strip()]
    machine = {}
    for line in open(os.path.join(run, "machine.txt")):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            machine[k] = v
    return recs, machine


def find(recs, scale, kind, name=None):
    for r in recs:
        if r["scale"] == scale and r["kind"] == kind and (name is None or r["name"] == name):
            return r
    return None


def num(x, digits=1):
    if x is None:
        return "–"
    if isinstance(x, (int,)) or (isinstance(x, float) and x.is_integer() and abs(x) >= 1000):
        return f"{int(x):,}"
    return f"{x:,.{digits}f}"


def mib(b):
    return None if b is None else b / 2**20


def cx_auc(recs, scale):
    """{journey: {model: test auc}} from the exported model_metrics."""
    r = find(recs, scale, "export", "model_metrics")
    out = {}
    if not r or r["rc"] != 0 or not os.path.exists(r.get("csv", "")):
        return out
    for row in csv.DictReader(open(r["csv"])):
        if row["split"] == "test" and row["metric"] == "auc" and row["target"] == "churn":
            if row["value"] not in ("", None):
                out.setdefault(row["journey"], {})[row["model"]] = float(row["value"])
    return out


class Scale:
    def __init__(self, recs, scale):
        self.scale = scale
        self.gen = find(recs, scale, "generate")
        self.floor = find(recs, scale, "floor")
        self.jobs = {j: find(recs, scale, "job", j) for j in JOBS}
        self.lmg = find(recs, scale, "lmgpeer")
        self.pychurn = find(recs, scale, "pychurn")
        self.pylmg = find(recs, scale, "pylmg")
        self.auc = cx_auc(recs, scale)
        ran = [self.jobs[j] for j in JOBS if self.jobs[j]]
        self.complete = len(ran) == len(JOBS) and all(r["rc"] == 0 for r in ran)
        self.failed = next((r for r in ran if r["rc"] != 0), None)
        self.pipeline = sum(r["wall_s"] for r in ran) if self.complete else None
        self.floor_s = self.floor["wall_s"] if self.floor and self.floor["rc"] == 0 else None

    def x_floor(self, seconds):
        return seconds / self.floor_s if seconds is not None and self.floor_s else None


def as_float(s):
    try:
        return float(s)
    except ValueError:
        return None


def main(run, out_md, out_csv, scales_arg, verify):
    recs, m = load(run)
    scales = [s for s in scales_arg.split(",") if s]
    per = {s: Scale(recs, s) for s in scales}
    by_value = {as_float(s): per[s] for s in scales}
    md = []
    w = md.append
    w(f"# cx benchmark, {m.get('started', '')[:10]}")
    w("")
    w("Written by `bench/run --scales " + scales_arg + "`. SF N = 25,000 x N customers from "
      "`cx generate`. Every job is a fresh `bin/cx <job>` process (JVM start included) with the "
      "generated config reduced to `spark.master: local[2]`, plus Spark's event log; `-Xmx4g`.")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    for k, label in [("started", "started"), ("ended", "ended"), ("nproc", "cores (nproc)"),
                     ("mem", "memory"), ("cpu", "CPU"), ("java", "java -version"),
                     ("load_start", "load average at start (1, 5, 15 min)"),
                     ("load_end", "load average at end"), ("commit", "git commit"),
                     ("dirty_files", "uncommitted files under common/, jobs/, pom.xml"),
                     ("py_threads", "OMP_NUM_THREADS of the Python peer"),
                     ("work", "logs of every process")]:
        w(f"| {label} | {m.get(k, '–')} |")
    w("")
    w("The machine may be shared: a load average above the core count means other work ran "
      "beside the benchmark and the times are upper bounds.")
    w("")

    # Fixed cost.
    w("## Fixed cost: every job on a tiny input")
    w("")
    tiny_gen = find(recs, "tiny", "generate")
    if tiny_gen:
        w(f"`cx generate --customers {tiny_gen.get('customers', '?')}`: "
          f"{tiny_gen.get('responses', '?')} responses, {tiny_gen.get('survey_rows', '?')} survey rows, "
          f"{tiny_gen.get('events', '?')} events; fresh warehouse. Target: each job <= 15 s wall.")
        w("")
    w("| job | exit | wall s | rows in | rows out | peak heap MiB | peak RSS MiB |")
    w("|---|---|---|---|---|---|---|")
    tiny = {j: find(recs, "tiny", "job", j) for j in JOBS}
    for j in JOBS:
        r = tiny[j]
        if r:
            w(f"| {j} | {r['rc']} | {num(r['wall_s'])} | {num(r.get('rows_read'), 0)} | "
              f"{num(r.get('rows_written'), 0)} | {num(r.get('peak_heap_mib'), 0)} | "
              f"{num(r.get('peak_rss_mib'), 0)} |")
        else:
            w(f"| {j} | not run | | | | | |")
    w("")

    # Per scale.
    for s in scales:
        sc = per[s]
        w(f"## SF{s}")
        w("")
        if sc.gen:
            w(f"`cx generate --customers {sc.gen.get('customers', '?')}`: "
              f"{num(sc.gen.get('responses'), 0)} responses, {num(sc.gen.get('survey_rows'), 0)} "
              f"survey rows, {num(sc.gen.get('events'), 0)} events; {num(sc.gen['wall_s'])} s "
              f"(exit {sc.gen['rc']}).")
        else:
            w("Not generated.")
            w("")
            continue
        if sc.floor:
            steps = ", ".join(f"{k} {v:.1f} s" for k, v in (sc.floor.get("floor_steps") or {}).items())
            w("")
            w(f"**I/O floor**: {num(sc.floor['wall_s'])} s wall (exit {sc.floor['rc']}): a fresh JVM "
              f"reads surveys, events and customers (CSV) and writes each once as Delta, local[2], "
              f"default settings (`bench/floor/Floor.java`, run in source-file mode: its compilation "
              f"is inside the wall time). Inside the JVM: {steps or '–'}.")
        w("")
        w("| job | exit | wall s | x floor | rows in | rows out | rejected | peak heap MiB | "
          "peak RSS MiB | shuffle MiB (read + written) | Spark jobs | tasks |")
        w("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for j in JOBS:
            r = sc.jobs[j]
            if not r:
                w(f"| {j} | not run | | | | | | | | | | |")
                continue
            shuffle = None
            if "shuffle_read_bytes" in r:
                shuffle = mib(r["shuffle_read_bytes"] + r["shuffle_write_bytes"])
            flag = " (jar rebuilt)" if r.get("rebuilt_jar") else ""
            w(f"| {j} | {r['rc']} | {num(r['wall_s'])}{flag} | {num(sc.x_floor(r['wall_s']))} | "
              f"{num(r.get('rows_read'), 0)} | {num(r.get('rows_written'), 0)} | "
              f"{num(r.get('rows_rejected'), 0)} | {num(r.get('peak_heap_mib'), 0)} | "
              f"{num(r.get('peak_rss_mib'), 0)} | {num(shuffle)} | {num(r.get('spark_jobs'), 0)} | "
              f"{num(r.get('tasks'), 0)} |")
        if sc.complete:
            w(f"| **pipeline** | 0 | **{num(sc.pipeline)}** | **{num(sc.x_floor(sc.pipeline))}** | "
              f"| | | | | | | |")
        elif sc.failed:
            w(f"| **pipeline** | stopped: {sc.failed['name']} exited {sc.failed['rc']} | | | | | | | | | | |")
        w("")
    w("Peak heap: the largest heap use the GC log shows (before a collection, or at exit). Peak "
      "RSS: `/usr/bin/time -v`. Shuffle, Spark jobs and tasks: the Spark event log "
      "(`SparkListenerJobStart`, `SparkListenerTaskEnd`). The pipeline is the sum of the five "
      "job processes.")
    w("")

    # Scaling.
    w("## Scaling")
    w("")
    pairs = list(zip(scales, scales[1:]))
    if not pairs:
        w("One scale only: no scaling ratio.")
    else:
        w("Time ratio between consecutive scales, beside the data growth (the customer ratio); "
          "the normalised ratio is time ratio / growth (1.0 = linear).")
        w("")
        w("| job | " + " | ".join(f"SF{b} / SF{a} (growth {as_float(b) / as_float(a):.1f})"
                                   for a, b in pairs) + " |")
        w("|---|" + "---|" * len(pairs))
        for j in JOBS + ["pipeline"]:
            cells = []
            for a, b in pairs:
                ta = per[a].pipeline if j == "pipeline" else _ok_wall(per[a].jobs[j])
                tb = per[b].pipeline if j == "pipeline" else _ok_wall(per[b].jobs[j])
                if ta and tb:
                    g = as_float(b) / as_float(a)
                    cells.append(f"{tb / ta:.2f} (normalised {tb / ta / g:.2f})")
                else:
                    cells.append("–")
            w(f"| {j} | " + " | ".join(cells) + " |")
    w("")

    # Peers.
    w("## Peers")
    w("")
    w("### Driver analysis: LMG + 200 bootstrap replicates, MLlib per subset vs cx's one pass")
    w("")
    w("`bench/peers/LmgPeer.java`, one JVM, local[2], on a cached synthetic table with as many rows "
      "as the scale's journey_features (p touchpoints, no missing answers, target satisfaction). "
      "MLlib: a `LinearRegression` fit (and its R²) per subset of drivers, as a Spark user would "
      "do LMG without cx; LMG needs (2^p - 1) x 201 fits (sample + 200 replicates), which cannot "
      "run in the time, so a fixed random sample of subsets is timed on the full sample and the "
      "mean time per fit is **extrapolated** to all fits. cx: `DriverAnalysis.run` with method "
      "lmg, 200 replicates, segment ALL, the second (warm) of two runs.")
    w("")
    w("| scale | p | rows | cx one pass s | MLlib s per fit (fits timed) | MLlib fits needed | "
      "MLlib extrapolated s | speed ratio |")
    w("|---|---|---|---|---|---|---|---|")
    for s in scales:
        r = per[s].lmg
        if not r:
            continue
        if r["rc"] != 0:
            w(f"| SF{s} | | | failed (exit {r['rc']}) | | | | |")
            continue
        for p, v in sorted((r.get("lmgpeer") or {}).items(), key=lambda kv: int(kv[0])):
            w(f"| SF{s} | {p} | {num(v.get('rows'), 0)} | {num(v.get('cx_s'), 2)} | "
              f"{num(v.get('mllib_per_fit_s'), 3)} ({num(v.get('mllib_fits_timed'), 0)}) | "
              f"{num(v.get('mllib_fits_needed'), 0)} | {num(v.get('mllib_extrapolated_s'), 0)} | "
              f"{num(v.get('speedup'), 0)} |")
    w("")
    w("### Single-node Python: scikit-learn churn, numpy LMG")
    w("")
    w("`bench/peers/pystack.py` (Debian's python3-sklearn, -numpy, -pandas) on the tables cx "
      "exported (csv). Churn: the same feature columns as cx's churn model and the same test "
      "customers (cx's hash split, reproduced with Spark's xxhash64, `bench/lib/xxhash64.py`); "
      "sklearn trains on all other labelled rows (cx keeps a calibration part out of its fit). "
      "Times are whole processes (interpreter start, csv reading, both models), as cx's are.")
    w("")
    w("| scale | journey | cx logit AUC | cx gbt AUC | sklearn logistic AUC | sklearn HGB AUC | "
      "sklearn best - cx best | train / test rows | cx churn job s | sklearn process s (fits s) |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    gaps = {}
    for s in scales:
        sc = per[s]
        pr = sc.pychurn
        if not pr:
            continue
        res = pr.get("result") or {}
        for journey, jr in (res.get("journeys") or {}).items():
            models = jr.get("models") or {}
            lr = models.get("logistic_regression", {}).get("test_auc")
            hgb = models.get("hist_gradient_boosting", {}).get("test_auc")
            cxa = sc.auc.get(journey, {})
            gap = None
            if cxa and (lr is not None or hgb is not None):
                gap = max(x for x in (lr, hgb) if x is not None) - max(cxa.values())
                gaps.setdefault(s, []).append(gap)
            fits = sum(v.get("fit_s", 0) for v in models.values())
            w(f"| SF{s} | {journey} | {num(cxa.get('logit'), 4)} | {num(cxa.get('gbt'), 4)} | "
              f"{num(lr, 4)} | {num(hgb, 4)} | {num(gap, 4)} | {jr.get('n_train')} / "
              f"{jr.get('n_test')} | {num(_ok_wall(sc.jobs['churn']))} | "
              f"{num(pr['wall_s'])} ({num(fits, 2)}) |")
    w("")
    w("| scale | numpy LMG process s | segments estimated | cx drivers job s |")
    w("|---|---|---|---|")
    for s in scales:
        sc = per[s]
        r = sc.pylmg
        if not r:
            continue
        segs = (r.get("result") or {}).get("segments") or {}
        est = sum(1 for v in segs.values() if v.get("estimated"))
        w(f"| SF{s} | {num(r['wall_s'])} (exit {r['rc']}) | {est} of {len(segs)} (ALL included) | "
          f"{num(_ok_wall(sc.jobs['drivers']))} |")
    w("")
    w("numpy LMG: the tp_ columns on satisfaction, survey-weighted pairwise correlations, 200 "
      "Poisson bootstrap replicates, ALL and each segment. The cx drivers job does more "
      "(both targets, relative weights, shap_gbt, metric thresholds, Delta output).")
    w("")
    w("**Crossover** (smallest scale where cx on 2 cores is faster than the Python stack, whole "
      "processes):")
    w("")
    for label, job, peer in [("churn: cx churn job vs scikit-learn", "churn", "pychurn"),
                             ("drivers: cx drivers job vs numpy LMG", "drivers", "pylmg")]:
        found = None
        for s in scales:
            cx_s = _ok_wall(per[s].jobs[job])
            pr = getattr(per[s], peer)
            if cx_s and pr and pr["rc"] == 0 and cx_s < pr["wall_s"]:
                found = s
                break
        w(f"- {label}: " + (f"SF{found}" if found else "does not happen at the scales run ("
                            + ", ".join(f"SF{s}" for s in scales) + ")"))
    w("")

    # Targets.
    rows = []

    def target(check, value, goal, ok):
        if value is None:
            rows.append((check, "not_run", goal, "miss"))
        else:
            rows.append((check, value, goal, "pass" if ok else "miss"))

    for sf, lim in [(1.0, 6), (4.0, 4)]:
        sc = by_value.get(sf)
        x = sc.x_floor(sc.pipeline) if sc else None
        target(f"pipeline_x_floor_sf{int(sf)}", None if x is None else f"{x:.2f}", f"<= {lim}",
               x is not None and x <= lim)
    sc4, sc16 = by_value.get(4.0), by_value.get(16.0)
    for j in JOBS:
        v = None
        if sc4 and sc16 and _ok_wall(sc4.jobs[j]) and _ok_wall(sc16.jobs[j]):
            v = _ok_wall(sc16.jobs[j]) / _ok_wall(sc4.jobs[j]) / 4.0
        target(f"scaling_{j}_sf4_sf16", None if v is None else f"{v:.2f}",
               "<= 1.2 (time ratio / data growth)", v is not None and v <= 1.2)
    gap_scale = next((s for s in reversed(scales) if s in gaps), None)
    gap = max(gaps[gap_scale]) if gap_scale else None
    target("churn_auc_sklearn_minus_cx", None if gap is None else f"{gap:.4f}", "<= 0.01",
           gap is not None and gap <= 0.01)
    speed = None
    for s in reversed(scales):
        r = per[s].lmg
        v = ((r or {}).get("lmgpeer") or {}).get("12", {}).get("speedup")
        if v is not None and r["rc"] == 0:
            speed = v
            break
    target("lmg_p12_speedup_vs_mllib", None if speed is None else f"{speed:.0f}", ">= 50",
           speed is not None and speed >= 50)
    if sc16 and (sc16.complete or sc16.failed):
        heap = max((r.get("peak_heap_mib") or 0) for r in sc16.jobs.values() if r)
        if sc16.complete:
            target("sf16_peak_heap_mib", f"{heap:.0f}", "completes with -Xmx4g", True)
        else:
            target("sf16_peak_heap_mib", f"failed: {sc16.failed['name']} exit {sc16.failed['rc']}",
                   "completes with -Xmx4g", False)
    else:
        target("sf16_peak_heap_mib", None, "completes with -Xmx4g", False)
    for j in JOBS:
        r = tiny[j]
        if r is None:
            target(f"fixed_cost_{j}_s", None, "<= 15", False)
        elif r["rc"] != 0:
            target(f"fixed_cost_{j}_s", f"failed: exit {r['rc']}", "<= 15", False)
        else:
            target(f"fixed_cost_{j}_s", f"{r['wall_s']:.1f}", "<= 15", r["wall_s"] <= FIXED_COST_S)
    v = as_float(verify) if verify else None
    target("mvn_verify_s", None if v is None else f"{v:.0f}", "<= 900", v is not None and v <= 900)

    w("## Targets")
    w("")
    w("| check | value | target | status |")
    w("|---|---|---|---|")
    for r in rows:
        w("| " + " | ".join(str(c) for c in r) + " |")
    w("")
    w("`not_run`: not measured in this run (scale not run, job failed before it, or `mvn -B "
      "verify` not timed: pass `--verify-seconds N`); such checks are written as `miss`. The "
      "churn and LMG checks use the largest scale where they were measured.")
    w("")
    with open(out_md, "w") as fh:
        fh.write("\n".join(md))
    with open(out_csv, "w", newline="") as fh:
        cw = csv.writer(fh, lineterminator="\n")
        cw.writerow(["check", "value", "target", "status"])
        cw.writerows(rows)


def _ok_wall(r):
    return r["wall_s"] if r and r["rc"] == 0 else None


if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], a[1], a[2], a[3], a[4] if len(a) > 4 else "")
