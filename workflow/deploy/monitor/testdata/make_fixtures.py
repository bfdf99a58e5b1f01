"""Reference values for workflow/deploy/monitor.

Sources: scipy 1.10.1 (scipy.stats.ks_2samp, kstwobign, wasserstein_distance,
chisquare, scipy.spatial.distance.jensenshannon), numpy 1.24.2 (quantiles,
percentiles, the PSI formula written out below), scikit-learn 1.2.1
(accuracy_score, balanced_accuracy_score, f1_score, mean_squared_error,
mean_absolute_error, r2_score) and pandas 1.5.3 (reading the real
datasets), all from Debian's packages. Run from this folder with Debian's
Python:

    /usr/bin/python3 make_fixtures.py > fixtures.json
"""

import json
import math
import os
import warnings

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance
from sklearn import metrics

warnings.simplefilter("ignore")
rng = np.random.default_rng(20240601)
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "internal", "testsets", "data")


def r4(x):
    """Round to 4 decimals so the fixture stays small (ties are fine)."""
    return [float(v) for v in np.round(np.asarray(x, dtype=float), 4)]


def ks_case(name, a, b):
    a, b = r4(a), r4(b)
    res = stats.ks_2samp(a, b, method="auto")
    return {"name": name, "a": a, "b": b, "statistic": float(res.statistic), "pvalue": float(res.pvalue)}


ks = [
    ks_case("tiny 5 vs 7", rng.normal(size=5), rng.normal(0.8, 1, size=7)),
    ks_case("equal sizes 40 shifted", rng.normal(size=40), rng.normal(0.5, 1, size=40)),
    ks_case("ties, integers 300 vs 200", rng.integers(0, 10, size=300), rng.integers(0, 11, size=200)),
    ks_case("monitor sizes 5000 vs 1000, same", rng.normal(size=5000), rng.normal(size=1000)),
    ks_case("monitor sizes 5000 vs 1000, shift 0.1", rng.normal(size=5000), rng.normal(0.1, 1, size=1000)),
    ks_case("1000 vs 997, scale", rng.normal(size=1000), rng.normal(0, 1.15, size=997)),
    ks_case("3 vs 10000", rng.normal(size=3), rng.normal(size=10000)),
    ks_case("far apart 30 vs 20", rng.normal(size=30), rng.normal(5, 1, size=20)),
]

# Above 10,000 values the package uses the limiting Kolmogorov distribution
# (kstwobign); scipy's auto mode uses kstwo at the effective size instead.
a, b = r4(rng.normal(size=12000)), r4(rng.normal(0.05, 1, size=400))
res = stats.ks_2samp(a, b, method="auto")
en = len(a) * len(b) / (len(a) + len(b))
ks_asymp = {"a": a, "b": b, "statistic": float(res.statistic),
            "kstwobign_p": float(stats.kstwobign.sf(math.sqrt(en) * res.statistic)),
            "scipy_auto_p": float(res.pvalue)}

kolmogorov = [{"lambda": lam, "sf": float(stats.kstwobign.sf(lam))}
              for lam in [0.05, 0.2, 0.5, 0.8, 0.99, 1.0, 1.2, 1.5, 2.0, 3.0, 5.0]]


def w_case(name, u, v):
    u, v = r4(u), r4(v)
    w = stats.wasserstein_distance(u, v)
    return {"name": name, "u": u, "v": v, "distance": float(w),
            "normalized": float(w / max(np.std(u), 0.001))}


wasserstein = [
    w_case("small", [0, 1, 3], [5, 6, 8]),
    w_case("normal 500 vs 300 shifted", rng.normal(size=500), rng.normal(0.3, 1, size=300)),
    w_case("integers with ties", rng.integers(0, 5, size=200), rng.integers(1, 6, size=150)),
    w_case("constant reference", [2.0] * 10, rng.normal(2, 0.01, size=20)),
]


def chi_case(name, obs, exp):
    obs, exp = [float(x) for x in obs], [float(x) for x in exp]
    res = stats.chisquare(obs, exp)
    return {"name": name, "observed": obs, "expected": exp,
            "statistic": float(res.statistic), "pvalue": float(res.pvalue)}


chisquare = [
    chi_case("uniform die", [16, 18, 16, 14, 12, 12], [14.666666666666666] * 6),
    chi_case("shares times n", [40, 35, 25], [0.5 * 100, 0.3 * 100, 0.2 * 100]),
    chi_case("strong change", [400, 50, 50], [166.66666666666666, 166.66666666666666, 166.66666666666669]),
    chi_case("many categories", [12, 7, 30, 5, 9, 11, 26], [14.0, 10.0, 22.0, 6.0, 9.0, 13.0, 26.0]),
]

jensenshannon = [
    {"p": p, "q": q, "distance": float(distance.jensenshannon(p, q))}
    for p, q in [
        ([0.5, 0.5, 0.0], [0.0, 0.1, 0.9]),
        ([1.0, 0.0], [0.0, 1.0]),
        ([10, 20, 30, 40], [40, 30, 20, 10]),
        ([0.25, 0.25, 0.25, 0.25], [0.26, 0.24, 0.25, 0.25]),
        ([5, 0, 3], [5, 0, 3]),
    ]
]

PSI_EPS = 1e-4


def psi_case(name, ref, cur, ref_missing, cur_missing):
    ref, cur = r4(ref), r4(cur)
    srt = np.sort(ref)
    edges = np.unique(np.quantile(srt, np.arange(1, 10) / 10))  # numpy linear quantiles, repeats removed
    rbins = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=len(edges) + 1)
    cbins = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1)
    e = np.append(rbins, ref_missing).astype(float)
    a = np.append(cbins, cur_missing).astype(float)
    e, a = e / e.sum(), a / a.sum()
    e[e == 0] = PSI_EPS
    a[a == 0] = PSI_EPS
    psi = float(np.sum((a - e) * np.log(a / e)))
    return {"name": name, "reference": ref, "current": cur, "reference_missing": ref_missing,
            "current_missing": cur_missing, "edges": [float(x) for x in edges],
            "reference_bins": [int(x) for x in rbins], "current_bins": [int(x) for x in cbins], "psi": psi}


psi = [
    psi_case("lognormal, shifted", rng.lognormal(size=2000), rng.lognormal(0.3, 1, size=700), 0, 0),
    psi_case("same distribution", rng.normal(size=3000), rng.normal(size=3000), 30, 31),
    psi_case("integers, repeated deciles, missing up", rng.integers(0, 4, size=1000), rng.integers(0, 6, size=400), 10, 80),
]


def class_case(t, p):
    return {"truth": t, "pred": p,
            "accuracy": float(metrics.accuracy_score(t, p)),
            "balanced_accuracy": float(metrics.balanced_accuracy_score(t, p)),
            "f1_macro": float(metrics.f1_score(t, p, average="macro"))}


labels = np.array(["cat", "dog", "fish"])
t = list(labels[rng.integers(0, 3, size=200)])
p = [x if rng.random() < 0.7 else str(labels[rng.integers(0, 3)]) for x in t]
p[:5] = ["bird"] * 5  # a class never true
classification = [
    class_case(t, p),
    class_case(["a", "a", "b", "b", "c"], ["a", "b", "b", "b", "b"]),
    class_case(["yes"] * 6, ["yes", "yes", "no", "yes", "no", "yes"]),
]


def reg_case(t, p):
    t, p = r4(t), r4(p)
    return {"truth": t, "pred": p,
            "rmse": float(math.sqrt(metrics.mean_squared_error(t, p))),
            "mae": float(metrics.mean_absolute_error(t, p)),
            "r2": float(metrics.r2_score(t, p))}


tv = rng.normal(10, 3, size=300)
regression = [
    reg_case(tv, tv + rng.normal(0, 1, size=300)),
    reg_case([1, 2, 3, 4], [4, 3, 2, 1]),
    reg_case([5, 5, 5], [5, 5, 5]),
    reg_case([5, 5, 5], [4, 5, 6]),
]

lat = r4(rng.lognormal(2, 0.5, size=997))
latency = {"ms": lat, "p50": float(np.percentile(lat, 50)), "p90": float(np.percentile(lat, 90)),
           "p99": float(np.percentile(lat, 99))}


def profile_dataset(fname, numeric, levels):
    df = pd.read_csv(os.path.join(DATA, fname))
    out = {"file": fname, "rows": len(df), "numeric": [], "levels": []}
    for col in numeric:
        s = df[col]
        x = np.sort(s.dropna().to_numpy(dtype=float))
        n = len(x)
        edges = np.unique(np.quantile(x, np.arange(1, 10) / 10))
        bins = np.bincount(np.searchsorted(edges, x, side="left"), minlength=len(edges) + 1)
        if n <= 5000:
            sample = x
        else:
            sample = x[np.floor((np.arange(5000) + 0.5) * n / 5000).astype(int)]
        out["numeric"].append({
            "name": col, "missing": int(s.isna().sum()), "mean": float(s.mean()), "std": float(s.std()),
            "min": float(s.min()), "max": float(s.max()), "edges": [float(e) for e in edges],
            "bins": [int(b) for b in bins], "sample_len": len(sample), "sample_sum": float(sample.sum()),
            "sample_first": float(sample[0]), "sample_mid": float(sample[len(sample) // 2]),
            "sample_last": float(sample[-1])})
    for col in levels:
        s = df[col]
        vc = s.value_counts()
        out["levels"].append({"name": col, "missing": int(s.isna().sum()),
                              "counts": {str(k): int(v) for k, v in vc.items()}})
    return out


datasets = [
    profile_dataset("penguins.csv", ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"],
                    ["species", "island", "sex"]),
    profile_dataset("diamonds.csv", ["carat", "depth", "table", "price", "x"], ["cut", "color", "clarity"]),
]

json.dump({"ks": ks, "ks_asymptotic": ks_asymp, "kolmogorov": kolmogorov, "wasserstein": wasserstein,
           "chisquare": chisquare, "jensenshannon": jensenshannon, "psi": psi, "psi_epsilon": PSI_EPS,
           "classification": classification, "regression": regression, "latency": latency,
           "datasets": datasets}, __import__("sys").stdout)
