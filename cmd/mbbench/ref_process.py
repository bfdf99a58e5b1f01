"""Reference side of mbbench's process tasks: what a scikit-learn user runs
for `modelbench train FILE --target y [--cv 5]`, whole process, with
scikit-learn 1.2 and pandas 1.5 from Debian. Read the CSV; build the
pipeline Modelbench's default preparation amounts to for this file
(numbers: median imputation and standard scaling; the two category columns:
most-frequent imputation and one-hot encoding, unseen categories ignored,
two-category columns as one column); with --cv 5, cross_validate the
pipeline and a DummyClassifier/DummyRegressor (the baseline Modelbench
puts on every leaderboard) on the same stratified 5 folds with the metrics
Modelbench reports (n_jobs=2, the machine's two cores, which favours the
reference); then fit on every row and joblib.dump the model, as Modelbench
writes model.json. Nothing happens outside the timed span (the setup is the identity).
"""
import os
import tempfile

import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_validate
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

from ref_common import identity, main

LEARNERS = {
    "logistic": lambda: LogisticRegression(C=1.0, max_iter=1000),
    "tree": lambda: DecisionTreeClassifier(random_state=42),
    "forest": lambda: RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=42),
    "gbt": lambda: HistGradientBoostingClassifier(random_state=42),
    "knn": lambda: KNeighborsClassifier(n_neighbors=5, n_jobs=2),
    "naive_bayes": GaussianNB,
    "linear": LinearRegression,
}

CLASSIFICATION = ["accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro",
                  "f1_weighted", "matthews_corrcoef", "neg_log_loss", "roc_auc"]
REGRESSION = ["r2", "neg_root_mean_squared_error", "neg_mean_absolute_error", "neg_median_absolute_error",
              "explained_variance"]


def preparation(df):
    cats = [c for c in df.columns if df[c].dtype == object]
    nums = [c for c in df.columns if c not in cats]
    return ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), nums),
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
                              OneHotEncoder(handle_unknown="ignore", drop="if_binary")), cats),
    ])


def work(learner, folds, path):
    df = pd.read_csv(path)
    y = df.pop("y")
    regression = learner == "linear"
    pipe = Pipeline([("prep", preparation(df)), ("model", LEARNERS[learner]())])
    note = ""
    if folds:
        cv = KFold(folds, shuffle=True, random_state=42) if regression else StratifiedKFold(folds, shuffle=True, random_state=42)
        scoring = REGRESSION if regression else CLASSIFICATION
        base = Pipeline([("prep", preparation(df)), ("model", DummyRegressor() if regression else DummyClassifier())])
        cross_validate(base, df, y, cv=cv, scoring=scoring, n_jobs=2)
        res = cross_validate(pipe, df, y, cv=cv, scoring=scoring, n_jobs=2)
        main = "r2" if regression else "balanced_accuracy"
        note = "cv %s %.4f; " % (main, res["test_" + main].mean())
    pipe.fit(df, y)
    out = os.path.join(tempfile.mkdtemp(), "model.joblib")
    joblib.dump(pipe, out)
    size = os.path.getsize(out)
    os.remove(out)
    if not folds:
        note = "fitted on %d rows; " % len(y)
    return note + "model file %.2f MB" % (size / 1e6)


def trainer(learner, folds):
    return lambda path: work(learner, folds, path)


TASKS = {
    "process/train-logistic-cv0": (identity, trainer("logistic", 0)),
    "process/train-logistic-cv5": (identity, trainer("logistic", 5)),
    "process/train-tree-cv0": (identity, trainer("tree", 0)),
    "process/train-tree-cv5": (identity, trainer("tree", 5)),
    "process/train-forest-cv0": (identity, trainer("forest", 0)),
    "process/train-forest-cv5": (identity, trainer("forest", 5)),
    "process/train-gbt-cv0": (identity, trainer("gbt", 0)),
    "process/train-gbt-cv5": (identity, trainer("gbt", 5)),
    "process/train-knn-cv0": (identity, trainer("knn", 0)),
    "process/train-knn-cv5": (identity, trainer("knn", 5)),
    "process/train-naive_bayes-cv0": (identity, trainer("naive_bayes", 0)),
    "process/train-naive_bayes-cv5": (identity, trainer("naive_bayes", 5)),
    "process/train-linear-cv0": (identity, trainer("linear", 0)),
    "process/train-linear-cv5": (identity, trainer("linear", 5)),
}

if __name__ == "__main__":
    main(TASKS)
