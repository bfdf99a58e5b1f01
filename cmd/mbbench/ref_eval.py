"""Reference side of mbbench's eval tasks: scikit-learn 1.2 from Debian's
python3-sklearn, doing what task_eval.go does.

The setup reads the file (and, for permutation importance, fits the
pipeline on the first 80% of the rows); the note gives the result both
sides should agree on. See ref_common.py.
"""
import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve
from sklearn.compose import ColumnTransformer
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from ref_common import main

NUM = ["f%d" % j for j in range(20)]


def pipeline():
    pre = ColumnTransformer([("num", StandardScaler(), NUM), ("cat", OneHotEncoder(), ["cat_a", "cat_b"])])
    return make_pipeline(pre, LogisticRegression(C=1.0))


def metrics_1m(df):
    y = df.y.to_numpy()
    s = 1 / (1 + np.exp(-(df.f0.to_numpy() + df.f1.to_numpy())))
    pred = (s >= 0.5).astype(int)
    proba = np.column_stack([1 - s, s])
    out = {}
    for name, fn in [("accuracy", lambda: skm.accuracy_score(y, pred)),
                     ("balanced_accuracy", lambda: skm.balanced_accuracy_score(y, pred)),
                     ("f1", lambda: skm.f1_score(y, pred)), ("mcc", lambda: skm.matthews_corrcoef(y, pred)),
                     ("kappa", lambda: skm.cohen_kappa_score(y, pred)),
                     ("f1_macro", lambda: skm.f1_score(y, pred, average="macro")),
                     ("roc_auc", lambda: skm.roc_auc_score(y, s)),
                     ("average_precision", lambda: skm.average_precision_score(y, s)),
                     ("log_loss", lambda: skm.log_loss(y, proba)), ("brier", lambda: skm.brier_score_loss(y, s))]:
        out[name] = fn()
    fpr, _, _ = skm.roc_curve(y, s)
    _, rec, _ = skm.precision_recall_curve(y, s)
    cal, _ = calibration_curve(y, s, n_bins=10)
    return "auc %.4f ap %.4f logloss %.4f; %d roc, %d pr points, %d bins" % (
        out["roc_auc"], out["average_precision"], out["log_loss"], len(fpr), len(rec), len(cal))


def cv_100k(df):
    X, y = df.drop(columns="y"), df.y
    res = cross_validate(pipeline(), X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0),
                         scoring=["accuracy", "roc_auc", "neg_log_loss"], n_jobs=2)
    a = res["test_accuracy"]
    return "accuracy %.4f ± %.4f, auc %.4f" % (a.mean(), a.std(), res["test_roc_auc"].mean())


def fitted_80(path):
    df = pd.read_csv(path)
    cut = len(df) * 8 // 10
    X, y = df.drop(columns="y"), df.y
    return pipeline().fit(X[:cut], y[:cut]), X[cut:], y[cut:]


def permutation_100k(s):
    model, X, y = s
    r = permutation_importance(model, X, y, scoring="accuracy", n_repeats=5, random_state=0, n_jobs=2)
    top = int(np.argmax(r.importances_mean))
    return "top %s %.4f ± %.4f" % (X.columns[top], r.importances_mean[top], r.importances_std[top])


TASKS = {
    "eval/metrics-1m": (pd.read_csv, metrics_1m),
    "eval/cv5-logistic-100k": (pd.read_csv, cv_100k),
    "eval/permutation-100k": (fitted_80, permutation_100k),
}

if __name__ == "__main__":
    main(TASKS)
