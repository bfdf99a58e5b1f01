"""Reference values for workflow/eval, computed with scipy and numpy.

Run from this folder with Debian's Python (scipy 1.10, numpy 1.24):

    /usr/bin/python3 make_fixtures.py > fixtures.json

- "t_cdf": scipy.stats.t.cdf and .sf at assorted t and degrees of freedom.
- "ttest": the corrected resampled t-test (Nadeau & Bengio 2003) computed
  from its formula with numpy, its p-value from scipy.stats.t.sf.
- "slices": metrics per group of a column with pandas groupby and
  scikit-learn (accuracy_score, roc_auc_score, log_loss, mean_absolute_error).
- "worst": the rows with the largest log-loss contribution (clipped as
  scikit-learn's log_loss) or absolute error, by numpy.
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats
from sklearn import metrics as skm


def t_cdf():
    out = []
    for df in [1, 2, 3, 4, 5, 9, 10, 19, 29, 49, 99, 1000, 1e6]:
        for t in [-50, -8.5, -3.2, -2.0, -1.0, -0.3, 0.0, 0.01, 0.7, 1.5, 2.262, 4.0, 12.0, 300.0]:
            out.append({"t": t, "df": df, "cdf": float(stats.t.cdf(t, df)), "sf": float(stats.t.sf(t, df))})
    return out


def corrected(a, b, ratio):
    d = np.asarray(a) - np.asarray(b)
    j = len(d)
    var = d.var(ddof=1)
    t = d.mean() / np.sqrt((1 / j + ratio) * var)
    return {"a": list(a), "b": list(b), "ratio": ratio, "mean_diff": float(d.mean()),
            "std_diff": float(np.sqrt(var)), "t": float(t), "df": j - 1,
            "p": float(2 * stats.t.sf(abs(t), j - 1))}


def ttests(rng):
    out = []
    for k, r, shift in [(5, 1, 0.02), (10, 1, 0.0), (5, 2, 0.01), (10, 10, 0.005), (3, 1, 0.1)]:
        base = rng.uniform(0.7, 0.9, k * r)
        a = np.round(base + shift + rng.normal(0, 0.015, k * r), 6)
        b = np.round(base + rng.normal(0, 0.015, k * r), 6)
        out.append(corrected(a.tolist(), b.tolist(), 1 / (k - 1)))
    return out


def slices(rng):
    n = 300
    region = rng.choice(["north", "south", "east", "islands"], n, p=[0.4, 0.35, 0.22, 0.03])
    y = rng.integers(0, 2, n)
    # the model is worse in the south: more noise in its scores there
    noise = np.where(region == "south", 1.6, 0.7)
    logit = (2 * y - 1) * 1.2 + rng.normal(0, 1, n) * noise
    p1 = np.round(1 / (1 + np.exp(-logit)), 4)
    pred = (p1 >= 0.5).astype(int)
    age = np.round(rng.uniform(18, 80, n))
    age[rng.random(n) < 0.05] = np.nan
    df = pd.DataFrame({"region": region, "y": y, "pred": pred, "p1": p1, "age": age})
    out = {"region": region.tolist(), "age": [None if np.isnan(a) else a for a in age],
           "y": y.tolist(), "pred": pred.tolist(), "p1": p1.tolist(), "groups": {}}
    for metric, fn in [("accuracy", lambda g: skm.accuracy_score(g.y, g.pred)),
                       ("roc_auc", lambda g: skm.roc_auc_score(g.y, g.p1) if g.y.nunique() == 2 else None),
                       ("log_loss", lambda g: skm.log_loss(g.y, np.c_[1 - g.p1, g.p1], labels=[0, 1]))]:
        out["groups"][metric] = {k: fn(g) for k, g in df.groupby("region")}
        out["groups"][metric]["(all)"] = fn(df)
    # age in quartile groups: inner edges at the sorted values n/4, n/2, 3n/4
    present = np.sort(age[~np.isnan(age)])
    edges = [present[b * len(present) // 4] for b in (1, 2, 3)]
    grp = np.where(np.isnan(age), 4, np.searchsorted(edges, age, side="right"))
    out["age_groups"] = {int(g): {"rows": int((grp == g).sum()),
                                  "accuracy": skm.accuracy_score(y[grp == g], pred[grp == g])}
                         for g in np.unique(grp)}
    out["age_edges"] = edges
    out["counts"] = df.region.value_counts().to_dict()
    return out


def worst(rng):
    n = 60
    y = rng.integers(0, 3, n)
    p = rng.dirichlet([1, 1, 1], n).round(4)
    p[:, 2] = 1 - p[:, 0] - p[:, 1]
    p[5] = [0.0, 0.5, 0.5]  # the true class gets probability 0: clipped
    y[5] = 0
    eps = np.finfo(float).eps
    c = np.clip(p, eps, 1 - eps)
    c = c / c.sum(axis=1, keepdims=True)
    loss = -np.log(c[np.arange(n), y])
    order = np.argsort(-loss, kind="stable")[:10]
    yt = rng.normal(size=40)
    yp = yt + rng.normal(size=40)
    err = np.abs(yt - yp)
    return {"y": y.tolist(), "proba": p.tolist(), "rows": order.tolist(), "loss": loss[order].tolist(),
            "reg_true": yt.tolist(), "reg_pred": yp.tolist(),
            "reg_rows": np.argsort(-err, kind="stable")[:5].tolist(), "reg_loss": np.sort(err)[::-1][:5].tolist()}


def main():
    rng = np.random.default_rng(7)
    out = {"t_cdf": t_cdf(), "ttest": ttests(rng), "slices": slices(rng), "worst": worst(rng)}
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"))


if __name__ == "__main__":
    main()
