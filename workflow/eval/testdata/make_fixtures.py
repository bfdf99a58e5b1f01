"""Reference values for workflow/eval, computed with scipy and numpy.

Run from this folder with Debian's Python (scipy 1.10, numpy 1.24):

    /usr/bin/python3 make_fixtures.py > fixtures.json

- "t_cdf": scipy.stats.t.cdf and .sf at assorted t and degrees of freedom.
- "ttest": the corrected resampled t-test (Nadeau & Bengio 2003) computed
  from its formula with numpy, its p-value from scipy.stats.t.sf.
"""
import json
import sys

import numpy as np
from scipy import stats


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


def main():
    rng = np.random.default_rng(7)
    json.dump({"t_cdf": t_cdf(), "ttest": ttests(rng)}, sys.stdout, indent=None, separators=(",", ":"))


if __name__ == "__main__":
    main()
