"""Reference scores for the model layer's quality tests, from scikit-learn.

Run from this folder with Debian's Python (scikit-learn 1.2.1, pandas 1.5.3):

    /usr/bin/python3 make_reference.py /work/shared/datasets [NAME ... | --coefficients]

(with names, only those datasets' entries are remade; takes ~8 minutes
for all on a loaded 2-core machine, mostly the saga L1 fits).

For every dataset of /work/shared/datasets/README.md that has a target it
writes quality/<name>_train.csv and quality/<name>_test.csv (the prepared
matrices: features, then the target as a class index or a value) and
records in quality/reference.json the scikit-learn test scores (accuracy or
R²) and 5-fold cross-validation bands of comparable models. The Go tests
fit the same matrices and compare.

Preparation (simple on purpose, documented in the Go tests too):
- drop the target's duplicate code column (`target` where `target_name` is
  the target), identifier-like text (`name`, `Name`) and rows whose target
  is missing;
- a date column becomes its year and month (numbers);
- split 75/25 with random_state=42, stratified for classification;
- numeric columns: median imputation; categorical (non-numeric) columns:
  most-frequent imputation then one-hot encoding of every level
  (handle_unknown='ignore');
- then standard scaling of every column (fitted on the training rows).
diamonds (53,940 rows) is subsampled to 6,000 rows (random_state=0) to keep
the fixture small.

Class labels are sorted (LabelEncoder order). Floats are written with
repr() so Go reads exactly the same numbers.

Also writes quality/categorical_<name>_{train,test}.csv for the all-
categorical datasets (ordinal codes fitted on all rows, so no code is
unseen) with CategoricalNB scores, and quality/coefficients.json with
weights of LinearRegression, Ridge, Lasso, ElasticNet and
LogisticRegression on two fixtures, for exact comparisons.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score, train_test_split
from sklearn.naive_bayes import CategoricalNB, GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

# name: (file, target, task, columns to drop)
DATASETS = {
    "iris": ("sk_iris.csv", "target_name", "clf", ["target"]),
    "wine": ("sk_wine.csv", "target_name", "clf", ["target"]),
    "breast_cancer": ("sk_breast_cancer.csv", "target_name", "clf", ["target"]),
    "diabetes": ("sk_diabetes.csv", "target", "reg", []),
    "penguins": ("penguins.csv", "species", "clf", []),
    "airquality": ("r_airquality.csv", "Ozone", "reg", []),
    "mtcars_mpg": ("r_mtcars.csv", "mpg", "reg", ["model"]),
    "mtcars_am": ("r_mtcars.csv", "am", "clf", ["model"]),
    "titanic": ("cardata_titanic.csv", "survived", "clf", ["name"]),
    "credit_g": ("weka_credit_g.csv", "class", "clf", []),
    "weka_diabetes": ("weka_diabetes.csv", "class", "clf", []),
    "pima_diabetes2": ("mlbench_pima_diabetes2.csv", "diabetes", "clf", []),
    "vote": ("weka_vote.csv", "Class", "clf", []),
    "soybean": ("weka_soybean.csv", "class", "clf", []),
    "weather_nominal": ("weka_weather_nominal.csv", "play", "clf", []),
    "diamonds": ("diamonds.csv", "price", "reg", []),
    "seattle_weather": ("vega_seattle_weather.csv", "weather", "clf", []),
    "cars_mpg": ("vega_cars.csv", "Miles_per_Gallon", "reg", ["Name"]),
}
DATE_COLUMNS = {"seattle_weather": "date", "cars_mpg": "Year"}
CATEGORICAL = ["vote", "soybean", "weather_nominal"]


def classifiers():
    return {
        "baseline": DummyClassifier(strategy="prior"),
        "logistic_l2": LogisticRegression(C=1.0, max_iter=1000),
        "logistic_l1": LogisticRegression(C=1.0, penalty="l1", solver="saga", max_iter=5000, random_state=0),
        "knn_uniform": KNeighborsClassifier(n_neighbors=5),
        "knn_distance_manhattan": KNeighborsClassifier(n_neighbors=5, weights="distance", p=1),
        "naive_bayes": GaussianNB(),
    }


def regressors():
    return {
        "baseline": DummyRegressor(strategy="mean"),
        "linear_none": LinearRegression(),
        "linear_l2": Ridge(alpha=1.0),
        "linear_l1": Lasso(alpha=0.1, max_iter=10000),
        "linear_elasticnet": ElasticNet(alpha=0.1, l1_ratio=0.5, max_iter=10000),
        "knn_uniform": KNeighborsRegressor(n_neighbors=5),
        "knn_distance_manhattan": KNeighborsRegressor(n_neighbors=5, weights="distance", p=1),
    }


def load(src, name):
    path, target, task, drop = DATASETS[name]
    df = pd.read_csv(os.path.join(src, path)).drop(columns=drop)
    df = df[df[target].notna()].reset_index(drop=True)
    if name == "diamonds":
        df = df.sample(n=6000, random_state=0).reset_index(drop=True)
    if name in DATE_COLUMNS:
        d = pd.to_datetime(df.pop(DATE_COLUMNS[name]))
        df["year"], df["month"] = d.dt.year, d.dt.month
    y = df.pop(target)
    return df, y, task


def preparer(X):
    num = [c for c in X.columns if pd.api.types.is_numeric_dtype(X[c])]
    cat = [c for c in X.columns if c not in num]
    steps = []
    if num:
        steps.append(("num", SimpleImputer(strategy="median"), num))
    if cat:
        steps.append(("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                                       ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False))]), cat))
    return Pipeline([("columns", ColumnTransformer(steps)), ("scale", StandardScaler())])


def write(path, X, y, names):
    with open(path, "w") as f:
        f.write(",".join(names + ["y"]) + "\n")
        for row, t in zip(X, y):
            f.write(",".join(repr(float(v)) for v in row) + "," + repr(float(t)) + "\n")


def reference(src, out, name):
    X, y, task = load(src, name)
    classes = None
    if task == "clf":
        classes = sorted(str(v) for v in y.unique())
        y = y.astype(str).map({c: i for i, c in enumerate(classes)})
    strat = y if task == "clf" else None
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=42, stratify=strat)
    prep = preparer(X)
    Ptr, Pte = prep.fit_transform(Xtr), prep.transform(Xte)
    names = [n.split("__", 1)[1].replace(",", ";") for n in prep.named_steps["columns"].get_feature_names_out()]
    write(os.path.join(out, name + "_train.csv"), Ptr, ytr, names)
    write(os.path.join(out, name + "_test.csv"), Pte, yte, names)
    models = classifiers() if task == "clf" else regressors()
    folds = (StratifiedKFold if task == "clf" else KFold)(n_splits=5, shuffle=True, random_state=42)
    scores, cv = {}, {}
    for key, m in models.items():
        m.fit(Ptr, ytr)
        scores[key] = float(m.score(Pte, yte))
        s = cross_val_score(Pipeline([("prep", preparer(X)), ("model", m)]), X, y, cv=folds)
        cv[key] = [float(s.mean()), float(s.std())]
    return {"task": task, "classes": classes, "train_rows": len(ytr), "test_rows": len(yte),
            "features": len(names), "test_score": scores, "cv_band": cv}


def categorical(src, out, name):
    X, y, _ = load(src, name)
    classes = sorted(str(v) for v in y.unique())
    y = y.astype(str).map({c: i for i, c in enumerate(classes)})
    X = X.astype(str).where(X.notna(), None)
    X = pd.DataFrame(SimpleImputer(strategy="most_frequent").fit_transform(X), columns=X.columns)
    codes = OrdinalEncoder().fit_transform(X)
    Xtr, Xte, ytr, yte = train_test_split(codes, y, test_size=0.25, random_state=42, stratify=y)
    names = [c.replace(",", ";") for c in X.columns]
    write(os.path.join(out, "categorical_" + name + "_train.csv"), Xtr, ytr, names)
    write(os.path.join(out, "categorical_" + name + "_test.csv"), Xte, yte, names)
    m = CategoricalNB(alpha=1.0, min_categories=(codes.max(axis=0) + 1).astype(int)).fit(Xtr, ytr)
    return {"classes": classes, "test_score": float(m.score(Xte, yte)),
            "test_proba_first_rows": m.predict_proba(Xte[:5]).tolist()}


def coefficients(out):
    res = {}
    tr = pd.read_csv(os.path.join(out, "diabetes_train.csv"))
    X, y = tr.drop(columns="y").values, tr["y"].values
    for key, m in regressors().items():
        if key.startswith("linear"):
            if key in ("linear_l1", "linear_elasticnet"):
                m.set_params(tol=1e-12, max_iter=1000000)
            m.fit(X, y)
            res["diabetes/" + key] = {"coef": [m.coef_.tolist()], "intercept": [float(m.intercept_)]}
    for name in ["breast_cancer", "iris", "wine"]:
        tr = pd.read_csv(os.path.join(out, name + "_train.csv"))
        X, y = tr.drop(columns="y").values, tr["y"].values
        for key in ["logistic_l2", "logistic_l1"]:
            m = classifiers()[key]
            if key == "logistic_l1":
                m.set_params(tol=1e-8, max_iter=100000)
            else:
                m.set_params(tol=1e-10, max_iter=100000)
            m.fit(X, y)
            res[name + "/" + key] = {"coef": m.coef_.tolist(), "intercept": m.intercept_.tolist()}
    return res


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets"
    out = "quality"
    os.makedirs(out, exist_ok=True)
    only = sys.argv[2:]
    if only == ["--coefficients"]:
        with open(os.path.join(out, "reference.json")) as f:
            ref = json.load(f)
        ref["coefficients"] = coefficients(out)
        with open(os.path.join(out, "reference.json"), "w") as f:
            json.dump(ref, f, indent=1, sort_keys=True)
        return
    ref = {"datasets": {}, "categorical_nb": {}}
    if only:
        with open(os.path.join(out, "reference.json")) as f:
            ref = json.load(f)
    ref.update({"sklearn": sklearn.__version__, "pandas": pd.__version__, "numpy": np.__version__,
                "command": "/usr/bin/python3 make_reference.py " + src})
    for name in only or DATASETS:
        ref["datasets"][name] = reference(src, out, name)
        print(name, ref["datasets"][name]["test_score"], file=sys.stderr)
    if not only:
        for name in CATEGORICAL:
            ref["categorical_nb"][name] = categorical(src, out, name)
        ref["coefficients"] = coefficients(out)
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
