"""Reference side of mbbench's model_linear tasks: scikit-learn 1.2 from
Debian's python3-sklearn.

Usage: python3 ref_model_linear.py TASK FILE. Like the Go side it reads the
file, keeps f0..f19 unscaled, trains on the first 80% of the rows and tests
on the last 20%, and prints one JSON line {"seconds", "note"}: seconds for
the whole task (reading included, as the Go worker's time is), the note
with the fit+predict time alone and the test score.
"""
import json
import sys
import time

import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier


def run(path, make, metric):
    df = pd.read_csv(path)
    X = df[["f%d" % j for j in range(20)]].to_numpy()
    y = df["y"].to_numpy()
    cut = len(y) * 8 // 10
    start = time.perf_counter()
    m = make().fit(X[:cut], y[:cut])
    score = m.score(X[cut:], y[cut:])
    return "fit+predict %.3f s; %s %.4f" % (time.perf_counter() - start, metric, score)


TASKS = {
    "model/logistic-100k": lambda p: run(p, lambda: LogisticRegression(C=1.0), "accuracy"),
    "model/knn-100k": lambda p: run(p, lambda: KNeighborsClassifier(n_neighbors=5, n_jobs=2), "accuracy"),
    "model/naive-bayes-100k": lambda p: run(p, GaussianNB, "accuracy"),
    "model/linear-reg100k": lambda p: run(p, LinearRegression, "R2"),
}

if __name__ == "__main__":
    task, path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    note = TASKS[task](path)
    print(json.dumps({"seconds": time.perf_counter() - start, "note": note}))
