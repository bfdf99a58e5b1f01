"""Checks that package synth's tables behave like scikit-learn's
make_classification / make_regression ones (the reference README's scores)
and records the results with the SHA-256 of the files measured.

Made with (from the repository root):
    /usr/bin/python3 workflow/synth/testdata/quality.py > workflow/synth/testdata/quality.json

Uses Debian's python3-sklearn 1.2.1 and pandas 1.5.3. The Go test
TestWrite_MatchesMeasuredFiles regenerates the same specs and compares the
hashes, so the scores below stay tied to the generator's exact output.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

ROWS, SEED = 100_000, 42


def generate(task, path):
    subprocess.run(["go", "run", "./workflow/synth/testdata/gen", "-task", task,
                    "-rows", str(ROWS), "-seed", str(SEED), path], check=True)
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def features(df):
    return df[["f%d" % i for i in range(20)]].to_numpy()


def classification(path):
    df = pd.read_csv(path)
    X, y = features(df), df["y"].to_numpy()
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=42)
    out = {"rank": int(np.linalg.matrix_rank(X)), "class1_share": float(y.mean())}
    for name, m in [("logistic", LogisticRegression(max_iter=1000)),
                    ("tree", DecisionTreeClassifier(random_state=42)),
                    ("hist_gb", HistGradientBoostingClassifier(random_state=42))]:
        out[name + "_accuracy"] = float(m.fit(Xtr, ytr).score(Xte, yte))
    return out


def regression(path):
    df = pd.read_csv(path)
    X, y = features(df), df["y"].to_numpy()
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=42)
    lr = LinearRegression().fit(Xtr, ytr)
    return {"rank": int(np.linalg.matrix_rank(X)), "linear_r2": float(lr.score(Xte, yte)),
            "nonzero_coefs": int((np.abs(lr.coef_) > 1.0).sum())}


def main():
    tmp = tempfile.mkdtemp()
    result = {"rows": ROWS, "seed": SEED}
    for task, fn in [("clf", classification), ("reg", regression)]:
        path = os.path.join(tmp, task + ".csv")
        sha = generate(task, path)
        result[task] = dict(sha256=sha, **fn(path))
        os.remove(path)
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
