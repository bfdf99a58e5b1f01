"""Cross-validation references for workflow/eval, computed with scikit-learn.

Run from this folder with Debian's Python (scikit-learn 1.2.1, pandas 1.5.3):

    /usr/bin/python3 make_cv_fixtures.py > cv.json

It writes three small CSV files derived from /work/shared/datasets
(penguins.csv as is; the first ten features of sk_breast_cancer.csv; the
diabetes features rounded to 8 decimals) and, for each, the folds of
StratifiedKFold / KFold (shuffle=True, random_state=0) and what
sklearn.model_selection.cross_validate and cross_val_predict give on
exactly those folds with a preparation pipeline fitted inside each fold,
and GridSearchCV's mean_test_score for a grid over C on the same folds.
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_val_predict, cross_validate
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SRC = "/work/shared/datasets/"

CLF_SCORERS = {"accuracy": "accuracy", "balanced_accuracy": "balanced_accuracy",
               "f1_macro": "f1_macro", "log_loss": "neg_log_loss", "mcc": "matthews_corrcoef"}


def folds_of(splitter, X, y):
    fold = np.zeros(len(X), dtype=int)
    for k, (_, test) in enumerate(splitter.split(X, y)):
        fold[test] = k
    return fold


def run(name, csv, target, model, splitter, scorers, X, y, proba):
    fold = folds_of(splitter, X, y)
    cv = [(np.where(fold != k)[0], np.where(fold == k)[0]) for k in range(fold.max() + 1)]
    res = cross_validate(model, X, y, cv=cv, scoring=scorers)
    scores = {}
    for ours, theirs in scorers.items():
        v = res["test_" + ours]
        scores[ours] = (-v if isinstance(theirs, str) and theirs.startswith("neg_") else v).tolist()
    out = {"name": name, "csv": csv, "target": target, "fold": fold.tolist(), "scores": scores}
    method = "predict_proba" if proba else "predict"
    out["oof"] = cross_val_predict(model, X, y, cv=cv, method=method).tolist()
    return out


def penguins():
    df = pd.read_csv(SRC + "penguins.csv")
    df.to_csv("cv_penguins.csv", index=False)
    X, y = df.drop(columns="species"), df.species
    num = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]
    cat = ["island", "sex"]
    pre = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), num),
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
                              OneHotEncoder(drop="if_binary", handle_unknown="ignore")), cat)])
    model = Pipeline([("prep", pre), ("lr", LogisticRegression(C=1.0, solver="newton-cg", tol=1e-12, max_iter=10000))])
    scorers = dict(CLF_SCORERS, roc_auc="roc_auc_ovr")
    return run("penguins", "cv_penguins.csv", "species", model,
               StratifiedKFold(5, shuffle=True, random_state=0), scorers, X, y, True)


def breast_cancer():
    df = pd.read_csv(SRC + "sk_breast_cancer.csv")
    df = pd.concat([df.iloc[:, :10], df[["target_name"]]], axis=1)
    df.to_csv("cv_breast_cancer.csv", index=False)
    X, y = df.drop(columns="target_name"), df.target_name
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.5, solver="newton-cg", tol=1e-12, max_iter=10000))
    scorers = dict(CLF_SCORERS, roc_auc="roc_auc", average_precision="average_precision",
                   f1="f1", brier="neg_brier_score")
    # string labels: the positive class for f1/average_precision is "malignant" (sorted second)
    from sklearn.metrics import make_scorer, f1_score, average_precision_score, brier_score_loss
    scorers["f1"] = make_scorer(f1_score, pos_label="malignant")
    scorers["average_precision"] = make_scorer(average_precision_score, needs_proba=True, pos_label="malignant")
    scorers["brier"] = make_scorer(brier_score_loss, needs_proba=True, pos_label="malignant")
    out = run("breast_cancer", "cv_breast_cancer.csv", "target_name", model,
              StratifiedKFold(5, shuffle=True, random_state=0), scorers, X, y, True)
    fold = np.asarray(out["fold"])
    cv = [(np.where(fold != k)[0], np.where(fold == k)[0]) for k in range(5)]
    grid = GridSearchCV(model, {"logisticregression__C": [0.01, 0.1, 1.0, 10.0]}, cv=cv,
                        scoring={"accuracy": "accuracy", "log_loss": "neg_log_loss"}, refit=False).fit(X, y)
    out["grid"] = {"C": [0.01, 0.1, 1.0, 10.0],
                   "accuracy": grid.cv_results_["mean_test_accuracy"].tolist(),
                   "accuracy_std": grid.cv_results_["std_test_accuracy"].tolist(),
                   "log_loss": (-grid.cv_results_["mean_test_log_loss"]).tolist()}
    return out


def diabetes():
    df = pd.read_csv(SRC + "sk_diabetes.csv").round(8)
    df.to_csv("cv_diabetes.csv", index=False)
    X, y = df.drop(columns="target"), df.target
    model = make_pipeline(StandardScaler(), LinearRegression())
    scorers = {"r2": "r2", "rmse": "neg_root_mean_squared_error", "mae": "neg_mean_absolute_error",
               "explained_variance": "explained_variance"}
    return run("diabetes", "cv_diabetes.csv", "target", model, KFold(5, shuffle=True, random_state=0),
               scorers, X, y, False)


if __name__ == "__main__":
    cases = [penguins(), breast_cancer(), diabetes()]
    for c in cases:  # make_scorer has no sign for losses: brier is positive already
        if "brier" in c["scores"]:
            c["scores"]["brier"] = [abs(v) for v in c["scores"]["brier"]]
    json.dump({"cases": cases}, sys.stdout, separators=(",", ":"))
