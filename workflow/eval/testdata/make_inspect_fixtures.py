"""Model-inspection references for workflow/eval, computed with scikit-learn.

Run from this folder with Debian's Python (scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 make_inspect_fixtures.py > inspect.json

It writes two small synthetic data sets (inspect_reg.csv, inspect_clf.csv), fits on all
rows the same model Modelbench fits (one-hot encoding of the category,
then LinearRegression or LogisticRegression solved by newton-cg), and
records sklearn.inspection.partial_dependence (kind="both") and
sklearn.inspection.permutation_importance for them.
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy.stats.mstats import mquantiles
from sklearn.compose import ColumnTransformer
from sklearn.inspection import partial_dependence, permutation_importance
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder


def frame(rng, n):
    df = pd.DataFrame({
        "x0": np.round(rng.normal(size=n), 6),
        "x1": rng.integers(0, 11, n).astype(float),  # 11 distinct values: a grid of its own values
        "x2": np.round(rng.normal(5, 2, n), 6),      # not used by the truth
        "x3": rng.choice(["a", "b", "c"], n),
    })
    return df


def model_for(estimator):
    pre = ColumnTransformer([("cat", OneHotEncoder(drop="first"), ["x3"])], remainder="passthrough")
    return make_pipeline(pre, estimator)


def pd_case(model, X, feature, categorical, ice_rows):
    r = partial_dependence(model, X, [feature], kind="both", grid_resolution=20,
                           categorical_features=[feature] if categorical else None)
    return {"feature": feature, "values": [v.item() if hasattr(v, "item") else v for v in r["values"][0]],
            "average": r["average"].tolist(), "individual": r["individual"][:, ice_rows, :].tolist()}


def main():
    rng = np.random.default_rng(3)
    n = 600
    effect = {"a": 0.0, "b": 2.0, "c": -1.5}
    reg = frame(rng, n)
    reg["y"] = np.round(3 * reg.x0 + 0.5 * reg.x1 + reg.x3.map(effect) + rng.normal(size=n), 6)
    reg.to_csv("inspect_reg.csv", index=False)
    clf = frame(rng, n)
    z = 1.5 * clf.x0 - 0.3 * (clf.x1 - 5) + clf.x3.map(effect) + rng.normal(size=n)
    clf["y"] = np.where(z > 0, "yes", "no")
    clf.to_csv("inspect_clf.csv", index=False)

    X, y = reg.drop(columns="y"), reg.y
    lin = model_for(LinearRegression()).fit(X, y)
    ice = [0, 1, 2, 3, 4]
    out = {"ice_rows": ice, "reg": {
        "pd": [pd_case(lin, X, "x0", False, ice), pd_case(lin, X, "x1", False, ice), pd_case(lin, X, "x3", True, ice)],
        "mquantiles_x0": mquantiles(X.x0, prob=[0.05, 0.95]).tolist(),
    }}
    imp = permutation_importance(lin, X, y, scoring="r2", n_repeats=40, random_state=0)
    out["reg"]["importance"] = {"columns": list(X.columns), "mean": imp.importances_mean.tolist(),
                                "std": imp.importances_std.tolist(), "repeats": 40}

    X, y = clf.drop(columns="y"), clf.y
    log = model_for(LogisticRegression(solver="newton-cg", tol=1e-12, max_iter=10000)).fit(X, y)
    out["clf"] = {"pd": [pd_case(log, X, "x0", False, ice), pd_case(log, X, "x3", True, ice)]}
    imp = permutation_importance(log, X, y, scoring="neg_log_loss", n_repeats=40, random_state=0)
    out["clf"]["importance"] = {"columns": list(X.columns), "mean": imp.importances_mean.tolist(),
                                "std": imp.importances_std.tolist(), "repeats": 40}
    json.dump(out, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
