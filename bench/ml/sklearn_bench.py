#!/usr/bin/env python3
"""scikit-learn side of bench/ml/run.ts: trains and scores on the CSVs run.ts wrote, prints one JSON
object on stdout (progress on stderr). Same protocol as the PhantomNet side, so the ratios are fair."""
import argparse
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest, RandomForestClassifier


def log(msg):
    print(f"[sklearn] {msg}", file=sys.stderr, flush=True)


def load(path):
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    return np.ascontiguousarray(d[:, :-1]), d[:, -1].astype(np.int64)


def latency(fn, rows, n):
    times = []
    for i in range(n):
        x = rows[i % len(rows)].reshape(1, -1)
        t = time.perf_counter()
        fn(x)
        times.append((time.perf_counter() - t) * 1000.0)
    times.sort()
    return {"p50_ms": times[len(times) // 2], "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--trees", type=int, default=200)
    ap.add_argument("--iso-trees", type=int, default=100)
    ap.add_argument("--single", type=int, default=200)
    a = ap.parse_args()
    xtr, ytr = load(a.train)
    xte, yte = load(a.test)
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "rf": {}, "iso": {}}
    for jobs in (1, 2):
        log(f"RandomForestClassifier n_estimators={a.trees} n_jobs={jobs}: fitting")
        rf = RandomForestClassifier(n_estimators=a.trees, n_jobs=jobs, random_state=0)
        t = time.perf_counter()
        rf.fit(xtr, ytr)
        fit_s = time.perf_counter() - t
        t = time.perf_counter()
        proba = rf.predict_proba(xte)
        batch_s = time.perf_counter() - t
        acc = float((rf.classes_[proba.argmax(axis=1)] == yte).mean())
        lat = latency(rf.predict_proba, xte, a.single)
        out["rf"][str(jobs)] = {"fit_s": fit_s, "accuracy": acc, "batch_rows_per_s": len(xte) / batch_s, **lat}
        log(f"  fit {fit_s:.1f}s accuracy {acc:.4f}")
    log(f"IsolationForest n_estimators={a.iso_trees}: fitting")
    iso = IsolationForest(n_estimators=a.iso_trees, random_state=0)
    t = time.perf_counter()
    iso.fit(xtr)
    fit_s = time.perf_counter() - t
    t = time.perf_counter()
    iso.score_samples(xte)
    batch_s = time.perf_counter() - t
    lat = latency(iso.score_samples, xte, a.single)
    out["iso"] = {"fit_s": fit_s, "batch_rows_per_s": len(xte) / batch_s, **lat}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
