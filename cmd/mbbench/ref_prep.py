"""Reference side of mbbench's prep task: a scikit-learn 1.2 ColumnTransformer
from Debian's python3-sklearn, doing what task_prep.go's pipeline does.

The setup reads the file and adds "date" = 2000-01-01 00:00 plus the row
number in hours; the work is fit_transform and transform of: median
imputation, 1%/99% quantile clipping, min-max scaling and log1p of f0..f19;
OneHotEncoder(handle_unknown="ignore") of cat_a and cat_b; year, month, day,
dayofweek and hour of the date. The note gives the sum of every prepared
value. See ref_common.py.

The ColumnTransformer runs with its default n_jobs (one process): n_jobs=2
was measured too and took 2.4 times as long (joblib copies the frame to
worker processes), so the default is scikit-learn's best here.
"""
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, MinMaxScaler, OneHotEncoder

from ref_common import main


class QuantileClipper(BaseEstimator, TransformerMixin):
    """Clips each column to quantiles of the training rows (scikit-learn has no such class)."""

    def __init__(self, lower=0.01, upper=0.99):
        self.lower = lower
        self.upper = upper

    def fit(self, X, y=None):
        self.lo_, self.hi_ = np.nanquantile(np.asarray(X, dtype=float), [self.lower, self.upper], axis=0)
        return self

    def transform(self, X):
        return np.clip(np.asarray(X, dtype=float), self.lo_, self.hi_)


def date_parts(X):
    d = X.iloc[:, 0].dt
    return np.column_stack([d.year, d.month, d.day, d.dayofweek, d.hour]).astype(float)


def with_dates(path):
    df = pd.read_csv(path)
    df["date"] = pd.Timestamp("2000-01-01") + pd.to_timedelta(np.arange(len(df)), unit="h")
    return df


def pipeline(df):
    num = ["f%d" % j for j in range(20)]
    ct = ColumnTransformer([
        ("num", Pipeline([
            ("impute", SimpleImputer(strategy="median")),
            ("clip", QuantileClipper(0.01, 0.99)),
            ("scale", MinMaxScaler()),
            ("log", FunctionTransformer(np.log1p)),
        ]), num),
        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), ["cat_a", "cat_b"]),
        ("date", FunctionTransformer(date_parts), ["date"]),
    ])
    ct.fit_transform(df)
    out = ct.transform(df)
    return "%d x %d, checksum %.6g" % (out.shape[0], out.shape[1], np.nansum(out))


TASKS = {"prep/pipeline-1m": (with_dates, pipeline)}

if __name__ == "__main__":
    main(TASKS)
