"""Reference side of mbbench's model_linear tasks: scikit-learn 1.2 from
Debian's python3-sklearn. Like the Go side the setup reads the file, keeps
f0..f19 unscaled and cuts it into the first 80% of the rows for training
and the last 20% for testing; the work is fit and score (for
model/knn-predict-20k the fit is setup and the work is predicting the test
rows). See ref_common.py.
"""
import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier

from ref_common import main


def split(path):
    df = pd.read_csv(path)
    X = df[["f%d" % j for j in range(20)]].to_numpy()
    y = df["y"].to_numpy()
    cut = len(y) * 8 // 10
    return X[:cut], y[:cut], X[cut:], y[cut:]


def fit_score(make, metric):
    def run(s):
        X, y, Xt, yt = s
        return "%s %.4f" % (metric, make().fit(X, y).score(Xt, yt))
    return run


def knn():
    return KNeighborsClassifier(n_neighbors=5, n_jobs=2)


def fitted_knn(path):
    X, y, Xt, yt = split(path)
    return knn().fit(X, y), Xt, yt


def predict_knn(s):
    m, Xt, yt = s
    pred = m.predict(Xt)
    return "%d rows predicted; accuracy %.4f" % (len(pred), (pred == yt).mean())


TASKS = {
    "model/logistic-100k": (split, fit_score(lambda: LogisticRegression(C=1.0), "accuracy")),
    "model/knn-100k": (split, fit_score(knn, "accuracy")),
    "model/knn-predict-20k": (fitted_knn, predict_knn),
    "model/naive-bayes-100k": (split, fit_score(GaussianNB, "accuracy")),
    "model/linear-reg100k": (split, fit_score(LinearRegression, "R2")),
}

if __name__ == "__main__":
    main(TASKS)
