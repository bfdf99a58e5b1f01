"""Reference side of mbbench's model_trees tasks: scikit-learn 1.2 from
Debian's python3-sklearn.

Usage: python3 ref_model_trees.py TASK FILE. Like the Go side it reads the
file, keeps f0..f19, trains on the first 80% of the rows and tests on the
last 20%, and prints one JSON line {"seconds", "note"}: seconds for the
whole task (reading included, as the Go worker's time is), the note with
the fit+predict time alone and the test accuracy.
"""
import json
import sys
import time

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier


def run(path, make):
    df = pd.read_csv(path)
    X = df[["f%d" % j for j in range(20)]].to_numpy()
    y = df["y"].to_numpy()
    cut = len(y) * 8 // 10
    start = time.perf_counter()
    m = make().fit(X[:cut], y[:cut])
    score = m.score(X[cut:], y[cut:])
    return "fit+predict %.3f s; accuracy %.4f" % (time.perf_counter() - start, score)


TASKS = {
    "model/tree-100k": lambda p: run(p, lambda: DecisionTreeClassifier(random_state=0)),
    "model/forest-100k": lambda p: run(p, lambda: RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=0)),
    "model/gbt-100k": lambda p: run(p, lambda: HistGradientBoostingClassifier(random_state=0)),
}

if __name__ == "__main__":
    task, path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    note = TASKS[task](path)
    print(json.dumps({"seconds": time.perf_counter() - start, "note": note}))
