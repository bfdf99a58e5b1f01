"""Reference side of mbbench's model_trees tasks: scikit-learn 1.2 from
Debian's python3-sklearn. Like the Go side the setup reads the file, keeps
f0..f19 and cuts it into the first 80% of the rows for training and the
last 20% for testing; the work is fit and score. For model/forest-size the
setup fits the forest and saves it with joblib (compress=3, the file
compared, and compress=0); the work is joblib.load of the compress=3 file.
See ref_common.py.
"""
import os
import shutil
import tempfile
import time

import joblib
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

from ref_common import main
from ref_model_linear import fit_score, split

def saved_forest(path):
    X, y, Xt, yt = split(path)
    m = RandomForestClassifier(n_estimators=100, random_state=0).fit(X, y)
    d = tempfile.mkdtemp(prefix="mbbench-forest")
    files = {}
    for c in (3, 0):
        files[c] = os.path.join(d, "forest%d.joblib" % c)
        joblib.dump(m, files[c], compress=c)
    start = time.perf_counter()
    joblib.load(files[0])
    load0 = time.perf_counter() - start
    return d, files, load0


def load_forest(s):
    d, files, load0 = s
    joblib.load(files[3])
    sizes = {c: os.path.getsize(f) for c, f in files.items()}
    shutil.rmtree(d)
    return ("%.1f MB with compress=3 (compress=0: %.1f MB, loaded in %.3f s)" % (sizes[3] / 1e6, sizes[0] / 1e6, load0),
            sizes[3])


TASKS = {
    "model/tree-100k": (split, fit_score(lambda: DecisionTreeClassifier(random_state=0), "accuracy")),
    "model/forest-100k": (split, fit_score(
        lambda: RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=0), "accuracy")),
    "model/gbt-100k": (split, fit_score(lambda: HistGradientBoostingClassifier(random_state=0), "accuracy")),
    "model/forest-size": (saved_forest, load_forest),
}

if __name__ == "__main__":
    main(TASKS)
