"""Reference numbers for the tree learners, from scikit-learn 1.2.1.

Run from the repository root with Debian's Python (pandas 1.5.3,
scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 workflow/model/tree/testdata/make_reference.py [quality] [seeds] [exact]

(no argument makes all three; quality takes about 40 minutes on a busy
2-core machine, seeds a few minutes and exact a few seconds; seeds adds to
the quality.json that quality wrote).

It writes, under workflow/model/tree/testdata/:
  quality/<case>.csv  the prepared matrix of every dataset of
                      /work/shared/datasets that has a target: the feature
                      columns, then "y" (class index or value), "test"
                      (1 for the test rows) and "fold" (0-4, for 5-fold
                      cross-validation over all rows)
  quality.json        per case: task, classes, and for each learner the
                      test score and the 5-fold CV mean and std of
                      scikit-learn's equivalent (accuracy or R²); for the
                      forest also its out-of-bag score and the mean test
                      score over random_state 0..4 ("test_seed_mean"),
                      since one forest's score varies with its seed
  exact.json          node arrays of small trees, cost-complexity pruning
                      results and gradient-boosting probabilities, for
                      tests that compare structure and numbers directly

Preparation (simple and documented, the same for every dataset): drop rows
whose target is missing; drop the duplicate code column "target" where the
target is "target_name" and the name columns (titanic "name", mtcars
"model", cars "Name"); turn date columns into year and month numbers;
booleans become 0/1; other text columns are categorical: missing values
become the most frequent level of the training rows, then one-hot
encoding with one column per level; numeric missing values become the
median of the training rows. No scaling (trees do not need it). Split:
25% test, random_state=42, stratified for classification. Diamonds is
sampled down to 6000 rows (random_state=0) to keep the fixture small.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import (HistGradientBoostingClassifier,
                              HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score, train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

DATA = "/work/shared/datasets"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)))

# case name: (file, target, task, columns to drop, row sample)
CASES = {
    "iris": ("sk_iris.csv", "target_name", "classification", ["target"], None),
    "wine": ("sk_wine.csv", "target_name", "classification", ["target"], None),
    "breast_cancer": ("sk_breast_cancer.csv", "target_name", "classification", ["target"], None),
    "diabetes": ("sk_diabetes.csv", "target", "regression", [], None),
    "penguins": ("penguins.csv", "species", "classification", [], None),
    "airquality": ("r_airquality.csv", "Ozone", "regression", [], None),
    "mtcars_mpg": ("r_mtcars.csv", "mpg", "regression", ["model"], None),
    "mtcars_am": ("r_mtcars.csv", "am", "classification", ["model"], None),
    "titanic": ("cardata_titanic.csv", "survived", "classification", ["name"], None),
    "credit_g": ("weka_credit_g.csv", "class", "classification", [], None),
    "weka_diabetes": ("weka_diabetes.csv", "class", "classification", [], None),
    "pima_diabetes2": ("mlbench_pima_diabetes2.csv", "diabetes", "classification", [], None),
    "vote": ("weka_vote.csv", "Class", "classification", [], None),
    "soybean": ("weka_soybean.csv", "class", "classification", [], None),
    "weather_nominal": ("weka_weather_nominal.csv", "play", "classification", [], None),
    "diamonds": ("diamonds.csv", "price", "regression", [], 6000),
    "seattle_weather": ("vega_seattle_weather.csv", "weather", "classification", [], None),
    "cars_mpg": ("vega_cars.csv", "Miles_per_Gallon", "regression", ["Name"], None),
}


def prepare(file, target, task, drop, sample):
    df = pd.read_csv(os.path.join(DATA, file))
    if sample:
        df = df.sample(n=sample, random_state=0).reset_index(drop=True)
    df = df.drop(columns=drop)
    df = df[df[target].notna()].reset_index(drop=True)
    y_raw = df.pop(target)
    if task == "classification":
        classes = sorted(y_raw.astype(str).unique())
        y = y_raw.astype(str).map({c: i for i, c in enumerate(classes)}).to_numpy(float)
        stratify = y
    else:
        classes = None
        y = y_raw.to_numpy(float)
        stratify = None
    idx = np.arange(len(df))
    train, test = train_test_split(idx, test_size=0.25, random_state=42, stratify=stratify)
    is_test = np.zeros(len(df), dtype=int)
    is_test[test] = 1
    cols = {}
    for name in df.columns:
        col = df[name]
        if col.dtype == bool:
            cols[name] = col.astype(float)
            continue
        if col.dtype == object:
            dates = pd.to_datetime(col, errors="coerce")
            if dates.notna().mean() > 0.95:
                cols[name + "_year"] = dates.dt.year.astype(float)
                cols[name + "_month"] = dates.dt.month.astype(float)
                continue
            mode = col.iloc[train].mode().iloc[0]
            col = col.fillna(mode).astype(str)
            for level in sorted(col.unique()):
                cols[name + "=" + level] = (col == level).astype(float)
            continue
        cols[name] = col.astype(float)
    X = pd.DataFrame(cols)
    for name in X.columns:
        if X[name].isna().any():
            X[name] = X[name].fillna(X[name].iloc[train].median())
    if task == "classification":
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    else:
        folds = KFold(n_splits=5, shuffle=True, random_state=0)
    fold = np.zeros(len(df), dtype=int)
    for k, (_, part) in enumerate(folds.split(X, stratify if stratify is not None else y)):
        fold[part] = k
    return X, y, classes, is_test, fold, folds


def learners(task):
    if task == "classification":
        return {
            "tree": DecisionTreeClassifier(random_state=0),
            "forest": RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=2),
            "gbt": HistGradientBoostingClassifier(random_state=0),
        }
    return {
        "tree": DecisionTreeRegressor(random_state=0),
        "forest": RandomForestRegressor(n_estimators=100, random_state=0, n_jobs=2),
        "gbt": HistGradientBoostingRegressor(random_state=0),
    }


def quality():
    os.makedirs(os.path.join(OUT, "quality"), exist_ok=True)
    report = {"sklearn": sklearn.__version__, "cases": {}}
    for case, (file, target, task, drop, sample) in CASES.items():
        X, y, classes, is_test, fold, folds = prepare(file, target, task, drop, sample)
        out = X.copy()
        out["y"], out["test"], out["fold"] = y, is_test, fold
        out.to_csv(os.path.join(OUT, "quality", case + ".csv"), index=False)
        tr, te = is_test == 0, is_test == 1
        entry = {"task": task, "classes": classes, "rows": len(y), "test_rows": int(te.sum()), "scores": {}}
        for name, est in learners(task).items():
            est.fit(X[tr], y[tr])
            cv = cross_val_score(est, X, y, cv=folds)
            entry["scores"][name] = {"test": est.score(X[te], y[te]), "cv_mean": cv.mean(), "cv_std": cv.std()}
            if name == "forest":
                est.set_params(oob_score=True).fit(X[tr], y[tr])
                entry["scores"][name]["oob"] = est.oob_score_
        report["cases"][case] = entry
        print(case, {k: round(v["test"], 4) for k, v in entry["scores"].items()}, file=sys.stderr)
    with open(os.path.join(OUT, "quality.json"), "w") as f:
        json.dump(report, f, indent=1)


SEEDS = 5


def seeds():
    path = os.path.join(OUT, "quality.json")
    with open(path) as f:
        report = json.load(f)
    for case, (file, target, task, drop, sample) in CASES.items():
        X, y, classes, is_test, fold, folds = prepare(file, target, task, drop, sample)
        tr, te = is_test == 0, is_test == 1
        est = learners(task)["forest"]
        scores = [est.set_params(random_state=r).fit(X[tr], y[tr]).score(X[te], y[te]) for r in range(SEEDS)]
        report["cases"][case]["scores"]["forest"]["test_seed_mean"] = float(np.mean(scores))
        print(case, "forest over seeds", round(float(np.mean(scores)), 4), file=sys.stderr)
    with open(path, "w") as f:
        json.dump(report, f, indent=1)


def tree_arrays(est):
    t = est.tree_
    value = t.value[:, 0, :]
    if value.shape[1] > 1:
        value = value / value.sum(axis=1, keepdims=True)
    return {"feature": t.feature.tolist(), "threshold": t.threshold.tolist(),
            "left": t.children_left.tolist(), "right": t.children_right.tolist(),
            "value": value.ravel().tolist(), "samples": t.n_node_samples.tolist(),
            "impurity": t.impurity.tolist()}


def exact():
    out = {"trees": [], "pruning": [], "gbt": []}
    X, y, _, is_test, _, _ = prepare(*CASES["breast_cancer"])
    tr = is_test == 0
    for crit in ["gini", "entropy"]:
        est = DecisionTreeClassifier(criterion=crit, max_depth=4, random_state=0).fit(X[tr], y[tr])
        out["trees"].append({"case": "breast_cancer", "criterion": crit, "max_depth": 4, "min_samples_leaf": 1,
                             "tree": tree_arrays(est), "importances": est.feature_importances_.tolist()})
    est = DecisionTreeClassifier(min_samples_leaf=5, random_state=0).fit(X[tr], y[tr])
    path = est.cost_complexity_pruning_path(X[tr], y[tr])
    alphas = path.ccp_alphas
    checks = []
    for a, b in zip(alphas[-8:-1], alphas[-7:]):
        mid = (a + b) / 2
        pruned = DecisionTreeClassifier(min_samples_leaf=5, random_state=0, ccp_alpha=mid).fit(X[tr], y[tr])
        checks.append({"alpha": mid, "leaves": int(pruned.get_n_leaves()),
                       "test_predictions": pruned.predict(X[is_test == 1]).tolist()})
    out["pruning"].append({"case": "breast_cancer", "min_samples_leaf": 5, "checks": checks,
                           "path_alphas": alphas[-10:].tolist(), "path_impurities": path.impurities[-10:].tolist()})

    X, y, _, is_test, _, _ = prepare(*CASES["diabetes"])
    tr = is_test == 0
    est = DecisionTreeRegressor(max_depth=3, min_samples_leaf=10, random_state=0).fit(X[tr], y[tr])
    out["trees"].append({"case": "diabetes", "criterion": "squared_error", "max_depth": 3, "min_samples_leaf": 10,
                         "tree": tree_arrays(est), "importances": est.feature_importances_.tolist()})

    X, y, _, is_test, _, _ = prepare(*CASES["breast_cancer"])
    mapper = _BinMapper(n_bins=256).fit(X[is_test == 0].to_numpy())
    out["bins"] = {"case": "breast_cancer", "max_bins": 255,
                   "thresholds": [t.tolist() for t in mapper.bin_thresholds_]}
    mapper = _BinMapper(n_bins=17).fit(X[is_test == 0].to_numpy())
    out["bins16"] = {"case": "breast_cancer", "max_bins": 16,
                     "thresholds": [t.tolist() for t in mapper.bin_thresholds_]}

    for case, cls in [("breast_cancer", HistGradientBoostingClassifier),
                      ("wine", HistGradientBoostingClassifier),
                      ("diabetes", HistGradientBoostingRegressor)]:
        X, y, _, is_test, _, _ = prepare(*CASES[case])
        tr, te = is_test == 0, is_test == 1
        est = cls(max_iter=20, early_stopping=False, random_state=0).fit(X[tr], y[tr])
        pred = est.predict_proba(X[te]) if hasattr(est, "predict_proba") else est.predict(X[te])
        out["gbt"].append({"case": case, "max_iter": 20, "test_output": np.asarray(pred).ravel().tolist()})
    with open(os.path.join(OUT, "exact.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    parts = sys.argv[1:] or ["quality", "seeds", "exact"]
    if "quality" in parts:
        quality()
    if "seeds" in parts:
        seeds()
    if "exact" in parts:
        exact()
