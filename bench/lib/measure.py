"""What bench/run measures, turned into JSON records (one per line, appended to the run's
results.jsonl), and the config it runs with. Python 3 standard library only.

  measure.py config SRC DST WAREHOUSE [EVENTLOG_DIR]
      DST = cx.yaml SRC as a user would run it: `spark:` keeps only `master: local[2]` (every
      other setting cx generate wrote is dropped), warehouse replaced; with EVENTLOG_DIR, Spark's
      event log is switched on into it (instrumentation only).
  measure.py inputs CX_YAML          prints surveys=PATH events=PATH customers=PATH
  measure.py enddate CX_YAML         the last date of the generated data (default 2024-06-30)
  measure.py record RESULTS KIND SCALE NAME RC WALL_S DIR [key=value...]
      appends {kind, scale, name, rc, wall_s, ...} with what DIR holds: stdout.log (the cx job
      summary line, export row counts, LmgPeer lines), time.txt (/usr/bin/time -v: peak RSS),
      gc.log (peak heap), eventlog/ (Spark jobs, tasks, shuffle bytes), result.json (pystack).
"""

import json
import os
import re
import sys

GC_PAUSE = re.compile(r"(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
HEAP_EXIT = re.compile(r"heap.*used (\d+)K")
UNIT = {"K": 1 / 1024, "M": 1, "G": 1024}
JOB_LINE = re.compile(
    r"^cx (\w+) (\S+): (\w+) in ([\d.]+) s \(read (\d+), written (\d+), rejected (\d+)\)")


def rewrite_config(src, dst, warehouse, eventlog=None):
    out, skipping = [], False
    for line in open(src):
        if skipping:
            if line.startswith((" ", "\t")) or not line.strip():
                continue
            skipping = False
        if re.match(r"^spark:", line):
            skipping = True
            continue
        if re.match(r"^warehouse:", line):
            line = f'warehouse: "{warehouse}"\n'
        out.append(line)
    out.append("spark:\n  master: local[2]\n")
    if eventlog:
        out.append('  eventLog.enabled: "true"\n')
        out.append(f'  eventLog.dir: "file://{os.path.abspath(eventlog)}"\n')
    with open(dst, "w") as fh:
        fh.writelines(out)


def inputs(cfg):
    paths = {}
    for line in open(cfg):
        m = re.match(r'^\s+(surveys|events|customers):\s*\{path:\s*"([^"]+)"', line)
        if m:
            paths[m.group(1)] = m.group(2)
    return " ".join(f"{k}={v}" for k, v in paths.items())


def end_date(cfg):
    m = re.search(r"data up to (\d{4}-\d{2}-\d{2})", open(cfg).read())
    return m.group(1) if m else "2024-06-30"


def peak_heap_mib(path):
    if not os.path.exists(path):
        return None
    peak = None
    for line in open(path, errors="replace"):
        m = GC_PAUSE.search(line)
        if m:
            before = float(m.group(1)) * UNIT[m.group(2)]
            peak = before if peak is None else max(peak, before)
        m = HEAP_EXIT.search(line)
        if m:
            used = int(m.group(1)) / 1024
            peak = used if peak is None else max(peak, used)
    return round(peak, 1) if peak is not None else None


def peak_rss_mib(path):
    if not os.path.exists(path):
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return round(int(m.group(1)) / 1024, 1) if m else None


def event_log(folder):
    """Spark jobs, tasks and shuffle bytes (read: remote + local, written) over every log in it."""
    if not os.path.isdir(folder):
        return {}
    jobs = tasks = read = written = 0
    files = 0
    for name in sorted(os.listdir(folder)):
        files += 1
        with open(os.path.join(folder, name), errors="replace") as fh:
            for line in fh:
                if '"Event":"SparkListenerJobStart"' in line:
                    jobs += 1
                elif '"Event":"SparkListenerTaskEnd"' in line:
                    tasks += 1
                    metrics = json.loads(line).get("Task Metrics") or {}
                    r = metrics.get("Shuffle Read Metrics") or {}
                    w = metrics.get("Shuffle Write Metrics") or {}
                    read += r.get("Remote Bytes Read", 0) + r.get("Local Bytes Read", 0)
                    written += w.get("Shuffle Bytes Written", 0)
    return {"spark_jobs": jobs, "tasks": tasks, "shuffle_read_bytes": read,
            "shuffle_write_bytes": written, "event_logs": files}


def stdout_facts(path):
    facts = {}
    if not os.path.exists(path):
        return facts
    for line in open(path, errors="replace"):
        m = JOB_LINE.match(line)
        if m:
            facts.update(status=m.group(3), job_s=float(m.group(4)), rows_read=int(m.group(5)),
                         rows_written=int(m.group(6)), rows_rejected=int(m.group(7)))
        m = re.match(r"^cx export: (\d+) rows", line)
        if m:
            facts["rows_written"] = int(m.group(1))
        m = re.match(r"^lmgpeer p=(\d+) (\w+)=(\S+)", line)
        if m:
            facts.setdefault("lmgpeer", {}).setdefault(m.group(1), {})[m.group(2)] = float(m.group(3))
        m = re.match(r"^floor (.+): ([\d.]+) s", line)
        if m:
            facts.setdefault("floor_steps", {})[m.group(1)] = float(m.group(2))
        m = re.match(r"^cx generate: (\d+) customers, (\d+) responses \((\d+) survey rows\), (\d+) events", line)
        if m:
            facts.update(customers=int(m.group(1)), responses=int(m.group(2)),
                         survey_rows=int(m.group(3)), events=int(m.group(4)))
    return facts


def record(results, kind, scale, name, rc, wall, folder, extra):
    rec = {"kind": kind, "scale": scale, "name": name, "rc": int(rc), "wall_s": float(wall),
           "dir": folder}
    rec.update(stdout_facts(os.path.join(folder, "stdout.log")))
    rec["peak_heap_mib"] = peak_heap_mib(os.path.join(folder, "gc.log"))
    rec["peak_rss_mib"] = peak_rss_mib(os.path.join(folder, "time.txt"))
    rec.update(event_log(os.path.join(folder, "eventlog")))
    err = os.path.join(folder, "stderr.log")
    if os.path.exists(err):
        text = open(err, errors="replace").read()
        rec["rebuilt_jar"] = "building the jobs jar" in text
        if int(rc) != 0:
            rec["error_tail"] = text.strip().splitlines()[-5:]
    res = os.path.join(folder, "result.json")
    if os.path.exists(res):
        rec["result"] = json.load(open(res))
    for kv in extra:
        k, v = kv.split("=", 1)
        rec[k] = v
    with open(results, "a") as fh:
        fh.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    a = sys.argv[1:]
    if a[0] == "config":
        rewrite_config(a[1], a[2], a[3], a[4] if len(a) > 4 else None)
    elif a[0] == "inputs":
        print(inputs(a[1]))
    elif a[0] == "enddate":
        print(end_date(a[1]))
    elif a[0] == "record":
        record(a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8:])
    else:
        sys.exit(__doc__)
